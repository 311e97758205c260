"""Compliance at a glance (issue 6 item 4): thin views over `opensend.meetings.compliance`.

Who sees what:
- the school's staff (SENCO, head, teachers, assistants) see every pupil on the register, as
  they see the register itself, and may download the table as CSV;
- governors see the counts only, with numbers under 5 hidden as in the register's counts
  (`opensend.people.selectors.register_counts`), so no child can be picked out;
- only the SENCO and head invite pupils to meetings (403 for other staff and governors);
- everyone else gets 404 (the school's own business: not the LA's, not families').
"""

import csv

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.charts import bar_chart
from opensend.core.forms import add_service_errors
from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.core.spreadsheets import csv_safe
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
    by_term = bar_chart(
        [(f"{term.name.title()}: owed a meeting", term.owed) for term in terms]
        + [(f"{term.name.title()}: met", term.met) for term in terms],
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
    if request.GET.get("format") == "csv":
        if not _is_staff(request.user, school):
            raise PermissionDenied("Governors see the counts only.")
        return _csv(request.user, school, year)
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


def _csv(user, school, year: int) -> HttpResponse:
    summary = compliance.school_compliance(school, year)
    # The file name says whose and which year, never a child's name.
    filename = f"parent-meetings-{school.urn or school.pk}-{year}-{year + 1}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(CSV_HEADINGS)

    def day(value):
        return value.isoformat() if value else ""

    for pupil in summary.pupils:
        child, result = pupil.child, pupil.result
        writer.writerow(
            csv_safe(cell)
            for cell in (
                child.upn,
                child.first_name,
                child.last_name,
                pupil.provision,
                day(pupil.on_register_from),
                day(pupil.on_register_to),
                day(pupil.enrolled_from),
                day(pupil.enrolled_to),
                result.expected,
                result.expected_by_as_of,
                result.held,
                result.declined,
                pupil.status_label,
                day(pupil.planned[0] if pupil.planned else None),
                "yes" if pupil.needs_meeting else "no",
            )
        )
    audit_record(
        actor=user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        new_values={"rows": len(summary.pupils), "academic_year": year},
        note=f"Parent meetings compliance CSV, {len(summary.pupils)} rows",
    )
    return response
