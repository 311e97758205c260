"""Timeliness as DfE counts it: with and without exceptions, which never move a date."""

from datetime import date, timedelta

from django.urls import reverse

from opensend.ehc.reports import timeliness
from opensend.ehc.selectors import la_cases
from opensend.ehc.services import Views, decision_record, exception_record, paper_request_record
from tests.reports.export_checks import csv_rows, filename, pdf_text, xlsx_rows

D = date.fromisoformat


def _paper_case(demo, child, received):
    return paper_request_record(
        actor=demo["north_caseworker"],
        child=demo[child],
        requester_kind="parent",
        requester_name="A parent",
        received=received,
        views=Views(family_difficulties="Reading"),
    ).case


def test_decisions_are_counted_on_time_with_and_without_exceptions(demo, frozen):
    # Frozen on 2 March 2026. Three requests, received on different days.
    on_time = _paper_case(demo, "leo", D("2026-02-20"))  # due 3 April
    late = _paper_case(demo, "mia", D("2026-01-05"))  # due 16 February
    late_with_exception = _paper_case(demo, "ava", D("2026-01-12"))  # due 23 February
    exception_record(
        actor=demo["north_caseworker"],
        case=late_with_exception,
        kind="absence_from_area",
        start=D("2026-01-13"),
        end=D("2026-02-20"),  # 39 days away inside the 6 weeks: reg 5(4)(d) applies
    )
    for case in (on_time, late, late_with_exception):
        decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)

    report = timeliness(la_cases(demo["north_caseworker"]), today=D("2026-03-02"))
    figures = report.decisions_to_assess
    assert (figures.made, figures.on_time, figures.percent) == (3, 1, 33)
    assert (figures.made_without_exception, figures.on_time_without_exception) == (2, 1)
    assert figures.percent_without_exception == 50
    assert report.by_month == [("Mar 2026", 33)]
    assert report.open_cases == 3
    # The exception moved nothing: the case's date is still 6 weeks from its request.
    late_with_exception.refresh_from_db()
    assert late_with_exception.decision_to_assess_due == D("2026-02-23")


def test_another_las_cases_are_not_counted(demo, frozen):
    case = _paper_case(demo, "leo", D("2026-02-20"))
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    report = timeliness(la_cases(demo["south_caseworker"]), today=D("2026-03-02"))
    assert report.decisions_to_assess.made == 0
    assert report.decisions_to_assess.percent is None


def test_the_page_shows_the_figures_to_the_la_and_nobody_else(demo, frozen, signed_in):
    case = _paper_case(demo, "leo", D("2026-02-20"))
    frozen.shift(timedelta(days=1))
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    client = signed_in("north_caseworker")
    response = client.get(reverse("ehc_timeliness"))
    assert response.status_code == 200
    assert "1 (100%)" in response.text
    client.logout()
    client = signed_in("oak_senco")
    assert client.get(reverse("ehc_timeliness")).status_code == 404


# The page as a report (issue 12 item 6): each table as CSV and XLSX, the whole page as a PDF.


def _three_decisions(demo, frozen):
    """On 2 March 2026: one decision on time, one late, one late with an exception (as above)."""
    on_time = _paper_case(demo, "leo", D("2026-02-20"))
    late = _paper_case(demo, "mia", D("2026-01-05"))
    excused = _paper_case(demo, "ava", D("2026-01-12"))
    exception_record(
        actor=demo["north_caseworker"],
        case=excused,
        kind="absence_from_area",
        start=D("2026-01-13"),
        end=D("2026-02-20"),
    )
    for case in (on_time, late, excused):
        decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)


DECISION_ROWS = [
    "Decision",
    "Time limit",
    "Made",
    "On time",
    "On time (%)",
    "Made without exceptions",
    "On time without exceptions",
    "On time without exceptions (%)",
]


def test_the_decisions_table_downloads_as_csv_and_xlsx_with_the_pages_rows(demo, frozen, signed_in):
    _three_decisions(demo, frozen)
    client = signed_in("north_caseworker")
    url = reverse("ehc_timeliness")
    page = client.get(url).text
    assert "?download=decisions&amp;format=csv" in page
    assert "3 (33%)" not in page and "1 (33%)" in page  # 1 of 3 on time, as before

    as_csv = client.get(url, {"download": "decisions", "format": "csv"})
    assert filename(as_csv) == "ehc-timeliness-decisions.csv"
    rows = csv_rows(as_csv)
    assert rows[0] == DECISION_ROWS
    assert rows[1][0] == "Decisions whether to assess"
    assert rows[1][2:] == ["3", "1", "33", "2", "1", "50"]
    assert rows[2][0] == "Decisions not to issue a plan"
    assert rows[2][2:] == ["0", "0", "", "0", "0", ""]

    as_xlsx = client.get(url, {"download": "decisions", "format": "xlsx"})
    assert filename(as_xlsx) == "ehc-timeliness-decisions.xlsx"
    sheet = xlsx_rows(as_xlsx)
    assert sheet[0] == DECISION_ROWS
    assert sheet[1][2:] == [3, 1, 33, 2, 1, 50]
    assert len(sheet) == len(rows) == 3

    by_month = csv_rows(client.get(url, {"download": "by-month", "format": "csv"}))
    assert by_month == [
        ["Month", "Made", "Within 6 weeks", "Within 6 weeks (%)"],
        ["Mar 2026", "3", "1", "33"],
    ]


def test_the_page_comes_as_a_pdf_with_its_figures(demo, frozen, signed_in):
    _three_decisions(demo, frozen)
    response = signed_in("north_caseworker").get(reverse("ehc_timeliness"), {"format": "pdf"})
    assert filename(response) == "ehc-timeliness-2026-03-02.pdf"
    text = pdf_text(response)
    assert "How quickly we decide" in text
    assert "Decisions made since 2 March 2025" in text
    # Table cells wrap in print, so look for what stays on one line: 33% on time, 50% without
    # exceptions, and the by-month row (3 made, 1 on time, 33%).
    assert "(33%)" in text and "(50%)" in text
    assert "Mar 2026 3 1 33" in text
    assert "Ava" not in text and "Leo" not in text  # counts, never children


def test_a_bad_download_key_or_format_is_a_404_not_an_error(demo, frozen, signed_in):
    client = signed_in("north_caseworker")
    url = reverse("ehc_timeliness")
    assert client.get(url, {"download": "nonsense", "format": "csv"}).status_code == 404
    assert client.get(url, {"download": "decisions", "format": "docx"}).status_code == 404


def test_nobody_outside_an_la_gets_the_downloads_or_the_pdf(demo, frozen, signed_in):
    client = signed_in("oak_senco")
    url = reverse("ehc_timeliness")
    assert client.get(url, {"format": "pdf"}).status_code == 404
    assert client.get(url, {"download": "decisions", "format": "csv"}).status_code == 404
