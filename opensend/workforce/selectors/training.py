"""Reads of SEND training: the year's plan, one session, each person's history, the briefing.

Managers (the SENCO and head) see their school's plan, sessions and people's histories; a
member of staff sees only their own training (`my_training`). Getters 404 outside the person's
reach and 403 a governor, who reads aggregates only (issue 10's access matrix).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from opensend.law.meetings import academic_year_bounds
from opensend.law.training import (
    BANK_HOLIDAY,
    OUTSIDE_SCHOOL_DAY,
    SCHOOL_CLOSURE,
    WEEKEND,
    TrainingSlot,
)
from opensend.organisations.models import ClosureDay, Organisation
from opensend.organisations.selectors import active_memberships
from opensend.people.selectors import staff_school_ids
from opensend.workforce.models import (
    TEACHING_JOBS,
    Audience,
    Job,
    SessionStatus,
    StaffMember,
    TrainingAttendance,
    TrainingSession,
)
from opensend.workforce.selectors._access import manager_school_ids, reader_school_ids
from opensend.workforce.services.staff import JOB_FOR_ROLE  # the job an account stands for

# Which jobs each audience is for (a Code of Practice briefing is for "all teachers": the
# jobs whose holders teach, models.TEACHING_JOBS).
AUDIENCE_JOBS: dict[str, frozenset[str]] = {
    Audience.ALL_STAFF: frozenset(Job.values),
    Audience.ALL_TEACHERS: TEACHING_JOBS,
    Audience.SENCO: frozenset({Job.SENCO}),
    Audience.TEACHING_ASSISTANTS: frozenset({Job.TEACHING_ASSISTANT}),
    Audience.LEADERS: frozenset({Job.HEAD, Job.LEADER}),
    Audience.GOVERNORS: frozenset(),
}
PROBLEM_LABELS = {
    WEEKEND: "Weekend",
    BANK_HOLIDAY: "Bank holiday",
    SCHOOL_CLOSURE: "School closed",
    OUTSIDE_SCHOOL_DAY: "Outside the school day",
}


def is_for_job(session: TrainingSession, job: str) -> bool:
    return any(job in AUDIENCE_JOBS.get(audience, ()) for audience in session.audiences)


def audience_labels(session: TrainingSession) -> list[str]:
    labels = dict(Audience.choices)
    return [labels.get(value, value) for value in session.audiences]


def problem_labels(session: TrainingSession) -> list[str]:
    """Short words for a stored session's warnings, for its tag in the plan."""
    words = [PROBLEM_LABELS.get(problem, problem) for problem in session.problems]
    if not session.planned_in_advance:
        words.append(_notice_words(session.notice_days))
    return words


def _notice_words(days: int) -> str:
    if days < 0:
        return "Recorded after the day"
    return "1 day's notice" if days == 1 else f"{days} days' notice"


# --- the year's plan -----------------------------------------------------------------------------


def year_window(academic_year: int) -> tuple[datetime, datetime]:
    """1 September 00:00 to the next 1 September 00:00, UK time."""
    first, last = academic_year_bounds(academic_year)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time(0, 0), tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time(0, 0), tzinfo=zone),
    )


@dataclass(frozen=True)
class TrainingPlan:
    academic_year: int
    sessions: list[TrainingSession]  # each with `attended_count`
    inside: int  # sessions (not cancelled) in directed time
    outside: int  # sessions (not cancelled) outside it
    short_notice: int  # sessions (not cancelled) planned with less notice than the minimum


def training_plan_for(school: Organisation, academic_year: int) -> TrainingPlan:
    """The academic year's sessions in date order, with how many attended each (one query)."""
    start, end = year_window(academic_year)
    sessions = list(
        TrainingSession.objects.filter(school=school, starts_at__gte=start, starts_at__lt=end)
        .annotate(attended_count=Count("attendance", filter=Q(attendance__attended=True)))
        .order_by("starts_at", "title")
    )
    live = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    return TrainingPlan(
        academic_year=academic_year,
        sessions=sessions,
        inside=sum(1 for s in live if s.in_directed_time),
        outside=sum(1 for s in live if not s.in_directed_time),
        short_notice=sum(1 for s in live if not s.planned_in_advance),
    )


# --- one session, one person ---------------------------------------------------------------------


def _in_reach(user, school_id, *, manage: bool, what: str) -> None:
    if school_id not in reader_school_ids(user):
        raise Http404(f"No such {what}.")
    if manage and school_id not in manager_school_ids(user):
        raise PermissionDenied("Only the school's SENCO or head can do this.")


def get_session_for(user, session_id, *, manage: bool = True) -> TrainingSession:
    try:
        session = TrainingSession.objects.select_related("school").get(pk=session_id)
    except (TrainingSession.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such training session.") from error
    _in_reach(user, session.school_id, manage=manage, what="training session")
    return session


def staff_for_attendance(session: TrainingSession) -> QuerySet[StaffMember]:
    """Who can be marked present: the school's staff who had not left before the session's day
    (so a leaver's past attendance stays recorded, and a past session can still be filled in)."""
    day = timezone.localtime(session.starts_at).date()
    return StaffMember.objects.filter(school_id=session.school_id).exclude(left_on__lt=day)


def attendance_choices(session: TrainingSession) -> list[StaffMember]:
    return list(staff_for_attendance(session).order_by("full_name"))


def attended_ids(session: TrainingSession) -> set:
    return set(
        TrainingAttendance.objects.filter(session=session, attended=True).values_list(
            "staff_id", flat=True
        )
    )


def training_history_for(staff: StaffMember) -> list[TrainingAttendance]:
    """The sessions the person attended, most recent first."""
    return list(
        TrainingAttendance.objects.filter(
            staff=staff, attended=True, session__status=SessionStatus.HELD
        )
        .select_related("session")
        .order_by("-session__starts_at")
    )


# --- what the check said, in words ---------------------------------------------------------------


def _day(value: date) -> str:
    return f"{value:%A %-d %B %Y}"


def _clock(moment: datetime, day: date) -> str:
    return "midnight" if moment.date() > day else f"{moment:%H:%M}"


def _outside_words(slot: TrainingSlot, day: date) -> str:
    part_start = max(slot.start, datetime.combine(day, time(0, 0)))
    part_end = min(slot.end, datetime.combine(day + timedelta(days=1), time(0, 0)))
    return (
        f"{_day(day)} {_clock(part_start, day)} to {_clock(part_end, day)} is outside the "
        f"school day ({slot.day_start} to {slot.day_end})"
    )


def _closure_words(day: date, reasons: dict[date, str]) -> str:
    if day not in reasons:
        return f"{_day(day)} is in the school holidays: the school is closed"
    reason = f" ({reasons[day]})" if reasons[day] else ""
    return f"{_day(day)}: the school is closed{reason}"


def check_warnings(school: Organisation, slot: TrainingSlot) -> list[str]:
    """The check's warnings in plain English, in the law's order, then the notice."""
    closed = slot.problem_days.get(SCHOOL_CLOSURE, ())
    reasons = (
        dict(
            ClosureDay.objects.filter(school=school, date__in=closed).values_list("date", "reason")
        )
        if closed
        else {}
    )
    words = []
    for problem in slot.problems:
        for day in slot.problem_days[problem]:
            if problem == WEEKEND:
                words.append(f"{_day(day)} is at the weekend")
            elif problem == BANK_HOLIDAY:
                words.append(f"{_day(day)} is a bank holiday")
            elif problem == SCHOOL_CLOSURE:
                words.append(_closure_words(day, reasons))
            else:
                words.append(_outside_words(slot, day))
    if not slot.planned_in_advance:
        ahead = f"plan at least {slot.min_notice_days} days ahead"
        if slot.notice_days < 0:
            words.append(
                f"{_day(slot.start.date())} has passed: it was not planned ahead ({ahead})"
            )
        else:
            words.append(f"Only {_notice_words(slot.notice_days)}: {ahead}")
    return words


def warns(slot: TrainingSlot) -> bool:
    """Outside directed time, or short notice: either needs a reason to keep the session."""
    return bool(slot.problems) or not slot.planned_in_advance


# --- the Code of Practice briefing ---------------------------------------------------------------


def _briefed_ids(school: Organisation) -> QuerySet:
    return TrainingAttendance.objects.filter(
        session__school=school,
        session__is_code_briefing=True,
        session__status=SessionStatus.HELD,
        attended=True,
    ).values("staff_id")


def teachers_to_brief(school: Organisation) -> QuerySet[StaffMember]:
    """Current teachers (TEACHING_JOBS) who have not attended a held Code of Practice briefing."""
    return (
        StaffMember.objects.filter(school=school, job__in=TEACHING_JOBS)
        .exclude(left_on__lte=timezone.localdate())
        .exclude(pk__in=_briefed_ids(school))
    )


def next_briefing(school: Organisation) -> TrainingSession | None:
    """The next planned Code of Practice briefing that has not started yet."""
    return (
        TrainingSession.objects.filter(
            school=school,
            is_code_briefing=True,
            status=SessionStatus.PLANNED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )


def briefing_status(
    school: Organisation,
) -> tuple[list[StaffMember], list[StaffMember], TrainingSession | None]:
    """Seed: "all teachers are informed about how the Code has changed". The school's current
    teachers who have attended a held briefing (each with `briefed_at`, the latest), those who
    have not, and the next planned briefing. Two queries, whatever the size of the staff."""
    today = timezone.localdate()
    teachers = (
        StaffMember.objects.filter(school=school, job__in=TEACHING_JOBS)
        .exclude(left_on__lte=today)
        .annotate(
            briefed_at=Max(
                "attendance__session__starts_at",
                filter=Q(
                    attendance__attended=True,
                    attendance__session__is_code_briefing=True,
                    attendance__session__status=SessionStatus.HELD,
                ),
            )
        )
        .order_by("full_name")
    )
    briefed, not_briefed = [], []
    for teacher in teachers:
        (briefed if teacher.briefed_at else not_briefed).append(teacher)
    return briefed, not_briefed, next_briefing(school)


# --- a person's own training ---------------------------------------------------------------------


@dataclass(frozen=True)
class MyTraining:
    records: list[StaffMember]  # the person's entries on schools' staff lists
    history: list[TrainingAttendance]
    upcoming: list[TrainingSession]
    schools_without_record: list[Organisation] = field(default_factory=list)


def my_training(user) -> MyTraining:
    """The person's own SEND training and the sessions coming up for them at their schools.

    For school staff only (teachers, assistants, SENCOs, heads): 404 for anyone else. Someone
    with an account but not yet on their school's staff list has no history; the upcoming
    sessions then follow the role of their account.
    """
    schools = staff_school_ids(user)
    if not schools:
        raise Http404("Not found.")
    today = timezone.localdate()
    records = list(StaffMember.objects.filter(user=user).select_related("school"))
    jobs = {r.school_id: r.job for r in records if r.school_id in schools and not _left(r, today)}
    without = {}
    for membership in active_memberships(user):
        school_id = membership.organisation_id
        if school_id in schools and school_id not in jobs and membership.role in JOB_FOR_ROLE:
            jobs[school_id] = JOB_FOR_ROLE[membership.role]
            without[school_id] = membership.organisation
    history = list(
        TrainingAttendance.objects.filter(
            staff__user=user, attended=True, session__status=SessionStatus.HELD
        )
        .select_related("session", "session__school")
        .order_by("-session__starts_at")
    )
    coming = TrainingSession.objects.filter(
        school_id__in=jobs, status=SessionStatus.PLANNED, ends_at__gte=timezone.now()
    ).select_related("school")
    return MyTraining(
        records=records,
        history=history,
        upcoming=[s for s in coming.order_by("starts_at") if is_for_job(s, jobs[s.school_id])],
        schools_without_record=sorted(without.values(), key=lambda school: school.name),
    )


def _left(member: StaffMember, today: date) -> bool:
    return member.left_on is not None and member.left_on <= today
