"""The school's staff list (SENCO and head only): add, paste, add colleagues, edit.

Thin views: the school or person comes through a selector (404 outside the school, 403 for a
governor), each change is one service call, and a problem is shown on the form that caused it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from opensend.core.forms import add_service_errors, save_versioned
from opensend.workforce.models import Job
from opensend.workforce.selectors._access import get_school_for_workforce
from opensend.workforce.selectors.staff import (
    colleagues_not_listed,
    get_staff_for,
    staff_for_school,
)
from opensend.workforce.services.staff import (
    staff_add,
    staff_add_from_accounts,
    staff_add_many,
    staff_update,
)
from opensend.workforce.staff_forms import StaffAddForm, StaffEditForm, StaffPasteForm


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _add_one(request, school, form):
    data = form.cleaned_data
    member = staff_add(
        actor=request.user,
        school=school,
        full_name=data["full_name"],
        job=data["job"],
        email=data["email"],
        key_worker_hours=data["key_worker_hours"],
    )
    linked = " and linked to their OpenSEND account" if member.user_id else ""
    return f"{member.full_name} added to the staff list{linked}"


def _add_pasted(request, school, form):
    added = staff_add_many(actor=request.user, school=school, text=form.cleaned_data["text"])
    return f"{_people(len(added))} added to the staff list"


def _handle_post(request, school, add_form, paste_form):
    """Run the posted action; returns the success message, or None when a form has errors."""
    action = request.POST.get("action")
    if action == "accounts":
        changed = staff_add_from_accounts(actor=request.user, school=school)
        if not changed:
            return "Everyone who uses OpenSEND at the school is already on the list"
        return f"{_people(len(changed))} who already use OpenSEND added or linked"
    form, run = (paste_form, _add_pasted) if action == "paste" else (add_form, _add_one)
    if not form.is_valid():
        return None
    try:
        return run(request, school, form)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
def staff_list(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    add_form, paste_form = StaffAddForm(), StaffPasteForm()
    if request.method == "POST":
        if request.POST.get("action") == "paste":
            paste_form = StaffPasteForm(request.POST)
        else:
            add_form = StaffAddForm(request.POST)
        message = _handle_post(request, school, add_form, paste_form)
        if message:
            messages.success(request, message)
            return redirect("workforce_staff", school.pk)
    show_left = request.GET.get("left") == "1"
    staff = list(staff_for_school(school, include_left=show_left))
    context = {
        "school": school,
        "staff": staff,
        "show_left": show_left,
        "add_form": add_form,
        "paste_form": paste_form,
        "not_listed": colleagues_not_listed(school),
        "senco_jobs": (Job.SENCO, Job.HEAD),
        "has_errors": bool(add_form.errors or paste_form.errors),
    }
    return render(request, "workforce/staff/list.html", context)


@login_required
def staff_edit(request, staff_id):
    staff = get_staff_for(request.user, staff_id)
    initial = {
        "version": staff.version,
        "full_name": staff.full_name,
        "email": staff.email,
        "job": staff.job,
        "key_worker_hours": staff.key_worker_hours,
        "left_on": staff.left_on,
    }
    form, differences = StaffEditForm(initial=initial), None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            StaffEditForm,
            request.POST,
            lambda form: staff_update(
                actor=request.user,
                staff=staff,
                version=form.cleaned_data["version"],
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
                job=form.cleaned_data["job"],
                key_worker_hours=form.cleaned_data["key_worker_hours"],
                left_on=form.cleaned_data["left_on"],
            ),
        )
        if saved:
            messages.success(request, f"{saved.full_name}'s details saved")
            return redirect("workforce_staff", staff.school_id)
    context = {
        "staff": staff,
        "school": staff.school,
        "form": form,
        "differences": differences,
        "is_senco_job": staff.job in (Job.SENCO, Job.HEAD) and staff.left_on is None,
    }
    return render(request, "workforce/staff/edit.html", context)
