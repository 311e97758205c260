import argparse

from opensend.law.commands._args import add_rule, iso_date, year
from opensend.law.reviews import TransferKind, annual_review

DESCRIPTION = """\
When an EHC plan's next review is due, and the dates around a review meeting.
  review_due               12 months after the last review, or after the plan was issued
                           (Children and Families Act 2014 s44)
  invitations_due and      2 weeks before the meeting (SEND Regulations 2014 reg 20(3), (4))
  advice_circulated_by
  report_due               2 weeks after the meeting (reg 20(7))
  decision_due             4 weeks after the meeting (reg 20(10))
  amended_plan_due         12 weeks after the meeting (reg 22(3), as read in
                           R (L, M and P) v Devon CC [2022] EWHC 493 (Admin))
For a child under 5 on the review date, an interim review is recommended 6 months after
the last review or the plan's issue (Code of Practice 9.178: every 3 to 6 months).
In the year of a phase transfer the plan must be amended before 15 February, or before
31 March for a move from secondary school to post-16 (reg 18(1)).
"""


def handle(args):
    return annual_review(
        plan_issued=args.plan_issued,
        last_review=args.last_review,
        meeting=args.meeting,
        dob=args.dob,
        transfer_year=args.transfer_year,
        transfer_kind=args.transfer_kind,
    )


def transfer_kind(value: str) -> TransferKind:
    try:
        return TransferKind(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not 'school' or 'post16'") from error


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "annual-review",
        summary="annual review, amendment and phase-transfer dates (CFA s44, regs 18, 20, 22)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--plan-issued",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the day the final plan was issued",
    )
    parser.add_argument(
        "--last-review",
        type=iso_date,
        metavar="DATE",
        help="the date of the last review meeting, if there has been one",
    )
    parser.add_argument(
        "--meeting",
        type=iso_date,
        metavar="DATE",
        help="the date of the coming (or last) review meeting",
    )
    parser.add_argument(
        "--dob",
        type=iso_date,
        metavar="DATE",
        help="the child's date of birth (to see if they are under 5)",
    )
    parser.add_argument(
        "--transfer-year", type=year, metavar="YYYY", help="the calendar year of a phase transfer"
    )
    parser.add_argument(
        "--transfer-kind",
        type=transfer_kind,
        metavar="school|post16",
        help="school: any school phase move; post16: secondary to post-16",
    )
