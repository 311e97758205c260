"""Reads of SENCO appointments and SENCO time, and the law's verdict on each."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from opensend.law.dates import academic_year_of
from opensend.law.senco import SencoHours, SencoTime, SeniorRole, senco_time
from opensend.law.senco_qualification import SencoQualification, senco_qualification
from opensend.organisations.selectors import terms_or_defaults_for
from opensend.workforce.models import Job, SencoAppointment, SencoTimeRecord, StaffMember
from opensend.workforce.selectors._terms import (  # noqa: F401  (term_label: re-exported)
    TERM_ORDER,
    per_hour,
    term_label,
)


def sencos_of(school) -> list[StaffMember]:
    """The school's current SENCOs: job SENCO, or the head with an open appointment (reg
    49(3)). Each has `open_appointments` (0 or 1) prefetched."""
    return list(
        StaffMember.objects.filter(school=school, left_on__isnull=True)
        .filter(
            Q(job=Job.SENCO)
            | Q(job=Job.HEAD, appointments__ended_on__isnull=True, appointments__isnull=False)
        )
        .distinct()
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "appointments",
                queryset=SencoAppointment.objects.filter(ended_on__isnull=True),
                to_attr="open_appointments",
            )
        )
        .order_by("full_name")
    )


def senco_time_history(school) -> QuerySet[SencoTimeRecord]:
    """Every SENCO time record at the school, oldest term first (autumn, spring, summer)."""
    # TermName values sort alphabetically in school-year order: autumn, spring, summer.
    return (
        SencoTimeRecord.objects.filter(school=school)
        .select_related("staff")
        .order_by("academic_year", "term", "staff__full_name")
    )


def records_of(staff: StaffMember) -> QuerySet[SencoTimeRecord]:
    """The person's SENCO time records, newest term first."""
    return SencoTimeRecord.objects.filter(staff=staff).order_by("-academic_year", "-term")


def open_appointment_of(staff: StaffMember) -> SencoAppointment | None:
    return SencoAppointment.objects.filter(staff=staff, ended_on__isnull=True).first()


def senco_time_checks(record: SencoTimeRecord) -> SencoTime:
    """The law's five checks for a stored record (law.senco.senco_time)."""
    hours = SencoHours(
        teaching_hours=record.teaching_hours,
        senco_hours=record.senco_hours,
        other_leadership_hours=record.other_leadership_hours,
        senco_hours_taken_from_leadership=record.senco_hours_taken_from_leadership,
        ppa_hours=record.ppa_hours,
        senco_duties_in_ppa_hours=record.senco_duties_in_ppa_hours,
        admin_support_hours=record.admin_support_hours,
    )
    roles = tuple(
        SeniorRole(role["role"], Decimal(str(role["leadership_hours"])))
        for role in record.senior_roles
    )
    return senco_time(hours, roles)


def qualification_for(appointment: SencoAppointment, today: date) -> SencoQualification:
    """Reg 49's verdict on the appointment today (law.senco_qualification)."""
    return senco_qualification(
        appointed_on=appointment.appointed_on,
        today=today,
        qualified_teacher=appointment.qualified_teacher,
        is_head=appointment.is_head,
        previous_senco_months=appointment.previous_senco_months,
        course=appointment.course,
        course_started_on=appointment.course_started_on,
        course_completed_on=appointment.course_completed_on,
    )


def current_term(school, today: date) -> tuple[int, str]:
    """The term `today` is in, by the school's own dates (or the defaults); in a holiday, the
    term that ended last, since hours are recorded for the term just taught."""
    year = academic_year_of(today)
    terms = terms_or_defaults_for(school, year).terms
    started = [term for term in terms if term.start <= today]
    return year, (started[-1].name if started else terms[0].name)


@dataclass(frozen=True)
class TermTotals:
    academic_year: int
    term: str
    label: str
    senco_hours: Decimal
    pupils: int
    compliant: bool

    @property
    def pupils_per_hour(self) -> Decimal | None:
        return per_hour(self.pupils, self.senco_hours)


def term_totals(records) -> list[TermTotals]:
    """The school's SENCO time by term: all SENCOs' hours added up, the register's size, and
    whether every SENCO's time passed every check that term."""
    by_term = defaultdict(list)
    for record in records:
        by_term[(record.academic_year, record.term)].append(record)
    totals = []
    for (year, term), rows in sorted(by_term.items(), key=lambda i: (i[0][0], TERM_ORDER[i[0][1]])):
        totals.append(
            TermTotals(
                academic_year=year,
                term=term,
                label=term_label(year, term),
                senco_hours=sum((row.senco_hours for row in rows), Decimal(0)),
                # The register is the school's, so every SENCO's record that term has the same
                # size (give or take a day); the latest saved is the one shown.
                pupils=max(rows, key=lambda row: row.updated_at).pupils_on_sen_support
                + max(rows, key=lambda row: row.updated_at).pupils_with_plans,
                compliant=all(row.compliant for row in rows),
            )
        )
    return totals
