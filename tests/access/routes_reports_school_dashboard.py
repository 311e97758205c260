"""Access cases for the school's SEND dashboard and its governors' version (issue 12 item 2).

Rules (opensend.reports.selectors; DESIGN "Who sees what"):
- the dashboard (`school_dashboard`) is for the school's SENCO and head: it links to the
  school's own lists of pupils, which only they may open in full;
- the governors' version (`governors_dashboard`) is for its governors, and its SENCO and head so
  they can see exactly what governors see: aggregates only, small numbers hidden;
- teachers and teaching assistants get 404 for both: they see the register of the pupils they
  teach, but the school-wide figures (reviews late, EHC requests, SENCO time) are the leaders'
  and the governing board's business, not the classroom's;
- everyone else, another school's leaders and governors included, the council, families,
  professionals and providers, gets 404; a signed-out visitor is sent to sign in.

The PDF and each table's download are the same views, so they are tried too.
"""

from datetime import date

from opensend.people.models import Child, Enrolment, Need, SenStatus
from tests.access.cases import Case

OAK_LEADERS = frozenset({"oak_senco", "oak_head"})
OAK_GOVERNORS = OAK_LEADERS | {"oak_governor"}
RIVER_LEADERS = frozenset({"river_senco", "river_head"})


def reports_school_dashboard_world(demo) -> dict:
    """A pupil at Oakfield on SEN support since 2025 with a primary need, so every census day's
    counts and the needs table have a row (not just the demo's two pupils)."""
    oak = demo["north_oak"]
    child = Child.objects.create(
        first_name="Dana",
        last_name="Dashboard",
        date_of_birth=date(2016, 4, 4),
        home_local_authority=oak.local_authority,
    )
    Enrolment.objects.create(child=child, school=oak, year_group="5", start=date(2024, 9, 2))
    SenStatus.objects.create(child=child, provision="K", start=date(2024, 9, 2))
    Need.objects.create(child=child, code="SLCN", rank=1, start=date(2024, 9, 2))
    return {"dashboard_pupil": child}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _download(key, fmt="csv"):
    return lambda world: {"download": key, "format": fmt}


CASES: list[Case] = [
    Case("school_dashboard", OAK_LEADERS, kwargs=_school("north_oak")),
    Case(
        "school_dashboard",
        OAK_LEADERS,
        kwargs=_school("north_oak"),
        data=lambda world: {"format": "pdf"},
        note="the PDF",
    ),
    Case(
        "school_dashboard",
        OAK_LEADERS,
        kwargs=_school("north_oak"),
        data=_download("register", "xlsx"),
        note="a table's download",
    ),
    Case("school_dashboard", RIVER_LEADERS, kwargs=_school("south_river")),
    Case("governors_dashboard", OAK_GOVERNORS, kwargs=_school("north_oak")),
    Case(
        "governors_dashboard",
        OAK_GOVERNORS,
        kwargs=_school("north_oak"),
        data=lambda world: {"format": "pdf"},
        note="the PDF",
    ),
    Case(
        "governors_dashboard",
        OAK_GOVERNORS,
        kwargs=_school("north_oak"),
        data=_download("primary-needs"),
        note="a table's download",
    ),
    Case(
        "governors_dashboard",
        RIVER_LEADERS | {"river_governor"},
        kwargs=_school("south_river"),
    ),
]
