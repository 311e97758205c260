import argparse
import dataclasses

from opensend.law.commands._args import add_rule, iso_date, today_in_uk, year
from opensend.law.errors import LawInputError
from opensend.law.reviews import TransferKind, annual_review, next_phase_transfer

YEAR_GROUPS = ("N1", "N2", "R", *(str(n) for n in range(1, 15)))
# Get Information about Schools phases, as organisations.SchoolPhase records them.
SCHOOL_PHASES = (
    "nursery",
    "primary",
    "middle_primary",
    "middle_secondary",
    "secondary",
    "16_plus",
    "all_through",
    "not_applicable",
)

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
With --year-group (and --school-phase, if known), "next_phase_transfer" adds the child's next
phase transfer: the calendar year of the September move, its kind, the reg 18(1) deadline,
the latest review meeting that still has the amended plan issued before it (12 weeks and a day
before), and warn_from (1 September, the autumn term before the move). It is null when the
year group and phase do not tell it (a middle school, or a child past the phase's last year):
then a person enters the transfer. The year group is the one on --today.
"""


def handle(args):
    review = annual_review(
        plan_issued=args.plan_issued,
        last_review=args.last_review,
        meeting=args.meeting,
        dob=args.dob,
        transfer_year=args.transfer_year,
        transfer_kind=args.transfer_kind,
    )
    if args.year_group is None:
        if args.school_phase is not None:
            raise LawInputError("--year-group", "--school-phase needs the child's --year-group")
        return review
    result = {field.name: getattr(review, field.name) for field in dataclasses.fields(review)}
    result["next_phase_transfer"] = next_phase_transfer(
        year_group=args.year_group,
        school_phase=args.school_phase or "",
        today=args.today if args.today is not None else today_in_uk(),
    )
    return result


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
    parser.add_argument(
        "--year-group",
        choices=YEAR_GROUPS,
        metavar="N1|N2|R|1..14",
        help="the child's national curriculum year now (adds next_phase_transfer)",
    )
    parser.add_argument(
        "--school-phase",
        choices=SCHOOL_PHASES,
        metavar="PHASE",
        help="the school's phase: " + ", ".join(SCHOOL_PHASES) + " (default: not recorded)",
    )
    parser.add_argument(
        "--today",
        type=iso_date,
        metavar="DATE",
        help="the day the year group is as at (default: today in the UK)",
    )
