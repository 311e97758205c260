"""Access cases for the children, families and register pages (see cases.py for the format).

The cases are built from tests/access/cases.py, not routes.py: routes.py imports this module,
so importing routes.py from here would be circular.

Rules shown here (DESIGN "Who sees what"):
- a school's staff read its register and its pupils' records; only the SENCO and head change
  them. Change pages belong to the child's school: its teachers and TAs get 403 there, everyone
  else 404 (the LA and a parent may read the record but keep no register at that school);
- the LA sees its children with a statutory case (Ava, Jordan: E) but not SEN support (Leo);
- a parent sees their own child only: north_parent asking for Zara's page gets 404;
- governors never see a child's page, only counts on their home page.

Within one persona's run the cases share a database and run before the API cases
(routes_people_api.py), so every POST here sends an empty form: it is shown again with errors
(200) to those allowed, and changes nothing.
"""

from tests.access.cases import NORTH_LA, OAK_STAFF, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})
RIVER_STAFF = frozenset({"river_senco", "river_teacher", "river_head"})
RIVER_EDITORS = frozenset({"river_senco", "river_head"})
SOUTH_LA = frozenset({"south_caseworker", "south_manager"})
SCHOOL_STAFF = OAK_STAFF | RIVER_STAFF | {"hill_senco", "moor_senco"}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _child(key):
    return lambda world: {"child_id": world[key].pk}


def _parent_link_of(key):
    return lambda world: {"link_id": world[key].parent_links.get().pk}


PEOPLE_CASES: list[Case] = [
    # The register: the school's own staff (governors see counts on their home page).
    Case("register_index", SCHOOL_STAFF, note="redirects to the person's school's register"),
    Case("register", OAK_STAFF, kwargs=_school("north_oak")),
    Case("register", RIVER_STAFF, kwargs=_school("south_river")),
    Case(
        "register",
        OAK_STAFF,
        kwargs=_school("north_oak"),
        data=lambda w: {"format": "csv", "provision": "E"},
        note="the CSV download",
    ),
    Case("child_add", OAK_EDITORS, kwargs=_school("north_oak")),
    Case("child_add", OAK_EDITORS, kwargs=_school("north_oak"), method="post"),
    # A child's record: staff of their school, their LA if they have a statutory case, their
    # own parent, and themselves.
    Case(
        "child_detail",
        OAK_STAFF | NORTH_LA | {"north_parent"},
        kwargs=_child("ava"),
        note="EHC plan at Oakfield; north_parent's daughter",
    ),
    Case(
        "child_detail",
        OAK_STAFF,
        kwargs=_child("leo"),
        note="SEN support: no statutory case, so not the LA's to see",
    ),
    Case(
        "child_detail",
        frozenset({"hill_senco", "north_parent"}) | NORTH_LA,
        kwargs=_child("mia"),
        note="SEN support with an EHC assessment case: the LA sees her; Lucy is her parent here",
    ),
    Case(
        "child_detail",
        RIVER_STAFF | SOUTH_LA | {"south_parent"},
        kwargs=_child("zara"),
        note="north_parent changing the UUID to Zara's gets 404",
    ),
    Case(
        "child_detail",
        NORTH_LA | {"hill_senco", "north_young_person"},
        kwargs=_child("jordan"),
        note="Jordan (17) sees his own record",
    ),
    # Changes: the SENCO and head of the child's school only.
    Case("child_sen_status", OAK_EDITORS, kwargs=_child("ava")),
    Case("child_sen_status", OAK_EDITORS, kwargs=_child("ava"), method="post"),
    Case("child_sen_status", RIVER_EDITORS, kwargs=_child("zara"), method="post"),
    Case("child_needs", OAK_EDITORS, kwargs=_child("leo")),
    Case("child_needs", OAK_EDITORS, kwargs=_child("leo"), method="post"),
    Case("child_needs", frozenset({"hill_senco"}), kwargs=_child("jordan")),
    Case("parent_link_add", OAK_EDITORS, kwargs=_child("ava")),
    Case("parent_link_add", OAK_EDITORS, kwargs=_child("ava"), method="post"),
    Case("parent_access", OAK_EDITORS, kwargs=_parent_link_of("ava")),
    Case("parent_access", OAK_EDITORS, kwargs=_parent_link_of("ava"), method="post"),
    Case(
        "parent_access",
        RIVER_EDITORS,
        kwargs=_parent_link_of("zara"),
        note="a parent cannot restrict anyone's access, their own included",
    ),
]
