"""Access cases for a school's term dates and closure days (see cases.py for the format).

Rules shown here (DESIGN "Who sees what"): a school's staff and governors read its term dates
and closure days; only its head and SENCO change them (the others get 403 on a change); other
schools' staff, the LA, families and everyone else get 404, as if the school had no calendar.

The term-dates and closure-day POSTs send an empty form: shown again with errors (200) to the
head and SENCO, changing nothing. The remove case comes last, so within one persona's run it
cannot take the closure day away before another case needs it.
"""

from tests.access.cases import OAK_ALL, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})


def _oak(world):
    return {"school_id": world["north_oak"].pk}


TERM_CASES: list[Case] = [
    Case("school_term_dates", OAK_ALL, kwargs=_oak),
    Case(
        "school_term_dates",
        OAK_ALL,
        kwargs=_oak,
        data=lambda w: {"year": "2027"},
        note="next school year",
    ),
    Case(
        "school_term_dates",
        frozenset({"river_senco", "river_teacher", "river_head", "river_governor"}),
        kwargs=lambda w: {"school_id": w["south_river"].pk},
    ),
    Case("school_term_dates", OAK_EDITORS, kwargs=_oak, method="post"),
    Case("closure_day_add", OAK_EDITORS, kwargs=_oak, method="post"),
    Case(
        "closure_day_remove",
        OAK_EDITORS,
        kwargs=lambda w: {"closure_id": w["oak_closure_day"].pk},
        method="post",
        note="a 302 back to the term dates: the day is removed",
    ),
]
