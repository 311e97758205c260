"""The SENCO's appointment (SEND Regs 2014 reg 49) and their protected time, term by term."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.law.senco import SENCO_KEYS, SencoHours, SeniorRole, senco_time
from opensend.law.senco_qualification import senco_qualification
from opensend.organisations.models import TermName
from opensend.organisations.selectors import FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR
from opensend.people.models import Provision
from opensend.people.selectors import register_totals
from opensend.workforce.models import (
    Job,
    SencoAppointment,
    SencoCourse,
    SencoTimeRecord,
    StaffMember,
)
from opensend.workforce.services._base import audit, require_manager, today

SENCO_JOBS = (Job.SENCO, Job.HEAD)  # reg 49(3): the head may be the SENCO
MAX_WEEKLY_HOURS = Decimal(60)
MAX_SENIOR_ROLES = 20
MAX_PREVIOUS_MONTHS = 600
EARLIEST_APPOINTMENT = date(1970, 1, 1)

HOUR_LABELS = {
    "teaching_hours": "Teaching hours",
    "senco_hours": "SENCO hours",
    "other_leadership_hours": "Other leadership hours",
    "senco_hours_taken_from_leadership": "SENCO hours taken from leadership time",
    "ppa_hours": "PPA hours",
    "senco_duties_in_ppa_hours": "SENCO duties in PPA time",
    "admin_support_hours": "Admin support hours",
}


def require_senco_job(staff: StaffMember) -> None:
    """Only a current SENCO (or the head, reg 49(3)) has an appointment or SENCO time."""
    if staff.left_on is not None:
        raise ValidationError(f"{staff.full_name} has left the school.")
    if staff.job not in SENCO_JOBS:
        raise ValidationError(
            f"{staff.full_name} is not the SENCO or head. Change their job on the staff list first."
        )


def _hours_value(value, label: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError) as error:
        raise ValidationError(f"{label} must be a number, like 2.5") from error
    if not number.is_finite() or number < 0 or number > MAX_WEEKLY_HOURS:
        raise ValidationError(f"{label} must be between 0 and {MAX_WEEKLY_HOURS} a week")
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(f"{label} must have at most 2 decimal places")
    return number


def _plain(value: Decimal):
    """A JSON number: 10 rather than "10.00", 2.5 rather than "2.50"."""
    return int(value) if value == value.to_integral_value() else float(value)


def _clean_hours(hours: dict) -> tuple[dict[str, Decimal], dict]:
    errors, clean = {}, {}
    for key in SENCO_KEYS:
        if hours.get(key) is None:
            errors[key] = f"Enter {HOUR_LABELS[key][0].lower()}{HOUR_LABELS[key][1:]}"
            continue
        try:
            clean[key] = _hours_value(hours[key], HOUR_LABELS[key])
        except ValidationError as error:
            errors[key] = error.messages[0]
    taken = clean.get("senco_hours_taken_from_leadership")
    if taken is not None and "senco_hours" in clean and taken > clean["senco_hours"]:
        errors["senco_hours_taken_from_leadership"] = (
            "SENCO hours taken from leadership time cannot be more than the SENCO hours"
        )
    in_ppa = clean.get("senco_duties_in_ppa_hours")
    if in_ppa is not None and "ppa_hours" in clean and in_ppa > clean["ppa_hours"]:
        errors["senco_duties_in_ppa_hours"] = (
            "SENCO duties in PPA time cannot be more than the PPA hours"
        )
    return clean, errors


def _clean_roles(senior_roles: list[dict]) -> tuple[list[dict], list[str]]:
    roles, problems = [], []
    if len(senior_roles) > MAX_SENIOR_ROLES:
        return [], [f"List at most {MAX_SENIOR_ROLES} senior roles"]
    for number, item in enumerate(senior_roles, start=1):
        name = " ".join(str(item.get("role") or "").split())
        if not name or len(name) > 100:
            problems.append(f"Senior role {number}: enter the role's name (up to 100 characters)")
            continue
        try:
            hours = _hours_value(item.get("leadership_hours"), f"Leadership hours for {name}")
        except ValidationError as error:
            problems.append(error.messages[0])
            continue
        roles.append({"role": name, "leadership_hours": _plain(hours)})
    return roles, problems


def register_sizes(school) -> tuple[int, int]:
    """Pupils on roll now on SEN support (K) and with an EHC plan (E): the SENCO's caseload.

    Exact numbers: they are stored on the record; pages for governors show only totals."""
    totals = register_totals([school.pk])
    return (
        totals.get((school.pk, Provision.SEN_SUPPORT), 0),
        totals.get((school.pk, Provision.EHC_PLAN), 0),
    )


def _checks_for(hours: dict[str, Decimal], roles: list[dict]):
    return senco_time(
        SencoHours(**hours),
        tuple(SeniorRole(role["role"], role["leadership_hours"]) for role in roles),
    )


@transaction.atomic
def senco_time_record(
    *,
    actor,
    staff: StaffMember,
    academic_year: int,
    term: str,
    hours: dict[str, Decimal],
    senior_roles: list[dict],
) -> SencoTimeRecord:
    """Record (or correct) the SENCO's weekly hours for one term, checked by `law.senco`.

    Stores the checks' outcome and the register's size now, so the history shows the trend of
    time against caseload without working anything out again.
    """
    require_manager(actor, staff.school_id)
    require_senco_job(staff)
    clean, errors = _clean_hours(hours)
    roles, role_problems = _clean_roles(senior_roles)
    if role_problems:
        errors["senior_roles"] = role_problems
    if not FIRST_ACADEMIC_YEAR <= academic_year <= LAST_ACADEMIC_YEAR:
        errors["academic_year"] = "Select the academic year"
    if term not in TermName.values:
        errors["term"] = "Select the term"
    if errors:
        raise ValidationError(errors)
    result = _checks_for(clean, roles)
    support, plans = register_sizes(staff.school)
    values = {
        **clean,
        "senior_roles": roles,
        "compliant": result.compliant,
        "failed_checks": [check.code for check in result.checks if not check.passed],
        "pupils_on_sen_support": support,
        "pupils_with_plans": plans,
        "updated_by": actor,
    }
    record, created = SencoTimeRecord.objects.update_or_create(
        staff=staff,
        academic_year=academic_year,
        term=term,
        defaults={**values, "school": staff.school},
        create_defaults={**values, "school": staff.school, "created_by": actor},
    )
    if not created:
        SencoTimeRecord.objects.filter(pk=record.pk).update(version=record.version + 1)
        record.version += 1
    audit(
        actor,
        AuditEventKind.CREATED if created else AuditEventKind.UPDATED,
        record,
        school_id=staff.school_id,
        new_values={
            "academic_year": academic_year,
            "term": term,
            **clean,
            "compliant": result.compliant,
            "failed_checks": values["failed_checks"],
        },
    )
    return record


def _appointment_errors(
    appointed_on, previous_senco_months, course, course_started_on, course_completed_on
) -> dict:
    now = today()
    errors = {}
    if appointed_on is None:
        errors["appointed_on"] = "Enter the date they became SENCO"
    elif appointed_on > now:
        errors["appointed_on"] = "The date they became SENCO must be today or in the past"
    elif appointed_on < EARLIEST_APPOINTMENT:
        errors["appointed_on"] = "The date they became SENCO must be after 1970"
    if not 0 <= previous_senco_months <= MAX_PREVIOUS_MONTHS:
        errors["previous_senco_months"] = (
            f"Months as a SENCO before must be between 0 and {MAX_PREVIOUS_MONTHS}"
        )
    if course not in SencoCourse.values:
        errors["course"] = "Select the course"
    elif not course and (course_started_on or course_completed_on):
        errors["course"] = "Select the course these dates are for"
    elif course and course_started_on is None:
        errors["course_started_on"] = "Enter the date the course started"
    if course_completed_on is not None:
        if course_completed_on > now:
            errors["course_completed_on"] = "The date the course was completed must be in the past"
        elif course_started_on and course_completed_on < course_started_on:
            errors["course_completed_on"] = (
                "The date the course was completed must be after it started"
            )
    return errors


@transaction.atomic
def senco_appointment_save(
    *,
    actor,
    staff: StaffMember,
    appointed_on: date,
    qualified_teacher: bool = True,
    is_head: bool = False,
    previous_senco_months: int = 0,
    course: str = "",
    course_started_on: date | None = None,
    course_completed_on: date | None = None,
) -> SencoAppointment:
    """Create or correct the person's open SENCO appointment; store when the qualification is
    due (reg 49(4) and (7), via `law.senco_qualification`)."""
    require_manager(actor, staff.school_id)
    require_senco_job(staff)
    errors = _appointment_errors(
        appointed_on, previous_senco_months, course, course_started_on, course_completed_on
    )
    if errors:
        raise ValidationError(errors)
    is_head = is_head or staff.job == Job.HEAD
    values = {
        "appointed_on": appointed_on,
        "qualified_teacher": qualified_teacher,
        "is_head": is_head,
        "previous_senco_months": previous_senco_months,
        "course": course,
        "course_started_on": course_started_on if course else None,
        "course_completed_on": course_completed_on if course else None,
    }
    result = senco_qualification(today=today(), **values)
    values["qualification_due_on"] = result.due_on
    appointment = SencoAppointment.objects.filter(staff=staff, ended_on__isnull=True).first()
    created = appointment is None
    if created:
        appointment = SencoAppointment(
            staff=staff, school_id=staff.school_id, created_by=actor, **values
        )
    else:
        for name, value in values.items():
            setattr(appointment, name, value)
        appointment.version += 1
    appointment.updated_by = actor
    appointment.save()
    audit(
        actor,
        AuditEventKind.CREATED if created else AuditEventKind.UPDATED,
        appointment,
        school_id=staff.school_id,
        new_values={**values, "status": result.status},
    )
    return appointment
