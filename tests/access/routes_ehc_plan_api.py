"""Access cases for the EHC plan API (see routes_ehc_plan_world.py for Jordan's plan).

Jordan's versions are read by Northshire's SEND team, Hillside's SENCO (his school), Jordan
himself (north_young_person) and the Northshire EP, whose advice is in the plan. The list
answers everyone signed in, each with what they may see (often nothing).
"""

from tests.access.cases import EVERYONE, NORTH_LA, UNAUTHENTICATED, Case

JORDAN_PLAN_READERS = NORTH_LA | {"hill_senco", "north_young_person", "north_ep"}


def _api(name, allow, **kwargs):
    return Case(f"api:{name}", frozenset(allow), anonymous=UNAUTHENTICATED, **kwargs)


def _version(key):
    return lambda world: {"version_id": world[key].pk}


EHC_PLAN_API_CASES: list[Case] = [
    _api("ehc_plan_version_list", EVERYONE, note="lists only what the person may read"),
    _api("ehc_plan_version_get", JORDAN_PLAN_READERS, kwargs=_version("jordan_final_plan")),
    _api(
        "ehc_plan_version_get",
        JORDAN_PLAN_READERS - {"hill_senco"},
        kwargs=_version("jordan_served_draft"),
        note="a draft (served to Jordan, now superseded) is not the school's to read",
    ),
]
