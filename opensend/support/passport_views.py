"""Pupil passport pages: one pupil's passport (page and PDF), and a school's set for its staff.

Who may see what (opensend.support.passport): a pupil's passport is seen by whoever may see the
plan it comes from, else 404. A school's list and class set are for that school's staff
(SENCO, head, teachers and teaching assistants); governors see no named child, so they and
everyone else get 404, as on the SEN register. Every look at or download of a passport is in
the audit log against the child.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.pdf import pdf_response, render_pdf
from opensend.core.school_choice import to_school_page
from opensend.core.services import audit_record
from opensend.people import selectors as people_selectors
from opensend.people.models import YearGroup
from opensend.support.passport import get_passport_for, passports_for_school

PDF_TITLE = "Pupil passport"  # neutral: the title shows in file previews and window bars
CLASS_SET_TITLE = "Pupil passports"
# One file is drawn while the person waits: about a large year group's worth at most, so the
# page answers in seconds rather than timing out on a whole secondary school.
MAX_CLASS_SET = 60


class PassportFilterForm(forms.Form):
    year = forms.ChoiceField(
        label="Year group",
        choices=[("", "All year groups"), *YearGroup.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a year group from the list"},
    )


@login_required
def passport_index(request):
    """The menu's "Pupil passports": straight to the school's list, or a choice of schools."""
    return to_school_page(
        request,
        people_selectors.schools_for_register(request.user),
        url_name="school_passports",
        title="Pupil passports",
        none_message="You are not on the staff of a school.",
    )


@login_required
def pupil_passport(request, child_id):
    passport = get_passport_for(request.user, child_id, today=timezone.localdate())
    return render(request, "support/passport.html", {"passport": passport})


@login_required
def pupil_passport_pdf(request, child_id):
    today = timezone.localdate()
    passport = get_passport_for(request.user, child_id, today=today, kind=AuditEventKind.DOWNLOADED)
    pdf = render_pdf(
        template_name="pdf/pupil_passport.html",
        context={"passports": [passport], "today": today},
        title=PDF_TITLE,
    )
    return pdf_response(pdf=pdf, filename=f"pupil-passport-{today.isoformat()}.pdf")


def _school_and_filter(request, school_id):
    school = people_selectors.get_register_school_for(request.user, school_id)
    form = PassportFilterForm(request.GET)
    return school, form


def _list_page(request, school, form, passports):
    year = form.cleaned_data.get("year", "") if form.is_valid() else ""
    pdf_url = reverse("school_passports_pdf", args=[school.pk])
    return render(
        request,
        "support/passport_list.html",
        {
            "school": school,
            "form": form,
            "passports": passports,
            "year": year,
            "year_label": dict(YearGroup.choices).get(year, ""),
            "pdf_url": f"{pdf_url}?year={year}" if year else pdf_url,
        },
    )


@login_required
def school_passports(request, school_id):
    school, form = _school_and_filter(request, school_id)
    if not form.is_valid():
        # A hand-edited or stale address: say what is wrong instead of guessing a year.
        return _list_page(request, school, form, None)
    passports = passports_for_school(
        request.user,
        school,
        today=timezone.localdate(),
        year_group=form.cleaned_data["year"] or None,
    )
    return _list_page(request, school, form, passports)


@login_required
def school_passports_pdf(request, school_id):
    """Every passport at the school (or one year group), one pupil a page, for a class set."""
    school, form = _school_and_filter(request, school_id)
    if not form.is_valid():
        return _list_page(request, school, form, None)
    today = timezone.localdate()
    year = form.cleaned_data["year"]
    passports = passports_for_school(request.user, school, today=today, year_group=year or None)
    list_url = reverse("school_passports", args=[school.pk])
    back = f"{list_url}?year={year}" if year else list_url
    if not passports:
        messages.info(request, "There are no pupil passports to download")
        return redirect(back)
    if len(passports) > MAX_CLASS_SET:
        messages.info(
            request,
            f"There are {len(passports)} pupil passports: choose a year group to download them "
            f"(at most {MAX_CLASS_SET} in one file)",
        )
        return redirect(back)
    pdf = render_pdf(
        template_name="pdf/pupil_passport.html",
        context={"passports": passports, "today": today},
        title=CLASS_SET_TITLE,
    )
    # Each pupil's passport leaves the system in this file: one download row per child.
    for passport in passports:
        audit_record(
            actor=request.user,
            kind=AuditEventKind.DOWNLOADED,
            record=passport.plan,
            subject_id=passport.child_id,
            organisation_id=school.pk,
            note="class set",
        )
    return pdf_response(pdf=pdf, filename=f"pupil-passports-{today.isoformat()}.pdf")
