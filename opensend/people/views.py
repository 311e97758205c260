"""Thin views for the SEN register and children's records: selector, form, service, redirect.

Who may do what (DESIGN "Who sees what"): anyone who may see a child reads their record (the
view is audited by `get_child_for`); only the SENCO or head of a school the child is on roll at
changes it. Outside someone's reach a page is 404, so a guessed UUID reveals nothing. Change
pages belong to the child's school: its teachers and teaching assistants, who read the register,
get 403 there; everyone else gets 404 (the LA and a parent see the record, but have no register
of this school to change).
"""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.school_choice import to_school_page
from opensend.core.services import audit_record
from opensend.core.spreadsheets import spreadsheet_response
from opensend.organisations.models import Organisation
from opensend.organisations.services import invitation_create
from opensend.people import selectors, services
from opensend.people.forms import (
    ChildAddForm,
    NeedsForm,
    ParentAccessForm,
    ParentLinkForm,
    RegisterFilterForm,
    SenStatusForm,
    add_service_errors,
)
from opensend.people.models import NEED_CHOICES, Child, Provision, YearGroup

REGISTER_PAGE_SIZE = 50
REGISTER_SORTS = {"name", "-name", "dob", "-dob"}
NEED_LABELS = dict(NEED_CHOICES)
YEAR_LABELS = dict(YearGroup.choices)


# Helpers that belong in selectors.py (reported for the owner of that module to move) -------


# The register ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    child: Child
    year_group: str
    provision: str
    provision_label: str
    primary_need: str
    other_needs: list[str]


def _register_rows(children, school: Organisation) -> list[RegisterRow]:
    """One row per child, from the prefetched open status, needs and enrolments (no queries)."""
    provision_labels = dict(Provision.choices)
    rows = []
    for child in children:
        status = child.open_statuses[0].provision if child.open_statuses else ""
        needs = sorted(child.open_needs, key=lambda need: need.rank)
        year = next((e.year_group for e in child.open_enrolments if e.school_id == school.pk), "")
        rows.append(
            RegisterRow(
                child=child,
                year_group=YEAR_LABELS.get(year, year),
                provision=status,
                provision_label=provision_labels.get(status, ""),
                primary_need=next(
                    (NEED_LABELS.get(n.code, n.code) for n in needs if n.rank == 1), ""
                ),
                other_needs=[NEED_LABELS.get(n.code, n.code) for n in needs if n.rank != 1],
            )
        )
    return rows


@login_required
def register_index(request):
    """The menu's "SEN register": straight to it with one school, a choice with several."""
    return to_school_page(
        request,
        selectors.schools_for_register(request.user),
        url_name="register",
        title="SEN registers",
        none_message="You do not keep a school's register.",
    )


@login_required
def register(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    form = RegisterFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    order = request.GET.get("sort", "name")
    order = order if order in REGISTER_SORTS else "name"
    children = selectors.register_for_school(
        request.user,
        school,
        provision=filters.get("provision") or None,
        need=filters.get("need") or None,
        order=order,
    )
    if request.GET.get("format") in ("csv", "xlsx"):
        return _register_download(request.user, school, children, filters, request.GET["format"])
    page = Paginator(children, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/register.html",
        {
            "school": school,
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "rows": _register_rows(page.object_list, school),
            "order": order,
            "sort_name": _sort_header(order, "name"),
            "sort_dob": _sort_header(order, "dob"),
            "filtered": bool(filters.get("provision") or filters.get("need")),
            "can_edit": selectors.can_edit_register(request.user, school),
        },
    )


def _sort_header(order: str, key: str) -> dict:
    """aria-sort for a column header, and the order its link asks for next."""
    if order == key:
        return {"aria": "ascending", "next": f"-{key}"}
    if order == f"-{key}":
        return {"aria": "descending", "next": key}
    return {"aria": "none", "next": key}


REGISTER_HEADINGS = [
    "UPN",
    "First name",
    "Last name",
    "Date of birth",
    "Year group",
    "Provision",
    "Primary need",
    "Other needs",
]


def _register_download(
    user, school: Organisation, children, filters: dict, file_format: str
) -> HttpResponse:
    """The filtered register as CSV or XLSX (issue 12 item 6): named pupils, so audited."""
    rows = [
        [
            row.child.upn,
            row.child.first_name,
            row.child.last_name,
            row.child.date_of_birth,
            row.year_group,
            row.provision,
            row.primary_need,
            "; ".join(row.other_needs),
        ]
        for row in _register_rows(children, school)
    ]
    today = timezone.localdate()
    # The file name says whose register and when, never a child's name (it shows in download
    # lists and email attachments).
    filename = f"sen-register-{school.urn or school.pk}-{today:%Y-%m-%d}.{file_format}"
    response = spreadsheet_response(
        REGISTER_HEADINGS,
        rows,
        filename=filename,
        file_format=file_format,
        sheet_title="SEN register",
    )
    audit_record(
        actor=user,
        kind=AuditEventKind.EXPORTED,
        record=school,
        organisation_id=school.pk,
        new_values={
            "rows": len(rows),
            "provision": filters.get("provision", ""),
            "need": filters.get("need", ""),
            "format": file_format,
        },
        note=f"SEN register {file_format.upper()}, {len(rows)} rows",
    )
    return response


# A child's record -----------------------------------------------------------------------------


@login_required
def child_detail(request, child_id):
    child = selectors.get_child_for(request.user, child_id)
    enrolments = list(child.enrolments.filter(end__isnull=True).select_related("school"))
    staff_schools = selectors.staff_school_ids(request.user)
    my_schools = [e.school for e in enrolments if e.school_id in staff_schools]
    can_edit = any(selectors.can_edit_register(request.user, school) for school in my_schools)
    needs = list(child.needs.all().order_by("-start", "rank"))
    return render(
        request,
        "people/child_detail.html",
        {
            "child": child,
            "enrolments": enrolments,
            "statuses": list(child.sen_statuses.select_related("school")),
            "current_needs": sorted(
                (n for n in needs if n.end is None), key=lambda need: need.rank
            ),
            "needs": needs,
            "parent_links": list(selectors.parent_links_visible_to(request.user, child)),
            "is_staff_view": bool(staff_schools or selectors.la_ids(request.user)),
            "can_edit": can_edit,
            "register_school": my_schools[0] if my_schools else None,
        },
    )


def _today() -> date:
    return timezone.localdate()


def _posted(request):
    """The form data if this is a POST (an empty POST too: it must show "enter a name")."""
    return request.POST if request.method == "POST" else None


def _rebased(form, form_class, child):
    """After a refused save, keep what was typed and the errors, but base the next save on
    the record as it is now, so saving again is a deliberate choice to overwrite."""
    data = form.data.copy()
    data["based_on"] = selectors.register_fingerprint(child)
    rebased = form_class(data)
    rebased.is_valid()
    for field, errors in form.errors.items():
        for error in errors:
            if error not in rebased.errors.get(field, []):
                rebased.add_error(None if field == "__all__" else field, error)
    return rebased


@login_required
def child_sen_status(request, child_id):
    child = selectors.get_child_for(request.user, child_id)
    school = selectors.get_register_school_for_child(request.user, child)
    current = child.sen_statuses.filter(end__isnull=True).first()
    if request.method == "POST":
        form = SenStatusForm(request.POST)
        if form.is_valid():
            try:
                services.sen_status_change(
                    actor=request.user,
                    child=child,
                    school=school,
                    provision=form.cleaned_data["provision"],
                    start=form.cleaned_data["start"],
                    reason=form.cleaned_data["reason"],
                    today=_today(),
                    based_on=form.cleaned_data["based_on"] or None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
                form = _rebased(form, SenStatusForm, child)
            else:
                messages.success(request, "SEN status changed")
                return redirect("child_detail", child.pk)
    else:
        form = SenStatusForm(
            initial={"start": _today(), "based_on": selectors.register_fingerprint(child)}
        )
    return render(
        request,
        "people/child_sen_status.html",
        {"child": child, "school": school, "current": current, "form": form},
    )


@login_required
def child_needs(request, child_id):
    child = selectors.get_child_for(request.user, child_id)
    school = selectors.get_register_school_for_child(request.user, child)
    open_needs = list(child.needs.filter(end__isnull=True))
    if request.method == "POST":
        form = NeedsForm(request.POST)
        if form.is_valid():
            try:
                services.needs_update(
                    actor=request.user,
                    child=child,
                    school=school,
                    needs=form.needs(),
                    start=form.cleaned_data["start"],
                    today=_today(),
                    based_on=form.cleaned_data["based_on"] or None,
                )
            except ValidationError as error:
                add_service_errors(form, error, {"needs": "primary_need"})
                form = _rebased(form, NeedsForm, child)
            else:
                messages.success(request, "Needs changed")
                return redirect("child_detail", child.pk)
    else:
        form = NeedsForm(
            initial={
                **NeedsForm.initial_for(open_needs, _today()),
                "based_on": selectors.register_fingerprint(child),
            }
        )
    return render(
        request,
        "people/child_needs.html",
        {
            "child": child,
            "school": school,
            "current": child.sen_statuses.filter(end__isnull=True).first(),
            "form": form,
        },
    )


@login_required
def child_add(request, school_id):
    school = selectors.get_register_school_for(request.user, school_id)
    if not selectors.can_edit_register(request.user, school):
        raise PermissionDenied("Only the SENCO or head teacher can add pupils.")
    form = ChildAddForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            child = services.child_add(
                actor=request.user,
                school=school,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                year_group=data["year_group"],
                start=data["start"],
                upn=data["upn"],
                nhs_number=data["nhs_number"],
                today=_today(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{child.full_name} added to {school.name}")
            return redirect("child_detail", child.pk)
    return render(request, "people/child_add.html", {"school": school, "form": form})


@login_required
def parent_link_add(request, child_id):
    child = selectors.get_child_for(request.user, child_id)
    school = selectors.get_register_school_for_child(request.user, child)
    form = ParentLinkForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The link and its invitation stand or fall together: no invitation to a link
            # that was not saved, and no link saved when the invitation could not be sent.
            with transaction.atomic():
                link = services.parent_link_add(
                    actor=request.user,
                    child=child,
                    school=school,
                    full_name=data["full_name"],
                    email=data["email"],
                    relationship=data["relationship"],
                    parental_responsibility=data["parental_responsibility"],
                    has_care=data["has_care"],
                )
                if data["invite"]:
                    invitation_create(
                        actor=request.user,
                        organisation=school,
                        email=data["email"],
                        full_name=data["full_name"],
                        family_role="parent",
                        parent_link=link,
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done = f"{link.full_name} added"
            if data["invite"]:
                done += f" and invited: we have emailed {link.email}"
            messages.success(request, done)
            return redirect("child_detail", child.pk)
    return render(
        request, "people/parent_link_add.html", {"child": child, "school": school, "form": form}
    )


@login_required
def parent_access(request, link_id):
    link = selectors.get_parent_link_for(request.user, link_id)
    child = link.child
    school = selectors.get_register_school_for_child(request.user, child)
    restricting = not link.access_restricted
    form = ParentAccessForm(_posted(request), restricting=restricting)
    if request.method == "POST" and form.is_valid():
        try:
            services.parent_access_set(
                actor=request.user,
                link=link,
                school=school,
                restricted=restricting,
                note=form.cleaned_data.get("note", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if restricting:
                messages.success(request, f"{link.full_name} can no longer see this record")
            else:
                messages.success(request, f"{link.full_name} can see this record again")
            return redirect("child_detail", child.pk)
    return render(
        request,
        "people/parent_access.html",
        {"link": link, "child": child, "form": form, "restricting": restricting},
    )
