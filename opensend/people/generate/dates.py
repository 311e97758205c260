"""School-year arithmetic for synthetic data: year groups from ages, term dates, closures.

Plain Python, no Django. An academic year is named by the year it starts: 2026 means
September 2026 to August 2027. A child's year group follows from their age on 31 August at the
start of the year (Reception is age 4), the rule schools admit by.
"""

import random
from datetime import date, timedelta

from opensend.law.dates import is_bank_holiday

# National curriculum years in age order: N1 is age 2 on 31 August, Reception 4, Year 14 is 18.
YEAR_GROUPS = ("N1", "N2", "R", *(str(year) for year in range(1, 15)))
FIRST_AGE = 2


def age_in_year_group(year_group: str) -> int:
    """Age on 31 August at the start of the academic year."""
    return FIRST_AGE + YEAR_GROUPS.index(year_group)


def year_group_for(date_of_birth: date, academic_year: int) -> str:
    """The year group a child born on `date_of_birth` is in, in `academic_year`."""
    cutoff = date(academic_year, 8, 31)
    age = cutoff.year - date_of_birth.year
    if (date_of_birth.month, date_of_birth.day) > (cutoff.month, cutoff.day):
        age -= 1
    return YEAR_GROUPS[age - FIRST_AGE]


def birth_window(year_group: str, academic_year: int) -> tuple[date, date]:
    """First and last possible dates of birth for a year group (1 September to 31 August)."""
    age = age_in_year_group(year_group)
    return date(academic_year - age - 1, 9, 1), date(academic_year - age, 8, 31)


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def school_day_on_or_after(day: date) -> date:
    """The next weekday that is not a bank holiday (a school day in term)."""
    while day.weekday() >= 5 or is_bank_holiday(day):
        day += timedelta(days=1)
    return day


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def easter_sunday(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian computus): the spring term ends around it."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def term_dates(academic_year: int, start_offset: int = 0) -> list[tuple[str, date, date]]:
    """Autumn, spring and summer terms as English schools usually set them.

    Autumn from the first days of September to the Friday before Christmas week; spring from
    the first school day of January to the Friday before the two-week Easter break; summer from
    the Monday after it to about 22 July. `start_offset` moves a school's first day a little,
    as schools placing a training day at the start of term do.
    """
    y = academic_year
    autumn_start = school_day_on_or_after(date(y, 9, 2) + timedelta(days=start_offset))
    autumn_end = _weekday_on_or_before(date(y, 12, 20), 4)
    spring_start = school_day_on_or_after(date(y + 1, 1, 5))
    easter = easter_sunday(y + 1)
    spring_end = easter - timedelta(days=9)  # the Friday before Palm Sunday
    summer_start = easter + timedelta(days=8)  # the Monday a week after Easter Monday
    july_22 = date(y + 1, 7, 22)
    summer_end = july_22 if july_22.weekday() < 5 else _weekday_on_or_before(july_22, 4)
    return [
        ("autumn", autumn_start, autumn_end),
        ("spring", spring_start, spring_end),
        ("summer", summer_start, summer_end),
    ]


UNPLANNED_CLOSURES = ("Heating failure", "Water supply failure", "Power cut", "Flooded site")
PLANNED_CLOSURES = (
    "Building works: roof repairs",
    "Boiler replacement",
    "Additional closure agreed by the governors",
)
POLLING = "Polling station for the local elections"


def closure_days(rng: random.Random, terms: list[tuple[str, date, date]]) -> list[tuple[date, str]]:
    """Two days a school closes inside term: one unplanned in autumn, one planned later.

    Many schools are polling stations, so the planned closure is often the first Thursday in
    May (local elections); otherwise a day in spring for works.
    """
    (_, autumn_start, autumn_end), (_, spring_start, spring_end), (_, summer_start, _) = terms
    unplanned = _school_day_between(rng, autumn_start + timedelta(days=21), autumn_end)
    first_may = date(summer_start.year, 5, 1)
    polling = first_may + timedelta(days=(3 - first_may.weekday()) % 7)
    if rng.random() < 0.5 and polling >= summer_start:
        planned = (polling, POLLING)
    else:
        day = _school_day_between(rng, spring_start + timedelta(days=14), spring_end)
        planned = (day, rng.choice(PLANNED_CLOSURES))
    return [(unplanned, rng.choice(UNPLANNED_CLOSURES)), planned]


def _school_day_between(rng: random.Random, first: date, last: date) -> date:
    day = school_day_on_or_after(random_day(rng, first, last))
    return day if day <= last else _weekday_on_or_before(last, 4)
