"""`opensend law parent-meetings`: meeting parents at least three times a year (CoP 6.65)."""

import argparse

from opensend.law.commands._args import add_rule, date_list, iso_date, today_in_uk, year
from opensend.law.meetings import ParentMeetings, parent_meetings, parse_term

DESCRIPTION = """\
Schools should meet the parents or carers of pupils with SEN at least three times each year
(SEND Code of Practice 2015, paragraph 6.65). Group meetings count for every pupil whose parent
or carer attended (DfE implementation guidance, "Engagement with Parents"); for a pupil with an
EHC plan, the annual review meeting counts as one of the three.

The academic year YYYY runs from 1 September YYYY to 31 August YYYY+1. Unless you give the
school's own terms with --term, the terms are autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar and
summer 1 Apr-31 Aug. One meeting is expected for each term in which the pupil is on the register
for at least half of the term's days (calendar days, both ends counted; exactly half counts).

Meetings count when they fall inside the academic year while the pupil is on the register;
others are listed under "ignored" with the reason.

status: met (held >= expected); on_track (held >= the meetings expected by terms that ended on
or before --as-of); offered (held + declined >= that); otherwise behind.

Example:
  opensend law parent-meetings --academic-year 2026 --on-register-from 2026-09-03 \\
      --held 2026-10-08,2027-02-04 --as-of 2027-04-20
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "parent-meetings",
        summary="parent meetings owed this academic year, at least three a year (CoP 6.65)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--academic-year",
        type=year,
        required=True,
        metavar="YYYY",
        help="the academic year starting 1 September YYYY",
    )
    parser.add_argument(
        "--on-register-from",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the first day the pupil is on the school's register",
    )
    parser.add_argument(
        "--on-register-to",
        type=iso_date,
        metavar="DATE",
        help="the last day the pupil is on the register (leave out if still on it)",
    )
    parser.add_argument(
        "--held",
        type=date_list,
        action="extend",
        default=[],
        metavar="DATE,...",
        help="dates of meetings a parent or carer attended (individual or group)",
    )
    parser.add_argument(
        "--declined",
        type=date_list,
        action="extend",
        default=[],
        metavar="DATE,...",
        help="dates of meetings offered but declined or not attended",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="the day to judge progress on (default: today in the UK)",
    )
    parser.add_argument(
        "--term",
        action="append",
        metavar="NAME=START..END",
        help=(
            "the school's own term dates, both ends inclusive; give all three of autumn, spring "
            "and summer, e.g. --term autumn=2026-09-03..2026-12-18"
        ),
    )


def handle(args: argparse.Namespace) -> ParentMeetings:
    terms = [parse_term(value) for value in args.term] if args.term else None
    return parent_meetings(
        academic_year=args.academic_year,
        on_register_from=args.on_register_from,
        on_register_to=args.on_register_to,
        held=args.held,
        declined=args.declined,
        as_of=args.as_of if args.as_of is not None else today_in_uk(),
        terms=terms,
    )
