"""Staff work lists (trays, plan lists) downloaded as CSV or XLSX, audited.

Issue 12 item 6: "every table downloadable as CSV and XLSX". A work list names children, so it
is special category data (UK GDPR art. 9): each download is an `EXPORTED` audit row (counts and
filters only, never a name), its file name is neutral and it is never cached. The page keeps its
own table (checkboxes, links, tags); the view builds the same rows as a `Table` only when a
download is asked for, so an ordinary page view costs nothing more.

A view calls `list_download(request, {key: build, ...}, ...)` before rendering and returns the
response if there is one; the template links to `download_links(request, key)`.
"""

from collections.abc import Callable, Mapping

from django.http import Http404, HttpResponse
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.core.tables import DOWNLOAD_FORMATS, Table, download_query, table_download


def download_links(request, key: str) -> dict[str, str]:
    """{"csv": href, "xlsx": href}: the page's own filters plus the download."""
    return {fmt: download_query(request, key, fmt) for fmt in DOWNLOAD_FORMATS}


def only_organisation(ids: set):
    """The organisation an audit row belongs to, when the person works for exactly one (a
    council's team member usually does); None otherwise (the actor still identifies it)."""
    return next(iter(ids)) if len(ids) == 1 else None


def list_download(
    request,
    builders: Mapping[str, Callable[[], Table]],
    *,
    filename_stem: str,
    what: str,
    organisation_id=None,
    filters: Mapping[str, object] | None = None,
) -> HttpResponse | None:
    """The file `?download=<key>&format=csv|xlsx` asks for, or None for the page itself.

    `builders` maps each table's key to a function building it, so only the table asked for
    is built. An unknown key or format is a 404 (only a hand-edited address gets there).
    `what` names the list in the audit note ("EHC work tray"); `filters` are the page's
    filters as ids and codes, kept in the audit row so the export can be reconstructed.
    """
    key = request.GET.get("download", "")
    if not key:
        return None
    if key not in builders or request.GET.get("format", "csv") not in DOWNLOAD_FORMATS:
        raise Http404("There is no such list to download on this page.")
    tbl = builders[key]()
    response = table_download(request, [tbl], filename_stem=filename_stem)
    file_format = request.GET.get("format", "csv")
    # The list and the day, never a child's name: file names outlive the page in download
    # folders and email attachments.
    today = timezone.localdate()
    suffix = "" if len(builders) == 1 else "-" + key.replace("_", "-")
    filename = f"{filename_stem}{suffix}-{today:%Y-%m-%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    audit_record(
        actor=request.user,
        kind=AuditEventKind.EXPORTED,
        record_type=what,
        organisation_id=organisation_id,
        new_values={
            "list": key,
            "rows": len(tbl.rows),
            "format": file_format,
            **{name: str(value) for name, value in (filters or {}).items() if value},
        },
        note=f"{what} {file_format.upper()}, {len(tbl.rows)} rows",
    )
    return response
