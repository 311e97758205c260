"""`opensend law transfer-plan --input FILE.json`: a managed programme of transfer reviews."""

import argparse

from opensend.law.commands._args import add_rule, json_file
from opensend.law.transfer import TransferPlan, plan_from_json

DESCRIPTION = """\
Plan a managed, phased programme of transfer reviews from statements of SEN to EHC plans.

The law: a statement became an EHC plan only after a transfer review, a full EHC needs
assessment (Children and Families Act 2014 s137; transitional order SI 2014/2270, Part 5).
The order set deadlines (art. 14): the assessment had to be concluded before 15 February of
the year a child changed phase in 2016 or 2017 (before 31 March for a move to post-16), and
for everyone else before 1 April 2018. The DfE's 2014 transition guidance asked each local
authority for a managed, phased transfer: no school swamped, no demand to transfer everyone
at once.

How it plans: each review starts on the first day of a month on or after "start". Its final
plan is due "review_weeks" weeks later (start + 7 x review_weeks days): use 20 for transfers
started from 1 September 2015 (2 weeks' notice + 18 weeks, TO-2015, SI 2015/1619 arts 3-4),
16 before (2 + 14). A statement's "due" date is the day before "deadline", or the day before
its phase-transfer date (15 February, or 31 March for post16) when that is earlier, and the
final plan must be due on or before it. No month starts more than "monthly_capacity" reviews,
nor more than "max_per_school_per_month" at one school.

The plan is exact: if any schedule meets every limit, "feasible" is true and "schedule" lists
every statement (ordered by start, then due, then input order). If none does, "schedule" lists
a largest set that can be scheduled (preferring earlier due dates, then input order),
"unscheduled" the rest (in input order), and "monthly_capacity_needed" the least monthly
capacity that would schedule everyone with the other limits unchanged (null if no capacity
can, because a due date is too early or the per-school limit binds). Start months are the
earliest possible, most urgent statement first.

With "level": true the same statements are scheduled, then levelled across the months rather
than packed early (issue 9): reviews move, least urgent first, from busier months to the
least busy month they may still take (on or before their due date, within both limits) until
none can move, so every school sees its reviews spread over the programme. The phase-transfer
children stay early where that is the only place they fit. "level" is optional (default
false: packed early).

Input (a JSON file, or - for standard input):
  {"start": "2015-09-01", "deadline": "2018-04-01", "monthly_capacity": 40,
   "max_per_school_per_month": 3, "review_weeks": 20, "level": true,
   "statements": [{"id": "S1", "school": "Oak Primary",
                   "phase_transfer": {"year": 2016, "kind": "school"}}, ...]}
"phase_transfer" is optional; "kind" is "school" or "post16". "level" is optional.
"""


def handle(args: argparse.Namespace) -> TransferPlan:
    return plan_from_json(args.input)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "transfer-plan",
        summary="a managed programme of statement-to-EHC-plan transfer reviews (SI 2014/2270)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--input",
        required=True,
        type=json_file,
        metavar="FILE.json",
        help="the programme as JSON (see above); '-' reads standard input",
    )
