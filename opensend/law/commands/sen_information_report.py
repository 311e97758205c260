"""`opensend law sen-information-report`: what a school's SEN information report must say,
which items a draft still lacks, and when it must be published again."""

import argparse

from opensend.law.commands._args import add_rule, iso_date, json_file
from opensend.law.errors import LawInputError
from opensend.law.information_report import (
    ITEMS_BY_KEY,
    items_for,
    missing_items,
    next_publication_due,
    reminder_due,
)

DESCRIPTION = """\
Every maintained school, maintained nursery and academy publishes an SEN information report on
its website and updates it at least once a year (Children and Families Act 2014 s69; SEND
Regulations 2014 reg 51 and Schedule 1; Code of Practice 6.79). Schedule 1 lists what it must
say; items 2 (identifying and assessing SEN) and 4 (the SENCO) are for mainstream schools and
maintained nurseries only. Item 3's parts (a) to (g), and the disability information of s69(3),
are listed as items of their own.

With --answers (a JSON object of item key -> text) the result lists the items still blank.
With --published-on it gives the day the report must be published again (a year later) and
the day OpenSEND reminds the school (a month before).

Example:
  opensend law sen-information-report --published-on 2026-09-14 --answers draft.json
"""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = add_rule(
        subparsers,
        "sen-information-report",
        summary="the SEN information report's items, what a draft lacks, when it is due (Sch 1)",
        description=DESCRIPTION,
        handler=handle,
    )
    parser.add_argument(
        "--special",
        action="store_true",
        help="a special school: items 2 and 4 do not apply",
    )
    parser.add_argument(
        "--answers", type=json_file, metavar="FILE", help="the draft's answers as JSON ('-': stdin)"
    )
    parser.add_argument(
        "--published-on", type=iso_date, metavar="DATE", help="when it was last published"
    )


def _item(item) -> dict:
    return {
        "number": item.number,
        "key": item.key,
        "question": item.question,
        "source": item.source,
    }


def handle(args: argparse.Namespace) -> dict:
    mainstream = not args.special
    result: dict = {"items": [_item(item) for item in items_for(mainstream=mainstream)]}
    if args.answers is not None:
        if not isinstance(args.answers, dict) or not all(
            isinstance(text, str) for text in args.answers.values()
        ):
            raise LawInputError("--answers", "must be a JSON object of item key -> text")
        unknown = sorted(set(args.answers) - set(ITEMS_BY_KEY))
        if unknown:
            raise LawInputError("--answers", f"unknown item keys: {', '.join(unknown)}")
        missing = missing_items(args.answers, mainstream=mainstream)
        result["missing"] = [_item(item) for item in missing]
        result["complete"] = not missing
    if args.published_on is not None:
        result["published_on"] = args.published_on
        result["next_publication_due"] = next_publication_due(args.published_on)
        result["reminder_on"] = reminder_due(args.published_on)
        result["rule"] = "CoP 6.79: the SEN information report is updated at least annually"
    return result
