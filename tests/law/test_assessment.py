from datetime import date

import pytest

from opensend.law.assessment import (
    REFUSAL_NOTICE_ELEMENTS,
    AdviceKind,
    Rag,
    advice_due,
    appeal_deadline,
    minimum_advice,
    rag,
    year_number,
)

D = date.fromisoformat

CORE = [
    AdviceKind.FAMILY,
    AdviceKind.EDUCATIONAL,
    AdviceKind.MEDICAL,
    AdviceKind.PSYCHOLOGICAL,
    AdviceKind.SOCIAL_CARE,
]


def test_the_minimum_advice_below_year_nine_is_reg_6_1_a_to_e():
    assert minimum_advice(year_group="4") == CORE
    assert minimum_advice(year_group="R") == CORE
    assert minimum_advice(year_group=None) == CORE


def test_from_year_nine_preparation_for_adulthood_is_asked_for_too():
    # Reg 6(1)(g): "in or beyond year 9".
    assert minimum_advice(year_group="8") == CORE
    assert minimum_advice(year_group="9") == [*CORE, AdviceKind.ADULTHOOD]
    assert minimum_advice(year_group="12") == [*CORE, AdviceKind.ADULTHOOD]


def test_a_young_person_always_gets_adulthood_advice_whatever_the_recorded_year():
    assert AdviceKind.ADULTHOOD in minimum_advice(year_group="", is_young_person=True)


def test_year_numbers_put_nursery_and_reception_before_year_one():
    assert [year_number(y) for y in ("N1", "N2", "R", "1", "14")] == [-1, 0, 0, 1, 14]
    assert year_number("X") is None


def test_advice_is_due_six_weeks_after_the_body_is_asked():
    # Reg 8(1): from the day the body receives the request, calendar weeks.
    assert advice_due(D("2026-03-02")) == D("2026-04-13")
    assert advice_due(D("2026-12-21")) == D("2027-02-01")


def test_an_appeal_is_due_two_months_after_the_letter():
    assert appeal_deadline(letter_date=D("2026-03-10")) == D("2026-05-10")
    # 31 December + 2 months: the last day of February.
    assert appeal_deadline(letter_date=D("2026-12-31")) == D("2027-02-28")
    assert appeal_deadline(letter_date=D("2025-12-31")) == D("2026-02-28")


def test_a_mediation_certificate_gives_a_month_from_its_date_when_that_is_later():
    letter = D("2026-03-10")
    assert appeal_deadline(letter_date=letter, mediation_certificate=D("2026-04-01")) == D(
        "2026-05-10"
    )
    assert appeal_deadline(letter_date=letter, mediation_certificate=D("2026-04-20")) == D(
        "2026-05-20"
    )


def test_an_appeal_deadline_in_august_moves_to_the_first_working_day_of_september():
    # Letter 15 June 2026 -> 15 August 2026 -> Tuesday 1 September 2026.
    assert appeal_deadline(letter_date=D("2026-06-15")) == D("2026-09-01")
    # 2024: 1 September was a Sunday, so Monday 2 September.
    assert appeal_deadline(letter_date=D("2024-06-15")) == D("2024-09-02")


def test_an_appeal_deadline_over_christmas_moves_to_the_next_working_day():
    # Letter 27 October 2026 -> 27 December 2026 -> Monday 4 January 2027 (2 and 3 Jan are a
    # weekend).
    assert appeal_deadline(letter_date=D("2026-10-27")) == D("2027-01-04")
    # 1 January 2026 (from 1 November 2025) -> Friday 2 January 2026.
    assert appeal_deadline(letter_date=D("2025-11-01")) == D("2026-01-02")


def test_a_refusal_notice_lists_every_element_of_reg_5_3():
    keys = {element.key for element in REFUSAL_NOTICE_ELEMENTS}
    assert keys == {
        "reasons",
        "right_of_appeal",
        "appeal_time_limits",
        "mediation",
        "disagreement_resolution",
        "information_advice_support",
    }


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("2026-11-27", Rag.RED),
        ("2026-11-28", Rag.AMBER),
        ("2026-12-12", Rag.AMBER),
        ("2026-12-13", Rag.GREEN),
    ],
)
def test_red_amber_green_is_overdue_within_fourteen_days_or_on_time(due, expected):
    assert rag(due=D(due), today=D("2026-11-28")) == expected


def test_adulthood_applies_in_or_beyond_year_nine_and_to_every_young_person():
    from opensend.law.assessment import adulthood_applies

    assert not adulthood_applies(year_group="8")
    assert adulthood_applies(year_group="9")
    assert adulthood_applies(year_group=None, is_young_person=True)
    assert not adulthood_applies(year_group=None)
