"""Access cases for the SEN information report editor (issue 11 item 1), and its records.

Rules shown here (publishing.selectors._access): a school's SENCO and head write and publish its
report; its governors read the overview and the preview (they approve the SEND policy the
report may sit in) and are refused (403) the pages that change it; everyone else, Hillside's
SENCO included, gets 404 for Oakfield's report. The menu's index sends each SENCO, head and
governor to their own school's report.

The POSTs change nothing of note: an empty item form or a publish form with no version shows
its errors; the refresh only brings suggestions up to date.
"""

from tests.access.cases import Case

OAK_MANAGERS = frozenset({"oak_senco", "oak_head"})
OAK_READERS = OAK_MANAGERS | {"oak_governor"}
REPORT_READERS = frozenset(
    {
        "oak_senco",
        "oak_head",
        "oak_governor",
        "hill_senco",
        "river_senco",
        "river_head",
        "river_governor",
        "moor_senco",
    }
)


def _oak(world) -> dict:
    return {"school_id": world["north_oak"].pk}


def _item(world) -> dict:
    return {"school_id": world["north_oak"].pk, "item": "senco"}


def publishing_reports_world(demo) -> dict:
    """Nothing beyond the demo: the report is made the first time its SENCO or head opens it."""
    return {"north_oak": demo["north_oak"]}


CASES = [
    Case("publishing_report_index", REPORT_READERS, note="SENCOs, heads, governors: their school"),
    Case("publishing_report", OAK_READERS, kwargs=_oak, note="governors read"),
    Case("publishing_report_preview", OAK_READERS, kwargs=_oak, note="governors read"),
    Case("publishing_report_item", OAK_MANAGERS, kwargs=_item, note="governor 403"),
    Case("publishing_report_item", OAK_MANAGERS, kwargs=_item, method="post"),
    Case("publishing_report_refresh", OAK_MANAGERS, kwargs=_oak, method="post"),
    Case("publishing_report_publish", OAK_MANAGERS, kwargs=_oak, note="governor 403"),
    Case("publishing_report_publish", OAK_MANAGERS, kwargs=_oak, method="post"),
]
