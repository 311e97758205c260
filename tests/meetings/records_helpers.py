"""Test data for recording meetings: pupils on SEN support at Oak, plans, and a meeting."""

from datetime import date, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingStatus
from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start

LONDON = ZoneInfo("Europe/London")
_serial = count(1)


def pupil_on_support(demo, first_name: str | None = None) -> Child:
    n = next(_serial)
    child = Child.objects.create(
        first_name=first_name or f"Pupil{n}",
        last_name=f"Family{n:03d}",
        date_of_birth=date(2017, 5, 1),
        home_local_authority=demo["north_la"],
    )
    Enrolment.objects.create(
        child=child, school=demo["north_oak"], year_group="4", start=date(2025, 9, 3)
    )
    SenStatus.objects.create(
        child=child,
        school=demo["north_oak"],
        provision=Provision.SEN_SUPPORT,
        start=date(2025, 10, 1),
    )
    return child


def active_plan(demo, child, today: date, **text):
    senco = demo["oak_senco"]
    plan = support_plan_start(
        actor=senco,
        child=child,
        school=demo["north_oak"],
        review_due=today + timedelta(days=60),
        today=today,
        **text,
    )
    outcome_add(actor=senco, plan=plan, description="Read 40 common words")
    return support_plan_activate(actor=senco, plan=plan)


def meeting_for(
    demo,
    children,
    *,
    starts_at: datetime,
    kind=MeetingKind.GROUP,
    status=MeetingStatus.CONFIRMED,
) -> Meeting:
    local = starts_at.astimezone(LONDON)
    meeting = Meeting.objects.create(
        school=demo["north_oak"],
        academic_year=local.year if local.month >= 9 else local.year - 1,
        term="autumn" if local.month >= 9 else "spring" if local.month <= 3 else "summer",
        kind=kind,
        starts_at=starts_at,
        staff=demo["oak_senco"],
        location="The library",
        status=status,
    )
    for child in children:
        Invitee.objects.create(meeting=meeting, child=child, invited_at=starts_at)
    return meeting
