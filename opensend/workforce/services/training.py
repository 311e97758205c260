"""SEND training and CPD: planning sessions in directed time, attendance, the briefing reminder.

Source: DfE SEND implementation guidance, "Training and Support": training "should be planned
in advance and arranged at times that can be accessed by teachers without the need for
teachers to undertake such activity during the evenings or at weekends". Every session is
checked by `opensend.law.training.training_slot` before it is saved; a session the check warns
about is kept only with a reason (issue 10 item 3). The seed asks that "all teachers are
informed about how the Code has changed": attending a held Code of Practice briefing counts,
and one action reminds every teacher who has not.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.law.dates import academic_year_of
from opensend.law.meetings import academic_year_bounds
from opensend.law.training import Closure, TrainingSlot, training_slot
from opensend.organisations.models import ClosureDay, Organisation
from opensend.organisations.selectors import (
    FIRST_ACADEMIC_YEAR,
    LAST_ACADEMIC_YEAR,
    YearTerms,
    terms_or_defaults_for,
)
from opensend.workforce import messages
from opensend.workforce.models import (
    Audience,
    SessionStatus,
    StaffMember,
    TrainingAttendance,
    TrainingSession,
)
from opensend.workforce.selectors.training import (
    next_briefing,
    staff_for_attendance,
    teachers_to_brief,
    warns,
)
from opensend.workforce.services._base import audit, require_manager, today

# A session is one sitting (a day's course at most in practice); longer courses are planned as
# several sessions, so each day is checked and attended on its own.
MAX_SESSION_DAYS = 7
TITLE_MAX = 200
PROVIDER_MAX = 200
TEXT_MAX = 5000


# --- the check -----------------------------------------------------------------------------------


def _local(moment: datetime) -> datetime:
    """UK wall-clock time: the law and the school's calendar both work in it."""
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def holidays_of(year_terms: YearTerms) -> list[Closure]:
    """The days of an academic year outside the school's own terms (its holidays, including
    the summer holiday at either end of the year): the school is closed, so it is not directed
    time. The law's default terms cover every day of the year, so they give no holidays."""
    if year_terms.are_defaults:
        return []
    first, last = academic_year_bounds(year_terms.academic_year)
    holidays = []
    day = first
    for term in sorted(year_terms.terms, key=lambda term: term.start):
        if term.start > day:
            holidays.append(Closure(day, term.start - timedelta(days=1)))
        day = max(day, term.end + timedelta(days=1))
    if day <= last:
        holidays.append(Closure(day, last))
    return holidays


def closures_for(school: Organisation, first: date, last: date) -> list[Closure]:
    """The school's closure days (ClosureDay rows) and holidays from `first` to `last`."""
    days = ClosureDay.objects.filter(school=school, date__range=(first, last))
    closures = [Closure(day, day) for day in days.values_list("date", flat=True)]
    for year in range(academic_year_of(first), academic_year_of(last) + 1):
        closures += holidays_of(terms_or_defaults_for(school, year))
    return closures


def _require_sensible_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The end time must be after the start time"})
    if ends_at - starts_at > timedelta(days=MAX_SESSION_DAYS):
        raise ValidationError(
            {
                "ends_at": f"A session lasts {MAX_SESSION_DAYS} days at most: plan a longer "
                "course as several sessions"
            }
        )
    year = academic_year_of(_local(starts_at).date())
    if not FIRST_ACADEMIC_YEAR <= year <= LAST_ACADEMIC_YEAR:
        raise ValidationError(
            {
                "starts_at": f"The date must be between 1 September {FIRST_ACADEMIC_YEAR} and "
                f"31 August {LAST_ACADEMIC_YEAR + 1}"
            }
        )


def training_check(
    *, school: Organisation, starts_at: datetime, ends_at: datetime, planned_on: date | None = None
) -> TrainingSlot:
    """Guidance "Training and Support": is the session in the school day, on a school day
    (not a weekend, bank holiday, closure day or holiday), and planned far enough ahead?"""
    _require_sensible_times(starts_at, ends_at)
    start, end = _local(starts_at), _local(ends_at)
    closures = closures_for(school, start.date(), end.date())
    return training_slot(
        start=start,
        end=end,
        planned_on=planned_on or today(),
        closures=closures,
    )


# --- planning and cancelling ---------------------------------------------------------------------


def _clean_text(value: str, field: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: f"Enter the {what}"})
    if len(value) > limit:
        raise ValidationError({field: f"The {what} must be {limit:,} characters or fewer"})
    return value


def _clean_audiences(audiences) -> list[str]:
    chosen = [value for value in Audience.values if value in set(audiences or [])]
    if not chosen or len(chosen) != len(set(audiences)):
        raise ValidationError({"audiences": "Choose who the session is for"})
    return chosen


@transaction.atomic
def training_session_plan(
    *,
    actor,
    school: Organisation,
    title: str,
    purpose: str,
    provider: str,
    audiences: list[str],
    starts_at: datetime,
    ends_at: datetime,
    is_code_briefing: bool = False,
    keep_reason: str = "",
) -> TrainingSession:
    """Plan a session. The check's outcome is stored with it; when it warns (evening, weekend,
    bank holiday, closure, short notice) the school must say why it keeps the session as it is
    (issue 10: "with the warning shown and a reason required to keep it")."""
    require_manager(actor, school.pk)
    title = _clean_text(title, "title", "title", TITLE_MAX)
    purpose = _clean_text(purpose, "purpose", "purpose", TEXT_MAX)
    provider = _clean_text(provider, "provider", "provider", PROVIDER_MAX)
    chosen = _clean_audiences(audiences)
    keep_reason = (keep_reason or "").strip()
    if len(keep_reason) > TEXT_MAX:
        raise ValidationError(
            {"keep_reason": f"The reason must be {TEXT_MAX:,} characters or fewer"}
        )
    planned_on = today()
    slot = training_check(
        school=school, starts_at=starts_at, ends_at=ends_at, planned_on=planned_on
    )
    if warns(slot) and not keep_reason:
        raise ValidationError(
            {"keep_reason": "Say why the session must be at this time, or change its date or time"}
        )
    session = TrainingSession.objects.create(
        school=school,
        title=title,
        purpose=purpose,
        provider=provider,
        audiences=chosen,
        starts_at=starts_at,
        ends_at=ends_at,
        planned_on=planned_on,
        problems=list(slot.problems),
        notice_days=slot.notice_days,
        in_directed_time=slot.in_directed_time,
        planned_in_advance=slot.planned_in_advance,
        # The reason explains a warning; with none, there is nothing to keep it against.
        keep_reason=keep_reason if warns(slot) else "",
        is_code_briefing=is_code_briefing,
        created_by=actor,
    )
    audit(
        actor,
        AuditEventKind.CREATED,
        session,
        school_id=school.pk,
        new_values={"problems": session.problems, "notice_days": session.notice_days},
    )
    return session


def _locked(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def _touch(session: TrainingSession, actor) -> None:
    """Save a status change as a new version of the session."""
    session.updated_by = actor
    session.version += 1
    session.save(update_fields=["status", "updated_by", "updated_at", "version"])


@transaction.atomic
def training_session_cancel(*, actor, session: TrainingSession) -> TrainingSession:
    require_manager(actor, session.school_id)
    session = _locked(session)
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(
            f"This session is {session.get_status_display().lower()}: only a planned session "
            "can be cancelled"
        )
    session.status = SessionStatus.CANCELLED
    _touch(session, actor)
    audit(
        actor,
        AuditEventKind.UPDATED,
        session,
        school_id=session.school_id,
        old_values={"status": SessionStatus.PLANNED},
        new_values={"status": SessionStatus.CANCELLED},
    )
    return session


# --- attendance ----------------------------------------------------------------------------------


@transaction.atomic
def training_attendance_record(*, actor, session: TrainingSession, attended: list) -> int:
    """Who came. Saving marks the session held; it can be done once the session has started.
    Returns the number who attended."""
    require_manager(actor, session.school_id)
    session = _locked(session)
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError("This session was cancelled, so nobody attended it")
    if session.starts_at > timezone.now():
        when = f"{_local(session.starts_at):%-d %B %Y at %H:%M}"
        raise ValidationError(f"You can record who attended once the session has started ({when})")
    eligible = {member.pk: member for member in staff_for_attendance(session)}
    chosen = {getattr(member, "pk", member) for member in attended}
    if not chosen <= set(eligible):
        raise ValidationError({"attended": "Choose people from the school's staff list"})
    existing = {row.staff_id: row for row in TrainingAttendance.objects.filter(session=session)}
    for staff_id in eligible:
        present = staff_id in chosen
        row = existing.get(staff_id)
        if row is None and present:
            TrainingAttendance.objects.create(
                session=session, staff_id=staff_id, attended=True, created_by=actor
            )
        elif row is not None and row.attended != present:
            row.attended = present
            row.updated_by = actor
            row.save(update_fields=["attended", "updated_by", "updated_at"])
    old_status = session.status
    session.status = SessionStatus.HELD
    _touch(session, actor)
    audit(
        actor,
        AuditEventKind.UPDATED,
        session,
        school_id=session.school_id,
        old_values={"status": old_status},
        new_values={"status": SessionStatus.HELD, "attended": len(chosen)},
    )
    return len(chosen)


# --- the Code of Practice briefing ---------------------------------------------------------------


@transaction.atomic
def briefing_remind(*, actor, school: Organisation) -> int:
    """Seed: "all teachers are informed about how the Code has changed". Emails every current
    teacher not yet briefed who has an email address, naming the next planned briefing if there
    is one; nobody is reminded more than once a day. Returns how many were emailed."""
    require_manager(actor, school.pk)
    day = today()
    due = list(
        teachers_to_brief(school)
        .exclude(email="")
        .exclude(briefing_reminded_on=day)
        .select_for_update()
    )
    briefing = next_briefing(school)
    link = messages.site_link(reverse("workforce_my_training"))
    for member in due:
        messages.briefing_reminder(
            member=member, school=school, briefing=briefing, link=link, actor=actor
        )
    StaffMember.objects.filter(pk__in=[member.pk for member in due]).update(
        briefing_reminded_on=day, updated_at=timezone.now()
    )
    audit(
        actor,
        AuditEventKind.SENT,
        None,
        school_id=school.pk,
        record_type="code_of_practice_briefing_reminder",
        note=f"reminded={len(due)}",
    )
    return len(due)
