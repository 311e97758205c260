"""Thin views for the provision map: selector, form, service, redirect.

Who may do what (opensend.provision.selectors and .services): a school's staff and governors
see its map and interventions (governors without pupils' names); only its SENCO or head changes
them. Change pages are 403 for those who read the map but may not change it, 404 for everyone
else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors, save_versioned
from opensend.core.models import AuditEventKind
from opensend.core.pdf import pdf_response, render_pdf
from opensend.core.report_pages import PDF_TEMPLATE, Report, Section
from opensend.core.school_choice import to_school_page
from opensend.core.services import audit_record
from opensend.core.spreadsheets import spreadsheet_response
from opensend.core.tables import table
from opensend.law.dates import academic_year_of
from opensend.organisations.models import Organisation
from opensend.people.selectors import can_edit_register
from opensend.provision import selectors, services
from opensend.provision.forms import (
    InterventionEditForm,
    InterventionForm,
    MapYearForm,
    PupilEndForm,
    PupilsAddForm,
)
from opensend.provision.templatetags.provision import hours, pounds


def _posted(request):
    return request.POST if request.method == "POST" else None


def _require_editor(user, school: Organisation) -> None:
    if not can_edit_register(user, school):
        raise PermissionDenied("Only the SENCO or head teacher can change the provision map.")


def _editable_intervention(request, intervention_id):
    """An intervention this person may change: 404 outside their reach, 403 if they only read."""
    intervention = selectors.get_intervention_for(request.user, intervention_id)
    _require_editor(request.user, intervention.school)
    return intervention


@login_required
def provision_index(request):
    """The menu's "Provision map": straight to it with one school, a choice with several."""
    return to_school_page(
        request,
        Organisation.objects.filter(pk__in=selectors.provision_school_ids(request.user)).order_by(
            "name"
        ),
        url_name="provision_map",
        title="Provision maps",
        none_message="You do not see a school's provision map.",
    )


def _map_year(request) -> tuple[int, MapYearForm]:
    """?year=2026 for 2026 to 2027; without it (or with a bad one), the current year."""
    current = academic_year_of(timezone.localdate())
    form = MapYearForm(
        request.GET or None,
        first=selectors.FIRST_MAP_YEAR,
        last=selectors.LAST_MAP_YEAR,
        initial={"year": current},
    )
    if form.is_bound and form.is_valid() and form.cleaned_data["year"]:
        return form.cleaned_data["year"], form
    return current, form


@login_required
def provision_map(request, school_id):
    school = selectors.get_school_for_provision(request.user, school_id)
    year, year_form = _map_year(request)
    if request.GET.get("format") == "pdf":
        return _map_pdf(request, school, year)
    return render(
        request,
        "provision/map.html",
        {
            "school": school,
            "year": year,
            "year_form": year_form,
            "form": year_form,  # for the error summary
            "map": selectors.provision_map(school, year),
            "names_visible": selectors.can_see_pupils(request.user, school),
            "can_edit": can_edit_register(request.user, school),
        },
    )


COSTS_NOTE = (
    "Each term's cost is the staff hours a week, times the staff cost an hour, times the number "
    "of teaching days the intervention runs in the term divided by 5, plus its other costs for "
    "the term if it runs at all that term. Teaching days are the weekdays between the school's "
    "term dates, less its closure days."
)


def _map_report(school, year: int, the_map, *, names_visible: bool) -> Report:
    """The map as the page shows it to this person: to governors, counts under 5 hidden."""
    term_headings = [f"{term.get_name_display()} term" for term in the_map.terms]
    year_total = ["Year total"] if the_map.has_terms else []
    rows = [
        (
            row.intervention.name,
            row.intervention.staff,
            hours(row.intervention.hours_per_week),
            selectors.shown_count(row.pupils, names_visible=names_visible),
            *(pounds(cost) for cost in row.term_costs),
            *([pounds(row.total)] if the_map.has_terms else []),
        )
        for row in the_map.rows
    ]
    if the_map.rows and the_map.has_terms:
        rows.append(
            ("Total", "", "", "", *(pounds(t) for t in the_map.term_totals), pounds(the_map.total))
        )
    notes = [COSTS_NOTE]
    if not names_visible:
        notes.append("Numbers under 5 are not shown, so that no pupil can be identified.")
    if not the_map.has_terms:
        notes.append(f"The term dates for {year} to {year + 1} are not set, so nothing is costed.")
    elif the_map.missing_terms:
        missing = " and ".join(the_map.missing_terms).lower()
        notes.append(f"The {missing} term dates are not set yet, so those terms are not costed.")
    return Report(
        title=f"Provision map {year} to {year + 1}",
        scope=school.name,
        filename_stem=f"provision-map-{school.urn or school.pk}-{year}-{year + 1}",
        sections=(
            Section(
                heading="Interventions and their cost",
                key="map",
                tables=(
                    table(
                        "map",
                        f"Interventions and their cost, {year} to {year + 1}",
                        ["Intervention", "Delivered by", "Hours a week", "Pupils in the year"]
                        + term_headings
                        + year_total,
                        rows,
                        numeric_columns=frozenset(range(2, 4 + len(term_headings) + 1)),
                        empty_text=f"No interventions run in {year} to {year + 1}.",
                    ),
                ),
                notes=tuple(notes),
            ),
        ),
    )


def _map_pdf(request, school, year: int) -> HttpResponse:
    """The map as a PDF (issue 12 item 6), audited as an export as the spreadsheet is."""
    the_map = selectors.provision_map(school, year)
    names_visible = selectors.can_see_pupils(request.user, school)
    report = _map_report(school, year, the_map, names_visible=names_visible)
    pdf = render_pdf(template_name=PDF_TEMPLATE, context={"report": report}, title=report.title)
    audit_record(
        actor=request.user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        note=f"provision map {year} PDF; {len(the_map.rows)} interventions",
    )
    return pdf_response(pdf=pdf, filename=f"{report.filename_stem}.pdf")


@login_required
def provision_map_csv(request, school_id):
    """The same map as a spreadsheet: no pupil's name is in it, so governors may have it too."""
    school = selectors.get_school_for_provision(request.user, school_id)
    year, _ = _map_year(request)
    the_map = selectors.provision_map(school, year)
    names_visible = selectors.can_see_pupils(request.user, school)
    # `?format=xlsx` gives the same rows as an Excel spreadsheet (issue 12 item 6).
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    filename = f"provision-map-{school.urn or school.pk}-{year}-{year + 1}.{file_format}"
    term_labels = [f"{term.get_name_display()} term cost (£)" for term in the_map.terms]
    headings = [
        "Intervention",
        "Delivery",
        "Delivered by",
        "Staff hours a week",
        "Pupils in the year",
        *term_labels,
        "Year total (£)",
    ]
    rows = [
        [
            row.intervention.name,
            row.intervention.get_delivery_display(),
            row.intervention.staff,
            row.intervention.hours_per_week,
            selectors.shown_count(row.pupils, names_visible=names_visible),
            *row.term_costs,
            row.total,
        ]
        for row in the_map.rows
    ]
    rows.append(["Total", "", "", "", "", *the_map.term_totals, the_map.total])
    response = spreadsheet_response(
        headings,
        rows,
        filename=filename,
        file_format=file_format,
        sheet_title=f"Provision map {year}",
    )
    audit_record(
        actor=request.user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        note=f"provision map {year}; {len(the_map.rows)} interventions",
    )
    return response


@login_required
def intervention_create(request, school_id):
    school = selectors.get_school_for_provision(request.user, school_id)
    _require_editor(request.user, school)
    form = InterventionForm(_posted(request), initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            intervention = services.intervention_create(
                actor=request.user, school=school, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Intervention added to the provision map")
            return redirect("intervention_detail", intervention.pk)
    return render(request, "provision/intervention_form.html", {"school": school, "form": form})


@login_required
def intervention_detail(request, intervention_id):
    intervention = selectors.get_intervention_for(request.user, intervention_id)
    school = intervention.school
    today = timezone.localdate()
    year = academic_year_of(today)
    names_visible = selectors.can_see_pupils(request.user, school)
    provisions = list(selectors.intervention_pupils(intervention, today, include_upcoming=True))
    pupil_count = len({provision.plan.child_id for provision in provisions})
    return render(
        request,
        "provision/intervention_detail.html",
        {
            "intervention": intervention,
            "school": school,
            "year": year,
            "costs": selectors.intervention_costs(intervention, year),
            "names_visible": names_visible,
            "provisions": provisions if names_visible else [],
            "pupil_count": selectors.shown_count(pupil_count, names_visible=names_visible),
            "summary": selectors.intervention_outcome_summary(intervention),
            "can_edit": can_edit_register(request.user, school),
            "today": today,
        },
    )


@login_required
def intervention_edit(request, intervention_id):
    intervention = _editable_intervention(request, intervention_id)
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            InterventionEditForm,
            request.POST,
            lambda form: services.intervention_update(
                actor=request.user,
                intervention=intervention,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, "Intervention details saved")
            return redirect("intervention_detail", intervention.pk)
    else:
        form = InterventionEditForm(
            initial={
                "version": intervention.version,
                **{name: getattr(intervention, name) for name in services.EDITABLE_FIELDS},
            }
        )
    return render(
        request,
        "provision/intervention_form.html",
        {
            "school": intervention.school,
            "intervention": intervention,
            "form": form,
            "differences": differences,
        },
    )


@login_required
def intervention_pupils_add(request, intervention_id):
    intervention = _editable_intervention(request, intervention_id)
    today = timezone.localdate()
    plans = list(selectors.plans_to_add(intervention, today))
    default_frequency = services.hours_as_frequency(intervention.hours_per_week)
    form = PupilsAddForm(
        _posted(request),
        plans=plans,
        default_frequency=default_frequency,
        initial={"start": max(today, intervention.start)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            added = services.intervention_pupils_add(
                actor=request.user,
                intervention=intervention,
                plans=form.chosen_plans(),
                start=form.cleaned_data["start"],
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(added)
            messages.success(
                request,
                f"{count} pupil{'s' if count != 1 else ''} added. It shows on their support plans",
            )
            return redirect("intervention_detail", intervention.pk)
    return render(
        request,
        "provision/pupils_add.html",
        {"intervention": intervention, "school": intervention.school, "form": form, "plans": plans},
    )


@login_required
def intervention_pupil_end(request, intervention_id, provision_id):
    """Take a pupil out of the intervention: their line of provision ends on a chosen day."""
    intervention = _editable_intervention(request, intervention_id)
    provision = selectors.get_intervention_provision_for(request.user, intervention, provision_id)
    form = PupilEndForm(_posted(request), initial={"end": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        end = form.cleaned_data["end"]
        try:
            services.intervention_pupil_end(
                actor=request.user, intervention=intervention, provision=provision, end=end
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Their place ends on {end.day} {end:%B %Y}")
            return redirect("intervention_detail", intervention.pk)
    return render(
        request,
        "provision/pupil_end.html",
        {
            "intervention": intervention,
            "school": intervention.school,
            "provision": provision,
            "child": provision.plan.child,
            "form": form,
        },
    )
