"""Meetings with parents: at least three times a year (CoP 6.65), individual or in groups.

A `Meeting` is one sitting at a school, at a time, led by a member of staff: individual (one
family) or a group meeting for several families, which the DfE implementation guidance
("Engagement with Parents") allows in place of individual termly meetings. Each family's place
in it is an `Invitee`, one per child: their answer to the invitation, whether they came, and
their own and their child's views. A meeting's record (the objectives set, progress reviewed,
the activities and support agreed, who does what) is on the meeting, shared by every family at
a group meeting; what is about one child alone is on that child's `Invitee`.

The law's counting (`opensend.law.meetings.parent_meetings`) takes a pupil's held meetings (the
meetings held where their family attended) and declined ones (the invitations refused).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import BaseModel


class MeetingKind(models.TextChoices):
    INDIVIDUAL = "individual", "Individual"
    GROUP = "group", "Group"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person at school"
    ONLINE = "online", "Online"
    PHONE = "phone", "By phone"


class MeetingSlot(models.TextChoices):
    SCHOOL_DAY = "school_day", "During the school day"
    AFTER_SCHOOL = "after_school", "After school"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"  # planned by the SENCO, not yet sent to families
    CONFIRMED = "confirmed", "Confirmed"  # invitations sent
    HELD = "held", "Held"  # the record is written
    CANCELLED = "cancelled", "Cancelled"


class Meeting(BaseModel):
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="meetings"
    )
    academic_year = models.PositiveSmallIntegerField(help_text="2026 means 2026 to 2027")
    term = models.CharField(max_length=10, help_text="autumn, spring or summer")
    kind = models.CharField(max_length=10, choices=MeetingKind.choices)
    mode = models.CharField(
        max_length=10, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    slot = models.CharField(
        max_length=12, choices=MeetingSlot.choices, default=MeetingSlot.SCHOOL_DAY
    )
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=30)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_led",
        help_text="Who leads the meeting.",
    )
    location = models.CharField(
        max_length=300, blank=True, help_text="A room, or how to join online or by phone."
    )
    status = models.CharField(
        max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    # The record (the seed's "Engagement with Parents": set clear objectives, review progress,
    # agree the activities and support, identify who does what).
    objectives = models.TextField("objectives set", blank=True)
    progress = models.TextField("progress reviewed", blank=True)
    agreed_support = models.TextField("activities and support agreed", blank=True)
    parent_responsibilities = models.TextField("what the parents will do", blank=True)
    pupil_responsibilities = models.TextField("what the pupil will do", blank=True)
    school_responsibilities = models.TextField("what the school will do", blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term__in=["autumn", "spring", "summer"]), name="meeting_term_known"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=240),
                name="meeting_duration_sensible",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "academic_year", "status"]),
            models.Index(fields=["starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} meeting on {self.starts_at:%Y-%m-%d}"


class InviteeResponse(models.TextChoices):
    PENDING = "pending", "Not answered yet"
    ACCEPTED = "accepted", "Accepted"
    ANOTHER_TIME = "another_time", "Asked for another time"
    DECLINED = "declined", "Declined"


class Invitee(BaseModel):
    """One family's place at a meeting, for one child: the answer, attendance and views."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="meeting_places"
    )
    response = models.CharField(
        max_length=12, choices=InviteeResponse.choices, default=InviteeResponse.PENDING
    )
    preferred_times = models.TextField(
        blank=True, help_text="When the family asks for another time: the times that suit them."
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True, help_text="None until recorded.")
    family_views = models.TextField("the family's views", blank=True)
    child_views = models.TextField("the child's views", blank=True)
    notes = models.TextField("notes about this child", blank=True)

    class Meta:
        ordering = ["meeting", "child__last_name", "child__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "child"], name="invitee_once_per_meeting")
        ]
        indexes = [models.Index(fields=["child", "response"])]

    def __str__(self) -> str:
        return f"Place at {self.meeting}"
