"""Access cases for the children and register API operations (see cases.py for the format).

Reads: school staff reach their pupils, LA staff their area's children with an EHC plan,
parents their own unrestricted children, a young person their own record; everyone else gets
404. Register changes: only the SENCO or head of the child's school; anyone else who can see
the child gets 403, and anyone who cannot gets 404.

Within one persona's run the cases share a database, and the page cases (routes_people.py) run
first, so the change payloads are worked out from the record as it stands when they are sent:
always a real change, dated today, and valid for whatever provision the child has by then.
"""

from django.utils import timezone

from opensend.people.models import Need, SenStatus
from tests.access.cases import EVERYONE, NORTH_LA, OAK_STAFF, UNAUTHENTICATED, Case

SOUTH_LA = frozenset({"south_caseworker", "south_manager"})
RIVER_STAFF = frozenset({"river_senco", "river_teacher", "river_head"})
OAK_EDITORS = frozenset({"oak_senco", "oak_head"})
AVA_READERS = OAK_STAFF | NORTH_LA | {"north_parent"}


def _child(key):
    return lambda world: {"child_id": world[key].pk}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _status_change(key):
    """A move to a provision the child does not have now, from today."""

    def data(world):
        current = SenStatus.objects.get(child=world[key], end__isnull=True)
        provision = "E" if current.provision == "K" else "K"
        return {"provision": provision, "start": timezone.localdate().isoformat()}

    return data


def _needs_change(key):
    """Keep the current needs and add one more, from today (valid for E and K alike)."""

    def data(world):
        current = list(Need.objects.filter(child=world[key], end__isnull=True))
        codes = {need.code for need in current}
        extra = next(code for code in ("SLCN", "SEMH", "MLD", "HI", "VI") if code not in codes)
        rank = max((need.rank for need in current), default=0) + 1
        needs = [{"code": need.code, "rank": need.rank} for need in current]
        return {
            "needs": [*needs, {"code": extra, "rank": rank}],
            "start": timezone.localdate().isoformat(),
        }

    return data


def _api(name, allow, **kwargs):
    return Case(f"api:{name}", frozenset(allow), anonymous=UNAUTHENTICATED, **kwargs)


PEOPLE_API_CASES: list = [
    # Anyone signed in may list the children they can see (for most people, none).
    _api("child_list", EVERYONE),
    # One child's record, and their enrolments.
    _api("child_get", AVA_READERS, kwargs=_child("ava"), note="EHC plan, Oakfield, Lucy's"),
    _api("child_get", OAK_STAFF, kwargs=_child("leo"), note="SEN support: not the LA's"),
    _api(
        "child_get",
        {"hill_senco", "north_parent", "north_caseworker", "north_manager"},
        kwargs=_child("mia"),
        note="an EHC assessment case makes her the LA's to see",
    ),
    _api("child_get", RIVER_STAFF | SOUTH_LA | {"south_parent"}, kwargs=_child("zara")),
    _api(
        "child_get",
        {"hill_senco", "north_young_person"} | NORTH_LA,
        kwargs=_child("jordan"),
        note="a young person sees their own record",
    ),
    _api("child_enrolment_list", AVA_READERS, kwargs=_child("ava")),
    _api("child_enrolment_list", RIVER_STAFF | SOUTH_LA | {"south_parent"}, kwargs=_child("zara")),
    # A school's register: its staff, not its governors, not the LA.
    _api("school_register", OAK_STAFF, kwargs=_school("north_oak")),
    _api("school_register", RIVER_STAFF, kwargs=_school("south_river")),
    _api("school_register", set(), kwargs=_school("north_la"), note="an LA has no register"),
    # Changes: the SENCO or head of the child's school. Reads above, writes last.
    _api(
        "child_sen_status_change",
        OAK_EDITORS,
        kwargs=_child("ava"),
        method="post",
        data=_status_change("ava"),
        note="oak teacher, TA, north LA and Lucy see Ava but get 403",
    ),
    _api(
        "child_sen_status_change",
        {"hill_senco"},
        kwargs=_child("jordan"),
        method="post",
        data=_status_change("jordan"),
    ),
    _api(
        "child_needs_update",
        OAK_EDITORS,
        kwargs=_child("ava"),
        method="put",
        data=_needs_change("ava"),
    ),
    _api(
        "child_needs_update",
        {"river_senco", "river_head"},
        kwargs=_child("zara"),
        method="put",
        data=_needs_change("zara"),
    ),
]
