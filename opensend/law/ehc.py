"""The EHC needs assessment: its time limits and the exceptions to them.

Sources (reference/statutory.md §1): SEND Regulations 2014 (SI 2014/1530) regs 5, 8, 10 and
13; Children and Families Act 2014 s36. Every limit runs from the day the local authority
received the request (or became responsible for the child, CFA s24), counted in calendar
weeks. An exception never moves a date: the law says the limit does not apply "if it is
impractical" because of the circumstance, so we report which limits it touches and keep the
dates as they are (DESIGN "Time"; SEN2 counts timeliness with and without exceptions).
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.law.dates import add_days, add_weeks, overlap_days
from opensend.law.errors import LawInputError

# Reg 5(1): decide whether to assess within 6 weeks of receiving the request.
DECISION_TO_ASSESS_WEEKS = 6
# Reg 8(1): each body asked for advice must give it within 6 weeks of receiving the request.
ADVICE_WEEKS = 6
# Reg 10(1): tell the family within 16 weeks if, after assessing, no plan will be issued.
DECISION_NOT_TO_ISSUE_WEEKS = 16
# Reg 13(2): the final plan within 20 weeks of the request.
FINAL_PLAN_WEEKS = 20
# Not statutory: IPSEA's reading that a draft is needed by about week 14 so the family's
# 15 days to comment (reg 13(1)) and the school consultation still fit before week 20.
DRAFT_RECOMMENDED_WEEKS = 14
# Regs 8(2)(b) and 10(4)(d): an absence from the area "for a continuous period of not less
# than 4 weeks"; reg 10(4)(a)/(b): a closure "for a continuous period of not less than 4 weeks".
FOUR_WEEKS_IN_DAYS = 28
# Reg 10(4)(a)/(b): the advice request must fall in the window that starts one week before the
# closure begins and ends one week before the institution reopens.
CLOSURE_WINDOW_DAYS = 7

LIMITS = ("decision_to_assess", "advice", "decision_not_to_issue", "final_plan")


class ExceptionKind(StrEnum):
    PERSONAL_CIRCUMSTANCES = "personal_circumstances"  # reg 10(4)(c); reg 8(2)(a) for advice
    ABSENCE_FROM_AREA = "absence_from_area"  # reg 10(4)(d); reg 8(2)(b) for advice
    MISSED_APPOINTMENT = "missed_appointment"  # reg 8(2)(c): advice only
    SCHOOL_CLOSURE = "school_closure"  # reg 10(4)(a) school or college, (b) early years setting


# Reg 8(2) lists the only exceptions to the advice limit.
ADVICE_EXCEPTION_KINDS = frozenset(
    {
        ExceptionKind.PERSONAL_CIRCUMSTANCES,
        ExceptionKind.ABSENCE_FROM_AREA,
        ExceptionKind.MISSED_APPOINTMENT,
    }
)


@dataclass(frozen=True)
class TimeLimitException:
    """A recorded circumstance. For a closure, `end` is the day the setting reopens."""

    kind: ExceptionKind
    start: date
    end: date


@dataclass(frozen=True)
class ExceptionReport:
    kind: ExceptionKind
    start: date
    end: date
    applies_to: list[str]


@dataclass(frozen=True)
class ExceptionApplies:
    decision_to_assess: bool
    advice: bool | None
    decision_not_to_issue: bool
    final_plan: bool


@dataclass(frozen=True)
class Stage:
    step: str
    due: date
    rule: str


@dataclass(frozen=True)
class EhcTimeline:
    received: date
    school_advice_requested: date | None
    decision_to_assess_due: date
    advice_due: date | None
    draft_plan_recommended_by: date
    decision_not_to_issue_due: date
    final_plan_due: date
    exception_applies: ExceptionApplies
    exceptions: list[ExceptionReport]
    stages: list[Stage]


def validate_exception(exception: TimeLimitException) -> None:
    if exception.kind == ExceptionKind.SCHOOL_CLOSURE:
        if exception.end <= exception.start:
            raise LawInputError(
                "--exception", "a school closure's END (the day it reopens) must be after START"
            )
    elif exception.end < exception.start:
        raise LawInputError("--exception", f"{exception.kind} ends before it starts")
    if exception.kind == ExceptionKind.MISSED_APPOINTMENT and exception.end != exception.start:
        raise LawInputError(
            "--exception", "a missed appointment is one day: START and END must be the same"
        )


def _applies_in_period(
    exception: TimeLimitException,
    period_start: date,
    period_end: date,
    *,
    limit: str,
    school_advice_requested: date | None,
) -> bool:
    kind = exception.kind
    if limit == "advice" and kind not in ADVICE_EXCEPTION_KINDS:
        return False
    if kind == ExceptionKind.PERSONAL_CIRCUMSTANCES:
        return overlap_days(exception.start, exception.end, period_start, period_end) > 0
    if kind == ExceptionKind.ABSENCE_FROM_AREA:
        # "Continuous period of not less than 4 weeks" during the time period: count only the
        # days of the absence that fall inside the period.
        within = overlap_days(exception.start, exception.end, period_start, period_end)
        return within >= FOUR_WEEKS_IN_DAYS
    if kind == ExceptionKind.MISSED_APPOINTMENT:
        return limit == "advice" and period_start <= exception.start <= period_end
    # School closure: closed from START to the day before END.
    closed_days = (exception.end - exception.start).days
    if school_advice_requested is None or closed_days < FOUR_WEEKS_IN_DAYS:
        return False
    window_opens = add_days(exception.start, -CLOSURE_WINDOW_DAYS)
    window_closes = add_days(exception.end, -CLOSURE_WINDOW_DAYS)
    return (
        window_opens <= school_advice_requested < window_closes
        and period_start <= school_advice_requested <= period_end
    )


def ehc_timeline(
    *,
    received: date,
    exceptions: list[TimeLimitException] = (),
    school_advice_requested: date | None = None,
) -> EhcTimeline:
    if school_advice_requested is not None and school_advice_requested < received:
        raise LawInputError(
            "--school-advice-requested", "advice cannot be requested before the request arrived"
        )
    for exception in exceptions:
        validate_exception(exception)

    due = {
        "decision_to_assess": add_weeks(received, DECISION_TO_ASSESS_WEEKS),
        "advice": add_weeks(school_advice_requested, ADVICE_WEEKS)
        if school_advice_requested
        else None,
        "decision_not_to_issue": add_weeks(received, DECISION_NOT_TO_ISSUE_WEEKS),
        "final_plan": add_weeks(received, FINAL_PLAN_WEEKS),
    }
    # Each limit's period runs from when its clock started to its due date, both inclusive.
    periods = {
        limit: (school_advice_requested if limit == "advice" else received, due[limit])
        for limit in LIMITS
        if due[limit] is not None
    }
    reports = [
        ExceptionReport(
            kind=exception.kind,
            start=exception.start,
            end=exception.end,
            applies_to=[
                limit
                for limit, (start, end) in periods.items()
                if _applies_in_period(
                    exception,
                    start,
                    end,
                    limit=limit,
                    school_advice_requested=school_advice_requested,
                )
            ],
        )
        for exception in exceptions
    ]
    touched = {limit for report in reports for limit in report.applies_to}
    draft_by = add_weeks(received, DRAFT_RECOMMENDED_WEEKS)
    return EhcTimeline(
        received=received,
        school_advice_requested=school_advice_requested,
        decision_to_assess_due=due["decision_to_assess"],
        advice_due=due["advice"],
        draft_plan_recommended_by=draft_by,
        decision_not_to_issue_due=due["decision_not_to_issue"],
        final_plan_due=due["final_plan"],
        exception_applies=ExceptionApplies(
            decision_to_assess="decision_to_assess" in touched,
            advice=("advice" in touched) if school_advice_requested else None,
            decision_not_to_issue="decision_not_to_issue" in touched,
            final_plan="final_plan" in touched,
        ),
        exceptions=reports,
        stages=_stages(received, due, draft_by),
    )


def _stages(received: date, due: dict[str, date | None], draft_by: date) -> list[Stage]:
    """The plain-English timeline a family sees, in date order."""
    stages = [
        Stage(
            "Request for an assessment received by the local authority",
            received,
            "Children and Families Act 2014 s36(1)",
        ),
        Stage(
            "Local authority decides whether to assess",
            due["decision_to_assess"],
            "SEND Regulations 2014 reg 5(1): within 6 weeks of the request",
        ),
        Stage(
            "Draft plan sent — recommended by (not a legal deadline)",
            draft_by,
            "Not statutory: 14 weeks leaves time for the family's 15 days to comment "
            "(reg 13(1)) before the 20-week limit",
        ),
        Stage(
            "Local authority tells you if it will not issue a plan",
            due["decision_not_to_issue"],
            "SEND Regulations 2014 reg 10(1): within 16 weeks of the request",
        ),
        Stage(
            "Final plan issued",
            due["final_plan"],
            "SEND Regulations 2014 reg 13(2): within 20 weeks of the request",
        ),
    ]
    if due["advice"] is not None:
        # Listed before the decision so that, on the same day, advice comes first.
        stages.insert(
            1,
            Stage(
                "Advice due from the school and the professionals asked",
                due["advice"],
                "SEND Regulations 2014 reg 8(1): within 6 weeks of being asked",
            ),
        )
    return sorted(stages, key=lambda stage: stage.due)  # stable: ties keep the order above


@dataclass(frozen=True)
class CommentPeriod:
    served: date
    comments_close: date
    rule: str


def draft_comment_period(*, served: date) -> CommentPeriod:
    """The family's time to comment on a draft or proposed amended plan.

    Regs 13(1) and 22(2): "at least 15 days beginning with the day on which the draft plan was
    served" — calendar days (the regulations say "working days" where they mean them), and
    the day of service is day 1, so the period ends on served + 14.
    """
    return CommentPeriod(
        served=served,
        comments_close=add_days(served, 14),
        rule="SEND Regulations 2014 regs 13(1) and 22(2): at least 15 days, counting the day "
        "the draft was served as the first",
    )


def limits_lifted(*, received: date, exceptions: list[TimeLimitException]) -> set[str]:
    """The time limits ("decision_to_assess", "advice", "decision_not_to_issue", "final_plan")
    that a case's recorded exceptions lift (regs 5(4), 8(2), 10(4); reg 13(3) applies reg 10(4)
    to the final plan), exactly as the case's timeline shows them. Reports count timeliness
    "excluding exceptions" with it (SEN2 item 3.7, DfE statistics). An exception the law
    rejects (an end before its start) lifts nothing: a report must count, not fail."""
    if not exceptions:
        return set()
    try:
        timeline = ehc_timeline(received=received, exceptions=exceptions)
    except LawInputError:
        return set()
    return {limit for report in timeline.exceptions for limit in report.applies_to}
