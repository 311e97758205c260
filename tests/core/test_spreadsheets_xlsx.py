"""Tables as XLSX: the workbook opens, its first row is bold and frozen, dates are real dates,
and text that looks like a formula stays text (the same rule as the CSV's csv_safe)."""

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from opensend.core.spreadsheets import (
    FORMULA_STARTS,
    XLSX_CONTENT_TYPE,
    csv_safe,
    xlsx_bytes,
    xlsx_response,
)

HEADINGS = ["UPN", "Surname", "Date of birth", "Year"]
ROWS = [
    ["A123", "Martin", date(2017, 5, 4), 4],
    ["B456", "Patel", date(2018, 1, 22), 3],
]


def sheet_of(data: bytes):
    return load_workbook(io.BytesIO(data)).active


def test_the_workbook_holds_the_headings_and_rows():
    sheet = sheet_of(xlsx_bytes(HEADINGS, ROWS, sheet_title="Census"))
    assert sheet.title == "Census"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(HEADINGS)
    assert values[1] == ("A123", "Martin", datetime(2017, 5, 4), 4)
    assert len(values) == 3


def test_the_heading_row_is_bold_and_frozen():
    sheet = sheet_of(xlsx_bytes(HEADINGS, ROWS))
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"


def test_dates_are_excel_dates_not_text():
    cell = sheet_of(xlsx_bytes(HEADINGS, ROWS))["C2"]
    assert cell.is_date
    assert cell.number_format == "yyyy-mm-dd"
    assert cell.value.date() == date(2017, 5, 4)


def test_an_aware_datetime_is_written_in_local_time():
    moment = datetime(2026, 7, 1, 9, 30, tzinfo=UTC)  # 10:30 in London (BST)
    cell = sheet_of(xlsx_bytes(["When"], [[moment]]))["A2"]
    assert cell.is_date
    assert cell.value == datetime(2026, 7, 1, 10, 30)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_that_looks_like_a_formula_is_stored_as_text(start):
    text = f"{start}HYPERLINK(1)"
    sheet = sheet_of(xlsx_bytes(["Name"], [[text]]))
    cell = sheet["A2"]
    assert cell.data_type == "s"
    # Shown as recorded, no apostrophe added (XML itself reads a carriage return as a newline).
    assert cell.value.replace("\n", "\r") == text
    assert cell.quotePrefix  # and Excel keeps it text if someone edits the cell


def test_the_xlsx_and_csv_guard_the_same_cells():
    for text in ["=1+1", "+44 1234", "-5", "@SUM(A1)", "Martin", "O'Neil", ""]:
        cell = sheet_of(xlsx_bytes(["Name"], [[text or None]]))["A2"]
        guarded = csv_safe(text) != text
        assert bool(cell.quotePrefix) == guarded, text


def test_an_equals_sign_is_never_written_as_a_formula():
    raw = xlsx_bytes(["Name"], [['=HYPERLINK("http://x","click")']])
    sheet_xml = zipfile.ZipFile(io.BytesIO(raw)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml


def test_empty_cells_and_control_characters_do_not_break_the_file():
    sheet = sheet_of(xlsx_bytes(["A", "B"], [[None, "Bad\x07name"]]))
    assert sheet["A2"].value is None
    assert sheet["B2"].value == "Badname"


def test_columns_are_wide_enough_but_not_too_wide():
    sheet = sheet_of(xlsx_bytes(["Id", "Notes"], [["1", "x" * 200]]))
    assert 8 <= sheet.column_dimensions["A"].width <= 12
    assert sheet.column_dimensions["B"].width <= 52


def test_a_sheet_title_excel_would_refuse_is_tidied():
    sheet = sheet_of(xlsx_bytes(["A"], [], sheet_title="SEN2 [2026/01/15]: a very long title"))
    assert len(sheet.title) <= 31
    assert not set("[]:*?/\\") & set(sheet.title)


def test_the_response_is_an_uncached_attachment():
    response = xlsx_response(HEADINGS, ROWS, filename="census-sen-990101-2027-01-21.xlsx")
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="census-sen-990101-2027-01-21.xlsx"'
    )
    assert response["Cache-Control"] == "no-store"
    assert sheet_of(response.content)["B3"].value == "Patel"
