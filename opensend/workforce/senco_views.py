"""SENCO time and the SENCO's qualification.

`senco_time` is for the school's SENCO and head, and read-only for its governors (no edit
links): the latest term's checks for each SENCO, the qualification (reg 49), and the history by
term. Recording hours and changing the appointment are for the SENCO and head.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from opensend.core.charts import line_chart
from opensend.core.forms import add_service_errors
from opensend.law.dates import academic_year_of
from opensend.law.senco_qualification import DUE_SOON, OVERDUE
from opensend.organisations.models import TermName
from opensend.organisations.selectors import FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR
from opensend.people.selectors import SMALL_NUMBER_THRESHOLD
from opensend.workforce.selectors._access import can_manage, get_school_for_workforce
from opensend.workforce.selectors.senco import (
    current_term,
    open_appointment_of,
    qualification_for,
    records_of,
    senco_time_checks,
    senco_time_history,
    sencos_of,
    term_label,
    term_totals,
)
from opensend.workforce.selectors.staff import get_staff_for
from opensend.workforce.senco_forms import ROLE_ROWS, SencoAppointmentForm, SencoTimeForm
from opensend.workforce.services._base import today
from opensend.workforce.services.senco import (
    HOUR_LABELS,
    SENCO_JOBS,
    senco_appointment_save,
)
from opensend.workforce.services.senco import (
    senco_time_record as record_time,
)

CHECK_NAMES = {
    "senco_time_timetabled": "SENCO time is timetabled",
    "comparable_to_senior_roles": "Comparable to other senior roles",
    "additional_to_leadership_time": "Additional to other leadership time",
    "ppa_protected": "PPA time is protected",
    "admin_support": "Administrative support is given",
}


class SencoPanel:
    """One SENCO on the page: their appointment's verdict and their latest term's checks."""

    def __init__(self, staff, latest, when):
        self.staff = staff
        self.appointment = staff.open_appointments[0] if staff.open_appointments else None
        self.qualification = qualification_for(self.appointment, when) if self.appointment else None
        self.latest = latest
        self.checks = _named_checks(latest) if latest else []

    @property
    def warn(self) -> bool:
        q = self.qualification
        return q is not None and (q.status in (DUE_SOON, OVERDUE) or bool(q.problems))


def _named_checks(record):
    return [(CHECK_NAMES.get(c.code, c.code), c) for c in senco_time_checks(record).checks]


def _count(count: int, manager: bool) -> str:
    # Governors see aggregates with small numbers hidden, so no child can be picked out (DESIGN
    # "Who sees what"); the school's SENCO and head know the pupils anyway.
    if not manager and 0 < count < SMALL_NUMBER_THRESHOLD:
        return "fewer than 5"
    return str(count)


def _charts(totals):
    hours = line_chart(
        [(row.label, row.senco_hours) for row in totals],
        title="SENCO hours a week, by term",
        label_heading="Term",
        value_heading="SENCO hours a week",
    )
    per_hour = line_chart(
        [(row.label, row.pupils_per_hour) for row in totals if row.pupils_per_hour is not None],
        title="Pupils per SENCO hour, by term",
        label_heading="Term",
        value_heading="Pupils on SEN support or with an EHC plan per SENCO hour",
    )
    return hours, per_hour


@login_required
def senco_time(request, school_id):
    school = get_school_for_workforce(request.user, school_id, manage=False)
    when = today()
    history = list(senco_time_history(school))
    latest = {}
    manager = can_manage(request.user, school.pk)
    for record in history:  # oldest first, so the last one kept is the latest
        record.label = term_label(record.academic_year, record.term)
        record.support_shown = _count(record.pupils_on_sen_support, manager)
        record.plans_shown = _count(record.pupils_with_plans, manager)
        latest[record.staff_id] = record
    panels = [SencoPanel(staff, latest.get(staff.pk), when) for staff in sencos_of(school)]
    totals = term_totals(history)
    hours_chart, per_hour_chart = _charts(totals)
    context = {
        "school": school,
        "panels": panels,
        "history": history,
        "totals": totals,
        "hours_chart": hours_chart,
        "per_hour_chart": per_hour_chart,
        "can_manage": manager,
    }
    return render(request, "workforce/senco/time.html", context)


def _not_a_senco(request, staff):
    return render(request, "workforce/senco/not_senco.html", {"staff": staff}, status=404)


def _chosen_term(request, school):
    """The term in the address (?academic_year=2026&term=autumn), else the current term."""
    year, term = current_term(school, today())
    try:
        asked = int(request.GET.get("academic_year", year))
    except ValueError:
        asked = year
    if FIRST_ACADEMIC_YEAR <= asked <= LAST_ACADEMIC_YEAR:
        year = asked
    if request.GET.get("term") in TermName.values:
        term = request.GET["term"]
    return year, term


def _initial_from(record, year, term):
    initial = {"academic_year": year, "term": term}
    if record is None:
        return initial
    initial.update({key: getattr(record, key) for key in HOUR_LABELS})
    for number, role in enumerate(record.senior_roles[:ROLE_ROWS], start=1):
        initial[f"role_{number}"] = role["role"]
        initial[f"role_hours_{number}"] = role["leadership_hours"]
    return initial


@login_required
def senco_time_record(request, staff_id):
    staff = get_staff_for(request.user, staff_id)
    if staff.job not in SENCO_JOBS or staff.left_on is not None:
        return _not_a_senco(request, staff)
    year, term = _chosen_term(request, staff.school)
    this_year = academic_year_of(today())
    years = [y for y in range(this_year - 2, this_year + 2) if y >= FIRST_ACADEMIC_YEAR]
    if year not in years:
        years = sorted({*years, year})
    records = list(records_of(staff))  # newest first
    this_record = next((r for r in records if (r.academic_year, r.term) == (year, term)), None)
    # Pre-fill from this term's record, else the person's previous one: hours rarely change.
    form = SencoTimeForm(
        initial=_initial_from(this_record or (records[0] if records else None), year, term),
        years=years,
    )
    if request.method == "POST":
        form = SencoTimeForm(request.POST, years=years)
        if form.is_valid():
            try:
                saved = record_time(
                    actor=request.user,
                    staff=staff,
                    academic_year=form.cleaned_data["academic_year"],
                    term=form.cleaned_data["term"],
                    hours=form.hours(),
                    senior_roles=form.senior_roles(),
                )
            except ValidationError as error:
                add_service_errors(form, error, field_map={"senior_roles": None})
            else:
                verdict = "passes every check" if saved.compliant else "does not pass every check"
                messages.success(
                    request,
                    f"SENCO time for {term_label(saved.academic_year, saved.term)} saved. It "
                    f"{verdict}: see below",
                )
                url = f"?academic_year={saved.academic_year}&term={saved.term}#checks"
                return redirect(request.path + url)
    context = {
        "staff": staff,
        "school": staff.school,
        "form": form,
        "record": this_record,
        "checks": _named_checks(this_record) if this_record else [],
        "label": term_label(year, term),
        "prefilled_from": None
        if this_record or not records
        else term_label(records[0].academic_year, records[0].term),
    }
    return render(request, "workforce/senco/record.html", context)


@login_required
def senco_appointment(request, staff_id):
    staff = get_staff_for(request.user, staff_id)
    if staff.job not in SENCO_JOBS or staff.left_on is not None:
        return _not_a_senco(request, staff)
    appointment = open_appointment_of(staff)
    initial = {
        "qualified_teacher": "yes",
        "is_head": staff.job == "head",
        "previous_senco_months": 0,
    }
    if appointment:
        initial.update(
            appointed_on=appointment.appointed_on,
            qualified_teacher="yes" if appointment.qualified_teacher else "no",
            is_head=appointment.is_head,
            previous_senco_months=appointment.previous_senco_months,
            course=appointment.course,
            course_started_on=appointment.course_started_on,
            course_completed_on=appointment.course_completed_on,
        )
    form = SencoAppointmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = senco_appointment_save(
                actor=request.user,
                staff=staff,
                appointed_on=data["appointed_on"],
                qualified_teacher=data["qualified_teacher"] == "yes",
                is_head=data["is_head"],
                previous_senco_months=data["previous_senco_months"],
                course=data["course"] or "",
                course_started_on=data["course_started_on"],
                course_completed_on=data["course_completed_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            result = qualification_for(saved, today())
            messages.success(request, f"SENCO appointment saved. {result.detail}")
            return redirect("workforce_senco_time", staff.school_id)
    context = {"staff": staff, "school": staff.school, "form": form, "appointment": appointment}
    return render(request, "workforce/senco/appointment.html", context)
