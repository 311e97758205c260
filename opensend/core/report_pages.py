"""Dashboards and reports as data: figures, charts and tables in sections, shown three ways.

Issue 12: a report is a page, a PDF (item 6: "every report as PDF") and a set of downloadable
tables (CSV and XLSX). A view builds one `Report` and hands it to `report_response`, which
answers all three from it, so the PDF and the downloads never disagree with the page:

- `?download=<table key>&format=csv|xlsx`  the table (opensend.core.tables.table_download);
- `?format=pdf`                            the whole report, tagged PDF/UA (opensend.core.pdf);
- anything else                            the page, from the view's template.

Templates show a section with `{% include "includes/report_section.html" with section=… %}`.
"""

from dataclasses import dataclass, field
from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from opensend.core.charts import Chart
from opensend.core.pdf import pdf_response, render_pdf
from opensend.core.tables import Table, table, table_download

PDF_TEMPLATE = "pdf/report.html"
SUPPRESSED = "fewer than 5"  # DESIGN: governors see counts under 5 hidden


@dataclass(frozen=True)
class Figure:
    """One headline number: "Plans issued within 20 weeks: 64% (32 of 50)"."""

    label: str
    value: str  # as shown: "42", "64%", "fewer than 5", "–"
    detail: str = ""  # what it is out of, or what it leaves out
    href: str = ""  # the cases behind it, only for people allowed to see them


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(float(value), 1)


def chart_table(chart: Chart) -> Table:
    """A chart's figures as a downloadable table: the same numbers the table beside it shows."""
    if chart.series:
        rows = []
        for index, label in enumerate(chart.labels):
            cells = [_number(series.values[index]) for series in chart.series]
            if chart.total_heading:
                cells.append(_number(chart.rows[index].value))
            rows.append((label, *cells))
    else:
        rows = [(row.label, _number(row.value)) for row in chart.rows]
    return table(
        f"chart-{slugify(chart.title)[:60]}",
        chart.title,
        (chart.label_heading, *chart.columns),
        rows,
    )


@dataclass(frozen=True)
class Section:
    heading: str
    key: str  # the section's id on the page (for "skip to" links)
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()  # how it is counted, with the law's source
    # False when the section's own tables already hold each chart's figures: the chart is then
    # shown without its table of figures, so the page does not show the same numbers twice.
    chart_tables: bool = True

    @property
    def chart_pairs(self) -> list[tuple[Chart, Table | None]]:
        """Each chart with its downloadable table of figures (None when not shown)."""
        return [
            (chart, chart_table(chart) if self.chart_tables and not chart.is_empty else None)
            for chart in self.charts
        ]

    @property
    def all_tables(self) -> list[Table]:
        return [tbl for _, tbl in self.chart_pairs if tbl is not None] + list(self.tables)


@dataclass(frozen=True)
class Report:
    title: str
    scope: str  # whose figures, over what period: "Northshire, 1 Dec 2025 to 30 Nov 2026"
    filename_stem: str  # neutral: never a child's name
    sections: tuple[Section, ...]
    generated_on: date = field(default_factory=timezone.localdate)

    @property
    def tables(self) -> list[Table]:
        return [tbl for section in self.sections for tbl in section.all_tables]


def percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def percent_text(part: int, whole: int) -> str:
    value = percent(part, whole)
    return "–" if value is None else f"{value}%"


def wants_pdf(request) -> bool:
    return request.GET.get("format") == "pdf" and not request.GET.get("download")


def report_response(request, report: Report, *, template_name: str, context: dict | None = None):
    """The page, the PDF or a table's download, all from the same `report`."""
    download = table_download(request, report.tables, filename_stem=report.filename_stem)
    if download is not None:
        return download
    if wants_pdf(request):
        pdf = render_pdf(template_name=PDF_TEMPLATE, context={"report": report}, title=report.title)
        return pdf_response(pdf=pdf, filename=f"{report.filename_stem}-{report.generated_on}.pdf")
    return render(request, template_name, {"report": report, **(context or {})})
