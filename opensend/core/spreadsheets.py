"""Tables downloaded as CSV or XLSX: every cell shown as the text it is, never run as a formula.

Issue 12 item 6: every table downloadable as CSV and XLSX. A view builds one table (headings and
rows of plain values) and hands it to `csv_safe` per cell for CSV, or to `xlsx_response` whole.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A spreadsheet opens a cell starting with one of these as a formula (OWASP "CSV injection"):
# a name typed as "=HYPERLINK(...)" must not become a live link in the SENCO's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Control characters are not allowed in the XML inside an XLSX file (openpyxl refuses them);
# a stray one pasted into a name must not turn a download into a server error.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# Column widths in characters: wide enough for a date or a code, never wider than a screen.
MIN_WIDTH, MAX_WIDTH, DATE_WIDTH = 8, 50, 12
DATE_FORMAT = "yyyy-mm-dd"
# Excel's limit on a sheet's name, and the characters it does not allow in one.
_SHEET_TITLE_MAX = 31
_NOT_IN_SHEET_TITLE = re.compile(r"[\[\]:*?/\\]")

Cell = str | int | float | Decimal | date | None


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if looks_like_formula(text) else text


def _write_cell(sheet, row: int, column: int, value: Cell) -> None:
    cell = sheet.cell(row=row, column=column)
    if value is None:
        return
    if isinstance(value, datetime):
        # Excel has no time zones: show the local time the page would have shown.
        value = timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
        cell.value = value
        cell.number_format = f"{DATE_FORMAT} hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        # Numbers stay numbers (counts, percentages, costs in pounds), so they add up in Excel.
        cell.value = value
        if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
            cell.number_format = "#,##0.00"  # pounds and pence show their pence
    else:
        text = _NOT_IN_XML.sub("", str(value))
        cell.value = text
        if looks_like_formula(text):
            # Stored as text (openpyxl would otherwise write "=…" as a formula), and marked
            # "quote prefix" so Excel keeps it text even after someone edits the cell. Unlike
            # the CSV, no apostrophe is added: the cell shows exactly what was recorded.
            cell.data_type = "s"
            cell.quotePrefix = True


def _width(value: Cell) -> int:
    if isinstance(value, date):
        return DATE_WIDTH + (6 if isinstance(value, datetime) else 0)
    return len(str(value)) if value is not None else 0


def _sheet_title(title: str) -> str:
    return (_NOT_IN_SHEET_TITLE.sub(" ", title).strip() or "Data")[:_SHEET_TITLE_MAX]


def xlsx_bytes(
    headings: Sequence[str], rows: Iterable[Sequence[Cell]], *, sheet_title: str = "Data"
) -> bytes:
    """One sheet: a bold, frozen heading row, then the rows; dates as real Excel dates."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_title)
    widths = [len(h) for h in headings]
    for column, heading in enumerate(headings, start=1):
        _write_cell(sheet, 1, column, heading)
        sheet.cell(row=1, column=column).font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _write_cell(sheet, row_number, column, value)
            if column <= len(widths):
                widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = (
            min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
        )
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_response(
    headings: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    filename: str,
    sheet_title: str = "Data",
) -> HttpResponse:
    """The table as an XLSX download. `filename` must be neutral (never a child's name): it is
    kept in browser download lists; `no-store` keeps the file itself out of caches."""
    response = HttpResponse(
        xlsx_bytes(headings, rows, sheet_title=sheet_title), content_type=XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def spreadsheet_response(
    headings: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    filename: str,
    file_format: str,
    sheet_title: str = "Data",
) -> HttpResponse:
    """The same rows as a CSV or (`file_format="xlsx"`) an XLSX download, named `filename`
    (neutral: never a child's name) and kept out of caches."""
    if file_format == "xlsx":
        return xlsx_response(headings, rows, filename=filename, sheet_title=sheet_title)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(headings)
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)
    return response
