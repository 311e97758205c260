"""The SEN2 return built from the database: which cases it holds, as at the census date."""

from datetime import date

from opensend.law import sen2 as law
from opensend.people.models import Child
from opensend.reports.sen2 import build_sen2
from opensend.reviews.models import Review, ReviewDecision, ReviewKind, ReviewStatus
from tests.access.routes_reports_sen2 import make_case
from tests.queries import assert_constant_queries

CENSUS = date(2026, 1, 15)


def _build(demo, la="north_la"):
    return build_sen2(local_authority=demo[la], census_date=CENSUS)


def _requests(sen2) -> dict:
    return {r.case_key: r for r in sen2.requests}


def test_a_plan_issued_in_the_year_fills_every_module(demo):
    case = make_case(
        demo,
        demo["ava"],
        received=date(2025, 3, 3),
        assessed_on=date(2025, 4, 7),
        issued_on=date(2025, 7, 14),
        placement=demo["north_oak"],
    )
    sen2 = _build(demo)
    assert sen2.counts == {"1": 1, "2": 1, "3": 1, "4": 1, "5": 1}
    [person] = sen2.persons
    assert person.child_key == str(demo["ava"].pk)
    assert person.date_of_birth == demo["ava"].date_of_birth
    request = _requests(sen2)[str(case.pk)]
    assert not request.carried
    assert request.requester_kind == "parent"
    assert request.outcome == law.REQUEST_ASSESSED
    assert request.decision_on == date(2025, 4, 7)
    assert request.assessment.outcome == law.ASSESSMENT_PLAN_ISSUED
    assert request.assessment.plan_issued_on == date(2025, 7, 14)
    assert request.assessment.weeks_to_issue(request.received) == 19
    assert request.assessment.week20 is False
    assert request.plan.placement == law.Placement(
        name="Oakfield Primary School", urn="990101", setting_type="community", phase="primary"
    )
    assert sen2.failures == []


def test_a_request_received_on_30_december_is_in_and_one_on_2_january_is_not(demo):
    late_2025 = make_case(demo, demo["mia"], received=date(2025, 12, 30), assess=None)
    early_2026 = make_case(demo, demo["leo"], received=date(2026, 1, 2), assess=None)
    requests = _requests(_build(demo))
    assert requests[str(late_2025.pk)].outcome == law.REQUEST_ONGOING
    assert str(early_2026.pk) not in requests


def test_a_refusal_in_the_year_is_counted_with_its_date(demo):
    case = make_case(
        demo, demo["leo"], received=date(2025, 5, 1), assess=False, assessed_on=date(2025, 6, 5)
    )
    request = _requests(_build(demo))[str(case.pk)]
    assert request.outcome == law.REQUEST_REFUSED
    assert request.decision_on == date(2025, 6, 5)
    assert request.assessment is None


def test_a_decision_after_the_census_date_has_not_happened_yet(demo):
    case = make_case(
        demo, demo["leo"], received=date(2025, 12, 1), assess=False, assessed_on=date(2026, 1, 20)
    )
    request = _requests(_build(demo))[str(case.pk)]
    assert request.outcome == law.REQUEST_ONGOING
    assert request.decision_on is None


def test_a_decision_not_to_issue_is_an_assessment_with_no_plan(demo):
    case = make_case(demo, demo["mia"], received=date(2025, 2, 3), not_issuing_on=date(2025, 5, 19))
    request = _requests(_build(demo))[str(case.pk)]
    assert request.assessment.outcome == law.ASSESSMENT_NO_PLAN
    assert request.assessment.outcome_date == date(2025, 5, 19)
    assert request.plan is None


def test_an_old_plan_still_active_is_counted_and_an_old_refusal_is_not(demo):
    plan_case = make_case(
        demo,
        demo["jordan"],
        received=date(2019, 1, 7),
        issued_on=date(2019, 5, 20),
        placement=demo["north_hill"],
    )
    old_refusal = make_case(
        demo, demo["leo"], received=date(2023, 1, 9), assess=False, assessed_on=date(2023, 2, 1)
    )
    requests = _requests(_build(demo))
    assert requests[str(plan_case.pk)].plan.start_date == date(2019, 5, 20)
    assert requests[str(plan_case.pk)].carried
    assert str(old_refusal.pk) not in requests


def test_a_plan_with_no_school_named_fails_with_its_case(demo):
    case = make_case(demo, demo["ava"], received=date(2025, 3, 3), issued_on=date(2025, 7, 14))
    sen2 = _build(demo)
    [failure] = sen2.failures
    assert failure.code == law.PLAN_NO_PLACEMENT
    assert failure.case_key == str(case.pk)
    assert failure.child_key == str(demo["ava"].pk)


def test_a_child_with_no_upn_fails(demo):
    child = demo["mia"]
    Child.objects.filter(pk=child.pk).update(upn="")
    make_case(demo, child, received=date(2025, 6, 2), assess=None)
    assert [f.code for f in _build(demo).failures] == [law.MISSING_UPN]


def test_week20_is_set_by_a_recorded_exception_that_lifts_the_20_week_limit(demo):
    received = date(2025, 3, 3)
    case = make_case(
        demo,
        demo["ava"],
        received=received,
        issued_on=date(2025, 9, 1),
        placement=demo["north_oak"],
        exceptions=[("personal_circumstances", date(2025, 6, 1), date(2025, 7, 10))],
    )
    assessment = _requests(_build(demo))[str(case.pk)].assessment
    assert assessment.week20 is True
    assert assessment.exceptions == ("personal_circumstances",)
    assert assessment.within_20_weeks(received) is False


def test_another_councils_cases_are_not_in_the_return(demo):
    make_case(
        demo,
        demo["zara"],
        received=date(2025, 3, 3),
        issued_on=date(2025, 7, 14),
        placement=demo["south_river"],
        la=demo["south_la"],
    )
    assert _build(demo).persons == []
    assert len(_build(demo, "south_la").persons) == 1


def test_annual_review_and_ceasing_come_from_the_plans_reviews(demo):
    case = make_case(
        demo,
        demo["jordan"],
        received=date(2022, 1, 10),
        issued_on=date(2022, 5, 30),
        placement=demo["north_hill"],
    )
    plan = case.plan
    common = dict(child=demo["jordan"], local_authority=demo["north_la"], plan=plan)
    Review.objects.create(
        **common,
        kind=ReviewKind.ANNUAL,
        status=ReviewStatus.COMPLETE,
        due_on=date(2025, 5, 29),
        held_on=date(2025, 5, 12),
        phase_transfer_deadline=date(2025, 3, 31),
    )
    Review.objects.create(
        **common,
        kind=ReviewKind.ANNUAL,
        status=ReviewStatus.COMPLETE,
        due_on=date(2026, 5, 12),
        held_on=date(2025, 10, 6),
        decision=ReviewDecision.CEASE,
        decision_reasons="Jordan has left education for employment.",
        decided_on=date(2025, 10, 27),
    )
    record = _requests(_build(demo))[str(case.pk)].plan
    assert record.last_review_meeting == date(2025, 10, 6)
    assert record.review_within_12_months is True
    assert record.ceased_on == date(2025, 10, 27)
    assert record.phase_transfer_deadline == date(2025, 3, 31)
    assert record.phase_transfer_on_time is False


def test_the_number_of_queries_does_not_grow_with_the_cases(demo):
    children = [demo["ava"], demo["leo"], demo["mia"], demo["jordan"]]

    def grow():
        child = children.pop()
        make_case(
            demo,
            child,
            received=date(2025, 3, 3),
            issued_on=date(2025, 7, 14),
            placement=demo["north_oak"],
            exceptions=[("personal_circumstances", date(2025, 6, 1), date(2025, 7, 10))],
        )
        Review.objects.create(
            child=child,
            local_authority=demo["north_la"],
            plan=child.ehc_plans.get(),
            kind=ReviewKind.ANNUAL,
            status=ReviewStatus.DUE,
            due_on=date(2026, 7, 13),
        )

    grow()
    count = assert_constant_queries(lambda: _build(demo), grow, rounds=2)
    assert count <= 7
