"""Reading review programmes: the council's programmes, one programme's schedule month by
month, and a school's share of them (every read scoped to the person)."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from opensend.core.access import get_audited
from opensend.law.dates import add_months
from opensend.people.selectors import la_ids
from opensend.reviews.models import (
    ProgrammeItem,
    ProgrammeStatus,
    Review,
    TransferProgramme,
)


def programmes_for_la(user) -> QuerySet[TransferProgramme]:
    if not user.is_authenticated:
        return TransferProgramme.objects.none()
    if user.is_superuser:
        return TransferProgramme.objects.all()
    return TransferProgramme.objects.filter(local_authority_id__in=la_ids(user))


def get_la_programme_for(user, programme_id) -> TransferProgramme:
    return get_audited(
        programmes_for_la(user).select_related("local_authority", "accepted_by"),
        programme_id,
        user=user,
    )


@dataclass
class MonthRow:
    month: date
    items: list = field(default_factory=list)
    per_school: list = field(default_factory=list)  # [(school name, count, busiest?)]

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass
class Schedule:
    months: list[MonthRow]
    unscheduled: list[ProgrammeItem]
    schools: list[tuple[str, int, int]]  # (school name, total, most in one month)
    busiest_month_count: int
    first_month: date | None
    last_finish: date | None


def programme_schedule(programme: TransferProgramme) -> Schedule:
    """The month-by-month table: every month from the first to the last (empty ones too, so a
    gap shows), the children in each, and how many at each school (the busiest marked)."""
    items = list(
        programme.items.select_related("child", "school").order_by("month", "due", "created_at")
    )
    scheduled = [item for item in items if item.month]
    unscheduled = [item for item in items if not item.month]
    rows: list[MonthRow] = []
    if scheduled:
        month = scheduled[0].month
        last = scheduled[-1].month
        by_month: dict = defaultdict(list)
        for item in scheduled:
            by_month[item.month].append(item)
        while month <= last:
            rows.append(MonthRow(month=month, items=by_month.get(month, [])))
            month = add_months(month, 1)
    totals: Counter = Counter()
    peaks: Counter = Counter()
    for row in rows:
        counts = Counter(_school_name(item) for item in row.items)
        most = max(counts.values(), default=0)
        row.per_school = [
            (name, count, count == most and most > 1)
            for name, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
        ]
        for name, count in counts.items():
            totals[name] += count
            peaks[name] = max(peaks[name], count)
    schools = sorted(
        ((name, totals[name], peaks[name]) for name in totals), key=lambda row: (-row[1], row[0])
    )
    return Schedule(
        months=rows,
        unscheduled=unscheduled,
        schools=schools,
        busiest_month_count=max((row.count for row in rows), default=0),
        first_month=rows[0].month if rows else None,
        last_finish=max((item.finish_by for item in scheduled), default=None),
    )


def _school_name(item: ProgrammeItem) -> str:
    return item.school.name if item.school_id else "Not at a school (the council arranges it)"


def school_programme_reviews(user) -> QuerySet[Review]:
    """The reviews accepted programmes scheduled at the user's schools (SENCO or head)."""
    from opensend.ehc.selectors import school_manager_ids

    if not user.is_authenticated:
        return Review.objects.none()
    return (
        Review.objects.filter(
            school_id__in=school_manager_ids(user),
            programme__status=ProgrammeStatus.ACCEPTED,
        )
        .select_related("child", "school", "programme")
        .order_by("scheduled_by", "due_on", "child__last_name")
    )
