"""Annual reviews of EHC plans, amendments after a review, and phase transfers.

Sources (reference/statutory.md §3): Children and Families Act 2014 s44 (review at least every
12 months); SEND Regulations 2014 regs 18, 20 and 22; SEND Code of Practice 9.178 (under-fives);
R (L, M and P) v Devon County Council [2022] EWHC 493 (Admin) on when the amended plan is due.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.law.dates import add_days, add_months, age_on
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
