"""The provision map through the JSON API, read through the same selectors as the pages.

A school's staff and governors see its interventions and what they cost (CoP 6.76: the map
is the school's view of its additional and different provision, and governors report on it).
Governors never see a named pupil: where staff get the pupils in an intervention, a governor
gets `pupils: null`, and counts from 1 to 4 come back as null too ("fewer than 5" on the pages).
Nobody else sees a school's provision map: 404, as on the pages.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from django.utils import timezone
from ninja import Field, Query, Router, Schema

from opensend.law.dates import academic_year_of
from opensend.organisations.models import TermName
from opensend.provision import selectors
from opensend.provision.models import Intervention
from opensend.provision.selectors import MapRow, OutcomeSummary, ProvisionMap
from opensend.support.models import SupportProvision

router = Router(tags=["Provision map"])

PENNY = Decimal("0.01")
TermCode = Literal["autumn", "spring", "summer"]

AcademicYear = Annotated[
    int | None,
    Query(
        ge=selectors.FIRST_MAP_YEAR,
        le=selectors.LAST_MAP_YEAR,
        description="2026 for September 2026 to August 2027; without it, the current year",
    ),
]
HIDDEN_COUNT = (
    "null when it is from 1 to 4 and you may not see pupils' names (governors), so that no "
    "pupil can be picked out"
)


# Schemas ----------------------------------------------------------------------------------------


class TermOut(Schema):
    name: TermCode
    start: date
    end: date


class TermCostOut(Schema):
    term: TermCode
    cost: Decimal = Field(description="Pounds, to the penny")


class InterventionOut(Schema):
    id: UUID
    school_id: UUID
    name: str
    description: str
    delivery: Literal["group", "individual"]
    staff: str = Field(description="Who delivers it: a role or a name")
    hours_per_week: Decimal = Field(description="Staff hours in a full teaching week")
    hourly_cost: Decimal = Field(description="Staff cost an hour, in pounds")
    other_costs_per_term: Decimal = Field(description="Resources, licences or fees, in pounds")
    max_pupils: int | None
    start: date
    end: date | None
    version: int


class MapInterventionOut(InterventionOut):
    pupils: int | None = Field(description=f"Pupils in it at any time in the year; {HIDDEN_COUNT}")
    term_costs: list[TermCostOut] = Field(description="Its cost in each of the year's terms")
    total: Decimal = Field(description="Its cost for the year, in pounds")


class CostsOut(Schema):
    academic_year: int
    terms: list[TermOut] = Field(
        description="The school's own term dates for the year; costs need them"
    )
    missing_terms: list[TermCode] = Field(
        description="Terms whose dates the school has not set, when it has set some"
    )


class ProvisionMapOut(CostsOut):
    school_id: UUID
    school_name: str
    interventions: list[MapInterventionOut]
    term_totals: list[TermCostOut]
    total: Decimal


class PupilOut(Schema):
    provision_id: UUID = Field(description="The line of the pupil's support plan")
    plan_id: UUID
    child_id: UUID
    first_name: str
    last_name: str
    outcome_id: UUID | None = Field(description="The plan's outcome it works towards")
    start: date
    end: date | None


class ProgressCountOut(Schema):
    progress: Literal["not_started", "some_progress", "good_progress", "achieved"]
    count: int | None = Field(description=f"Outcomes reviewed at this level; {HIDDEN_COUNT}")


class OutcomeSummaryOut(Schema):
    progress: list[ProgressCountOut]
    not_reviewed: int | None = Field(description=f"Outcomes not yet reviewed; {HIDDEN_COUNT}")
    pupils_not_reviewed: int | None = Field(
        description=f"Pupils with outcomes not yet reviewed; {HIDDEN_COUNT}"
    )


class InterventionDetailOut(InterventionOut):
    school_name: str
    costs: CostsOut
    term_costs: list[TermCostOut] = Field(description="Its cost in each of the year's terms")
    total: Decimal = Field(description="Its cost for the year, in pounds")
    pupil_count: int | None = Field(description=f"Pupils in it now or due to start; {HIDDEN_COUNT}")
    pupils: list[PupilOut] | None = Field(
        description="Pupils in it now or due to start; null for those who may not see names"
    )
    outcome_summary: OutcomeSummaryOut = Field(
        description="How its pupils' outcomes went at review, in every cycle"
    )


# Helpers ----------------------------------------------------------------------------------------


def _count(count: int, names_visible: bool) -> int | None:
    """A count as the pages show it: to those who may not see names, 1 to 4 are hidden."""
    return (
        count if selectors.shown_count(count, names_visible=names_visible) == str(count) else None
    )


def _intervention(intervention: Intervention) -> dict:
    return {
        name: getattr(intervention, name)
        for name in (
            "id",
            "school_id",
            "name",
            "description",
            "delivery",
            "staff",
            "hours_per_week",
            "hourly_cost",
            "other_costs_per_term",
            "max_pupils",
            "start",
            "end",
            "version",
        )
    }


def _money(amount: Decimal) -> Decimal:
    """Pounds to the penny, so a total of nothing reads 0.00 like every other amount."""
    return Decimal(amount).quantize(PENNY)


def _term_costs(the_map: ProvisionMap, costs: list[Decimal]) -> list[dict]:
    return [
        {"term": term.name, "cost": _money(cost)}
        for term, cost in zip(the_map.terms, costs, strict=True)
    ]


_TERM_BY_LABEL = {label: value for value, label in TermName.choices}


def _costs(the_map: ProvisionMap) -> dict:
    return {
        "academic_year": the_map.academic_year,
        "terms": [{"name": t.name, "start": t.start, "end": t.end} for t in the_map.terms],
        "missing_terms": [_TERM_BY_LABEL[label] for label in the_map.missing_terms],
    }


def _map_row(the_map: ProvisionMap, row: MapRow, names_visible: bool) -> dict:
    return {
        **_intervention(row.intervention),
        "pupils": _count(row.pupils, names_visible),
        "term_costs": _term_costs(the_map, row.term_costs),
        "total": _money(row.total),
    }


def _pupil(line: SupportProvision) -> dict:
    child = line.plan.child
    return {
        "provision_id": line.pk,
        "plan_id": line.plan_id,
        "child_id": child.pk,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "outcome_id": line.outcome_id,
        "start": line.start,
        "end": line.end,
    }


def _outcome_summary(summary: OutcomeSummary, names_visible: bool) -> dict:
    return {
        "progress": [
            {"progress": level.value, "count": _count(level.count, names_visible)}
            for level in summary.progress
        ],
        "not_reviewed": _count(summary.not_reviewed, names_visible),
        "pupils_not_reviewed": _count(summary.pupils_not_reviewed, names_visible),
    }


# Operations -------------------------------------------------------------------------------------


@router.get("/schools/{school_id}/interventions", response=ProvisionMapOut)
def school_intervention_list(request, school_id: UUID, academic_year: AcademicYear = None):
    """The school's provision map: the interventions running in the academic year, each costed
    by term over the school's own term dates (less its closure days), with totals. For the
    school's staff and governors; governors get no pupil's name, and small counts hidden."""
    school = selectors.get_school_for_provision(request.user, school_id)
    year = academic_year if academic_year is not None else academic_year_of(timezone.localdate())
    the_map = selectors.provision_map(school, year)
    names_visible = selectors.can_see_pupils(request.user, school)
    return {
        **_costs(the_map),
        "school_id": school.pk,
        "school_name": school.name,
        "interventions": [_map_row(the_map, row, names_visible) for row in the_map.rows],
        "term_totals": _term_costs(the_map, the_map.term_totals),
        "total": _money(the_map.total),
    }


@router.get("/interventions/{intervention_id}", response=InterventionDetailOut)
def intervention_get(request, intervention_id: UUID, academic_year: AcademicYear = None):
    """One intervention: what it is, what it costs in the academic year, the pupils in it now
    or due to start (for the school's staff; governors get the count only) and how its pupils'
    outcomes went at review."""
    intervention = selectors.get_intervention_for(request.user, intervention_id)
    school = intervention.school
    today = timezone.localdate()
    year = academic_year if academic_year is not None else academic_year_of(today)
    costs = selectors.intervention_costs(intervention, year)
    names_visible = selectors.can_see_pupils(request.user, school)
    lines = list(selectors.intervention_pupils(intervention, today, include_upcoming=True))
    return {
        **_intervention(intervention),
        "school_name": school.name,
        "costs": _costs(costs),
        "term_costs": _term_costs(costs, costs.term_totals),
        "total": _money(costs.total),
        "pupil_count": _count(len({line.plan.child_id for line in lines}), names_visible),
        "pupils": [_pupil(line) for line in lines] if names_visible else None,
        "outcome_summary": _outcome_summary(
            selectors.intervention_outcome_summary(intervention), names_visible
        ),
    }
