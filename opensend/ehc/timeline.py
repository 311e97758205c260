"""Where a case is, in plain English: the steps of an EHC needs assessment, each with its date.

Families say they never know where their case is (reference/peers.md §3; issue 7 item 8). This
module turns a case, its decisions and its advice requests into the steps a family (or the
school) reads: what has happened, what is happening now, and what comes later, with the date of
each. It is a pure function of the records it is given: no queries of its own beyond the
case's related rows (which a page may prefetch), no "now" except the `today` it is passed.

The dates are the case's stored statutory dates (computed by `opensend.law.ehc` when the request
was received); an exception never moves them (DESIGN "Time"), so nothing here changes a date
because of one. The draft plan's date is a recommendation, not a legal deadline, and says so.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from opensend.ehc.models import (
    OPEN_STAGES,
    AdviceRequest,
    AdviceStatus,
    CaseStage,
    Decision,
    DecisionKind,
    EhcCase,
)

DONE = "done"
NOW = "now"
LATER = "later"


def day(value: date | None) -> str:
    """A date as GOV.UK writes it: 13 April 2026."""
    return f"{value.day} {value:%B %Y}" if value else ""


@dataclass(frozen=True)
class AdviceLine:
    """One request for advice as the timeline shows it: what kind, and where it has got to.
    Never who was asked by email address (only the LA and the advice giver see that)."""

    label: str
    status: str
    late: bool = False


@dataclass(frozen=True)
class Step:
    title: str
    date: date | None
    state: str  # DONE, NOW or LATER
    detail: str
    date_label: str = ""  # "Received", "Decided", "Due by", "Recommended by"
    late: bool = False  # a step happening now whose date has passed
    advice: tuple[AdviceLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Contact:
    """Who to contact about the case: the caseworker if one is assigned, and the council."""

    caseworker: str
    council: str
    email: str
    telephone: str


def contact_for(case: EhcCase) -> Contact:
    la = case.local_authority
    return Contact(
        caseworker=case.caseworker.full_name if case.caseworker_id else "",
        council=la.name,
        email=la.email,
        telephone=la.telephone,
    )


def _decisions_by_kind(decisions: Iterable[Decision]) -> dict[str, Decision]:
    return {decision.kind: decision for decision in decisions}


def _advice_line(advice: AdviceRequest, *, today: date, for_family: bool) -> AdviceLine:
    label = advice.get_kind_display()
    if advice.status == AdviceStatus.DRAFT:
        return AdviceLine(label, "Not asked yet")
    if advice.status == AdviceStatus.REQUESTED:
        late = bool(advice.due and advice.due < today)
        status = f"Asked on {day(advice.requested_on)}, due by {day(advice.due)}"
        return AdviceLine(label, status + (" (late)" if late else ""), late=late)
    if advice.status == AdviceStatus.REUSED:
        return AdviceLine(label, "Existing advice used instead of asking again")
    given = timezone.localdate(advice.submitted_at) if advice.submitted_at else None
    status = f"Given on {day(given)}" if given else "Given"
    if for_family and not advice.shared_with_family:
        # The LA may withhold one piece (e.g. to keep someone safe); the page says so rather
        # than pretending it was never given (models.AdviceRequest.shared_with_family).
        status += ". The council has not shared this advice with you"
    return AdviceLine(label, status)


def _advice_step(case, advice, *, today: date, for_family: bool, you: str) -> Step:
    lines = tuple(
        _advice_line(a, today=today, for_family=for_family)
        for a in advice
        if a.status != AdviceStatus.WITHDRAWN
    )
    title = "Advice gathered"
    if case.stage == CaseStage.REQUESTED:
        return Step(
            title,
            None,
            LATER,
            "If the council decides to assess, it asks for advice from "
            f"{you}, the school, health, an educational psychologist and social care. Each "
            "has 6 weeks to reply (SEND Regulations 2014 regulation 8).",
        )
    outstanding = [a for a in advice if a.status in (AdviceStatus.DRAFT, AdviceStatus.REQUESTED)]
    complete = [a for a in advice if a.status in (AdviceStatus.SUBMITTED, AdviceStatus.REUSED)]
    finished = case.stage != CaseStage.ASSESSING or (complete and not outstanding)
    if finished:
        given = [timezone.localdate(a.submitted_at) for a in complete if a.submitted_at]
        return Step(
            title,
            max(given) if given else None,
            DONE,
            "The council has the advice it asked for.",
            date_label="Finished" if given else "",
            advice=lines,
        )
    dues = [a.due for a in advice if a.status == AdviceStatus.REQUESTED and a.due]
    if not dues:
        return Step(
            title,
            None,
            NOW,
            "The council is asking for advice. Each person asked has 6 weeks to reply "
            "(SEND Regulations 2014 regulation 8).",
            advice=lines,
        )
    last_due = max(dues)
    return Step(
        title,
        last_due,
        NOW,
        "The council has asked for advice. Each person asked has 6 weeks to reply "
        "(SEND Regulations 2014 regulation 8).",
        date_label="Due by",
        late=last_due < today,
        advice=lines,
    )


def case_timeline(
    case: EhcCase,
    *,
    today: date,
    decisions: Iterable[Decision] | None = None,
    advice_requests: Iterable[AdviceRequest] | None = None,
    for_family: bool = True,
) -> list[Step]:
    """The steps of the case, in order, each done, happening now, or still to come.

    `decisions` and `advice_requests` default to the case's own (prefetch them on a list).
    `for_family` words the steps for the family ("you"); otherwise for the school.
    """
    decided = _decisions_by_kind(case.decisions.all() if decisions is None else decisions)
    advice = list(case.advice_requests.all() if advice_requests is None else advice_requests)
    you = "you" if for_family else "the family"
    withdrawn = case.stage == CaseStage.WITHDRAWN
    steps = [
        Step(
            "Request received",
            case.received,
            DONE,
            f"The council received the request on {day(case.received)}. Every date below is "
            "counted from this day (Children and Families Act 2014 section 36).",
            date_label="Received",
        )
    ]

    # Reg 5(1): decide whether to assess within 6 weeks of the request.
    assess = decided.get(DecisionKind.ASSESS)
    if assess is not None:
        steps.append(
            Step(
                "Decision whether to assess",
                assess.decided_on,
                DONE,
                "The council decided to carry out an EHC needs assessment."
                if assess.agreed
                else "The council decided not to carry out an EHC needs assessment. The "
                "decision letter explains why, and what you can do if you disagree.",
                date_label="Decided",
            )
        )
    elif case.stage == CaseStage.REQUESTED:
        due = case.decision_to_assess_due
        steps.append(
            Step(
                "Decision whether to assess",
                due,
                NOW,
                f"The council must decide by {day(due)}: within 6 weeks of receiving the "
                "request (SEND Regulations 2014 regulation 5)."
                + (" This date has passed: contact the council." if due < today else ""),
                date_label="Due by",
                late=due < today,
            )
        )
    elif not withdrawn:
        steps.append(
            Step("Decision whether to assess", None, DONE, "The council decided to assess.")
        )

    if case.stage in (CaseStage.NOT_ASSESSING,) or (withdrawn and assess is None):
        return _closed(case, steps)

    advice_step = _advice_step(case, advice, today=today, for_family=for_family, you=you)
    steps.append(advice_step)

    # Reg 10(1): if it will not issue a plan, the council says so within 16 weeks.
    issue = decided.get(DecisionKind.ISSUE)
    if issue is not None:
        steps.append(
            Step(
                "Decision whether to issue an EHC plan",
                issue.decided_on,
                DONE,
                f"The council decided to issue an EHC plan. It will send {you} a draft first."
                if issue.agreed
                else "The council decided not to issue an EHC plan. The decision letter "
                "explains why, and what you can do if you disagree.",
                date_label="Decided",
            )
        )
    elif not withdrawn:
        due = case.decision_not_to_issue_due
        now = case.stage == CaseStage.ASSESSING and advice_step.state == DONE
        steps.append(
            Step(
                "Decision whether to issue an EHC plan",
                due,
                NOW if now else LATER,
                "After the assessment the council decides whether to issue a plan. If it "
                f"decides not to, it must tell {you} by {day(due)}: within 16 weeks of the "
                "request (SEND Regulations 2014 regulation 10).",
                date_label="By",
                late=now and due < today,
            )
        )

    if case.stage not in OPEN_STAGES:
        return _closed(case, steps)

    draft_by = case.draft_plan_recommended_by
    drafting = case.stage == CaseStage.DRAFTING
    steps.append(
        Step(
            "Draft EHC plan",
            draft_by,
            NOW if drafting else LATER,
            # Not statutory: 14 weeks leaves time for the family's 15 days to comment
            # (reg 13(1)) before the 20-week limit (opensend.law.ehc DRAFT_RECOMMENDED_WEEKS).
            f"If a plan is to be issued, the council sends {you} a draft to comment on. It "
            f"should send it by {day(draft_by)}, so there is time for comments before the "
            "final plan. This is a recommended date, not a legal deadline.",
            date_label="Recommended by",
        )
    )
    final_due = case.final_plan_due
    steps.append(
        Step(
            "Final EHC plan",
            final_due,
            LATER,
            f"If a plan is issued, the final plan must be sent by {day(final_due)}: within "
            "20 weeks of the request (SEND Regulations 2014 regulation 13).",
            date_label="Due by",
        )
    )
    return steps


def _closed(case: EhcCase, steps: list[Step]) -> list[Step]:
    if case.stage == CaseStage.WITHDRAWN:
        steps.append(
            Step(
                "Request withdrawn",
                case.closed_on,
                DONE,
                "The request was withdrawn, so the case is closed.",
                date_label="Closed" if case.closed_on else "",
            )
        )
    return steps


def what_happens_next(case: EhcCase, steps: list[Step], *, for_family: bool = True) -> str:
    """One sentence: what happens next, and by when."""
    you = "you" if for_family else "the family"
    if case.stage == CaseStage.REQUESTED:
        return (
            "The council will decide whether to carry out an EHC needs assessment by "
            f"{day(case.decision_to_assess_due)}."
        )
    if case.stage == CaseStage.ASSESSING:
        advice = next((s for s in steps if s.title == "Advice gathered"), None)
        if advice is not None and advice.state == NOW:
            return (
                "The council is gathering advice, and will then decide whether to issue an "
                "EHC plan."
            )
        return (
            "The council has the advice it asked for and will now decide whether to issue an "
            "EHC plan."
        )
    if case.stage == CaseStage.DRAFTING:
        return (
            f"The council is writing a draft EHC plan and will send it to {you} to comment on; "
            f"the final plan is due by {day(case.final_plan_due)}."
        )
    if case.stage in (CaseStage.NOT_ASSESSING, CaseStage.NOT_ISSUING):
        return (
            "The council has made its decision: the decision letter explains why, and how to "
            "appeal against it."
        )
    return "The request was withdrawn, so nothing more happens unless a new request is made."
