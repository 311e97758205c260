"""`opensend law senco-qualification`: the SENCO's statutory qualification (reg 49)."""

import argparse

from opensend.law.commands._args import add_rule, iso_date, today_in_uk
from opensend.law.errors import LawInputError
from opensend.law.senco_qualification import SencoQualification, senco_qualification

DESCRIPTION = """\
The SENCO must be a qualified teacher, or the head or acting head (SEND Regulations 2014 reg
49(2) and (3)). Someone who becomes SENCO after 1 September 2009, and has not already been a
SENCO for more than 12 months in total, must hold the qualification by the third anniversary
of becoming SENCO (reg 49(4)). The qualification is the NPQ for SENCOs for a course started on
or after 1 September 2024; the NASENCO counts if it started before then and is completed
before 1 September 2027 (reg 49(7), as amended by SI 2024/535).

status is one of:
  held          the qualification is held
  not_required  appointed before 1 September 2009, or more than 12 months as SENCO before
  in_progress   required, and due_on is more than --warn-months away
  due_soon      required, and due_on is within --warn-months
  overdue       required, and due_on has passed
due_on is the last day the SENCO may be in post without it: the third anniversary of
appointment, or 31 August 2027 for a NASENCO still in progress, whichever is earlier.
problems lists what must change, each {code, detail}.

Example:
  opensend law senco-qualification --appointed-on 2024-09-01 --course npq \\
      --course-started-on 2025-10-01 --today 2027-04-01
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "senco-qualification",
        summary="the SENCO's qualification: NPQ for SENCOs or NASENCO, within 3 years (reg 49)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--appointed-on", type=iso_date, required=True, metavar="DATE", help="became SENCO"
    )
    parser.add_argument(
        "--today", type=iso_date, metavar="DATE", help="the day to check on (default: today)"
    )
    parser.add_argument(
        "--not-qualified-teacher",
        action="store_true",
        help="the SENCO is not a qualified teacher (reg 49(2))",
    )
    parser.add_argument(
        "--head", action="store_true", help="the SENCO is the head or acting head (reg 49(3))"
    )
    parser.add_argument(
        "--previous-senco-months",
        type=int,
        default=0,
        metavar="N",
        help="months already served as a SENCO before this appointment (default: 0)",
    )
    parser.add_argument(
        "--course",
        choices=["npq", "nasenco"],
        default="",
        help="the qualification course, if the SENCO has started one",
    )
    parser.add_argument("--course-started-on", type=iso_date, metavar="DATE")
    parser.add_argument("--course-completed-on", type=iso_date, metavar="DATE")
    parser.add_argument(
        "--warn-months",
        type=int,
        default=6,
        metavar="N",
        help="warn this many months before the qualification is due (default: 6)",
    )


def handle(args: argparse.Namespace) -> SencoQualification:
    try:
        return _check(args)
    except LawInputError as error:
        # The rule names its keyword (course_started_on); the shell user typed an option.
        raise LawInputError("--" + error.option.replace("_", "-"), error.message) from error


def _check(args: argparse.Namespace) -> SencoQualification:
    return senco_qualification(
        appointed_on=args.appointed_on,
        today=args.today if args.today is not None else today_in_uk(),
        qualified_teacher=not args.not_qualified_teacher,
        is_head=args.head,
        previous_senco_months=args.previous_senco_months,
        course=args.course,
        course_started_on=args.course_started_on,
        course_completed_on=args.course_completed_on,
        warn_months=args.warn_months,
    )
