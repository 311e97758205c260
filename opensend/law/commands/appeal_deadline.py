"""`opensend law appeal-deadline`: the last day to appeal to the SEND Tribunal, and whether a
mediation certificate is needed first."""

import argparse
import textwrap

from opensend.law.appeals import AppealDeadline, AppealGround, appeal_deadline
from opensend.law.commands._args import add_rule, iso_date

DESCRIPTION = (
    """\
The last day for the First-tier Tribunal (SEND) to receive an appeal: 2 months from the
decision letter, or 1 month from the mediation certificate, whichever is later (Tribunal
Procedure (First-tier Tribunal) (HESC) Rules 2008 r20, as IPSEA states it). Then (r12):
  a day from 25 December to 1 January   moves to the first working day after 1 January
  a day in August                       moves to the first working day after 31 August
  a weekend or bank holiday             moves to the next working day
Months end on the same day of the month, or the month's last day if there is no such day
(31 December + 2 months = 28 February, or 29 February in a leap year).

With --ground (repeat it for each ground), certificate_needed says whether the family needs a
mediation certificate before appealing: always, unless the appeal is only about section I,
the placement (Children and Families Act 2014 s55); contact_mediation_adviser_by is 2 months
after the decision letter (SEND Regulations 2014 reg 33). Without --ground it is null.

Out: decision_letter, mediation_certificate, two_months_from_letter,
one_month_from_certificate, rule (decision_letter or mediation_certificate: which period
ends later), unadjusted, deadline, adjustment (the move in words, or null), grounds,
certificate_needed, contact_mediation_adviser_by, reasons (sentences, each with its source).

"""
    + textwrap.fill("Grounds: " + ", ".join(ground.value for ground in AppealGround), width=92)
    + """

Example:
  opensend law appeal-deadline --decision-letter 2026-10-01 \\
      --mediation-certificate 2026-11-29 --ground section_f
"""
)


def handle(args) -> AppealDeadline:
    return appeal_deadline(
        decision_letter=args.decision_letter,
        mediation_certificate=args.mediation_certificate,
        grounds=args.ground or (),
    )


def ground(value: str) -> AppealGround:
    try:
        return AppealGround(value)
    except ValueError as error:
        choices = ", ".join(item.value for item in AppealGround)
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a ground of appeal (one of: {choices})"
        ) from error


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "appeal-deadline",
        summary="the SEND Tribunal appeal deadline and mediation certificate (HESC r12, r20)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--decision-letter",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the date of the local authority's decision letter (or final plan)",
    )
    parser.add_argument(
        "--mediation-certificate",
        type=iso_date,
        metavar="DATE",
        help="the date of the mediation certificate, if one has been issued",
    )
    parser.add_argument(
        "--ground",
        type=ground,
        action="append",
        metavar="GROUND",
        help="what the appeal is about (repeat for each): "
        + ", ".join(item.value for item in AppealGround),
    )
