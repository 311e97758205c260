"""The workload view in numbers (issue 10 item 5): per school, and across a council's area.

Straight from the models with grouped queries: one query per figure for any number of schools,
so the school page and the council's page (400 schools in a large area) run the same number of
queries however many schools, staff, sessions or records there are. Nothing here names a child;
worker names are only in `KeyWorkerLoad.name`, which the page shows to the school's managers.

Sources of the figures:
- SENCO time: `SencoTimeRecord`, the SENCO's weekly hours by term with the register's size when
  it was recorded (guidance "SENCOs": time "comparable to other senior roles").
- Caseload now: the SEN register (open `SenStatus` rows, SEN support and EHC plans, of pupils
  with an open enrolment at the school), counted as the school's home page counts it.
- Qualification: `SencoAppointment.qualification_due_on` (SEND Regulations 2014 reg 49(4)).
- Training: `TrainingSession.in_directed_time` (guidance "Training and Support": training
  "within directed time", not evenings or weekends).
- Key workers: current `KeyWorkerAllocation` rows against each worker's `key_worker_hours`.
- Policies: `Policy.next_review_on` (guidance: reviews "not workload-intensive").
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from opensend.law.dates import academic_year_of, add_months
from opensend.law.meetings import academic_year_bounds, default_terms
from opensend.people.models import Provision
from opensend.people.selectors import SMALL_NUMBER_THRESHOLD, register_totals
from opensend.workforce.models import (
    TEACHING_JOBS,
    Job,
    Policy,
    SencoAppointment,
    SencoTimeRecord,
    SessionStatus,
    StaffMember,
    TrainingAttendance,
    TrainingSession,
)
from opensend.workforce.selectors._terms import (  # noqa: F401  (term_label, per_hour: re-exported)
    ONE_PLACE,
    TERM_ORDER,
    per_hour,
    term_label,
)

# A qualification falling due within this many months is "due soon" (the law module's warning).
QUALIFICATION_WARN_MONTHS = 6
# Policies due for review within this many days: the reminder sweep writes 28 days ahead.
POLICY_DUE_SOON_DAYS = 28
# Charts by term show at most this many terms (four academic years), so they stay readable;
# the SENCO time page keeps the whole history.
CHART_TERMS = 12


def suppressed(count: int | None) -> int | None:
    """For governors: a count of pupils from 1 to 4 is hidden (DESIGN "Who sees what")."""
    if count is None or 0 < count < SMALL_NUMBER_THRESHOLD:
        return None
    return count


# --- the figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SencoTerm:
    """One term's SENCO time at a school: every SENCO's hours, and the register then."""

    academic_year: int
    term: str
    hours: Decimal
    # The register's size is the school's, repeated on each SENCO's record: the largest is kept.
    pupils: int
    records: int
    failing: int  # records whose law checks did not all pass

    @property
    def label(self) -> str:
        return term_label(self.academic_year, self.term)

    @property
    def ratio(self) -> Decimal | None:
        return per_hour(self.pupils, self.hours)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.academic_year, TERM_ORDER.get(self.term, 0))


@dataclass(frozen=True)
class KeyWorkerLoad:
    staff_id: object
    name: str  # for the school's managers only
    children: int
    hours: Decimal
    capacity: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.capacity - self.hours

    @property
    def at_or_over_capacity(self) -> bool:
        return self.hours >= self.capacity

    @property
    def over_capacity(self) -> bool:
        return self.hours > self.capacity


@dataclass
class SchoolWorkload:
    school: object
    sen_support: int = 0
    ehc_plans: int = 0
    # The latest term recorded for the school's current SENCOs (None: never recorded).
    senco_now: SencoTerm | None = None
    senco_history: list[SencoTerm] = field(default_factory=list)
    qualification_due_soon: int = 0
    qualification_overdue: int = 0
    training_inside: int = 0
    training_outside: int = 0
    key_workers: list[KeyWorkerLoad] = field(default_factory=list)
    policies_overdue: int = 0
    policies_due_soon: int = 0
    # The Code of Practice briefing (school page only; None on the council's page).
    teachers_briefed: int | None = None
    teachers_not_briefed: int | None = None

    @property
    def on_register(self) -> int:
        return self.sen_support + self.ehc_plans

    @property
    def senco_hours(self) -> Decimal | None:
        return self.senco_now.hours if self.senco_now else None

    @property
    def pupils_per_hour(self) -> Decimal | None:
        return per_hour(self.on_register, self.senco_hours)

    @property
    def checks(self) -> str:
        """ "passed", "failed" or "not_recorded": the latest term's SENCO time checks."""
        if self.senco_now is None:
            return "not_recorded"
        return "failed" if self.senco_now.failing else "passed"

    @property
    def key_work_children(self) -> int:
        return sum(worker.children for worker in self.key_workers)

    @property
    def key_work_hours(self) -> Decimal:
        return sum((worker.hours for worker in self.key_workers), Decimal(0))

    @property
    def key_work_capacity(self) -> Decimal:
        return sum((worker.capacity for worker in self.key_workers), Decimal(0))

    @property
    def largest_caseload(self) -> int:
        return max((worker.children for worker in self.key_workers), default=0)

    @property
    def average_caseload(self) -> Decimal | None:
        if not self.key_workers:
            return None
        return (Decimal(self.key_work_children) / len(self.key_workers)).quantize(ONE_PLACE)

    @property
    def workers_at_or_over_capacity(self) -> int:
        return sum(1 for worker in self.key_workers if worker.at_or_over_capacity)


def workloads_for(schools, today: date, *, briefing: bool = False) -> list[SchoolWorkload]:
    """Every figure for each school, in the order given, in a fixed number of queries."""
    rows = {school.pk: SchoolWorkload(school=school) for school in schools}
    if not rows:
        return []
    ids = list(rows)
    _add_register(rows, ids)
    _add_senco_time(rows, ids, today)
    _add_qualifications(rows, ids, today)
    _add_training(rows, ids, today)
    _add_key_workers(rows, ids, today)
    _add_policies(rows, ids, today)
    if briefing:
        _add_briefing(rows, ids, today)
    return list(rows.values())


def workforce_alerts(schools, today: date) -> list[tuple]:
    """(school, what needs doing) for each school with something due soon, for the SENCO's
    and head's home page: the qualification and policy reviews, in two grouped queries."""
    rows = {school.pk: SchoolWorkload(school=school) for school in schools}
    if rows:
        _add_qualifications(rows, list(rows), today)
        _add_policies(rows, list(rows), today)
    alerts = [(row.school, _alert_text(row)) for row in rows.values()]
    return [(school, text) for school, text in alerts if text]


def _alert_text(row: SchoolWorkload) -> str:
    parts = []
    if row.qualification_overdue:
        parts.append("the SENCO qualification is overdue")
    elif row.qualification_due_soon:
        parts.append(f"the SENCO qualification is due within {QUALIFICATION_WARN_MONTHS} months")
    for count, when in (
        (row.policies_overdue, "overdue for review"),
        (row.policies_due_soon, f"due for review within {POLICY_DUE_SOON_DAYS} days"),
    ):
        if count:
            parts.append(f"{count} {'policy' if count == 1 else 'policies'} {when}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def school_workload(school, today: date) -> SchoolWorkload:
    return workloads_for([school], today, briefing=True)[0]


def _current_staff(today: date, prefix: str = "") -> Q:
    # Someone whose leaving date is still ahead is on the staff today.
    return Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})


def _add_register(rows: dict, ids: list) -> None:
    """Pupils on SEN support and with EHC plans now (one grouped count, as core.home does)."""
    for (school_id, provision), total in register_totals(ids).items():
        if provision == Provision.EHC_PLAN:
            rows[school_id].ehc_plans = total
        else:
            rows[school_id].sen_support = total


def _add_senco_time(rows: dict, ids: list, today: date) -> None:
    """Each school's SENCO time by term: all records for the history, current SENCOs for now.

    A current SENCO is on the staff and either has the SENCO job or an open appointment (the
    head may be the SENCO, reg 49(3)). One grouped query: the "now" figures are filtered sums.
    """
    is_current = _current_staff(today, "staff__") & (
        Q(staff__job=Job.SENCO)
        | Q(
            Exists(
                SencoAppointment.objects.filter(
                    staff_id=OuterRef("staff_id"), ended_on__isnull=True
                )
            )
        )
    )
    by_term = (
        SencoTimeRecord.objects.filter(school_id__in=ids)
        .values("school_id", "academic_year", "term")
        .annotate(
            hours=Sum("senco_hours"),
            pupils=Max(F("pupils_on_sen_support") + F("pupils_with_plans")),
            records=Count("pk"),
            failing=Count("pk", filter=Q(compliant=False)),
            hours_now=Sum("senco_hours", filter=is_current),
            records_now=Count("pk", filter=is_current),
            failing_now=Count("pk", filter=is_current & Q(compliant=False)),
        )
        .order_by()
    )
    for row in by_term:
        school = rows[row["school_id"]]
        history = SencoTerm(
            academic_year=row["academic_year"],
            term=row["term"],
            hours=row["hours"],
            pupils=row["pupils"],
            records=row["records"],
            failing=row["failing"],
        )
        school.senco_history.append(history)
        if row["records_now"] and (
            school.senco_now is None or history.sort_key > school.senco_now.sort_key
        ):
            school.senco_now = SencoTerm(
                academic_year=row["academic_year"],
                term=row["term"],
                hours=row["hours_now"],
                pupils=row["pupils"],
                records=row["records_now"],
                failing=row["failing_now"],
            )
    for school in rows.values():
        school.senco_history.sort(key=lambda term: term.sort_key)


def _add_qualifications(rows: dict, ids: list, today: date) -> None:
    """Open appointments whose course is not finished, by when the qualification is due."""
    warn_until = add_months(today, QUALIFICATION_WARN_MONTHS)
    counts = (
        SencoAppointment.objects.filter(
            school_id__in=ids,
            ended_on__isnull=True,
            course_completed_on__isnull=True,
            qualification_due_on__isnull=False,
        )
        .values("school_id")
        .annotate(
            overdue=Count("pk", filter=Q(qualification_due_on__lt=today)),
            due_soon=Count(
                "pk",
                filter=Q(qualification_due_on__gte=today, qualification_due_on__lte=warn_until),
            ),
        )
        .order_by()
    )
    for row in counts:
        rows[row["school_id"]].qualification_overdue = row["overdue"]
        rows[row["school_id"]].qualification_due_soon = row["due_soon"]


def _year_sessions(ids: list, today: date):
    start, end = academic_year_bounds(academic_year_of(today))
    return TrainingSession.objects.filter(
        school_id__in=ids, starts_at__date__gte=start, starts_at__date__lte=end
    ).exclude(status=SessionStatus.CANCELLED)


def _add_training(rows: dict, ids: list, today: date) -> None:
    """This academic year's sessions (planned or held), inside and outside directed time."""
    counts = (
        _year_sessions(ids, today)
        .values("school_id")
        .annotate(
            inside=Count("pk", filter=Q(in_directed_time=True)),
            outside=Count("pk", filter=Q(in_directed_time=False)),
        )
        .order_by()
    )
    for row in counts:
        rows[row["school_id"]].training_inside = row["inside"]
        rows[row["school_id"]].training_outside = row["outside"]


def _add_key_workers(rows: dict, ids: list, today: date) -> None:
    """Each key worker's current children and hours against the hours they can give.

    A key worker is on the staff with hours to give, or anyone still holding allocations (so a
    worker whose hours were cut to 0, or who left, still shows with their children).
    """
    current = Q(key_work__ended_on__isnull=True) | Q(key_work__ended_on__gt=today)
    workers = (
        StaffMember.objects.filter(school_id__in=ids)
        .annotate(
            children=Count("key_work", filter=current),
            hours=Sum("key_work__hours_per_week", filter=current),
        )
        .filter((_current_staff(today) & Q(key_worker_hours__gt=0)) | Q(children__gt=0))
        .order_by("full_name", "pk")
        .values("school_id", "pk", "full_name", "key_worker_hours", "children", "hours")
    )
    for row in workers:
        rows[row["school_id"]].key_workers.append(
            KeyWorkerLoad(
                staff_id=row["pk"],
                name=row["full_name"],
                children=row["children"],
                hours=row["hours"] or Decimal(0),
                capacity=row["key_worker_hours"],
            )
        )


def _add_policies(rows: dict, ids: list, today: date) -> None:
    due_by = today + timedelta(days=POLICY_DUE_SOON_DAYS)
    counts = (
        Policy.objects.filter(school_id__in=ids, retired_on__isnull=True)
        .values("school_id")
        .annotate(
            overdue=Count("pk", filter=Q(next_review_on__lt=today)),
            due_soon=Count("pk", filter=Q(next_review_on__gte=today, next_review_on__lte=due_by)),
        )
        .order_by()
    )
    for row in counts:
        rows[row["school_id"]].policies_overdue = row["overdue"]
        rows[row["school_id"]].policies_due_soon = row["due_soon"]


def _add_briefing(rows: dict, ids: list, today: date) -> None:
    """Teachers on the staff now who attended a held Code of Practice briefing, and those not.

    Seed: "all teachers are informed about how the Code has changed".
    """
    briefed = Exists(
        TrainingAttendance.objects.filter(
            staff_id=OuterRef("pk"),
            attended=True,
            session__is_code_briefing=True,
            session__status=SessionStatus.HELD,
        )
    )
    counts = (
        StaffMember.objects.filter(_current_staff(today), school_id__in=ids, job__in=TEACHING_JOBS)
        .values("school_id")
        .annotate(yes=Count("pk", filter=briefed), no=Count("pk", filter=~briefed))
        .order_by()
    )
    for school in rows.values():
        school.teachers_briefed = school.teachers_not_briefed = 0
    for row in counts:
        rows[row["school_id"]].teachers_briefed = row["yes"]
        rows[row["school_id"]].teachers_not_briefed = row["no"]


# --- by term -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingTerm:
    label: str
    inside: int
    outside: int


def _default_term_of(day: date) -> tuple[int, str]:
    """The default term (law.meetings.default_terms: autumn Sep-Dec, spring Jan-Mar, summer
    Apr-Aug) a day falls in, as (academic year, term name)."""
    year = academic_year_of(day)
    for term in default_terms(year):
        if term.start <= day <= term.end:
            return year, term.name
    raise ValueError(f"{day} is in no term")  # pragma: no cover - the terms cover every day


def training_by_term(school, today: date) -> list[TrainingTerm]:
    """Sessions inside and outside directed time in each term of this academic year, and of
    the last one too when it had any (one grouped query, by month)."""
    this_year = academic_year_of(today)
    start, _ = academic_year_bounds(this_year - 1)
    _, end = academic_year_bounds(this_year)
    by_month = (
        TrainingSession.objects.filter(
            school=school, starts_at__date__gte=start, starts_at__date__lte=end
        )
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(year=ExtractYear("starts_at"), month=ExtractMonth("starts_at"))
        .values("year", "month", "in_directed_time")
        .annotate(total=Count("pk"))
        .order_by()
    )
    counts: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in by_month:
        key = _default_term_of(date(row["year"], row["month"], 1))
        counts[key][0 if row["in_directed_time"] else 1] += row["total"]
    years = [this_year - 1, this_year] if any(y < this_year for y, _ in counts) else [this_year]
    return [
        TrainingTerm(term_label(year, term.name), *counts.get((year, term.name), (0, 0)))
        for year in years
        for term in default_terms(year)
    ]


def senco_ratio_by_term(workload: SchoolWorkload, *, hide_small: bool) -> list[tuple[str, Decimal]]:
    """Pupils per SENCO hour in each recorded term (the latest CHART_TERMS).

    With `hide_small` (governors) a term whose register held 1 to 4 pupils is left out: with
    the SENCO's hours on the SENCO time page, its ratio would give the small count away.
    """
    points = []
    for term in workload.senco_history[-CHART_TERMS:]:
        if term.ratio is None or (hide_small and suppressed(term.pupils) is None):
            continue
        points.append((term.label, term.ratio))
    return points
