from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opensend.law.errors import LawInputError
from opensend.law.reviews import TransferKind, annual_review

D = date.fromisoformat


def test_the_first_review_is_due_twelve_months_after_the_plan_was_issued():
    assert annual_review(plan_issued=D("2026-03-16")).review_due == D("2027-03-16")  # CFA s44


def test_a_plan_issued_on_29_february_is_reviewed_by_28_february():
    assert annual_review(plan_issued=D("2024-02-29")).review_due == D("2025-02-28")


def test_later_reviews_run_from_the_last_review():
    review = annual_review(plan_issued=D("2024-05-01"), last_review=D("2025-03-31"))
    assert review.review_due == D("2026-03-31")
    assert review.next_deadline == D("2026-03-31")


def test_the_dates_around_a_review_meeting():
    review = annual_review(plan_issued=D("2025-06-02"), meeting=D("2026-05-18"))
    assert review.invitations_due == D("2026-05-04")  # reg 20(3): 2 weeks' notice
    assert review.advice_circulated_by == D("2026-05-04")  # reg 20(4)
    assert review.report_due == D("2026-06-01")  # reg 20(7): within 2 weeks
    assert review.decision_due == D("2026-06-15")  # reg 20(10): within 4 weeks
    assert review.amended_plan_due == D("2026-08-10")  # reg 22(3) + Devon CC 2022: 12 weeks


def test_a_meeting_near_the_year_end_carries_into_january():
    review = annual_review(plan_issued=D("2025-12-01"), meeting=D("2026-12-14"))
    assert review.decision_due == D("2027-01-11")
    assert review.amended_plan_due == D("2027-03-08")


def test_without_a_meeting_its_dates_are_null():
    review = annual_review(plan_issued=D("2025-06-02"))
    assert review.invitations_due is None and review.amended_plan_due is None
    assert review.under_five is None and review.phase_transfer_deadline is None


def test_a_child_under_five_on_the_review_date_gets_an_interim_review_recommended():
    review = annual_review(plan_issued=D("2024-08-31"), dob=D("2020-09-01"))
    assert review.review_due == D("2025-08-31")
    assert review.under_five is True  # turns 5 the day after
    assert review.interim_review_recommended_by == D("2025-02-28")  # CoP 9.178, 6 months


def test_a_child_who_turns_five_on_the_review_date_is_not_under_five():
    review = annual_review(plan_issued=D("2024-08-31"), dob=D("2020-08-31"))
    assert review.under_five is False
    assert review.interim_review_recommended_by is None


def test_a_leap_day_birthday_falls_on_28_february_in_other_years():
    assert annual_review(plan_issued=D("2024-02-28"), dob=D("2020-02-29")).under_five is False
    assert annual_review(plan_issued=D("2024-02-27"), dob=D("2020-02-29")).under_five is True


def test_a_phase_transfer_brings_the_deadline_forward():
    school = annual_review(
        plan_issued=D("2025-06-01"), transfer_year=2026, transfer_kind=TransferKind.SCHOOL
    )
    assert school.phase_transfer_deadline == D("2026-02-15")  # reg 18(1)(b)
    assert school.next_deadline == D("2026-02-15")
    post16 = annual_review(
        plan_issued=D("2025-06-01"), transfer_year=2026, transfer_kind=TransferKind.POST16
    )
    assert post16.phase_transfer_deadline == D("2026-03-31")  # reg 18(1)(a)
    later = annual_review(
        plan_issued=D("2024-12-01"), transfer_year=2026, transfer_kind=TransferKind.POST16
    )
    assert later.next_deadline == D("2025-12-01")  # the review comes first


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"last_review": D("2025-01-01")}, "--last-review"),
        ({"meeting": D("2025-01-01")}, "--meeting"),
        ({"transfer_year": 2027}, "--transfer-kind"),
        ({"transfer_kind": TransferKind.SCHOOL}, "--transfer-year"),
    ],
)
def test_inconsistent_input_is_refused(kwargs, option):
    with pytest.raises(LawInputError) as error:
        annual_review(plan_issued=D("2025-06-01"), **kwargs)
    assert error.value.option == option


dates = st.dates(min_value=date(2014, 9, 1), max_value=date(2040, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    issued=dates, gap=st.none() | st.integers(0, 800), meeting_gap=st.none() | st.integers(0, 800)
)
def test_every_due_date_follows_its_event(issued, gap, meeting_gap):
    last = issued + timedelta(days=gap) if gap is not None else None
    meeting = issued + timedelta(days=meeting_gap) if meeting_gap is not None else None
    review = annual_review(plan_issued=issued, last_review=last, meeting=meeting)
    base = last or issued
    assert base < review.review_due <= base + timedelta(days=366)
    if meeting:
        assert review.invitations_due < meeting < review.report_due < review.decision_due
        assert review.decision_due < review.amended_plan_due
