"""The school's list of support plans: what is overdue, due, draft, and who has no plan yet.

Time is frozen on Friday 27 November 2026 (autumn term).
"""

from datetime import date, timedelta
from itertools import count

import pytest
import time_machine
from django.urls import reverse

from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.support.selectors import PlanFilter, school_support_plans
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start
from tests.queries import assert_constant_queries

TODAY = date(2026, 11, 27)
_serial = count(1)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-27 16:00", tick=False):
        yield


def pupil_on_support(demo, year_group="4") -> Child:
    n = next(_serial)
    child = Child.objects.create(
        first_name=f"Pupil{n}",
        last_name=f"Listed{n:03d}",
        date_of_birth=date(2017, 5, 1),
        home_local_authority=demo["north_la"],
    )
    Enrolment.objects.create(
        child=child, school=demo["north_oak"], year_group=year_group, start=date(2025, 9, 3)
    )
    SenStatus.objects.create(
        child=child,
        school=demo["north_oak"],
        provision=Provision.SEN_SUPPORT,
        start=date(2025, 10, 1),
    )
    return child


def plan_for(demo, child, *, review_due, active=True):
    senco = demo["oak_senco"]
    plan = support_plan_start(
        actor=senco, child=child, school=demo["north_oak"], review_due=review_due, today=TODAY
    )
    outcome_add(actor=senco, plan=plan, description="Read 40 common words")
    return support_plan_activate(actor=senco, plan=plan) if active else plan


def overdue(demo, plan):
    """Make an active plan's review date fall in the past (the service refuses past dates)."""
    type(plan).objects.filter(pk=plan.pk).update(review_due=TODAY - timedelta(days=3))


@pytest.fixture
def plans(demo):
    later = plan_for(demo, pupil_on_support(demo), review_due=date(2027, 2, 12))
    soon = plan_for(demo, pupil_on_support(demo, "6"), review_due=date(2026, 12, 4))
    late = plan_for(demo, pupil_on_support(demo), review_due=date(2026, 12, 18))
    overdue(demo, late)
    draft = plan_for(demo, pupil_on_support(demo), review_due=date(2027, 1, 29), active=False)
    return {"later": later, "soon": soon, "late": late, "draft": draft}


def test_plans_are_listed_soonest_review_first_with_counts(demo, plans):
    overview = school_support_plans(demo["oak_senco"], demo["north_oak"], today=TODAY)
    assert [row.plan for row in overview.rows] == [
        plans["late"],
        plans["soon"],
        plans["draft"],
        plans["later"],
    ]
    assert overview.counts == {"all": 4, "overdue": 1, "due": 2, "draft": 1}
    soon = overview.rows[1]
    assert (soon.year_group, soon.days_to_review, soon.is_due, soon.is_overdue) == (
        "Year 6",
        7,
        True,
        False,
    )


@pytest.mark.parametrize(
    "show, expected",
    [
        (PlanFilter.OVERDUE, ["late"]),
        (PlanFilter.DUE, ["late", "soon"]),
        (PlanFilter.DRAFT, ["draft"]),
    ],
)
def test_the_list_filters_by_what_needs_doing(demo, plans, show, expected):
    overview = school_support_plans(demo["oak_senco"], demo["north_oak"], today=TODAY, show=show)
    assert [row.plan for row in overview.rows] == [plans[key] for key in expected]


def test_pupils_on_sen_support_without_a_plan_are_listed(demo, plans):
    waiting = pupil_on_support(demo)
    overview = school_support_plans(demo["oak_teacher"], demo["north_oak"], today=TODAY)
    names = {child.pk for child in overview.without_plan}
    assert waiting.pk in names
    assert demo["leo"].pk in names  # on SEN support at Oak, no plan in the demo
    assert not names & {plan.child_id for plan in plans.values()}


def test_other_schools_and_governors_get_nothing(demo, plans):
    for persona in ("river_senco", "oak_governor", "north_caseworker"):
        overview = school_support_plans(demo[persona], demo["north_oak"], today=TODAY)
        assert (overview.rows, overview.without_plan) == ([], [])


def test_the_page_shows_overdue_and_due_plans_and_offers_a_start(demo, plans, signed_in):
    client = signed_in("oak_senco")
    url = reverse("school_support_plans", args=[demo["north_oak"].pk])
    html = client.get(url + "?show=due").content.decode()
    assert "Overdue" in html and "Due in 7 days" in html
    assert plans["later"].child.full_name not in html
    assert reverse("support_plan_start", args=[demo["leo"].pk]) in html


def test_a_mistyped_filter_shows_every_plan(demo, plans, signed_in):
    client = signed_in("oak_senco")
    url = reverse("school_support_plans", args=[demo["north_oak"].pk])
    response = client.get(url + "?show=<script>")
    assert response.status_code == 200
    assert plans["later"].child.full_name in response.content.decode()


def test_teachers_read_the_list_but_are_not_offered_a_start(demo, plans, signed_in):
    client = signed_in("oak_teacher")
    html = client.get(reverse("school_support_plans", args=[demo["north_oak"].pk])).content
    assert reverse("support_plan_start", args=[demo["leo"].pk]).encode() not in html


def test_the_page_runs_the_same_queries_however_many_plans(demo, signed_in):
    client = signed_in("oak_senco")
    url = reverse("school_support_plans", args=[demo["north_oak"].pk])

    def grow():
        plan_for(demo, pupil_on_support(demo), review_due=date(2027, 1, 15))
        pupil_on_support(demo)

    grow()  # one of each to start with: an empty list skips its prefetch
    assert_constant_queries(lambda: client.get(url), grow)


def test_the_senco_home_page_says_how_many_reviews_are_due(demo, plans, signed_in):
    client = signed_in("oak_senco")
    html = client.get(reverse("home")).content.decode()
    due_link = reverse("school_support_plans", args=[demo["north_oak"].pk]) + "?show=due"
    assert f'href="{due_link}">2 reviews due within two weeks</a>' in html
    assert "1 overdue" in html
