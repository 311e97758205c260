import argparse

from opensend.law.commands._args import add_rule, iso_date
from opensend.law.ehc import ExceptionKind, TimeLimitException, ehc_timeline

DESCRIPTION = """\
The time limits of an EHC needs assessment, counted from the day the local authority
received the request:
  6 weeks   decide whether to assess                 (SEND Regulations 2014 reg 5(1))
  6 weeks   advice from each body asked, from the day it was asked      (reg 8(1))
 16 weeks   say if no plan will be issued after assessing             (reg 10(1))
 20 weeks   issue the final EHC plan                                  (reg 13(2))
A draft is recommended by week 14 (not a legal deadline) so the family's 15 days to
comment fit in.

An exception never moves a date. It is reported against the limits it applies to:
  personal_circumstances:START:END   exceptional personal circumstances (reg 10(4)(c),
                                     8(2)(a)); applies if it overlaps the limit's period
  absence_from_area:START:END        the child or family away from the area for at least
                                     28 days in a row within the period (reg 10(4)(d), 8(2)(b))
  missed_appointment:DAY:DAY         an appointment for advice not kept (reg 8(2)(c));
                                     advice limit only
  school_closure:START:REOPENS       a closure of at least 4 weeks; applies when the school's
                                     advice was asked from a week before it closed until a
                                     week before it reopens (reg 10(4)(a)/(b))
"""


def exception_argument(value: str) -> TimeLimitException:
    parts = value.split(":")
    if len(parts) != 3:
        raise argparse.ArgumentTypeError(f"{value!r} is not in the form KIND:START:END")
    kind, start, end = parts
    try:
        kind = ExceptionKind(kind)
    except ValueError as error:
        choices = ", ".join(k.value for k in ExceptionKind)
        raise argparse.ArgumentTypeError(f"{kind!r} is not one of: {choices}") from error
    return TimeLimitException(kind=kind, start=iso_date(start), end=iso_date(end))


def handle(args):
    return ehc_timeline(
        received=args.received,
        exceptions=args.exception,
        school_advice_requested=args.school_advice_requested,
    )


def register(subparsers) -> None:
    parser = add_rule(
        subparsers,
        "ehc-timeline",
        summary="EHC needs assessment time limits and their exceptions (regs 5, 8, 10, 13)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--received",
        type=iso_date,
        required=True,
        metavar="DATE",
        help="the day the local authority received the request",
    )
    parser.add_argument(
        "--exception",
        type=exception_argument,
        action="append",
        default=[],
        metavar="KIND:START:END",
        help="a recorded exception (may be given more than once)",
    )
    parser.add_argument(
        "--school-advice-requested",
        type=iso_date,
        metavar="DATE",
        help="the day the school or setting was asked for its advice",
    )
