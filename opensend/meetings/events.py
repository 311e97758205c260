"""Calendar entries for meetings with parents (issue 6 item 6).

A feed leaves OpenSEND (DESIGN "Look and feel"), so entries are neutral: "Parent meeting",
"Group parent meeting". No child's name, initials or needs, in the
summary or the description; the link leads to the signed-in page with the details.

- School staff: their school's confirmed meetings, those they lead; the SENCO and head get all
  of them.
- Families: the confirmed meetings for their own children (one entry per meeting, even when two
  of their children have places at the same group meeting).
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from opensend.core.calendar import CalendarEvent
from opensend.meetings.invitations import staff_meeting_path
from opensend.meetings.models import Meeting, MeetingKind, MeetingStatus
from opensend.meetings.selectors import family_places
from opensend.organisations.selectors import active_memberships

# Past entries kept in a feed, so last term's meetings do not vanish from the calendar at once.
KEEP_PAST = timedelta(days=120)

SUMMARIES = {MeetingKind.INDIVIDUAL: "Parent meeting", MeetingKind.GROUP: "Group parent meeting"}


def _schools(user) -> tuple[set, set]:
    """(schools where the person is staff, schools where they manage meetings)."""
    staff, managers = set(), set()
    for membership in active_memberships(user):
        if membership.role in {"senco", "head", "teacher", "teaching_assistant"}:
            staff.add(membership.organisation_id)
        if membership.role in {"senco", "head"}:
            managers.add(membership.organisation_id)
    return staff, managers


def _event(meeting: Meeting, url: str) -> CalendarEvent:
    return CalendarEvent(
        uid=f"meeting-{meeting.pk}",
        start=meeting.starts_at,
        end=meeting.starts_at + timedelta(minutes=meeting.duration_minutes),
        summary=SUMMARIES.get(meeting.kind, "Parent meeting"),
        description="Details are in OpenSEND, after you sign in.",
        url=url,
    )


def meeting_events(user):
    if not user.is_authenticated:
        return []
    since = timezone.now() - KEEP_PAST
    events: dict[str, CalendarEvent] = {}
    staff, managers = _schools(user)
    if staff:
        mine = Q(school_id__in=managers) | Q(school_id__in=staff, staff=user)
        for meeting in Meeting.objects.filter(
            mine, status=MeetingStatus.CONFIRMED, starts_at__gte=since
        ):
            events[str(meeting.pk)] = _event(meeting, staff_meeting_path(meeting))
    for place in (
        family_places(user)
        .filter(meeting__status=MeetingStatus.CONFIRMED, meeting__starts_at__gte=since)
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    ):
        events.setdefault(
            str(place.meeting_id),
            _event(place.meeting, reverse("family_meeting", args=[place.pk])),
        )
    return list(events.values())
