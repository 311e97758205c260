"""Pages to plan the year's parent meetings, adjust the proposals and confirm them (CoP 6.65).

Thin views over `opensend.meetings.planning`. The school's staff see its meetings; only the
SENCO and head plan, change and confirm them (403 for teachers and assistants, 404 for anyone
outside the school).
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.forms import (
    GovukDateField,
    VersionedForm,
    add_service_errors,
    save_versioned,
)
from opensend.core.school_choice import to_school_page
from opensend.law.dates import academic_year_of
from opensend.meetings import planning
from opensend.meetings.models import Invitee, MeetingMode, MeetingSlot, MeetingStatus
from opensend.meetings.selectors import can_manage_meetings, get_meeting_for, meetings_visible_to
from opensend.organisations.selectors import terms_or_defaults_for
from opensend.people import selectors as people_selectors

# Forms -----------------------------------------------------------------------------------


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class PlanYearForm(forms.Form):
    academic_year = forms.TypedChoiceField(
        label="Which school year?", coerce=int, widget=forms.RadioSelect
    )
    slots = forms.MultipleChoiceField(
        label="Which meetings should families be offered?",
        help_text="Select all that apply. Proposals take them in turn, so families get a mix.",
        choices=planning.SLOT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one kind of meeting to offer"},
    )
    group_size = forms.IntegerField(
        label="Up to how many families meet together?",
        help_text=(
            "Enter 1 for a meeting with each family on their own. Larger numbers make group "
            "meetings of families with children in the same year group."
        ),
        min_value=1,
        max_value=planning.MAX_GROUP_SIZE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
        error_messages={
            "required": "Enter up to how many families meet together",
            "invalid": "Families in a meeting must be a whole number, like 4",
            "min_value": f"Families in a meeting must be between 1 and {planning.MAX_GROUP_SIZE}",
            "max_value": f"Families in a meeting must be between 1 and {planning.MAX_GROUP_SIZE}",
        },
    )
    staff = StaffChoiceField(
        label="Who leads the meetings?",
        help_text="Meetings are shared between the people you select.",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one member of staff to lead meetings"},
    )

    def __init__(self, *args, school, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_list = planning.meeting_staff(school)
        from django.contrib.auth import get_user_model

        self.fields["staff"].queryset = get_user_model().objects.filter(
            pk__in=[user.pk for user in self.staff_list]
        )
        self.fields["academic_year"].choices = [(y, f"{y} to {y + 1}") for y in years]

    def clean_staff(self):
        # Keep the page's order (SENCO first) so the first meetings go to the first chosen.
        chosen = {user.pk for user in self.cleaned_data["staff"]}
        return [user for user in self.staff_list if user.pk in chosen]


class MeetingEditForm(VersionedForm):
    day = GovukDateField(
        what="date of the meeting", label="Date", help_text="For example, 12 1 2027"
    )
    start_time = forms.TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 15:45",
        input_formats=["%H:%M", "%H.%M", "%H%M"],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time as hours and minutes, like 15:45",
        },
    )
    duration_minutes = forms.IntegerField(
        label="How long, in minutes",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how long the meeting lasts",
            "invalid": "Enter how long the meeting lasts in minutes, like 30",
        },
    )
    slot = forms.ChoiceField(label="When", choices=MeetingSlot.choices, widget=forms.RadioSelect)
    mode = forms.ChoiceField(label="How", choices=MeetingMode.choices, widget=forms.RadioSelect)
    staff = forms.ChoiceField(label="Who leads it", widget=forms.RadioSelect)
    location = forms.CharField(
        label="Where, or how to join (optional)",
        help_text="A room, or the link or number for an online or phone meeting",
        required=False,
        max_length=300,
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff_list = planning.meeting_staff(school)
        self.fields["staff"].choices = [(str(u.pk), u.full_name) for u in self.staff_list]

    def staff_user(self):
        wanted = self.cleaned_data["staff"]
        return next((u for u in self.staff_list if str(u.pk) == wanted), None)


class MovePlaceForm(forms.Form):
    to_meeting = forms.ChoiceField(label="Move to", widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_meeting"].choices = [*choices, ("own", "A meeting of their own")]
        self.fields["to_meeting"].error_messages["required"] = "Select where to move the family"


# Helpers ---------------------------------------------------------------------------------


def _posted(request):
    return request.POST if request.method == "POST" else None


def _managed_school(request, school_id):
    """The school, for its SENCO or head: 404 outside the school, 403 for other staff."""
    school = people_selectors.get_register_school_for(request.user, school_id)
    if not can_manage_meetings(request.user, school):
        raise PermissionDenied("Only the SENCO or head teacher can plan parent meetings.")
    return school


def _managed_proposal(request, meeting_id):
    meeting = get_meeting_for(request.user, meeting_id)
    if not can_manage_meetings(request.user, meeting.school):
        raise PermissionDenied("Only the SENCO or head teacher can change parent meetings.")
    return meeting


def _not_a_proposal(request, meeting):
    messages.info(request, "This meeting has been confirmed: it is no longer a proposal")
    return redirect("school_meetings", meeting.school_id)


def _url_if_exists(name, *args):
    """Link to a page another part of the app serves, when that page exists."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _meeting_when(meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    return f"{start:%A} {start.day} {start:%B %Y} at {start:%H:%M}"


def _proposed_url(school, year):
    return f"{reverse('meetings_proposed', args=[school.pk])}?year={year}"


# Views -----------------------------------------------------------------------------------


@login_required
def meetings_index(request):
    """The menu's "Parent meetings": straight to the school's meetings, or a choice."""
    return to_school_page(
        request,
        people_selectors.schools_for_register(request.user),
        url_name="school_meetings",
        title="Parent meetings",
        none_message="You are not on the staff of a school.",
    )


@login_required
def school_meetings(request, school_id):
    school = people_selectors.get_register_school_for(request.user, school_id)
    now = timezone.now()
    visible = meetings_visible_to(request.user).filter(school=school)
    upcoming = list(
        visible.filter(status=MeetingStatus.CONFIRMED, starts_at__gte=now)
        .select_related("staff")
        .prefetch_related("invitees__child")[:50]
    )
    # Confirmed meetings whose time has come: the next step is to write the record.
    to_record = list(
        visible.filter(status=MeetingStatus.CONFIRMED, starts_at__lt=now)
        .select_related("staff")
        .order_by("-starts_at")[:50]
    )
    for meeting in upcoming + to_record:
        meeting.detail_url = _url_if_exists("meeting_detail", meeting.pk)
        meeting.record_url = _url_if_exists("meeting_record", meeting.pk)
    proposed = {
        row: visible.filter(status=MeetingStatus.PROPOSED, academic_year=row).count()
        for row in planning.proposed_years(request.user, school)
    }
    return render(
        request,
        "meetings/plan_school_meetings.html",
        {
            "school": school,
            "upcoming": upcoming,
            "to_record": to_record,
            "proposed": proposed,
            "can_manage": can_manage_meetings(request.user, school),
            "compliance_url": _url_if_exists("meetings_compliance", school.pk),
        },
    )


@login_required
def meetings_plan(request, school_id):
    school = _managed_school(request, school_id)
    today = timezone.localdate()
    this_year = academic_year_of(today)
    years = [this_year, this_year + 1]
    staff = planning.meeting_staff(school)
    form = PlanYearForm(
        _posted(request),
        school=school,
        years=years,
        initial={
            # In July and August the SENCO is planning the year ahead.
            "academic_year": this_year + 1 if today.month in (7, 8) else this_year,
            "slots": [planning.SLOT_SCHOOL_DAY, planning.SLOT_AFTER_SCHOOL, planning.SLOT_ONLINE],
            "group_size": 1,
            "staff": [user.pk for user in staff if user.pk == request.user.pk]
            or [user.pk for user in staff[:1]],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = planning.plan_year(
                actor=request.user,
                school=school,
                academic_year=data["academic_year"],
                slots=data["slots"],
                group_size=data["group_size"],
                staff=data["staff"],
                today=today,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(result.meetings)
            if count:
                messages.success(
                    request,
                    f"{count} meeting{'s' if count != 1 else ''} proposed for "
                    f"{result.pupils} pupil{'s' if result.pupils != 1 else ''}. "
                    "Check them, then confirm to invite the families",
                )
            else:
                messages.info(
                    request, "Every pupil on the SEN register already has their meetings planned"
                )
            return redirect(_proposed_url(school, data["academic_year"]))
    year_terms = terms_or_defaults_for(school, this_year)
    return render(
        request,
        "meetings/plan_year.html",
        {"school": school, "form": form, "year_terms": year_terms},
    )


@login_required
def meetings_proposed(request, school_id):
    school = _managed_school(request, school_id)
    this_year = academic_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or this_year)
    except ValueError:
        year = this_year
    if not this_year - 1 <= year <= this_year + planning.MAX_YEAR_AHEAD:
        year = this_year
    error = ""
    if request.method == "POST":
        try:
            meetings, invited = planning.confirm_year(
                actor=request.user, school=school, academic_year=year
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            messages.success(
                request,
                f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} confirmed. "
                f"{invited} famil{'ies' if invited != 1 else 'y'} invited",
            )
            return redirect("school_meetings", school.pk)
    meetings = list(planning.proposed_meetings(request.user, school, year))
    terms = []
    for term in terms_or_defaults_for(school, year).terms:
        in_term = [m for m in meetings if m.term == term.name]
        for meeting in in_term:
            meeting.when = _meeting_when(meeting)
        terms.append({"term": term, "meetings": in_term})
    return render(
        request,
        "meetings/plan_proposed.html",
        {
            "school": school,
            "year": year,
            "terms": terms,
            "count": len(meetings),
            "families": sum(len(m.invitees.all()) for m in meetings),
            "error": error,
        },
    )


@login_required
def meeting_proposal_edit(request, meeting_id):
    meeting = _managed_proposal(request, meeting_id)
    if meeting.status != MeetingStatus.PROPOSED:
        return _not_a_proposal(request, meeting)
    start = timezone.localtime(meeting.starts_at)
    initial = {
        "version": meeting.version,
        "day": start.date(),
        "start_time": start.strftime("%H:%M"),
        "duration_minutes": meeting.duration_minutes,
        "slot": meeting.slot,
        "mode": meeting.mode,
        "staff": str(meeting.staff_id) if meeting.staff_id else "",
        "location": meeting.location,
    }
    form = MeetingEditForm(school=meeting.school, initial=initial)
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            MeetingEditForm,
            request.POST,
            lambda form: planning.proposed_meeting_update(
                actor=request.user,
                meeting=meeting,
                day=form.cleaned_data["day"],
                start_time=form.cleaned_data["start_time"],
                slot=form.cleaned_data["slot"],
                mode=form.cleaned_data["mode"],
                staff=form.staff_user(),
                duration_minutes=form.cleaned_data["duration_minutes"],
                location=form.cleaned_data["location"],
                expected_version=form.cleaned_data["version"],
            ),
            school=meeting.school,
        )
        if saved:
            messages.success(request, "Meeting changed")
            return redirect(_proposed_url(meeting.school, meeting.academic_year))
    return render(
        request,
        "meetings/plan_meeting_edit.html",
        {
            "meeting": meeting,
            "form": form,
            "differences": differences,
            "when": _meeting_when(meeting),
            "families": list(meeting.invitees.select_related("child")),
            "back": _proposed_url(meeting.school, meeting.academic_year),
        },
    )


@login_required
def meeting_proposal_remove(request, meeting_id):
    meeting = _managed_proposal(request, meeting_id)
    if meeting.status != MeetingStatus.PROPOSED:
        return _not_a_proposal(request, meeting)
    back = _proposed_url(meeting.school, meeting.academic_year)
    if request.method == "POST":
        planning.proposed_meeting_remove(actor=request.user, meeting=meeting)
        messages.success(request, "Proposed meeting removed")
        return redirect(back)
    return render(
        request,
        "meetings/plan_meeting_remove.html",
        {
            "meeting": meeting,
            "when": _meeting_when(meeting),
            "families": list(meeting.invitees.select_related("child")),
            "back": back,
        },
    )


@login_required
def meeting_place_move(request, invitee_id):
    invitee = get_audited(
        Invitee.objects.filter(meeting__in=meetings_visible_to(request.user)).select_related(
            "meeting__school", "meeting__staff", "child"
        ),
        invitee_id,
        user=request.user,
        subject_id=lambda place: place.child_id,
    )
    meeting = invitee.meeting
    if not can_manage_meetings(request.user, meeting.school):
        raise PermissionDenied("Only the SENCO or head teacher can change parent meetings.")
    if meeting.status != MeetingStatus.PROPOSED:
        return _not_a_proposal(request, meeting)
    others = (
        planning.proposed_meetings(request.user, meeting.school, meeting.academic_year)
        .filter(term=meeting.term)
        .exclude(pk=meeting.pk)
    )
    choices = [
        (
            str(other.pk),
            f"{_meeting_when(other)}, {other.get_kind_display().lower()}, "
            f"{len(other.invitees.all())} famil{'ies' if len(other.invitees.all()) != 1 else 'y'}"
            + (f", with {other.staff.full_name}" if other.staff else ""),
        )
        for other in others
    ]
    form = MovePlaceForm(_posted(request), choices=choices)
    back = _proposed_url(meeting.school, meeting.academic_year)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["to_meeting"]
        target = None if chosen == "own" else others.get(pk=chosen)
        try:
            planning.invitee_move(actor=request.user, invitee=invitee, to_meeting=target)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Family moved")
            return redirect(back)
    return render(
        request,
        "meetings/plan_place_move.html",
        {
            "invitee": invitee,
            "meeting": meeting,
            "when": _meeting_when(meeting),
            "form": form,
            "back": back,
        },
    )
