"""Argument types shared by the rule commands. Each names the problem in plain English."""

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a real date in YYYY-MM-DD form"
        ) from error


def iso_datetime(value: str) -> datetime:
    """A UK local date-time, YYYY-MM-DDTHH:MM, returned naive (wall-clock time as given)."""
    try:
        parsed = datetime.strptime(value, "%Y-%m-%dT%H:%M")
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a real date and time in YYYY-MM-DDTHH:MM form"
        ) from error
    return parsed


def date_list(value: str) -> list[date]:
    """Comma-separated dates, e.g. 2026-10-05,2027-02-01 (an empty string is no dates)."""
    return [iso_date(part.strip()) for part in value.split(",") if part.strip()]


def year(value: str) -> int:
    if not value.isdigit() or len(value) != 4:
        raise argparse.ArgumentTypeError(f"{value!r} is not a four-digit year")
    return int(value)


def json_file(value: str):
    """The parsed contents of a JSON file ('-' reads standard input)."""
    try:
        text = Path(value).read_text(encoding="utf-8") if value != "-" else sys.stdin.read()
    except OSError as error:
        raise argparse.ArgumentTypeError(f"cannot read {value}: {error.strerror}") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise argparse.ArgumentTypeError(
            f"{value} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error


def today_in_uk() -> date:
    """Today in England, for options that default to today (the law package has no Django)."""
    return datetime.now(UK).date()


def add_rule(subparsers, name: str, *, summary: str, description: str, handler):
    """Add a rule's subcommand; `handler(args)` returns the rule's result dataclass."""
    parser = subparsers.add_parser(name, help=summary, description=description)
    parser.set_defaults(handler=handler, subparser=parser)
    return parser
