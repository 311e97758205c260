"""Access cases for the provision map (see cases.py for the format).

Rules shown here (opensend.provision.selectors and .services):
- a school's staff and governors see its provision map and interventions (governors without
  pupils' names); only its SENCO and head add, change or fill interventions (teachers, TAs and
  governors get 403 on a change page, everyone else 404);
- the LA, families, professionals and other schools see nothing of a school's provision map.

The world's Oak intervention ("oak_intervention") has Leo in it. Every POST sends an empty form:
it is shown again with errors (200) to the SENCO and head, and nothing changes.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tests.access.cases import OAK_ALL, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})
RIVER_ALL = frozenset({"river_senco", "river_teacher", "river_head", "river_governor"})
SCHOOL_PEOPLE = OAK_ALL | RIVER_ALL | {"hill_senco", "moor_senco"}


def oak_intervention_with_leo(demo):
    """A reading group at Oak, with Leo (who has an open support plan there) in it."""
    from opensend.provision.services import intervention_create, intervention_pupils_add
    from opensend.support.models import OPEN_STATUSES, SupportPlan

    today = timezone.localdate()
    intervention = intervention_create(
        actor=demo["oak_senco"],
        school=demo["north_oak"],
        name="Reading catch-up group",
        staff="TA (Mrs Hassan)",
        hours_per_week=Decimal("2.5"),
        hourly_cost=Decimal("18.50"),
        max_pupils=6,
        start=today - timedelta(days=30),
    )
    plan = SupportPlan.objects.get(
        child=demo["leo"], school=demo["north_oak"], status__in=OPEN_STATUSES
    )
    intervention_pupils_add(
        actor=demo["oak_senco"], intervention=intervention, plans=[plan], start=today
    )
    return intervention


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _intervention(world):
    return {"intervention_id": world["oak_intervention"].pk}


def _leo_place(world):
    intervention = world["oak_intervention"]
    return {
        "intervention_id": intervention.pk,
        "provision_id": intervention.provisions.get(plan__child=world["leo"]).pk,
    }


PROVISION_CASES: list[Case] = [
    Case("provision_index", SCHOOL_PEOPLE, note="redirects to the person's school's map"),
    Case("provision_map", OAK_ALL, kwargs=_school("north_oak")),
    Case("provision_map", OAK_ALL, kwargs=_school("north_oak"), data=lambda w: {"year": "2027"}),
    Case(
        "provision_map",
        OAK_ALL,
        kwargs=_school("north_oak"),
        data=lambda w: {"year": "twenty"},
        note="a bad year: the map again with a message",
    ),
    Case("provision_map", RIVER_ALL, kwargs=_school("south_river")),
    Case("provision_map_csv", OAK_ALL, kwargs=_school("north_oak")),
    Case("intervention_create", OAK_EDITORS, kwargs=_school("north_oak")),
    Case("intervention_create", OAK_EDITORS, kwargs=_school("north_oak"), method="post"),
    Case("intervention_detail", OAK_ALL, kwargs=_intervention, note="governors: no names"),
    Case("intervention_edit", OAK_EDITORS, kwargs=_intervention),
    Case("intervention_edit", OAK_EDITORS, kwargs=_intervention, method="post"),
    Case("intervention_pupils_add", OAK_EDITORS, kwargs=_intervention),
    Case("intervention_pupils_add", OAK_EDITORS, kwargs=_intervention, method="post"),
    Case("intervention_pupil_end", OAK_EDITORS, kwargs=_leo_place),
    Case("intervention_pupil_end", OAK_EDITORS, kwargs=_leo_place, method="post"),
]
