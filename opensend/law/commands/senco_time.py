"""`opensend law senco-time`: protected time for the SENCO (implementation guidance "SENCOs")."""

import argparse

from opensend.law.commands._args import add_rule, json_file
from opensend.law.errors import LawInputError
from opensend.law.senco import SencoTime, parse_senco_input, senco_time

DESCRIPTION = """\
Schools should give the SENCO specific timetabled time and administrative support, comparable
to that of other important senior roles; where the SENCO also has leadership time for other
purposes, SENCO time should be additional to it; and PPA time should not be used to provide
SENCO time (DfE SEND implementation guidance, "SENCOs"). PPA time is at least 10% of timetabled
teaching time (School Teachers' Pay and Conditions Document).

The JSON file (hours per week; '-' reads one line of JSON from standard input):
  {"senco": {"teaching_hours": 20, "senco_hours": 6, "other_leadership_hours": 2,
             "senco_hours_taken_from_leadership": 0, "ppa_hours": 2,
             "senco_duties_in_ppa_hours": 0, "admin_support_hours": 3},
   "senior_roles": [{"role": "Deputy head", "leadership_hours": 8}, ...]}

checks, in this order, each {code, passed, detail}:
  senco_time_timetabled          senco_hours > 0
  comparable_to_senior_roles     senco_hours >= the median leadership_hours of senior_roles
                                 (mean of the two middle ones for an even count; passes with
                                 "no comparator" when senior_roles is empty)
  additional_to_leadership_time  senco_hours_taken_from_leadership = 0
  ppa_protected                  senco_duties_in_ppa_hours = 0 and ppa_hours >= 10% of
                                 teaching_hours
  admin_support                  admin_support_hours > 0
compliant is true when every check passes. A failing check's detail says what to change.
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "senco-time",
        summary="protected, timetabled SENCO time (DfE guidance 'SENCOs'; STPCD for PPA)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--input",
        type=json_file,
        required=True,
        metavar="FILE.json",
        help="the SENCO's hours and the senior roles' leadership hours, as JSON",
    )


def handle(args: argparse.Namespace) -> SencoTime:
    try:
        hours, roles = parse_senco_input(args.input)
    except LawInputError as error:
        # Name the command-line option as well as the place in the file.
        raise LawInputError("--input", f"{error.option}: {error.message}") from error
    return senco_time(hours, roles)
