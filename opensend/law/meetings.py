"""Meeting parents at least three times a year (SEND Code of Practice 2015, paragraph 6.65).

CoP 6.65: schools should meet the parents of pupils with SEN at least three times each year.
The DfE implementation guidance ("Engagement with Parents") adds that this need not mean an
individual meeting every term: group meetings of parents count for every pupil whose parent
or carer attended. For a pupil with an EHC plan the annual review meeting is one of the three
(DESIGN "Time"); callers pass it in `held` like any other meeting.

We read "three times a year" term by term, so that a pupil who joins or leaves mid-year is owed
one meeting for each term in which the school had them for at least half of the term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from opensend.law.dates import days_inclusive, overlap_days, parse_date
from opensend.law.errors import LawInputError

# CoP 6.65 "at least three times each year": one meeting for each of the three terms.
TERM_NAMES = ("autumn", "spring", "summer")


class Status(str, Enum):
    """Best first: each status is better than every one after it."""

    MET = "met"
    ON_TRACK = "on_track"
    OFFERED = "offered"
    BEHIND = "behind"


# Best first, for comparing statuses (tests: adding a held meeting never makes things worse).
STATUS_ORDER = (Status.MET, Status.ON_TRACK, Status.OFFERED, Status.BEHIND)


@dataclass(frozen=True)
class Term:
    """A school term; `start` and `end` are both days of the term."""

    name: str
    start: date
    end: date


@dataclass(frozen=True)
class TermResult:
    name: str
    start: date
    end: date
    days: int
    days_on_register: int
    counted: bool
    ended_by_as_of: bool


@dataclass(frozen=True)
class IgnoredMeeting:
    date: date
    listed_as: str  # "held" or "declined"
    reason: str


@dataclass(frozen=True)
class ParentMeetings:
    rule: str
    academic_year: int
    academic_year_start: date
    academic_year_end: date
    on_register_from: date
    on_register_to: date | None
    as_of: date
    terms: tuple[TermResult, ...]
    expected: int
    expected_by_as_of: int
    held: int
    declined: int
    held_dates: tuple[date, ...]
    declined_dates: tuple[date, ...]
    ignored: tuple[IgnoredMeeting, ...]
    status: Status


def academic_year_bounds(academic_year: int) -> tuple[date, date]:
    """The academic year YYYY runs from 1 September YYYY to 31 August YYYY+1 (issue 3)."""
    return date(academic_year, 9, 1), date(academic_year + 1, 8, 31)


def default_terms(academic_year: int) -> tuple[Term, Term, Term]:
    """Autumn 1 Sep–31 Dec, spring 1 Jan–31 Mar, summer 1 Apr–31 Aug (issue 3's defaults).

    Together they cover every day of the academic year, holidays included.
    """
    return (
        Term("autumn", date(academic_year, 9, 1), date(academic_year, 12, 31)),
        Term("spring", date(academic_year + 1, 1, 1), date(academic_year + 1, 3, 31)),
        Term("summer", date(academic_year + 1, 4, 1), date(academic_year + 1, 8, 31)),
    )


_TERM_PATTERN = re.compile(r"^\s*([A-Za-z]+)\s*=\s*(\S+?)\s*\.\.\s*(\S+)\s*$")


def parse_term(value: str, option: str = "--term") -> Term:
    """`NAME=START..END`, e.g. `autumn=2026-09-03..2026-12-18`; both ends are days of the term."""
    match = _TERM_PATTERN.match(value)
    if match is None:
        raise LawInputError(
            option, f"{value!r} is not in NAME=START..END form, e.g. autumn=2026-09-03..2026-12-18"
        )
    name, start_text, end_text = match.groups()
    start = parse_date(start_text, option)
    end = parse_date(end_text, option)
    return Term(name.lower(), start, end)


@dataclass(frozen=True)
class TermProblem:
    """One thing wrong with a school's terms, and which date to correct.

    `term` and `part` ("start" or "end") name the date to correct; both are "" when the list
    itself is wrong (a term missing, repeated or unknown). `kind` is one of "names",
    "ends_before_start", "start_outside_year", "end_outside_year" and "overlaps" (then `after`
    names the earlier term it must follow). `message` is the command line's wording.
    """

    term: str
    part: str
    kind: str
    message: str
    after: str = ""


def term_problems(
    academic_year: int, terms: tuple[Term, ...] | list[Term]
) -> tuple[TermProblem, ...]:
    """Everything wrong with a school's own terms (empty when they are usable): they must be
    exactly autumn, spring and summer, in that order, inside the academic year, each ending on
    or after it starts, none overlapping another. Names are case-insensitive.

    Listed in the order a reader meets them: the names, then each term in turn, then overlaps.
    """
    year_start, year_end = academic_year_bounds(academic_year)
    named = [Term(term.name.strip().lower(), term.start, term.end) for term in terms]
    if sorted(term.name for term in named) != sorted(TERM_NAMES):
        given = ", ".join(term.name for term in named) or "none"
        return (
            TermProblem(
                "",
                "",
                "names",
                f"give exactly three terms named autumn, spring and summer (given: {given})",
            ),
        )
    by_name = {term.name: term for term in named}
    ordered = [by_name[name] for name in TERM_NAMES]
    problems: list[TermProblem] = []
    for term in ordered:
        if term.end < term.start:
            problems.append(
                TermProblem(
                    term.name,
                    "end",
                    "ends_before_start",
                    f"{term.name} ends ({term.end}) before it starts ({term.start})",
                )
            )
        outside = (
            f"{term.name} {term.start}..{term.end} is not inside the academic year "
            f"{academic_year} ({year_start} to {year_end})"
        )
        if not year_start <= term.start <= year_end:
            problems.append(TermProblem(term.name, "start", "start_outside_year", outside))
        if not year_start <= term.end <= year_end:
            problems.append(TermProblem(term.name, "end", "end_outside_year", outside))
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if later.start <= earlier.end:
            problems.append(
                TermProblem(
                    later.name,
                    "start",
                    "overlaps",
                    f"{later.name} ({later.start}..{later.end}) must start after {earlier.name} "
                    f"ends ({earlier.end}); terms may not overlap or come out of order",
                    after=earlier.name,
                )
            )
    return tuple(problems)


def check_terms(academic_year: int, terms: tuple[Term, ...] | list[Term]) -> tuple[Term, ...]:
    """The school's own terms, checked by `term_problems`; the first problem is raised.

    Returned in autumn, spring, summer order, names lower-cased.
    """
    problems = term_problems(academic_year, terms)
    if problems:
        raise LawInputError("--term", problems[0].message)
    by_name = {term.name.strip().lower(): term for term in terms}
    return tuple(Term(name, by_name[name].start, by_name[name].end) for name in TERM_NAMES)


def _status(held: int, declined: int, expected: int, expected_by_as_of: int) -> Status:
    # The reading of CoP 6.65, in order. When `expected` is 0 (the pupil was on the
    # register for under half of every term, e.g. joined in the last days of the year) the
    # status is `met`, and that is right: CoP 6.65's "three times a year" is owed by the school
    # that has the pupil, term by term, and this school had the pupil for no term this year, so
    # it owes no meeting; anything else would flag a school for a duty it never had. The output
    # still shows every term with `counted: false`, so the reason is visible.
    if held >= expected:
        return Status.MET
    if held >= expected_by_as_of:
        return Status.ON_TRACK
    if held + declined >= expected_by_as_of:
        return Status.OFFERED
    return Status.BEHIND


def parent_meetings(
    *,
    academic_year: int,
    on_register_from: date,
    as_of: date,
    on_register_to: date | None = None,
    held: list[date] | tuple[date, ...] = (),
    declined: list[date] | tuple[date, ...] = (),
    terms: list[Term] | tuple[Term, ...] | None = None,
) -> ParentMeetings:
    """How many parent meetings a pupil with SEN is owed this academic year, and how many so far.

    CoP 6.65: meet parents at least three times a year. A term counts when the pupil is on the
    register for at least half of its days (calendar days, both ends counted; exactly half
    counts). `expected_by_as_of` counts the counted terms that ended on or before `as_of`.
    """
    if on_register_to is not None and on_register_to < on_register_from:
        raise LawInputError(
            "--on-register-to",
            f"{on_register_to} is before --on-register-from ({on_register_from})",
        )
    if not 1 <= academic_year <= 9998:
        raise LawInputError("--academic-year", f"{academic_year} is not a year we can count in")
    year_start, year_end = academic_year_bounds(academic_year)
    checked_terms = (
        default_terms(academic_year) if terms is None else check_terms(academic_year, terms)
    )
    # Still on the register: on it to the end of the year (no later day matters here).
    register_end = on_register_to if on_register_to is not None else max(year_end, on_register_from)

    results = []
    for term in checked_terms:
        days = days_inclusive(term.start, term.end)
        on_register = overlap_days(on_register_from, register_end, term.start, term.end)
        results.append(
            TermResult(
                name=term.name,
                start=term.start,
                end=term.end,
                days=days,
                days_on_register=on_register,
                counted=2 * on_register >= days,  # at least half; exactly half counts
                ended_by_as_of=term.end <= as_of,
            )
        )
    expected = sum(1 for term in results if term.counted)
    expected_by_as_of = sum(1 for term in results if term.counted and term.ended_by_as_of)

    ignored: list[IgnoredMeeting] = []

    def usable(day: date, listed_as: str, seen: set[date]) -> bool:
        if not year_start <= day <= year_end:
            reason = f"outside the academic year {academic_year} ({year_start} to {year_end})"
        elif not on_register_from <= day <= register_end:
            reason = "the pupil was not on the register that day"
        elif day in seen:
            # One meeting a day: the same date twice is the same occasion listed twice.
            reason = f"already listed as {listed_as} on this date"
        else:
            return True
        ignored.append(IgnoredMeeting(date=day, listed_as=listed_as, reason=reason))
        return False

    held_seen: set[date] = set()
    for day in held:
        if usable(day, "held", held_seen):
            held_seen.add(day)
    declined_seen: set[date] = set()
    for day in declined:
        if day in held_seen:
            # A parent cannot both attend and decline the same meeting: the attendance stands.
            ignored.append(
                IgnoredMeeting(
                    date=day, listed_as="declined", reason="also listed as held on this date"
                )
            )
            continue
        if usable(day, "declined", declined_seen):
            declined_seen.add(day)

    held_count = len(held_seen)
    declined_count = len(declined_seen)
    return ParentMeetings(
        rule="CoP 6.65: meet parents at least three times a year (one meeting per counted term)",
        academic_year=academic_year,
        academic_year_start=year_start,
        academic_year_end=year_end,
        on_register_from=on_register_from,
        on_register_to=on_register_to,
        as_of=as_of,
        terms=tuple(results),
        expected=expected,
        expected_by_as_of=expected_by_as_of,
        held=held_count,
        declined=declined_count,
        held_dates=tuple(sorted(held_seen)),
        declined_dates=tuple(sorted(declined_seen)),
        ignored=tuple(ignored),
        status=_status(held_count, declined_count, expected, expected_by_as_of),
    )
