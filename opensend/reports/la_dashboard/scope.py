"""The records behind the dashboard, each annotated (in SQL) with its school, area and need.

Which school a case belongs to: the school named on its first assessment request; when that
request names none (requests from parents usually don't), the school the child was on roll at
on the day the request was received, or failing that the first school they joined after it.
All three are subqueries, so grouping "by school" is one `values().annotate()` query, never a
loop.

Which need: the child's primary need (rank 1) as recorded now: the open one, or if none is
open the one that ended last. A child's primary need is the council's current view of them,
and it is what the caseload is managed by; needs are often recorded only after the request.

A review's school is the school it is held at (`Review.school`); its area and need as above.
Area: the school's `Organisation.area` ("" when blank or when there is no school).
"""

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, UUIDField, Value
from django.db.models.functions import Coalesce, TruncDate

from opensend.ehc.models import (
    AdviceRequest,
    AssessmentRequest,
    Decision,
    DecisionKind,
    EhcCase,
    PlanVersion,
    PlanVersionStatus,
)
from opensend.organisations.models import Organisation
from opensend.people.models import Enrolment, Need
from opensend.reports.la_dashboard.filters import NO_AREA, NONE, DashboardFilters
from opensend.reviews.models import Review, ReviewKind, ReviewStatus


def _case_school(case_ref: str, child_ref: str, received_ref: str):
    first_request_school = (
        AssessmentRequest.objects.filter(case=OuterRef(case_ref))
        .order_by("received", "created_at")
        .values("school_id")[:1]
    )
    enrolled_that_day = (
        Enrolment.objects.filter(child=OuterRef(child_ref), start__lte=OuterRef(received_ref))
        .filter(Q(end__isnull=True) | Q(end__gte=OuterRef(received_ref)))
        .order_by("-start")
        .values("school_id")[:1]
    )
    # A child who joined a school while the assessment ran (a move, or a request made before
    # the child started) belongs to the first school they joined after the request.
    joined_after = (
        Enrolment.objects.filter(child=OuterRef(child_ref), start__gt=OuterRef(received_ref))
        .order_by("start")
        .values("school_id")[:1]
    )
    return Coalesce(
        Subquery(first_request_school),
        Subquery(enrolled_that_day),
        Subquery(joined_after),
        output_field=UUIDField(),
    )


def _area():
    area = Organisation.objects.filter(pk=OuterRef("dash_school")).values("area")[:1]
    return Coalesce(Subquery(area), Value(""))


def _primary_need(child_ref: str):
    need = (
        Need.objects.filter(child=OuterRef(child_ref), rank=1)
        .order_by(F("end").desc(nulls_first=True), "-start")
        .values("code")[:1]
    )
    return Coalesce(Subquery(need), Value(""))


def _decision(kind: str, field: str):
    return Subquery(Decision.objects.filter(case=OuterRef("pk"), kind=kind).values(field)[:1])


def _first_issued():
    """The first final plan's issue date (SEN2's plan start date): amendments don't count."""
    return Subquery(
        PlanVersion.objects.filter(
            plan__case=OuterRef("pk"),
            status__in=[PlanVersionStatus.ISSUED, PlanVersionStatus.SUPERSEDED],
            issued_on__isnull=False,
        )
        .order_by("issued_on", "number")
        .values("issued_on")[:1]
    )


def _apply(qs: QuerySet, filters: DashboardFilters) -> QuerySet:
    if filters.school_id == NONE:
        qs = qs.filter(dash_school__isnull=True)
    elif filters.school_id:
        qs = qs.filter(dash_school=filters.school_id)
    if filters.need:
        qs = qs.filter(dash_need="" if filters.need == NONE else filters.need)
    if filters.area:
        qs = qs.filter(dash_area="" if filters.area == NO_AREA else filters.area)
    return qs


def cases(local_authority, filters: DashboardFilters, scoped: QuerySet | None = None) -> QuerySet:
    """The council's EHC cases. Statement transfer cases are left out, as SEN2 leaves them
    (they run on SI 2014/2270's transitional limits, not regs 5 and 13)."""
    base = EhcCase.objects.all() if scoped is None else scoped
    qs = (
        base.filter(local_authority=local_authority, legacy_statement__isnull=True)
        .annotate(
            dash_school=_case_school("pk", "child_id", "received"),
            dash_need=_primary_need("child_id"),
            assess_on=_decision(DecisionKind.ASSESS, "decided_on"),
            assess_agreed=_decision(DecisionKind.ASSESS, "agreed"),
            issue_on=_decision(DecisionKind.ISSUE, "decided_on"),
            issue_agreed=_decision(DecisionKind.ISSUE, "agreed"),
            plan_issued_on=_first_issued(),
        )
        .annotate(dash_area=_area())
    )
    return _apply(qs, filters)


# Reg 6(1)(c), (d), (e): the advice the dashboard reports on, by who gives it.
ADVICE_PROVIDERS = (
    ("psychological", "Educational psychology"),
    ("medical", "Health"),
    ("social_care", "Social care"),
)
ADVICE_ASKED = ("requested", "submitted")  # asked for: not a draft, reused or withdrawn


def advice(local_authority, filters: DashboardFilters, scoped: QuerySet | None = None) -> QuerySet:
    """Advice asked of EPs, health and social care for the council's cases (reg 8(1))."""
    base = (
        AdviceRequest.objects.all()
        if scoped is None
        else AdviceRequest.objects.filter(case__in=scoped)
    )
    qs = (
        base.filter(
            case__local_authority=local_authority,
            case__legacy_statement__isnull=True,
            kind__in=[kind for kind, _ in ADVICE_PROVIDERS],
            status__in=ADVICE_ASKED,
            due__isnull=False,
        )
        .annotate(
            dash_school=_case_school("case_id", "case__child_id", "case__received"),
            dash_need=_primary_need("case__child_id"),
            returned_on=TruncDate("submitted_at"),
        )
        .annotate(dash_area=_area())
    )
    return _apply(qs, filters)


def reviews(local_authority, filters: DashboardFilters, scoped: QuerySet | None = None) -> QuerySet:
    """Annual reviews of EHC plans (CFA 2014 s44), cancelled ones left out."""
    base = Review.objects.all() if scoped is None else scoped
    qs = (
        base.filter(local_authority=local_authority, kind=ReviewKind.ANNUAL, plan__isnull=False)
        .exclude(status=ReviewStatus.CANCELLED)
        .annotate(dash_school=F("school_id"), dash_need=_primary_need("child_id"))
        .annotate(dash_area=_area())
    )
    return _apply(qs, filters)
