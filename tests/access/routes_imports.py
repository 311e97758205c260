"""Access cases for importing from a school's MIS (see cases.py for the format).

Only the SENCO and head of the school import, and invite the parents and carers it records;
its teachers and assistants get 403, everyone else 404. The POSTs send no file (the upload
form is shown again with an error) and no token (the confirm step sends the person back to
the upload page), so nothing changes.
"""

from tests.access.cases import Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})
RIVER_EDITORS = frozenset({"river_senco", "river_head"})


def _school(key):
    return lambda world: {"school_id": world[key].pk}


IMPORT_CASES: list[Case] = [
    Case("mis_import", OAK_EDITORS, kwargs=_school("north_oak")),
    Case("mis_import", RIVER_EDITORS, kwargs=_school("south_river")),
    Case("mis_import", OAK_EDITORS, kwargs=_school("north_oak"), method="post"),
    Case(
        "mis_import_confirm",
        OAK_EDITORS,
        kwargs=_school("north_oak"),
        method="post",
        note="no pending upload: redirected to the upload page",
    ),
    # Inviting a recorded parent or carer: the SENCO and head of the child's school. The demo
    # parents already have accounts, so the POST is refused with a message and changes nothing.
    Case(
        "parent_invite",
        OAK_EDITORS,
        kwargs=lambda world: {"link_id": world["ava"].parent_links.get().pk},
        method="post",
        note="Ava's mother already has an account: redirected to Ava's page with a message",
    ),
    Case(
        "parent_invite",
        RIVER_EDITORS,
        kwargs=lambda world: {"link_id": world["zara"].parent_links.get().pk},
        method="post",
        note="a parent cannot invite anyone, themselves included",
    ),
]
