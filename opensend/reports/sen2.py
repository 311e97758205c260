"""Build one local authority's SEN2 return from the database, as it stood on the census date.

The rules (which records, which checks) are `opensend.law.sen2`'s; this module reads the
cases once, with everything they need prefetched: six queries however many cases there are
(the cases with their children and plans, their requests, decisions, exceptions, issued plan
versions with the named setting, and the plans' reviews). Anything dated after the census date
is treated as not yet happened, so a return built in March reads as it would have in January.

Statement transfer cases (reviews.LegacyStatement.transfer_case) are left out: they run on
SI 2014/2270's transitional limits, not regs 5 and 10 (docs/sen2.md).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from opensend.ehc.models import (
    AssessmentRequest,
    CaseException,
    CaseStage,
    Decision,
    DecisionKind,
    EhcCase,
    PlanVersion,
    PlanVersionStatus,
)
from opensend.law import sen2 as law
from opensend.law.ehc import limits_lifted
from opensend.organisations.models import Organisation
from opensend.reviews.models import Review, ReviewDecision, ReviewKind


@dataclass(frozen=True)
class Sen2Return:
    local_authority: Organisation
    period: law.CollectionPeriod
    persons: list[law.Person]
    failures: list[law.Failure]

    @property
    def requests(self) -> list[law.Request]:
        return [r for p in self.persons for r in p.requests]

    @property
    def counts(self) -> dict[str, int]:
        requests = self.requests
        plans = [r.plan for r in requests if r.plan]
        return {
            "1": len(self.persons),
            "2": len(requests),
            "3": sum(1 for r in requests if r.assessment),
            "4": len(plans),
            "5": sum(1 for p in plans if p.placement),
        }

    @property
    def failing_children(self) -> int:
        return len({f.child_key for f in self.failures})


def build_sen2(*, local_authority: Organisation, census_date: date) -> Sen2Return:
    period = law.collection_period(census_date)
    cases = _cases(local_authority, period)
    reviews = _reviews_by_plan([c.plan.pk for c in cases if _plan_of(c)])
    by_child: dict = defaultdict(list)
    children = {}
    for case in cases:
        request = _request(case, reviews, period)
        if request is not None:
            by_child[case.child_id].append(request)
            children[case.child_id] = case.child
    persons = [
        law.Person(
            child_key=str(child.pk),
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            upn=child.upn,
            requests=tuple(by_child[child_id]),
        )
        for child_id, child in children.items()
    ]
    persons.sort(key=lambda p: (p.last_name, p.first_name, p.child_key))
    failures = [f for person in persons for f in law.validate(person, period)]
    return Sen2Return(local_authority, period, persons, failures)


# --- reading -------------------------------------------------------------------------------------


def _cases(local_authority: Organisation, period: law.CollectionPeriod) -> list[EhcCase]:
    census = period.census_date
    issued = PlanVersion.objects.filter(
        status__in=[PlanVersionStatus.ISSUED, PlanVersionStatus.SUPERSEDED],
        issued_on__isnull=False,
        issued_on__lte=census,
    ).select_related("placement")
    return list(
        EhcCase.objects.filter(
            local_authority=local_authority,
            legacy_statement__isnull=True,
            received__lte=census,
        )
        # Cheap first cut in the database; the law's rules decide exactly in memory.
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.start) | Q(plan__isnull=False))
        .select_related("child", "plan")
        .prefetch_related(
            Prefetch("requests", queryset=AssessmentRequest.objects.order_by("received")),
            Prefetch("decisions", queryset=Decision.objects.filter(decided_on__lte=census)),
            Prefetch("exceptions", queryset=CaseException.objects.order_by("start")),
            Prefetch("plan__versions", queryset=issued.order_by("issued_on", "number")),
        )
        .order_by("received", "pk")
    )


def _reviews_by_plan(plan_ids: list) -> dict:
    reviews = defaultdict(list)
    for review in (
        Review.objects.filter(plan_id__in=plan_ids)
        .exclude(kind=ReviewKind.INTERIM)
        .select_related("amended_version")
    ):
        reviews[review.plan_id].append(review)
    return reviews


def _plan_of(case: EhcCase):
    try:
        return case.plan
    except EhcCase.plan.RelatedObjectDoesNotExist:
        return None


# --- one case as SEN2 records ----------------------------------------------------------------


def _request(case: EhcCase, reviews: dict, period: law.CollectionPeriod) -> law.Request | None:
    census = period.census_date
    decisions = {d.kind: d for d in case.decisions.all()}
    assess = decisions.get(DecisionKind.ASSESS)
    issue = decisions.get(DecisionKind.ISSUE)
    withdrawn_on = (
        case.closed_on
        if case.stage == CaseStage.WITHDRAWN and case.closed_on and case.closed_on <= census
        else None
    )
    plan_record = _named_plan(case, reviews, period)
    assessment = None
    if assess is not None and assess.agreed:
        outcome = law.REQUEST_ASSESSED
        assessment = _assessment(case, issue, plan_record, withdrawn_on)
    elif assess is not None:
        outcome = law.REQUEST_REFUSED
    elif plan_record is not None:
        # A plan with no recorded decision to assess: still an assessment (validation says so).
        outcome = law.REQUEST_ASSESSED
        assessment = _assessment(case, issue, plan_record, withdrawn_on)
    else:
        outcome = law.REQUEST_WITHDRAWN if withdrawn_on else law.REQUEST_ONGOING
    resolved_on = _resolved_on(outcome, assess, assessment, withdrawn_on)
    plan_counts = plan_record is not None and (
        law.plan_active_on(
            issued_on=plan_record.start_date, ceased_on=plan_record.ceased_on, census_date=census
        )
        or period.holds(plan_record.ceased_on)
    )
    in_scope = law.request_in_collection(
        received=case.received, resolved_on=resolved_on, period=period
    )
    if not (in_scope or plan_counts):
        return None
    first = next(iter(case.requests.all()), None)
    return law.Request(
        case_key=str(case.pk),
        received=case.received,
        requester_kind=first.requester_kind if first else "",
        outcome=outcome,
        decision_on=assess.decided_on if assess else None,
        assessment=assessment,
        plan=plan_record if plan_counts else None,
        carried=not in_scope,
    )


def _resolved_on(outcome, assess, assessment, withdrawn_on) -> date | None:
    if outcome == law.REQUEST_REFUSED:
        return assess.decided_on
    if outcome == law.REQUEST_WITHDRAWN:
        return withdrawn_on
    if assessment is not None and assessment.outcome != law.ASSESSMENT_ONGOING:
        return assessment.outcome_date
    return None


def _assessment(case, issue, plan_record, withdrawn_on) -> law.Assessment:
    if plan_record is not None:
        outcome, day = law.ASSESSMENT_PLAN_ISSUED, plan_record.start_date
    elif issue is not None and not issue.agreed:
        outcome, day = law.ASSESSMENT_NO_PLAN, issue.decided_on
    elif withdrawn_on:
        outcome, day = law.ASSESSMENT_WITHDRAWN, withdrawn_on
    else:
        outcome, day = law.ASSESSMENT_ONGOING, None
    exceptions = list(case.exceptions.all())
    return law.Assessment(
        outcome=outcome,
        outcome_date=day,
        week20=_week20(case.received, exceptions),
        exceptions=tuple(e.kind for e in exceptions),
        plan_issued_on=plan_record.start_date if plan_record else None,
    )


def _week20(received: date, exceptions: list[CaseException]) -> bool:
    """Item 3.7: whether a recorded exception lifts the 20-week limit (reg 13(3), applying
    reg 10(4)); the law's timeline decides, exactly as the case page shows it."""
    lifted = limits_lifted(received=received, exceptions=[e.as_law() for e in exceptions])
    return "final_plan" in lifted


def _named_plan(case, reviews: dict, period: law.CollectionPeriod) -> law.NamedPlan | None:
    plan = _plan_of(case)
    versions = list(plan.versions.all()) if plan else []
    if not versions:
        return None
    census = period.census_date
    latest = versions[-1]
    plan_reviews = reviews.get(plan.pk, [])
    ceased = [
        r.decided_on
        for r in plan_reviews
        if r.decision == ReviewDecision.CEASE and r.decided_on and r.decided_on <= census
    ]
    meetings = [r.held_on for r in plan_reviews if r.held_on and r.held_on <= census]
    last_meeting = max(meetings, default=None)
    transfer = next(
        (r for r in plan_reviews if period.holds(r.phase_transfer_deadline)),
        None,
    )
    amended = transfer.amended_version if transfer else None
    amended_on = amended.issued_on if amended and amended.issued_on else None
    return law.NamedPlan(
        start_date=versions[0].issued_on,
        last_issued=latest.issued_on,
        placement=_placement(latest),
        ceased_on=min(ceased, default=None),
        last_review_meeting=last_meeting,
        review_within_12_months=law.review_within_12_months(
            last_meeting=last_meeting, plan_issued=versions[0].issued_on, census_date=census
        ),
        phase_transfer_deadline=transfer.phase_transfer_deadline if transfer else None,
        phase_transfer_amended_on=amended_on if amended_on and amended_on <= census else None,
    )


def _placement(version: PlanVersion) -> law.Placement | None:
    school = version.placement
    if school is not None:
        return law.Placement(
            name=school.name,
            urn=school.urn,
            setting_type=school.establishment_type or version.placement_type,
            phase=school.phase,
        )
    if version.placement_name:
        return law.Placement(name=version.placement_name, setting_type=version.placement_type)
    return None
