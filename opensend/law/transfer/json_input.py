"""Reading and checking the JSON input of `opensend law transfer-plan --input`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from opensend.law.errors import LawInputError
from opensend.law.transfer.plan import (
    INPUT_OPTION,
    PHASE_KINDS,
    PhaseTransfer,
    Statement,
    StatementId,
    TransferPlan,
    plan_transfers,
)

# Exactly YYYY-MM-DD: Python 3.11 would also read forms such as 20150910.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# ---------------------------------------------------------------------------------------------
# Reading the JSON input

_TOP_KEYS = (
    "start",
    "deadline",
    "monthly_capacity",
    "max_per_school_per_month",
    "review_weeks",
    "statements",
)


def _object(
    value: object, where: str, required: Sequence[str], optional: Sequence[str] = ()
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise LawInputError(INPUT_OPTION, f"{where} must be a JSON object")
    for key in required:
        if key not in value:
            raise LawInputError(INPUT_OPTION, f"{_field(where, key)} is missing")
    for key in value:
        if key not in required and key not in optional:
            raise LawInputError(INPUT_OPTION, f"{_field(where, str(key))} is not a known key")
    return value


def _field(where: str, key: str) -> str:
    return key if where == "the input" else f"{where}.{key}"


def _whole_number(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LawInputError(INPUT_OPTION, f"{field} must be a whole number, not {value!r}")
    return value


def _date(value: object, field: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise LawInputError(
            INPUT_OPTION, f"{field} must be a date in YYYY-MM-DD form, not {value!r}"
        )
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise LawInputError(INPUT_OPTION, f"{field} {value!r} is not a real date") from error


def _name(value: object, field: str) -> StatementId:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise LawInputError(
            INPUT_OPTION, f"{field} must be a non-empty string or a whole number, not {value!r}"
        )
    return value


def _statement(value: object, index: int) -> Statement:
    where = f"statements[{index}]"
    data = _object(value, where, ("id", "school"), ("phase_transfer",))
    transfer = data.get("phase_transfer")
    phase: PhaseTransfer | None = None
    if transfer is not None:
        where_transfer = f"{where}.phase_transfer"
        transfer = _object(transfer, where_transfer, ("year", "kind"))
        year = _whole_number(transfer["year"], f"{where_transfer}.year")
        if not 1 <= year <= 9999:
            raise LawInputError(INPUT_OPTION, f"{where_transfer}.year {year} is not a real year")
        kind = transfer["kind"]
        if kind not in PHASE_KINDS:
            raise LawInputError(
                INPUT_OPTION, f"{where_transfer}.kind must be 'school' or 'post16', not {kind!r}"
            )
        phase = PhaseTransfer(year=year, kind=kind)
    return Statement(
        id=_name(data["id"], f"{where}.id"),
        school=_name(data["school"], f"{where}.school"),
        phase_transfer=phase,
    )


def plan_from_json(data: object) -> TransferPlan:
    """The rule applied to the parsed JSON input of `opensend law transfer-plan --input`."""
    top = _object(data, "the input", _TOP_KEYS, ("level",))
    level = top.get("level", False)
    if not isinstance(level, bool):
        raise LawInputError(INPUT_OPTION, f"level must be true or false, not {level!r}")
    statements = top["statements"]
    if not isinstance(statements, list):
        raise LawInputError(INPUT_OPTION, "statements must be a JSON list")
    return plan_transfers(
        start=_date(top["start"], "start"),
        deadline=_date(top["deadline"], "deadline"),
        monthly_capacity=_whole_number(top["monthly_capacity"], "monthly_capacity"),
        max_per_school_per_month=_whole_number(
            top["max_per_school_per_month"], "max_per_school_per_month"
        ),
        review_weeks=_whole_number(top["review_weeks"], "review_weeks"),
        statements=[_statement(item, index) for index, item in enumerate(statements)],
        level=level,
    )
