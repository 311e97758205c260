"""Who sees which support plans (DESIGN "Who sees what").

- School staff (SENCO, teacher, teaching assistant, head) see the plans of their own schools,
  not a plan another school wrote for a pupil who has since moved to them.
- Governors see no named child, so no plans.
- A parent sees their own child's plans (unless their access is restricted); a young person
  sees their own.
- LA staff see a plan only for a child already in their reach (a statutory case): named
  SEN-support pupils with no statutory case stay with the school.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from opensend.core.access import get_audited
from opensend.people.models import Child, Enrolment, ParentLink, Provision, YearGroup
from opensend.people.selectors import (
    la_ids,
    la_reach,
    register_for_school,
    staff_school_ids,
)
from opensend.support.models import (
    OPEN_STATUSES,
    Outcome,
    SupportPlan,
    SupportPlanStatus,
    SupportProvision,
)


def _family_and_la_children(user) -> QuerySet[Child]:
    """The children_visible_to rules other than school staff's (which are per plan here)."""
    reach = Q(
        Exists(ParentLink.objects.filter(child=OuterRef("pk"), user=user, access_restricted=False))
    )
    reach |= Q(account=user)
    authorities = la_ids(user)
    if authorities:
        reach |= la_reach(authorities)
    return Child.objects.filter(reach)


def support_plans_visible_to(user) -> QuerySet[SupportPlan]:
    if not user.is_authenticated:
        return SupportPlan.objects.none()
    if user.is_superuser:
        return SupportPlan.objects.all()
    reach = Q(child__in=_family_and_la_children(user))
    schools = staff_school_ids(user)
    if schools:
        reach |= Q(school_id__in=schools)
    return SupportPlan.objects.filter(reach)


def get_support_plan_for(user, plan_id) -> SupportPlan:
    """A plan the person may see, or 404; the look is audited against the child."""
    return get_audited(
        support_plans_visible_to(user).select_related("child", "school", "previous"),
        plan_id,
        user=user,
        subject_id=lambda plan: plan.child_id,
    )


def get_outcome_for(user, outcome_id) -> Outcome:
    """An outcome on a plan the person may see, or 404; audited against the child."""
    return get_audited(
        Outcome.objects.filter(plan__in=support_plans_visible_to(user)).select_related(
            "plan__child", "plan__school"
        ),
        outcome_id,
        user=user,
        subject_id=lambda outcome: outcome.plan.child_id,
    )


def get_provision_for(user, provision_id) -> SupportProvision:
    """A line of provision on a plan the person may see, or 404; audited against the child."""
    return get_audited(
        SupportProvision.objects.filter(plan__in=support_plans_visible_to(user)).select_related(
            "plan__child", "plan__school", "intervention"
        ),
        provision_id,
        user=user,
        subject_id=lambda provision: provision.plan.child_id,
    )


def support_plans_for_child(user, child: Child) -> QuerySet[SupportPlan]:
    """A pupil's plans the person may see, newest cycle first (the plan's version history)."""
    return (
        support_plans_visible_to(user)
        .filter(child=child)
        .select_related("school", "review")
        .order_by("school__name", "-cycle")
    )


def plans_due_for_review(school, today: date, within_days: int = 14) -> QuerySet[SupportPlan]:
    """The school's active plans due for review within `within_days`, overdue first.

    Not scoped to a person: for the SENCO's reminders and a page that has already checked the
    viewer works at `school`. Two queries whatever the number of plans (plans with their child,
    and the outcomes).
    """
    return (
        SupportPlan.objects.filter(
            school=school,
            status=SupportPlanStatus.ACTIVE,
            review_due__lte=today + timedelta(days=within_days),
        )
        .select_related("child")
        .prefetch_related("outcomes")
        .order_by("review_due", "child__last_name", "child__first_name", "pk")
    )


# How far ahead "due for review" looks: the same fortnight as the SENCO's weekly reminder.
DUE_WITHIN_DAYS = 14
YEAR_LABELS = dict(YearGroup.choices)


class PlanFilter:
    ALL = "all"
    OVERDUE = "overdue"
    DUE = "due"
    DRAFT = "draft"
    CHOICES = {
        ALL: "All open plans",
        OVERDUE: "Overdue for review",
        DUE: "Due for review within two weeks, or overdue",
        DRAFT: "Drafts not yet agreed",
    }


@dataclass(frozen=True)
class PlanRow:
    plan: SupportPlan
    year_group: str
    days_to_review: int

    @property
    def is_overdue(self) -> bool:
        return self.plan.status == SupportPlanStatus.ACTIVE and self.days_to_review < 0

    @property
    def is_due(self) -> bool:
        return (
            self.plan.status == SupportPlanStatus.ACTIVE and self.days_to_review <= DUE_WITHIN_DAYS
        )


@dataclass(frozen=True)
class SchoolPlans:
    rows: list[PlanRow]
    counts: dict[str, int]
    without_plan: list[Child]


def school_support_plans(user, school, *, today: date, show: str = PlanFilter.ALL) -> SchoolPlans:
    """A school's open plans for its staff, soonest review first, and the pupils on SEN support
    with no plan yet (CoP 6.44–6.56: each pupil on SEN support has one). Four queries whatever
    the number of plans: the plans with their pupils, the pupils' enrolments here, and the
    pupils on SEN support without a plan (with their enrolments).
    """
    if school.pk not in staff_school_ids(user) and not user.is_superuser:
        return SchoolPlans(rows=[], counts={key: 0 for key in PlanFilter.CHOICES}, without_plan=[])
    here = Enrolment.objects.filter(school=school, end__isnull=True)
    plans = (
        SupportPlan.objects.filter(school=school, status__in=OPEN_STATUSES)
        .select_related("child")
        .prefetch_related(Prefetch("child__enrolments", queryset=here, to_attr="enrolments_here"))
        .order_by("review_due", "child__last_name", "child__first_name", "pk")
    )
    rows = [
        PlanRow(
            plan=plan,
            year_group=_year_label(plan.child.enrolments_here),
            days_to_review=(plan.review_due - today).days,
        )
        for plan in plans
    ]
    counts = {
        PlanFilter.ALL: len(rows),
        PlanFilter.OVERDUE: sum(row.is_overdue for row in rows),
        PlanFilter.DUE: sum(row.is_due for row in rows),
        PlanFilter.DRAFT: sum(row.plan.status == SupportPlanStatus.DRAFT for row in rows),
    }
    shown = [row for row in rows if _matches(row, show)]
    open_plan_here = SupportPlan.objects.filter(
        child=OuterRef("pk"), school=school, status__in=OPEN_STATUSES
    )
    without_plan = list(
        register_for_school(user, school, provision=Provision.SEN_SUPPORT).exclude(
            Exists(open_plan_here)
        )
    )
    return SchoolPlans(rows=shown, counts=counts, without_plan=without_plan)


def review_counts_by_school(school_ids, today: date) -> dict:
    """{school id: {"due": n, "overdue": n}} for active plans due within the fortnight (overdue
    included), in one grouped query; `school_ids` None means every school. Counts only: for a
    page that has already checked who is looking, and for the SENCO's weekly reminder."""
    plans = SupportPlan.objects.filter(
        status=SupportPlanStatus.ACTIVE, review_due__lte=today + timedelta(days=DUE_WITHIN_DAYS)
    )
    if school_ids is not None:
        plans = plans.filter(school_id__in=school_ids)
    rows = (
        plans.values("school")
        .annotate(due=Count("pk"), overdue=Count("pk", filter=Q(review_due__lt=today)))
        .order_by("school")
    )
    return {row["school"]: {"due": row["due"], "overdue": row["overdue"]} for row in rows}


def _matches(row: PlanRow, show: str) -> bool:
    if show == PlanFilter.OVERDUE:
        return row.is_overdue
    if show == PlanFilter.DUE:
        return row.is_due
    if show == PlanFilter.DRAFT:
        return row.plan.status == SupportPlanStatus.DRAFT
    return True


def _year_label(enrolments) -> str:
    year = enrolments[0].year_group if enrolments else ""
    return YEAR_LABELS.get(year, year)
