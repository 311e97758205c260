from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opensend.law.ehc import (
    ExceptionKind,
    TimeLimitException,
    draft_comment_period,
    ehc_timeline,
)
from opensend.law.errors import LawInputError

D = date.fromisoformat


def exc(kind, start, end):
    return TimeLimitException(ExceptionKind(kind), D(start), D(end))


def test_the_statutory_limits_from_a_january_request():
    timeline = ehc_timeline(received=D("2026-01-12"))
    assert timeline.decision_to_assess_due == D("2026-02-23")  # reg 5(1): 6 weeks
    assert timeline.decision_not_to_issue_due == D("2026-05-04")  # reg 10(1): 16 weeks
    assert timeline.final_plan_due == D("2026-06-01")  # reg 13(2): 20 weeks
    assert timeline.draft_plan_recommended_by == D("2026-04-20")  # 14 weeks, not statutory
    assert timeline.advice_due is None
    assert timeline.exception_applies.advice is None


def test_a_request_across_a_leap_february_counts_the_29th():
    assert ehc_timeline(received=D("2024-01-10")).final_plan_due == D("2024-05-29")
    assert ehc_timeline(received=D("2025-01-10")).final_plan_due == D("2025-05-30")


def test_a_request_near_the_year_end_runs_into_the_next_year():
    timeline = ehc_timeline(received=D("2026-11-27"))
    assert timeline.decision_to_assess_due == D("2027-01-08")
    assert timeline.final_plan_due == D("2027-04-16")


def test_weeks_are_calendar_weeks_even_over_christmas_and_bank_holidays():
    # 2026-12-21 + 6 weeks = 2027-02-01, bank holidays and all (DESIGN "Time").
    assert ehc_timeline(received=D("2026-12-21")).decision_to_assess_due == D("2027-02-01")


def test_advice_is_due_six_weeks_after_the_school_was_asked():
    timeline = ehc_timeline(received=D("2026-01-12"), school_advice_requested=D("2026-01-19"))
    assert timeline.advice_due == D("2026-03-02")  # reg 8(1)
    assert timeline.exception_applies.advice is False


def test_personal_circumstances_apply_to_the_limits_whose_period_they_overlap():
    timeline = ehc_timeline(
        received=D("2026-01-12"),
        exceptions=[exc("personal_circumstances", "2026-03-01", "2026-03-10")],
    )
    applies = timeline.exception_applies
    assert (applies.decision_to_assess, applies.decision_not_to_issue, applies.final_plan) == (
        False,
        True,
        True,
    )
    assert timeline.exceptions[0].applies_to == ["decision_not_to_issue", "final_plan"]


def test_personal_circumstances_on_the_due_day_itself_count():
    timeline = ehc_timeline(
        received=D("2026-01-12"),
        exceptions=[exc("personal_circumstances", "2026-02-23", "2026-02-23")],
    )
    assert timeline.exception_applies.decision_to_assess is True


def test_an_absence_of_exactly_28_days_within_the_period_applies_and_27_does_not():
    # 1 to 28 March is 28 days, both ends counting.
    applies = ehc_timeline(
        received=D("2026-01-12"),
        exceptions=[exc("absence_from_area", "2026-03-01", "2026-03-28")],
    ).exception_applies
    assert applies.decision_not_to_issue and applies.final_plan
    assert not applies.decision_to_assess
    applies = ehc_timeline(
        received=D("2026-01-12"),
        exceptions=[exc("absence_from_area", "2026-03-01", "2026-03-27")],
    ).exception_applies
    assert not applies.decision_not_to_issue


def test_only_the_days_of_an_absence_inside_the_period_count():
    # Due 2026-05-04; the absence has 15 days before that and 31 before the final plan.
    report = ehc_timeline(
        received=D("2026-01-12"),
        exceptions=[exc("absence_from_area", "2026-04-20", "2026-05-20")],
    ).exceptions[0]
    assert report.applies_to == ["final_plan"]


def test_a_missed_appointment_touches_only_the_advice_limit():
    timeline = ehc_timeline(
        received=D("2026-01-12"),
        school_advice_requested=D("2026-01-19"),
        exceptions=[exc("missed_appointment", "2026-02-10", "2026-02-10")],
    )
    assert timeline.exceptions[0].applies_to == ["advice"]
    outside = ehc_timeline(
        received=D("2026-01-12"),
        school_advice_requested=D("2026-01-19"),
        exceptions=[exc("missed_appointment", "2026-03-03", "2026-03-03")],
    )
    assert outside.exceptions[0].applies_to == []


SUMMER = ("school_closure", "2026-07-22", "2026-09-03")  # closed 22 July, reopens 3 September


@pytest.mark.parametrize(
    ("advice_requested", "applies_to"),
    [
        ("2026-07-14", []),  # more than a week before the closure
        ("2026-07-15", ["decision_to_assess", "decision_not_to_issue", "final_plan"]),
        ("2026-08-26", ["decision_not_to_issue", "final_plan"]),  # after the 6-week due date
        ("2026-08-27", []),  # a week before reopening: the window has closed
    ],
)
def test_the_summer_closure_window_runs_from_a_week_before_closing_to_a_week_before_reopening(
    advice_requested, applies_to
):
    timeline = ehc_timeline(
        received=D("2026-07-06"),
        school_advice_requested=D(advice_requested),
        exceptions=[exc(*SUMMER)],
    )
    assert timeline.exceptions[0].applies_to == applies_to
    assert timeline.exception_applies.advice is False  # not a reg 8(2) exception


def test_a_half_term_closure_is_too_short_to_be_an_exception():
    timeline = ehc_timeline(
        received=D("2026-10-01"),
        school_advice_requested=D("2026-10-20"),
        exceptions=[exc("school_closure", "2026-10-26", "2026-11-02")],
    )
    assert timeline.exceptions[0].applies_to == []


def test_a_closure_of_exactly_four_weeks_counts():
    timeline = ehc_timeline(
        received=D("2026-07-06"),
        school_advice_requested=D("2026-07-20"),
        exceptions=[exc("school_closure", "2026-07-22", "2026-08-19")],  # 28 days closed
    )
    assert "final_plan" in timeline.exceptions[0].applies_to


def test_a_closure_without_an_advice_request_applies_to_nothing():
    timeline = ehc_timeline(received=D("2026-07-06"), exceptions=[exc(*SUMMER)])
    assert timeline.exceptions[0].applies_to == []


def test_the_family_timeline_is_in_date_order_and_says_the_draft_date_is_not_statutory():
    stages = ehc_timeline(received=D("2026-01-12"), school_advice_requested=D("2026-01-12")).stages
    assert [s.due for s in stages] == sorted(s.due for s in stages)
    assert stages[1].step.startswith("Advice due")  # same day as the decision: advice first
    draft = next(s for s in stages if s.step.startswith("Draft plan"))
    assert "not a legal deadline" in draft.step and draft.rule.startswith("Not statutory")


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"school_advice_requested": D("2026-01-01")}, "--school-advice-requested"),
        ({"exceptions": [exc("absence_from_area", "2026-03-10", "2026-03-01")]}, "--exception"),
        ({"exceptions": [exc("school_closure", "2026-07-22", "2026-07-22")]}, "--exception"),
        ({"exceptions": [exc("missed_appointment", "2026-02-01", "2026-02-02")]}, "--exception"),
    ],
)
def test_impossible_input_is_refused_naming_the_option(kwargs, option):
    with pytest.raises(LawInputError) as error:
        ehc_timeline(received=D("2026-01-12"), **kwargs)
    assert error.value.option == option


def test_comments_on_a_draft_close_fourteen_days_after_it_was_served():
    assert draft_comment_period(served=D("2026-02-16")).comments_close == D("2026-03-02")
    # Over a leap day: served 20 February 2028, closes 5 March.
    assert draft_comment_period(served=D("2028-02-20")).comments_close == D("2028-03-05")


dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
kinds = st.sampled_from(list(ExceptionKind))


@st.composite
def exceptions(draw):
    kind = draw(kinds)
    start = draw(dates)
    if kind == ExceptionKind.MISSED_APPOINTMENT:
        return TimeLimitException(kind, start, start)
    length = draw(
        st.integers(min_value=1 if kind == ExceptionKind.SCHOOL_CLOSURE else 0, max_value=120)
    )
    return TimeLimitException(kind, start, start + timedelta(days=length))


@settings(max_examples=200, deadline=None)
@given(
    received=dates,
    advice_delay=st.none() | st.integers(0, 60),
    recorded=st.lists(exceptions(), max_size=4),
)
def test_no_due_date_is_before_the_request_and_exceptions_never_move_dates(
    received, advice_delay, recorded
):
    advice = received + timedelta(days=advice_delay) if advice_delay is not None else None
    plain = ehc_timeline(received=received, school_advice_requested=advice)
    with_exceptions = ehc_timeline(
        received=received, school_advice_requested=advice, exceptions=recorded
    )
    fields = (
        "decision_to_assess_due",
        "advice_due",
        "decision_not_to_issue_due",
        "final_plan_due",
        "draft_plan_recommended_by",
        "stages",
    )
    for field in fields:
        assert getattr(plain, field) == getattr(with_exceptions, field)
    assert received < plain.decision_to_assess_due < plain.decision_not_to_issue_due
    assert plain.decision_not_to_issue_due < plain.final_plan_due
    touched = {limit for report in with_exceptions.exceptions for limit in report.applies_to}
    applies = with_exceptions.exception_applies
    assert applies.final_plan == ("final_plan" in touched)
    assert applies.decision_to_assess == ("decision_to_assess" in touched)
    if advice is None:
        assert applies.advice is None
