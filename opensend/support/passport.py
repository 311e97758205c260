"""The pupil passport: a one-page profile of a pupil for the teachers who work with them.

It is drawn from the pupil's support plan (strengths, what helps, what to avoid, the outcomes
being worked on and the support given), their ranked types of need and their year group, so
nobody types it twice: when the SENCO changes the plan or the register, the passport follows.
Teachers and teaching assistants read it because they deliver most of the graduated approach
day to day (CoP 6.52: the class or subject teacher remains responsible for the pupil's
progress, with the SENCO's support).

Who sees a passport is exactly who sees the plan it comes from (opensend.support.selectors):
the plan's school's staff, the pupil's parents and the young person, and the LA only for a
statutory case. A governor sees none.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.law.codes import NEED_BY_CODE
from opensend.organisations.models import Organisation
from opensend.people.models import Enrolment, Need, YearGroup
from opensend.people.selectors import staff_school_ids
from opensend.support.models import Outcome, SupportPlan, SupportPlanStatus, SupportProvision
from opensend.support.selectors import support_plans_visible_to

# Outcomes are shown in short on the passport (the plan has them in full), so that a normal
# plan fits on one side of A4.
OUTCOME_WORDS = 30
YEAR_LABELS = dict(YearGroup.choices)

# Which plan a passport comes from: the one being worked to now (active), else the one being
# agreed (draft), else the newest one reviewed.
_PREFERENCE = Case(
    When(status=SupportPlanStatus.ACTIVE, then=Value(0)),
    When(status=SupportPlanStatus.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
_ORDER = (_PREFERENCE.asc(), "-cycle", "-updated_at", "pk")


@dataclass(frozen=True)
class PassportNeed:
    rank: int
    code: str
    description: str

    @property
    def is_primary(self) -> bool:
        return self.rank == 1


@dataclass(frozen=True)
class PassportSupport:
    what: str
    who: str
    frequency: str


@dataclass(frozen=True)
class Passport:
    plan: SupportPlan
    child_id: object
    first_name: str
    last_name: str
    school_name: str
    year_group: str  # the census code, e.g. "3"; "" when not on roll at the plan's school
    needs: tuple[PassportNeed, ...]
    strengths: str
    what_helps: str
    what_to_avoid: str
    outcomes: tuple[str, ...]
    support: tuple[PassportSupport, ...]
    review_due: date
    reviewed_on: date | None  # set when the passport comes from a reviewed plan
    last_updated: date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def year_group_label(self) -> str:
        return YEAR_LABELS.get(self.year_group, self.year_group)

    @property
    def is_current(self) -> bool:
        """Whether the plan is still open (not a reviewed plan kept for the record)."""
        return self.reviewed_on is None

    @property
    def is_draft(self) -> bool:
        return self.plan.status == SupportPlanStatus.DRAFT

    @property
    def primary_need(self) -> PassportNeed | None:
        return next((need for need in self.needs if need.is_primary), None)


def _with_passport_data(plans: QuerySet[SupportPlan], today: date) -> QuerySet[SupportPlan]:
    """Everything a passport shows, in a fixed number of queries however many plans."""
    return plans.select_related("child", "school", "review").prefetch_related(
        Prefetch(
            "outcomes", queryset=Outcome.objects.order_by("order"), to_attr="passport_outcomes"
        ),
        # Current support: provision that has not ended (or starts soon), not past provision.
        Prefetch(
            "provisions",
            queryset=SupportProvision.objects.exclude(end__lt=today).order_by(
                "start", "created_at"
            ),
            to_attr="passport_support",
        ),
        Prefetch(
            "child__needs",
            queryset=Need.objects.filter(end__isnull=True).order_by("rank", "code"),
            to_attr="passport_needs",
        ),
        Prefetch(
            "child__enrolments",
            queryset=Enrolment.objects.filter(end__isnull=True).order_by("start", "pk"),
            to_attr="passport_enrolments",
        ),
    )


def _need_description(code: str) -> str:
    need = NEED_BY_CODE.get(code)
    return need.description if need else code


def _build(plan: SupportPlan) -> Passport:
    """A passport from a plan loaded by `_with_passport_data` (no further queries)."""
    child = plan.child
    enrolments = child.passport_enrolments
    year_group = next((e.year_group for e in enrolments if e.school_id == plan.school_id), "")
    review = getattr(plan, "review", None) if plan.is_frozen else None
    changed = [plan.updated_at]
    changed += [outcome.updated_at for outcome in plan.passport_outcomes]
    changed += [provision.updated_at for provision in plan.passport_support]
    changed += [need.updated_at for need in child.passport_needs]
    return Passport(
        plan=plan,
        child_id=child.pk,
        first_name=child.first_name,
        last_name=child.last_name,
        school_name=plan.school.name,
        year_group=year_group,
        needs=tuple(
            PassportNeed(rank=need.rank, code=need.code, description=_need_description(need.code))
            for need in child.passport_needs
        ),
        strengths=plan.strengths,
        what_helps=plan.what_helps,
        what_to_avoid=plan.what_to_avoid,
        outcomes=tuple(
            Truncator(outcome.description).words(OUTCOME_WORDS)
            for outcome in plan.passport_outcomes
        ),
        support=tuple(
            PassportSupport(what=p.what, who=p.who, frequency=p.frequency)
            for p in plan.passport_support
        ),
        review_due=plan.review_due,
        reviewed_on=review.review_date if review else None,
        last_updated=timezone.localdate(max(changed)),
    )


def get_passport_for(
    user, child_id, *, today: date, kind: AuditEventKind = AuditEventKind.VIEWED
) -> Passport:
    """The child's passport as `user` may see it, or 404; the look is audited against the child.

    Among the child's plans this person may see: an open plan (active before draft; with open
    plans at two schools, as for a dual-registered pupil, the newest cycle), else the newest
    reviewed plan. No plan they may see: 404, whether or not the child exists.
    """
    plans = support_plans_visible_to(user).filter(child_id=child_id).order_by(*_ORDER)
    plan = _with_passport_data(plans, today)[:1]
    chosen = next(iter(plan), None)
    if chosen is None:
        raise Http404("No such pupil passport.")
    audit_record(actor=user, kind=kind, record=chosen, subject_id=chosen.child_id)
    return _build(chosen)


def passports_for_school(
    user, school: Organisation, *, today: date, year_group: str | None = None
) -> list[Passport]:
    """Every pupil on roll at `school` with a passport from one of its plans, by name.

    For the school's staff (anyone else gets an empty list). `year_group` narrows to one
    census year group. Seven queries whatever the number of pupils: the person's memberships,
    which plan each pupil's passport comes from, then the plans with their child, review,
    outcomes, support, needs and enrolments.
    """
    if school.pk not in staff_school_ids(user) and not user.is_superuser:
        return []
    on_roll = Enrolment.objects.filter(school=school, end__isnull=True)
    if year_group:
        on_roll = on_roll.filter(year_group=year_group)
    candidates = (
        SupportPlan.objects.filter(school=school, child_id__in=on_roll.values("child_id"))
        .order_by("child_id", *_ORDER)
        .values_list("pk", "child_id")
    )
    chosen: dict = {}
    for plan_id, child_id in candidates:
        chosen.setdefault(child_id, plan_id)
    plans = _with_passport_data(
        SupportPlan.objects.filter(pk__in=chosen.values()).order_by(
            "child__last_name", "child__first_name", "child_id"
        ),
        today,
    )
    return [_build(plan) for plan in plans]
