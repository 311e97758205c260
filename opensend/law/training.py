"""SEND training in directed time, planned ahead.

Source: DfE SEND implementation guidance (seed/send-implementation-guidance.txt), "Training and
Support": "Training and development should be planned in advance and arranged at times that
can be accessed by teachers without the need for teachers to undertake such activity during
the evenings or at weekends." The CoP requires SENCOs and class teachers to be given the
training they need; this rule checks that a session is offered in the school day, on a school
day, and planned with enough notice.

Times are UK local wall-clock times, taken as given: a time in the hour the clocks skip
(e.g. 01:30 on 28 March 2027) or repeat (01:30 on 25 October 2026) is not rejected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from opensend.law.dates import is_bank_holiday, is_weekend, parse_date
from opensend.law.errors import LawInputError

UK = ZoneInfo("Europe/London")

# Problems, in the order they are listed (a stable order, whatever the session's days).
WEEKEND = "weekend"  # guidance "Training and Support": not at weekends
BANK_HOLIDAY = "bank_holiday"  # England and Wales bank holidays: not a working day
SCHOOL_CLOSURE = "school_closure"  # the school is shut, so it is not directed time
OUTSIDE_SCHOOL_DAY = "outside_school_day"  # guidance: not in the evenings (nor early mornings)
PROBLEM_ORDER = (WEEKEND, BANK_HOLIDAY, SCHOOL_CLOSURE, OUTSIDE_SCHOOL_DAY)

DEFAULT_DAY_START = time(8, 0)
DEFAULT_DAY_END = time(17, 30)
# "Planned in advance" (guidance "Training and Support") does not give a number of days; two
# weeks is OpenSEND's default, and a school can set its own with --min-notice-days.
DEFAULT_MIN_NOTICE_DAYS = 14


@dataclass(frozen=True)
class Closure:
    """Days the school is closed; both `start` and `end` are closed days."""

    start: date
    end: date


@dataclass(frozen=True)
class TrainingSlot:
    rule: str
    start: datetime
    end: datetime
    planned_on: date
    day_start: str  # HH:MM
    day_end: str  # HH:MM
    min_notice_days: int
    closures: tuple[Closure, ...]
    days: tuple[date, ...]  # every day the session touches
    problems: tuple[str, ...]
    problem_days: dict[str, tuple[date, ...]]  # for each problem, the days it applies to
    in_directed_time: bool
    notice_days: int
    planned_in_advance: bool


_CLOCK_PATTERN = re.compile(r"^(\d{2}):(\d{2})$")


def parse_clock(value: str, option: str) -> time:
    """A time of day, HH:MM (24-hour)."""
    match = _CLOCK_PATTERN.match(value.strip())
    if match is not None:
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise LawInputError(option, f"{value!r} is not a time of day in HH:MM form, e.g. 08:30")


def parse_closure(value: str, option: str = "--closure") -> Closure:
    """`START..END`: the first and the last day closed (both ends inclusive)."""
    start_text, separator, end_text = value.partition("..")
    if not separator:
        raise LawInputError(
            option, f"{value!r} is not in START..END form, e.g. 2026-12-21..2027-01-01"
        )
    start = parse_date(start_text.strip(), option)
    end = parse_date(end_text.strip(), option)
    if end < start:
        raise LawInputError(option, f"{value!r} ends ({end}) before it starts ({start})")
    return Closure(start, end)


def _local(moment: datetime) -> datetime:
    """UK wall-clock time, naive. An aware date-time (e.g. UTC from a database) is converted."""
    if moment.tzinfo is not None:
        return moment.astimezone(UK).replace(tzinfo=None)
    return moment


def days_touched(start: datetime, end: datetime) -> list[date]:
    """Every calendar day the session [start, end) is in. Ending at 00:00 does not touch the
    next day (issue 3, "Precise readings")."""
    last = end.date()
    if end.time() == time(0, 0) and last > start.date():
        last -= timedelta(days=1)
    days = []
    day = start.date()
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    return days


def _format_clock(value: time) -> str:
    return value.strftime("%H:%M")


def training_slot(
    *,
    start: datetime,
    end: datetime,
    planned_on: date,
    day_start: time = DEFAULT_DAY_START,
    day_end: time = DEFAULT_DAY_END,
    closures: list[Closure] | tuple[Closure, ...] = (),
    min_notice_days: int = DEFAULT_MIN_NOTICE_DAYS,
) -> TrainingSlot:
    """Is a training session in directed time (guidance "Training and Support"), and was it
    planned far enough ahead?

    Every day the session touches is checked: not a weekend, not an England and Wales bank
    holiday, not a day inside a school closure, and no part of it before `day_start` or after
    `day_end`. `notice_days` is the session's start date minus `planned_on`; it is negative
    when the session was recorded after it happened, and then it was not planned in advance.
    """
    start = _local(start)
    end = _local(end)
    if end <= start:
        raise LawInputError(
            "--end", f"{end:%Y-%m-%dT%H:%M} is not after --start ({start:%Y-%m-%dT%H:%M})"
        )
    if day_end <= day_start:
        raise LawInputError(
            "--day-end",
            f"{_format_clock(day_end)} is not after --day-start ({_format_clock(day_start)})",
        )
    if min_notice_days < 0:
        raise LawInputError("--min-notice-days", f"{min_notice_days} is negative")
    for closure in closures:
        if closure.end < closure.start:
            raise LawInputError(
                "--closure", f"{closure.start}..{closure.end} ends before it starts"
            )

    found: dict[str, list[date]] = {problem: [] for problem in PROBLEM_ORDER}
    days = days_touched(start, end)
    for day in days:
        if is_weekend(day):
            found[WEEKEND].append(day)
        if is_bank_holiday(day):
            found[BANK_HOLIDAY].append(day)
        if any(closure.start <= day <= closure.end for closure in closures):
            found[SCHOOL_CLOSURE].append(day)
        # The part of the session on this day, from its start (or midnight) to its end (or the
        # next midnight); any of it before day-start or after day-end is outside the school day.
        part_start = max(start, datetime.combine(day, time(0, 0)))
        part_end = min(end, datetime.combine(day + timedelta(days=1), time(0, 0)))
        if part_start < datetime.combine(day, day_start) or part_end > datetime.combine(
            day, day_end
        ):
            found[OUTSIDE_SCHOOL_DAY].append(day)

    problems = tuple(problem for problem in PROBLEM_ORDER if found[problem])
    notice_days = (start.date() - planned_on).days
    return TrainingSlot(
        rule=(
            "DfE SEND implementation guidance, 'Training and Support': planned in advance, "
            "no evenings or weekends"
        ),
        start=start,
        end=end,
        planned_on=planned_on,
        day_start=_format_clock(day_start),
        day_end=_format_clock(day_end),
        min_notice_days=min_notice_days,
        closures=tuple(closures),
        days=tuple(days),
        problems=problems,
        problem_days={problem: tuple(found[problem]) for problem in problems},
        in_directed_time=not problems,
        notice_days=notice_days,
        planned_in_advance=notice_days >= min_notice_days,
    )
