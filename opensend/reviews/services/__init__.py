"""Every change to an annual review: permitted, validated, audited and told to those it
concerns (subjects never name a child: `opensend.reviews.messages`). One module per stage:
opening, meeting, report, decision; this package is their public face.

The statutory dates come from `opensend.law.reviews`; these modules apply them to the records:

- CFA 2014 s44(1): a plan is reviewed within 12 months of its issue, then of the previous
  review's meeting. A review is opened as soon as a plan is issued (`review_on_plan_issued`).
- Reg 20(12): the head teacher of the child's school arranges the meeting; reg 21: for a child
  not at a school the council does. The council's SEND team may always arrange it (reg 20(1)).
- Reg 20(3)-(4): at least 2 weeks' notice, and advice circulated at least 2 weeks before.
- Reg 20(7)-(8): the report within 2 weeks of the meeting; reg 20(10): the council decides
  within 4 weeks; reg 22 (R (L, M and P) v Devon CC 2022): the amended plan within 12 weeks.
  Late steps are allowed and shown, never blocked: the child's plan must not stall.
"""

from opensend.reviews.services._base import (
    Invitee,
    can_arrange,
    is_la_for,
)
from opensend.reviews.services.decision import (
    review_decide,
)
from opensend.reviews.services.meeting import (
    default_invitees,
    earliest_meeting,
    review_advice_circulate,
    review_advice_give,
    review_arrange,
)
from opensend.reviews.services.opening import (
    current_school,
    interim_review_add,
    next_phase_set,
    next_transfer,
    phase_transfer_for,
    review_on_plan_issued,
    review_open,
    transfer_applies,
)
from opensend.reviews.services.report import (
    OutcomePrefill,
    ReportPrefill,
    plan_in_force,
    report_prefill,
    review_record,
    review_report_send,
)

__all__ = [
    "Invitee",
    "OutcomePrefill",
    "ReportPrefill",
    "can_arrange",
    "current_school",
    "default_invitees",
    "earliest_meeting",
    "interim_review_add",
    "is_la_for",
    "next_phase_set",
    "next_transfer",
    "phase_transfer_for",
    "plan_in_force",
    "report_prefill",
    "review_advice_circulate",
    "review_advice_give",
    "review_arrange",
    "review_decide",
    "review_on_plan_issued",
    "review_open",
    "review_record",
    "review_report_send",
    "transfer_applies",
]
