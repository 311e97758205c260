"""Reg 15: an EHC plan transferring to a new local authority when the family moves."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opensend.law.dates import is_working_day
from opensend.law.errors import LawInputError
from opensend.law.moves import (
    last_day_of_months_beginning_with,
    new_authority_duties,
    plan_transfer,
    working_days_from,
)

LAW_COMMAND = "plan_move"

D = date.fromisoformat


# --- reg 15(2): the transfer --------------------------------------------------------------------


def test_fifteen_working_days_notice_over_the_spring_bank_holidays_means_the_day_of_the_move():
    # Move on Monday 1 June 2026. The last 15 working days before it skip the spring bank
    # holiday (Monday 25 May) and start on Friday 8 May.
    transfer = plan_transfer(move_day=D("2026-06-01"), old_la_learned_on=D("2026-05-08"))
    assert transfer.notice_working_days == 15
    assert transfer.on_the_day_of_the_move is True
    assert transfer.transfer_by == D("2026-06-01")
    assert "reg 15(2)" in transfer.rule


def test_one_working_day_short_runs_fifteen_working_days_beginning_with_the_day_learned():
    # Learned Monday 11 May: 14 working days' notice. Day 1 is 11 May; 25 May is skipped.
    transfer = plan_transfer(move_day=D("2026-06-01"), old_la_learned_on=D("2026-05-11"))
    assert transfer.notice_working_days == 14
    assert transfer.on_the_day_of_the_move is False
    assert transfer.transfer_by == D("2026-06-01")  # the 15th working day is the move day
    later = plan_transfer(move_day=D("2026-06-01"), old_la_learned_on=D("2026-05-12"))
    assert later.transfer_by == D("2026-06-02")


def test_the_early_may_bank_holiday_is_not_a_working_day():
    # Learned Thursday 30 April 2026; Monday 4 May is the early May bank holiday.
    transfer = plan_transfer(move_day=D("2026-05-14"), old_la_learned_on=D("2026-04-30"))
    assert transfer.notice_working_days == 9
    assert transfer.transfer_by == D("2026-05-21")


def test_easter_is_skipped():
    # Good Friday 26 March and Easter Monday 29 March 2027 are not working days.
    transfer = plan_transfer(move_day=D("2027-03-31"), old_la_learned_on=D("2027-03-22"))
    assert transfer.notice_working_days == 5  # 22 to 25 and 30 March
    assert transfer.transfer_by == D("2027-04-13")


def test_christmas_on_a_weekend_with_substitute_days_and_new_year():
    # Christmas 2027 is a Saturday: Monday 27 and Tuesday 28 December are the substitute days,
    # and 1 January 2028 (a Saturday) is moved to Monday 3 January. Learned after the move.
    transfer = plan_transfer(move_day=D("2027-12-18"), old_la_learned_on=D("2027-12-22"))
    assert transfer.notice_working_days == 0
    assert transfer.on_the_day_of_the_move is False
    assert transfer.transfer_by == D("2028-01-14")
    assert "on or after the day of the move" in transfer.rule


def test_christmas_2026_boxing_day_substitute_and_a_saturday_move():
    transfer = plan_transfer(move_day=D("2026-12-19"), old_la_learned_on=D("2026-12-10"))
    assert transfer.notice_working_days == 7
    assert transfer.transfer_by == D("2027-01-04")  # 25 and 28 December, 1 January skipped


def test_learning_on_a_weekend_starts_the_count_on_the_next_working_day():
    saturday = plan_transfer(move_day=D("2026-12-12"), old_la_learned_on=D("2026-12-05"))
    monday = plan_transfer(move_day=D("2026-12-12"), old_la_learned_on=D("2026-12-07"))
    friday = plan_transfer(move_day=D("2026-12-12"), old_la_learned_on=D("2026-12-04"))
    assert saturday.transfer_by == monday.transfer_by == D("2026-12-29")
    assert friday.transfer_by == D("2026-12-24")  # Friday is day 1


def test_learning_on_the_day_of_the_move_is_too_late_for_the_day_of_the_move():
    transfer = plan_transfer(move_day=D("2026-08-28"), old_la_learned_on=D("2026-08-28"))
    assert transfer.notice_working_days == 0
    # Friday 28 August is day 1; the summer bank holiday (Monday 31 August) is skipped.
    assert transfer.transfer_by == D("2026-09-18")


def test_plenty_of_notice_transfers_on_the_day_even_a_saturday_or_bank_holiday():
    saturday = plan_transfer(move_day=D("2026-08-29"), old_la_learned_on=D("2026-06-01"))
    assert saturday.on_the_day_of_the_move and saturday.transfer_by == D("2026-08-29")
    holiday = plan_transfer(move_day=D("2026-12-28"), old_la_learned_on=D("2026-11-02"))
    assert holiday.transfer_by == D("2026-12-28")


def test_a_leap_day_in_the_count():
    # 29 February 2028 is a Tuesday and an ordinary working day.
    transfer = plan_transfer(move_day=D("2028-03-01"), old_la_learned_on=D("2028-02-21"))
    assert transfer.notice_working_days == 7
    assert transfer.transfer_by == D("2028-03-10")


def test_counting_working_days_includes_the_first_day_and_not_the_last():
    assert working_days_from(D("2026-12-24"), D("2026-12-29")) == 1
    assert working_days_from(D("2026-12-29"), D("2026-12-24")) == 0


dates = st.dates(min_value=date(2013, 1, 1), max_value=date(2028, 6, 30))


@given(move=dates, offset=st.integers(-60, 60))
def test_the_transfer_is_never_before_the_move_and_a_late_one_lands_on_the_15th_working_day(
    move, offset
):
    learned = move + timedelta(days=offset)
    transfer = plan_transfer(move_day=move, old_la_learned_on=learned)
    assert transfer.transfer_by >= move
    assert transfer.on_the_day_of_the_move == (working_days_from(learned, move) >= 15)
    if not transfer.on_the_day_of_the_move:
        assert is_working_day(transfer.transfer_by)
        assert working_days_from(learned, transfer.transfer_by + timedelta(days=1)) == 15


# --- reg 15(3)-(5): the new authority ------------------------------------------------------------


def test_periods_beginning_with_a_day_end_the_day_before_the_same_date():
    assert last_day_of_months_beginning_with(D("2026-03-16"), 12) == D("2027-03-15")
    assert last_day_of_months_beginning_with(D("2026-03-01"), 1) == D("2026-03-31")
    assert last_day_of_months_beginning_with(D("2027-03-01"), 12) == D("2028-02-29")
    assert last_day_of_months_beginning_with(D("2024-03-01"), 12) == D("2025-02-28")
    # No such day in the month: the month's last day.
    assert last_day_of_months_beginning_with(D("2024-02-29"), 12) == D("2025-02-28")
    assert last_day_of_months_beginning_with(D("2026-11-30"), 3) == D("2027-02-28")
    assert last_day_of_months_beginning_with(D("2027-11-30"), 3) == D("2028-02-29")
    assert last_day_of_months_beginning_with(D("2026-08-31"), 3) == D("2026-11-30")
    assert last_day_of_months_beginning_with(D("2026-10-31"), 3) == D("2027-01-30")


def test_the_family_is_told_within_six_weeks_of_the_transfer():
    duties = new_authority_duties(
        transferred_on=D("2027-01-04"), plan_last_reviewed_or_made=D("2026-03-16")
    )
    assert duties.inform_family_by == D("2027-02-15")  # reg 15(4): + 42 days
    assert "reg 15(4)" in duties.inform_rule
    leap = new_authority_duties(
        transferred_on=D("2028-02-01"), plan_last_reviewed_or_made=D("2027-06-01")
    )
    assert leap.inform_family_by == D("2028-03-14")


def test_the_review_comes_at_the_later_of_the_two_periods():
    # Reviewed 16 March 2026; transferred 4 January 2027: 3 months from the transfer is later.
    soon = new_authority_duties(
        transferred_on=D("2027-01-04"), plan_last_reviewed_or_made=D("2026-03-16")
    )
    assert soon.twelve_months_from_last_review_end == D("2027-03-15")
    assert soon.three_months_from_transfer_end == D("2027-04-03")
    assert soon.review_by == D("2027-04-03")
    assert "3 months beginning with the transfer" in soon.review_rule
    # Reviewed in November 2026 and transferred soon after: the 12 months are later.
    recent = new_authority_duties(
        transferred_on=D("2026-12-01"), plan_last_reviewed_or_made=D("2026-11-10")
    )
    assert recent.three_months_from_transfer_end == D("2027-02-28")
    assert recent.review_by == D("2027-11-09")
    assert "12 months beginning with" in recent.review_rule


def test_a_plan_made_on_29_february_and_a_transfer_at_a_month_end():
    duties = new_authority_duties(
        transferred_on=D("2024-11-30"), plan_last_reviewed_or_made=D("2024-02-29")
    )
    assert duties.twelve_months_from_last_review_end == D("2025-02-28")
    assert duties.three_months_from_transfer_end == D("2025-02-28")
    assert duties.review_by == D("2025-02-28")


def test_without_the_last_review_date_the_review_date_is_not_known():
    duties = new_authority_duties(transferred_on=D("2026-08-28"), plan_last_reviewed_or_made=None)
    assert duties.review_by is None and duties.twelve_months_from_last_review_end is None
    assert duties.three_months_from_transfer_end == D("2026-11-27")
    assert duties.inform_family_by == D("2026-10-09")


def test_the_plan_cannot_have_been_reviewed_after_the_transfer():
    with pytest.raises(LawInputError, match="--last-reviewed"):
        new_authority_duties(
            transferred_on=D("2026-08-28"), plan_last_reviewed_or_made=D("2026-08-29")
        )
    same_day = new_authority_duties(
        transferred_on=D("2026-08-28"), plan_last_reviewed_or_made=D("2026-08-28")
    )
    assert same_day.review_by == D("2027-08-27")


# --- the command ---------------------------------------------------------------------------------


def test_the_command_prints_the_transfer_and_the_new_authoritys_dates(law):
    out = law(
        "plan-move",
        "--move-day",
        "2026-12-19",
        "--learned-on",
        "2026-12-10",
        "--last-reviewed",
        "2026-03-16",
    )
    assert out["transfer"]["transfer_by"] == "2027-01-04"
    assert out["transfer"]["on_the_day_of_the_move"] is False
    assert "reg 15(2)" in out["transfer"]["rule"]
    assert out["transferred_on"] == "2027-01-04"
    assert out["transfer_late"] is False
    new = out["new_authority"]
    assert new["inform_family_by"] == "2027-02-15"
    assert new["review_by"] == "2027-04-03"
    assert "reg 15(5)" in new["review_rule"] and "reg 15(3)" in new["maintain_rule"]


def test_the_command_uses_the_actual_transfer_day_when_given(law):
    out = law(
        "plan-move",
        "--move-day",
        "2026-06-01",
        "--learned-on",
        "2026-03-02",
        "--transferred-on",
        "2026-06-05",
    )
    assert out["transfer"]["transfer_by"] == "2026-06-01"
    assert out["transfer_late"] is True
    assert out["new_authority"]["inform_family_by"] == "2026-07-17"
    assert out["new_authority"]["review_by"] is None


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--move-day", "2026-02-30", "--learned-on", "2026-02-01"], "--move-day"),
        (["--move-day", "2026-06-01"], "--learned-on"),
        (
            [
                "--move-day",
                "2026-06-01",
                "--learned-on",
                "2026-05-01",
                "--transferred-on",
                "2026-05-29",
            ],
            "--transferred-on",
        ),
        (
            [
                "--move-day",
                "2026-06-01",
                "--learned-on",
                "2026-03-01",
                "--last-reviewed",
                "2026-07-01",
            ],
            "--last-reviewed",
        ),
    ],
)
def test_bad_input_names_the_option(bad, argv, option):
    err = bad("plan-move", *argv)
    assert option in err.strip().splitlines()[-1]
