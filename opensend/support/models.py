"""SEN support plans: the graduated approach's assess, plan, do, review cycle (CoP 6.44–6.56).

One `SupportPlan` row is one cycle for one pupil at one school. A review freezes the plan (DESIGN
"Audit and versions": legal documents are explicit version rows, kept, not overwritten) and the
next cycle is a new row pointing back at it through `previous`, so a pupil's plans read as a
chain of versions: cycle 1, 2, 3...

The shape is chosen so that the statutory Individual Support Plan proposed in the 2026 Schools
White Paper is a small step later: it too is "outcomes, the provision that meets them, who is
responsible for what, and a review". An ISP would be a `kind` on this model (or a thin subclass
table) adding whatever statutory fields the final regulations require, issued and frozen through
the same services; the outcomes, provision and review tables stay as they are.
"""

from django.db import models
from django.db.models import F, Q

from opensend.core.models import BaseModel


class SupportPlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    REVIEWED = "reviewed", "Reviewed"


OPEN_STATUSES = (SupportPlanStatus.DRAFT, SupportPlanStatus.ACTIVE)


class SupportPlan(BaseModel):
    """One assess–plan–do–review cycle for a pupil at a school.

    The respective responsibilities of the parents, the pupil and the school are their own
    fields, because the DfE asks schools to identify them with parents (implementation guidance,
    "Engagement with Parents"). A reviewed plan is frozen: the services refuse edits to it.
    """

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="support_plans"
    )
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="support_plans"
    )
    status = models.CharField(
        max_length=10, choices=SupportPlanStatus.choices, default=SupportPlanStatus.DRAFT
    )
    cycle = models.PositiveSmallIntegerField(default=1)
    previous = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_plan",
        help_text="The plan whose review started this cycle.",
    )
    review_due = models.DateField()
    assessment = models.TextField("what was assessed", blank=True)
    assessed_by = models.CharField("assessed by", max_length=300, blank=True)
    parent_responsibilities = models.TextField("what the parents will do", blank=True)
    pupil_responsibilities = models.TextField("what the pupil will do", blank=True)
    school_responsibilities = models.TextField("what the school will do", blank=True)
    pupil_views = models.TextField("the pupil's views", blank=True)
    parent_views = models.TextField("the parents' views", blank=True)
    # The pupil passport (a one-page profile for the pupil's teachers) is drawn from these,
    # the pupil's ranked needs and the plan's outcomes; they carry over from cycle to cycle.
    strengths = models.TextField("strengths and interests", blank=True)
    what_helps = models.TextField("what helps", blank=True)
    what_to_avoid = models.TextField("what to avoid", blank=True)

    class Meta:
        ordering = ["child", "-cycle"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "school"],
                condition=Q(status__in=["draft", "active"]),
                name="support_plan_one_open_per_school",
            ),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="support_plan_cycle_positive"),
        ]
        indexes = [models.Index(fields=["school", "status", "review_due"])]

    def __str__(self) -> str:
        return f"Support plan {self.cycle} for {self.child}"

    @property
    def is_frozen(self) -> bool:
        return self.status == SupportPlanStatus.REVIEWED


class Outcome(BaseModel):
    """An outcome sought, with how everyone will know it has been achieved."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="outcomes")
    order = models.PositiveSmallIntegerField()
    description = models.TextField()
    success_criteria = models.TextField("how we will know", blank=True)
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The same outcome in the previous cycle, when it was carried over.",
    )

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="outcome_order_unique")
        ]

    def __str__(self) -> str:
        return f"Outcome {self.order}"


class SupportProvision(BaseModel):
    """What is done, by whom, how often and from when to when (the "do" of the cycle)."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="provisions")
    outcome = models.ForeignKey(
        Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="provisions"
    )
    intervention = models.ForeignKey(
        "provision.Intervention",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text="The school intervention or group this provision is, on the provision map.",
    )
    what = models.CharField(max_length=300)
    who = models.CharField(max_length=200, help_text="A role or a name.")
    frequency = models.CharField(max_length=200, help_text="For example, 3 × 20 minutes a week.")
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "start", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="support_provision_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.what


class OutcomeProgress(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SOME_PROGRESS = "some_progress", "Some progress"
    GOOD_PROGRESS = "good_progress", "Good progress"
    ACHIEVED = "achieved", "Achieved"


class NextStep(models.TextChoices):
    CONTINUE = "continue", "Continue with the same outcomes"
    NEW_OUTCOMES = "new_outcomes", "Set new outcomes"
    MOVE_TO_EHC_REQUEST = "move_to_ehc_request", "Request an EHC needs assessment"
    END_SUPPORT = "end_support", "End SEN support"


class PlanReview(BaseModel):
    """The "review" of the cycle: how it went, who contributed and what happens next."""

    plan = models.OneToOneField(SupportPlan, on_delete=models.CASCADE, related_name="review")
    review_date = models.DateField()
    summary = models.TextField(blank=True)
    parent_contributed = models.BooleanField(default=False)
    pupil_contributed = models.BooleanField(default=False)
    next_step = models.CharField(max_length=20, choices=NextStep.choices)

    class Meta:
        ordering = ["-review_date"]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.review_date}"


class OutcomeReview(BaseModel):
    """Progress against one outcome at the plan's review."""

    plan_review = models.ForeignKey(
        PlanReview, on_delete=models.CASCADE, related_name="outcome_reviews"
    )
    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="review")
    progress = models.CharField(max_length=20, choices=OutcomeProgress.choices)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__order"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.progress}"
