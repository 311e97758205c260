"""The school census SEN fields export: every pupil on roll on a census day, with their SEN
provision (E/K/N) and ranked types of need as they were on that day, for the school's MIS.

A selector. It reads the roll on the census day once, with each pupil's SEN status, needs and
enrolment *as on that day* prefetched (a constant number of queries however many pupils), then
runs the census check's own rules (`opensend.people.census.pupil_problems`, which wraps
`opensend.law.codes.census_check`) over each record in memory, so the export and the census
check page can never disagree about what the census will reject.

Census days (DfE school census guide): spring is the third Thursday in January, summer the third
Thursday in May, autumn the first Thursday in October. Types of need are collected by the DfE in
the spring census (reference/statutory.md §6.2); the export carries them in every term because
the MIS keeps them all year.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from opensend.core.spreadsheets import csv_safe
from opensend.law.codes import CensusProblem
from opensend.organisations.models import Organisation
from opensend.people.census import pupil_problems
from opensend.people.models import Child, Enrolment, Need, SenStatus
from opensend.people.selectors import staff_school_ids

# The file always has at least this many need columns, so an MIS import template built for
# "primary and secondary need" keeps working in a term when no pupil has a second need.
MIN_NEED_COLUMNS = 2

# Headings chosen so OpenSEND's own MIS importer (docs/mis-import.md) reads the file back:
# "SEN Provision" and "SEN Need 1/2" are among the headings it recognises.
FIXED_HEADINGS = ["UPN", "Surname", "Forename", "Date of birth", "Year group", "SEN provision"]


@dataclass(frozen=True)
class ExportRow:
    child: Child
    year_group: str
    provision: str  # "" when no status was recorded on the census day
    needs: list[str]  # need codes in rank order: needs[0] is the primary need
    problems: list[CensusProblem]
    still_on_roll: bool  # fix links only for pupils the school can still open

    @property
    def provision_problems(self) -> list[CensusProblem]:
        return [p for p in self.problems if p.field == "provision"]

    @property
    def need_problems(self) -> list[CensusProblem]:
        return [p for p in self.problems if p.field != "provision"]


@dataclass
class CensusExport:
    school: Organisation
    census_date: date
    rows: list[ExportRow] = field(default_factory=list)

    @property
    def failures(self) -> list[ExportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def valid_rows(self) -> list[ExportRow]:
        return [row for row in self.rows if not row.problems]

    @property
    def need_columns(self) -> int:
        return max([MIN_NEED_COLUMNS, *(len(row.needs) for row in self.rows)])

    def headings(self) -> list[str]:
        return FIXED_HEADINGS + [f"SEN need {n}" for n in range(1, self.need_columns + 1)]

    def cells(self, *, valid_only: bool = False) -> list[list[str | date]]:
        """The file's rows without headings, as plain values (dates as dates) for a writer
        that makes them safe itself (the XLSX one)."""
        width = self.need_columns
        return [
            [
                row.child.upn,
                row.child.last_name,
                row.child.first_name,
                row.child.date_of_birth,
                row.year_group,
                row.provision,
                *row.needs,
                *[""] * (width - len(row.needs)),
            ]
            for row in (self.valid_rows if valid_only else self.rows)
        ]

    def table(self, *, valid_only: bool = False) -> list[list[str]]:
        """The CSV's rows, headings first; every cell made safe for a spreadsheet."""
        lines = [self.headings()]
        for cells in self.cells(valid_only=valid_only):
            lines.append([csv_safe(c.isoformat() if isinstance(c, date) else c) for c in cells])
        return lines

    def filename(self, extension: str = "csv") -> str:
        """Neutral: the school's URN (or "school") and the date, never a child."""
        return (
            f"census-sen-{self.school.urn or 'school'}-{self.census_date.isoformat()}.{extension}"
        )


def _as_on(day: date) -> Q:
    """Periods (status, need, enrolment) that cover `day`; `end` is the last day it applied."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def pupils_on_roll_on(user, school: Organisation, census_date: date) -> QuerySet[Child]:
    """Pupils on the school's roll on the census day, with their SEN record as on that day.

    The prefetches reuse the census check's attribute names (`open_statuses`, `open_needs`) so
    its rules run unchanged on the history as it stood on the census day.
    """
    if school.pk not in staff_school_ids(user) and not user.is_superuser:
        return Child.objects.none()
    on_roll = Enrolment.objects.filter(_as_on(census_date), school=school)
    still_on_roll = Enrolment.objects.filter(school=school, end__isnull=True, child=OuterRef("pk"))
    return (
        Child.objects.filter(Exists(on_roll.filter(child=OuterRef("pk"))))
        .annotate(still_on_roll=Exists(still_on_roll))
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch(
                "sen_statuses",
                queryset=SenStatus.objects.filter(_as_on(census_date)).order_by("-start"),
                to_attr="open_statuses",
            ),
            Prefetch(
                "needs",
                queryset=Need.objects.filter(_as_on(census_date)).order_by("rank", "code"),
                to_attr="open_needs",
            ),
            Prefetch(
                "enrolments", queryset=on_roll.order_by("-start"), to_attr="census_enrolments"
            ),
        )
    )


def census_export(user, school: Organisation, census_date: date) -> CensusExport:
    """The export for `school` on `census_date`, every row checked against the census rules."""
    export = CensusExport(school=school, census_date=census_date)
    for child in pupils_on_roll_on(user, school, census_date):
        provision, problems = pupil_problems(child, census_date)
        enrolment = child.census_enrolments[0] if child.census_enrolments else None
        export.rows.append(
            ExportRow(
                child=child,
                year_group=enrolment.year_group if enrolment else "",
                provision=provision,
                needs=[need.code for need in child.open_needs],
                problems=problems,
                still_on_roll=child.still_on_roll,
            )
        )
    return export
