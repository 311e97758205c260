"""Access cases for the pupil passport (see cases.py for the format).

Rules shown here (opensend.support.passport and .passport_views):
- a pupil's passport (page and PDF) is seen by whoever sees the plan it comes from: Leo's plan
  is Oakfield's, so its staff (teachers and TAs included); Leo is on SEN support with no
  statutory case, so not the LA; he has no parent account, so not north_parent (Ava's mother);
- a pupil with no plan (Ava, in the test world) has no passport: 404 for everyone, her mother
  included;
- a school's list and class-set PDF are for that school's staff only; governors see no named
  child, so they get 404 as on the SEN register;
- "Pupil passports" in the menu leads school staff to their school's list.
"""

from tests.access.cases import OAK_STAFF, Case

RIVER_STAFF = frozenset({"river_senco", "river_teacher", "river_head"})
SCHOOL_STAFF = OAK_STAFF | RIVER_STAFF | {"hill_senco", "moor_senco"}


def _child(key):
    return lambda world: {"child_id": world[key].pk}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


PASSPORT_CASES: list[Case] = [
    Case("passport_index", SCHOOL_STAFF, note="redirects to the person's school's passports"),
    Case("pupil_passport", OAK_STAFF, kwargs=_child("leo")),
    Case("pupil_passport", frozenset(), kwargs=_child("ava"), note="no plan, so no passport"),
    Case("pupil_passport_pdf", OAK_STAFF, kwargs=_child("leo")),
    Case("pupil_passport_pdf", frozenset(), kwargs=_child("ava")),
    Case("school_passports", OAK_STAFF, kwargs=_school("north_oak")),
    Case("school_passports", RIVER_STAFF, kwargs=_school("south_river")),
    Case("school_passports_pdf", OAK_STAFF, kwargs=_school("north_oak")),
    Case(
        "school_passports_pdf",
        RIVER_STAFF,
        kwargs=_school("south_river"),
        note="no passports there: a message and back to the list",
    ),
]
