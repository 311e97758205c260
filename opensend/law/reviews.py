"""Annual reviews of EHC plans, amendments after a review, and phase transfers.

Sources (reference/statutory.md §3): Children and Families Act 2014 s44 (review at least every
12 months); SEND Regulations 2014 regs 18, 20 and 22; SEND Code of Practice 9.178 (under-fives);
R (L, M and P) v Devon County Council [2022] EWHC 493 (Admin) on when the amended plan is due.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.law.dates import academic_year_of, add_days, add_months, age_on
from opensend.law.errors import LawInputError

# CFA s44(1): the plan must be reviewed at least every 12 months, first from its issue.
REVIEW_INTERVAL_MONTHS = 12
# Reg 20(3) and (4): at least 2 weeks' notice of the meeting, and advice circulated at least
# 2 weeks before it.
NOTICE_DAYS = 14
# Reg 20(7)-(8): the report within 2 weeks of the meeting.
REPORT_DAYS = 14
# Reg 20(10): the local authority decides within 4 weeks of the meeting.
DECISION_DAYS = 28
# Reg 22(3), as read in R (L, M and P) v Devon CC 2022: the proposed amendments go with the
# 4-week decision, and the amended plan follows within 8 weeks of that: 12 weeks in all.
AMENDED_PLAN_DAYS = 84
# CoP 9.178: for children under 5, consider reviewing every 3 to 6 months.
UNDER_FIVE_INTERVAL_MONTHS = 6
UNDER_FIVE_AGE = 5


class TransferKind(StrEnum):
    SCHOOL = "school"  # reg 18(1)(b): amend before 15 February of the year of transfer
    POST16 = "post16"  # reg 18(1)(a): secondary school to post-16, before 31 March


def phase_transfer_deadline(year: int, kind: TransferKind) -> date:
    """Reg 18(1): the plan must be reviewed and amended before this date of the transfer year."""
    return date(year, 2, 15) if kind == TransferKind.SCHOOL else date(year, 3, 31)


@dataclass(frozen=True)
class AnnualReview:
    plan_issued: date
    last_review: date | None
    review_due: date
    meeting: date | None
    invitations_due: date | None
    advice_circulated_by: date | None
    report_due: date | None
    decision_due: date | None
    amended_plan_due: date | None
    dob: date | None
    under_five: bool | None
    interim_review_recommended_by: date | None
    transfer_year: int | None
    transfer_kind: TransferKind | None
    phase_transfer_deadline: date | None
    next_deadline: date


def annual_review(
    *,
    plan_issued: date,
    last_review: date | None = None,
    meeting: date | None = None,
    dob: date | None = None,
    transfer_year: int | None = None,
    transfer_kind: TransferKind | None = None,
) -> AnnualReview:
    _validate(plan_issued, last_review, meeting, dob, transfer_year, transfer_kind)
    base = last_review or plan_issued
    review_due = add_months(base, REVIEW_INTERVAL_MONTHS)
    under_five = age_on(dob, review_due) < UNDER_FIVE_AGE if dob else None
    transfer_deadline = (
        phase_transfer_deadline(transfer_year, transfer_kind) if transfer_year else None
    )
    return AnnualReview(
        plan_issued=plan_issued,
        last_review=last_review,
        review_due=review_due,
        meeting=meeting,
        invitations_due=add_days(meeting, -NOTICE_DAYS) if meeting else None,
        advice_circulated_by=add_days(meeting, -NOTICE_DAYS) if meeting else None,
        report_due=add_days(meeting, REPORT_DAYS) if meeting else None,
        decision_due=add_days(meeting, DECISION_DAYS) if meeting else None,
        amended_plan_due=add_days(meeting, AMENDED_PLAN_DAYS) if meeting else None,
        dob=dob,
        under_five=under_five,
        interim_review_recommended_by=(
            add_months(base, UNDER_FIVE_INTERVAL_MONTHS) if under_five else None
        ),
        transfer_year=transfer_year,
        transfer_kind=transfer_kind,
        phase_transfer_deadline=transfer_deadline,
        next_deadline=min(review_due, transfer_deadline) if transfer_deadline else review_due,
    )


def _validate(plan_issued, last_review, meeting, dob, transfer_year, transfer_kind) -> None:
    if last_review is not None and last_review < plan_issued:
        raise LawInputError("--last-review", "a review cannot come before the plan was issued")
    if meeting is not None and meeting < plan_issued:
        raise LawInputError("--meeting", "a review meeting cannot come before the plan was issued")
    if dob is not None and dob > plan_issued:
        raise LawInputError("--dob", "the date of birth is after the plan was issued")
    if (transfer_year is None) != (transfer_kind is None):
        raise LawInputError(
            "--transfer-year" if transfer_year is None else "--transfer-kind",
            "--transfer-year and --transfer-kind go together: give both or neither",
        )


# --- phase transfers (reg 2 "phase", reg 18) ----------------------------------------------------

# The national curriculum year each school phase ends with, and the kind of move that follows
# it (reg 2: early years to school, primary to secondary, secondary to post-16). Middle and
# infant/junior schools vary by area, so their transfers are entered, not guessed.
_PHASE_ENDS: dict[str, tuple[int, TransferKind]] = {
    "nursery": (-1, TransferKind.SCHOOL),  # Nursery 2, then Reception
    "primary": (6, TransferKind.SCHOOL),
    "secondary": (11, TransferKind.POST16),
    "all_through": (11, TransferKind.POST16),
}
# With no phase recorded, the year group alone says the usual move.
_YEAR_ENDS: dict[int, TransferKind] = {
    -1: TransferKind.SCHOOL,
    6: TransferKind.SCHOOL,
    11: TransferKind.POST16,
}
# Reg 18(1): a review in the autumn term before the transfer leaves time to amend the plan.
TRANSFER_WARNING_MONTH = 9


@dataclass(frozen=True)
class NextTransfer:
    year: int  # the calendar year of the September the child moves
    kind: TransferKind
    deadline: date  # reg 18(1): the plan amended before this date
    latest_meeting: date  # the last review meeting that still meets the deadline
    warn_from: date  # the start of the autumn term before the move


def next_phase_transfer(*, year_group: str, school_phase: str, today: date) -> NextTransfer | None:
    """The child's next phase transfer from their year group and their school's phase, or None
    when neither tells it (then a person enters it)."""
    current = _curriculum_year(year_group)
    if current is None:
        return None
    if school_phase in _PHASE_ENDS:
        last, kind = _PHASE_ENDS[school_phase]
        if current > last:
            return None
    else:
        following = [year for year in _YEAR_ENDS if year >= current]
        if school_phase not in ("", "not_applicable") or not following:
            return None
        last = min(following)
        kind = _YEAR_ENDS[last]
    year = academic_year_of(today) + (last - current) + 1
    return transfer_dates(year, kind)


def _curriculum_year(year_group: str) -> int | None:
    """Nursery 1 is -2, Nursery 2 is -1, Reception 0, then Years 1 to 14."""
    early = {"N1": -2, "N2": -1, "R": 0}
    if year_group in early:
        return early[year_group]
    try:
        return int(year_group)
    except (TypeError, ValueError):
        return None


def transfer_dates(year: int, kind: TransferKind) -> NextTransfer:
    deadline = phase_transfer_deadline(year, kind)
    return NextTransfer(
        year=year,
        kind=kind,
        deadline=deadline,
        latest_meeting=latest_meeting_for(deadline),
        warn_from=date(year - 1, TRANSFER_WARNING_MONTH, 1),
    )


def latest_meeting_for(deadline: date) -> date:
    """Reg 18(1) with reg 22(3) as read in Devon (2022): the amended plan may take 12 weeks
    from the meeting and must be issued *before* the deadline, so the meeting is held no later
    than 12 weeks and a day before it."""
    return add_days(deadline, -AMENDED_PLAN_DAYS - 1)


# --- under-fives (CoP 9.178) --------------------------------------------------------------------

UNDER_FIVE_EARLIEST_MONTHS = 3


def interim_review_window(*, last_review: date, dob: date) -> tuple[date, date] | None:
    """CoP 9.178: for a child under 5, the LA should consider a review every 3 to 6 months.
    Suggested, never required: None once the child is 5 on the window's last day."""
    latest = add_months(last_review, UNDER_FIVE_INTERVAL_MONTHS)
    if age_on(dob, latest) >= UNDER_FIVE_AGE:
        return None
    return add_months(last_review, UNDER_FIVE_EARLIEST_MONTHS), latest


def review_dates(meeting: date) -> dict[str, date]:
    """Reg 20(3), (4), (7), (10) and reg 22(3) (Devon 2022): the dates a meeting sets."""
    return {
        "invitations_due": add_days(meeting, -NOTICE_DAYS),
        "advice_due": add_days(meeting, -NOTICE_DAYS),
        "report_due": add_days(meeting, REPORT_DAYS),
        "decision_due": add_days(meeting, DECISION_DAYS),
        "amended_plan_due": add_days(meeting, AMENDED_PLAN_DAYS),
    }


def next_review_due(*, last: date) -> date:
    """CFA s44(1): within 12 months of the plan's issue, then of the previous review."""
    return add_months(last, REVIEW_INTERVAL_MONTHS)
