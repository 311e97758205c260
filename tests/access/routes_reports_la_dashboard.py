"""Access cases for the council's SEND dashboard and the cases behind its figures (issue 12
item 1), and the record they are tried on.

Rules: the dashboard and its drill-down are for the council's SEND team (Northshire's
caseworker and manager for Northshire, Southmoor's for Southmoor). The drill-down names
children. Everyone else gets 404: the other council's team, schools (governors included),
families, professionals and providers; anonymous visitors are sent to sign in.
"""

from datetime import date

from opensend.people.models import Child
from tests.access.cases import NORTH_LA, Case
from tests.access.routes_reports_sen2 import make_case

SOUTH_LA = frozenset({"south_caseworker", "south_manager"})


def reports_la_dashboard_world(demo) -> dict:
    """One Northshire request decided this year, so the dashboard and its drill-down have a
    row. The child is new (no school roll, no family account): no other page's access moves."""
    child = Child.objects.create(
        first_name="Remi",
        last_name="Adeyemi",
        date_of_birth=date(2017, 2, 1),
        home_local_authority=demo["north_la"],
    )
    case = make_case(demo, child, received=date(2026, 1, 5), assessed_on=date(2026, 2, 2))
    case.requests.update(school=demo["north_oak"])
    return {"north_la": demo["north_la"], "south_la": demo["south_la"]}


def _la(key):
    return lambda world: {"la_id": world[key].pk}


def _figure(key):
    return lambda world: {"figure": key}


CASES = [
    Case("la_dashboard", NORTH_LA, kwargs=_la("north_la")),
    Case("la_dashboard", SOUTH_LA, kwargs=_la("south_la")),
    Case("la_dashboard_cases", NORTH_LA, kwargs=_la("north_la"), data=_figure("requests")),
    Case("la_dashboard_cases", SOUTH_LA, kwargs=_la("south_la"), data=_figure("open_cases")),
]
