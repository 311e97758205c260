"""Shared pieces for the training and briefing tests: UK times, and sessions planned through
the service (so each carries its check) or written straight to the table (for past ones)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opensend.workforce.models import SessionStatus, TrainingAttendance, TrainingSession
from opensend.workforce.services.training import training_session_plan


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A UK wall-clock time on `day`, as the pages take it."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def plan(actor, school, day: date, start=(13, 30), end=(15, 30), **extra) -> TrainingSession:
    values = {
        "title": "Adaptive teaching",
        "purpose": "Ordinarily available provision in every classroom",
        "provider": "Northshire SEND outreach",
        "audiences": ["all_teachers"],
        **extra,
    }
    return training_session_plan(
        actor=actor,
        school=school,
        starts_at=at(day, *start),
        ends_at=at(day, *end),
        **values,
    )


def held_session(school, day: date, *, attended=(), briefing=False, title="Briefing"):
    """A session that has taken place, with who came (written directly: it is history)."""
    session = TrainingSession.objects.create(
        school=school,
        title=title,
        purpose="How the SEND Code of Practice has changed",
        provider="The SENCO",
        audiences=["all_teachers"],
        starts_at=at(day, 13, 30),
        ends_at=at(day, 15, 0),
        planned_on=day - timedelta(days=21),
        notice_days=21,
        is_code_briefing=briefing,
        status=SessionStatus.HELD,
    )
    for member in attended:
        TrainingAttendance.objects.create(session=session, staff=member)
    return session
