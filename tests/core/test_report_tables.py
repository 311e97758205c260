"""Report tables and report pages (issue 12 item 6): what is shown is what is downloaded."""

import csv
import io
import shutil
import subprocess
from datetime import date

import pytest
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory
from openpyxl import load_workbook

from opensend.core.report_pages import Figure, Report, Section, percent_text, report_response
from opensend.core.tables import Link, download_filename, table, table_download

NEEDS = table(
    "needs",
    "Pupils by primary need",
    ["Primary need", "Pupils"],
    [("Speech, language and communication", 12), (Link("=HYPERLINK(1)", "/cases/?x=1"), 3)],
)


def _get(query: str = ""):
    return RequestFactory().get("/reports/x/" + query)


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_table_downloads_as_csv_with_the_links_text_and_formulas_defused():
    response = table_download(_get("?download=needs&format=csv"), [NEEDS], filename_stem="LA x")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="la-x-needs.csv"'
    assert _csv_rows(response) == [
        ["Primary need", "Pupils"],
        ["Speech, language and communication", "12"],
        ["'=HYPERLINK(1)", "3"],
    ]


def test_a_table_downloads_as_xlsx_with_numbers_as_numbers():
    response = table_download(_get("?download=needs&format=xlsx"), [NEEDS], filename_stem="r")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == ["Speech, language and communication", 12]
    assert sheet.title == "Pupils by primary need"


def test_no_download_asked_for_means_the_page():
    assert table_download(_get("?school=1"), [NEEDS], filename_stem="r") is None


@pytest.mark.parametrize("query", ["?download=nope", "?download=needs&format=pdf"])
def test_an_unknown_table_or_format_is_a_404_not_a_500(query):
    with pytest.raises(Http404):
        table_download(_get(query), [NEEDS], filename_stem="r")


def test_filenames_are_neutral_slugs():
    assert download_filename("Plans issued!", NEEDS, "csv") == "plans-issued-needs.csv"


def test_the_include_keeps_the_pages_filters_in_its_download_links_and_links_cells():
    html = render_to_string("includes/table.html", {"table": NEEDS, "request": _get("?area=North")})
    assert 'href="?area=North&amp;download=needs&amp;format=csv"' in html
    assert 'href="?area=North&amp;download=needs&amp;format=xlsx"' in html
    assert '<a class="govuk-link" href="/cases/?x=1">=HYPERLINK(1)</a>' in html
    assert "govuk-table__cell--numeric" in html


def test_an_empty_table_says_so():
    empty = table("e", "Nothing", ["A", "B"], [], empty_text="No reviews yet.")
    html = render_to_string("includes/table.html", {"table": empty, "request": _get()})
    assert "No reviews yet." in html


REPORT = Report(
    title="SEND dashboard",
    scope="Northshire, 1 December 2025 to 30 November 2026",
    filename_stem="send-dashboard",
    sections=(
        Section(
            heading="Plans issued",
            key="plans",
            figures=(Figure("Within 20 weeks", percent_text(32, 50), "32 of 50"),),
            tables=(NEEDS,),
            notes=("SEND Regulations 2014 reg 13(2).",),
        ),
    ),
    generated_on=date(2026, 11, 28),
)


def test_percent_text_rounds_and_says_when_there_is_nothing_to_count():
    assert percent_text(32, 50) == "64%"
    assert percent_text(1, 3) == "33%"
    assert percent_text(0, 0) == "–"


def test_report_response_answers_a_table_download_from_the_reports_own_tables():
    response = report_response(_get("?download=needs"), REPORT, template_name="unused.html")
    assert response["Content-Disposition"] == 'attachment; filename="send-dashboard-needs.csv"'


def test_report_response_prints_the_whole_report_as_a_pdf():
    response = report_response(_get("?format=pdf"), REPORT, template_name="unused.html")
    assert response.content.startswith(b"%PDF")
    assert "send-dashboard-2026-11-28.pdf" in response["Content-Disposition"]
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
        ).stdout.decode()
        for shown in ("Plans issued", "Within 20 weeks", "64%", "32 of 50", "=HYPERLINK(1)"):
            assert shown in text
