"""Access cases for a family's meetings (see cases.py for the format).

Rules shown here (opensend.meetings.selectors.family_places):
- anyone signed in may open "Meetings with school": it lists only their own children's places
  (staff, with no family place, see an empty list);
- one place is for that child's family alone: north_parent (Ava's mother) opens Ava's place at
  the Oak group meeting; nobody else does, not the other family at the same group meeting nor
  the school's staff (they have their own pages); Leo has no parent account, so nobody opens
  his place here.

The world's Oak meeting is a confirmed group meeting next week with places for Ava and Leo. The
POST sends an empty answer: the form comes back with errors (200), nothing changes.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.meetings.models import Invitee, Meeting
from tests.access.cases import EVERYONE, Case


def oak_group_meeting(demo) -> Meeting:
    """A confirmed group meeting at Oakfield next week, for Ava's and Leo's families."""
    starts = timezone.now() + timedelta(days=7)
    meeting = Meeting.objects.create(
        school=demo["north_oak"],
        academic_year=starts.year if starts.month >= 9 else starts.year - 1,
        term="autumn" if starts.month >= 9 else ("spring" if starts.month <= 3 else "summer"),
        kind="group",
        starts_at=starts,
        staff=demo["oak_senco"],
        location="Library",
        status="confirmed",
    )
    for key in ("ava", "leo"):
        Invitee.objects.create(meeting=meeting, child=demo[key], invited_at=timezone.now())
    return meeting


def _place(key):
    return lambda world: {"invitee_id": world["oak_meeting"].invitees.get(child=world[key]).pk}


MEETING_FAMILY_CASES: list[Case] = [
    Case("family_meetings", EVERYONE, note="only the person's own places are listed"),
    Case("family_meeting", frozenset({"north_parent"}), kwargs=_place("ava")),
    Case("family_meeting", frozenset({"north_parent"}), kwargs=_place("ava"), method="post"),
    Case(
        "family_meeting",
        frozenset(),
        kwargs=_place("leo"),
        note="Leo's place at the same group meeting: no other family, no staff here",
    ),
    Case("family_meeting", frozenset(), kwargs=_place("leo"), method="post"),
]
