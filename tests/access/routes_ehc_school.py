"""Access cases for the EHC needs assessment (school): see routes_ehc_world.py for the world.

Rules shown here (opensend.ehc.selectors.school_manager_ids, school_cases):
- only a school's SENCO or head see its requests and make one; teachers, assistants and
  governors get 404 (DESIGN: no assessment advice or letters for them), as does everyone else;
- the index takes every SENCO and head to their own school's page;
- a request is for a pupil on roll at the person's school: Leo is at Oakfield, so asking for
  him through Hillside is 404 for everyone;
- Mia's case (Hillside) is seen by Hillside's SENCO only.

The POSTs send an empty form: it comes back with errors (200), nothing is created.
"""

from tests.access.cases import Case

SCHOOL_MANAGERS = frozenset(
    {"oak_senco", "oak_head", "hill_senco", "river_senco", "river_head", "moor_senco"}
)
HILL = frozenset({"hill_senco"})
OAK = frozenset({"oak_senco", "oak_head"})


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _request(school, child):
    return lambda world: {"school_id": world[school].pk, "child_id": world[child].pk}


EHC_SCHOOL_CASES: list[Case] = [
    Case("ehc_school_requests", SCHOOL_MANAGERS, note="redirects to the person's own school"),
    Case("ehc_school_requests_for", HILL, kwargs=_school("north_hill")),
    Case("ehc_school_requests_for", OAK, kwargs=_school("north_oak")),
    Case("ehc_school_request_new", HILL, kwargs=_request("north_hill", "mia")),
    Case(
        "ehc_school_request_new",
        HILL,
        kwargs=_request("north_hill", "mia"),
        method="post",
        note="empty form: errors shown, nothing sent",
    ),
    Case("ehc_school_request_new", OAK, kwargs=_request("north_oak", "leo")),
    Case("ehc_school_request_new", OAK, kwargs=_request("north_oak", "leo"), method="post"),
    Case(
        "ehc_school_request_new",
        frozenset(),
        kwargs=_request("north_hill", "leo"),
        note="Leo is not on roll at Hillside",
    ),
    Case(
        "ehc_school_request_new", frozenset(), kwargs=_request("north_hill", "leo"), method="post"
    ),
    Case("ehc_school_case", HILL, kwargs=lambda world: {"case_id": world["mia_case"].pk}),
]
