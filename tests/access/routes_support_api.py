"""Access cases for the support plan and provision map API operations (see cases.py).

Support plans, as on the pages (routes_support.py): the school's staff read its pupils' plans;
only its SENCO and head change them (teachers and TAs get 403, everyone else 404). Leo is on
SEN support with no statutory case and no parent account, so neither the LA nor north_parent
sees his plans; governors see no named child's plan. A school's list of plans is for its staff.

The provision map, as on the pages (routes_provision.py): a school's staff and governors see
its interventions (governors without names); nobody else does.

Within one persona's run the cases share a database and the page cases run first, so changes
send the plan's version as it stands when they are sent.
"""

from opensend.support.models import SupportPlan
from tests.access.cases import NORTH_LA, OAK_ALL, OAK_STAFF, UNAUTHENTICATED, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})
RIVER_STAFF = frozenset({"river_senco", "river_teacher", "river_head"})
AVA_READERS = OAK_STAFF | NORTH_LA | {"north_parent"}


def _api(name, allow, **kwargs):
    return Case(f"api:{name}", frozenset(allow), anonymous=UNAUTHENTICATED, **kwargs)


def _child(key):
    return lambda world: {"child_id": world[key].pk}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _plan(world):
    return {"plan_id": world["leo_support_plan"].pk}


def _intervention(world):
    return {"intervention_id": world["oak_intervention"].pk}


def _plan_change(world):
    """A real change to Leo's plan, at the version it has now."""
    plan = SupportPlan.objects.get(pk=world["leo_support_plan"].pk)
    return {"version": plan.version, "what_helps": f"{plan.what_helps} Short instructions."}


SUPPORT_API_CASES: list[Case] = [
    # A child's plans: whoever may see the child (Ava has none yet; the list is empty).
    _api("child_support_plan_list", OAK_STAFF, kwargs=_child("leo")),
    _api("child_support_plan_list", AVA_READERS, kwargs=_child("ava")),
    # A school's plans: its staff only.
    _api("school_support_plan_list", OAK_STAFF, kwargs=_school("north_oak")),
    _api("school_support_plan_list", RIVER_STAFF, kwargs=_school("south_river")),
    _api("school_support_plan_list", set(), kwargs=_school("north_la"), note="not a school"),
    _api("support_plan_get", OAK_STAFF, kwargs=_plan),
    # The provision map: the school's staff and governors.
    _api("school_intervention_list", OAK_ALL, kwargs=_school("north_oak")),
    _api(
        "school_intervention_list",
        OAK_ALL,
        kwargs=_school("north_oak"),
        data=lambda world: {"academic_year": 2030},
        note="a year with nothing running: an empty map",
    ),
    _api(
        "school_intervention_list",
        RIVER_STAFF | {"river_governor"},
        kwargs=_school("south_river"),
    ),
    _api("intervention_get", OAK_ALL, kwargs=_intervention, note="governors: counts only"),
    # Changes last: the SENCO or head of the plan's school.
    _api(
        "support_plan_patch",
        OAK_EDITORS,
        kwargs=_plan,
        method="patch",
        data=_plan_change,
        note="oak teacher and TA read the plan but get 403",
    ),
    _api(
        "support_plan_outcome_create",
        OAK_EDITORS,
        kwargs=_plan,
        method="post",
        data=lambda world: {"description": "Write a sentence with a capital letter"},
    ),
]
