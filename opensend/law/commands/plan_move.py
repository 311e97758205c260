"""`opensend law plan-move`: an EHC plan moving with the family to a new local authority."""

import argparse

from opensend.law.commands._args import add_rule, iso_date
from opensend.law.errors import LawInputError
from opensend.law.moves import new_authority_duties, plan_transfer

DESCRIPTION = """\
When a child or young person with an EHC plan moves to another local authority's area in
England, the dates the two authorities must keep (SEND Regulations 2014 reg 15).
  transfer.transfer_by         the old authority transfers the plan on the day of the move if
                               it knew at least 15 working days before it (from the day it
                               learned, counted, to the day before the move); otherwise by the
                               15th working day beginning with the day it learned, which is
                               day 1 if it is a working day (reg 15(2)). Working days skip
                               weekends and England and Wales bank holidays.
  new_authority.inform_family_by
                               within 6 weeks of the transfer (+ 42 days): the plan has moved,
                               whether the new authority proposes an EHC needs assessment, and
                               when it will review the plan (reg 15(4))
  new_authority.review_by      the later of the last day of 12 months beginning with the plan's
                               making or last review and the last day of 3 months beginning
                               with the transfer (reg 15(5); CFA 2014 s44). Null without
                               --last-reviewed.
The new authority maintains the plan as if it had made it (reg 15(3)). The new authority's
dates run from --transferred-on if given, otherwise from transfer_by (the latest lawful
transfer). A move of school within the same authority is not reg 15.
"""


def handle(args: argparse.Namespace) -> dict:
    transfer = plan_transfer(move_day=args.move_day, old_la_learned_on=args.learned_on)
    transferred_on = args.transferred_on or transfer.transfer_by
    if transferred_on < args.move_day:
        raise LawInputError(
            "--transferred-on", "the plan cannot transfer before the family has moved"
        )
    return {
        "transfer": transfer,
        "transferred_on": transferred_on,
        "transfer_late": transferred_on > transfer.transfer_by,
        "new_authority": new_authority_duties(
            transferred_on=transferred_on, plan_last_reviewed_or_made=args.last_reviewed
        ),
    }


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "plan-move",
        summary="an EHC plan transferring to a new local authority after a move (reg 15)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--move-day", type=iso_date, required=True, metavar="DATE", help="the day of the move"
    )
    parser.add_argument(
        "--learned-on",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the day the old authority became aware of the move",
    )
    parser.add_argument(
        "--last-reviewed",
        type=iso_date,
        metavar="DATE",
        help="the day the plan was made or last reviewed (by the old authority)",
    )
    parser.add_argument(
        "--transferred-on",
        type=iso_date,
        metavar="DATE",
        help="the day the plan actually transferred (default: transfer_by)",
    )
