"""Access cases for the SEN2 return (issue 12 item 4), and the records they are tried on.

Rules: the SEN2 return names children, so only the council's SEND team (Northshire's
caseworker and manager for Northshire) sees the page and its downloads; everyone else gets 404:
Southmoor's team, schools (governors included), families, professionals and providers.
`sen2_start` sends a council's team to their own council's return and is 404 for anyone else.

`make_case` is also the tests' factory (tests/reports/test_sen2*.py): a case with its first
request, its decisions, an issued plan naming a school, written straight through the ORM so the
dates are the test's (the services stamp "today").
"""

from datetime import date

from opensend.ehc.models import (
    AssessmentRequest,
    CaseException,
    CaseStage,
    Decision,
    DecisionKind,
    EhcCase,
    EhcPlan,
    PlanVersion,
    PlanVersionStatus,
)
from opensend.law.dates import add_weeks
from opensend.people.models import Child
from tests.access.cases import NORTH_LA, Case

SOUTH_LA = frozenset({"south_caseworker", "south_manager"})
CENSUS = "2026-01-15"


def make_case(
    demo,
    child,
    *,
    received: date,
    assess: bool | None = True,
    assessed_on: date | None = None,
    issued_on: date | None = None,
    placement=None,
    placement_name: str = "",
    not_issuing_on: date | None = None,
    exceptions=(),
    la=None,
    stage=None,
):
    """One EHC case for `child`. `assess`: True agreed, False refused, None undecided."""
    la = la or demo["north_la"]
    if stage is None:
        stage = (
            CaseStage.ISSUED
            if issued_on
            else CaseStage.NOT_ISSUING
            if not_issuing_on
            else CaseStage.NOT_ASSESSING
            if assess is False
            else CaseStage.ASSESSING
            if assess
            else CaseStage.REQUESTED
        )
    closed = issued_on or not_issuing_on or (assessed_on if assess is False else None)
    case = EhcCase.objects.create(
        child=child,
        local_authority=la,
        stage=stage,
        received=received,
        decision_to_assess_due=add_weeks(received, 6),
        decision_not_to_issue_due=add_weeks(received, 16),
        draft_plan_recommended_by=add_weeks(received, 14),
        final_plan_due=add_weeks(received, 20),
        closed_on=closed if stage not in (CaseStage.REQUESTED, CaseStage.ASSESSING) else None,
    )
    AssessmentRequest.objects.create(case=case, requester_kind="parent", received=received)
    if assess is not None:
        Decision.objects.create(
            case=case,
            kind=DecisionKind.ASSESS,
            agreed=assess,
            decided_on=assessed_on or add_weeks(received, 5),
            reasons="" if assess else "The school can meet the needs from its own resources.",
        )
    if not_issuing_on:
        Decision.objects.create(
            case=case,
            kind=DecisionKind.ISSUE,
            agreed=False,
            decided_on=not_issuing_on,
            reasons="The needs can be met without a plan.",
        )
    for kind, start, end in exceptions:
        CaseException.objects.create(case=case, kind=kind, start=start, end=end)
    if issued_on:
        plan = EhcPlan.objects.create(case=case, child=child, local_authority=la)
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            status=PlanVersionStatus.ISSUED,
            issued_on=issued_on,
            placement=placement,
            placement_name=placement_name or (placement.name if placement else ""),
        )
    return case


def reports_sen2_world(demo) -> dict:
    """One Northshire plan issued in 2025, at Oakfield, so the page has a record. The child is
    new (no school roll, no family account), so no other page's access changes."""
    child = Child.objects.create(
        first_name="Sami",
        last_name="Okafor",
        date_of_birth=date(2016, 9, 1),
        home_local_authority=demo["north_la"],
    )
    make_case(
        demo,
        child,
        received=date(2025, 3, 3),
        issued_on=date(2025, 7, 14),
        placement=demo["north_oak"],
    )
    return {"north_la": demo["north_la"], "south_la": demo["south_la"]}


def _la(key):
    return lambda world: {"la_id": world[key].pk}


CASES = [
    Case("sen2_start", NORTH_LA | SOUTH_LA),
    Case("sen2_return", NORTH_LA, kwargs=_la("north_la")),
    Case("sen2_return", SOUTH_LA, kwargs=_la("south_la")),
    Case("sen2_xml", NORTH_LA, kwargs=_la("north_la"), data=lambda world: {"date": CENSUS}),
    Case("sen2_csv", NORTH_LA, kwargs=_la("north_la"), data=lambda world: {"date": CENSUS}),
    Case("sen2_xlsx", NORTH_LA, kwargs=_la("north_la"), data=lambda world: {"date": CENSUS}),
]
