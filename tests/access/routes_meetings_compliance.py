"""Access cases for compliance at a glance (see cases.py for the format).

Rules shown here (opensend.meetings.compliance_views):
- Oakfield's staff (SENCO, head, teacher, TA) see the per-pupil page and its CSV;
- Oakfield's governor sees the page as counts only (numbers under 5 hidden) and gets 403 for
  the CSV, which names pupils;
- only the SENCO and head propose meetings (an empty POST shows the page again with an error);
  teachers, TAs and the governor get 403;
- everyone else (other schools, the LA, families) gets 404.
"""

from tests.access.cases import OAK_ALL, OAK_STAFF, Case

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})


def _oak(world):
    return {"school_id": world["north_oak"].pk}


MEETING_COMPLIANCE_CASES: list[Case] = [
    Case("meetings_compliance", OAK_ALL, kwargs=_oak, note="governors: counts only"),
    Case(
        "meetings_compliance",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda world: {"format": "csv"},
        note="the CSV names pupils: not for governors",
    ),
    Case(
        "meetings_invite_next",
        OAK_EDITORS,
        kwargs=_oak,
        method="post",
        note="no pupil chosen: the page again with an error",
    ),
]
