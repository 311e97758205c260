"""The notice of the council's decision after an annual review (reg 20(10)).

Rendered from `reviews/notice.html`, frozen on the review when the decision is recorded. A
decision to keep the plan as it is (so not to amend it) or to cease it can be appealed (CFA
2014 s51(2)(e)-(f)), so its notice carries the same elements as a refusal to assess (reg 5(3)):
the reasons, the right of appeal and its time limits, mediation, disagreement resolution, and
information, advice and support; each sits in a block marked `data-element="<key>"`, so
`missing_elements` can prove it is there. An amend notice says the family has 15 days to
comment on the proposed amendments, to ask for a school and to ask for a meeting (reg 22(2)).
"""

from datetime import date

from django.template.loader import render_to_string

from opensend.ehc.letters import missing_notice_elements, text_of
from opensend.law.assessment import appeal_deadline
from opensend.law.ehc import draft_comment_period

TITLES = {
    "keep": "Decision after the annual review: the EHC plan stays as it is",
    "amend": "Decision after the annual review: the EHC plan will be amended",
    "cease": "Decision after the annual review: the council will cease to maintain the EHC plan",
}


def is_appealable(review) -> bool:
    return review.decision in ("keep", "cease")


def notice_html(review, *, sent_on: date) -> str:
    appealable = is_appealable(review)
    comments_close = draft_comment_period(served=sent_on).comments_close
    return render_to_string(
        "reviews/notice.html",
        {
            "review": review,
            "child": review.child,
            "la": review.local_authority,
            "title": TITLES[review.decision],
            "sent_on": sent_on,
            "appealable": appealable,
            "appeal_by": appeal_deadline(letter_date=sent_on) if appealable else None,
            "comment_days": (comments_close - sent_on).days + 1,
            "caseworker": review.decided_by,
        },
    )


def missing_elements(review, html: str) -> list[str]:
    """The reg 5(3)-style elements a keep or cease notice lacks (none for an amend notice,
    which must instead give the 15 days of reg 22(2))."""
    if not is_appealable(review):
        text = text_of(html)
        return [] if "15 days" in text else ["The 15 days to comment (reg 22(2))"]
    return missing_notice_elements(html, reasons=review.decision_reasons)
