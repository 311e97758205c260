"""Counting days, weeks and months the way the regulations do."""

import calendar
from datetime import date, timedelta
from functools import lru_cache

from opensend.law.errors import LawInputError


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def add_weeks(day: date, weeks: int) -> date:
    """N weeks after an event is the event + 7N calendar days (DESIGN "Time")."""
    return day + timedelta(days=7 * weeks)


def add_months(day: date, months: int) -> date:
    """Calendar months; a day that does not exist in the target month becomes its last day.

    So 29 February 2024 + 12 months is 28 February 2025, and 31 August + 6 months is the last
    day of February.
    """
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def birthday_in(year: int, born: date) -> date:
    """The birthday in `year`; a 29 February birthday falls on 28 February in other years."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return born.replace(year=year)


def age_on(born: date, on: date) -> int:
    years = on.year - born.year
    return years if on >= birthday_in(on.year, born) else years - 1


def days_inclusive(start: date, end: date) -> int:
    """Calendar days from start to end, counting both ends."""
    return (end - start).days + 1


def overlap_days(start_a: date, end_a: date, start_b: date, end_b: date) -> int:
    """Days two inclusive ranges share (0 if none)."""
    return max(0, (min(end_a, end_b) - max(start_a, start_b)).days + 1)


@lru_cache(maxsize=64)
def _bank_holidays_for(year: int) -> frozenset[date]:
    # England and Wales bank holidays, from the `holidays` package (matches GOV.UK 2012–2028,
    # reference/stack.md §7). It lists a weekend holiday and its "(observed)" weekday: both
    # are non-working days, which is what counts.
    import holidays  # not Django; imported here so the package loads without it

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays_for(day.year)


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def is_working_day(day: date) -> bool:
    """Not a Saturday, Sunday or England and Wales bank holiday (the regulations' "working day")."""
    return not is_weekend(day) and not is_bank_holiday(day)


def add_working_days(day: date, working_days: int) -> date:
    """The date `working_days` working days after `day` (used where a rule says so)."""
    current = day
    remaining = working_days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def academic_year_of(day: date) -> int:
    """The academic year `day` falls in: 1 September starts a new one (2026 = 2026 to 2027)."""
    return day.year if day.month >= 9 else day.year - 1


def parse_date(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise LawInputError(option, f"{value!r} is not a real date in YYYY-MM-DD form") from error


def long_date(day: date) -> str:
    """'1 September 2027', as GOV.UK writes dates (no leading zero, the month in full)."""
    return f"{day.day} {day:%B %Y}"
