"""The council's SEND dashboard (issue 12 item 1) as an opensend.core.report_pages.Report.

Every number is an aggregate query over scope.py's annotated records, counted with the
figures.py registry: one query per section for its headline figures, one per date a section
charts by month, one per breakdown (school, primary need, area, caseworker). So the number of
queries is the same for ten cases or ten thousand (issue 12 item 7).
"""

from collections import defaultdict
from datetime import date

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils.text import slugify

from opensend.core.charts import multi_line_chart
from opensend.core.report_pages import Figure, Report, Section, percent_text
from opensend.core.tables import Link, table
from opensend.organisations.models import Organisation
from opensend.reports.la_dashboard import scope
from opensend.reports.la_dashboard.figures import (
    ADVICE,
    CASES,
    FIGURES,
    REVIEWS,
    Context,
    context,
)
from opensend.reports.la_dashboard.filters import (
    NEED_NAMES,
    NO_AREA_LABEL,
    NO_NEED_LABEL,
    NO_SCHOOL_LABEL,
    NONE,
    DashboardFilters,
)

RECORDS = {CASES: scope.cases, ADVICE: scope.advice, REVIEWS: scope.reviews}
NOT_ASSIGNED = NONE  # the `caseworker` bucket for cases nobody owns


class _Counter:
    """Runs the aggregate queries for one dashboard and makes the links to the cases."""

    def __init__(self, local_authority, filters: DashboardFilters, ctx: Context):
        self.la = local_authority
        self.filters = filters
        self.ctx = ctx
        self.cases_url = reverse("la_dashboard_cases", kwargs={"la_id": local_authority.pk})

    def records(self, kind: str):
        return RECORDS[kind](self.la, self.filters)

    def href(self, key: str, **bucket) -> str:
        return f"{self.cases_url}?{self.filters.query(figure=key, **bucket)}"

    def link(self, key: str, count: int, **bucket):
        return Link(str(count), self.href(key, **bucket)) if count else 0

    def _counts(self, keys):
        return {key: Count("pk", filter=FIGURES[key].q(self.ctx, self.filters)) for key in keys}

    def totals(self, kind: str, keys, **extra) -> dict:
        return self.records(kind).aggregate(**self._counts(keys), **extra)

    def by_month(self, kind: str, keys) -> dict[str, dict[str, int]]:
        """{key: {"2026-03": n}}; the keys must share one date."""
        field = FIGURES[keys[0]].date_field
        rows = (
            self.records(kind)
            .filter(FIGURES[keys[0]].period_q(self.filters.start, self.filters.end))
            .annotate(dash_month=TruncMonth(field))
            .values("dash_month")
            .annotate(**{key: Count("pk", filter=FIGURES[key].condition(self.ctx)) for key in keys})
            .order_by("dash_month")
        )
        out: dict[str, dict[str, int]] = defaultdict(dict)
        for row in rows:
            for key in keys:
                out[key][row["dash_month"].strftime("%Y-%m")] = row[key]
        return out

    def breakdown(self, kind: str, dimension: str, keys) -> list[dict]:
        qs = self.records(kind)
        names = ["dim"]
        if dimension == "school":
            school_name = Organisation.objects.filter(pk=OuterRef("dash_school")).values("name")
            qs = qs.annotate(dim=F("dash_school"), dim_name=Subquery(school_name[:1]))
            names.append("dim_name")
        elif dimension == "caseworker":
            qs = qs.annotate(dim=F("caseworker_id"), dim_name=F("caseworker__full_name"))
            names.append("dim_name")
        else:
            qs = qs.annotate(dim=F(f"dash_{dimension}"))
        rows = qs.values(*names).annotate(**self._counts(keys)).order_by(*names)
        return [row for row in rows if any(row[key] for key in keys)]


# --- months ---------------------------------------------------------------------------------


def _months(start: date, end: date) -> list[date]:
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _month_chart(title: str, months: list[date], series: list[tuple[str, dict[str, int]]]):
    labels = [m.strftime("%b %Y") for m in months]
    values = [
        (name, [counts.get(m.strftime("%Y-%m"), 0) for m in months]) for name, counts in series
    ]
    return multi_line_chart(labels, values, title=title, label_heading="Month")


# --- figures and tables -----------------------------------------------------------------------


def _count_figure(counter: _Counter, totals: dict, key: str, detail: str = "") -> Figure:
    return Figure(FIGURES[key].label, str(totals[key]), detail, counter.href(key))


def _share_figure(counter: _Counter, totals: dict, key: str, of: str) -> Figure:
    part, whole = totals[key], totals[of]
    return Figure(
        FIGURES[key].label, percent_text(part, whole), f"{part} of {whole}", counter.href(key)
    )


def _dimension_label(dimension: str, row: dict) -> str:
    if dimension == "school":
        return row["dim_name"] or NO_SCHOOL_LABEL
    if dimension == "caseworker":
        return row["dim_name"] or "Not assigned"
    if dimension == "need":
        return NEED_NAMES.get(row["dim"]) or NO_NEED_LABEL
    return row["dim"] or NO_AREA_LABEL


def _bucket(dimension: str, row: dict) -> dict:
    value = row["dim"]
    if dimension == "area":
        return {"area": value or NONE}
    if dimension == "caseworker":
        return {"caseworker": value or NOT_ASSIGNED}
    return {dimension: value or NONE}


DIMENSIONS = (("school", "School"), ("need", "Primary need"), ("area", "Area"))


def _breakdown_tables(
    counter: _Counter, section_key: str, kind: str, columns, dimensions=DIMENSIONS
):
    """One table per dimension; `columns` is [(figure key, heading)]."""
    keys = [key for key, _ in columns]
    tables = []
    for dimension, heading in dimensions:
        if dimension != "caseworker" and getattr(counter.filters, _filter_attr(dimension)):
            continue  # already narrowed to one school, need or area: one row says nothing
        rows = counter.breakdown(kind, dimension, keys)
        tables.append(
            table(
                f"{section_key}-by-{dimension}",
                f"By {heading.lower()}",
                [heading, *(h for _, h in columns)],
                [
                    [
                        _dimension_label(dimension, row),
                        *(counter.link(key, row[key], **_bucket(dimension, row)) for key in keys),
                    ]
                    for row in sorted(rows, key=lambda r: _dimension_label(dimension, r).lower())
                ],
            )
        )
    return tables


def _filter_attr(dimension: str) -> str:
    return {"school": "school_id", "need": "need", "area": "area"}[dimension]


# --- sections ---------------------------------------------------------------------------------


def _requests_section(counter: _Counter, months) -> Section:
    keys = ["requests", "assess_decisions", "assess_on_time", "refused_assess", "refused_issue"]
    totals = counter.totals(CASES, keys)
    received = counter.by_month(CASES, ["requests"])
    decided = counter.by_month(CASES, ["assess_on_time", "assess_late"])
    return Section(
        heading="Requests and decisions",
        key="requests-decisions",
        figures=(
            _count_figure(counter, totals, "requests"),
            _count_figure(counter, totals, "assess_decisions"),
            _share_figure(counter, totals, "assess_on_time", "assess_decisions"),
            _count_figure(counter, totals, "refused_assess"),
            _count_figure(counter, totals, "refused_issue"),
        ),
        charts=(
            _month_chart(
                "Requests received and decisions whether to assess, by month",
                months,
                [
                    ("Requests received", received["requests"]),
                    ("Decided within 6 weeks", decided["assess_on_time"]),
                    ("Decided after 6 weeks", decided["assess_late"]),
                ],
            ),
        ),
        tables=tuple(
            _breakdown_tables(
                counter,
                "requests",
                CASES,
                [
                    ("requests", "Requests"),
                    ("assess_decisions", "Decisions whether to assess"),
                    ("assess_on_time", "Within 6 weeks"),
                    ("refused_assess", "Not to assess"),
                    ("refused_issue", "Not to issue"),
                ],
            )
        ),
        notes=(
            "A decision whether to assess is due within 6 weeks of the request (SEND "
            "Regulations 2014 reg 5(1)). Requests are counted in the month they were received; "
            "decisions in the month they were made.",
        ),
    )


def _plans_section(counter: _Counter, months) -> Section:
    keys = [
        "plans_issued",
        "plans_on_time",
        "plans_issued_no_exc",
        "plans_on_time_no_exc",
    ]
    issued = FIGURES["plans_issued"]
    weeks = ExpressionWrapper(F("plan_issued_on") - F("received"), output_field=DurationField())
    totals = counter.totals(
        CASES,
        keys,
        average=Avg(weeks, filter=issued.q(counter.ctx, counter.filters)),
    )
    average = totals["average"]
    monthly = counter.by_month(CASES, ["plans_on_time", "plans_late"])
    return Section(
        heading="Plans issued",
        key="plans-issued",
        figures=(
            _count_figure(counter, totals, "plans_issued"),
            _share_figure(counter, totals, "plans_on_time", "plans_issued"),
            _share_figure(counter, totals, "plans_on_time_no_exc", "plans_issued_no_exc"),
            Figure(
                "Average time from request to plan",
                "–" if average is None else f"{average.total_seconds() / 86400 / 7:.1f} weeks",
                f"over {totals['plans_issued']} plans",
                counter.href("plans_issued"),
            ),
        ),
        charts=(
            _month_chart(
                "New plans issued within and after 20 weeks, by month",
                months,
                [
                    ("Within 20 weeks", monthly["plans_on_time"]),
                    ("After 20 weeks", monthly["plans_late"]),
                ],
            ),
        ),
        tables=tuple(
            _breakdown_tables(
                counter,
                "plans",
                CASES,
                [
                    ("plans_issued", "Plans issued"),
                    ("plans_on_time", "Within 20 weeks"),
                    ("plans_issued_no_exc", "Issued, excluding exceptions"),
                    ("plans_on_time_no_exc", "Within 20 weeks, excluding exceptions"),
                ],
            )
        ),
        notes=(
            "A final plan is due within 20 weeks of the request (SEND Regulations 2014 reg "
            "13(2)). As in SEN2, the figures excluding exceptions leave out cases where a "
            "recorded exception lifts the 20-week limit (regs 10(4) and 13(3)); an exception "
            "that does not touch that limit leaves the case in.",
            "Only a child's first plan counts; amended plans do not. Plans are counted in the "
            "month they were issued.",
        ),
    )


def _advice_section(counter: _Counter, months) -> Section:
    kinds = [("all", "All"), *scope.ADVICE_PROVIDERS]
    keys = [f"advice_{k}_{part}" for k, _ in kinds for part in ("due", "on_time", "outstanding")]
    totals = counter.totals(ADVICE, keys)
    monthly = counter.by_month(ADVICE, ["advice_all_due", "advice_all_on_time"])
    by_provider = table(
        "advice-by-provider",
        "Advice by who gives it",
        ["Advice", "Due in the period", "Given within 6 weeks", "Share on time", "Overdue now"],
        [
            [
                name,
                counter.link(f"advice_{k}_due", totals[f"advice_{k}_due"]),
                counter.link(f"advice_{k}_on_time", totals[f"advice_{k}_on_time"]),
                percent_text(totals[f"advice_{k}_on_time"], totals[f"advice_{k}_due"]),
                counter.link(f"advice_{k}_outstanding", totals[f"advice_{k}_outstanding"]),
            ]
            for k, name in kinds
        ],
    )
    return Section(
        heading="Advice",
        key="advice",
        figures=tuple(
            figure
            for k, _ in scope.ADVICE_PROVIDERS
            for figure in (
                _share_figure(counter, totals, f"advice_{k}_on_time", f"advice_{k}_due"),
                _count_figure(counter, totals, f"advice_{k}_outstanding"),
            )
        ),
        charts=(
            _month_chart(
                "Advice due and advice given within 6 weeks, by month due",
                months,
                [
                    ("Advice due", monthly["advice_all_due"]),
                    ("Given within 6 weeks", monthly["advice_all_on_time"]),
                ],
            ),
        ),
        tables=(
            by_provider,
            *_breakdown_tables(
                counter,
                "advice",
                ADVICE,
                [
                    ("advice_all_due", "Advice due"),
                    ("advice_all_on_time", "Given within 6 weeks"),
                    ("advice_all_outstanding", "Overdue now"),
                ],
            ),
        ),
        notes=(
            "Advice asked for in an assessment must be given within 6 weeks of the request "
            "for it (SEND Regulations 2014 reg 8(1)). Counted in the month it was due. "
            "Educational psychology is reg 6(1)(d), health reg 6(1)(c), social care reg 6(1)(e).",
            "“Overdue now” is advice still not given whose due date has passed, whatever the "
            "period.",
        ),
    )


def _reviews_section(counter: _Counter, months) -> Section:
    keys = ["reviews_due", "reviews_on_time", "reviews_overdue"]
    totals = counter.totals(REVIEWS, keys)
    monthly = counter.by_month(REVIEWS, ["reviews_due", "reviews_on_time"])
    return Section(
        heading="Annual reviews",
        key="annual-reviews",
        figures=(
            _count_figure(counter, totals, "reviews_due"),
            _share_figure(counter, totals, "reviews_on_time", "reviews_due"),
            _count_figure(counter, totals, "reviews_overdue"),
        ),
        charts=(
            _month_chart(
                "Annual reviews due and held on time, by month due",
                months,
                [
                    ("Due", monthly["reviews_due"]),
                    ("Held on time", monthly["reviews_on_time"]),
                ],
            ),
        ),
        tables=tuple(
            _breakdown_tables(
                counter,
                "reviews",
                REVIEWS,
                [
                    ("reviews_due", "Due"),
                    ("reviews_on_time", "Held on time"),
                    ("reviews_overdue", "Overdue now"),
                ],
            )
        ),
        notes=(
            "A plan is reviewed at least every 12 months: from the plan, then from the last "
            "review (Children and Families Act 2014 s44(1); SEND Regulations 2014 regs 18 and "
            "20). A review is on time when its meeting was held by its due date; it is overdue "
            "when the date has passed with no meeting held and it is not complete.",
        ),
    )


def _transfers_section(counter: _Counter) -> Section:
    keys = [
        "transfers_due",
        "transfers_on_time",
        "transfers_late",
        "transfers_school_due",
        "transfers_school_on_time",
        "transfers_post16_due",
        "transfers_post16_on_time",
        "transfers_coming_up",
    ]
    totals = counter.totals(REVIEWS, keys)
    return Section(
        heading="Phase transfers",
        key="phase-transfers",
        figures=(
            _count_figure(counter, totals, "transfers_due"),
            _share_figure(counter, totals, "transfers_school_on_time", "transfers_school_due"),
            _share_figure(counter, totals, "transfers_post16_on_time", "transfers_post16_due"),
            _count_figure(counter, totals, "transfers_late"),
            _count_figure(counter, totals, "transfers_coming_up"),
        ),
        tables=tuple(
            _breakdown_tables(
                counter,
                "transfers",
                REVIEWS,
                [
                    ("transfers_due", "Due"),
                    ("transfers_on_time", "Amended by the deadline"),
                    ("transfers_late", "Past the deadline, not amended"),
                ],
            )
        ),
        notes=(
            "When a child moves to the next phase of education the plan is amended, naming the "
            "new school, by 15 February of the year of transfer, or by 31 March for a move to "
            "post-16 education (SEND Regulations 2014 reg 18(1), as amended). Counted by the "
            "deadline falling in the period; on time when the amended plan was issued by it. "
            "Transfers coming up are counted as of today, whatever the period.",
        ),
    )


def _caseload_section(counter: _Counter) -> Section:
    keys = ["open_cases", "open_overdue"]
    totals = counter.totals(CASES, keys)
    columns = [("open_cases", "Open cases"), ("open_overdue", "With a step overdue")]
    return Section(
        heading="Caseloads",
        key="caseloads",
        figures=(
            _count_figure(counter, totals, "open_cases"),
            _count_figure(counter, totals, "open_overdue"),
        ),
        tables=tuple(
            _breakdown_tables(
                counter,
                "caseloads",
                CASES,
                columns,
                dimensions=(("caseworker", "Caseworker"), *DIMENSIONS),
            )
        ),
        notes=(
            "Assessments still open today (deciding, assessing or writing the plan), whatever "
            "the period. A step is overdue when its due date has passed.",
        ),
    )


def build_la_dashboard(local_authority, *, today: date, filters: DashboardFilters) -> Report:
    counter = _Counter(local_authority, filters, context(local_authority, today))
    months = _months(filters.start, filters.end)
    return Report(
        title="SEND dashboard",
        scope=f"{local_authority.name}, {filters.description}",
        filename_stem=f"send-dashboard-{slugify(local_authority.la_code or local_authority.name)}",
        sections=(
            _requests_section(counter, months),
            _plans_section(counter, months),
            _advice_section(counter, months),
            _reviews_section(counter, months),
            _transfers_section(counter),
            _caseload_section(counter),
        ),
        generated_on=today,
    )
