"""Decision letters: drafted from the decision, checked for what the law requires, frozen when
sent.

The letter is HTML rendered from `ehc/letters/body.html`; the PDF is the same HTML in the
print template. Each element the law requires of a refusal (reg 5(3) for a decision not to
assess, reg 10(2) for a decision not to issue) sits in a block marked `data-element="<key>"`,
so `missing_elements` can prove it is there before anything is sent.
"""

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date

from django.template.loader import render_to_string

from opensend.ehc.messages import (
    Recipient,
    family_of,
    health_and_social_care_of,
    school_staff_of,
)
from opensend.ehc.models import Decision, DecisionKind, EhcCase, Letter
from opensend.law.assessment import REFUSAL_NOTICE_ELEMENTS, appeal_deadline
from opensend.law.ehc import draft_comment_period

TITLES = {
    (DecisionKind.ASSESS, True): "Decision to carry out an EHC needs assessment",
    (DecisionKind.ASSESS, False): "Decision not to carry out an EHC needs assessment",
    (DecisionKind.ISSUE, True): "Decision to issue an EHC plan",
    (DecisionKind.ISSUE, False): "Decision not to issue an EHC plan",
}


def letter_title(decision: Decision) -> str:
    return TITLES[(decision.kind, decision.agreed)]


def letter_filename(letter: Letter) -> str:
    """Neutral: a downloaded letter must not name the child (core.pdf.pdf_response)."""
    day = letter.sent_on or letter.decision.decided_on
    return f"ehc-decision-letter-{day:%Y-%m-%d}.pdf"


@dataclass(frozen=True)
class LetterContext:
    letter: Letter
    decision: Decision
    case: EhcCase
    letter_date: date
    title: str
    appeal_by: date | None
    comment_days: int


def letter_html(letter: Letter, *, sent_on: date) -> str:
    decision = letter.decision
    case = letter.case
    refused = not decision.agreed
    context = LetterContext(
        letter=letter,
        decision=decision,
        case=case,
        letter_date=sent_on,
        title=letter_title(decision),
        appeal_by=appeal_deadline(letter_date=sent_on) if refused else None,
        comment_days=(draft_comment_period(served=sent_on).comments_close - sent_on).days + 1,
    )
    return render_to_string(
        "ehc/letters/body.html",
        {
            "c": context,
            "child": case.child,
            "la": case.local_authority,
            "caseworker": case.caseworker,
            "refused": refused,
            "is_assess": decision.kind == DecisionKind.ASSESS,
        },
    )


def missing_elements(decision: Decision, html: str) -> list[str]:
    """The reg 5(3) / reg 10(2) elements a refusal letter lacks (none for an agreement)."""
    if decision.agreed:
        return []
    return missing_notice_elements(html, reasons=decision.reasons)


def missing_notice_elements(html: str, *, reasons: str) -> list[str]:
    """The elements a notice that can be appealed must carry (REFUSAL_NOTICE_ELEMENTS, marked
    `data-element` in the HTML), and the reasons given, in its own words."""
    present = set(re.findall(r'data-element="([a-z_]+)"', html))
    missing = [e.what for e in REFUSAL_NOTICE_ELEMENTS if e.key not in present]
    if reasons and reasons[:40] not in text_of(html):
        missing.append("The reasons for the decision")
    return missing


def text_of(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def recipients_for(case: EhcCase) -> list[Recipient]:
    return family_of(case) + school_staff_of(case) + health_and_social_care_of(case)
