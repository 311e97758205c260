"""The census check: counts, the pupils whose SEN data would fail the census, and the fixes."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from opensend.people.census import (
    NO_PRIMARY_NEED,
    census_problems_for_school,
    next_spring_census_day,
    pupil_problems,
    spring_census_day,
)
from opensend.people.models import Child, Enrolment, Need, SenStatus
from tests.people.test_views import make_child, page
from tests.queries import assert_constant_queries

EMPTY_STATE = "No problems found: every pupil's SEN data passes the census rules"


def census_url(demo, **query) -> str:
    url = reverse("census_check", args=[demo["north_oak"].pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


@pytest.mark.parametrize(
    ("year", "day"),
    [(2027, date(2027, 1, 21)), (2026, date(2026, 1, 15)), (2025, date(2025, 1, 16))],
)
def test_spring_census_day_is_the_third_thursday_of_january(year, day):
    assert spring_census_day(year) == day
    assert day.weekday() == 3


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 27), date(2027, 1, 21)),
        (date(2026, 1, 15), date(2026, 1, 15)),
        (date(2026, 1, 16), date(2027, 1, 21)),
        (date(2025, 1, 1), date(2025, 1, 16)),
    ],
)
def test_next_spring_census_day_is_on_or_after_today(today, expected):
    assert next_spring_census_day(today) == expected


def test_clean_school_shows_the_empty_state(signed_in, demo):
    html = page(signed_in("oak_senco").get(census_url(demo)))
    assert EMPTY_STATE in html
    assert "Patel, Leo" not in html


def test_pupil_on_sen_support_with_no_needs_is_listed_with_the_needs_fix(signed_in, demo):
    child = make_child(demo["north_oak"], "K", (), first_name="Noneed")
    html = page(signed_in("oak_senco").get(census_url(demo)))
    assert EMPTY_STATE not in html
    assert f"{child.last_name}, Noneed" in html
    assert "need a primary type of need for the spring census" in html
    assert reverse("child_needs", args=[child.pk]) in html
    assert reverse("child_sen_status", args=[child.pk]) not in html


def test_every_kind_of_problem_is_found(demo):
    school = demo["north_oak"]
    no_status = Child.objects.create(
        first_name="Nostatus",
        last_name="Aaa",
        date_of_birth=date(2016, 1, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(child=no_status, school=school, year_group="4", start=date(2025, 9, 1))
    n_with_needs = make_child(school, "N", (("SPLD", 1),), first_name="Nwithneeds")
    nsa_with_e = make_child(school, "E", (("NSA", 1),), first_name="Nsaplan")
    legacy = make_child(school, "K", (("BESD", 1),), first_name="Legacy")
    statement = make_child(school, "K", (), first_name="Statement")
    SenStatus.objects.filter(child=statement).update(provision="S")
    two_primaries = make_child(school, "K", (("SPLD", 1),), first_name="Twoprimaries")
    # The database refuses a second open primary; an older import could leave one behind.
    Need.objects.filter(child=two_primaries).update(rank=2)
    Need.objects.create(child=two_primaries, code="HI", rank=1, start=date(2025, 9, 1))
    rows = {
        row.child.pk: [p.message for p in row.problems]
        for row in census_problems_for_school(demo["oak_senco"], school, date(2027, 1, 21))
    }
    assert any("No SEN provision is recorded" in m for m in rows[no_status.pk])
    assert rows[n_with_needs.pk] == ["Types of need are recorded only for pupils coded E or K"]
    assert rows[nsa_with_e.pk] == ["NSA is only for pupils on SEN support (K)"]
    assert any("BESD is no longer used" in m for m in rows[legacy.pk])
    assert any("S (Statement" in m for m in rows[statement.pk])
    assert demo["ava"].pk not in rows and demo["leo"].pk not in rows
    assert two_primaries.pk not in rows  # ranks 1 and 2 now: passes
    assert len(rows) == 5


def test_two_primary_needs_are_reported():
    class Fake:
        open_statuses = [SenStatus(provision="K")]
        open_needs = [Need(code="SPLD", rank=1), Need(code="HI", rank=1)]

    _, problems = pupil_problems(Fake(), date(2027, 1, 21))
    assert [p.message for p in problems] == ["Only one need can be ranked 1 (the primary need)"]


def test_sen_support_without_a_primary_need_is_a_census_problem(demo):
    child = make_child(demo["north_oak"], "E", (("HI", 2),))
    rows = census_problems_for_school(demo["oak_senco"], demo["north_oak"], date(2027, 1, 21))
    assert [(row.child, row.problems) for row in rows] == [(child, [NO_PRIMARY_NEED])]


def test_counts_by_provision_and_primary_need(signed_in, demo):
    school = demo["north_oak"]
    make_child(school, "K", (("SPLD", 1), ("HI", 2)))
    make_child(school, "N", ())
    make_child(school, "N", ())
    html = page(signed_in("oak_senco").get(census_url(demo)))
    assert 'id="provision-E">1<' in html  # Ava
    assert 'id="provision-K">2<' in html  # Leo and one more
    assert 'id="provision-N">2<' in html
    assert "5 pupils on roll" in html
    # The needs chart and its table: SPLD 2 (Leo, the new pupil), ASD 1 (Ava); HI is not primary.
    assert "Pupils by primary need" in html
    assert 'role="img"' in html
    assert "Highest: Specific learning difficulty, 2." in html


@time_machine.travel("2026-11-27 10:00", tick=False)
def test_the_next_spring_census_day_is_checked_by_default(signed_in, demo):
    html = page(signed_in("oak_senco").get(census_url(demo)))
    assert "Thursday 21 January 2027" in html


def test_a_census_date_can_be_asked_for(signed_in, demo):
    # Down syndrome is a type of need only from the January 2025 census.
    make_child(demo["north_oak"], "K", (("DS", 1),), first_name="Downs")
    client = signed_in("oak_senco")
    earlier = page(client.get(census_url(demo, date="2024-01-18")))
    assert "Thursday 18 January 2024" in earlier
    assert "DS can only be used from January 2025" in earlier
    later = page(client.get(census_url(demo, date="2025-01-16")))
    assert EMPTY_STATE in later


def test_a_bad_census_date_is_a_clear_error(signed_in, demo):
    html = page(signed_in("oak_senco").get(census_url(demo, date="2027-02-30")))
    assert "There is a problem" in html
    assert "Enter the census date as a real date in the format YYYY-MM-DD" in html
    assert "govuk-input--error" in html
    assert 'value="2027-02-30"' in html


def test_teacher_sees_the_problems_without_fix_links(signed_in, demo):
    child = make_child(demo["north_oak"], "K", (), first_name="Noneed")
    html = page(signed_in("oak_teacher").get(census_url(demo)))
    assert "need a primary type of need for the spring census" in html
    assert reverse("child_needs", args=[child.pk]) not in html
    assert reverse("child_sen_status", args=[child.pk]) not in html


def test_no_status_links_to_the_sen_status_fix(signed_in, demo):
    school = demo["north_oak"]
    child = Child.objects.create(
        first_name="Nostatus",
        last_name="Aaa",
        date_of_birth=date(2016, 1, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(child=child, school=school, year_group="4", start=date(2025, 9, 1))
    html = page(signed_in("oak_head").get(census_url(demo)))
    assert reverse("child_sen_status", args=[child.pk]) in html


def test_the_register_links_to_the_census_check(signed_in, demo):
    html = page(signed_in("oak_teacher").get(reverse("register", args=[demo["north_oak"].pk])))
    assert census_url(demo) in html


def test_the_census_check_runs_a_constant_number_of_queries(signed_in, demo):
    client = signed_in("oak_senco")

    def grow():
        for _ in range(3):
            make_child(demo["north_oak"], "K", ())
            make_child(demo["north_oak"], "E", (("ASD", 1), ("HI", 2)))
            make_child(demo["north_oak"], "N", (("SPLD", 1),))

    assert_constant_queries(lambda: page(client.get(census_url(demo))), grow)
