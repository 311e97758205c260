"""A year of parent meetings for each school (issue 6 item 7; CoP 6.65 "three times a year").

Plain Python, no Django: `school_meetings` turns a school's pupils on the SEN register, its terms
and closure days into `MeetingPlan`s that write.py stores. Each pupil is drawn a habit, so the
compliance page shows every status (met, on track, offered, behind), and each term a few pupils
meet in a group (about six families) rather than one to one:

- most families come to every meeting; a few meet twice in a term (so they are met early);
- some decline the last invitation before the run day (offered), some miss it (behind);
- some ask for another time (the first invitation is cancelled and a second meeting held).

Dates are counted from the run day (`as_of`), as the support plans' are: meetings before it are
held (or missed), those after it in the current term are confirmed and waiting for answers,
and later terms are proposed. The status "behind" and "offered" need a term that has ended, so
the previous academic year is generated as well (all of it past): whatever the run day, the
page shows every status for one of the two years.
"""

import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from opensend.law.dates import is_bank_holiday
from opensend.people.generate.register import Period

ON_REGISTER = ("K", "E")
GROUP_SIZE = 6
GROUP_SHARE = 0.25
# Habits: (name, share). "regular" families come every time.
HABITS = (
    ("regular", 0.5),
    ("keen", 0.1),
    ("declines", 0.14),
    ("misses", 0.14),
    ("rearranges", 0.12),
)
NOT_YET_PLANNED = 0.2  # of pupils in the current term, none planned yet: "needs a meeting next"
PREFERRED_TIMES = (
    "After 3:30pm on a Tuesday or Thursday",
    "Any morning before 10am",
    "Online would suit us better, any weekday after 4pm",
    "Fridays after school",
)
FAMILY_VIEWS = (
    "Pleased with progress in reading; homework is still a battle.",
    "Would like more warning before changes to the timetable.",
    "Happier coming to school this term.",
    "Worried about the move to the next class.",
)
RECORD = {
    "objectives": "Read short texts aloud with confidence; ask for help when stuck.",
    "progress": "Steady progress against last term's targets; attendance good.",
    "agreed_support": "Small-group reading three times a week; a visual timetable in class.",
    "parent_responsibilities": "Read together for ten minutes most evenings.",
    "pupil_responsibilities": "Use the help card when stuck.",
    "school_responsibilities": "Teaching assistant to check in each morning.",
}


@dataclass
class PlacePlan:
    child_id: object
    response: str  # pending, accepted, another_time or declined
    attended: bool | None = None
    preferred_times: str = ""
    family_views: str = ""


@dataclass
class MeetingPlan:
    academic_year: int
    term: str
    kind: str  # individual or group
    day: date
    status: str  # proposed, confirmed, held or cancelled
    slot: str = "after_school"
    places: list[PlacePlan] = field(default_factory=list)


@dataclass(frozen=True)
class MeetingSubject:
    """A pupil as the meetings see them: their id and time on the register here."""

    child_id: object
    on_from: date
    on_to: date | None


def meeting_subject(child_id, periods: list[Period], on_roll: date) -> MeetingSubject | None:
    """The pupil's latest run of SEN support or EHC plan periods, or None if never on it."""
    on = [period for period in periods if period.provision in ON_REGISTER]
    if not on:
        return None
    return MeetingSubject(child_id, max(on[0].start, on_roll), on[-1].end)


def school_days(terms: list[tuple[str, date, date]], closed: set[date]) -> list[date]:
    """Every school day of the terms, in order: weekdays, not bank holidays or closures."""
    days = []
    for _, start, end in terms:
        for n in range((end - start).days + 1):
            day = start + timedelta(days=n)
            if day.weekday() < 5 and day not in closed and not is_bank_holiday(day):
                days.append(day)
    return days


def _school_day(rng: random.Random, first: date, last: date, days: list[date]) -> date | None:
    """A random school day from `first` to `last` (both included), or None if there is none."""
    low, high = bisect_left(days, first), bisect_right(days, last)
    return days[rng.randrange(low, high)] if high > low else None


def _habit(rng: random.Random) -> str:
    pick, total = rng.random(), 0.0
    for name, share in HABITS:
        total += share
        if pick < total:
            return name
    return HABITS[0][0]


def school_meetings(
    rng: random.Random,
    subjects: list[MeetingSubject],
    years: list[tuple[int, list[tuple[str, date, date]]]],
    closed: set[date],
    as_of: date,
) -> list[MeetingPlan]:
    """The meetings of each academic year in `years` (each with its terms) at one school."""
    plans: list[MeetingPlan] = []
    for academic_year, terms in years:
        days = school_days(terms, closed)
        habits = {subject.child_id: _habit(rng) for subject in subjects}
        past = [term for term in terms if term[2] < as_of]
        last_past = past[-1][0] if past else None
        for name, start, end in terms:
            grouped: list[PlacePlan] = []
            for subject in subjects:
                first = max(start, subject.on_from)
                last = end if subject.on_to is None else min(end, subject.on_to)
                if first > last:
                    continue
                habit = habits[subject.child_id]
                current = start <= as_of <= end
                if current and rng.random() < NOT_YET_PLANNED:
                    continue
                decisive = name == last_past  # the term that decides "offered" or "behind"
                plans.extend(
                    _pupil_term(
                        rng,
                        subject,
                        habit,
                        decisive,
                        academic_year,
                        name,
                        first,
                        last,
                        days,
                        as_of,
                        grouped if first == start else [],
                    )
                )
            plans.extend(_groups(rng, grouped, academic_year, name, start, end, days, as_of))
    return plans


def _pupil_term(
    rng, subject, habit, decisive, year, name, first, last, days, as_of, grouped
) -> list[MeetingPlan]:
    day = _school_day(rng, first, last, days)
    if day is None:
        return []
    if day >= as_of:
        # Still to come: proposed in a later term, confirmed (answers coming in) in this one.
        if first > as_of + timedelta(days=21) or rng.random() < 0.3:
            status, response = "proposed", "pending"
        else:
            status = "confirmed"
            response = rng.choice(("pending", "accepted", "accepted", "another_time"))
        place = PlacePlan(subject.child_id, response)
        if response == "another_time":
            place.preferred_times = rng.choice(PREFERRED_TIMES)
        return [MeetingPlan(year, name, "individual", day, status, places=[place])]
    if decisive and habit == "declines":
        place = PlacePlan(subject.child_id, "declined")
        return [MeetingPlan(year, name, "individual", day, "cancelled", places=[place])]
    if rng.random() < GROUP_SHARE and habit != "rearranges":
        grouped.append(
            PlacePlan(subject.child_id, "accepted", not (decisive and habit == "misses"))
        )
        return []
    if decisive and habit == "misses":
        place = PlacePlan(subject.child_id, "accepted", attended=False)
        return [MeetingPlan(year, name, "individual", day, "held", places=[place])]
    views = rng.choice(FAMILY_VIEWS)
    held = PlacePlan(subject.child_id, "accepted", attended=True, family_views=views)
    if habit == "rearranges":
        later = _school_day(
            rng, day + timedelta(days=1), min(last, as_of - timedelta(days=1)), days
        )
        if later is not None:
            asked = PlacePlan(
                subject.child_id, "another_time", preferred_times=rng.choice(PREFERRED_TIMES)
            )
            return [
                MeetingPlan(year, name, "individual", day, "cancelled", places=[asked]),
                MeetingPlan(year, name, "individual", later, "held", places=[held]),
            ]
    meetings = [MeetingPlan(year, name, "individual", day, "held", places=[held])]
    if habit == "keen":
        again = _school_day(rng, first, min(last, as_of - timedelta(days=1)), days)
        if again is not None and again != day:
            extra = PlacePlan(subject.child_id, "accepted", attended=True)
            meetings.append(MeetingPlan(year, name, "individual", again, "held", places=[extra]))
    return meetings


def _groups(rng, places, year, name, start, end, days, as_of) -> list[MeetingPlan]:
    """Group meetings of up to six families, on a day before the run day in the term."""
    meetings = []
    for index in range(0, len(places), GROUP_SIZE):
        day = _school_day(rng, start, min(end, as_of - timedelta(days=1)), days)
        if day is None:
            continue
        meeting = MeetingPlan(year, name, "group", day, "held", slot="school_day")
        meeting.places = places[index : index + GROUP_SIZE]
        meetings.append(meeting)
    return meetings
