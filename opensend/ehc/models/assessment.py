"""The EHC needs assessment: a case from the request to the decision on a plan.

An `EhcCase` is one child's statutory case with one local authority. It opens when the LA
receives the first request (CFA 2014 s36(1)); that day starts every clock (SEND Regulations
2014 regs 5(1), 10(1), 13(2)), and the due dates computed by `opensend.law.ehc` are stored on
the case so a work tray can sort thousands of cases by them. A second request while the case is
open is another `AssessmentRequest` on the same case: its views are added, the clock is not
restarted.

`Decision` rows are the two statutory decisions (whether to assess, reg 5; whether to issue a
plan, reg 10); each has its `Letter`, drafted from the decision and frozen when sent.
`AdviceRequest` is one request for advice under reg 6(1), with its own 6-week clock (reg 8(1))
and the advice itself. `CaseException` records a circumstance that makes a limit impractical
(regs 5(4), 8(2), 10(4)): it is shown and reported but never moves a date (DESIGN "Time").

There is deliberately no money anywhere in this app: an LA must not charge a school for any
part of an assessment (seed guidance, "Expectations of Local Authorities"); a test checks it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.core.models import BaseModel
from opensend.law.assessment import AdviceKind as LawAdviceKind
from opensend.law.ehc import ExceptionKind as LawExceptionKind
from opensend.law.ehc import TimeLimitException

__all__ = [
    "CaseStage",
    "OPEN_STAGES",
    "CLOSED_STAGES",
    "EhcCase",
    "RequesterKind",
    "Channel",
    "AssessmentRequest",
    "DecisionKind",
    "Decision",
    "Letter",
    "AdviceKind",
    "AdviceStatus",
    "OUTSTANDING_ADVICE",
    "COMPLETE_ADVICE",
    "AdviceRequest",
    "AdviceAttachment",
    "ExceptionKind",
    "CaseException",
]


class CaseStage(models.TextChoices):
    REQUESTED = "requested", "Deciding whether to assess"
    ASSESSING = "assessing", "Assessing"
    DRAFTING = "drafting", "Writing the plan"
    NOT_ASSESSING = "not_assessing", "Decided not to assess"
    NOT_ISSUING = "not_issuing", "Decided not to issue a plan"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ISSUED = "issued", "EHC plan issued"


OPEN_STAGES = (CaseStage.REQUESTED, CaseStage.ASSESSING, CaseStage.DRAFTING)
CLOSED_STAGES = (
    CaseStage.NOT_ASSESSING,
    CaseStage.NOT_ISSUING,
    CaseStage.WITHDRAWN,
    CaseStage.ISSUED,
)


class EhcCase(BaseModel):
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="ehc_cases")
    local_authority = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="ehc_cases",
        limit_choices_to={"kind": "local_authority"},
    )
    stage = models.CharField(max_length=20, choices=CaseStage.choices, default=CaseStage.REQUESTED)
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ehc_cases",
    )
    # CFA s36(1): the day the LA received the request starts every limit below.
    received = models.DateField()
    decision_to_assess_due = models.DateField()  # reg 5(1): 6 weeks
    decision_not_to_issue_due = models.DateField()  # reg 10(1): 16 weeks
    draft_plan_recommended_by = models.DateField()  # not statutory: 14 weeks
    final_plan_due = models.DateField()  # reg 13(2): 20 weeks
    # The next statutory step and its date, kept by the services for the work tray.
    next_step = models.CharField(max_length=120, blank=True)
    next_due = models.DateField(null=True, blank=True)
    # The `next_due` a reminder was last sent for, so the reminder sweep sends each one once.
    reminded_for = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["next_due", "received", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(stage__in=["requested", "assessing", "drafting"]),
                name="ehc_case_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(decision_to_assess_due__gt=F("received")),
                name="ehc_case_due_after_received",
            ),
        ]
        indexes = [
            models.Index(fields=["local_authority", "stage", "next_due"]),
            models.Index(fields=["caseworker", "next_due"]),
        ]

    def __str__(self) -> str:
        return f"EHC case received {self.received}"

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class RequesterKind(models.TextChoices):
    """CFA 2014 s36(1) and reg 3: who may ask for an assessment."""

    SCHOOL = "school", "The child's school or college"
    PARENT = "parent", "A parent or carer"
    YOUNG_PERSON = "young_person", "The young person"


class Channel(models.TextChoices):
    ONLINE = "online", "Online"
    PAPER = "paper", "On paper, by email or by phone"


class AssessmentRequest(BaseModel):
    """One request for an assessment. The first opens the case; later ones add their views."""

    case = models.ForeignKey(EhcCase, on_delete=models.CASCADE, related_name="requests")
    requester_kind = models.CharField(max_length=20, choices=RequesterKind.choices)
    requester_name = models.CharField(max_length=150, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ehc_requests",
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    received = models.DateField(help_text="The day the local authority received it.")
    # CoP 9.8: a school requests "with the knowledge and agreement" of the parent or young person.
    family_agrees = models.BooleanField(default=False)
    what_is_new = models.TextField(
        "why an assessment is needed now",
        blank=True,
        help_text="What the school or family adds to what OpenSEND already holds.",
    )
    # What OpenSEND held when the school asked (register, needs, plans, reviews, meetings,
    # provision), frozen as it was sent so the LA reads what the school saw.
    school_evidence = models.JSONField(default=dict, blank=True)
    family_about = models.TextField("what the child is like and good at", blank=True)
    family_difficulties = models.TextField("what the child finds hard", blank=True)
    family_help_so_far = models.TextField("help the child has had so far", blank=True)
    family_hopes = models.TextField("what the family would like to happen", blank=True)
    child_views = models.TextField("the child's own views", blank=True)

    class Meta:
        ordering = ["received", "created_at"]

    def __str__(self) -> str:
        return f"Request received {self.received}"


class DecisionKind(models.TextChoices):
    ASSESS = "assess", "Whether to assess"  # reg 5
    ISSUE = "issue", "Whether to issue a plan"  # reg 10


class Decision(BaseModel):
    case = models.ForeignKey(EhcCase, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=10, choices=DecisionKind.choices)
    agreed = models.BooleanField(help_text="True: assess (or issue a plan). False: refused.")
    decided_on = models.DateField()
    # CFA s36(5), regs 5(3) and 10(2): a refusal gives reasons; the database insists too.
    reasons = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decided_on", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="ehc_decision_once_per_kind"),
            models.CheckConstraint(
                condition=Q(agreed=True) | ~Q(reasons=""), name="ehc_refusal_has_reasons"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'yes' if self.agreed else 'no'}"


class Letter(BaseModel):
    """A decision letter. Drafted from the decision; the caseworker reviews it, may add a
    paragraph of their own, and sends it. Once sent, `body_html` is what was sent, frozen."""

    case = models.ForeignKey(EhcCase, on_delete=models.CASCADE, related_name="letters")
    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="letter")
    own_words = models.TextField(
        "a paragraph of your own",
        blank=True,
        help_text="Optional. Added after the decision, in your words.",
    )
    body_html = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who it went to, as labels ("Parent: Lucy Martin", "School: Oakfield Primary School").
    recipients = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return "Decision letter"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None


class AdviceKind(models.TextChoices):
    """Reg 6(1)(a)-(h); the values are opensend.law.assessment.AdviceKind's."""

    FAMILY = LawAdviceKind.FAMILY.value, "The family's advice and views"
    EDUCATIONAL = LawAdviceKind.EDUCATIONAL.value, "Educational advice (the school)"
    MEDICAL = LawAdviceKind.MEDICAL.value, "Medical advice (health)"
    PSYCHOLOGICAL = (
        LawAdviceKind.PSYCHOLOGICAL.value,
        "Psychological advice (educational psychologist)",
    )
    SOCIAL_CARE = LawAdviceKind.SOCIAL_CARE.value, "Social care advice"
    OTHER = LawAdviceKind.OTHER.value, "Other advice the council asks for"
    ADULTHOOD = LawAdviceKind.ADULTHOOD.value, "Preparing for adulthood (Year 9 and above)"
    FAMILY_REQUESTED = LawAdviceKind.FAMILY_REQUESTED.value, "Advice the family asked for"


class AdviceStatus(models.TextChoices):
    DRAFT = "draft", "Not sent yet"
    REQUESTED = "requested", "Asked"
    SUBMITTED = "submitted", "Advice given"
    REUSED = "reused", "Existing advice used"
    WITHDRAWN = "withdrawn", "Withdrawn"


OUTSTANDING_ADVICE = (AdviceStatus.DRAFT, AdviceStatus.REQUESTED)
COMPLETE_ADVICE = (AdviceStatus.SUBMITTED, AdviceStatus.REUSED)


class AdviceRequest(BaseModel):
    """One request for advice (reg 6(1)) and, once given, the advice.

    Who answers: the family (parents with access, or the young person) for family advice; the
    school's SENCO or head when `recipient_organisation` is a school; otherwise the named
    professional (`recipient_user`), who may be waiting to join through `invitation`.
    """

    case = models.ForeignKey(EhcCase, on_delete=models.CASCADE, related_name="advice_requests")
    kind = models.CharField(max_length=20, choices=AdviceKind.choices)
    status = models.CharField(
        max_length=10, choices=AdviceStatus.choices, default=AdviceStatus.DRAFT
    )
    recipient_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="advice_requests",
    )
    recipient_name = models.CharField(max_length=150, blank=True)
    recipient_email = models.EmailField(blank=True)
    invitation = models.ForeignKey(
        "organisations.Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField(
        "what you would like them to look at",
        blank=True,
        help_text="Optional. For example, the child's speech and language.",
    )
    requested_on = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)  # reg 8(1): requested_on + 6 weeks
    reminded_at = models.DateTimeField(null=True, blank=True)
    # The advice (a shape that works for every kind; CoP 9.49: clear, specific, outcome-focused).
    needs = models.TextField("the child's needs", blank=True)
    outcomes = models.TextField("outcomes to aim for", blank=True)
    provision = models.TextField("provision that would meet the needs", blank=True)
    other_information = models.TextField("anything else", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Families see advice by default (peers.md §5: not "on request"); the LA may withhold one
    # piece, e.g. social care advice that would put someone at risk, and the page says so.
    shared_with_family = models.BooleanField(default=True)
    # Reg 6(4): existing advice used instead of asking again, when all agree it is sufficient.
    reused_description = models.TextField("the existing advice", blank=True)
    reuse_provider_agrees = models.BooleanField(default=False)
    reuse_family_agrees = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_on__isnull=True) | Q(due__gt=F("requested_on")),
                name="advice_due_after_requested",
            ),
            models.CheckConstraint(
                condition=~Q(status="reused")
                | (Q(reuse_provider_agrees=True) & Q(reuse_family_agrees=True)),
                name="advice_reuse_needs_agreement",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient_user", "status"]),
            models.Index(fields=["recipient_organisation", "status"]),
            models.Index(fields=["status", "due"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} advice"

    @property
    def is_outstanding(self) -> bool:
        return self.status in OUTSTANDING_ADVICE


class AdviceAttachment(BaseModel):
    """A document sent with advice (a report, an assessment). Kept in the database so it is
    only ever served through a permission-checked page, and is in every backup."""

    advice = models.ForeignKey(AdviceRequest, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.filename


class ExceptionKind(models.TextChoices):
    """Regs 5(4), 8(2), 10(4); the values are opensend.law.ehc.ExceptionKind's."""

    PERSONAL_CIRCUMSTANCES = (
        LawExceptionKind.PERSONAL_CIRCUMSTANCES.value,
        "Exceptional personal circumstances of the child or family",
    )
    ABSENCE_FROM_AREA = (
        LawExceptionKind.ABSENCE_FROM_AREA.value,
        "Away from the area for 4 weeks or more",
    )
    MISSED_APPOINTMENT = (
        LawExceptionKind.MISSED_APPOINTMENT.value,
        "Missed an appointment for advice",
    )
    SCHOOL_CLOSURE = (
        LawExceptionKind.SCHOOL_CLOSURE.value,
        "School or setting closed for 4 weeks or more",
    )


class CaseException(BaseModel):
    """A circumstance under regs 5(4), 8(2) or 10(4). For a closure, `end` is reopening day."""

    case = models.ForeignKey(EhcCase, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=30, choices=ExceptionKind.choices)
    start = models.DateField()
    end = models.DateField()
    note = models.TextField(blank=True)
    advice_request = models.ForeignKey(
        AdviceRequest,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="exceptions",
        help_text="For a missed appointment: whose appointment it was.",
    )

    class Meta:
        ordering = ["start", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="ehc_exception_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.start}"

    def as_law(self) -> TimeLimitException:
        """The exception as opensend.law.ehc reads it (to decide which limits it lifts)."""
        return TimeLimitException(kind=LawExceptionKind(self.kind), start=self.start, end=self.end)
