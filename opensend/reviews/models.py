"""Annual reviews, phase transfers, legacy statements and managed transfer programmes (issue 9).

A `Review` is one review of one child's EHC plan (or, for a transfer review, of their legacy
statement): when it is due, the meeting, who was invited and what advice they gave, the record
of the meeting, the report to the council, the council's decision and, when it amends the
plan, the amended `ehc.PlanVersion`. Its statutory dates are stored, computed by
`opensend.law.reviews` when the meeting is arranged, so work trays filter and sort in SQL.

A `TransferProgramme` is the council's plan of many reviews over months (the seed's
statement-to-EHC-plan transfer, and today's backlogs of overdue reviews); its `ProgrammeItem`s
are the children in it with the month `law.transfer` gave each; accepting it creates a
`Review` per item.

A `LegacyStatement` is a statement of SEN made under the Education Act 1996: in force, with its
provision, until the EHC plan that replaces it is final (the seed: support must not lapse).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import BaseModel

# --- legacy statements --------------------------------------------------------------------------


class StatementStatus(models.TextChoices):
    IN_FORCE = "in_force", "In force"
    TRANSFERRING = "transferring", "Transfer review under way"
    TRANSFERRED = "transferred", "Replaced by an EHC plan"
    CEASED = "ceased", "Ceased"


class LegacyStatement(BaseModel):
    """A statement of SEN (Education Act 1996 s324). It stays in force, with its provision,
    until the EHC plan is final (SI 2014/2270 art. 17-18; the seed: no child loses support)."""

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="legacy_statements"
    )
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="legacy_statements"
    )
    school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    made_on = models.DateField()
    provision = models.TextField("the provision in the statement (Part 3)")
    status = models.CharField(
        max_length=14, choices=StatementStatus.choices, default=StatementStatus.IN_FORCE
    )
    # The transfer review: an EHC needs assessment (SI 2014/2270 Part 5) run as an ehc case.
    transfer_case = models.OneToOneField(
        "ehc.EhcCase",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legacy_statement",
    )
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["made_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["transferred", "ceased"]) | Q(ended_on__isnull=False),
                name="statement_end_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["local_authority", "status"])]

    def __str__(self) -> str:
        return "Statement of SEN"


# --- phase transfers ------------------------------------------------------------------------------


class TransferKind(models.TextChoices):
    """The values are `opensend.law.reviews.TransferKind`'s (reg 18(1))."""

    SCHOOL = "school", "To the next school phase (plan amended by 15 February)"
    POST16 = "post16", "To post-16 (plan amended by 31 March)"


class NextPhase(BaseModel):
    """A child's next phase transfer as entered by the school or council, where the year group
    and the school's phase do not tell it (or tell it wrong): reg 2 "phase", reg 18."""

    child = models.OneToOneField(
        "people.Child", on_delete=models.CASCADE, related_name="next_phase"
    )
    transfer_year = models.PositiveSmallIntegerField(
        help_text="The calendar year of the September the child moves."
    )
    kind = models.CharField(max_length=6, choices=TransferKind.choices)
    next_school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    next_school_name = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["transfer_year"]

    def __str__(self) -> str:
        return f"Moves phase in {self.transfer_year}"


# --- programmes -----------------------------------------------------------------------------------


class ProgrammePurpose(models.TextChoices):
    STATEMENTS = "statements", "Transfer statements of SEN to EHC plans"
    BACKLOG = "backlog", "Clear a backlog of overdue annual reviews"


class ProgrammeStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed, not yet accepted"
    ACCEPTED = "accepted", "Accepted: reviews scheduled"
    COMPLETE = "complete", "Complete"


class TransferProgramme(BaseModel):
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="review_programmes"
    )
    name = models.CharField(max_length=150)
    purpose = models.CharField(max_length=12, choices=ProgrammePurpose.choices)
    status = models.CharField(
        max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.PROPOSED
    )
    start = models.DateField(help_text="Reviews start on the first of a month on or after this.")
    deadline = models.DateField(help_text="Every review finished before this date.")
    monthly_capacity = models.PositiveIntegerField()
    per_school_limit = models.PositiveIntegerField()
    review_weeks = models.PositiveSmallIntegerField(
        help_text="Weeks from the start of a review to the final plan."
    )
    # What `law.transfer.plan_transfers` said when the programme was last proposed.
    feasible = models.BooleanField(default=False)
    capacity_needed = models.PositiveIntegerField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start", "created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gt=models.F("start")), name="prog_dates"),
            models.CheckConstraint(
                condition=Q(monthly_capacity__gte=1) & Q(per_school_limit__gte=1),
                name="prog_limits_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeItem(BaseModel):
    """One child in a programme, with the month the schedule gave their review."""

    programme = models.ForeignKey(TransferProgramme, on_delete=models.CASCADE, related_name="items")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    statement = models.ForeignKey(
        LegacyStatement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    plan = models.ForeignKey(
        "ehc.EhcPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    transfer_year = models.PositiveSmallIntegerField(null=True, blank=True)
    transfer_kind = models.CharField(max_length=6, choices=TransferKind.choices, blank=True)
    due = models.DateField(help_text="The last day the review may finish.")
    month = models.DateField(null=True, blank=True, help_text="First of the month it starts.")
    finish_by = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["month", "due", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "child"], name="prog_item_once"),
            models.CheckConstraint(
                condition=Q(statement__isnull=False) | Q(plan__isnull=False),
                name="prog_item_has_a_statement_or_plan",
            ),
        ]

    def __str__(self) -> str:
        return "Programme review"


# --- reviews --------------------------------------------------------------------------------------


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", "Annual review"  # CFA s44(1)
    INTERIM = "interim", "Interim review"  # CoP 9.178: under-fives, every 3 to 6 months
    TRANSFER = "transfer", "Transfer review of a statement"  # SI 2014/2270 Part 5


class ReviewStatus(models.TextChoices):
    DUE = "due", "Meeting to arrange"
    ARRANGED = "arranged", "Meeting arranged"
    HELD = "held", "Meeting held: report to send"
    REPORTED = "reported", "Report with the council: decision due"
    AMENDING = "amending", "Plan being amended"
    COMPLETE = "complete", "Complete"
    CANCELLED = "cancelled", "Cancelled"


OPEN_REVIEW_STATUSES = (
    ReviewStatus.DUE,
    ReviewStatus.ARRANGED,
    ReviewStatus.HELD,
    ReviewStatus.REPORTED,
    ReviewStatus.AMENDING,
)


class ReviewDecision(models.TextChoices):
    """Reg 20(10): within 4 weeks of the meeting, keep the plan as it is, amend it, or cease."""

    KEEP = "keep", "Keep the plan as it is"
    AMEND = "amend", "Amend the plan"
    CEASE = "cease", "Cease to maintain the plan"


class Review(BaseModel):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="reviews")
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="plan_reviews"
    )
    plan = models.ForeignKey(
        "ehc.EhcPlan", null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    statement = models.ForeignKey(
        LegacyStatement, null=True, blank=True, on_delete=models.CASCADE, related_name="reviews"
    )
    # Reg 20(12): the head teacher arranges it at a school; for a child not at a school the
    # council arranges it itself (reg 21): then `school` is empty.
    school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_reviews_arranged",
    )
    kind = models.CharField(max_length=10, choices=ReviewKind.choices, default=ReviewKind.ANNUAL)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DUE)
    due_on = models.DateField(help_text="The meeting must be held by this date (CFA s44).")
    programme = models.ForeignKey(
        TransferProgramme, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    # The last day of the month a programme gave the meeting. `due_on` stays the statutory
    # date, so a backlog review scheduled late is still counted late.
    scheduled_by = models.DateField(null=True, blank=True)
    # Reg 18: a review in the year before a phase transfer names the next school in time.
    transfer_year = models.PositiveSmallIntegerField(null=True, blank=True)
    transfer_kind = models.CharField(max_length=6, choices=TransferKind.choices, blank=True)
    phase_transfer_deadline = models.DateField(null=True, blank=True)
    # The meeting and the dates it sets (law.reviews.annual_review).
    meeting_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    arranged_on = models.DateField(null=True, blank=True)
    arranged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invitations_due = models.DateField(null=True, blank=True)  # reg 20(3): meeting - 2 weeks
    advice_due = models.DateField(null=True, blank=True)  # reg 20(4): circulated 2 weeks before
    advice_circulated_on = models.DateField(null=True, blank=True)
    report_due = models.DateField(null=True, blank=True)  # reg 20(7): meeting + 2 weeks
    decision_due = models.DateField(null=True, blank=True)  # reg 20(10): meeting + 4 weeks
    amended_plan_due = models.DateField(null=True, blank=True)  # reg 22(3), Devon: + 12 weeks
    # Reg 20 meetings count as parent meetings too (DESIGN "Time"; CoP 6.65).
    parent_meeting = models.OneToOneField(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_review",
    )
    # The record of the meeting (reg 20(5)-(8)): progress on each outcome is `OutcomeProgress`.
    held_on = models.DateField(null=True, blank=True)
    family_views = models.TextField("the family's views", blank=True)
    child_views = models.TextField("the child's or young person's views", blank=True)
    changes_since_last_review = models.TextField("what has changed", blank=True)
    recommended_amendments = models.TextField("amendments the meeting recommends", blank=True)
    disagreements = models.TextField("any disagreement", blank=True)
    recommends = models.CharField(
        "what the meeting recommends", max_length=6, choices=ReviewDecision.choices, blank=True
    )
    next_school_name = models.CharField(max_length=200, blank=True)
    report_sent_on = models.DateField(null=True, blank=True)
    report_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The council's decision (reg 20(10)) and its notice to the family and the institution.
    decision = models.CharField(max_length=6, choices=ReviewDecision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decision_reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notice_html = models.TextField(blank=True)
    notice_sent_on = models.DateField(null=True, blank=True)
    # Reg 22: the proposed amendments (a served ehc.PlanVersion) and the amended plan issued.
    proposed_version = models.ForeignKey(
        "ehc.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    amended_version = models.ForeignKey(
        "ehc.PlanVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    # The next date a reminder was sent for, so the sweep sends each one once.
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(plan__isnull=False) | Q(statement__isnull=False),
                name="review_has_a_plan_or_statement",
            ),
            # One open annual or transfer review per plan; interim reviews sit alongside.
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status__in=["due", "arranged", "held", "reported", "amending"])
                & ~Q(kind="interim"),
                name="review_one_open_per_plan",
            ),
            # Reg 20(10): a refusal to amend or a decision to cease gives reasons.
            models.CheckConstraint(
                condition=~Q(decision="cease") | ~Q(decision_reasons=""),
                name="review_cease_has_reasons",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["held", "reported", "amending", "complete"])
                | Q(held_on__isnull=False)
                | Q(kind="transfer"),
                name="review_held_has_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["local_authority", "status", "due_on"]),
            models.Index(fields=["school", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REVIEW_STATUSES


class ParticipantRole(models.TextChoices):
    """Reg 20(2): who must be invited."""

    FAMILY = "family", "Parent or young person"  # (a)
    SCHOOL = "school", "School or setting"  # (b)
    LA = "la", "Council SEN officer"  # (c)
    HEALTH = "health", "Health care professional"  # (d)
    SOCIAL_CARE = "social_care", "Social care officer"  # (e)
    OTHER = "other", "Someone else"


class ReviewParticipant(BaseModel):
    """Someone invited to the meeting (reg 20(2)) and the advice they gave (reg 20(4))."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=12, choices=ParticipantRole.choices)
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    invited_on = models.DateField(null=True, blank=True)
    attending = models.BooleanField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True)
    advice = models.TextField(blank=True)
    advice_given_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["review", "role", "name"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} at a review"


class Progress(models.TextChoices):
    ACHIEVED = "achieved", "Achieved"
    ON_TRACK = "on_track", "On track"
    SOME = "some", "Some progress"
    NOT_YET = "not_yet", "Not on track"


class OutcomeProgress(BaseModel):
    """Reg 20(5): the meeting reviews progress towards each outcome in Section E."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    outcome = models.ForeignKey("ehc.PlanOutcome", on_delete=models.CASCADE, related_name="+")
    progress = models.CharField(max_length=10, choices=Progress.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "outcome"], name="progress_once_per_outcome")
        ]

    def __str__(self) -> str:
        return "Progress on an outcome"
