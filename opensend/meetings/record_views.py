"""Staff pages for one meeting: what it is and who is invited, its record, and cancelling it.

The school's staff see the meeting (404 for anyone else, including families: they see their own
place on the family pages); only the SENCO and head record or cancel it (403 for other staff).
A meeting that cannot be recorded or cancelled (cancelled, only proposed, not started yet,
already held) sends the person back to the meeting with the reason.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from opensend.core.forms import (
    STALE_EDIT_MESSAGE,
    add_service_errors,
    save_versioned,
)
from opensend.core.services import StaleEditError
from opensend.meetings import records
from opensend.meetings.models import MeetingStatus
from opensend.meetings.record_forms import MeetingCancelForm, MeetingRecordForm
from opensend.meetings.selectors import can_manage_meetings, get_meeting_for


def _invitees(meeting):
    return list(
        meeting.invitees.select_related("child").order_by("child__last_name", "child__first_name")
    )


def _require_manager(request, meeting) -> None:
    if not can_manage_meetings(request.user, meeting.school):
        raise PermissionDenied("Only the SENCO or head teacher can record or cancel meetings.")


@login_required
def meeting_detail(request, meeting_id):
    meeting = get_meeting_for(request.user, meeting_id)
    invitees = _invitees(meeting)
    can_manage = can_manage_meetings(request.user, meeting.school)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "invitees": invitees,
            "is_held": meeting.status == MeetingStatus.HELD,
            "can_record": can_manage and not records.record_refusal(meeting),
            "can_cancel": can_manage
            and meeting.status in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
            "attended": sum(1 for invitee in invitees if invitee.attended),
        },
    )


def _plans_message(meeting) -> str:
    count = len(getattr(meeting, "updated_plans", []))
    if not count:
        return "Meeting recorded"
    plans = "1 support plan" if count == 1 else f"{count} support plans"
    return f"Meeting recorded. What was said and agreed was added to {plans}"


@login_required
def meeting_record(request, meeting_id):
    meeting = get_meeting_for(request.user, meeting_id)
    _require_manager(request, meeting)
    if refusal := records.record_refusal(meeting):
        messages.info(request, refusal)
        return redirect("meeting_detail", meeting.pk)
    invitees = _invitees(meeting)
    differences = None
    if request.method == "POST":
        form = MeetingRecordForm(request.POST, invitees=invitees)
        if form.is_valid():
            try:
                saved = records.meeting_record(
                    actor=request.user,
                    meeting=meeting,
                    record=form.record_data(),
                    families=form.families(),
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEditError as stale:
                invitees = _invitees(meeting)  # their latest versions and views
                form = MeetingRecordForm.rebased(
                    request.POST, stale.current, invitees, STALE_EDIT_MESSAGE
                )
                differences = stale.differences
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _plans_message(saved))
                return redirect("meeting_detail", meeting.pk)
    else:
        form = MeetingRecordForm(
            initial=MeetingRecordForm.initial_from(meeting, invitees), invitees=invitees
        )
    return render(
        request,
        "meetings/record_form.html",
        {"meeting": meeting, "form": form, "differences": differences},
    )


@login_required
def meeting_cancel(request, meeting_id):
    meeting = get_meeting_for(request.user, meeting_id)
    _require_manager(request, meeting)
    if meeting.status not in (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED):
        messages.info(request, f"This meeting is {meeting.get_status_display().lower()}")
        return redirect("meeting_detail", meeting.pk)
    if request.method == "POST":
        form, _, saved = save_versioned(
            MeetingCancelForm,
            request.POST,
            lambda form: records.meeting_cancel(
                actor=request.user,
                meeting=meeting,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, "Meeting cancelled")
            return redirect("meeting_detail", meeting.pk)
    else:
        form = MeetingCancelForm(initial={"version": meeting.version})
    return render(request, "meetings/record_cancel.html", {"meeting": meeting, "form": form})
