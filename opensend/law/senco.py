"""Protected time for the SENCO.

Sources:
- DfE SEND implementation guidance (seed/send-implementation-guidance.txt), "SENCOs": schools
  should give SENCOs "sufficient administrative support and specific timetabled time"; that
  support and time "should be comparable to that provided for holders of other important senior
  roles within the school"; where a SENCO also has leadership and management time for other
  purposes, SENCO time "should be additional to that time"; and "PPA time should not be
  encroached upon for the purpose of providing time for the SENCO role".
- School Teachers' Pay and Conditions Document (STPCD), the section on planning, preparation
  and assessment (PPA) time: a teacher is guaranteed PPA time of at least 10% of their
  timetabled teaching time.

Hours are hours per week. Numbers may be whole or decimal; arithmetic is done in decimal so that
10% of 22.5 hours is exactly 2.25 hours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from opensend.law.errors import LawInputError

SENCO_KEYS = (
    "teaching_hours",
    "senco_hours",
    "other_leadership_hours",
    "senco_hours_taken_from_leadership",
    "ppa_hours",
    "senco_duties_in_ppa_hours",
    "admin_support_hours",
)

# STPCD: PPA time is at least 10% of timetabled teaching time.
PPA_MINIMUM_SHARE = Decimal("0.1")

Number = int | float


@dataclass(frozen=True)
class SencoHours:
    teaching_hours: Number
    senco_hours: Number
    other_leadership_hours: Number
    senco_hours_taken_from_leadership: Number
    ppa_hours: Number
    senco_duties_in_ppa_hours: Number
    admin_support_hours: Number


@dataclass(frozen=True)
class SeniorRole:
    role: str
    leadership_hours: Number


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class SencoTime:
    rule: str
    checks: tuple[Check, ...]
    compliant: bool
    median_senior_leadership_hours: Number | None
    ppa_minimum_hours: Number


def _number(value: object, path: str) -> Number:
    # JSON true/false parse to bool, which Python counts as an int: they are not hours.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LawInputError(path, f"{value!r} is not a number of hours")
    if isinstance(value, float) and not math.isfinite(value):
        raise LawInputError(path, f"{value!r} is not a number of hours")
    if value < 0:
        raise LawInputError(path, f"{value!r} is negative; hours must be 0 or more")
    return value


def parse_senco_input(data: object) -> tuple[SencoHours, tuple[SeniorRole, ...]]:
    """The `senco-time` JSON: `{"senco": {...seven hour keys...}, "senior_roles": [...]}`.

    A missing key, a value that is not a number (true and false are not numbers) or a negative
    number is bad input, named by its path, e.g. `senco.ppa_hours` or
    `senior_roles[1].leadership_hours`. Extra keys are ignored.
    """
    if not isinstance(data, Mapping):
        raise LawInputError("input", "must be a JSON object with 'senco' and 'senior_roles'")
    for key in ("senco", "senior_roles"):
        if key not in data:
            raise LawInputError(key, "is missing")
    senco = data["senco"]
    if not isinstance(senco, Mapping):
        raise LawInputError("senco", "must be a JSON object of hours")
    missing = [key for key in SENCO_KEYS if key not in senco]
    if missing:
        also = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise LawInputError(f"senco.{missing[0]}", f"is missing{also}")
    hours = SencoHours(**{key: _number(senco[key], f"senco.{key}") for key in SENCO_KEYS})

    roles_data = data["senior_roles"]
    if not isinstance(roles_data, list):
        raise LawInputError("senior_roles", "must be a list (it may be empty)")
    roles = []
    for index, item in enumerate(roles_data):
        path = f"senior_roles[{index}]"
        if not isinstance(item, Mapping):
            raise LawInputError(path, "must be an object with 'role' and 'leadership_hours'")
        for key in ("role", "leadership_hours"):
            if key not in item:
                raise LawInputError(f"{path}.{key}", "is missing")
        if not isinstance(item["role"], str) or not item["role"].strip():
            raise LawInputError(f"{path}.role", "must be the role's name")
        roles.append(
            SeniorRole(
                role=item["role"],
                leadership_hours=_number(item["leadership_hours"], f"{path}.leadership_hours"),
            )
        )
    return hours, tuple(roles)


def _decimal(value: Number) -> Decimal:
    # str() gives the shortest form of a float, i.e. the number as it was written in the JSON.
    return Decimal(str(value))


def _plain(value: Decimal) -> Number:
    """A JSON number: whole numbers as int, others as float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _hours(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value != 0 else "0"
    return f"{text} hour" if value == 1 else f"{text} hours"


def _more_hours(value: Decimal) -> str:
    """'3 more hours', '1 more hour'."""
    amount = _hours(value)
    return amount.replace(" hour", " more hour", 1)


def median(values: list[Decimal]) -> Decimal:
    """The middle value; for an even count, the mean of the two middle values (issue 3)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def senco_time(
    hours: SencoHours, senior_roles: tuple[SeniorRole, ...] | list[SeniorRole]
) -> SencoTime:
    """Five checks, in this order; `compliant` when every one passes."""
    senco_hours = _decimal(hours.senco_hours)
    checks = []

    # Guidance "SENCOs": "specific timetabled time to ... discharge their SENCO responsibilities".
    if senco_hours > 0:
        detail = f"The SENCO has {_hours(senco_hours)} a week of timetabled SENCO time."
    else:
        detail = (
            "The SENCO has no timetabled SENCO time. Timetable specific hours each week for "
            "SENCO duties."
        )
    checks.append(Check("senco_time_timetabled", senco_hours > 0, detail))

    # Guidance "SENCOs": time "comparable to that provided for holders of other important senior
    # roles within the school", read as at least the median of their leadership hours.
    median_hours: Decimal | None = None
    if not senior_roles:
        checks.append(Check("comparable_to_senior_roles", True, "no comparator"))
    else:
        median_hours = median([_decimal(role.leadership_hours) for role in senior_roles])
        comparable = senco_hours >= median_hours
        detail = (
            f"SENCO time is {_hours(senco_hours)} a week; the median leadership time of other "
            f"senior roles is {_hours(median_hours)}."
        )
        if not comparable:
            detail += f" Timetable at least {_more_hours(median_hours - senco_hours)}."
        checks.append(Check("comparable_to_senior_roles", comparable, detail))

    # Guidance "SENCOs": SENCO time "should be additional to" other leadership and management time.
    taken = _decimal(hours.senco_hours_taken_from_leadership)
    other = _decimal(hours.other_leadership_hours)
    if taken == 0:
        detail = (
            "SENCO time is additional to the SENCO's other leadership time "
            f"({_hours(other)} a week)."
        )
    else:
        detail = (
            f"{_hours(taken)} a week of SENCO time {'is' if taken == 1 else 'are'} taken from the "
            f"SENCO's other leadership time ({_hours(other)} a week). Give "
            f"{_hours(taken)} of SENCO time on top of the leadership time instead."
        )
    checks.append(Check("additional_to_leadership_time", taken == 0, detail))

    # Guidance "SENCOs": "PPA time should not be encroached upon" for SENCO time; STPCD: PPA time
    # is at least 10% of timetabled teaching time.
    ppa = _decimal(hours.ppa_hours)
    in_ppa = _decimal(hours.senco_duties_in_ppa_hours)
    teaching = _decimal(hours.teaching_hours)
    ppa_minimum = teaching * PPA_MINIMUM_SHARE
    problems = []
    if in_ppa > 0:
        problems.append(
            f"{_hours(in_ppa)} a week of SENCO duties {'falls' if in_ppa == 1 else 'fall'} in "
            "PPA time. Move these duties out of PPA time."
        )
    if ppa < ppa_minimum:
        problems.append(
            f"PPA time is {_hours(ppa)} a week, less than 10% of {_hours(teaching)} of teaching "
            f"({_hours(ppa_minimum)}, STPCD). Give at least {_more_hours(ppa_minimum - ppa)} "
            "of PPA time."
        )
    if problems:
        detail = " ".join(problems)
    else:
        detail = (
            f"No SENCO duties in PPA time; PPA time is {_hours(ppa)} a week, at least 10% of "
            f"{_hours(teaching)} of teaching ({_hours(ppa_minimum)})."
        )
    checks.append(Check("ppa_protected", not problems, detail))

    # Guidance "SENCOs": "sufficient administrative support".
    admin = _decimal(hours.admin_support_hours)
    if admin > 0:
        detail = f"The SENCO has {_hours(admin)} a week of administrative support."
    else:
        detail = (
            "The SENCO has no administrative support. Give the SENCO administrative support "
            "hours each week."
        )
    checks.append(Check("admin_support", admin > 0, detail))

    return SencoTime(
        rule=(
            "DfE SEND implementation guidance, 'SENCOs'; STPCD (PPA at least 10% of teaching time)"
        ),
        checks=tuple(checks),
        compliant=all(check.passed for check in checks),
        median_senior_leadership_hours=None if median_hours is None else _plain(median_hours),
        ppa_minimum_hours=_plain(ppa_minimum),
    )
