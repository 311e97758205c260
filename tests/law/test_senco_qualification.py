"""The SENCO's qualification: SEND Regs 2014 reg 49(2), (3), (4) and (7) (SI 2024/535)."""

from datetime import date

import pytest

from opensend.law.errors import LawInputError
from opensend.law.senco_qualification import (
    DUE_SOON,
    HELD,
    IN_PROGRESS,
    NASENCO_CANNOT_FINISH,
    NASENCO_COMPLETE_BEFORE,
    NASENCO_COMPLETED_TOO_LATE,
    NASENCO_START_BEFORE,
    NASENCO_STARTED_TOO_LATE,
    NOT_A_QUALIFIED_TEACHER,
    NOT_REQUIRED,
    NPQ_STARTED_TOO_EARLY,
    OVERDUE,
    senco_qualification,
)


def codes(result) -> list[str]:
    return [problem.code for problem in result.problems]


def test_the_reg_49_7_dates_are_the_amended_ones():
    assert date(2024, 9, 1) == NASENCO_START_BEFORE
    assert date(2027, 9, 1) == NASENCO_COMPLETE_BEFORE


def test_due_three_years_after_appointment():
    result = senco_qualification(appointed_on=date(2024, 9, 1), today=date(2026, 11, 2))
    assert result.status == IN_PROGRESS
    assert result.due_on == date(2027, 9, 1)
    assert result.warn_from == date(2027, 3, 1)
    assert result.problems == ()
    assert "by 1 September 2027" in result.detail
    assert "Enrol the SENCO on the NPQ for SENCOs" in result.detail
    assert "reg 49" in result.rule


def test_due_soon_from_the_warning_date_and_overdue_the_day_after_the_anniversary():
    appointed = date(2024, 9, 1)
    assert senco_qualification(appointed_on=appointed, today=date(2027, 2, 28)).status == (
        IN_PROGRESS
    )
    assert senco_qualification(appointed_on=appointed, today=date(2027, 3, 1)).status == DUE_SOON
    assert senco_qualification(appointed_on=appointed, today=date(2027, 9, 1)).status == DUE_SOON
    late = senco_qualification(appointed_on=appointed, today=date(2027, 9, 2))
    assert late.status == OVERDUE
    assert late.detail.startswith("Overdue: the SENCO had to hold the qualification by 1 Sept")


def test_warn_months_moves_the_warning():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1), today=date(2027, 6, 1), warn_months=2
    )
    assert result.warn_from == date(2027, 7, 1)
    assert result.status == IN_PROGRESS


def test_a_29_february_appointment_is_due_on_28_february():
    result = senco_qualification(appointed_on=date(2024, 2, 29), today=date(2025, 1, 1))
    assert result.due_on == date(2027, 2, 28)


def test_a_nasenco_in_progress_must_finish_by_31_august_2027():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2027, 6, 1),
        course="nasenco",
        course_started_on=date(2024, 1, 15),
    )
    assert result.status == DUE_SOON
    assert result.due_on == date(2027, 8, 31)
    assert result.warn_from == date(2027, 2, 28)
    assert result.problems == ()
    assert "counts only if completed by 31 August 2027" in result.detail


def test_a_nasenco_in_progress_keeps_an_earlier_three_year_date():
    result = senco_qualification(
        appointed_on=date(2024, 1, 10),
        today=date(2026, 11, 2),
        course="nasenco",
        course_started_on=date(2023, 9, 20),
    )
    assert result.due_on == date(2027, 1, 10)
    assert result.status == DUE_SOON


def test_a_nasenco_started_on_1_september_2024_does_not_count():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2026, 11, 2),
        course="nasenco",
        course_started_on=date(2024, 9, 1),
    )
    assert codes(result) == [NASENCO_STARTED_TOO_LATE]
    assert "must be the NPQ for SENCOs" in result.problems[0].detail
    assert result.due_on == date(2027, 9, 1)  # the 3-year window still runs
    assert result.status == IN_PROGRESS


def test_a_nasenco_started_on_1_september_2024_and_finished_is_not_held():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2026, 11, 2),
        course="nasenco",
        course_started_on=date(2024, 9, 1),
        course_completed_on=date(2026, 7, 1),
    )
    assert result.status != HELD
    assert codes(result) == [NASENCO_STARTED_TOO_LATE]


def test_a_nasenco_completed_on_31_august_2027_counts():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2027, 9, 10),
        course="nasenco",
        course_started_on=date(2024, 3, 1),
        course_completed_on=date(2027, 8, 31),
    )
    assert result.status == HELD
    assert result.due_on is None
    assert result.problems == ()
    assert result.detail == "Holds the NASENCO, completed on 31 August 2027 (reg 49(7))."


def test_a_nasenco_completed_on_1_september_2027_does_not_count():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2027, 9, 10),
        course="nasenco",
        course_started_on=date(2024, 3, 1),
        course_completed_on=date(2027, 9, 1),
    )
    assert codes(result) == [NASENCO_COMPLETED_TOO_LATE]
    assert result.status == OVERDUE
    assert result.due_on == date(2027, 9, 1)


def test_an_unfinished_nasenco_stops_counting_after_31_august_2027():
    result = senco_qualification(
        appointed_on=date(2025, 9, 1),
        today=date(2027, 9, 1),
        course="nasenco",
        course_started_on=date(2024, 6, 1),
    )
    assert codes(result) == [NASENCO_CANNOT_FINISH]
    assert result.due_on == date(2028, 9, 1)
    assert result.status == IN_PROGRESS


def test_the_npq_held():
    result = senco_qualification(
        appointed_on=date(2024, 9, 1),
        today=date(2026, 11, 2),
        course="npq",
        course_started_on=date(2024, 10, 1),
        course_completed_on=date(2026, 7, 15),
    )
    assert result.status == HELD
    assert result.detail == "Holds the NPQ for SENCOs, completed on 15 July 2026 (reg 49(7))."


def test_an_npq_in_progress_runs_to_the_three_year_date():
    result = senco_qualification(
        appointed_on=date(2025, 1, 6),
        today=date(2026, 11, 2),
        course="npq",
        course_started_on=date(2025, 10, 1),
    )
    assert result.status == IN_PROGRESS
    assert result.due_on == date(2028, 1, 6)
    assert "The NPQ for SENCOs started on 1 October 2025." in result.detail


def test_an_npq_started_before_september_2024_is_flagged():
    result = senco_qualification(
        appointed_on=date(2024, 1, 6),
        today=date(2026, 11, 2),
        course="npq",
        course_started_on=date(2024, 8, 31),
        course_completed_on=date(2026, 1, 1),
    )
    assert codes(result) == [NPQ_STARTED_TOO_EARLY]
    assert result.status == DUE_SOON


def test_a_completion_date_after_today_is_not_yet_held():
    result = senco_qualification(
        appointed_on=date(2025, 1, 6),
        today=date(2026, 11, 2),
        course="npq",
        course_started_on=date(2025, 10, 1),
        course_completed_on=date(2026, 12, 1),
    )
    assert result.status == IN_PROGRESS


def test_not_required_when_appointed_before_1_september_2009():
    result = senco_qualification(appointed_on=date(2009, 8, 31), today=date(2026, 11, 2))
    assert result.status == NOT_REQUIRED
    assert result.due_on is None and result.warn_from is None
    assert "before 1 September 2009" in result.detail


def test_required_when_appointed_on_1_september_2009():
    result = senco_qualification(appointed_on=date(2009, 9, 1), today=date(2026, 11, 2))
    assert result.status == OVERDUE
    assert result.due_on == date(2012, 9, 1)


def test_not_required_after_more_than_twelve_months_as_a_senco_before():
    result = senco_qualification(
        appointed_on=date(2025, 9, 1), today=date(2026, 11, 2), previous_senco_months=13
    )
    assert result.status == NOT_REQUIRED
    assert "13 months" in result.detail


def test_twelve_months_before_is_not_more_than_twelve():
    result = senco_qualification(
        appointed_on=date(2025, 9, 1), today=date(2026, 11, 2), previous_senco_months=12
    )
    assert result.status == IN_PROGRESS


def test_a_head_without_qts_may_be_the_senco():
    result = senco_qualification(
        appointed_on=date(2025, 9, 1),
        today=date(2026, 11, 2),
        qualified_teacher=False,
        is_head=True,
    )
    assert result.problems == ()


def test_someone_neither_a_qualified_teacher_nor_the_head_may_not():
    result = senco_qualification(
        appointed_on=date(2025, 9, 1), today=date(2026, 11, 2), qualified_teacher=False
    )
    assert codes(result) == [NOT_A_QUALIFIED_TEACHER]
    assert "reg 49(2)" in result.problems[0].detail and "reg 49(3)" in result.problems[0].detail


def test_the_qts_problem_stays_even_when_not_required():
    result = senco_qualification(
        appointed_on=date(2005, 9, 1), today=date(2026, 11, 2), qualified_teacher=False
    )
    assert result.status == NOT_REQUIRED
    assert codes(result) == [NOT_A_QUALIFIED_TEACHER]


@pytest.mark.parametrize(
    ("kwargs", "option"),
    [
        ({"course": "masters"}, "course"),
        ({"previous_senco_months": -1}, "previous_senco_months"),
        ({"warn_months": -1}, "warn_months"),
        ({"course_started_on": date(2025, 1, 1)}, "course"),
        ({"course": "nasenco"}, "course_started_on"),
        (
            {
                "course": "npq",
                "course_started_on": date(2025, 1, 1),
                "course_completed_on": date(2024, 12, 31),
            },
            "course_completed_on",
        ),
    ],
)
def test_bad_input_is_named(kwargs, option):
    with pytest.raises(LawInputError) as error:
        senco_qualification(appointed_on=date(2025, 9, 1), today=date(2026, 11, 2), **kwargs)
    assert error.value.option == option
