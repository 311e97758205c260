"""The review trays as CSV and XLSX (issue 12 item 6), in the pages' order and words.

Built from the same `selectors.review_tray` rows the pages show, so the file holds what the
person saw (for the council's tray: every page of it). Each download is audited by
`opensend.core.list_downloads`.
"""

from collections.abc import Sequence

from opensend.core.tables import Table, table
from opensend.ehc.la_views._common import tag_for
from opensend.reviews.selectors import TrayRow


def _status(row: TrayRow) -> str:
    """The Status column as the pages show it: the tag's words, else the review's state."""
    tag = tag_for(row.rag)
    return tag["label"] if tag else "No date"


def review_tray_table(
    key: str, caption: str, rows: Sequence[TrayRow], *, for_council: bool
) -> Table:
    """One row per review. The council's tray names the school and the child "Last, First"
    as its page does; the school's tray shows the child's full name."""
    headings = ["Child"]
    if for_council:
        headings.append("School")
    headings += ["Review", "Review stage", "Next step", "Due", "Programme: hold by", "Status"]
    body = []
    for row in rows:
        review, child = row.review, row.review.child
        cells = [f"{child.last_name}, {child.first_name}" if for_council else child.full_name]
        if for_council:
            cells.append(review.school.name if review.school else "Not at a school")
        cells += [
            review.get_kind_display(),
            review.get_status_display(),
            row.step or ("None" if for_council else review.get_status_display()),
            row.due,
            review.scheduled_by,
            _status(row) if for_council or row.rag else review.get_status_display(),
        ]
        body.append(cells)
    return table(key, caption, headings, body, numeric_columns=frozenset())
