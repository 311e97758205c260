"""`opensend law RULE [options]`: ask a statutory rule directly, get one JSON object back.

Exit 0 with the JSON on stdout; bad input exits 2 with argparse's usage line and one error
line naming the option, never a traceback. Each rule's command-line glue lives in
`opensend/law/commands/<rule>.py`, with a `register(subparsers)` function; the rules
themselves are plain functions in this package.
"""

import argparse
import importlib
import json
import sys

from opensend.law.errors import LawInputError
from opensend.law.jsonable import to_jsonable

# In the order `opensend law --help` lists them.
COMMAND_MODULES = [
    "ehc_timeline",
    "draft_comments",
    "annual_review",
    "parent_meetings",
    "training_slot",
    "senco_time",
    "senco_qualification",
    "transfer_plan",
    "sen_information_report",
    "sen2",
    "codes",
    "plan_move",
    "appeal_deadline",
]


class LawArgumentParser(argparse.ArgumentParser):
    """argparse, with plain-English defaults: errors exit 2 after the usage line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> LawArgumentParser:
    parser = LawArgumentParser(
        prog="opensend law",
        description=(
            "Ask one of OpenSEND's statutory rules directly. Each rule prints one JSON object.\n"
            "Dates are YYYY-MM-DD; date-times YYYY-MM-DDTHH:MM in UK local time.\n"
            "Run 'opensend law RULE --help' for a rule's options and its legal source."
        ),
    )
    subparsers = parser.add_subparsers(
        dest="rule", required=True, metavar="RULE", parser_class=LawArgumentParser
    )
    for name in COMMAND_MODULES:
        importlib.import_module(f"opensend.law.commands.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result = args.handler(args)
    except LawInputError as error:
        args.subparser.error(f"{error.option}: {error.message}")
    sys.stdout.write(json.dumps(to_jsonable(result), indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
