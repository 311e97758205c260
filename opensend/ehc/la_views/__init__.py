"""The local authority's EHC needs assessment pages (issue 7), for its SEND team.

- `tray`: the work tray (cases by the next statutory date, filters, bulk steps);
- `case`: one case, assigning it, withdrawing it, recording an exception;
- `decision`: the decisions whether to assess and whether to issue a plan, and their letters;
- `advice`: asking for advice, sending the requests, and managing the advice that comes in;
- `paper`: a request received on paper, by email or by phone.

Every case-level page reads through opensend.ehc.selectors, so another council's case is 404.
"""

from opensend.ehc.la_views.advice import advice_manage, advice_plan
from opensend.ehc.la_views.case import case_assign, case_detail, case_withdraw, exception_add
from opensend.ehc.la_views.decision import decision, letter, letter_pdf
from opensend.ehc.la_views.paper import paper_request
from opensend.ehc.la_views.tray import work_tray, work_tray_bulk

__all__ = [
    "advice_manage",
    "advice_plan",
    "case_assign",
    "case_detail",
    "case_withdraw",
    "decision",
    "exception_add",
    "letter",
    "letter_pdf",
    "paper_request",
    "work_tray",
    "work_tray_bulk",
]
