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

from opensend.core.charts import Chart
from opensend.core.pdf import pdf_response, render_pdf
from opensend.core.tables import Table, table_download

PDF_TEMPLATE = "pdf/report.html"
SUPPRESSED = "fewer than 5"  # DESIGN: governors see counts under 5 hidden


@dataclass(frozen=True)
class Figure:
    """One headline number: "Plans issued within 20 weeks: 64% (32 of 50)"."""

    label: str
    value: str  # as shown: "42", "64%", "fewer than 5", "–"
    detail: str = ""  # what it is out of, or what it leaves out
    href: str = ""  # the cases behind it, only for people allowed to see them


@dataclass(frozen=True)
class Section:
    heading: str
    key: str  # the section's id on the page (for "skip to" links)
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()  # how it is counted, with the law's source


@dataclass(frozen=True)
class Report:
    title: str
    scope: str  # whose figures, over what period: "Northshire, 1 Dec 2025 to 30 Nov 2026"
    filename_stem: str  # neutral: never a child's name
    sections: tuple[Section, ...]
    generated_on: date = field(default_factory=timezone.localdate)

    @property
    def tables(self) -> list[Table]:
        return [tbl for section in self.sections for tbl in section.tables]


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
