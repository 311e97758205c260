"""The workload pages: a school's workforce home and the council's table.

Who sees what (DESIGN "Who sees what"): the SENCO and head see every figure and key workers by
name; governors the same figures in aggregate, no one named, counts of pupils under 5 hidden;
a council's SEND team one row per school in its own area; everyone else 404. Time is frozen on
Monday 2 November 2026.
"""

from datetime import date, datetime

import pytest
from django.urls import reverse

from opensend.workforce import workload_views
from opensend.workforce.models import Job, SessionStatus, TrainingAttendance
from tests.queries import assert_constant_queries
from tests.workforce.workload_fixtures import (
    allocate,
    appointment,
    build_oak,
    member,
    new_school,
    policy,
    pupil,
    session,
    time_record,
)

WORKER_NAMES = ("Amira Hassan", "James Turner")


@pytest.fixture
def oak_built(demo, oak_staff, frozen):
    return build_oak(demo, oak_staff)


def _school_url(demo, key="north_oak"):
    return reverse("workforce_school", args=[demo[key].pk])


# --- access --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("oak_senco", 200),
        ("oak_head", 200),
        ("oak_governor", 200),
        ("oak_teacher", 404),
        ("oak_ta", 404),
        ("north_parent", 404),
        ("north_young_person", 404),
        ("river_senco", 404),
        ("river_governor", 404),
        ("north_caseworker", 404),
        ("north_ep", 404),
    ],
)
def test_who_sees_a_schools_workload(signed_in, demo, frozen, persona, status):
    assert signed_in(persona).get(_school_url(demo)).status_code == status


def test_a_school_that_does_not_exist_is_404(signed_in, frozen):
    url = reverse("workforce_school", args=["00000000-0000-0000-0000-000000000000"])
    assert signed_in("oak_senco").get(url).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, demo, frozen):
    response = client.get(_school_url(demo))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["oak_senco", "oak_governor"])
def test_the_menu_link_goes_straight_to_the_only_school(signed_in, demo, frozen, persona):
    response = signed_in(persona).get(reverse("workforce_index"))
    assert response.status_code == 302
    assert response["Location"] == _school_url(demo)


@pytest.mark.parametrize("persona", ["oak_teacher", "north_parent", "north_manager"])
def test_the_menu_link_is_404_without_a_school(signed_in, frozen, persona):
    assert signed_in(persona).get(reverse("workforce_index")).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("north_caseworker", 200),
        ("north_manager", 200),
        ("south_manager", 200),
        ("oak_senco", 404),
        ("oak_head", 404),
        ("oak_governor", 404),
        ("oak_teacher", 404),
        ("north_parent", 404),
        ("north_ep", 404),
    ],
)
def test_who_sees_the_councils_table(signed_in, frozen, persona, status):
    assert signed_in(persona).get(reverse("workforce_la")).status_code == status


# --- the school's page ---------------------------------------------------------------------------


def test_the_senco_sees_every_figure_and_the_key_workers_by_name(signed_in, demo, oak_built):
    response = signed_in("oak_senco").get(_school_url(demo))
    page = response.content.decode()
    workload = response.context["workload"]
    assert response.context["manager"] is True
    assert (workload.on_register, workload.senco_hours, workload.pupils_per_hour) == (6, 12, 0.5)
    for name in WORKER_NAMES:
        assert name in page
    assert "5 on SEN support, 1 with an EHC plan" in page
    assert "Not all passed" in page
    for url_name in (
        "workforce_staff",
        "workforce_senco_time",
        "workforce_key_workers",
        "workforce_training",
        "workforce_briefing",
        "workforce_policies",
    ):
        assert reverse(url_name, args=[demo["north_oak"].pk]) in page
    assert "Over capacity" not in page and "Full" in page  # Amira: 5 of 5 hours
    assert "Pupils per SENCO hour, by term" in page
    assert "Training sessions inside and outside directed time, by term" in page


def test_a_governor_sees_numbers_without_names_or_small_counts(signed_in, demo, oak_built):
    response = signed_in("oak_governor").get(_school_url(demo))
    page = response.content.decode()
    assert response.context["manager"] is False
    for name in WORKER_NAMES + ("Sarah Collins",):
        assert name not in page
    governor = response.context["governor"]
    assert governor["on_register"] == 6
    assert governor["sen_support"] == 5
    assert governor["ehc_plans"] is None  # one pupil with a plan: hidden
    assert "fewer than 5 with an EHC plan" in page
    assert governor["key_work_children"] is None  # 3 children
    assert governor["largest_caseload"] is None
    assert governor["average_caseload"] is None  # would give the 3 away
    assert "Not shown: fewer than 5 children" in page
    oak_pk = demo["north_oak"].pk
    assert reverse("workforce_senco_time", args=[oak_pk]) in page
    assert reverse("workforce_policies", args=[oak_pk]) in page
    for url_name in ("workforce_staff", "workforce_key_workers", "workforce_training"):
        assert reverse(url_name, args=[oak_pk]) not in page


def test_a_governor_sees_no_ratio_when_the_register_is_small(
    client, signed_in, demo, oak_staff, frozen
):
    time_record(oak_staff["oak_senco"], 2026, "autumn", senco_hours=4, pupils=(1, 1))
    response = signed_in("oak_governor").get(_school_url(demo))
    assert response.context["governor"]["pupils_per_hour"] is None
    assert "Not shown: fewer than 5 pupils" in response.content.decode()
    ratio_chart = response.context["charts"][0]
    assert ratio_chart.is_empty  # the one term held 2 pupils
    client.logout()
    senco_view = signed_in("oak_senco").get(_school_url(demo))
    assert [row.display for row in senco_view.context["charts"][0].rows] == ["0.5"]


def test_an_empty_school_page_says_what_to_do(signed_in, demo, oak, frozen):
    page = signed_in("oak_senco").get(_school_url(demo)).content.decode()
    assert "Record this term&#x27;s SENCO time" in page or "Record this term's SENCO time" in page
    assert "No one is recorded as a key worker yet." in page


def test_the_school_page_takes_the_same_queries_however_many_records(
    client, signed_in, demo, oak_built
):
    oak = demo["north_oak"]
    senco = signed_in("oak_senco")
    serial = iter(range(100))

    def grow():
        n = next(serial)
        senco = member(oak, f"Extra Senco {n}", Job.SENCO, hours=3)
        time_record(senco, 2026, "autumn", senco_hours=2, pupils=(6, 1))
        time_record(senco, 2025, "summer", senco_hours=2, pupils=(6, 1))
        appointment(senco, due_on=date(2027, 1, 1))
        allocate(senco, pupil(oak), 1)
        held = session(oak, datetime(2026, 9, 20 + n, 9), status=SessionStatus.HELD, briefing=True)
        TrainingAttendance.objects.create(session=held, staff=senco)
        session(oak, datetime(2026, 3, 1 + n, 18), inside=False)
        policy(oak, date(2026, 10, 1 + n))

    url = _school_url(demo)
    assert_constant_queries(lambda: senco.get(url), grow)
    client.logout()
    governor = signed_in("oak_governor")
    assert_constant_queries(lambda: governor.get(url), grow)


# --- the council's page --------------------------------------------------------------------------


def test_a_council_sees_only_the_schools_in_its_area(client, signed_in, demo, oak_built):
    north = signed_in("north_manager").get(reverse("workforce_la"))
    names = [w.school.name for w in north.context["page"].object_list]
    assert sorted(names) == ["Hillside Academy", "Oakfield Primary School"]
    client.logout()
    south = signed_in("south_manager").get(reverse("workforce_la"))
    names = [w.school.name for w in south.context["page"].object_list]
    assert sorted(names) == ["Moorgate High School", "Riverside Primary School"]
    assert "Oakfield" not in south.content.decode()


def test_the_councils_table_puts_the_most_stretched_first(signed_in, demo, oak_built):
    hill_senco = member(demo["north_hill"], "Mark Evans", Job.SENCO)
    time_record(hill_senco, 2026, "autumn", senco_hours=1, pupils=(1, 1))
    client = signed_in("north_caseworker")
    response = client.get(reverse("workforce_la"))
    rows = response.context["page"].object_list
    assert [(w.school.name, w.pupils_per_hour) for w in rows] == [
        ("Hillside Academy", 2),
        ("Oakfield Primary School", 0.5),
    ]
    totals = response.context["totals"]
    assert (totals.senco_hours, totals.pupils, totals.policies_overdue) == (13, 8, 1)
    page = response.content.decode()
    assert 'aria-sort="descending"' in page
    assert "Pupils per SENCO hour at the median school, by term" in page

    by_name = client.get(reverse("workforce_la"), {"sort": "name"}).context["page"].object_list
    assert [w.school.name for w in by_name] == ["Hillside Academy", "Oakfield Primary School"]
    by_policies = client.get(reverse("workforce_la"), {"sort": "-policies"})
    assert by_policies.context["page"].object_list[0].school.name == "Oakfield Primary School"
    nonsense = client.get(reverse("workforce_la"), {"sort": "drop table"})
    assert nonsense.status_code == 200
    assert nonsense.context["page"].object_list[0].school.name == "Hillside Academy"


def test_the_councils_table_pages_through_many_schools(signed_in, demo, frozen, monkeypatch):
    monkeypatch.setattr(workload_views, "LA_PAGE_SIZE", 1)
    client = signed_in("north_manager")
    second = client.get(reverse("workforce_la"), {"page": 2, "sort": "name"})
    assert [w.school.name for w in second.context["page"].object_list] == [
        "Oakfield Primary School"
    ]
    assert second.context["totals"].schools == 2  # totals cover the whole area


def test_the_councils_table_takes_the_same_queries_however_many_schools(signed_in, demo, frozen):
    north = demo["north_la"]
    client = signed_in("north_manager")
    serial = iter(range(100))

    def grow():
        n = next(serial)
        school = new_school(north, f"Grown School {n}")
        senco = member(school, f"Senco {n}", Job.SENCO, hours=2)
        time_record(senco, 2026, "autumn", senco_hours=3, pupils=(4, 2))
        time_record(senco, 2025, "spring", senco_hours=3, pupils=(4, 2))
        appointment(senco, due_on=date(2026, 12, 1))
        pupil(school)
        allocate(senco, pupil(school), 1)
        session(school, datetime(2026, 10, 5, 18), inside=False)
        policy(school, date(2026, 9, 1))

    assert_constant_queries(lambda: client.get(reverse("workforce_la")), grow)


def test_sort_headers_say_what_the_next_order_is():
    header = workload_views._sort_header
    assert header("-ratio", "ratio") == {
        "aria": "descending",
        "next": "ratio",
        "words": "smallest first",
    }
    assert header("-ratio", "hours")["next"] == "-hours"
    assert header("-ratio", "name") == {"aria": "none", "next": "name", "words": "A to Z"}
    assert header("name", "name")["words"] == "Z to A"
    assert header("-ratio", "checks")["words"] == "checks not passed first"


def test_the_councils_table_sorts_failed_checks_first(signed_in, demo, oak_built):
    hill_senco = member(demo["north_hill"], "Mark Evans", Job.SENCO)
    time_record(hill_senco, 2026, "autumn", senco_hours=1, pupils=(1, 1))
    response = signed_in("north_manager").get(reverse("workforce_la"), {"sort": "checks"})
    assert [w.checks for w in response.context["page"].object_list] == ["failed", "passed"]


def test_hours_read_as_people_write_them(signed_in, demo, oak_staff, frozen):
    time_record(oak_staff["oak_senco"], 2026, "autumn", senco_hours="12.5")
    page = signed_in("oak_senco").get(_school_url(demo)).content.decode()
    assert "12.5 hours" in page and "12.50" not in page
