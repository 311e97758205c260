"""The SEN2 return page and its downloads, for one local authority's SEND team.

Who sees it: the council's SEND caseworkers and managers (opensend.people.selectors.is_la_staff);
everyone else, another council's team included, gets 404. The page names children (each
validation failure links to its case) because the people who fix the records need to; the
downloads are person-level special category data, so each is audited (EXPORTED) and named
neutrally: council code and census date, never a child.

The page's own tables (records per module, validation failures) download as CSV or XLSX and the
page as a PDF (issue 12 item 6, `?download=<key>&format=csv|xlsx`, `?format=pdf`); the failures
name children, so their download and the PDF are audited like the return.
"""

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.report_pages import Figure, Report, Section, report_response, wants_pdf
from opensend.core.services import audit_record
from opensend.core.spreadsheets import xlsx_response
from opensend.core.tables import Link, table
from opensend.law import sen2 as law
from opensend.organisations.models import Organisation, OrganisationKind
from opensend.people.census import next_spring_census_day, spring_census_day
from opensend.people.selectors import is_la_staff, la_ids
from opensend.reports.sen2 import build_sen2
from opensend.reports.sen2_xml import CSV_HEADERS, sen2_cells, sen2_csv, sen2_xml

BAD_DATE = (
    "Enter the census date as a real date in January in the format YYYY-MM-DD, "
    "for example 2027-01-21"
)


def _authority(user, la_id) -> Organisation:
    if not is_la_staff(user, la_id):
        raise Http404("Only the council's SEND team sees its SEN2 return.")
    return get_object_or_404(Organisation, pk=la_id, kind=OrganisationKind.LOCAL_AUTHORITY)


def _census_date(raw: str, today: date) -> tuple[date, str]:
    """The census date asked for with `?date=`, or the next spring census day (the third
    Thursday of January, DfE school census guide); and any error, in words."""
    default = next_spring_census_day(today)
    if not raw.strip():
        return default, ""
    try:
        chosen = date.fromisoformat(raw.strip())
    except ValueError:
        return default, BAD_DATE
    try:
        law.collection_period(chosen)
    except ValueError:
        return default, BAD_DATE
    return chosen, ""


@login_required
def sen2_start(request):
    """The SEN2 page of the person's own council (the first, if they work for several)."""
    authorities = Organisation.objects.filter(
        pk__in=la_ids(request.user), kind=OrganisationKind.LOCAL_AUTHORITY
    ).order_by("name")
    first = authorities.first()
    if first is None:
        raise Http404("Only a council's SEND team has a SEN2 return.")
    return redirect("sen2_return", la_id=first.pk)


def _sen2_report(authority, sen2, census_date: date, names: dict[str, str]) -> Report:
    """The page's own figures and tables, for the page, its PDF and its table downloads."""
    counts = sen2.counts
    modules = table(
        "modules",
        "Records in each module",
        ["Module", "Records"],
        [(f"{number}. {name}", counts[number]) for number, name in law.MODULES],
    )
    failures = table(
        "failures",
        "Validation failures",
        ["Child", "Problem"],
        [
            (
                Link(names[f.child_key], reverse("ehc_case", kwargs={"case_id": f.case_key}))
                if f.case_key
                else names[f.child_key],
                f.message,
            )
            for f in sen2.failures
        ],
        numeric_columns=frozenset(),
        empty_text="Every record passes the checks.",
    )
    return Report(
        title="SEN2 return",
        scope=f"{authority.name}, census on {census_date:%-d %B %Y}",
        # Neutral: the council's code and the census date, never a child (files outlive pages).
        filename_stem=f"sen2-{authority.la_code or 'la'}-{census_date.isoformat()}",
        sections=(
            Section(heading="Records in each module", key="modules", tables=(modules,)),
            Section(
                heading="Checks before sending",
                key="checks",
                figures=(
                    Figure(label="Problems", value=str(len(sen2.failures))),
                    Figure(label="Children with a problem", value=str(sen2.failing_children)),
                ),
                tables=(failures,),
            ),
        ),
    )


def _names_children(request) -> bool:
    """Whether this request takes children's names away from the page: the PDF, or the
    failures table (modules are counts only)."""
    return wants_pdf(request) or request.GET.get("download") == "failures"


def _page(request, authority, raw_date: str, census_date: date, date_error: str):
    sen2 = build_sen2(local_authority=authority, census_date=census_date)
    names = {p.child_key: f"{p.first_name} {p.last_name}" for p in sen2.persons}
    report = _sen2_report(authority, sen2, census_date, names)
    context = {
        "authority": authority,
        "sen2": sen2,
        "census_date": census_date,
        "raw_date": raw_date if date_error else census_date.isoformat(),
        "date_error": date_error,
        "is_census_day": census_date == spring_census_day(census_date.year),
        "modules_table": report.tables[0],
        "failures_table": report.tables[1],
    }
    if date_error:
        # Never guess which census a file is for: a bad date shows the page and its error.
        return render(request, "reports/sen2.html", {"report": report, **context})
    response = report_response(request, report, template_name="reports/sen2.html", context=context)
    if _names_children(request):
        what = "PDF" if wants_pdf(request) else f"failures {request.GET.get('format', 'csv')}"
        audit_record(
            actor=request.user,
            kind=AuditEventKind.EXPORTED,
            record=authority,
            organisation_id=authority.pk,
            note=f"SEN2 page {what} for {census_date.isoformat()}: {len(sen2.failures)} problems",
        )
    return response


@login_required
def sen2_return(request, la_id):
    authority = _authority(request.user, la_id)
    raw_date = request.GET.get("date", "")
    census_date, date_error = _census_date(raw_date, timezone.localdate())
    return _page(request, authority, raw_date, census_date, date_error)


def _download(request, la_id, kind: str):
    authority = _authority(request.user, la_id)
    raw_date = request.GET.get("date", "")
    census_date, date_error = _census_date(raw_date, timezone.localdate())
    if date_error or not raw_date.strip():
        # Never guess which census a file is for: show the page and its error instead.
        return _page(request, authority, raw_date, census_date, date_error or BAD_DATE)
    sen2 = build_sen2(local_authority=authority, census_date=census_date)
    filename = f"sen2-{authority.la_code or 'la'}-{census_date.isoformat()}.{kind}"
    response = _file(sen2, kind, filename, census_date)
    audit_record(
        actor=request.user,
        kind=AuditEventKind.EXPORTED,
        record=authority,
        organisation_id=authority.pk,
        note=f"SEN2 {kind} for {census_date.isoformat()}: {len(sen2.persons)} people",
    )
    return response


def _file(sen2, kind: str, filename: str, census_date: date) -> HttpResponse:
    if kind == "xlsx":
        return xlsx_response(
            CSV_HEADERS,
            sen2_cells(sen2),
            filename=filename,
            sheet_title=f"SEN2 {census_date.isoformat()}",
        )
    if kind == "xml":
        body = sen2_xml(sen2, generated=timezone.localtime())
        content_type = "application/xml; charset=utf-8"
    else:
        body = sen2_csv(sen2)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def sen2_xml_download(request, la_id):
    return _download(request, la_id, "xml")


@login_required
def sen2_csv_download(request, la_id):
    return _download(request, la_id, "csv")


@login_required
def sen2_xlsx_download(request, la_id):
    return _download(request, la_id, "xlsx")
