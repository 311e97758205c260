"""The LA's timeliness page: how many decisions were made within the statutory limits.

One `Report` (opensend.core.report_pages) answers the page, its PDF (`?format=pdf`) and each
table as CSV or XLSX (`?download=<key>&format=csv|xlsx`), so the three never disagree. The
figures are counts, never children, so the downloads are not audited as exports of named pupils.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from opensend.core.charts import line_chart
from opensend.core.report_pages import Figure, Report, Section, report_response
from opensend.core.tables import table
from opensend.ehc.reports import Timeliness, TimelinessReport, timeliness
from opensend.ehc.selectors import la_cases
from opensend.people.selectors import la_ids

EXCEPTIONS_NOTE = (
    'A decision is on time if it was made on or before its statutory date. The figures "without '
    'exceptions" leave out cases where a recorded exception made the time limit impractical '
    "(SEND Regulations 2014 regulations 5(4) and 10(4)), as the Department for Education's "
    "statistics do. Exceptions never move a date."
)


def _on_time_text(row: Timeliness) -> str:
    return "None made" if row.percent is None else f"{row.on_time} ({row.percent}%)"


def _without_exceptions_text(row: Timeliness) -> str:
    if row.percent_without_exception is None:
        return "None made"
    return (
        f"{row.on_time_without_exception} of {row.made_without_exception} "
        f"({row.percent_without_exception}%)"
    )


def _decisions_section(figures: TimelinessReport) -> Section:
    rows = [figures.decisions_to_assess, figures.decisions_not_to_issue]
    return Section(
        heading="Decisions within the time limit",
        key="decisions",
        figures=tuple(
            Figure(
                label=f"{row.label} made on time",
                value=_on_time_text(row),
                detail=f"of {row.made} made. Without exceptions: {_without_exceptions_text(row)}",
            )
            for row in rows
        ),
        tables=(
            table(
                "decisions",
                "Decisions within the time limit",
                [
                    "Decision",
                    "Time limit",
                    "Made",
                    "On time",
                    "On time (%)",
                    "Made without exceptions",
                    "On time without exceptions",
                    "On time without exceptions (%)",
                ],
                [
                    (
                        row.label,
                        row.rule,
                        row.made,
                        row.on_time,
                        row.percent,
                        row.made_without_exception,
                        row.on_time_without_exception,
                        row.percent_without_exception,
                    )
                    for row in rows
                ],
                numeric_columns=frozenset({2, 3, 4, 5, 6, 7}),
            ),
        ),
        notes=(EXCEPTIONS_NOTE,),
    )


def _open_cases_section(figures: TimelinessReport) -> Section:
    return Section(
        heading="Open cases",
        key="open-cases",
        figures=(
            Figure(label="Open cases", value=str(figures.open_cases)),
            Figure(
                label="Past a statutory date now",
                value=str(figures.open_overdue),
                href=reverse("ehc_work_tray"),
            ),
        ),
    )


def _by_month_section(figures: TimelinessReport) -> Section:
    return Section(
        heading="Decisions whether to assess, by month",
        key="by-month",
        charts=(
            line_chart(
                figures.by_month,
                title="Decisions whether to assess made within 6 weeks, by month (%)",
                label_heading="Month",
                value_heading="Within 6 weeks (%)",
            ),
        ),
        tables=(
            table(
                "by-month",
                "Decisions whether to assess, by month",
                ["Month", "Made", "Within 6 weeks", "Within 6 weeks (%)"],
                [
                    (month, made, on_time, round(100 * on_time / made))
                    for month, made, on_time in figures.by_month_counts
                ],
                empty_text="No decisions whether to assess in the last 12 months.",
            ),
        ),
        notes=("SEND Regulations 2014 reg 5(1): within 6 weeks of the request.",),
    )


def timeliness_page(figures: TimelinessReport) -> Report:
    return Report(
        title="How quickly we decide",
        scope=f"Decisions made since {figures.since:%-d %B %Y}",
        filename_stem="ehc-timeliness",
        sections=(
            _decisions_section(figures),
            _open_cases_section(figures),
            _by_month_section(figures),
        ),
    )


@login_required
def timeliness_report(request):
    if not la_ids(request.user) and not request.user.is_superuser:
        raise Http404("Only a local authority's SEND team sees its timeliness.")
    figures = timeliness(la_cases(request.user), today=timezone.localdate())
    return report_response(
        request,
        timeliness_page(figures),
        template_name="ehc/report_timeliness.html",
        context={"figures": figures},
    )
