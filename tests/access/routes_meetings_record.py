"""Access cases for one meeting's staff pages: the meeting, its record, cancelling it.

Rules shown here (opensend.meetings.selectors and .records):
- the school's staff (SENCO, head, teacher, TA) see the school's meetings; only the SENCO and
  head record or cancel one (teachers and TAs get 403, everyone else 404);
- families never see the staff pages, not even for their own child's meeting (north_parent is
  Ava's mother and Ava is invited): they see their own place on the family pages;
- governors and the local authority see no meetings.

`oak_past_meeting` is a confirmed group meeting at Oak a week ago, for Ava's and Leo's
families. Every POST sends an empty form: it is shown again with errors (200); nothing changes.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingStatus
from tests.access.cases import OAK_STAFF, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})


def oak_past_meeting(demo) -> Meeting:
    """A confirmed group meeting at Oak a week ago, for Ava's and Leo's families."""
    starts_at = timezone.now() - timedelta(days=7)
    local = timezone.localtime(starts_at)
    term = "autumn" if local.month >= 9 else "spring" if local.month <= 3 else "summer"
    meeting = Meeting.objects.create(
        school=demo["north_oak"],
        academic_year=local.year if local.month >= 9 else local.year - 1,
        term=term,
        kind=MeetingKind.GROUP,
        starts_at=starts_at,
        staff=demo["oak_senco"],
        location="The library",
        status=MeetingStatus.CONFIRMED,
    )
    for key in ("ava", "leo"):
        Invitee.objects.create(meeting=meeting, child=demo[key], invited_at=starts_at)
    return meeting


def _meeting(world):
    return {"meeting_id": world["oak_past_meeting"].pk}


MEETING_RECORD_CASES: list[Case] = [
    Case("meeting_detail", OAK_STAFF, kwargs=_meeting, note="families: 404"),
    Case("meeting_record", OAK_EDITORS, kwargs=_meeting, note="the one-page record form"),
    Case(
        "meeting_record",
        OAK_EDITORS,
        kwargs=_meeting,
        method="post",
        note="empty: the form again, attendance asked for each family",
    ),
    Case("meeting_cancel", OAK_EDITORS, kwargs=_meeting, note="asks for a reason"),
    Case(
        "meeting_cancel",
        OAK_EDITORS,
        kwargs=_meeting,
        method="post",
        note="empty: the form again, a reason is needed",
    ),
]
