"""Access cases for the EHC needs assessment (la): see routes_ehc_world.py for the world.

Rules shown here (opensend.ehc.selectors):
- the work tray and the paper request page are for any council's SEND team, each seeing only
  its own council's cases (Southmoor's team opens them and sees none of Northshire's); anyone
  else gets 404;
- a case's own pages (the case, its decisions, letters, advice and exceptions) are for the
  case's council only: Northshire's caseworker and manager; Southmoor's team gets 404;
- the decision letter's PDF is for whoever may read the letter: the LA, and, once it is sent,
  the SENCO of the child's school (hill_senco) and the family (north_parent, Mia's parent in
  this world). The LA's letter page (with drafts and sending) stays the LA's.

The POSTs change nothing in the world, so later cases still find it as it was: empty forms come
back with errors (200), and the rest are refused with a message and a redirect (Mia's case is
assessing, so a decision whether to assess is refused; her letter is already sent; nothing is
ticked in the tray).
"""

from tests.access.cases import NORTH_LA, Case

ANY_LA = NORTH_LA | {"south_caseworker", "south_manager"}
LETTER_READERS = NORTH_LA | {"hill_senco", "north_parent"}


def _case(world):
    return {"case_id": world["mia_case"].pk}


def _decision(kind):
    return lambda world: {"case_id": world["mia_case"].pk, "kind": kind}


def _letter(world):
    return {"letter_id": world["mia_letter"].pk}


def _advice(world):
    return {"advice_id": world["mia_ep_advice"].pk}


def _both(name, allow, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


EHC_LA_CASES: list[Case] = [
    *_both("ehc_work_tray", ANY_LA, note="each council's team sees its own cases"),
    Case("ehc_work_tray_bulk", ANY_LA, note="a GET goes back to the tray"),
    Case(
        "ehc_work_tray_bulk",
        ANY_LA,
        method="post",
        data=lambda world: {"action": "send_advice"},
        note="nothing ticked: a message and back to the tray",
    ),
    Case(
        "ehc_work_tray_bulk",
        ANY_LA,
        method="post",
        data=lambda world: {"action": "assign_to_me", "cases": ["not-a-uuid"]},
        note="a broken selection: a message, nothing changes",
    ),
    *_both("ehc_case", NORTH_LA, kwargs=_case),
    Case("ehc_case_assign", NORTH_LA, kwargs=_case, note="a GET goes back to the case"),
    Case("ehc_case_assign", NORTH_LA, kwargs=_case, method="post", note="nobody chosen"),
    *_both("ehc_case_withdraw", NORTH_LA, kwargs=_case),
    *_both("ehc_decision", NORTH_LA, kwargs=_decision("issue")),
    *_both(
        "ehc_decision",
        NORTH_LA,
        kwargs=_decision("assess"),
        note="Mia's case is assessing: refused with a message",
    ),
    *_both("ehc_decision", frozenset(), kwargs=_decision("appeal"), note="no such decision"),
    *_both("ehc_letter", NORTH_LA, kwargs=_letter),
    *_both("ehc_letter_pdf", LETTER_READERS, kwargs=_letter),
    *_both("ehc_exception_add", NORTH_LA, kwargs=_case),
    *_both("ehc_paper_request", ANY_LA),
    *_both("ehc_advice_plan", NORTH_LA, kwargs=_case),
    *_both("ehc_advice_manage", NORTH_LA, kwargs=_advice),
]
