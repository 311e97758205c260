"""Inviting families to meetings, their answers and views, and reminders (issue 6).

CoP 6.65: schools should meet parents at least three times a year; CoP 6.66 and 6.67: the
meetings are "partnership" meetings, where the family's and the child's views count, so the
family answers, asks for another time or adds their views here before the meeting.

Every email has a fixed, neutral subject (DESIGN "Look and feel"): never a child's name. The
body gives the date, time and how to join, and links to the family's page behind sign-in.

Writes by families go only through `family_places` (their own children's places); staff writes
need `can_manage_meetings`. Everything is audited against the child (`subject_id`).
"""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, notify, register_message_kind
from opensend.core.services import audit_record, model_update
from opensend.meetings.models import Invitee, InviteeResponse, Meeting, MeetingStatus
from opensend.meetings.selectors import can_manage_meetings, family_places
from opensend.organisations.models import Membership, Role
from opensend.people.selectors import family_recipients

logger = logging.getLogger(__name__)

INVITATION_KIND = "meeting_invitation"
REMINDER_KIND = "meeting_reminder"
ANSWER_KIND = "meeting_answer"

# How long before a meeting families get their one reminder.
REMINDER_BEFORE = timedelta(days=2)

register_message_kind(
    INVITATION_KIND,
    MessageKind(
        subject="Invitation to a meeting about SEN support",
        body_template="emails/meeting_invitation.txt",
    ),
)
register_message_kind(
    REMINDER_KIND,
    MessageKind(
        subject="Reminder: a meeting about SEN support",
        body_template="emails/meeting_reminder.txt",
    ),
)
register_message_kind(
    ANSWER_KIND,
    MessageKind(
        subject="A family has answered a meeting invitation",
        body_template="emails/meeting_answer.txt",
    ),
)

# The answers a family can give (pending is where they start).
FAMILY_ANSWERS = (
    InviteeResponse.ACCEPTED,
    InviteeResponse.ANOTHER_TIME,
    InviteeResponse.DECLINED,
)


def _meeting_details(meeting: Meeting) -> dict[str, str]:
    starts = timezone.localtime(meeting.starts_at)
    return {
        "date": date_format(starts, "l j F Y"),
        "time": date_format(starts, "g:iA").lower(),
        "mode": meeting.get_mode_display(),
        "location": meeting.location,
        "school": meeting.school.name,
    }


def _family_link(invitee: Invitee) -> str:
    return settings.SITE_URL + reverse("family_meeting", args=[invitee.pk])


def _send_to_family(invitee: Invitee, kind: str, actor) -> int:
    details = _meeting_details(invitee.meeting)
    link = _family_link(invitee)
    recipients = family_recipients(invitee.child)
    for email, name in recipients:
        notify(
            to=email,
            kind=kind,
            personalisation={**details, "name": name, "link": link},
            actor=actor,
        )
    return len(recipients)


@transaction.atomic
def invite_families(*, actor, meetings: Iterable[Meeting]) -> int:
    """Email each confirmed meeting's families not yet invited; returns the places invited.

    Call it once the meeting is confirmed (a family cannot see a proposed meeting, so an
    invitation to one would lead nowhere). Safe to call twice: a place is invited once.
    """
    invited = 0
    for meeting in meetings:
        if not can_manage_meetings(actor, meeting.school):
            raise PermissionDenied("Only the SENCO or head can invite families to meetings.")
        if meeting.status != MeetingStatus.CONFIRMED:
            continue
        # Locked, so two sends at once cannot invite (and email) the same family twice.
        places = list(
            Invitee.objects.select_for_update(of=("self",))
            .filter(meeting=meeting, invited_at__isnull=True)
            .select_related("meeting__school", "child__account")
        )
        for invitee in places:
            sent = _send_to_family(invitee, INVITATION_KIND, actor)
            now = timezone.now()
            Invitee.objects.filter(pk=invitee.pk).update(invited_at=now, updated_at=now)
            audit_record(
                actor=actor,
                kind=AuditEventKind.SENT,
                record=invitee,
                subject_id=invitee.child_id,
                organisation_id=meeting.school_id,
                note=f"{INVITATION_KIND} recipients={sent}",
            )
            invited += 1
    return invited


def _family_place(actor, invitee: Invitee) -> Invitee:
    """The place afresh, only if it is one of the actor's family's own places."""
    place = (
        family_places(actor)
        .select_related("meeting__school", "meeting__staff", "child")
        .filter(pk=invitee.pk)
        .first()
    )
    if place is None:
        raise PermissionDenied("This is not your family's meeting.")
    return place


def can_answer(invitee: Invitee, now=None) -> bool:
    """A family answers a confirmed meeting that has not started yet."""
    now = now or timezone.now()
    return invitee.meeting.status == MeetingStatus.CONFIRMED and invitee.meeting.starts_at > now


def _staff_recipients(meeting: Meeting) -> list:
    """The meeting's lead, or else the school's SENCOs."""
    if meeting.staff_id and meeting.staff.is_active and meeting.staff.email:
        return [meeting.staff]
    return [
        membership.user
        for membership in Membership.objects.filter(
            organisation_id=meeting.school_id, role=Role.SENCO, is_active=True
        ).select_related("user")
        if membership.user.is_active and membership.user.email
    ]


def staff_meeting_path(meeting: Meeting) -> str:
    """The staff page for a meeting, where the families' answers are."""
    return reverse("meeting_detail", args=[meeting.pk])


@transaction.atomic
def respond(*, actor, invitee: Invitee, response: str, preferred_times: str = "") -> Invitee:
    """The family accepts, asks for another time (saying which times suit), or declines."""
    place = _family_place(actor, invitee)
    if not can_answer(place):
        raise ValidationError(
            {"response": "You can no longer answer this invitation. Contact the school."}
        )
    if response not in FAMILY_ANSWERS:
        raise ValidationError({"response": "Select whether you can come to the meeting"})
    preferred_times = preferred_times.strip()
    if response == InviteeResponse.ANOTHER_TIME and not preferred_times:
        raise ValidationError({"preferred_times": "Enter the days and times that suit you"})
    if response != InviteeResponse.ANOTHER_TIME:
        preferred_times = ""
    updated = model_update(
        instance=place,
        actor=actor,
        data={
            "response": response,
            "preferred_times": preferred_times,
            "responded_at": timezone.now(),
            "responded_by": actor.pk,
        },
        expected_version=place.version,
        subject_id=place.child_id,
        organisation_id=place.meeting.school_id,
    )
    meeting = place.meeting
    details = _meeting_details(meeting)
    for person in _staff_recipients(meeting):
        notify(
            to=person.email,
            kind=ANSWER_KIND,
            personalisation={
                **details,
                "name": person.get_short_name(),
                "answer": InviteeResponse(response).label,
                "link": settings.SITE_URL + staff_meeting_path(meeting),
            },
            actor=actor,
        )
    return updated


@transaction.atomic
def add_views(*, actor, invitee: Invitee, family_views: str, child_views: str) -> Invitee:
    """The family's and the child's views, before the meeting (CoP 6.66, 6.67)."""
    place = _family_place(actor, invitee)
    if not can_answer(place):
        raise ValidationError(
            {"family_views": "The meeting has happened or is closed. Contact the school."}
        )
    return model_update(
        instance=place,
        actor=actor,
        data={"family_views": family_views.strip(), "child_views": child_views.strip()},
        expected_version=place.version,
        subject_id=place.child_id,
        organisation_id=place.meeting.school_id,
    )


@transaction.atomic
def meeting_reminders() -> int:
    """Sweep: one reminder to each family with a place at a confirmed meeting in 2 days.

    Families who accepted or have not answered yet; not those who declined or asked for
    another time. Returns the places reminded; a second run reminds nobody again.
    """
    now = timezone.now()
    due = list(
        Invitee.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(
            meeting__status=MeetingStatus.CONFIRMED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + REMINDER_BEFORE,
            response__in=[InviteeResponse.ACCEPTED, InviteeResponse.PENDING],
            invited_at__isnull=False,
            reminded_at__isnull=True,
        )
        .select_related("meeting__school", "child__account")
    )
    for invitee in due:
        sent = _send_to_family(invitee, REMINDER_KIND, None)
        Invitee.objects.filter(pk=invitee.pk).update(reminded_at=now, updated_at=now)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=invitee,
            subject_id=invitee.child_id,
            organisation_id=invitee.meeting.school_id,
            note=f"{REMINDER_KIND} recipients={sent}",
        )
    return len(due)
