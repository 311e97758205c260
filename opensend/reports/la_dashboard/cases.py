"""The cases behind one figure: `?figure=<key>` with the dashboard's filters, optionally
narrowed to one month (`month=2026-03`) or one caseworker (`caseworker=<id>` or `none`).

The list is the figure's own queryset (figures.py), so it holds exactly what was counted; it
starts from the person's own selectors (la_cases, reviews_for_la) as well as the council, so
no one sees a case they could not open.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.urls import reverse

from opensend.ehc.selectors import la_cases
from opensend.organisations.models import Organisation
from opensend.reports.la_dashboard import scope
from opensend.reports.la_dashboard.figures import (
    ADVICE,
    CASES,
    FIGURES,
    REVIEWS,
    FigureDef,
    context,
)
from opensend.reports.la_dashboard.filters import NONE, DashboardFilters, is_uuid
from opensend.reviews.models import ReviewStatus
from opensend.reviews.selectors import reviews_for_la

PER_PAGE = 50


@dataclass(frozen=True)
class CaseRow:
    child: str
    href: str
    day: date | None
    school: str
    detail: str


@dataclass(frozen=True)
class FigureCases:
    figure: FigureDef
    month: date | None
    caseworker: str
    page: object  # a Paginator page of CaseRow


def _month(raw: str) -> date | None:
    try:
        return date.fromisoformat(f"{raw.strip()}-01")
    except ValueError:
        return None


def _records(figure: FigureDef, user, local_authority, filters: DashboardFilters) -> QuerySet:
    if figure.records == CASES:
        return scope.cases(local_authority, filters, scoped=la_cases(user))
    if figure.records == ADVICE:
        return scope.advice(local_authority, filters, scoped=la_cases(user))
    return scope.reviews(local_authority, filters, scoped=reviews_for_la(user))


def figure_queryset(
    figure: FigureDef, user, local_authority, filters, *, today, month=None, caseworker=""
):
    qs = _records(figure, user, local_authority, filters).filter(
        figure.q(context(local_authority, today), filters)
    )
    if month is not None and figure.date_field:
        next_month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        qs = qs.filter(
            **{f"{figure.date_field}__gte": month, f"{figure.date_field}__lt": next_month}
        )
    if caseworker and figure.records == CASES:
        qs = (
            qs.filter(caseworker__isnull=True)
            if caseworker == NONE
            else qs.filter(caseworker_id=caseworker)
        )
    return qs


def _rows(figure: FigureDef, qs: QuerySet) -> QuerySet:
    """Only the columns the list shows, in one query per page."""
    day = F(figure.date_field) if figure.date_field else F("pk")
    if figure.records == CASES:
        qs = qs.annotate(dash_day=day, link_id=F("pk"), detail=F("caseworker__full_name"))
        child = "child__"
    elif figure.records == ADVICE:
        qs = qs.annotate(dash_day=day, link_id=F("case_id"), detail=F("recipient_name"))
        child = "case__child__"
    else:
        qs = qs.annotate(dash_day=day, link_id=F("pk"), detail=F("status"))
        child = "child__"
    school_name = Organisation.objects.filter(pk=OuterRef("dash_school")).values("name")[:1]
    return (
        qs.annotate(school_name=Subquery(school_name))
        .values(
            "link_id",
            "dash_day",
            "school_name",
            "detail",
            first_name=F(f"{child}first_name"),
            last_name=F(f"{child}last_name"),
        )
        .order_by("last_name", "first_name", "link_id")
    )


def _detail(figure: FigureDef, value) -> str:
    if figure.records == REVIEWS:
        return ReviewStatus(value).label if value in ReviewStatus.values else ""
    return value or ""


def figure_cases(user, local_authority, filters, querydict, *, today) -> FigureCases | None:
    """None when `figure` names no figure (the view answers 404)."""
    figure = FIGURES.get(querydict.get("figure", ""))
    if figure is None:
        return None
    month = _month(querydict.get("month", ""))
    caseworker = querydict.get("caseworker", "").strip()
    if caseworker and caseworker != NONE and not is_uuid(caseworker):
        caseworker = ""
    qs = figure_queryset(
        figure, user, local_authority, filters, today=today, month=month, caseworker=caseworker
    )
    page = Paginator(_rows(figure, qs), PER_PAGE).get_page(querydict.get("page"))
    url_name, arg = (
        ("reviews_la_review", "review_id")
        if figure.records == REVIEWS
        else (
            "ehc_case",
            "case_id",
        )
    )
    page.object_list = [
        CaseRow(
            child=f"{row['first_name']} {row['last_name']}",
            href=reverse(url_name, kwargs={arg: row["link_id"]}),
            day=row["dash_day"] if figure.date_field else None,
            school=row["school_name"] or "",
            detail=_detail(figure, row["detail"]),
        )
        for row in page.object_list
    ]
    return FigureCases(figure, month if figure.date_field else None, caseworker, page)
