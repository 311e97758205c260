"""Shared test data for the provision map: Oakfield's real 2026 to 2027 term dates and pupils.

Time is frozen on Monday 7 September 2026, the first full week of the autumn term.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine

from opensend.organisations.services import closure_day_add, school_terms_set
from opensend.people.models import Child, Enrolment
from opensend.provision.services import intervention_create
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start

TODAY = date(2026, 9, 7)  # Monday, autumn term 2026

# Oakfield's terms as a school would set them, with half terms and a bank holiday recorded as
# closure days inside the terms (the way OpenSEND's term-dates page records them).
AUTUMN = (date(2026, 9, 2), date(2026, 12, 18))
SPRING = (date(2027, 1, 4), date(2027, 3, 26))
SUMMER = (date(2027, 4, 12), date(2027, 7, 21))


def _week(monday: date) -> list[date]:
    return [monday + timedelta(days=offset) for offset in range(5)]


CLOSURES = [
    *_week(date(2026, 10, 26)),  # autumn half term
    *_week(date(2027, 2, 15)),  # spring half term
    date(2027, 5, 3),  # early May bank holiday
    *_week(date(2027, 5, 31)),  # summer half term
]


@pytest.fixture
def frozen():
    with time_machine.travel("2026-09-07 10:00 +01:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def ticking():
    # Ticking, so sign-in and sessions behave; the day stays 7 September 2026 for the test.
    with time_machine.travel("2026-09-07 09:00 +01:00", tick=True) as traveller:
        yield traveller


def set_oak_terms(demo) -> None:
    school_terms_set(
        actor=demo["oak_head"],
        school=demo["north_oak"],
        academic_year=2026,
        terms={"autumn": AUTUMN, "spring": SPRING, "summer": SUMMER},
    )
    for day in CLOSURES:
        closure_day_add(actor=demo["oak_head"], school=demo["north_oak"], day=day, reason="Closed")


@pytest.fixture
def oak_terms(demo):
    set_oak_terms(demo)


def reading_group(demo, **overrides):
    """A reading group: 2.5 staff hours a week at £18.50 an hour, £30 of books a term."""
    values = {
        "actor": demo["oak_senco"],
        "school": demo["north_oak"],
        "name": "Reading catch-up group",
        "staff": "TA (Mrs Hassan)",
        "hours_per_week": Decimal("2.5"),
        "hourly_cost": Decimal("18.50"),
        "other_costs_per_term": Decimal("30"),
        "start": AUTUMN[0],
    }
    return intervention_create(**{**values, **overrides})


_counter = {"n": 0}


def open_plan(demo, child=None, *, active=True, outcomes=("Read 40 common words",)):
    """An open support plan at Oak for `child` (a new pupil on roll there if None)."""
    if child is None:
        _counter["n"] += 1
        n = _counter["n"]
        child = Child.objects.create(
            first_name=f"Pupil{n}",
            last_name=f"Test{n:03d}",
            date_of_birth=date(2018, 1, 1),
            home_local_authority=demo["north_la"],
        )
        Enrolment.objects.create(
            child=child, school=demo["north_oak"], year_group="3", start=date(2025, 9, 3)
        )
    senco = demo["oak_senco"]
    plan = support_plan_start(
        actor=senco,
        child=child,
        school=demo["north_oak"],
        review_due=date(2026, 12, 11),
        today=TODAY,
    )
    for text in outcomes:
        outcome_add(actor=senco, plan=plan, description=text)
    if active:
        plan = support_plan_activate(actor=senco, plan=plan)
    return plan
