"""A school's own terms: every problem named with the date to correct (CoP 6.65 counts by term).

`term_problems` is the one check behind `check_terms` (the command line) and the school's
term-dates page, which puts each problem next to the date box it concerns.
"""

from datetime import date

import pytest

from opensend.law.dates import academic_year_of
from opensend.law.errors import LawInputError
from opensend.law.meetings import Term, check_terms, term_problems


def terms_2026(**changes: tuple[date, date]) -> list[Term]:
    dates = {
        "autumn": (date(2026, 9, 2), date(2026, 12, 18)),
        "spring": (date(2027, 1, 5), date(2027, 3, 26)),
        "summer": (date(2027, 4, 12), date(2027, 7, 21)),
        **changes,
    }
    return [Term(name, start, end) for name, (start, end) in dates.items()]


def where(problems) -> list[tuple[str, str, str]]:
    return [(problem.term, problem.part, problem.kind) for problem in problems]


def test_a_real_school_year_has_no_problems():
    assert term_problems(2026, terms_2026()) == ()


def test_terms_may_be_given_in_any_order_and_any_case():
    autumn, spring, summer = terms_2026()
    terms = [
        Term("SUMMER", summer.start, summer.end),
        Term(" Autumn", autumn.start, autumn.end),
        spring,
    ]
    assert term_problems(2026, terms) == ()
    assert [term.name for term in check_terms(2026, terms)] == ["autumn", "spring", "summer"]


def test_a_missing_or_repeated_term_is_a_problem_with_the_list_itself():
    autumn, spring, _ = terms_2026()
    for terms in (
        [autumn, spring],
        [autumn, spring, spring],
        [*terms_2026(), Term("winter", autumn.start, autumn.end)],
    ):
        problems = term_problems(2026, terms)
        assert where(problems) == [("", "", "names")]


def test_a_term_ending_before_it_starts_blames_its_last_day():
    problems = term_problems(2026, terms_2026(spring=(date(2027, 3, 26), date(2027, 1, 5))))
    assert ("spring", "end", "ends_before_start") in where(problems)


def test_a_term_outside_the_academic_year_blames_the_date_outside():
    problems = term_problems(
        2026,
        terms_2026(
            autumn=(date(2026, 8, 27), date(2026, 12, 18)),
            summer=(date(2027, 4, 12), date(2027, 9, 1)),
        ),
    )
    assert where(problems) == [
        ("autumn", "start", "start_outside_year"),
        ("summer", "end", "end_outside_year"),
    ]


def test_the_first_and_last_days_of_the_academic_year_are_inside_it():
    terms = terms_2026(
        autumn=(date(2026, 9, 1), date(2026, 12, 18)),
        summer=(date(2027, 4, 12), date(2027, 8, 31)),
    )
    assert term_problems(2026, terms) == ()


def test_overlapping_terms_blame_the_later_term_and_name_the_earlier():
    problems = term_problems(2026, terms_2026(spring=(date(2026, 12, 18), date(2027, 3, 26))))
    assert where(problems) == [("spring", "start", "overlaps")]
    assert problems[0].after == "autumn"


def test_terms_out_of_order_are_reported_as_overlaps():
    problems = term_problems(
        2026,
        terms_2026(
            autumn=(date(2027, 4, 12), date(2027, 7, 21)),
            summer=(date(2026, 9, 2), date(2026, 12, 18)),
        ),
    )
    assert ("spring", "start", "overlaps") in where(problems)
    assert ("summer", "start", "overlaps") in where(problems)


def test_every_problem_is_found_not_only_the_first():
    problems = term_problems(
        2026,
        terms_2026(
            autumn=(date(2026, 8, 1), date(2026, 12, 18)),
            spring=(date(2026, 12, 1), date(2027, 3, 26)),
        ),
    )
    assert where(problems) == [
        ("autumn", "start", "start_outside_year"),
        ("spring", "start", "overlaps"),
    ]


def test_check_terms_raises_the_first_problem_for_the_command_line():
    terms = terms_2026(autumn=(date(2026, 8, 1), date(2026, 12, 18)))
    with pytest.raises(LawInputError) as error:
        check_terms(2026, terms)
    assert error.value.option == "--term"
    assert error.value.message == term_problems(2026, terms)[0].message


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2026, 9, 1), 2026),
        (date(2026, 12, 31), 2026),
        (date(2027, 1, 1), 2026),
        (date(2027, 8, 31), 2026),
        (date(2027, 9, 1), 2027),
    ],
)
def test_academic_year_of_starts_on_1_september(day, year):
    assert academic_year_of(day) == year
