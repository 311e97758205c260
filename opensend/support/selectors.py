"""Who sees which support plans (DESIGN "Who sees what").

- School staff (SENCO, teacher, teaching assistant, head) see the plans of their own schools,
  not a plan another school wrote for a pupil who has since moved to them.
- Governors see no named child, so no plans.
- A parent sees their own child's plans (unless their access is restricted); a young person
  sees their own.
- LA staff see a plan only for a child already in their reach (a statutory case): named
  SEN-support pupils with no statutory case stay with the school.
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from opensend.core.access import get_audited
from opensend.people.models import Child, ParentLink
from opensend.people.selectors import la_ids, staff_school_ids, statutory_case_filter
from opensend.support.models import Outcome, SupportPlan, SupportPlanStatus, SupportProvision


def _family_and_la_children(user) -> QuerySet[Child]:
    """The children_visible_to rules other than school staff's (which are per plan here)."""
    reach = Q(
        Exists(ParentLink.objects.filter(child=OuterRef("pk"), user=user, access_restricted=False))
    )
    reach |= Q(account=user)
    authorities = la_ids(user)
    if authorities:
        reach |= Q(home_local_authority_id__in=authorities) & statutory_case_filter()
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
