from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opensend.law.dates import (
    add_months,
    add_weeks,
    add_working_days,
    age_on,
    birthday_in,
    days_inclusive,
    is_bank_holiday,
    is_working_day,
    overlap_days,
    parse_date,
)
from opensend.law.errors import LawInputError

D = date.fromisoformat


def test_weeks_are_seven_calendar_days():
    assert add_weeks(D("2026-03-23"), 1) == D("2026-03-30")  # across the clocks going forward


def test_months_clip_to_the_end_of_a_shorter_month():
    assert add_months(D("2024-02-29"), 12) == D("2025-02-28")
    assert add_months(D("2024-02-29"), 48) == D("2028-02-29")
    assert add_months(D("2026-08-31"), 6) == D("2027-02-28")
    assert add_months(D("2026-11-30"), 3) == D("2027-02-28")
    assert add_months(D("2026-12-15"), 1) == D("2027-01-15")


def test_england_and_wales_bank_holidays():
    assert is_bank_holiday(D("2026-12-25")) and is_bank_holiday(D("2026-12-28"))  # Boxing Day moved
    assert is_bank_holiday(D("2027-03-29"))  # Easter Monday 2027
    assert is_bank_holiday(D("2023-05-08"))  # the coronation
    assert not is_bank_holiday(D("2026-03-17"))  # St Patrick's Day is not, in England


def test_working_days_skip_weekends_and_bank_holidays():
    assert add_working_days(D("2026-12-24"), 1) == D("2026-12-29")
    # Good Friday 26 March and Easter Monday 29 March 2027 are skipped.
    assert add_working_days(D("2027-03-25"), 1) == D("2027-03-30")


def test_inclusive_counting():
    assert days_inclusive(D("2026-03-01"), D("2026-03-28")) == 28
    assert overlap_days(D("2026-03-01"), D("2026-03-28"), D("2026-03-28"), D("2026-04-10")) == 1
    assert overlap_days(D("2026-03-01"), D("2026-03-28"), D("2026-03-29"), D("2026-04-10")) == 0


def test_ages_and_leap_day_birthdays():
    assert birthday_in(2027, D("2020-02-29")) == D("2027-02-28")
    assert age_on(D("2020-02-29"), D("2025-02-27")) == 4
    assert age_on(D("2020-02-29"), D("2025-02-28")) == 5


def test_an_impossible_date_is_named():
    with pytest.raises(LawInputError, match="--received"):
        parse_date("2026-02-29", "--received")


dates = st.dates(min_value=date(2012, 1, 1), max_value=date(2028, 12, 31))


@given(start=dates, count=st.integers(1, 40))
def test_adding_working_days_never_lands_on_a_weekend_or_bank_holiday(start, count):
    assert is_working_day(add_working_days(start, count))


@given(start=dates, months=st.integers(0, 240))
def test_adding_months_never_goes_backwards_or_past_the_day(start, months):
    result = add_months(start, months)
    assert result >= start and result.day <= start.day
