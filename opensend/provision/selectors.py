"""Who sees which interventions, the costed provision map, and an intervention's pupils.

DESIGN "Who sees what":
- A school's staff (SENCO, head, teacher, teaching assistant) see its interventions, their
  costs and the pupils in them.
- Its governors see the interventions, their costs and how many pupils are in each, but never
  a named child (`can_see_pupils` is False for them); views and the API hide names with it, and
  show small numbers as "fewer than 5" (`shown_count`), as the register's counts do.
- Nobody else sees a school's provision map: not other schools, not the LA (a school's
  spending on SEN support is its own business), not families.

A pupil is in an intervention through a line of provision on their support plan that points at
it. "Now" means their open plan (draft or active: the present cycle); a reviewed plan's lines
are history, copied into the next cycle when the provision carries on.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from opensend.core.access import get_audited
from opensend.law.meetings import TERM_NAMES, academic_year_bounds
from opensend.organisations.models import (
    ClosureDay,
    Organisation,
    OrganisationKind,
    Role,
    SchoolTerm,
    TermName,
)
from opensend.organisations.selectors import active_memberships, organisation_ids_with_role
from opensend.people.models import Enrolment
from opensend.people.selectors import SMALL_NUMBER_THRESHOLD, staff_school_ids
from opensend.provision.costs import intervention_term_cost
from opensend.provision.models import Intervention
from opensend.support.models import (
    OPEN_STATUSES,
    Outcome,
    OutcomeProgress,
    OutcomeReview,
    SupportPlan,
    SupportProvision,
)

# Academic years the map is offered for; anything else is a typing error in the address.
FIRST_MAP_YEAR = 2000
LAST_MAP_YEAR = 2099


# Reach -----------------------------------------------------------------------------------------


def provision_school_ids(user) -> set:
    """The schools whose provision map this person sees: their staff and governors."""
    if not user.is_authenticated:
        return set()
    return staff_school_ids(user) | organisation_ids_with_role(user, {Role.GOVERNOR})


def can_see_pupils(user, school: Organisation) -> bool:
    """Whether this person may see the names of the school's pupils (staff, not governors)."""
    return user.is_superuser or school.pk in staff_school_ids(user)


def shown_count(count: int, *, names_visible: bool) -> str:
    """A count as shown: to those who may not see names, small numbers are hidden."""
    if not names_visible and 0 < count < SMALL_NUMBER_THRESHOLD:
        return f"fewer than {SMALL_NUMBER_THRESHOLD}"
    return str(count)


def get_school_for_provision(user, school_id) -> Organisation:
    """The school, if this person works at or governs it; 404 for anyone else."""
    for membership in active_memberships(user):
        school = membership.organisation
        if (
            str(school.pk) == str(school_id)
            and school.kind == OrganisationKind.SCHOOL
            and school.pk in provision_school_ids(user)
        ):
            return school
    raise Http404("No such school.")


def interventions_visible_to(user) -> QuerySet[Intervention]:
    if not user.is_authenticated:
        return Intervention.objects.none()
    if user.is_superuser:
        return Intervention.objects.all()
    return Intervention.objects.filter(school_id__in=provision_school_ids(user))


def get_intervention_for(user, intervention_id) -> Intervention:
    """An intervention this person may see, or 404; the look is audited."""
    return get_audited(
        interventions_visible_to(user).select_related("school"), intervention_id, user=user
    )


# Pupils ----------------------------------------------------------------------------------------


def _not_ended_by(on: date) -> Q:
    return Q(end__isnull=True) | Q(end__gte=on)


def intervention_pupils(
    intervention: Intervention, on: date, *, include_upcoming: bool = False
) -> QuerySet[SupportProvision]:
    """The lines of provision putting pupils in the intervention on `on`, with child and plan.

    Only open plans count (the present cycle), so a pupil appears once however many cycles
    their plan has been through. With `include_upcoming`, pupils due to start after `on` are
    included too. One query whatever the number of pupils.
    """
    provisions = SupportProvision.objects.filter(
        _not_ended_by(on), intervention=intervention, plan__status__in=OPEN_STATUSES
    )
    if not include_upcoming:
        provisions = provisions.filter(start__lte=on)
    return provisions.select_related("plan", "plan__child", "outcome").order_by(
        "plan__child__last_name", "plan__child__first_name", "start", "pk"
    )


def get_intervention_provision_for(user, intervention: Intervention, provision_id):
    """A pupil's line of provision in this intervention, if the person may see pupils' names
    at its school; 404 otherwise. The look is audited against the child."""
    if not can_see_pupils(user, intervention.school):
        raise Http404("Not found.")
    return get_audited(
        SupportProvision.objects.filter(
            intervention=intervention, plan__school_id=intervention.school_id
        ).select_related("plan", "plan__child"),
        provision_id,
        user=user,
        subject_id=lambda provision: provision.plan.child_id,
    )


def plans_to_add(intervention: Intervention, on: date) -> QuerySet[SupportPlan]:
    """The open support plans at the intervention's school whose pupils could join it.

    Pupils still on roll, with a draft or active plan, who are not already in it (now or due to
    start). One query.
    """
    already_in = SupportProvision.objects.filter(
        _not_ended_by(on), plan=OuterRef("pk"), intervention=intervention
    )
    on_roll = Enrolment.objects.filter(
        child=OuterRef("child_id"), school_id=intervention.school_id, end__isnull=True
    )
    return (
        SupportPlan.objects.filter(school_id=intervention.school_id, status__in=OPEN_STATUSES)
        .filter(Exists(on_roll))
        .exclude(Exists(already_in))
        .select_related("child")
        .order_by("child__last_name", "child__first_name", "pk")
    )


# The costed map ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapRow:
    intervention: Intervention
    pupils: int  # pupils in it at any time in the year
    term_costs: list[Decimal]  # in the order of ProvisionMap.terms
    total: Decimal


@dataclass(frozen=True)
class ProvisionMap:
    school: Organisation
    academic_year: int
    terms: list[SchoolTerm]  # the school's own terms for the year, autumn first; may be empty
    rows: list[MapRow]
    term_totals: list[Decimal]
    total: Decimal
    missing_terms: list[str] = field(default_factory=list)  # term names not yet set

    @property
    def has_terms(self) -> bool:
        return bool(self.terms)

    @property
    def pupils(self) -> int:
        return sum(row.pupils for row in self.rows)


def year_pupil_filter(first: date, last: date, prefix: str = "provisions__") -> Q:
    """Provision lines that ran at some time between `first` and `last`.

    A line on a reviewed plan counts up to the review (after it, the next cycle's copy, if any,
    takes over), so a pupil whose support ended is not counted for ever.
    """
    return (
        Q(**{f"{prefix}start__lte": last})
        & (Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": first}))
        & (
            Q(**{f"{prefix}plan__status__in": OPEN_STATUSES})
            | Q(**{f"{prefix}plan__review__review_date__gte": first})
        )
    )


def provision_map(school: Organisation, academic_year: int) -> ProvisionMap:
    """The school's interventions running in the academic year, costed by term, with totals.

    Costs are worked out over the school's own terms for the year (SchoolTerm rows) less its
    closure days (see opensend.provision.costs); with no terms set, no costs can be given and
    the rows say so by having none. Three queries whatever the number of interventions and
    pupils: the terms, the closure days, the interventions with their pupil counts.
    """
    first, last = academic_year_bounds(academic_year)
    terms = list(SchoolTerm.objects.filter(school=school, academic_year=academic_year))
    terms.sort(key=lambda term: TERM_NAMES.index(term.name))
    closures = set(
        ClosureDay.objects.filter(school=school, date__range=(first, last)).values_list(
            "date", flat=True
        )
    )
    interventions = (
        Intervention.objects.filter(school=school, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .annotate(
            pupil_count=Count(
                "provisions__plan__child", distinct=True, filter=year_pupil_filter(first, last)
            )
        )
        .order_by("name", "start", "pk")
    )
    rows = []
    for intervention in interventions:
        costs = [intervention_term_cost(intervention, term, closures) for term in terms]
        rows.append(MapRow(intervention, intervention.pupil_count, costs, sum(costs, Decimal(0))))
    term_totals = [sum((row.term_costs[i] for row in rows), Decimal(0)) for i in range(len(terms))]
    set_names = {term.name for term in terms}
    return ProvisionMap(
        school=school,
        academic_year=academic_year,
        terms=terms,
        rows=rows,
        term_totals=term_totals,
        total=sum(term_totals, Decimal(0)),
        missing_terms=[
            TermName(name).label for name in TERM_NAMES if terms and name not in set_names
        ],
    )


def intervention_costs(intervention: Intervention, academic_year: int) -> ProvisionMap:
    """One intervention's row of the map for the year (for its own page). Three queries."""
    full = provision_map(intervention.school, academic_year)
    rows = [row for row in full.rows if row.intervention.pk == intervention.pk]
    return ProvisionMap(
        school=full.school,
        academic_year=academic_year,
        terms=full.terms,
        rows=rows,
        term_totals=rows[0].term_costs if rows else [Decimal(0) for _ in full.terms],
        total=rows[0].total if rows else Decimal(0),
        missing_terms=full.missing_terms,
    )


# Outcomes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class OutcomeSummary:
    progress: list[ProgressCount]  # every progress level, in order, zero counts included
    reviewed: int  # outcomes reviewed
    not_reviewed: int  # outcomes not yet reviewed
    pupils_not_reviewed: int  # pupils with at least one outcome not yet reviewed

    @property
    def total(self) -> int:
        return self.reviewed + self.not_reviewed


def intervention_outcomes(intervention: Intervention) -> QuerySet[Outcome]:
    """The outcomes the intervention works towards, in every cycle of every pupil's plan.

    An outcome counts when a line of provision for it is in the intervention, or when the line
    is in the intervention and names no outcome (it then supports the whole plan, so all the
    plan's outcomes).
    """
    for_outcome = SupportProvision.objects.filter(outcome=OuterRef("pk"), intervention=intervention)
    for_plan = SupportProvision.objects.filter(
        plan=OuterRef("plan_id"), intervention=intervention, outcome__isnull=True
    )
    return Outcome.objects.filter(Exists(for_outcome) | Exists(for_plan))


def intervention_outcome_summary(intervention: Intervention) -> OutcomeSummary:
    """How the intervention's pupils' outcomes went at review, and how many await one.

    Two queries whatever the number of pupils and outcomes.
    """
    outcomes = intervention_outcomes(intervention)
    by_progress = dict(
        OutcomeReview.objects.filter(outcome__in=outcomes)
        .values_list("progress")
        .annotate(total=Count("id"))
        .order_by()
    )
    waiting = defaultdict(int)
    for child_id in (
        outcomes.filter(review__isnull=True).values_list("plan__child_id", flat=True).order_by()
    ):
        waiting[child_id] += 1
    return OutcomeSummary(
        progress=[
            ProgressCount(value, label, by_progress.get(value, 0))
            for value, label in OutcomeProgress.choices
        ],
        reviewed=sum(by_progress.values()),
        not_reviewed=sum(waiting.values()),
        pupils_not_reviewed=len(waiting),
    )
