"""The law of the SEN information report: the Schedule 1 items, what a special school need not
answer, and when the report must be published again (CoP 6.79: at least once a year)."""

from datetime import date

import pytest

from opensend.law.information_report import (
    ITEMS,
    ITEMS_BY_KEY,
    is_complete,
    items_for,
    missing_items,
    next_publication_due,
    reminder_due,
)


def test_published_in_september_is_due_again_the_next_september():
    assert next_publication_due(date(2026, 9, 14)) == date(2027, 9, 14)


def test_the_reminder_comes_a_month_before():
    assert reminder_due(date(2026, 9, 14)) == date(2027, 8, 14)


def test_published_on_29_february_is_due_on_28_february():
    # No 29 February in 2025: a year on is the last day of February.
    assert next_publication_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_published_on_29_february_in_a_leap_year_before_another():
    assert next_publication_due(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_special_school_need_not_answer_items_2_and_4():
    special = {item.number for item in items_for(mainstream=False)}
    assert "2" not in special and "4" not in special
    assert len(special) == len(ITEMS) - 2


def test_a_mainstream_school_answers_every_item():
    assert items_for(mainstream=True) == ITEMS


def test_item_keys_are_unique_and_looked_up():
    assert len(ITEMS_BY_KEY) == len(ITEMS)
    assert ITEMS_BY_KEY["senco"].number == "4"


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.key)
def test_a_blank_item_is_missing(item):
    answers = {other.key: "Written." for other in ITEMS}
    answers[item.key] = "   "
    assert missing_items(answers, mainstream=True) == [item]
    assert not is_complete(answers, mainstream=True)


def test_a_special_school_with_items_2_and_4_blank_is_complete():
    answers = {item.key: "Written." for item in ITEMS if not item.mainstream_only}
    assert is_complete(answers, mainstream=False)
    assert not is_complete(answers, mainstream=True)
