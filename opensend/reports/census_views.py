"""The school census SEN fields export: a page that checks the census rules on the chosen
census day and lists every failure, and the CSV download an MIS can import.

Who sees it: exactly who sees the census check (opensend.people.census_views): the school's
staff who read its register (SENCO, head, teacher, TA); everyone else, governors included, gets
404. Only the SENCO and head see the links to fix a record.

The download comes as CSV, or as XLSX with `&format=xlsx` (issue 12 item 6); both are audited.
It is offered even when some pupils fail the rules: the whole roll (the MIS will
reject the failing rows, and the page says so), or only the pupils that pass, for a school that
must send the census today and fix the rest afterwards.

The check page itself is a report too (issue 12 item 6): its failures table downloads as CSV or
XLSX (`?download=failures&format=csv|xlsx`) and the page as a PDF (`?format=pdf`); they name
pupils, so each is audited like the export.
"""

import csv
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.report_pages import Figure, Report, Section, report_response, wants_pdf
from opensend.core.services import audit_record
from opensend.core.spreadsheets import xlsx_response
from opensend.core.tables import Cell, Link, table
from opensend.people import selectors
from opensend.people.census import census_days, next_census_day
from opensend.reports.census import census_export

BAD_DATE = "Enter the census date as a real date in the format YYYY-MM-DD, for example 2027-01-21"


def _census_date(raw: str, today: date) -> tuple[date, str]:
    """The census date asked for with `?date=`, or the next census day; and any error."""
    default = next_census_day(today)
    if not raw.strip():
        return default, ""
    try:
        return date.fromisoformat(raw.strip()), ""
    except ValueError:
        return default, BAD_DATE


def _pupil(row) -> Cell:
    name = f"{row.child.last_name}, {row.child.first_name}"
    if not row.still_on_roll:
        return f"{name} (has left)"
    return Link(name, reverse("child_detail", args=[row.child.pk]))


def _check_report(school, export, census_date: date) -> Report:
    """The check page's figures and failures, for the page, its PDF and its downloads."""
    failures = table(
        "failures",
        "Pupils whose SEN data would fail the census",
        ["Pupil", "Provision", "Problems"],
        [
            (
                _pupil(row),
                row.provision or "Not recorded",
                "; ".join(problem.message for problem in row.problems),
            )
            for row in export.failures
        ],
        numeric_columns=frozenset(),
        empty_text="Every pupil's SEN data passes the census rules.",
    )
    return Report(
        title="School census SEN check",
        scope=f"{school.name}, pupils on roll on {census_date:%A %-d %B %Y}",
        # Neutral: the school's URN and the census date, never a pupil.
        filename_stem=f"census-sen-check-{school.urn or 'school'}-{census_date.isoformat()}",
        sections=(
            Section(
                heading="Census rules",
                key="census-rules",
                figures=(
                    Figure(label="Pupils on roll", value=str(len(export.rows))),
                    Figure(label="Pass the census rules", value=str(len(export.valid_rows))),
                    Figure(label="Would be rejected", value=str(len(export.failures))),
                ),
                tables=(failures,),
            ),
        ),
    )


def _hint(upcoming: list[date]) -> str:
    days = ", ".join(f"{day:%-d %B %Y}" for day in upcoming)
    return f"For example, {upcoming[0].isoformat()}. The next census days are {days}."


def _page(request, school, raw_date: str, census_date: date, date_error: str):
    export = census_export(request.user, school, census_date)
    today = timezone.localdate()
    upcoming = sorted(
        d for d in census_days(today.year) + census_days(today.year + 1) if d >= today
    )
    report = _check_report(school, export, census_date)
    context = {
        "school": school,
        "export": export,
        "census_date": census_date,
        "raw_date": raw_date if date_error else census_date.isoformat(),
        "date_error": date_error,
        "is_census_day": census_date in census_days(census_date.year),
        "upcoming": upcoming[:3],
        "census_hint": _hint(upcoming[:3]),
        "can_edit": selectors.can_edit_register(request.user, school),
        "failures_table": report.tables[0],
    }
    if date_error:
        # Never guess which census a file is for: a bad date shows the page and its error.
        return render(request, "reports/census_export.html", {"report": report, **context})
    response = report_response(
        request, report, template_name="reports/census_export.html", context=context
    )
    if wants_pdf(request) or request.GET.get("download"):
        # Both name the pupils who fail the rules: exports of named children are audited.
        file_format = "pdf" if wants_pdf(request) else request.GET.get("format", "csv")
        audit_record(
            actor=request.user,
            kind=AuditEventKind.EXPORTED,
            record=school,
            organisation_id=school.pk,
            new_values={
                "census_date": census_date,
                "failing": len(export.failures),
                "format": file_format,
            },
            note=f"School census SEN check {file_format.upper()} for {census_date.isoformat()}",
        )
    return response


@login_required
def census_export_page(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    raw_date = request.GET.get("date", "")
    census_date, date_error = _census_date(raw_date, timezone.localdate())
    return _page(request, school, raw_date, census_date, date_error)


@login_required
def census_export_download(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    raw_date = request.GET.get("date", "")
    census_date, date_error = _census_date(raw_date, timezone.localdate())
    if date_error:
        # Never guess which census a file is for: show the page and its error instead.
        return _page(request, school, raw_date, census_date, date_error)
    valid_only = request.GET.get("rows") == "valid"
    export = census_export(request.user, school, census_date)
    as_xlsx = request.GET.get("format") == "xlsx"
    if as_xlsx:
        cells = export.cells(valid_only=valid_only)
        rows = len(cells)
        response = xlsx_response(
            export.headings(),
            cells,
            filename=export.filename("xlsx"),
            sheet_title=f"Census SEN {census_date.isoformat()}",
        )
    else:
        table = export.table(valid_only=valid_only)
        rows = len(table) - 1
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.filename()}"'
        response["Cache-Control"] = "no-store"
        csv.writer(response).writerows(table)
    file_format = "XLSX" if as_xlsx else "CSV"
    audit_record(
        actor=request.user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        new_values={
            "census_date": census_date,
            "rows": rows,
            "failing": len(export.failures),
            "valid_only": valid_only,
            "format": file_format.lower(),
        },
        note=f"School census SEN {file_format} for {census_date.isoformat()}, {rows} rows",
    )
    return response
