"""The EHC plan: sections A to K as data, kept as versions (issue 8).

An `EhcPlan` is one child's plan with one LA. What families, schools and tribunals read is a
`PlanVersion`: the plan as it stood when drafted, served for comment, or issued. A version
is editable only while it is a draft; once served or issued it is frozen, and any change makes
a new version that records who made it, when and why (DESIGN "Audit and versions").

Reg 12(1) requires each section to be separately identified (reference/statutory.md §2):

- A  views, interests and aspirations: text on the version
- B, C, D  needs (special educational, health, social care): `PlanNeed` rows
- E  outcomes, each linked to the needs it addresses: `PlanOutcome`
- F, G, H1, H2  provision, each linked to the outcomes it serves: `PlanProvision`
- I  the placement: blank in a draft (reg 13(1)); named when the plan is issued
- J  personal budget: text
- K  the advice and information from the assessment: `advice` (reg 6; CoP 9.62)

From Year 9 the plan includes provision to help prepare for adulthood (reg 12(3)); its
outcomes and provision carry `preparing_for_adulthood`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import BaseModel

__all__ = [
    "EhcPlan",
    "PlanVersionStatus",
    "PlanVersion",
    "NeedSection",
    "PlanNeed",
    "PlanOutcome",
    "ProvisionSection",
    "PlanProvision",
    "DraftResponse",
    "SchoolConsultation",
]


class EhcPlan(BaseModel):
    case = models.OneToOneField("ehc.EhcCase", on_delete=models.CASCADE, related_name="plan")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="ehc_plans")
    local_authority = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="ehc_plans"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return "EHC plan"


class PlanVersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft, being written"
    SERVED = "served", "Draft sent to the family for comments"
    ISSUED = "issued", "Final plan issued"
    SUPERSEDED = "superseded", "Replaced by a later version"


FROZEN_STATUSES = (PlanVersionStatus.SERVED, PlanVersionStatus.ISSUED, PlanVersionStatus.SUPERSEDED)


class PlanVersion(BaseModel):
    plan = models.ForeignKey(EhcPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=12, choices=PlanVersionStatus.choices, default=PlanVersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    change_reason = models.TextField(
        "why this version", blank=True, help_text="What changed from the version before, and why."
    )
    # Section A: views, interests and aspirations (reg 12(1)(a)).
    views_interests_aspirations = models.TextField(blank=True)
    # Reg 12(3), from Year 9: how the plan helps prepare for adulthood and independent living.
    preparing_for_adulthood = models.TextField(blank=True)
    # Section I (reg 12(1)(i)): blank in a draft; the name and type of school or institution.
    placement_name = models.CharField(max_length=200, blank=True)
    placement_type = models.CharField(max_length=200, blank=True)
    placement = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placed_plan_versions",
    )
    # Section J (reg 12(1)(j)): a personal budget's provision, needs and outcomes, if any.
    personal_budget = models.TextField(blank=True)
    # Section K: the advice and information gathered in the assessment.
    advice = models.ManyToManyField("ehc.AdviceRequest", blank=True, related_name="plan_versions")
    served_on = models.DateField(null=True, blank=True)
    comments_close = models.DateField(null=True, blank=True)  # reg 13(1): 15 days
    issued_on = models.DateField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_once"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="draft"),
                name="plan_version_one_draft",
            ),
            # Reg 13(1) as data: a draft sent to the family names no school.
            models.CheckConstraint(
                condition=~Q(status__in=["draft", "served"])
                | (Q(placement_name="") & Q(placement__isnull=True)),
                name="plan_draft_names_no_school",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued") | Q(issued_on__isnull=False),
                name="plan_issued_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_status_display().lower()})"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN_STATUSES


class NeedSection(models.TextChoices):
    B = "B", "B: Special educational needs"
    C = "C", "C: Health needs related to special educational needs"
    D = "D", "D: Social care needs"


class PlanNeed(BaseModel):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="needs")
    section = models.CharField(max_length=1, choices=NeedSection.choices)
    order = models.PositiveSmallIntegerField()
    description = models.TextField()

    class Meta:
        ordering = ["section", "order"]

    def __str__(self) -> str:
        return f"Section {self.section} need {self.order}"


class PlanOutcome(BaseModel):
    """Section E: an outcome, linked to the needs it addresses."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveSmallIntegerField()
    description = models.TextField()
    by_when = models.CharField(
        max_length=200, blank=True, help_text="For example, by the end of Key Stage 2."
    )
    preparing_for_adulthood = models.BooleanField(default=False)
    needs = models.ManyToManyField(PlanNeed, blank=True, related_name="outcomes")

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"Outcome {self.order}"


class ProvisionSection(models.TextChoices):
    F = "F", "F: Special educational provision"
    G = "G", "G: Health provision"
    H1 = "H1", "H1: Social care provision (Chronically Sick and Disabled Persons Act 1970 s2)"
    H2 = "H2", "H2: Other social care provision"


class PlanProvision(BaseModel):
    """Sections F to H2: who provides what, how often and for how long, for which outcomes."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="provision")
    section = models.CharField(max_length=2, choices=ProvisionSection.choices)
    order = models.PositiveSmallIntegerField()
    what = models.TextField()
    who = models.CharField(max_length=300, blank=True)
    how_often = models.CharField(max_length=300, blank=True)
    how_long = models.CharField(max_length=300, blank=True)
    preparing_for_adulthood = models.BooleanField(default=False)
    outcomes = models.ManyToManyField(PlanOutcome, blank=True, related_name="provision")

    class Meta:
        ordering = ["section", "order"]

    def __str__(self) -> str:
        return f"Section {self.section} provision {self.order}"


class DraftResponse(BaseModel):
    """The family's answer to a served draft (reg 13(1)): comments, a school they ask to be
    named, and whether they want to meet the council."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="responses")
    comments = models.TextField(blank=True)
    requested_school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_school_name = models.CharField(max_length=200, blank=True)
    wants_meeting = models.BooleanField(default=False)
    no_changes = models.BooleanField(
        default=False, help_text="The family is content with the draft as it is."
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return "The family's response to the draft"


class SchoolConsultation(BaseModel):
    """The LA consults a school before naming it (CFA 2014 s39(2), s40): the school answers
    whether it can meet the child's needs. 15 days is the usual time (IPSEA; peers.md §4)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="consultations")
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="plan_consultations"
    )
    sent_on = models.DateField()
    respond_by = models.DateField()
    can_meet_needs = models.BooleanField(null=True, blank=True)
    response = models.TextField(blank=True)
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "school"], name="plan_consultation_once_per_school"
            ),
        ]

    def __str__(self) -> str:
        return "Consultation with a school"
