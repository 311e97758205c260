"""SEN support plans through the JSON API, read through the same selectors as the pages.

Who sees a plan is exactly who sees it on the pages (opensend.support.selectors): the plan's
school's staff, the pupil's parents (unless restricted) and the young person, and the LA only
for a statutory case; governors see none. Reading one plan is audited against the child.
Changes go through the support plan services: only the SENCO or head of the plan's school, with
the `version` read (a stale one is a 409), and never to a reviewed plan, which is kept as it was
(DESIGN "Audit and versions").
"""

from datetime import date, datetime
from math import ceil
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, field_validator

from opensend.core.services import StaleEditError
from opensend.people import selectors as people_selectors
from opensend.people.selectors import can_edit_register
from opensend.support import selectors, services
from opensend.support.models import (
    Outcome,
    PlanReview,
    SupportPlan,
    SupportProvision,
)

router = Router(tags=["Support plans"])

PAGE_SIZE = 50

PlanStatus = Literal["draft", "active", "reviewed"]
Progress = Literal["not_started", "some_progress", "good_progress", "achieved"]
NextStepCode = Literal["continue", "new_outcomes", "move_to_ehc_request", "end_support"]


# Schemas ----------------------------------------------------------------------------------------


class SupportPlanSummaryOut(Schema):
    id: UUID
    child_id: UUID
    child_first_name: str
    child_last_name: str
    school_id: UUID
    school_name: str
    status: PlanStatus = Field(description="draft, active (being carried out) or reviewed")
    cycle: int = Field(description="1 for the pupil's first plan at the school, then 2, 3, …")
    review_due: date
    reviewed_on: date | None = Field(description="The review's date, once reviewed")
    previous_id: UUID | None = Field(description="The plan whose review started this cycle")
    version: int
    updated_at: datetime


class SupportPlanPage(Schema):
    count: int
    page: int
    pages: int
    results: list[SupportPlanSummaryOut]


class OutcomeOut(Schema):
    id: UUID
    order: int
    description: str
    success_criteria: str
    carried_from_id: UUID | None = Field(
        description="The same outcome in the previous cycle, when it was carried over"
    )
    version: int


class ProvisionOut(Schema):
    id: UUID
    outcome_id: UUID | None = Field(description="The outcome it meets; none for general support")
    intervention_id: UUID | None = Field(description="The school intervention it is part of")
    intervention_name: str | None
    what: str
    who: str
    frequency: str
    start: date
    end: date | None
    version: int


class OutcomeReviewOut(Schema):
    outcome_id: UUID
    progress: Progress
    notes: str


class PlanReviewOut(Schema):
    review_date: date
    summary: str
    parent_contributed: bool
    pupil_contributed: bool
    next_step: NextStepCode
    outcome_reviews: list[OutcomeReviewOut]


class SupportPlanOut(SupportPlanSummaryOut):
    next_id: UUID | None = Field(description="The plan this one's review started")
    assessment: str
    assessed_by: str
    parent_responsibilities: str
    pupil_responsibilities: str
    school_responsibilities: str
    pupil_views: str
    parent_views: str
    strengths: str = Field(description="Strengths and interests (on the pupil passport)")
    what_helps: str = Field(description="What helps (on the pupil passport)")
    what_to_avoid: str = Field(description="What to avoid (on the pupil passport)")
    outcomes: list[OutcomeOut]
    provision: list[ProvisionOut] = Field(description="Every line of support, in start order")
    review: PlanReviewOut | None = Field(description="The review, once the plan is reviewed")


class SupportPlanPatch(Schema):
    """Only the fields sent change. Status, cycle, child and school are not changed here."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(description="The version you read; a stale one gets 409")
    review_due: date | None = Field(None, description="In the future, within six months")
    assessment: str | None = None
    assessed_by: str | None = Field(None, max_length=300)
    parent_responsibilities: str | None = None
    pupil_responsibilities: str | None = None
    school_responsibilities: str | None = None
    pupil_views: str | None = None
    parent_views: str | None = None
    strengths: str | None = None
    what_helps: str | None = None
    what_to_avoid: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value):
        # Leaving a field out keeps it; null would be a third meaning nobody needs. Send "" to
        # clear a text field.
        if value is None:
            raise ValueError("Leave the field out to keep it, or send a value; not null")
        return value


class OutcomeIn(Schema):
    description: str = Field(description="The outcome sought")
    success_criteria: str = Field("", description="How everyone will know it has been achieved")


# Helpers ----------------------------------------------------------------------------------------


def _summary(plan: SupportPlan, review: PlanReview | None = None) -> dict:
    """A plan with its child and school selected, and its review given or selected."""
    if review is None and plan.is_frozen:
        review = getattr(plan, "review", None)
    return {
        "id": plan.pk,
        "child_id": plan.child_id,
        "child_first_name": plan.child.first_name,
        "child_last_name": plan.child.last_name,
        "school_id": plan.school_id,
        "school_name": plan.school.name,
        "status": plan.status,
        "cycle": plan.cycle,
        "review_due": plan.review_due,
        "reviewed_on": review.review_date if review else None,
        "previous_id": plan.previous_id,
        "version": plan.version,
        "updated_at": plan.updated_at,
    }


def _summary_related(plans: QuerySet[SupportPlan]) -> QuerySet[SupportPlan]:
    return plans.select_related("child", "school", "review")


def _provision(line: SupportProvision) -> dict:
    return {
        "id": line.pk,
        "outcome_id": line.outcome_id,
        "intervention_id": line.intervention_id,
        "intervention_name": line.intervention.name if line.intervention else None,
        "what": line.what,
        "who": line.who,
        "frequency": line.frequency,
        "start": line.start,
        "end": line.end,
        "version": line.version,
    }


def _review(review: PlanReview | None, outcomes: list[Outcome]) -> dict | None:
    if review is None:
        return None
    order = {outcome.pk: outcome.order for outcome in outcomes}
    return {
        "review_date": review.review_date,
        "summary": review.summary,
        "parent_contributed": review.parent_contributed,
        "pupil_contributed": review.pupil_contributed,
        "next_step": review.next_step,
        "outcome_reviews": [
            {"outcome_id": row.outcome_id, "progress": row.progress, "notes": row.notes}
            for row in sorted(review.outcome_reviews.all(), key=lambda r: order[r.outcome_id])
        ],
    }


def _detail(plan: SupportPlan) -> dict:
    """Everything on the plan's page, in the same few queries however long the plan is."""
    review = (
        PlanReview.objects.filter(plan=plan).prefetch_related("outcome_reviews").first()
        if plan.is_frozen
        else None
    )
    outcomes = list(plan.outcomes.order_by("order"))
    provision = plan.provisions.select_related("intervention").order_by("start", "created_at")
    return {
        **_summary(plan, review),
        "next_id": SupportPlan.objects.filter(previous=plan).values_list("pk", flat=True).first(),
        **{name: getattr(plan, name) for name in TEXT_FIELDS},
        "outcomes": outcomes,
        "provision": [_provision(line) for line in provision],
        "review": _review(review, outcomes),
    }


TEXT_FIELDS = services.PLAN_TEXT_FIELDS


def _editable_plan(user, plan_id) -> SupportPlan:
    """A plan this person may change: 404 outside their reach, 403 if they only read it."""
    plan = selectors.get_support_plan_for(user, plan_id)
    if not can_edit_register(user, plan.school):
        raise PermissionDenied("Only the SENCO or head teacher can change support plans.")
    return plan


def _stale(stale: StaleEditError) -> HttpError:
    # Names the fields that differ, not their text: a plan's text can be long, and the
    # client reads the plan again to merge.
    changed = ", ".join(difference.field for difference in stale.differences)
    return HttpError(
        409,
        "Someone else changed this plan since you read it (now version "
        f"{stale.current.version})" + (f": {changed} changed" if changed else "") + ".",
    )


# Operations -------------------------------------------------------------------------------------


@router.get("/children/{child_id}/support-plans", response=list[SupportPlanSummaryOut])
def child_support_plan_list(request, child_id: UUID):
    """A pupil's support plans you may see: each school's plans, newest cycle first. Together
    they are the plan's version history (`previous_id` links each cycle to the last)."""
    child = people_selectors.get_child_for(request.user, child_id)
    plans = selectors.support_plans_for_child(request.user, child)
    return [_summary(plan) for plan in _summary_related(plans)]


@router.get("/schools/{school_id}/support-plans", response=SupportPlanPage)
def school_support_plan_list(
    request,
    school_id: UUID,
    page: Annotated[int, Query(ge=1)] = 1,
    status: Annotated[PlanStatus | None, Query(description="Only plans in this state")] = None,
    review_due_before: Annotated[
        date | None, Query(description="Only plans due for review before this date")
    ] = None,
):
    """A school's support plans, 50 a page, soonest review first. For the school's SENCO,
    head, teachers and teaching assistants."""
    school = people_selectors.get_register_school_for(request.user, school_id)
    plans = selectors.support_plans_visible_to(request.user).filter(school=school)
    if status is not None:
        plans = plans.filter(status=status)
    if review_due_before is not None:
        plans = plans.filter(review_due__lt=review_due_before)
    count = plans.count()
    start = (page - 1) * PAGE_SIZE
    rows = (
        _summary_related(plans).order_by(
            "review_due", "child__last_name", "child__first_name", "pk"
        )[start : start + PAGE_SIZE]
        if start < count
        else []
    )
    return {
        "count": count,
        "page": page,
        "pages": max(1, ceil(count / PAGE_SIZE)),
        "results": [_summary(plan) for plan in rows],
    }


@router.get("/support-plans/{plan_id}", response=SupportPlanOut)
def support_plan_get(request, plan_id: UUID):
    """One plan with its outcomes, provision and, once reviewed, its review. Reading it is
    written to the audit log."""
    return _detail(selectors.get_support_plan_for(request.user, plan_id))


@router.patch("/support-plans/{plan_id}", response=SupportPlanOut)
def support_plan_patch(request, plan_id: UUID, payload: SupportPlanPatch):
    """Change a draft or active plan's text or review date. Send the `version` you read; a
    stale one gets 409. A reviewed plan is kept as it was: change the next cycle's plan. For
    the SENCO or head of the plan's school."""
    plan = _editable_plan(request.user, plan_id)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    try:
        services.support_plan_update(
            actor=request.user, plan=plan, data=data, expected_version=payload.version
        )
    except StaleEditError as stale:
        raise _stale(stale) from stale
    plan.refresh_from_db()
    return _detail(plan)


@router.post(
    "/support-plans/{plan_id}/outcomes",
    response={201: OutcomeOut},
)
def support_plan_outcome_create(request, plan_id: UUID, payload: OutcomeIn):
    """Add an outcome sought to a draft or active plan, after the existing ones. For the
    SENCO or head of the plan's school."""
    plan = _editable_plan(request.user, plan_id)
    outcome: Outcome = services.outcome_add(
        actor=request.user,
        plan=plan,
        description=payload.description,
        success_criteria=payload.success_criteria,
    )
    return Status(201, outcome)
