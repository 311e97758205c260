"""Who sees which meetings (DESIGN "Who sees what").

- The school's staff (SENCO, head, teachers, assistants) see the school's meetings, with every
  family invited; only the SENCO and head plan, change and record them (`can_manage_meetings`).
- A family sees only its own places (`Invitee` rows for its own children): never the other
  families at a group meeting. A parent whose access is restricted sees nothing.
- Governors and the local authority see no meetings (counts come through compliance pages).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from opensend.core.access import get_audited
from opensend.meetings.models import Invitee, Meeting
from opensend.people.models import ParentLink
from opensend.people.selectors import can_edit_register, staff_school_ids


def can_manage_meetings(user, school) -> bool:
    """The SENCO and head plan, change and record meetings, as they keep the register."""
    return can_edit_register(user, school)


def meetings_visible_to(user) -> QuerySet[Meeting]:
    if not user.is_authenticated:
        return Meeting.objects.none()
    if user.is_superuser:
        return Meeting.objects.all()
    return Meeting.objects.filter(school_id__in=staff_school_ids(user))


def get_meeting_for(user, meeting_id) -> Meeting:
    """A meeting the person may see as staff, or 404; the look is audited."""
    return get_audited(
        meetings_visible_to(user).select_related("school", "staff"), meeting_id, user=user
    )


def family_places(user) -> QuerySet[Invitee]:
    """The person's own children's places at meetings (a parent's, or a young person's own)."""
    if not user.is_authenticated:
        return Invitee.objects.none()
    own = Q(
        Exists(
            ParentLink.objects.filter(
                child=OuterRef("child_id"), user=user, access_restricted=False
            )
        )
    )
    own |= Q(child__account=user)
    return Invitee.objects.filter(own).exclude(meeting__status="proposed")


def get_family_place_for(user, invitee_id) -> Invitee:
    """One of the family's own places, or 404; audited against the child."""
    return get_audited(
        family_places(user).select_related("meeting", "meeting__school", "child"),
        invitee_id,
        user=user,
        subject_id=lambda invitee: invitee.child_id,
    )
