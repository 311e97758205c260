"""Parent meetings, at least three a year (CoP 6.65), with real academic-year dates."""

from datetime import date, timedelta
from typing import Any

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from opensend.law.errors import LawInputError
from opensend.law.meetings import (
    STATUS_ORDER,
    ParentMeetings,
    Status,
    Term,
    check_terms,
    default_terms,
    parent_meetings,
    parse_term,
)

LAW_COMMAND = "parent_meetings"  # the rule the `law` and `bad` fixtures run


def meetings(**kwargs: Any) -> ParentMeetings:
    kwargs.setdefault("academic_year", 2026)
    kwargs.setdefault("on_register_from", date(2026, 9, 1))
    kwargs.setdefault("as_of", date(2027, 8, 31))
    return parent_meetings(**kwargs)


def counted(result: ParentMeetings) -> dict[str, bool]:
    return {term.name: term.counted for term in result.terms}


# --- the academic year and its default terms -------------------------------------------------


def test_default_terms_cover_the_academic_year():
    autumn, spring, summer = default_terms(2026)
    assert (autumn.start, autumn.end) == (date(2026, 9, 1), date(2026, 12, 31))
    assert (spring.start, spring.end) == (date(2027, 1, 1), date(2027, 3, 31))
    assert (summer.start, summer.end) == (date(2027, 4, 1), date(2027, 8, 31))


def test_a_whole_year_on_the_register_expects_three_meetings():
    result = meetings()
    assert result.expected == 3
    assert result.expected_by_as_of == 3
    assert [(t.name, t.days) for t in result.terms] == [
        ("autumn", 122),
        ("spring", 90),
        ("summer", 153),
    ]


def test_leap_year_spring_has_91_days():
    # Academic year 2023 has 29 February 2024.
    result = meetings(academic_year=2023, on_register_from=date(2023, 9, 1), as_of=date(2024, 9, 1))
    assert [t.days for t in result.terms] == [122, 91, 153]


@pytest.mark.parametrize(
    ("as_of", "by_as_of"),
    [
        (date(2026, 8, 31), 0),  # before the year
        (date(2026, 12, 30), 0),
        (date(2026, 12, 31), 1),  # autumn ends today: it has ended "on or before" as_of
        (date(2027, 3, 30), 1),
        (date(2027, 3, 31), 2),
        (date(2027, 8, 30), 2),
        (date(2027, 8, 31), 3),  # the year's last day
        (date(2028, 1, 1), 3),
    ],
)
def test_expected_by_as_of_counts_terms_ended_on_or_before_as_of(as_of, by_as_of):
    result = meetings(as_of=as_of)
    assert result.expected == 3
    assert result.expected_by_as_of == by_as_of


# --- joining and leaving: at least half of a term's days, exactly half counts -----------------


def test_joining_autumn_exactly_at_half_counts():
    # Autumn has 122 days; 1 November to 31 December is 61 of them: exactly half.
    result = meetings(on_register_from=date(2026, 11, 1))
    assert result.terms[0].days_on_register == 61
    assert counted(result) == {"autumn": True, "spring": True, "summer": True}
    assert meetings(on_register_from=date(2026, 11, 2)).terms[0].counted is False


def test_joining_spring_in_a_leap_year_needs_46_of_91_days():
    # Spring 2024 has 91 days (29 February): half is 45.5, so 46 days are needed.
    joined_15 = meetings(
        academic_year=2023, on_register_from=date(2024, 2, 15), as_of=date(2024, 8, 31)
    )
    assert joined_15.terms[1].days_on_register == 46
    assert counted(joined_15) == {"autumn": False, "spring": True, "summer": True}
    joined_16 = meetings(
        academic_year=2023, on_register_from=date(2024, 2, 16), as_of=date(2024, 8, 31)
    )
    assert joined_16.terms[1].days_on_register == 45
    assert joined_16.expected == 1


def test_joining_spring_in_a_common_year_at_exactly_half():
    # Spring 2025 has 90 days; 15 February to 31 March is 45: exactly half counts.
    result = meetings(
        academic_year=2024, on_register_from=date(2025, 2, 15), as_of=date(2025, 8, 31)
    )
    assert result.terms[1].days_on_register == 45
    assert result.expected == 2
    assert (
        meetings(
            academic_year=2024, on_register_from=date(2025, 2, 16), as_of=date(2025, 8, 31)
        ).expected
        == 1
    )


def test_leaving_mid_summer():
    # Summer has 153 days: half is 76.5, so leaving on 16 June (77 days) counts, 15 June not.
    stays = meetings(on_register_to=date(2027, 6, 16))
    assert stays.terms[2].days_on_register == 77
    assert stays.expected == 3
    assert meetings(on_register_to=date(2027, 6, 15)).expected == 2


def test_leaving_at_the_end_of_october_is_exactly_half_of_autumn():
    result = meetings(on_register_to=date(2026, 10, 31))
    assert counted(result) == {"autumn": True, "spring": False, "summer": False}
    assert result.expected == 1


def test_joining_in_the_last_days_of_the_year_expects_nothing_and_is_met():
    # On the register for 7 of summer's 153 days: no term counts, so no meeting is owed
    # (CoP 6.65 is owed by the school that has the pupil, term by term).
    result = meetings(on_register_from=date(2027, 8, 25))
    assert result.expected == 0
    assert result.expected_by_as_of == 0
    assert result.status is Status.MET


def test_a_pupil_on_the_register_for_a_single_day():
    result = meetings(on_register_from=date(2027, 1, 5), on_register_to=date(2027, 1, 5))
    assert result.expected == 0
    assert [t.days_on_register for t in result.terms] == [0, 1, 0]


# --- meetings held and declined --------------------------------------------------------------


def test_meetings_outside_the_year_or_off_the_register_are_ignored_with_a_reason():
    result = meetings(
        on_register_from=date(2026, 10, 1),
        on_register_to=date(2027, 7, 1),
        held=[
            date(2026, 8, 31),  # the day before the year
            date(2026, 9, 15),  # before joining
            date(2026, 10, 1),  # the day joined
            date(2027, 7, 1),  # the day left
            date(2027, 7, 2),  # after leaving
            date(2027, 9, 1),  # the day after the year
        ],
    )
    assert result.held == 2
    assert result.held_dates == (date(2026, 10, 1), date(2027, 7, 1))
    reasons = {item.date: item.reason for item in result.ignored}
    assert "outside the academic year 2026" in reasons[date(2026, 8, 31)]
    assert "outside the academic year 2026" in reasons[date(2027, 9, 1)]
    assert reasons[date(2026, 9, 15)] == "the pupil was not on the register that day"
    assert reasons[date(2027, 7, 2)] == "the pupil was not on the register that day"


def test_the_last_day_of_the_year_counts_and_the_first_day_of_the_next_does_not():
    result = meetings(held=[date(2027, 8, 31), date(2027, 9, 1)])
    assert result.held_dates == (date(2027, 8, 31),)


def test_meetings_in_a_school_holiday_still_count():
    # A group meeting in the Christmas holiday is inside the academic year.
    terms = [
        Term("autumn", date(2026, 9, 3), date(2026, 12, 18)),
        Term("spring", date(2027, 1, 5), date(2027, 3, 26)),
        Term("summer", date(2027, 4, 12), date(2027, 7, 21)),
    ]
    result = meetings(terms=terms, held=[date(2026, 12, 22)])
    assert result.held == 1


def test_the_same_date_twice_is_one_meeting_and_held_beats_declined():
    result = meetings(
        held=[date(2026, 10, 8), date(2026, 10, 8)],
        declined=[date(2026, 10, 8), date(2027, 2, 4), date(2027, 2, 4)],
    )
    assert result.held == 1
    assert result.declined == 1
    assert [(item.listed_as, item.reason) for item in result.ignored] == [
        ("held", "already listed as held on this date"),
        ("declined", "also listed as held on this date"),
        ("declined", "already listed as declined on this date"),
    ]


@pytest.mark.parametrize(
    ("held", "declined", "as_of", "status"),
    [
        # Three held: met, whenever asked.
        ([date(2026, 10, 8), date(2027, 2, 4), date(2027, 5, 13)], [], date(2027, 6, 1), "met"),
        # Two held by 1 April 2027 (autumn and spring have ended): on track.
        ([date(2026, 10, 8), date(2027, 2, 4)], [], date(2027, 4, 1), "on_track"),
        # One held, one offered and declined by 1 April: offered.
        ([date(2026, 10, 8)], [date(2027, 2, 4)], date(2027, 4, 1), "offered"),
        # One held and nothing else by 1 April: behind.
        ([date(2026, 10, 8)], [], date(2027, 4, 1), "behind"),
        # None held in autumn, asked on 31 December (autumn ends that day): behind.
        ([], [], date(2026, 12, 31), "behind"),
        # None held, asked on 30 December: nothing is due yet.
        ([], [], date(2026, 12, 30), "on_track"),
    ],
)
def test_status(held, declined, as_of, status):
    assert meetings(held=held, declined=declined, as_of=as_of).status.value == status


def test_an_annual_review_meeting_counts_like_any_other_meeting():
    # DESIGN "Time": the annual review meeting is one of the three.
    result = meetings(held=[date(2026, 11, 19)], as_of=date(2027, 1, 4))
    assert result.held == 1
    assert result.status is Status.ON_TRACK


# --- the school's own terms ------------------------------------------------------------------


def test_parse_term_is_case_insensitive():
    assert parse_term("Autumn=2026-09-03..2026-12-18") == Term(
        "autumn", date(2026, 9, 3), date(2026, 12, 18)
    )


def test_own_terms_replace_the_defaults_and_change_what_counts():
    terms = [
        parse_term("SUMMER=2027-04-12..2027-07-21"),
        parse_term("autumn=2026-09-03..2026-12-18"),
        parse_term("Spring=2027-01-05..2027-03-26"),
    ]
    result = meetings(terms=terms, as_of=date(2026, 12, 18))
    assert [(t.name, t.start, t.end) for t in result.terms] == [
        ("autumn", date(2026, 9, 3), date(2026, 12, 18)),
        ("spring", date(2027, 1, 5), date(2027, 3, 26)),
        ("summer", date(2027, 4, 12), date(2027, 7, 21)),
    ]
    assert result.expected_by_as_of == 1  # autumn ended on 18 December
    # Joining on 1 July: 21 of summer's 101 days, so summer does not count.
    late = meetings(terms=terms, on_register_from=date(2027, 7, 1))
    assert late.expected == 0


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (["autumn=2026-09-03..2026-12-18", "spring=2027-01-05..2027-03-26"], "exactly three"),
        (
            [
                "autumn=2026-09-03..2026-12-18",
                "autumn=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-07-21",
            ],
            "exactly three",
        ),
        (
            [
                "autumn=2026-09-03..2026-12-18",
                "winter=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-07-21",
            ],
            "exactly three",
        ),
        (
            [
                "autumn=2026-09-03..2027-01-06",
                "spring=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-07-21",
            ],
            "overlap",
        ),
        (
            [
                "autumn=2026-08-27..2026-12-18",
                "spring=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-07-21",
            ],
            "not inside the academic year",
        ),
        (
            [
                "autumn=2026-09-03..2026-12-18",
                "spring=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-09-01",
            ],
            "not inside the academic year",
        ),
        (
            [
                "autumn=2026-12-18..2026-09-03",
                "spring=2027-01-05..2027-03-26",
                "summer=2027-04-12..2027-07-21",
            ],
            "before it starts",
        ),
        (
            [
                "autumn=2027-04-12..2027-07-21",
                "spring=2027-01-05..2027-03-26",
                "summer=2026-09-03..2026-12-18",
            ],
            "out of order",
        ),
    ],
)
def test_bad_term_lists(values, message):
    with pytest.raises(LawInputError) as error:
        check_terms(2026, [parse_term(value) for value in values])
    assert error.value.option == "--term"
    assert message in error.value.message


@pytest.mark.parametrize("value", ["autumn", "autumn=2026-09-03", "=2026-09-03..2026-12-18"])
def test_a_malformed_term(value):
    with pytest.raises(LawInputError) as error:
        parse_term(value)
    assert error.value.option == "--term"


def test_an_impossible_term_date():
    with pytest.raises(LawInputError) as error:
        parse_term("spring=2027-01-05..2027-02-29")  # 2027 is not a leap year
    assert error.value.option == "--term"


def test_leaving_before_joining_is_bad_input():
    with pytest.raises(LawInputError) as error:
        meetings(on_register_from=date(2026, 10, 1), on_register_to=date(2026, 9, 30))
    assert error.value.option == "--on-register-to"


# --- properties ------------------------------------------------------------------------------

YEAR_DAYS = st.integers(min_value=-30, max_value=400).map(
    lambda n: date(2026, 9, 1) + timedelta(days=n)
)


def rank(status: Status) -> int:
    return STATUS_ORDER.index(status)


@settings(max_examples=60, deadline=None)
@given(
    joined=YEAR_DAYS,
    length=st.none() | st.integers(min_value=0, max_value=400),
    as_of=YEAR_DAYS,
    held=st.lists(YEAR_DAYS, max_size=5),
    declined=st.lists(YEAR_DAYS, max_size=5),
)
def test_expected_by_as_of_never_exceeds_expected_nor_three(joined, length, as_of, held, declined):
    left = None if length is None else joined + timedelta(days=length)
    result = meetings(
        on_register_from=joined, on_register_to=left, as_of=as_of, held=held, declined=declined
    )
    assert 0 <= result.expected_by_as_of <= result.expected <= 3
    assert result.held + result.declined + len(result.ignored) == len(held) + len(declined)
    assert not set(result.held_dates) & set(result.declined_dates)


@settings(max_examples=60, deadline=None)
@given(
    joined=YEAR_DAYS,
    as_of=YEAR_DAYS,
    held=st.lists(YEAR_DAYS, max_size=4),
    declined=st.lists(YEAR_DAYS, max_size=4),
    extra=YEAR_DAYS,
)
def test_adding_a_meeting_never_worsens_the_status(joined, as_of, held, declined, extra):
    before = meetings(on_register_from=joined, as_of=as_of, held=held, declined=declined)
    with_held = meetings(
        on_register_from=joined, as_of=as_of, held=[*held, extra], declined=declined
    )
    with_declined = meetings(
        on_register_from=joined, as_of=as_of, held=held, declined=[*declined, extra]
    )
    assert rank(with_held.status) <= rank(before.status)
    assert rank(with_declined.status) <= rank(before.status)


@settings(max_examples=40, deadline=None)
@given(joined=YEAR_DAYS, length=st.integers(min_value=0, max_value=400), more=st.integers(1, 60))
def test_staying_longer_never_reduces_the_meetings_expected(joined, length, more):
    left = joined + timedelta(days=length)
    shorter = meetings(on_register_from=joined, on_register_to=left)
    longer = meetings(on_register_from=joined, on_register_to=left + timedelta(days=more))
    assert longer.expected >= shorter.expected


# --- the command line ------------------------------------------------------------------------


def test_cli_prints_the_contract_keys(law):
    out = law(
        "parent-meetings",
        "--academic-year",
        "2026",
        "--on-register-from",
        "2026-09-03",
        "--held",
        "2026-10-08,2027-02-04",
        "--declined",
        "2027-05-13",
        "--held",
        "2025-06-01",
        "--as-of",
        "2027-04-20",
    )
    assert out["academic_year"] == 2026
    assert out["on_register_from"] == "2026-09-03"
    assert out["on_register_to"] is None
    assert out["as_of"] == "2027-04-20"
    assert out["expected"] == 3
    assert out["expected_by_as_of"] == 2
    assert out["held"] == 2
    assert out["declined"] == 1
    assert out["status"] == "on_track"
    assert out["terms"][0] == {
        "name": "autumn",
        "start": "2026-09-01",
        "end": "2026-12-31",
        "days": 122,
        "days_on_register": 120,
        "counted": True,
        "ended_by_as_of": True,
    }
    assert out["ignored"] == [
        {
            "date": "2025-06-01",
            "listed_as": "held",
            "reason": "outside the academic year 2026 (2026-09-01 to 2027-08-31)",
        }
    ]


def test_cli_with_the_schools_own_terms(law):
    out = law(
        "parent-meetings",
        "--academic-year",
        "2026",
        "--on-register-from",
        "2026-09-03",
        "--on-register-to",
        "2027-07-21",
        "--as-of",
        "2027-03-26",
        "--term",
        "autumn=2026-09-03..2026-12-18",
        "--term",
        "Spring=2027-01-05..2027-03-26",
        "--term",
        "SUMMER=2027-04-12..2027-07-21",
    )
    assert [(t["name"], t["counted"]) for t in out["terms"]] == [
        ("autumn", True),
        ("spring", True),
        ("summer", True),
    ]
    assert out["expected_by_as_of"] == 2
    assert out["status"] == "behind"


def test_cli_as_of_defaults_to_today_in_the_uk(law):
    # 23:30 UTC on 31 December 2026 is still 31 December in London (GMT): autumn has ended.
    with time_machine.travel("2026-12-31T23:30:00+00:00", tick=False):
        out = law("parent-meetings", "--academic-year", "2026", "--on-register-from", "2026-09-01")
    assert out["as_of"] == "2026-12-31"
    assert out["expected_by_as_of"] == 1
    assert out["status"] == "behind"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--on-register-from", "2026-09-01"], "--academic-year"),
        (["--academic-year", "26", "--on-register-from", "2026-09-01"], "--academic-year"),
        (["--academic-year", "2026", "--on-register-from", "2026-09-31"], "--on-register-from"),
        (
            ["--academic-year", "2026", "--on-register-from", "2026-09-01", "--held", "2027-02-29"],
            "--held",
        ),
        (
            [
                "--academic-year",
                "2026",
                "--on-register-from",
                "2026-09-10",
                "--on-register-to",
                "2026-09-09",
            ],
            "--on-register-to",
        ),
        (
            [
                "--academic-year",
                "2026",
                "--on-register-from",
                "2026-09-01",
                "--term",
                "autumn=2026-09-03..2026-12-18",
            ],
            "--term",
        ),
        (
            [
                "--academic-year",
                "2026",
                "--on-register-from",
                "2026-09-01",
                "--term",
                "autumn:2026-09-03:2026-12-18",
            ],
            "--term",
        ),
    ],
)
def test_cli_bad_input_names_the_option(bad, argv, named):
    err = bad("parent-meetings", *argv)
    assert named in err
