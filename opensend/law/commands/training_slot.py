"""`opensend law training-slot`: SEND training in directed time, planned in advance."""

import argparse

from opensend.law.commands._args import add_rule, iso_date, iso_datetime, today_in_uk
from opensend.law.training import (
    DEFAULT_MIN_NOTICE_DAYS,
    TrainingSlot,
    parse_clock,
    parse_closure,
    training_slot,
)

DESCRIPTION = """\
Training for SENCOs and teachers should be planned in advance and arranged so that teachers do
not have to do it in the evenings or at weekends (DfE SEND implementation guidance, "Training
and Support").

Every day the session touches is checked. problems lists, in this order, any of:
  weekend             a Saturday or Sunday
  bank_holiday        an England and Wales bank holiday
  school_closure      a day inside a --closure range
  outside_school_day  any part of the session before --day-start or after --day-end
in_directed_time is true when there are no problems. problem_days gives the days for each.
A session ending at 00:00 does not touch the next day. Times are UK local wall-clock times,
taken as given (also in the hour the clocks skip or repeat).

notice_days = the start date minus --planned-on (negative if it was planned after the event);
planned_in_advance is true when notice_days >= --min-notice-days.

Example:
  opensend law training-slot --start 2026-11-10T13:30 --end 2026-11-10T15:30 \\
      --planned-on 2026-10-01 --closure 2026-10-26..2026-10-30
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "training-slot",
        summary="training in the school day, not evenings or weekends, and planned ahead",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--start",
        type=iso_datetime,
        required=True,
        metavar="DATETIME",
        help="when the session starts, YYYY-MM-DDTHH:MM (UK local time)",
    )
    parser.add_argument(
        "--end",
        type=iso_datetime,
        required=True,
        metavar="DATETIME",
        help="when it ends, YYYY-MM-DDTHH:MM (UK local time), after --start",
    )
    parser.add_argument(
        "--planned-on",
        type=iso_date,
        metavar="DATE",
        help="the day the session was planned and announced (default: today in the UK)",
    )
    parser.add_argument(
        "--day-start",
        default="08:00",
        metavar="HH:MM",
        help="when the school day starts (default: 08:00)",
    )
    parser.add_argument(
        "--day-end",
        default="17:30",
        metavar="HH:MM",
        help="when the school day ends (default: 17:30)",
    )
    parser.add_argument(
        "--closure",
        action="append",
        default=[],
        metavar="START..END",
        help=(
            "days the school is closed, e.g. 2026-12-21..2027-01-01; START and END are both "
            "closed days (both ends inclusive). Repeat for more closures."
        ),
    )
    parser.add_argument(
        "--min-notice-days",
        type=int,
        default=DEFAULT_MIN_NOTICE_DAYS,
        metavar="N",
        help=f"the least notice that counts as planned in advance (default: "
        f"{DEFAULT_MIN_NOTICE_DAYS} days)",
    )


def handle(args: argparse.Namespace) -> TrainingSlot:
    return training_slot(
        start=args.start,
        end=args.end,
        planned_on=args.planned_on if args.planned_on is not None else today_in_uk(),
        day_start=parse_clock(args.day_start, "--day-start"),
        day_end=parse_clock(args.day_end, "--day-end"),
        closures=[parse_closure(value) for value in args.closure],
        min_notice_days=args.min_notice_days,
    )
