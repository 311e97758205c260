"""The school dashboard's figures, read from the database as counts (issue 12 item 2).

Every figure here is an aggregate query whose number does not grow with the number of pupils
(issue 12 item 7): one query for the register on every census day, one for primary needs on
every census day, one each for support plan reviews, EHC cases, annual reviews and SENCO time,
and `school_compliance`'s five for parent meetings. The figures are exact; whoever shows them
decides what to hide (`suppression`, for governors).

Dates: a period (enrolment, SEN status, need) covers a day when it started on or before it and
ended on or after it (`end` is the last day it applied, as the census export counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Q

from opensend.ehc.models import OPEN_STAGES, CaseStage, EhcCase
from opensend.law.dates import academic_year_of
from opensend.law.reviews import latest_meeting_for
from opensend.meetings.compliance import school_compliance
from opensend.organisations.models import Organisation
from opensend.people.census import autumn_census_day, spring_census_day, summer_census_day
from opensend.people.models import NEED_CHOICES, Enrolment, Need, Provision, SenStatus
from opensend.reviews.models import OPEN_REVIEW_STATUSES, ReviewStatus
from opensend.reviews.models import Review as EhcReview
from opensend.support.models import PlanReview, SupportPlan, SupportPlanStatus
from opensend.workforce.selectors.senco import senco_time_history, term_totals

REGISTER = (Provision.SEN_SUPPORT, Provision.EHC_PLAN)
NEED_LABELS = dict(NEED_CHOICES)


# --- census days ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CensusDay:
    day: date
    label: str  # "Autumn 2025"


def census_days_to(today: date) -> list[CensusDay]:
    """Every termly census day of this academic year and the last one, up to `today`.

    Census days: the first Thursday in October, the third Thursday in January and the third
    Thursday in May (DfE school census guide; `opensend.people.census`).
    """
    first_year = academic_year_of(today) - 1
    days = []
    for year in (first_year, first_year + 1):
        days += [
            CensusDay(autumn_census_day(year), f"Autumn {year}"),
            CensusDay(spring_census_day(year + 1), f"Spring {year + 1}"),
            CensusDay(summer_census_day(year + 1), f"Summer {year + 1}"),
        ]
    return [census for census in days if census.day <= today]


def _covers(day: date, prefix: str = "") -> Q:
    """`prefix` periods (status, need or enrolment) that applied on `day`."""
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": day})
    )


def _on_roll(school: Organisation, day: date) -> Q:
    return Q(child__enrolments__school=school) & _covers(day, "child__enrolments__")


def _pupils_ever_on_roll(school: Organisation, since: date):
    """The children on roll at any time since `since`: a subquery, so no rows come back."""
    return (
        Enrolment.objects.filter(school=school)
        .filter(Q(end__isnull=True) | Q(end__gte=since))
        .values("child_id")
    )


@dataclass(frozen=True)
class RegisterOnDay:
    census: CensusDay
    sen_support: int
    ehc_plan: int

    @property
    def total(self) -> int:
        return self.sen_support + self.ehc_plan


def register_by_census_day(school: Organisation, days: list[CensusDay]) -> list[RegisterOnDay]:
    """Pupils on roll on each census day on SEN support (K) or with an EHC plan (E): one
    query, with two conditional counts per day."""
    if not days:
        return []
    counts = {}
    for index, census in enumerate(days):
        on_day = _covers(census.day) & _on_roll(school, census.day)
        for provision in REGISTER:
            counts[f"{provision}_{index}"] = Count(
                "child", distinct=True, filter=on_day & Q(provision=provision)
            )
    totals = SenStatus.objects.filter(
        provision__in=REGISTER, child__in=_pupils_ever_on_roll(school, days[0].day)
    ).aggregate(**counts)
    return [
        RegisterOnDay(
            census,
            sen_support=totals[f"{Provision.SEN_SUPPORT}_{index}"],
            ehc_plan=totals[f"{Provision.EHC_PLAN}_{index}"],
        )
        for index, census in enumerate(days)
    ]


def primary_needs_by_census_day(
    school: Organisation, days: list[CensusDay]
) -> list[tuple[str, list[int]]]:
    """[(need, [pupils on roll with it as their primary need on each census day])], the most
    common need (on the latest day) first; one grouped query, one conditional count per day."""
    if not days:
        return []
    counts = {
        f"day_{index}": Count(
            "child", distinct=True, filter=_covers(census.day) & _on_roll(school, census.day)
        )
        for index, census in enumerate(days)
    }
    rows = (
        Need.objects.filter(rank=1, child__in=_pupils_ever_on_roll(school, days[0].day))
        .values("code")
        .annotate(**counts)
        .order_by("code")
    )
    needs = [
        (NEED_LABELS.get(row["code"], row["code"]), [row[key] for key in counts]) for row in rows
    ]
    needs = [(label, values) for label, values in needs if any(values)]
    return sorted(needs, key=lambda need: (-need[1][-1], need[0]))


# --- parent meetings -------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingCounts:
    academic_year: int
    uses_default_terms: bool
    by_status: list[tuple[str, int]]  # (Met / On track / Offered / Behind, pupils)

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_status)

    def count(self, label: str) -> int:
        return dict(self.by_status).get(label, 0)


def meeting_counts(school: Organisation, today: date) -> MeetingCounts:
    """CoP 6.65: three meetings a year with the parents of each pupil on SEN support; the
    status of each pupil on the register this year (`school_compliance`, five queries)."""
    compliance = school_compliance(school, as_of=today)
    return MeetingCounts(
        academic_year=compliance.academic_year,
        uses_default_terms=compliance.uses_default_terms,
        by_status=[(label, count) for _, label, count in compliance.status_counts],
    )


# --- support plan reviews --------------------------------------------------------------------


@dataclass(frozen=True)
class SupportReviewCounts:
    on_time: int  # reviewed on or before the plan's review date, in the last 12 months
    late: int
    overdue_now: int  # active plans whose review date has passed
    since: date

    @property
    def total(self) -> int:
        return self.on_time + self.late


def support_review_counts(school: Organisation, today: date) -> SupportReviewCounts:
    """Reviews of SEN support plans held in the 12 months to today, on time or late against
    the review date the plan set (CoP 6.52: the date is agreed with the parents), and active
    plans now past their review date. Two queries."""
    since = today - timedelta(days=365)
    held = PlanReview.objects.filter(
        plan__school=school, review_date__gt=since, review_date__lte=today
    ).aggregate(
        on_time=Count("pk", filter=Q(review_date__lte=F("plan__review_due"))),
        late=Count("pk", filter=Q(review_date__gt=F("plan__review_due"))),
    )
    overdue = SupportPlan.objects.filter(
        school=school, status=SupportPlanStatus.ACTIVE, review_due__lt=today
    ).count()
    return SupportReviewCounts(
        on_time=held["on_time"], late=held["late"], overdue_now=overdue, since=since
    )


# --- EHC needs assessments and annual reviews ------------------------------------------------


@dataclass(frozen=True)
class EhcCounts:
    by_stage: list[tuple[str, int]]  # open stages, in order
    overdue: int  # open cases whose next statutory date has passed

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_stage)


def ehc_request_counts(school: Organisation, today: date) -> EhcCounts:
    """EHC needs assessments in progress for pupils on roll now (as the school's own
    requests page lists them), by stage: one query."""
    stage_counts = {stage: Count("pk", filter=Q(stage=stage)) for stage in OPEN_STAGES}
    totals = EhcCase.objects.filter(
        stage__in=OPEN_STAGES,
        child__in=Enrolment.objects.filter(school=school, end__isnull=True).values("child_id"),
    ).aggregate(**stage_counts, overdue=Count("pk", filter=Q(next_due__lt=today)))
    return EhcCounts(
        by_stage=[(CaseStage(stage).label, totals[stage]) for stage in OPEN_STAGES],
        overdue=totals["overdue"],
    )


@dataclass(frozen=True)
class ReviewCounts:
    by_status: list[tuple[str, int]]  # open statuses, in order
    overdue: int  # the next step's statutory date has passed

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_status)


def _review_step_overdue(today: date) -> Q:
    """The review tray's "overdue" (`reviews.selectors.next_step`) as a filter: the meeting
    (CFA 2014 s44(1), or earlier for a phase transfer, reg 18(1)), the report (reg 20(7)),
    the decision (reg 20(10)) or the amended plan (reg 22(3)) is past its date."""
    # meeting_due = min(due_on, latest_meeting_for(deadline)) < today
    #   <=> due_on < today or deadline < today + (deadline - latest_meeting_for(deadline)).
    margin = today - latest_meeting_for(today)
    meeting_late = Q(due_on__lt=today) | Q(phase_transfer_deadline__lt=today + margin)
    return (
        (Q(status=ReviewStatus.DUE) & meeting_late)
        | Q(status=ReviewStatus.ARRANGED, meeting_at__date__lt=today)
        | Q(status=ReviewStatus.ARRANGED, meeting_at__isnull=True, due_on__lt=today)
        | Q(status=ReviewStatus.HELD, report_due__lt=today)
        | Q(status=ReviewStatus.REPORTED, decision_due__lt=today)
        | Q(status=ReviewStatus.AMENDING, amended_plan_due__lt=today)
    )


def annual_review_counts(school: Organisation, today: date) -> ReviewCounts:
    """Reviews of EHC plans the school arranges (reg 20(12)) still open, by step: one query."""
    status_counts = {
        status: Count("pk", filter=Q(status=status)) for status in OPEN_REVIEW_STATUSES
    }
    totals = EhcReview.objects.filter(school=school, status__in=OPEN_REVIEW_STATUSES).aggregate(
        **status_counts, overdue=Count("pk", filter=_review_step_overdue(today))
    )
    return ReviewCounts(
        by_status=[(ReviewStatus(s).label, totals[s]) for s in OPEN_REVIEW_STATUSES],
        overdue=totals["overdue"],
    )


# --- SENCO time ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SencoTimeSummary:
    term: str  # "Autumn 2026"
    senco_hours: Decimal
    compliant: bool
    sencos: int


def latest_senco_time(school: Organisation) -> SencoTimeSummary | None:
    """The latest term's SENCO time (all SENCOs' weekly hours added up) and whether every
    SENCO's time passed the checks (`law.senco.senco_time`). One query: the records are a
    handful a term, not a row per pupil."""
    records = list(senco_time_history(school))
    totals = term_totals(records)
    if not totals:
        return None
    latest = totals[-1]
    sencos = sum(
        1 for r in records if (r.academic_year, r.term) == (latest.academic_year, latest.term)
    )
    return SencoTimeSummary(latest.label, latest.senco_hours, latest.compliant, sencos)


# --- all of it -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolFigures:
    school: Organisation
    today: date
    census_days: list[CensusDay]
    register: list[RegisterOnDay]
    needs: list[tuple[str, list[int]]]
    meetings: MeetingCounts
    support_reviews: SupportReviewCounts
    ehc_requests: EhcCounts
    annual_reviews: ReviewCounts
    senco_time: SencoTimeSummary | None


def school_figures(school: Organisation, today: date) -> SchoolFigures:
    """Every exact figure of the school's dashboard. Callers check who is looking."""
    days = census_days_to(today)
    return SchoolFigures(
        school=school,
        today=today,
        census_days=days,
        register=register_by_census_day(school, days),
        needs=primary_needs_by_census_day(school, days),
        meetings=meeting_counts(school, today),
        support_reviews=support_review_counts(school, today),
        ehc_requests=ehc_request_counts(school, today),
        annual_reviews=annual_review_counts(school, today),
        senco_time=latest_senco_time(school),
    )
