"""What an intervention costs in a term: pure arithmetic, no database.

The assumption, stated once so the map, the CSV and the API all agree:

- An intervention's `hours_per_week` is the staff time it takes in a full teaching week (five
  teaching days), whatever its delivery. For one-to-one work that is the time for all its pupils
  together, because the school pays for the staff hours, not per pupil.
- It runs on every teaching day between its own start and end that falls inside the term. A
  teaching day is a weekday (Monday to Friday) inside the term's dates that is not one of the
  school's closure days. Half terms, INSET days and bank holidays count only as the school
  records them: a school that records its half term as closure days inside the term gets a
  half term with no cost; one that does not is costed as if it taught through it.
- Staff cost for the term = hours a week × cost an hour × (teaching days it runs / 5), so a
  short or partly-covered week costs its share of a full week.
- `other_costs_per_term` (resources, licences, an outside provider's fee) is charged in full for
  any term in which the intervention runs on at least one teaching day, and not at all otherwise.
- The total is rounded to the penny (half up, as money is).
"""

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

PENNY = Decimal("0.01")
TEACHING_DAYS_A_WEEK = 5


class _Dated(Protocol):
    start: date
    end: date | None


def teaching_days(start: date, end: date, closures: Iterable[date] = ()) -> int:
    """Weekdays from `start` to `end` inclusive, less the closure days among them (0 if none)."""
    if end < start:
        return 0
    days = (end - start).days + 1
    full_weeks, remainder = divmod(days, 7)
    weekdays = full_weeks * TEACHING_DAYS_A_WEEK
    for offset in range(remainder):
        if (start + timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            weekdays += 1
    closed = {day for day in closures if start <= day <= end and day.weekday() < 5}
    return weekdays - len(closed)


def days_running_in_term(intervention: _Dated, term: _Dated, closures: Iterable[date]) -> int:
    """The teaching days of `term` on which the intervention runs (its dates overlap the term)."""
    first = max(term.start, intervention.start)
    last = term.end if intervention.end is None else min(term.end, intervention.end)
    return teaching_days(first, last, closures)


def intervention_term_cost(intervention, term, closures: Iterable[date] = ()) -> Decimal:
    """The intervention's cost in the term, to the penny (see the module's assumptions).

    `intervention` needs start, end, hours_per_week, hourly_cost and other_costs_per_term; `term`
    needs start and end (a `SchoolTerm` or the law's `Term`); `closures` are the school's closure
    dates (any outside the term are ignored).
    """
    days = days_running_in_term(intervention, term, closures)
    if days <= 0:
        return Decimal("0.00")
    staff = (
        Decimal(intervention.hours_per_week)
        * Decimal(intervention.hourly_cost)
        * Decimal(days)
        / Decimal(TEACHING_DAYS_A_WEEK)
    )
    total = staff + Decimal(intervention.other_costs_per_term)
    return total.quantize(PENNY, rounding=ROUND_HALF_UP)
