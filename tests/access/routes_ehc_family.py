"""Access cases for the EHC needs assessment (family): see routes_ehc_world.py for the world.

Rules shown here (opensend.ehc.selectors.family_cases, get_letter_for):
- the family's list is for families (parents and young people); staff get 404;
- a family asks only for their own child: Lucy Martin (north_parent) for Mia (recorded as her
  parent in the world) and Ava, Jordan (north_young_person) for himself; a member of staff who
  can see the child through their school does not ask here;
- Mia's case is seen by her parent only;
- Mia's sent letter is read by the council's SEND team, Hillside's SENCO and Mia's parent.

The POSTs send an empty form: it comes back with errors (200), nothing is created.
"""

from tests.access.cases import NORTH_LA, Case

FAMILIES = frozenset({"north_parent", "south_parent", "north_young_person"})
MIAS_PARENT = frozenset({"north_parent"})


def _child(key):
    return lambda world: {"child_id": world[key].pk}


EHC_FAMILY_CASES: list[Case] = [
    Case("ehc_family_cases", FAMILIES, note="each family sees only its own requests"),
    Case("ehc_family_request_new", MIAS_PARENT, kwargs=_child("mia")),
    Case(
        "ehc_family_request_new",
        MIAS_PARENT,
        kwargs=_child("mia"),
        method="post",
        note="empty form: errors shown, nothing sent",
    ),
    Case("ehc_family_request_new", MIAS_PARENT, kwargs=_child("ava")),
    Case("ehc_family_request_new", frozenset({"north_young_person"}), kwargs=_child("jordan")),
    Case(
        "ehc_family_request_new",
        frozenset({"north_young_person"}),
        kwargs=_child("jordan"),
        method="post",
    ),
    Case("ehc_family_case", MIAS_PARENT, kwargs=lambda world: {"case_id": world["mia_case"].pk}),
    Case(
        "ehc_letter_read",
        NORTH_LA | {"hill_senco", "north_parent"},
        kwargs=lambda world: {"letter_id": world["mia_letter"].pk},
    ),
]
