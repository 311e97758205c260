"""Phase transfers, meeting dates and under-fives in `opensend.law.reviews`, with real dates.

Reg 18(1) SEND Regulations 2014: a plan is amended before 15 February of the year of a school
phase transfer, before 31 March for secondary to post-16. Reg 22(3) as read in R (L, M and P) v
Devon CC [2022]: the amended plan within 12 weeks of the meeting. CoP 9.178: under-fives.
"""

import json
from datetime import date, timedelta

import pytest

from opensend.law import cli
from opensend.law.reviews import (
    AMENDED_PLAN_DAYS,
    TransferKind,
    interim_review_window,
    latest_meeting_for,
    next_phase_transfer,
    next_review_due,
    review_dates,
    transfer_dates,
)
from opensend.law.transfer import review_weeks_for

D = date.fromisoformat
NOV_2026 = D("2026-11-10")


def test_year_6_at_a_primary_school_moves_next_september():
    transfer = next_phase_transfer(year_group="6", school_phase="primary", today=NOV_2026)
    assert transfer is not None
    assert transfer.year == 2027
    assert transfer.kind == TransferKind.SCHOOL
    assert transfer.deadline == D("2027-02-15")  # reg 18(1)(b)
    assert transfer.latest_meeting == D("2026-11-22")
    assert transfer.warn_from == D("2026-09-01")


def test_the_summer_term_is_the_same_academic_year():
    transfer = next_phase_transfer(year_group="6", school_phase="primary", today=D("2027-06-30"))
    assert transfer is not None and transfer.year == 2027
    # From 1 September the child is in the next academic year: the year group moves on too.
    later = next_phase_transfer(year_group="6", school_phase="primary", today=D("2027-09-01"))
    assert later is not None and later.year == 2028


def test_year_11_at_a_secondary_school_moves_to_post_16():
    transfer = next_phase_transfer(year_group="11", school_phase="secondary", today=NOV_2026)
    assert transfer is not None
    assert (transfer.year, transfer.kind) == (2027, TransferKind.POST16)
    assert transfer.deadline == D("2027-03-31")  # reg 18(1)(a)
    assert transfer.latest_meeting == D("2027-01-05")
    assert transfer.warn_from == D("2026-09-01")


def test_year_10_at_an_all_through_school_moves_to_post_16_the_year_after():
    transfer = next_phase_transfer(year_group="10", school_phase="all_through", today=NOV_2026)
    assert transfer is not None
    assert (transfer.year, transfer.kind, transfer.deadline) == (
        2028,
        TransferKind.POST16,
        D("2028-03-31"),
    )


def test_nursery_2_moves_to_reception():
    transfer = next_phase_transfer(year_group="N2", school_phase="nursery", today=NOV_2026)
    assert transfer is not None
    assert (transfer.year, transfer.kind, transfer.deadline) == (
        2027,
        TransferKind.SCHOOL,
        D("2027-02-15"),
    )
    nursery_1 = next_phase_transfer(year_group="N1", school_phase="nursery", today=NOV_2026)
    assert nursery_1 is not None and nursery_1.year == 2028
    # A Reception child at a nursery school has no nursery transfer left to make.
    assert next_phase_transfer(year_group="R", school_phase="nursery", today=NOV_2026) is None


@pytest.mark.parametrize("phase", ["", "not_applicable"])
def test_with_no_phase_the_year_group_gives_the_usual_move(phase):
    # Year 5 now: Year 6 next year, then secondary school in September 2028.
    transfer = next_phase_transfer(year_group="5", school_phase=phase, today=NOV_2026)
    assert transfer is not None
    assert (transfer.year, transfer.kind, transfer.deadline) == (
        2028,
        TransferKind.SCHOOL,
        D("2028-02-15"),
    )
    assert transfer.warn_from == D("2027-09-01")
    year_8 = next_phase_transfer(year_group="8", school_phase=phase, today=NOV_2026)
    assert year_8 is not None and (year_8.year, year_8.kind) == (2030, TransferKind.POST16)


@pytest.mark.parametrize(
    ("year_group", "phase"),
    [
        ("6", "middle_primary"),  # middle schools vary by area: entered, not guessed
        ("7", "middle_secondary"),
        ("12", "16_plus"),
        ("12", "secondary"),  # past the phase's last year
        ("12", ""),
        ("7", "primary"),
        ("", "primary"),
        ("Year 6", "primary"),
    ],
)
def test_no_transfer_when_the_year_group_and_phase_do_not_tell_it(year_group, phase):
    assert next_phase_transfer(year_group=year_group, school_phase=phase, today=NOV_2026) is None


def test_the_latest_meeting_is_12_weeks_and_a_day_before_the_deadline():
    deadline = D("2027-02-15")
    meeting = latest_meeting_for(deadline)
    assert meeting == D("2026-11-22")
    assert deadline - meeting == timedelta(weeks=12, days=1)
    # The amended plan due from that meeting is issued *before* the deadline; a day later is not.
    assert review_dates(meeting)["amended_plan_due"] == D("2027-02-14") < deadline
    assert review_dates(meeting + timedelta(days=1))["amended_plan_due"] == deadline
    assert latest_meeting_for(D("2028-03-31")) == D("2028-01-06")  # across 29 February 2028


def test_transfer_dates_warn_from_the_autumn_term_before():
    school = transfer_dates(2027, TransferKind.SCHOOL)
    assert school.warn_from == D("2026-09-01")
    assert school.warn_from < school.latest_meeting < school.deadline
    post16 = transfer_dates(2028, TransferKind.POST16)
    assert (post16.deadline, post16.latest_meeting, post16.warn_from) == (
        D("2028-03-31"),
        D("2028-01-06"),
        D("2027-09-01"),
    )


def test_a_three_year_old_gets_an_interim_review_window():
    window = interim_review_window(last_review=D("2026-01-10"), dob=D("2023-03-01"))
    assert window == (D("2026-04-10"), D("2026-07-10"))  # CoP 9.178: 3 to 6 months


def test_a_child_turning_five_in_the_window_gets_none():
    assert interim_review_window(last_review=D("2026-01-10"), dob=D("2021-05-01")) is None
    # Five on the window's last day: none; five the day after: still a window.
    assert interim_review_window(last_review=D("2026-01-10"), dob=D("2021-07-10")) is None
    assert interim_review_window(last_review=D("2026-01-10"), dob=D("2021-07-11")) == (
        D("2026-04-10"),
        D("2026-07-10"),
    )


def test_an_interim_window_from_31_august_ends_on_the_last_day_of_february():
    assert interim_review_window(last_review=D("2027-08-31"), dob=D("2024-01-01")) == (
        D("2027-11-30"),
        D("2028-02-29"),
    )


def test_review_dates_around_a_meeting():
    assert review_dates(D("2026-05-18")) == {
        "invitations_due": D("2026-05-04"),  # reg 20(3): 2 weeks' notice
        "advice_due": D("2026-05-04"),  # reg 20(4)
        "report_due": D("2026-06-01"),  # reg 20(7)
        "decision_due": D("2026-06-15"),  # reg 20(10)
        "amended_plan_due": D("2026-08-10"),  # reg 22(3) with Devon 2022
    }
    assert AMENDED_PLAN_DAYS == 84


def test_next_review_due_across_a_leap_day():
    assert next_review_due(last=D("2028-02-29")) == D("2029-02-28")  # CFA s44: 12 months
    assert next_review_due(last=D("2027-02-28")) == D("2028-02-28")
    assert next_review_due(last=D("2027-03-01")) == D("2028-03-01")
    assert next_review_due(last=D("2026-09-15")) == D("2027-09-15")


def test_review_weeks_for_the_change_on_1_september_2015():
    assert review_weeks_for(D("2015-08-31")) == 16  # SI 2014/2270 arts 21-22: 2 + 14
    assert review_weeks_for(D("2015-09-01")) == 20  # SI 2015/1619 arts 3-4: 2 + 18
    assert review_weeks_for(D("2014-09-01")) == 16
    assert review_weeks_for(D("2018-03-01")) == 20


# ---------------------------------------------------------------------------------------------
# `opensend law annual-review --year-group --school-phase`


def run(capsys, *argv):
    assert cli.main(["annual-review", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_annual_review_output_is_unchanged_without_the_new_options(capsys):
    out = run(capsys, "--plan-issued", "2025-06-02")
    assert "next_phase_transfer" not in out
    assert out["review_due"] == "2026-06-02"


def test_annual_review_prints_the_next_phase_transfer(capsys):
    out = run(
        capsys,
        "--plan-issued",
        "2025-06-02",
        "--year-group",
        "6",
        "--school-phase",
        "primary",
        "--today",
        "2026-11-10",
    )
    assert out["review_due"] == "2026-06-02"  # the existing keys are all still there
    assert out["next_phase_transfer"] == {
        "year": 2027,
        "kind": "school",
        "deadline": "2027-02-15",
        "latest_meeting": "2026-11-22",
        "warn_from": "2026-09-01",
    }
    middle = run(
        capsys,
        "--plan-issued",
        "2025-06-02",
        "--year-group",
        "6",
        "--school-phase",
        "middle_primary",
        "--today",
        "2026-11-10",
    )
    assert middle["next_phase_transfer"] is None
    no_phase = run(
        capsys, "--plan-issued", "2025-06-02", "--year-group", "11", "--today", "2026-11-10"
    )
    assert no_phase["next_phase_transfer"]["deadline"] == "2027-03-31"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--school-phase", "primary"], "--year-group"),
        (["--year-group", "Y6"], "--year-group"),
        (["--year-group", "6", "--school-phase", "junior"], "--school-phase"),
        (["--year-group", "6", "--today", "2026-02-30"], "--today"),
    ],
)
def test_annual_review_bad_phase_options_exit_2(capsys, argv, named):
    with pytest.raises(SystemExit) as stop:
        cli.main(["annual-review", "--plan-issued", "2025-06-02", *argv])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err
