"""The SEN2 collection rules and validation checks, on hand-made records (statutory.md §6.3)."""

from datetime import date

import pytest

from opensend.law import sen2

CENSUS_2026 = date(2026, 1, 15)  # the third Thursday of January 2026
PERIOD = sen2.collection_period(CENSUS_2026)


def _upn() -> str:
    from opensend.law.upn import upn_check_letter

    tail = "823456789012"
    return upn_check_letter(tail) + tail


def _person(*requests, **changes) -> sen2.Person:
    fields = dict(
        child_key="child-1",
        first_name="Ava",
        last_name="Martin",
        date_of_birth=date(2016, 3, 4),
        upn=_upn(),
        requests=tuple(requests),
    )
    fields.update(changes)
    return sen2.Person(**fields)


def _request(**changes) -> sen2.Request:
    fields = dict(
        case_key="case-1",
        received=date(2025, 3, 3),
        requester_kind="parent",
        outcome=sen2.REQUEST_ASSESSED,
        decision_on=date(2025, 4, 10),
        assessment=sen2.Assessment(
            outcome=sen2.ASSESSMENT_PLAN_ISSUED,
            outcome_date=date(2025, 7, 14),
            plan_issued_on=date(2025, 7, 14),
        ),
        plan=sen2.NamedPlan(
            start_date=date(2025, 7, 14),
            last_issued=date(2025, 7, 14),
            placement=sen2.Placement(name="Oakfield Primary School", urn="100001"),
        ),
    )
    fields.update(changes)
    return sen2.Request(**fields)


def _codes(person) -> list[str]:
    return [f.code for f in sen2.validate(person, PERIOD)]


# --- the collection period ------------------------------------------------------------------


def test_the_january_2026_return_counts_the_calendar_year_2025():
    assert PERIOD.start == date(2025, 1, 1)
    assert PERIOD.end == date(2025, 12, 31)
    assert PERIOD.census_date == CENSUS_2026


def test_a_census_date_outside_january_is_refused():
    with pytest.raises(ValueError):
        sen2.collection_period(date(2026, 5, 21))


def test_a_request_received_on_30_december_2025_is_in_the_january_2026_return():
    assert sen2.request_in_collection(received=date(2025, 12, 30), resolved_on=None, period=PERIOD)


def test_a_request_received_on_2_january_2026_waits_for_the_next_return():
    assert not sen2.request_in_collection(
        received=date(2026, 1, 2), resolved_on=None, period=PERIOD
    )


def test_an_older_request_resolved_during_the_year_is_in_the_return():
    assert sen2.request_in_collection(
        received=date(2024, 11, 1), resolved_on=date(2025, 3, 20), period=PERIOD
    )


def test_an_older_request_still_open_at_the_end_of_the_year_is_ongoing_work():
    assert sen2.request_in_collection(received=date(2024, 11, 1), resolved_on=None, period=PERIOD)


def test_an_older_request_resolved_before_the_year_is_not_in_the_return():
    assert not sen2.request_in_collection(
        received=date(2024, 3, 1), resolved_on=date(2024, 8, 1), period=PERIOD
    )


def test_a_plan_is_active_on_the_census_date_until_it_ceases():
    assert sen2.plan_active_on(issued_on=date(2020, 5, 1), ceased_on=None, census_date=CENSUS_2026)
    assert sen2.plan_active_on(
        issued_on=date(2020, 5, 1), ceased_on=date(2026, 2, 1), census_date=CENSUS_2026
    )
    assert not sen2.plan_active_on(
        issued_on=date(2020, 5, 1), ceased_on=date(2025, 9, 1), census_date=CENSUS_2026
    )
    assert not sen2.plan_active_on(
        issued_on=date(2026, 1, 20), ceased_on=None, census_date=CENSUS_2026
    )


def test_weeks_to_issue_and_the_20_week_limit():
    received = date(2025, 3, 3)
    assert sen2.weeks_to_issue(received, date(2025, 7, 21)) == 20
    assert sen2.within_20_weeks(received, date(2025, 7, 21))  # exactly 20 weeks
    assert not sen2.within_20_weeks(received, date(2025, 7, 22))


def test_a_review_within_12_months_of_the_census_date():
    assert sen2.review_within_12_months(
        last_meeting=date(2025, 3, 1), plan_issued=date(2020, 1, 1), census_date=CENSUS_2026
    )
    assert not sen2.review_within_12_months(
        last_meeting=date(2024, 12, 1), plan_issued=date(2020, 1, 1), census_date=CENSUS_2026
    )
    # Never reviewed: judged from the plan's issue date.
    assert sen2.review_within_12_months(
        last_meeting=None, plan_issued=date(2025, 7, 14), census_date=CENSUS_2026
    )


def test_a_phase_transfer_is_on_time_when_amended_by_its_deadline():
    plan = _request().plan
    late = sen2.NamedPlan(
        start_date=plan.start_date,
        last_issued=plan.last_issued,
        phase_transfer_deadline=date(2025, 2, 15),
        phase_transfer_amended_on=date(2025, 2, 20),
    )
    assert late.phase_transfer_on_time is False
    assert plan.phase_transfer_on_time is None


# --- validation -----------------------------------------------------------------------------


def test_a_complete_record_passes():
    assert _codes(_person(_request())) == []


def test_missing_date_of_birth():
    assert _codes(_person(_request(), date_of_birth=None)) == [sen2.MISSING_DOB]


def test_missing_upn():
    assert _codes(_person(_request(), upn="")) == [sen2.MISSING_UPN]


def test_invalid_upn():
    assert _codes(_person(_request(), upn="Z123")) == [sen2.BAD_UPN]


def test_a_person_failure_links_to_the_persons_case():
    [failure] = sen2.validate(_person(_request(), upn=""), PERIOD)
    assert failure.child_key == "child-1"
    assert failure.case_key == "case-1"


def test_a_named_plan_with_no_placement():
    plan = sen2.NamedPlan(start_date=date(2025, 7, 14), last_issued=date(2025, 7, 14))
    failures = sen2.validate(_person(_request(plan=plan)), PERIOD)
    assert [f.code for f in failures] == [sen2.PLAN_NO_PLACEMENT]
    assert failures[0].case_key == "case-1"


def test_a_ceased_plan_needs_no_placement():
    plan = sen2.NamedPlan(
        start_date=date(2025, 7, 14), last_issued=date(2025, 7, 14), ceased_on=date(2025, 11, 1)
    )
    assert _codes(_person(_request(plan=plan))) == []


def test_a_placement_with_no_urn():
    plan = sen2.NamedPlan(
        start_date=date(2025, 7, 14),
        last_issued=date(2025, 7, 14),
        placement=sen2.Placement(name="Home tuition"),
    )
    assert _codes(_person(_request(plan=plan))) == [sen2.PLACEMENT_NO_URN]


def test_a_plan_issued_before_its_request():
    plan = sen2.NamedPlan(
        start_date=date(2025, 2, 1),
        last_issued=date(2025, 2, 1),
        placement=sen2.Placement(name="Oakfield Primary School", urn="100001"),
    )
    assert _codes(_person(_request(plan=plan))) == [sen2.PLAN_BEFORE_REQUEST]


def test_a_plan_ceased_before_it_was_issued():
    plan = sen2.NamedPlan(
        start_date=date(2025, 7, 14), last_issued=date(2025, 7, 14), ceased_on=date(2025, 7, 1)
    )
    assert _codes(_person(_request(plan=plan))) == [sen2.CEASED_BEFORE_START]


def test_a_request_marked_assessed_with_no_decision_date():
    assert _codes(_person(_request(decision_on=None))) == [sen2.ASSESSED_NO_DECISION]


def test_a_decision_dated_before_the_request():
    assert _codes(_person(_request(decision_on=date(2025, 3, 1)))) == [sen2.DECISION_BEFORE_REQUEST]


def test_week20_set_without_an_exception():
    assessment = sen2.Assessment(
        outcome=sen2.ASSESSMENT_PLAN_ISSUED,
        outcome_date=date(2025, 7, 14),
        week20=True,
        plan_issued_on=date(2025, 7, 14),
    )
    assert _codes(_person(_request(assessment=assessment))) == [sen2.WEEK20_NO_EXCEPTION]
    with_exception = sen2.Assessment(
        outcome=sen2.ASSESSMENT_PLAN_ISSUED,
        outcome_date=date(2025, 7, 14),
        week20=True,
        exceptions=("personal_circumstances",),
        plan_issued_on=date(2025, 7, 14),
    )
    assert _codes(_person(_request(assessment=with_exception))) == []


def test_a_request_received_after_the_collection_period():
    request = _request(
        received=date(2026, 1, 5),
        decision_on=None,
        outcome=sen2.REQUEST_ONGOING,
        plan=None,
        assessment=None,
    )
    assert _codes(_person(request)) == [sen2.REQUEST_AFTER_PERIOD]


def test_a_date_after_the_census_date():
    request = _request(
        outcome=sen2.REQUEST_REFUSED, decision_on=date(2026, 2, 1), plan=None, assessment=None
    )
    assert _codes(_person(request)) == [sen2.DATE_AFTER_CENSUS]


def test_a_request_carried_only_for_its_active_plan_is_not_checked_again():
    old = _request(received=date(2019, 1, 7), decision_on=None, carried=True)
    assert _codes(_person(old)) == []
    unplaced = sen2.NamedPlan(start_date=date(2019, 5, 20), last_issued=date(2019, 5, 20))
    assert _codes(_person(_request(received=date(2019, 1, 7), plan=unplaced, carried=True))) == [
        sen2.PLAN_NO_PLACEMENT
    ]
