"""Access cases for the school census check (see cases.py for the format).

The school's staff who read its register (SENCO, head, teacher, TA) see the census check;
governors, other schools, the LA, families and everyone else get 404.
"""

from tests.access.cases import OAK_STAFF, Case


def _oak(world):
    return {"school_id": world["north_oak"].pk}


CENSUS_CASES: list[Case] = [
    Case("census_check", OAK_STAFF, kwargs=_oak),
    Case(
        "census_check",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "2027-01-21"},
        note="a census date asked for",
    ),
]
