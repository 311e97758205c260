"""Report tables: shown on the page, downloaded as CSV or XLSX, printed in the report's PDF.

Issue 12 item 6: "every table downloadable as CSV and XLSX; every report as PDF". A report view
builds its tables once as `Table`s; the page renders each with `templates/includes/table.html`
(which adds the two download links), `table_download` answers the links from the same tables,
and `report_pdf` prints them. So what is downloaded is exactly what was shown.

A cell is plain data (text, a number, a date, None) or a `Link` (text and where it leads, for
"the cases behind this figure"); downloads keep the text and drop the address.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from django.http import Http404, HttpResponse
from django.utils.text import slugify

from opensend.core.spreadsheets import csv_safe, xlsx_response

DOWNLOAD_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Link:
    text: str
    href: str

    def __str__(self) -> str:
        return self.text


Cell = str | int | float | date | Link | None


@dataclass(frozen=True)
class Table:
    key: str  # unique on its page: the download link asks for the table by it
    caption: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # Columns holding numbers (right-aligned, as GOV.UK tables do). By default every column
    # after the first, which is what most report tables are: a label, then counts.
    numeric_columns: frozenset[int] | None = None
    empty_text: str = "Nothing to show yet."
    notes: tuple[str, ...] = field(default=())  # shown under the table and in the PDF

    def is_numeric(self, column: int) -> bool:
        if self.numeric_columns is None:
            return column > 0
        return column in self.numeric_columns

    @property
    def heading_cells(self) -> list[tuple[str, bool]]:
        return [(heading, self.is_numeric(i)) for i, heading in enumerate(self.headings)]

    @property
    def html_rows(self) -> list[list[tuple[Cell, bool]]]:
        """Each cell with whether it is numeric, for the template."""
        return [[(cell, self.is_numeric(i)) for i, cell in enumerate(row)] for row in self.rows]

    def plain_rows(self) -> list[list]:
        return [[_plain(cell) for cell in row] for row in self.rows]


def _plain(cell: Cell):
    if isinstance(cell, Link):
        return cell.text
    if isinstance(cell, float):
        return round(cell, 1)
    return cell


def table(
    key: str,
    caption: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    **options,
) -> Table:
    """A `Table` from any sequences (lists from a query, generators)."""
    return Table(
        key=key,
        caption=caption,
        headings=tuple(headings),
        rows=tuple(tuple(row) for row in rows),
        **options,
    )


def csv_bytes(tbl: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_safe(h) for h in tbl.headings])
    for row in tbl.plain_rows():
        writer.writerow([csv_safe(value) for value in row])
    # A byte-order mark so that Excel opens UTF-8 (names with accents) correctly.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def download_filename(stem: str, tbl: Table, extension: str) -> str:
    """Neutral names only: the report and the table, never a child (files outlive pages)."""
    return f"{slugify(stem)}-{slugify(tbl.key)}.{extension}"


def table_download(request, tables: Iterable[Table], *, filename_stem: str) -> HttpResponse | None:
    """The file a `?download=<key>&format=csv|xlsx` link asks for, or None for the page itself.

    An unknown table or format is a 404 with a message, not a server error: links are built
    from the same tables, so only a hand-edited address gets there.
    """
    key = request.GET.get("download", "")
    if not key:
        return None
    wanted = request.GET.get("format", "csv")
    chosen = next((t for t in tables if t.key == key), None)
    if chosen is None or wanted not in DOWNLOAD_FORMATS:
        raise Http404("There is no such table to download on this page.")
    filename = download_filename(filename_stem, chosen, wanted)
    if wanted == "xlsx":
        return xlsx_response(
            chosen.headings, chosen.plain_rows(), filename=filename, sheet_title=chosen.caption
        )
    response = HttpResponse(csv_bytes(chosen), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def download_query(request, key: str, fmt: str) -> str:
    """The page's own query string (its filters) plus the download: the file matches the page."""
    query = request.GET.copy()
    query.pop("download", None)
    query.pop("format", None)
    query["download"] = key
    query["format"] = fmt
    return "?" + query.urlencode()
