"""Access cases for planning parent meetings (see cases.py for the format).

Rules shown here (opensend.meetings.planning and .planning_views):
- the menu's "Parent meetings" sends any school's staff to their school's meetings;
- the school's staff (SENCO, head, teacher, TA) see its meetings list; governors, the LA and
  families do not (404);
- only the SENCO and head plan the year, see and change the proposals and confirm them:
  teachers and TAs get 403, everyone outside the school 404.

The world has one proposed group meeting at Oakfield for Ava's and Leo's families, next week.
Empty POSTs show the form again with errors (200) and change nothing; the confirmation and the
removal are last, as they change the proposal for the rest of the persona's run.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from opensend.law.dates import academic_year_of
from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingStatus
from opensend.organisations.selectors import terms_or_defaults_for
from tests.access.cases import OAK_STAFF, Case
from tests.access.routes_people import SCHOOL_STAFF

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})


def oak_proposed_meeting(demo) -> Meeting:
    """A proposed group meeting at Oakfield a week from today, for Ava's and Leo's families."""
    school, senco = demo["north_oak"], demo["oak_senco"]
    day = timezone.localdate() + timedelta(days=7)
    year = academic_year_of(day)
    term = next(t for t in terms_or_defaults_for(school, year).terms if t.start <= day <= t.end)
    meeting = Meeting.objects.create(
        school=school,
        academic_year=year,
        term=term.name,
        kind=MeetingKind.GROUP,
        starts_at=timezone.make_aware(datetime.combine(day, time(10, 0))),
        duration_minutes=60,
        staff=senco,
        status=MeetingStatus.PROPOSED,
        created_by=senco,
        updated_by=senco,
    )
    for key in ("ava", "leo"):
        Invitee.objects.create(meeting=meeting, child=demo[key], created_by=senco)
    return meeting


def _school(world):
    return {"school_id": world["north_oak"].pk}


def _meeting(world):
    return {"meeting_id": world["oak_proposed_meeting"].pk}


def _place(world):
    return {"invitee_id": world["oak_proposed_meeting"].invitees.get(child=world["leo"]).pk}


MEETING_PLAN_CASES: list[Case] = [
    Case("meetings_index", SCHOOL_STAFF, note="straight to the school's meetings"),
    Case("school_meetings", OAK_STAFF, kwargs=_school, note="governors see no named child"),
    Case("meetings_plan", OAK_EDITORS, kwargs=_school),
    Case("meetings_plan", OAK_EDITORS, kwargs=_school, method="post", note="empty: errors"),
    Case("meetings_proposed", OAK_EDITORS, kwargs=_school),
    Case("meeting_proposal_edit", OAK_EDITORS, kwargs=_meeting),
    Case("meeting_proposal_edit", OAK_EDITORS, kwargs=_meeting, method="post"),
    Case("meeting_place_move", OAK_EDITORS, kwargs=_place),
    Case("meeting_place_move", OAK_EDITORS, kwargs=_place, method="post"),
    Case("meeting_proposal_remove", OAK_EDITORS, kwargs=_meeting, note="the confirmation"),
    Case(
        "meeting_proposal_remove",
        OAK_EDITORS,
        kwargs=_meeting,
        method="post",
        note="removes the proposal: last but one",
    ),
    Case(
        "meetings_proposed",
        OAK_EDITORS,
        kwargs=_school,
        method="post",
        note="confirm: nothing left to confirm after the removal, so a message",
    ),
]
