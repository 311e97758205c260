"""Compliance at a glance (issue 6 item 4): thin views over `opensend.meetings.compliance`.

Who sees what:
- the school's staff (SENCO, head, teachers, assistants) see every pupil on the register, as
  they see the register itself, and may download the table as CSV;
- governors see the counts only, with numbers under 5 hidden as in the register's counts
  (`opensend.people.selectors.register_counts`), so no child can be picked out;
- either may print what they see as a PDF (`?format=pdf`): the staff's names pupils and is
  audited like the CSV, the governors' holds the same hidden counts as their page;
- only the SENCO and head invite pupils to meetings (403 for other staff and governors);
- everyone else gets 404 (the school's own business: not the LA's, not families').
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.charts import bar_chart, stacked_bar_chart
from opensend.core.forms import add_service_errors
from opensend.core.models import AuditEventKind
from opensend.core.pdf import pdf_response, render_pdf
from opensend.core.report_pages import PDF_TEMPLATE, Report, Section
from opensend.core.services import audit_record
from opensend.core.spreadsheets import spreadsheet_response
from opensend.core.tables import table
from opensend.law.dates import academic_year_of
from opensend.meetings import compliance
from opensend.meetings.selectors import can_manage_meetings
from opensend.organisations.selectors import (
    FIRST_ACADEMIC_YEAR,
    LAST_ACADEMIC_YEAR,
    get_school_for_terms,
)
from opensend.people.selectors import staff_school_ids


class InviteNextForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Pupils to invite",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one pupil to invite.",
            "invalid_choice": "Choose pupils who are on the school's SEN register now.",
        },
    )

    def __init__(self, *args, pupils=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [
            (str(pupil.child.pk), f"{pupil.child.last_name}, {pupil.child.first_name}")
            for pupil in pupils
            if pupil.can_be_invited
        ]


def _academic_year(request) -> int:
    """?year=2026 for 2026 to 2027; without it, the academic year of today (UK time)."""
    value = request.GET.get("year", "")
    if not value:
        return academic_year_of(timezone.localdate())
    if not (value.isdigit() and FIRST_ACADEMIC_YEAR <= int(value) <= LAST_ACADEMIC_YEAR):
        raise Http404("No such academic year.")
    return int(value)


def _is_staff(user, school) -> bool:
    return school.pk in staff_school_ids(user)


def _charts(summary):
    terms = summary.terms
    # Pupils met are some of the pupils owed a meeting, so each term's bar is everyone owed one,
    # split into met and not (yet) met; the table's total column is the number owed.
    by_term = stacked_bar_chart(
        [term.name.title() for term in terms],
        [
            ("Met", [term.met for term in terms]),
            ("Not met", [term.owed - term.met for term in terms]),
        ],
        title="Pupils owed a meeting and pupils met, by term",
        label_heading="Term",
        value_heading="Pupils",
    )
    by_status = bar_chart(
        [(label, count) for _, label, count in summary.status_counts],
        title="Pupils by status",
        label_heading="Status",
        value_heading="Pupils",
    )
    return [by_term, by_status]


def _page(request, school, year, *, form=None, status=200):
    summary = compliance.school_compliance(school, year)
    is_current = year == academic_year_of(timezone.localdate())
    if not _is_staff(request.user, school):
        return render(
            request,
            "meetings/compliance_counts.html",
            {
                "school": school,
                "summary": summary,
                "counts": summary.suppressed_counts(),
                "year": year,
            },
        )
    may_invite = is_current and can_manage_meetings(request.user, school)
    return render(
        request,
        "meetings/compliance.html",
        {
            "school": school,
            "summary": summary,
            "year": year,
            "previous_year": year - 1 if year > FIRST_ACADEMIC_YEAR else None,
            "next_year": year + 1 if year < LAST_ACADEMIC_YEAR else None,
            "charts": _charts(summary),
            "needing": summary.needing_meeting,
            "may_invite": may_invite,
            "form": form or InviteNextForm(pupils=summary.pupils),
        },
        status=status,
    )


@login_required
def meetings_compliance(request, school_id):
    school = get_school_for_terms(request.user, school_id)
    year = _academic_year(request)
    file_format = request.GET.get("format")
    if file_format in ("csv", "xlsx"):
        if not _is_staff(request.user, school):
            raise PermissionDenied("Governors see the counts only.")
        return _download(request.user, school, year, file_format)
    if file_format == "pdf":
        return _pdf(request.user, school, year)
    return _page(request, school, year)


def _proposed_url(school) -> str:
    """The planning pages' list of proposed meetings, if they exist; else this page."""
    for kwargs in ({"school_id": school.pk}, {}):
        try:
            return reverse("meetings_proposed", kwargs=kwargs)
        except NoReverseMatch:
            continue
    return reverse("meetings_compliance", args=[school.pk])


@login_required
@require_POST
def meetings_invite_next(request, school_id):
    school = get_school_for_terms(request.user, school_id)
    if not can_manage_meetings(request.user, school):
        raise PermissionDenied("Only the SENCO or head teacher can arrange meetings.")
    year = academic_year_of(timezone.localdate())
    summary = compliance.school_compliance(school, year)
    form = InviteNextForm(request.POST, pupils=summary.pupils)
    if form.is_valid():
        try:
            created = compliance.invite_next(
                actor=request.user, school=school, child_ids=form.cleaned_data["children"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(created)
            messages.success(
                request,
                f"{count} meeting{'' if count == 1 else 's'} proposed. Check the times, then "
                "confirm them to send the invitations.",
            )
            return redirect(_proposed_url(school))
    return _page(request, school, year, form=form)


CSV_HEADINGS = [
    "UPN",
    "First name",
    "Last name",
    "Provision",
    "On the register from",
    "On the register to",
    "On roll from",
    "On roll to",
    "Meetings expected",
    "Expected by now",
    "Held",
    "Declined",
    "Status",
    "Next planned meeting",
    "Needs a meeting next",
]


def _pupil_rows(summary) -> list[list]:
    """One row a pupil, as the page lists them; dates stay dates (the CSV writes them ISO)."""
    return [
        [
            pupil.child.upn,
            pupil.child.first_name,
            pupil.child.last_name,
            pupil.provision,
            pupil.on_register_from,
            pupil.on_register_to,
            pupil.enrolled_from,
            pupil.enrolled_to,
            pupil.result.expected,
            pupil.result.expected_by_as_of,
            pupil.result.held,
            pupil.result.declined,
            pupil.status_label,
            pupil.planned[0] if pupil.planned else None,
            "yes" if pupil.needs_meeting else "no",
        ]
        for pupil in summary.pupils
    ]


def _download(user, school, year: int, file_format: str) -> HttpResponse:
    """Every pupil's row as CSV or XLSX (issue 12 item 6). Named pupils: staff only, audited."""
    summary = compliance.school_compliance(school, year)
    rows = _pupil_rows(summary)
    # The file name says whose and which year, never a child's name.
    filename = f"parent-meetings-{school.urn or school.pk}-{year}-{year + 1}.{file_format}"
    response = spreadsheet_response(
        CSV_HEADINGS,
        rows,
        filename=filename,
        file_format=file_format,
        sheet_title=f"Parent meetings {year}",
    )
    audit_record(
        actor=user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        new_values={"rows": len(rows), "academic_year": year, "format": file_format},
        note=f"Parent meetings compliance {file_format.upper()}, {len(rows)} rows",
    )
    return response


CODE_OF_PRACTICE_NOTE = (
    "Schools should meet the parents of every pupil with SEN at least three times a year (SEND "
    "Code of Practice, paragraph 6.65): one meeting for each term the pupil is on the register "
    "for at least half of. A group meeting counts for the families who came. A meeting the "
    "family declined counts as offered."
)


def _pupil_name(pupil) -> str:
    return f"{pupil.child.last_name}, {pupil.child.first_name}"


def _staff_report(school, year: int, summary) -> Report:
    """What the staff's page shows: counts, who needs a meeting next, charts, every pupil."""
    return Report(
        title=f"Meetings with parents, {year} to {year + 1}",
        scope=school.name,
        filename_stem=f"parent-meetings-{school.urn or school.pk}-{year}-{year + 1}",
        sections=(
            Section(
                heading="Pupils by status",
                key="status",
                tables=(
                    table(
                        "status",
                        "Pupils by status",
                        ["Status", "Pupils"],
                        [(label, count) for _, label, count in summary.status_counts],
                    ),
                ),
                notes=(CODE_OF_PRACTICE_NOTE,),
            ),
            Section(
                heading="Pupils who need a meeting next",
                key="needing",
                tables=(
                    table(
                        "needing",
                        "Pupils who need a meeting next",
                        ["Pupil", "Status", "Held", "Expected", "Declined"],
                        [
                            (
                                _pupil_name(pupil),
                                pupil.status_label,
                                pupil.result.held,
                                pupil.result.expected,
                                pupil.result.declined,
                            )
                            for pupil in summary.needing_meeting
                        ],
                        numeric_columns=frozenset({2, 3, 4}),
                        empty_text="No pupil needs a meeting arranging.",
                    ),
                ),
            ),
            Section(heading="By term", key="by-term", charts=tuple(_charts(summary))),
            Section(
                heading="Every pupil",
                key="pupils",
                tables=(
                    table(
                        "pupils",
                        f"Meetings with each pupil's parents, {year} to {year + 1}",
                        [
                            "Pupil",
                            "Provision",
                            "On the register from",
                            "On the register to",
                            "Expected",
                            "Expected by now",
                            "Held",
                            "Declined",
                            "Status",
                            "Next meeting",
                        ],
                        [
                            (
                                _pupil_name(pupil),
                                "EHC plan" if pupil.provision == "E" else "SEN support",
                                _day(pupil.on_register_from),
                                _day(pupil.on_register_to),
                                pupil.result.expected,
                                pupil.result.expected_by_as_of,
                                pupil.result.held,
                                pupil.result.declined,
                                pupil.status_label,
                                _day(pupil.planned[0]) if pupil.planned else "None planned",
                            )
                            for pupil in summary.pupils
                        ],
                        numeric_columns=frozenset({4, 5, 6, 7}),
                        empty_text=f"No pupils were on the SEN register in {year} to {year + 1}.",
                    ),
                ),
            ),
        ),
    )


def _day(value: date | None) -> str:
    return f"{value:%-d %b %Y}" if value else ""


def _governors_report(school, year: int, summary) -> Report:
    """What the governors' page shows and no more: counts, with numbers under 5 hidden."""
    captions = {"status": ("Pupils by status", "Status"), "terms": ("Pupils by term", "Term")}
    tables = []
    for key, rows in summary.suppressed_counts().items():
        caption, heading = captions.get(key, ("Pupils by term", "Term"))
        tables.append(table(key, caption, [heading, "Pupils"], [(r.label, r.shown) for r in rows]))
    return Report(
        title=f"Meetings with parents, {year} to {year + 1}",
        scope=school.name,
        filename_stem=f"parent-meetings-{school.urn or school.pk}-{year}-{year + 1}-counts",
        sections=(
            Section(
                heading="Pupils with SEN and meetings with their parents",
                key="counts",
                tables=tuple(tables),
                notes=(
                    CODE_OF_PRACTICE_NOTE,
                    "No pupil is named, and numbers under 5 are not shown, so that no child can "
                    "be picked out.",
                ),
            ),
        ),
    )


def _pdf(user, school, year: int) -> HttpResponse:
    """The page as a PDF (issue 12 item 6). The staff's names pupils, so it is audited as an
    export like the CSV; the governors' holds counts only, as their page does."""
    summary = compliance.school_compliance(school, year)
    staff = _is_staff(user, school)
    report = (_staff_report if staff else _governors_report)(school, year, summary)
    pdf = render_pdf(template_name=PDF_TEMPLATE, context={"report": report}, title=report.title)
    if staff:
        audit_record(
            actor=user,
            kind=AuditEventKind.EXPORTED,
            record=school,
            organisation_id=school.pk,
            new_values={"rows": len(summary.pupils), "academic_year": year, "format": "pdf"},
            note=f"Parent meetings compliance PDF, {len(summary.pupils)} rows",
        )
    return pdf_response(pdf=pdf, filename=f"{report.filename_stem}.pdf")
