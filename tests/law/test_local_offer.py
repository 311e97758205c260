"""The Local Offer's rules (SEND Regs 2014 regs 53-57): the yearly response, stale entries,
and the details that would identify someone in a published comment."""

from datetime import date

import pytest

from opensend.law.local_offer import entry_stale_on, identifying_details, response_due


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Write to jo@example.com please", ["an email address"]),
        ("Ring me on 07700 900123", ["a phone number"]),
        ("We live near NE1 4ST", ["a postcode"]),
        (
            "jo@example.com, 07700 900123, NE1 4ST",
            ["an email address", "a phone number", "a postcode"],
        ),
    ],
)
def test_identifying_details_are_found(text, found):
    assert identifying_details(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "The short breaks page is hard to find and the search is slow.",
        "We waited 12 weeks for a reply, then 3 more.",
        "Year 10 pupils need better transport information.",
        "",
    ],
)
def test_ordinary_prose_has_no_identifying_details(text):
    assert identifying_details(text) == []


def test_a_response_is_due_a_year_after_the_last():
    assert response_due(date(2025, 11, 30)) == date(2026, 11, 30)


def test_a_response_published_on_29_february_is_due_at_the_end_of_february():
    assert response_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_an_entry_is_stale_twelve_months_after_it_was_confirmed():
    assert entry_stale_on(date(2026, 1, 31)) == date(2027, 1, 31)
    assert entry_stale_on(date(2026, 8, 15)) == date(2027, 8, 15)
