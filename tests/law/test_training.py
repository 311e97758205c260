"""Training in directed time, planned ahead (DfE implementation guidance "Training and Support")."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from opensend.law.dates import is_bank_holiday
from opensend.law.errors import LawInputError
from opensend.law.training import (
    PROBLEM_ORDER,
    Closure,
    TrainingSlot,
    days_touched,
    parse_clock,
    parse_closure,
    training_slot,
)

LAW_COMMAND = "training_slot"  # the rule the `law` and `bad` fixtures run


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M")


def slot(start: str, end: str, planned_on: date = date(2026, 9, 1), **kwargs: Any) -> TrainingSlot:
    return training_slot(start=at(start), end=at(end), planned_on=planned_on, **kwargs)


def test_a_tuesday_afternoon_planned_weeks_ahead_is_fine():
    result = slot("2026-11-10T13:30", "2026-11-10T15:30", planned_on=date(2026, 10, 1))
    assert result.problems == ()
    assert result.problem_days == {}
    assert result.in_directed_time is True
    assert result.notice_days == 40
    assert result.planned_in_advance is True
    assert result.days == (date(2026, 11, 10),)
    assert (result.day_start, result.day_end, result.min_notice_days) == ("08:00", "17:30", 14)


def test_the_school_day_edges_are_inside():
    assert slot("2026-11-10T08:00", "2026-11-10T17:30").problems == ()
    assert slot("2026-11-10T07:59", "2026-11-10T09:00").problems == ("outside_school_day",)
    assert slot("2026-11-10T16:00", "2026-11-10T17:31").problems == ("outside_school_day",)


def test_a_twilight_session_is_outside_the_school_day():
    result = slot("2026-11-10T16:00", "2026-11-10T18:30")
    assert result.problems == ("outside_school_day",)
    assert result.problem_days == {"outside_school_day": (date(2026, 11, 10),)}


def test_the_schools_own_day():
    result = slot(
        "2026-11-10T08:00", "2026-11-10T09:00", day_start=time(8, 45), day_end=time(15, 15)
    )
    assert result.problems == ("outside_school_day",)
    assert (result.day_start, result.day_end) == ("08:45", "15:15")


@pytest.mark.parametrize(
    "day",
    [
        "2026-10-24",  # Saturday
        "2026-10-25",  # Sunday, the day the clocks go back
    ],
)
def test_weekends(day):
    result = slot(f"{day}T10:00", f"{day}T12:00")
    assert result.problems == ("weekend",)


@pytest.mark.parametrize(
    "day",
    [
        "2026-12-25",  # Christmas Day 2026, a Friday
        "2026-12-28",  # Boxing Day 2026 falls on a Saturday: the Monday is the bank holiday
        "2027-01-01",  # New Year's Day 2027
        "2027-03-29",  # Easter Monday 2027
        "2027-03-26",  # Good Friday 2027
        "2027-05-03",  # early May bank holiday 2027
        "2023-05-08",  # the coronation of King Charles III
        "2026-08-31",  # summer bank holiday 2026
    ],
)
def test_bank_holidays(day):
    result = slot(f"{day}T10:00", f"{day}T12:00", planned_on=date(2023, 1, 1))
    assert result.problems == ("bank_holiday",)
    assert result.in_directed_time is False


def test_a_saturday_bank_holiday_is_both():
    # Boxing Day 2026 is a Saturday; both the day and its Monday substitute are holidays.
    result = slot("2026-12-26T10:00", "2026-12-26T12:00")
    assert result.problems == ("weekend", "bank_holiday")


def test_the_day_after_easter_monday_is_an_ordinary_day():
    assert slot("2027-03-30T10:00", "2027-03-30T12:00").problems == ()


def test_closures_include_both_ends():
    half_term = [parse_closure("2026-10-26..2026-10-30")]
    for day in ("2026-10-26", "2026-10-28", "2026-10-30"):
        result = slot(f"{day}T10:00", f"{day}T12:00", closures=half_term)
        assert result.problems == ("school_closure",), day
    assert slot("2026-10-23T10:00", "2026-10-23T12:00", closures=half_term).problems == ()
    assert slot("2026-11-02T10:00", "2026-11-02T12:00", closures=half_term).problems == ()


def test_a_one_day_closure():
    inset = [parse_closure("2027-01-04..2027-01-04")]
    assert slot("2027-01-04T10:00", "2027-01-04T11:00", closures=inset).problems == (
        "school_closure",
    )


def test_a_session_across_midnight_is_checked_on_both_days():
    result = slot("2026-11-10T16:00", "2026-11-11T09:00")
    assert result.days == (date(2026, 11, 10), date(2026, 11, 11))
    assert result.problem_days == {"outside_school_day": (date(2026, 11, 10), date(2026, 11, 11))}


def test_a_session_across_midnight_into_a_saturday():
    result = slot("2026-11-13T17:00", "2026-11-14T01:00")
    assert result.problems == ("weekend", "outside_school_day")
    assert result.problem_days == {
        "weekend": (date(2026, 11, 14),),
        "outside_school_day": (date(2026, 11, 13), date(2026, 11, 14)),
    }


def test_a_session_ending_at_midnight_does_not_touch_the_next_day():
    # Friday 15:00 to Saturday 00:00: Saturday is not touched, so no weekend problem.
    result = slot("2026-11-13T15:00", "2026-11-14T00:00")
    assert result.days == (date(2026, 11, 13),)
    assert result.problems == ("outside_school_day",)
    assert days_touched(at("2026-11-13T15:00"), at("2026-11-14T00:00")) == [date(2026, 11, 13)]


def test_a_session_starting_at_midnight_touches_its_day():
    assert days_touched(at("2026-11-14T00:00"), at("2026-11-14T00:30")) == [date(2026, 11, 14)]


def test_across_the_year_end():
    result = slot("2026-12-31T16:00", "2027-01-01T10:00")
    assert result.problems == ("bank_holiday", "outside_school_day")
    assert result.problem_days["bank_holiday"] == (date(2027, 1, 1),)


def test_a_week_long_session_over_christmas_lists_problems_in_a_stable_order():
    result = slot(
        "2026-12-23T09:00",
        "2026-12-29T12:00",
        closures=[parse_closure("2026-12-21..2027-01-01")],
    )
    assert result.problems == PROBLEM_ORDER
    assert result.problem_days["weekend"] == (date(2026, 12, 26), date(2026, 12, 27))
    assert result.problem_days["bank_holiday"] == (
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2026, 12, 28),
    )
    assert len(result.problem_days["school_closure"]) == 7
    assert len(result.problem_days["outside_school_day"]) == 7


# --- British Summer Time: wall-clock times are taken as given ------------------------------


def test_a_time_in_the_skipped_hour_is_taken_as_given():
    # 28 March 2027: the clocks go from 01:00 to 02:00, so 01:30 never happens. Not rejected.
    result = slot("2027-03-28T01:30", "2027-03-28T02:30")
    assert result.start == at("2027-03-28T01:30")
    assert result.problems == ("weekend", "outside_school_day")


def test_a_time_in_the_repeated_hour_is_taken_as_given():
    # 25 October 2026: 01:00 to 02:00 happens twice.
    result = slot("2026-10-25T01:30", "2026-10-25T01:45")
    assert result.end == at("2026-10-25T01:45")
    assert result.problems == ("weekend", "outside_school_day")


def test_the_monday_after_the_clocks_change_is_an_ordinary_day():
    assert slot("2026-03-30T09:00", "2026-03-30T10:00").problems == ()
    assert slot("2026-10-26T09:00", "2026-10-26T10:00").problems == ()


def test_notice_is_counted_in_calendar_days_across_a_clock_change():
    # Planned on the Saturday before the clocks go forward (29 March 2026), for the Monday.
    result = slot("2026-03-30T09:00", "2026-03-30T10:00", planned_on=date(2026, 3, 28))
    assert result.notice_days == 2


def test_an_aware_date_time_is_read_in_uk_time():
    # 08:00 UTC on 1 July 2026 is 09:00 BST; 07:30 UTC on 1 December is 07:30 GMT.
    summer = training_slot(
        start=datetime(2026, 7, 1, 8, 0, tzinfo=UTC),
        end=datetime(2026, 7, 1, 9, 0, tzinfo=UTC),
        planned_on=date(2026, 6, 1),
    )
    assert summer.start == datetime(2026, 7, 1, 9, 0)
    assert summer.problems == ()
    winter = training_slot(
        start=datetime(2026, 12, 1, 7, 30, tzinfo=UTC),
        end=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        planned_on=date(2026, 6, 1),
    )
    assert winter.problems == ("outside_school_day",)


# --- notice ----------------------------------------------------------------------------------


def test_exactly_the_minimum_notice_is_planned_in_advance():
    on_time = slot("2026-11-24T10:00", "2026-11-24T11:00", planned_on=date(2026, 11, 10))
    assert (on_time.notice_days, on_time.planned_in_advance) == (14, True)
    late = slot("2026-11-24T10:00", "2026-11-24T11:00", planned_on=date(2026, 11, 11))
    assert (late.notice_days, late.planned_in_advance) == (13, False)


def test_planned_after_the_event_gives_negative_notice():
    # Recorded after it happened: reported as it is, and not planned in advance.
    result = slot(
        "2026-11-24T10:00", "2026-11-24T11:00", planned_on=date(2026, 11, 27), min_notice_days=0
    )
    assert result.notice_days == -3
    assert result.planned_in_advance is False


def test_planned_on_the_day_with_no_minimum():
    result = slot(
        "2026-11-24T10:00", "2026-11-24T11:00", planned_on=date(2026, 11, 24), min_notice_days=0
    )
    assert (result.notice_days, result.planned_in_advance) == (0, True)


def test_notice_across_a_leap_day():
    result = slot("2028-03-01T10:00", "2028-03-01T11:00", planned_on=date(2028, 2, 15))
    assert result.notice_days == 15


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [("2026-11-10T10:00", "2026-11-10T10:00"), ("2026-11-10T10:00", "2026-11-10T09:00")],
)
def test_an_end_not_after_the_start(start, end):
    with pytest.raises(LawInputError) as error:
        slot(start, end)
    assert error.value.option == "--end"


def test_a_school_day_that_ends_before_it_starts():
    with pytest.raises(LawInputError) as error:
        slot("2026-11-10T10:00", "2026-11-10T11:00", day_start=time(9), day_end=time(9))
    assert error.value.option == "--day-end"


def test_negative_minimum_notice():
    with pytest.raises(LawInputError) as error:
        slot("2026-11-10T10:00", "2026-11-10T11:00", min_notice_days=-1)
    assert error.value.option == "--min-notice-days"


@pytest.mark.parametrize(
    "value", ["2026-10-30..2026-10-26", "2026-10-26", "2026-10-26..2026-10-32", "..2026-10-30"]
)
def test_bad_closures(value):
    with pytest.raises(LawInputError) as error:
        parse_closure(value)
    assert error.value.option == "--closure"


def test_a_closure_object_that_ends_before_it_starts():
    with pytest.raises(LawInputError) as error:
        slot(
            "2026-11-10T10:00",
            "2026-11-10T11:00",
            closures=[Closure(date(2026, 11, 12), date(2026, 11, 10))],
        )
    assert error.value.option == "--closure"


@pytest.mark.parametrize("value", ["8:00", "08:60", "24:00", "8am", "08:00:00", ""])
def test_bad_clock_times(value):
    with pytest.raises(LawInputError) as error:
        parse_clock(value, "--day-start")
    assert error.value.option == "--day-start"


# --- properties ------------------------------------------------------------------------------

DAYS = st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=60, deadline=None)
@given(
    day=DAYS,
    start_minute=st.integers(min_value=9 * 60, max_value=15 * 60 - 1),
    length=st.integers(min_value=1, max_value=6 * 60),
)
def test_a_weekday_session_between_nine_and_three_has_no_problems(day, start_minute, length):
    assume(day.weekday() < 5 and not is_bank_holiday(day))
    start = datetime.combine(day, time(0)) + timedelta(minutes=start_minute)
    end = min(start + timedelta(minutes=length), datetime.combine(day, time(15)))
    assume(end > start)
    result = training_slot(start=start, end=end, planned_on=day)
    assert result.problems == ()
    assert result.in_directed_time is True


@settings(max_examples=60, deadline=None)
@given(
    start_day=DAYS,
    start_minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    length=st.integers(min_value=1, max_value=4 * 24 * 60),
    planned_on=DAYS,
    earlier=st.integers(min_value=0, max_value=400),
    minimum=st.integers(min_value=0, max_value=60),
)
def test_planning_earlier_never_reduces_notice(
    start_day, start_minute, length, planned_on, earlier, minimum
):
    start = datetime.combine(start_day, time(0)) + timedelta(minutes=start_minute)
    end = start + timedelta(minutes=length)
    later = training_slot(start=start, end=end, planned_on=planned_on, min_notice_days=minimum)
    sooner = training_slot(
        start=start,
        end=end,
        planned_on=planned_on - timedelta(days=earlier),
        min_notice_days=minimum,
    )
    assert sooner.notice_days >= later.notice_days
    assert sooner.planned_in_advance or not later.planned_in_advance
    assert later.notice_days == (start_day - planned_on).days


@settings(max_examples=60, deadline=None)
@given(
    start_day=DAYS,
    start_minute=st.integers(min_value=0, max_value=24 * 60 - 1),
    length=st.integers(min_value=1, max_value=4 * 24 * 60),
    closures=st.lists(st.tuples(DAYS, st.integers(min_value=0, max_value=20)), max_size=2),
    extra=st.tuples(DAYS, st.integers(min_value=0, max_value=20)),
)
def test_problems_are_well_formed_and_a_closure_never_removes_one(
    start_day, start_minute, length, closures, extra
):
    start = datetime.combine(start_day, time(0)) + timedelta(minutes=start_minute)
    end = start + timedelta(minutes=length)
    ranges = [Closure(first, first + timedelta(days=n)) for first, n in closures]
    result = training_slot(start=start, end=end, planned_on=start_day, closures=ranges)
    assert list(result.problems) == [p for p in PROBLEM_ORDER if p in result.problems]
    assert result.in_directed_time == (result.problems == ())
    assert list(result.problem_days) == list(result.problems)
    for days in result.problem_days.values():
        assert days and set(days) <= set(result.days)
    assert result.days[0] == start.date()
    assert result.days[-1] == (end - timedelta(minutes=1)).date()
    more = training_slot(
        start=start,
        end=end,
        planned_on=start_day,
        closures=[*ranges, Closure(extra[0], extra[0] + timedelta(days=extra[1]))],
    )
    assert set(result.problems) <= set(more.problems)


# --- the command line ------------------------------------------------------------------------


def test_cli_prints_the_contract_keys(law):
    out = law(
        "training-slot",
        "--start",
        "2026-12-24T16:00",
        "--end",
        "2026-12-26T00:00",
        "--planned-on",
        "2026-12-01",
        "--closure",
        "2026-12-21..2027-01-01",
        "--closure",
        "2027-02-15..2027-02-19",
    )
    assert out["start"] == "2026-12-24T16:00"
    assert out["end"] == "2026-12-26T00:00"
    assert out["planned_on"] == "2026-12-01"
    assert (out["day_start"], out["day_end"], out["min_notice_days"]) == ("08:00", "17:30", 14)
    assert out["problems"] == ["bank_holiday", "school_closure", "outside_school_day"]
    assert out["problem_days"] == {
        "bank_holiday": ["2026-12-25"],
        "school_closure": ["2026-12-24", "2026-12-25"],
        "outside_school_day": ["2026-12-24", "2026-12-25"],
    }
    assert out["days"] == ["2026-12-24", "2026-12-25"]
    assert out["in_directed_time"] is False
    assert out["notice_days"] == 23
    assert out["planned_in_advance"] is True
    assert out["closures"][0] == {"start": "2026-12-21", "end": "2027-01-01"}


def test_cli_options(law):
    out = law(
        "training-slot",
        "--start",
        "2027-03-29T08:30",  # Easter Monday 2027
        "--end",
        "2027-03-29T09:30",
        "--planned-on",
        "2027-03-22",
        "--day-start",
        "08:45",
        "--day-end",
        "15:20",
        "--min-notice-days",
        "7",
    )
    assert out["problems"] == ["bank_holiday", "outside_school_day"]
    assert (out["day_start"], out["day_end"]) == ("08:45", "15:20")
    assert (out["notice_days"], out["planned_in_advance"]) == (7, True)


def test_cli_accepts_a_time_in_the_skipped_hour(law):
    out = law("training-slot", "--start", "2027-03-28T01:30", "--end", "2027-03-28T02:15")
    assert out["start"] == "2027-03-28T01:30"
    assert out["problems"] == ["weekend", "outside_school_day"]


def test_cli_planned_on_defaults_to_today_in_the_uk(law):
    # 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London (BST).
    with time_machine.travel("2026-06-30T23:30:00+00:00", tick=False):
        out = law("training-slot", "--start", "2026-07-15T10:00", "--end", "2026-07-15T11:00")
    assert out["planned_on"] == "2026-07-01"
    assert out["notice_days"] == 14
    assert out["planned_in_advance"] is True


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--end", "2026-11-10T11:00"], "--start"),
        (["--start", "2026-11-10 10:00", "--end", "2026-11-10T11:00"], "--start"),
        (["--start", "2026-02-29T10:00", "--end", "2026-03-01T11:00"], "--start"),
        (["--start", "2026-11-10T10:00", "--end", "2026-11-10T10:00"], "--end"),
        (["--start", "2026-11-10T10:00", "--end", "2026-11-09T11:00"], "--end"),
        (
            ["--start", "2026-11-10T10:00", "--end", "2026-11-10T11:00", "--planned-on", "x"],
            "--planned-on",
        ),
        (
            ["--start", "2026-11-10T10:00", "--end", "2026-11-10T11:00", "--day-start", "25:00"],
            "--day-start",
        ),
        (
            [
                "--start",
                "2026-11-10T10:00",
                "--end",
                "2026-11-10T11:00",
                "--day-start",
                "16:00",
                "--day-end",
                "09:00",
            ],
            "--day-end",
        ),
        (
            [
                "--start",
                "2026-11-10T10:00",
                "--end",
                "2026-11-10T11:00",
                "--closure",
                "2026-11-12..2026-11-10",
            ],
            "--closure",
        ),
        (
            [
                "--start",
                "2026-11-10T10:00",
                "--end",
                "2026-11-10T11:00",
                "--min-notice-days",
                "-1",
            ],
            "--min-notice-days",
        ),
        (
            [
                "--start",
                "2026-11-10T10:00",
                "--end",
                "2026-11-10T11:00",
                "--min-notice-days",
                "two",
            ],
            "--min-notice-days",
        ),
    ],
)
def test_cli_bad_input_names_the_option(bad, argv, named):
    err = bad("training-slot", *argv)
    assert named in err
