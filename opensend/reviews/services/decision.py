"""The council's decision after the meeting (reg 20(10)) and the hand-off to amendments
(reg 22; R (L, M and P) v Devon CC 2022)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.ehc.plan_services import plan_amend_start
from opensend.law import reviews as law
from opensend.reviews import messages, notice
from opensend.reviews.models import (
    Review,
    ReviewDecision,
    ReviewStatus,
)
from opensend.reviews.services._base import (
    _audit,
    _day,
    _locked,
    _require_la,
    _require_status,
    _today,
)
from opensend.reviews.services.opening import review_open
from opensend.reviews.services.report import plan_in_force

# --- the council's decision ---------------------------------------------------------------


@transaction.atomic
def review_decide(
    *, actor, review: Review, decision: str, reasons: str = "", amendments: str = ""
) -> Review:
    """Reg 20(10): within 4 weeks of the meeting the council keeps, amends or ceases the plan,
    with a notice to the family and the school; late is allowed and shown.

    keep or cease against the meeting's recommendation, and any cease, need reasons (with the
    right of appeal in the notice); amend starts the draft of proposed amendments (reg 22(2)),
    which the caseworker edits, serves and issues with the plan pages, within 12 weeks of the
    meeting (reg 22(3), Devon 2022)."""
    _require_la(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.REPORTED, what="record the decision")
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "Choose keep, amend or cease"})
    reasons = reasons.strip()
    if decision == ReviewDecision.CEASE and not reasons:
        raise ValidationError({"reasons": "Give the reasons for ceasing to maintain the plan"})
    if decision != ReviewDecision.AMEND and review.recommends != decision and not reasons:
        raise ValidationError(
            {
                "reasons": "The meeting recommended "
                f"“{ReviewDecision(review.recommends).label.lower()}”: give the reasons for "
                "deciding otherwise"
                if review.recommends
                else "Give the reasons for the decision"
            }
        )
    today = _today()
    review.decision = decision
    review.decision_reasons = reasons
    review.decided_on = today
    review.decided_by = actor
    review.updated_by = actor
    if decision == ReviewDecision.AMEND:
        version = plan_in_force(review)
        if version is None:
            raise ValidationError("There is no plan in force to amend.")
        why = amendments.strip() or review.recommended_amendments or reasons
        review.proposed_version = plan_amend_start(
            actor=actor,
            version=version,
            reason=f"Amendments after the annual review meeting on {_day(review.held_on)}: "
            f"{why}".strip(),
        )
        review.status = ReviewStatus.AMENDING
    else:
        review.status = ReviewStatus.COMPLETE
        review.completed_on = today
    review.notice_html = notice.notice_html(review, sent_on=today)
    review.notice_sent_on = today
    review.save()
    _audit(
        actor,
        AuditEventKind.CREATED,
        review,
        review,
        new_values={"decision": decision, "on_time": today <= review.decision_due},
    )
    if decision == ReviewDecision.KEEP:
        # CFA s44(1): the next review within 12 months of this review's meeting.
        review_open(actor=actor, plan=review.plan, due_on=law.next_review_due(last=review.held_on))
    messages.decided(review=review, actor=actor)
    return review
