"""SEND training pages: the year's plan, planning a session (checked before it is saved), a
session and its attendance, the Code of Practice briefing, and each person's history.

Thin views: read through the selectors (another school's records are 404, a governor's 403),
call one service, redirect with a message. DfE SEND implementation guidance, "Training and
Support": training planned in advance, never in the evenings or at weekends.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.forms import add_service_errors
from opensend.law.dates import academic_year_of
from opensend.organisations.selectors import FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR
from opensend.workforce.models import SessionStatus
from opensend.workforce.selectors._access import get_school_for_workforce
from opensend.workforce.selectors.staff import get_staff_for
from opensend.workforce.selectors.training import (
    attendance_choices,
    attended_ids,
    audience_labels,
    briefing_status,
    check_warnings,
    get_session_for,
    problem_labels,
    training_history_for,
    training_plan_for,
    warns,
)
from opensend.workforce.selectors.training import (
    my_training as my_training_for,
)
from opensend.workforce.services import training as services
from opensend.workforce.training_forms import AttendanceForm, SessionForm

# The form's fields for the service's argument names, so its errors land by the right box.
FIELD_MAP = {"starts_at": "day", "ends_at": "end_time"}
KEEP_REASON_NEEDED = "Give a reason to keep the session at this time, or change its date or time"


def _year(value, default: int) -> int:
    """?year=2026 for the school year 2026 to 2027; anything else shows the current year."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return default
    return year if FIRST_ACADEMIC_YEAR <= year <= LAST_ACADEMIC_YEAR else default


def _plan_url(school_id, academic_year: int) -> str:
    return f"{reverse('workforce_training', args=[school_id])}?year={academic_year}"


def _session_year(session) -> int:
    return academic_year_of(timezone.localtime(session.starts_at).date())


@login_required
def training_plan(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    this_year = academic_year_of(timezone.localdate())
    year = _year(request.GET.get("year"), this_year)
    plan = training_plan_for(school, year)
    rows = [
        {"session": s, "audiences": audience_labels(s), "flags": problem_labels(s)}
        for s in plan.sessions
    ]
    context = {
        "school": school,
        "plan": plan,
        "rows": rows,
        "year": year,
        "this_year": this_year,
        "previous_year": year - 1 if year > FIRST_ACADEMIC_YEAR else None,
        "next_year": year + 1 if year < LAST_ACADEMIC_YEAR else None,
    }
    return render(request, "workforce/training/plan.html", context)


def _plan_session(request, school, form):
    """Check the session; save it, or say what the check found. Returns the saved session, or
    None (the form then carries the errors) and the check's warnings."""
    data = form.cleaned_data
    starts_at, ends_at = form.starts_at(), form.ends_at()
    try:
        slot = services.training_check(school=school, starts_at=starts_at, ends_at=ends_at)
    except ValidationError as error:
        add_service_errors(form, error, FIELD_MAP)
        return None, []
    warnings = check_warnings(school, slot) if warns(slot) else []
    if warnings and not data["keep_reason"].strip():
        form.add_error("keep_reason", KEEP_REASON_NEEDED)
        return None, warnings
    try:
        session = services.training_session_plan(
            actor=request.user,
            school=school,
            title=data["title"],
            purpose=data["purpose"],
            provider=data["provider"],
            audiences=data["audiences"],
            starts_at=starts_at,
            ends_at=ends_at,
            is_code_briefing=data["is_code_briefing"],
            keep_reason=data["keep_reason"],
        )
    except ValidationError as error:
        add_service_errors(form, error, FIELD_MAP)
        return None, warnings
    return session, warnings


@login_required
def session_new(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    warnings = []
    if request.method == "POST":
        form = SessionForm(request.POST)
        if form.is_valid():
            session, warnings = _plan_session(request, school, form)
            if session is not None:
                if warnings:
                    messages.success(request, f"{session.title} is planned, with your reason")
                else:
                    messages.success(request, f"{session.title} is planned")
                return redirect(_plan_url(school.pk, _session_year(session)))
    else:
        form = SessionForm(initial={"is_code_briefing": request.GET.get("briefing") == "1"})
    context = {"school": school, "form": form, "warnings": warnings}
    return render(request, "workforce/training/session_new.html", context)


def _check_of(session) -> list[str]:
    """The check as it stands today, against the day the session was planned."""
    try:
        slot = services.training_check(
            school=session.school,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            planned_on=session.planned_on,
        )
    except ValidationError:
        return []
    return check_warnings(session.school, slot) if warns(slot) else []


@login_required
def session_detail(request, session_id):
    session = get_session_for(request.user, session_id)
    started = session.starts_at <= timezone.now()
    can_record = started and session.status != SessionStatus.CANCELLED
    staff = attendance_choices(session) if can_record else []
    if request.method == "POST":
        form = AttendanceForm(request.POST, staff=staff)
        if form.is_valid():
            try:
                count = services.training_attendance_record(
                    actor=request.user, session=session, attended=form.chosen()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                people = "person" if count == 1 else "people"
                messages.success(request, f"Attendance saved: {count} {people} attended")
                return redirect("workforce_training_session", session.pk)
    else:
        ticked = [str(pk) for pk in attended_ids(session)]
        form = AttendanceForm(initial={"attended": ticked}, staff=staff)
    context = {
        "session": session,
        "school": session.school,
        "audiences": audience_labels(session),
        "flags": problem_labels(session),
        "warnings": _check_of(session),
        "started": started,
        "can_record": can_record,
        "form": form,
        "year": _session_year(session),
    }
    return render(request, "workforce/training/session_detail.html", context)


@login_required
@require_POST
def session_cancel(request, session_id):
    session = get_session_for(request.user, session_id)
    try:
        services.training_session_cancel(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workforce_training_session", session.pk)
    messages.success(request, f"{session.title} is cancelled")
    return redirect(_plan_url(session.school_id, _session_year(session)))


@login_required
def briefing(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    briefed, not_briefed, next_briefing = briefing_status(school)
    today = timezone.localdate()
    context = {
        "school": school,
        "briefed": briefed,
        "not_briefed": not_briefed,
        "next_briefing": next_briefing,
        "no_address": [t for t in not_briefed if not t.email],
        "reminded_today": [t for t in not_briefed if t.briefing_reminded_on == today],
        "teachers": len(briefed) + len(not_briefed),
    }
    return render(request, "workforce/training/briefing.html", context)


def _people(count: int) -> str:
    return f"{count} teacher{'s' if count != 1 else ''}"


@login_required
@require_POST
def briefing_remind(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    _briefed, not_briefed, _next = briefing_status(school)
    no_address = [t.full_name for t in not_briefed if not t.email]
    with_address = len(not_briefed) - len(no_address)
    sent = services.briefing_remind(actor=request.user, school=school)
    if not not_briefed:
        messages.info(request, "Every teacher has been briefed: there is nobody to remind")
    elif sent:
        messages.success(request, f"Reminder emailed to {_people(sent)}")
    if with_address - sent > 0:
        messages.info(
            request,
            f"{_people(with_address - sent)} had already been reminded today, so "
            f"{'was' if with_address - sent == 1 else 'were'} not emailed again",
        )
    if no_address:
        messages.info(
            request,
            f"{_people(len(no_address))} could not be emailed because there is no email "
            f"address for them ({', '.join(no_address)}). Tell them in person, or add their "
            "address on the staff list",
        )
    return redirect("workforce_briefing", school.pk)


@login_required
def staff_training(request, staff_id):
    member = get_staff_for(request.user, staff_id)
    context = {
        "member": member,
        "school": member.school,
        "history": training_history_for(member),
    }
    return render(request, "workforce/training/staff_training.html", context)


@login_required
def my_training(request):
    mine = my_training_for(request.user)
    rows = [{"session": s, "audiences": audience_labels(s)} for s in mine.upcoming]
    context = {"mine": mine, "upcoming": rows, "several_schools": _several(mine)}
    return render(request, "workforce/training/my_training.html", context)


def _several(mine) -> bool:
    schools = {r.school_id for r in mine.records} | {s.pk for s in mine.schools_without_record}
    return len(schools) > 1
