"""The census check: every pupil on roll whose SEN data would fail the school census rules.

A selector: it reads the school's roll once (with the open status, needs and enrolments
prefetched, so a constant number of queries however many pupils there are) and runs the rules
from `opensend.law.codes.census_check` over each record in memory, plus the counts by
provision and by primary need for the same pupils.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from opensend.law.codes import CensusProblem, census_check
from opensend.organisations.models import Organisation
from opensend.people.models import NEED_CHOICES, Child, Provision
from opensend.people.selectors import register_for_school

# Thursday is weekday 3 (Monday is 0).
THURSDAY = 3

NO_STATUS = CensusProblem(
    "provision",
    "No SEN provision is recorded: every pupil must be coded E, K or N for the census",
)
NO_PRIMARY_NEED = CensusProblem(
    "needs",
    "Pupils on SEN support or with an EHC plan need a primary type of need for the spring census",
)


def _nth_thursday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(THURSDAY - first.weekday()) % 7, weeks=n - 1)


def spring_census_day(year: int) -> date:
    """The spring census day of `year`.

    The spring school census is taken on the third Thursday in January (DfE school census
    guide).
    """
    return _nth_thursday(year, 1, 3)


def summer_census_day(year: int) -> date:
    """The third Thursday in May (DfE school census guide)."""
    return _nth_thursday(year, 5, 3)


def autumn_census_day(year: int) -> date:
    """The first Thursday in October (DfE school census guide)."""
    return _nth_thursday(year, 10, 1)


def census_days(year: int) -> list[date]:
    return [spring_census_day(year), summer_census_day(year), autumn_census_day(year)]


def next_census_day(today: date) -> date:
    """The next termly census day (spring, summer or autumn) on or after `today`."""
    return min(
        day for year in (today.year, today.year + 1) for day in census_days(year) if day >= today
    )


def next_spring_census_day(today: date) -> date:
    """The next spring census day on or after `today`."""
    this_year = spring_census_day(today.year)
    return this_year if today <= this_year else spring_census_day(today.year + 1)


@dataclass(frozen=True)
class CensusRow:
    child: Child
    provision: str  # "" when no status is recorded
    problems: list[CensusProblem]

    @property
    def provision_problems(self) -> list[CensusProblem]:
        return [p for p in self.problems if p.field == "provision"]

    @property
    def need_problems(self) -> list[CensusProblem]:
        return [p for p in self.problems if p.field != "provision"]


@dataclass(frozen=True)
class Count:
    label: str
    code: str
    count: int


@dataclass
class CensusSummary:
    census_date: date
    on_roll: int = 0
    rows: list[CensusRow] = field(default_factory=list)  # only pupils with problems
    by_provision: list[Count] = field(default_factory=list)
    by_primary_need: list[Count] = field(default_factory=list)


def pupil_problems(child: Child, census_date: date) -> tuple[str, list[CensusProblem]]:
    """The census problems with one pupil's record, from the prefetched open status and needs."""
    provision = child.open_statuses[0].provision if child.open_statuses else ""
    needs = [(need.code, need.rank) for need in child.open_needs]
    if not provision:
        problems = [NO_STATUS]
        if needs:
            problems += census_check(provision="N", needs=needs, census_date=census_date)
        return provision, problems
    problems = census_check(provision=provision, needs=needs, census_date=census_date)
    if provision in {Provision.EHC_PLAN, Provision.SEN_SUPPORT} and not any(
        rank == 1 for _, rank in needs
    ):
        problems.append(NO_PRIMARY_NEED)
    return provision, problems


def census_summary(user, school: Organisation, census_date: date) -> CensusSummary:
    """Counts and problems for the pupils on roll at `school`, in one pass over the roll."""
    children = register_for_school(user, school, sen_only=False)
    summary = CensusSummary(census_date=census_date)
    provisions: Counter = Counter()
    primary_needs: Counter = Counter()
    for child in children:
        summary.on_roll += 1
        provision, problems = pupil_problems(child, census_date)
        provisions[provision] += 1
        primary = next((need.code for need in child.open_needs if need.rank == 1), None)
        if primary:
            primary_needs[primary] += 1
        if problems:
            summary.rows.append(CensusRow(child=child, provision=provision, problems=problems))
    summary.by_provision = [
        Count(label, code, provisions.get(code, 0)) for code, label in Provision.choices
    ]
    if provisions.get(""):
        summary.by_provision.append(Count("Not recorded", "", provisions[""]))
    need_labels = dict(NEED_CHOICES)
    summary.by_primary_need = [
        Count(need_labels.get(code, code), code, total)
        for code, total in sorted(primary_needs.items(), key=lambda item: (-item[1], item[0]))
    ]
    return summary


def census_problems_for_school(user, school: Organisation, census_date: date) -> list[CensusRow]:
    """Every pupil on roll whose SEN data would fail the census on `census_date`, by name."""
    return census_summary(user, school, census_date).rows
