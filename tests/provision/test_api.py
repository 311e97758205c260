"""The provision map through /api/v1/: costed by the school's own terms, staff see the pupils,
governors see counts with small numbers hidden, nobody else sees anything, and the map runs a
constant number of queries.

Time is frozen on Monday 2 March 2026, in the spring term of the 2025 to 2026 academic year.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from opensend.api.services import api_token_create
from opensend.organisations.models import SchoolTerm, TermName
from opensend.people.models import Child, Enrolment
from opensend.provision import api as provision_api
from opensend.provision.costs import intervention_term_cost
from opensend.provision.services import intervention_create, intervention_pupils_add
from opensend.support.models import SupportPlan, SupportPlanStatus
from tests.queries import assert_constant_queries
from tests.support.plans import make_active_plan

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}
TERMS_2025 = {
    "autumn": (date(2025, 9, 3), date(2025, 12, 19)),
    "spring": (date(2026, 1, 5), date(2026, 3, 27)),
    "summer": (date(2026, 4, 13), date(2026, 7, 22)),
}


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 10:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def api(client, demo):
    class Api:
        def __init__(self, persona):
            _, token = api_token_create(actor=demo[persona], name="Script")
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        def get(self, url, **params):
            return client.get(f"/api/v1{url}", params, **self.headers)

    return Api


@pytest.fixture
def oak_terms(demo):
    return [
        SchoolTerm.objects.create(
            school=demo["north_oak"], academic_year=2025, name=name, start=start, end=end
        )
        for name, (start, end) in TERMS_2025.items()
    ]


def _group(demo, name="Reading catch-up", **overrides):
    values = {
        "actor": demo["oak_senco"],
        "school": demo["north_oak"],
        "name": name,
        "staff": "TA (Mrs Hassan)",
        "hours_per_week": Decimal("2.5"),
        "hourly_cost": Decimal("18.50"),
        "other_costs_per_term": Decimal("40.00"),
        "start": date(2025, 9, 8),
    }
    return intervention_create(**{**values, **overrides})


@pytest.fixture
def reading(demo, frozen, oak_terms):
    """A reading group at Oak with Leo in it (his plan has three outcomes, none reviewed)."""
    plan, _ = make_active_plan(demo)
    group = _group(demo)
    intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=[plan], start=date(2026, 3, 2)
    )
    return group


def add_pupils(demo, group, count):
    """`count` more pupils on roll at Oak, each with an active plan, put in `group`."""
    oak = demo["north_oak"]
    children = Child.objects.bulk_create(
        Child(
            first_name=f"Pupil{Child.objects.count() + i:04}",
            last_name="Zed",
            date_of_birth=date(2016, 1, 1),
            home_local_authority=oak.local_authority,
        )
        for i in range(count)
    )
    Enrolment.objects.bulk_create(
        Enrolment(child=c, school=oak, year_group="5", start=date(2025, 9, 1)) for c in children
    )
    plans = SupportPlan.objects.bulk_create(
        SupportPlan(
            child=c, school=oak, status=SupportPlanStatus.ACTIVE, review_due=date(2026, 6, 19)
        )
        for c in children
    )
    intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=plans, start=date(2026, 3, 2)
    )


def _ok(response):
    assert response.status_code == 200, response.content
    return response.json()


# The map ---------------------------------------------------------------------------------------


def test_staff_get_the_map_costed_by_the_schools_terms(api, demo, reading, oak_terms):
    body = _ok(api("oak_ta").get(f"/schools/{demo['north_oak'].pk}/interventions"))

    assert (body["academic_year"], body["school_name"]) == (2025, "Oakfield Primary School")
    assert [(t["name"], t["start"]) for t in body["terms"]] == [
        ("autumn", "2025-09-03"),
        ("spring", "2026-01-05"),
        ("summer", "2026-04-13"),
    ]
    assert body["missing_terms"] == []
    [row] = body["interventions"]
    assert (row["id"], row["name"], row["delivery"], row["pupils"]) == (
        str(reading.pk),
        "Reading catch-up",
        "group",
        1,
    )
    expected = [intervention_term_cost(reading, term) for term in oak_terms]
    assert [(c["term"], Decimal(c["cost"])) for c in row["term_costs"]] == list(
        zip(TERMS_2025, expected, strict=True)
    )
    # The autumn term is costed from the group's start, 8 September: 75 teaching days at
    # 2.5 hours a week and £18.50 an hour, plus £40 of other costs.
    assert row["term_costs"][0]["cost"] == "733.75"  # money is a string, to the penny
    assert Decimal(row["total"]) == sum(expected)
    assert [Decimal(c["cost"]) for c in body["term_totals"]] == expected
    assert Decimal(body["total"]) == sum(expected)
    assert (Decimal(row["hours_per_week"]), Decimal(row["hourly_cost"])) == (
        Decimal("2.5"),
        Decimal("18.50"),
    )


def test_a_year_without_term_dates_has_no_costs(api, demo, reading):
    body = _ok(
        api("oak_senco").get(f"/schools/{demo['north_oak'].pk}/interventions", academic_year=2026)
    )
    assert (body["academic_year"], body["terms"], body["term_totals"]) == (2026, [], [])
    [row] = body["interventions"]  # it runs on, with no end
    assert (row["term_costs"], row["total"], body["total"]) == ([], "0.00", "0.00")


def test_terms_not_yet_set_are_named(api, demo, reading):
    SchoolTerm.objects.create(
        school=demo["north_oak"],
        academic_year=2026,
        name="autumn",
        start=date(2026, 9, 2),
        end=date(2026, 12, 18),
    )
    url = f"/schools/{demo['north_oak'].pk}/interventions"
    body = _ok(api("oak_senco").get(url, academic_year=2026))
    assert body["missing_terms"] == ["spring", "summer"]
    assert [c["term"] for c in body["interventions"][0]["term_costs"]] == ["autumn"]


def test_governors_get_the_map_with_small_counts_hidden(api, demo, reading):
    url = f"/schools/{demo['north_oak'].pk}/interventions"
    governor = api("oak_governor")
    [row] = _ok(governor.get(url))["interventions"]
    assert row["pupils"] is None  # one pupil: hidden
    add_pupils(demo, reading, 4)
    [row] = _ok(governor.get(url))["interventions"]
    assert row["pupils"] == 5


def test_an_empty_group_shows_zero_to_governors(api, demo, frozen):
    _group(demo, name="Lego therapy")
    url = f"/schools/{demo['north_oak'].pk}/interventions"
    [row] = _ok(api("oak_governor").get(url))["interventions"]
    assert row["pupils"] == 0


@pytest.mark.parametrize(
    ("persona", "school"),
    [
        ("north_caseworker", "north_oak"),  # a school's spending on SEN support is its own
        ("north_parent", "north_oak"),
        ("river_senco", "north_oak"),
        ("river_governor", "north_oak"),
        ("north_ep", "north_oak"),
        ("oak_senco", "south_river"),
        ("oak_senco", "north_la"),
    ],
)
def test_nobody_else_sees_a_schools_map(api, demo, reading, persona, school):
    response = api(persona).get(f"/schools/{demo[school].pk}/interventions")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize("year", ["1999", "2100", "next"])
def test_a_bad_year_is_a_422_naming_it(api, demo, year):
    response = api("oak_senco").get(
        f"/schools/{demo['north_oak'].pk}/interventions", academic_year=year
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"query.academic_year"}


def test_the_map_runs_a_constant_number_of_queries(api, demo, reading):
    senco = api("oak_senco")
    url = f"/schools/{demo['north_oak'].pk}/interventions"
    names = iter(f"Group {n}" for n in range(100))

    def grow():
        group = _group(demo, name=next(names))
        add_pupils(demo, group, 3)

    assert_constant_queries(lambda: _ok(senco.get(url)), grow)


# One intervention ------------------------------------------------------------------------------


def test_staff_see_the_pupils_in_an_intervention(api, demo, reading):
    body = _ok(api("oak_teacher").get(f"/interventions/{reading.pk}"))

    assert (body["name"], body["school_id"], body["costs"]["academic_year"]) == (
        "Reading catch-up",
        str(demo["north_oak"].pk),
        2025,
    )
    assert [t["term"] for t in body["term_costs"]] == ["autumn", "spring", "summer"]
    assert body["pupil_count"] == 1
    [leo] = body["pupils"]
    assert (leo["child_id"], leo["first_name"], leo["start"], leo["end"]) == (
        str(demo["leo"].pk),
        "Leo",
        "2026-03-02",
        None,
    )
    assert SupportPlan.objects.get(pk=leo["plan_id"]).child == demo["leo"]
    summary = body["outcome_summary"]
    assert (summary["not_reviewed"], summary["pupils_not_reviewed"]) == (3, 1)
    assert [(p["progress"], p["count"]) for p in summary["progress"]] == [
        ("not_started", 0),
        ("some_progress", 0),
        ("good_progress", 0),
        ("achieved", 0),
    ]


def test_governors_see_an_intervention_without_names(api, demo, reading):
    body = _ok(api("oak_governor").get(f"/interventions/{reading.pk}"))
    assert (body["pupils"], body["pupil_count"]) == (None, None)
    summary = body["outcome_summary"]
    assert (summary["not_reviewed"], summary["pupils_not_reviewed"]) == (None, None)
    assert "Leo" not in str(body)
    add_pupils(demo, reading, 4)
    body = _ok(api("oak_governor").get(f"/interventions/{reading.pk}"))
    assert (body["pupils"], body["pupil_count"]) == (None, 5)


@pytest.mark.parametrize("persona", ["north_caseworker", "north_parent", "river_senco"])
def test_nobody_else_sees_an_intervention(api, reading, persona):
    response = api(persona).get(f"/interventions/{reading.pk}")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_an_intervention_runs_a_constant_number_of_queries(api, demo, reading):
    senco = api("oak_senco")
    url = f"/interventions/{reading.pk}"
    assert_constant_queries(lambda: _ok(senco.get(url)), lambda: add_pupils(demo, reading, 3))


def test_the_api_term_names_are_the_models():
    assert set(provision_api.TermCode.__args__) == set(TermName.values)
