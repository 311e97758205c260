"""Hand-built workforce records for the workload view's tests, made straight with the ORM.

Time is frozen on Monday 2 November 2026 (autumn term of 2026 to 2027). At Oakfield:

- register: ava (EHC plan) and leo (SEN support) from the demo, plus four pupils on SEN support,
  so 6 pupils (5 on SEN support, 1 with an EHC plan); a pupil who left and a pupil whose SEN
  support ended do not count;
- SENCO time: spring 2026, 10 hours, 20 pupils, compliant; autumn 2026, 12 hours, 6 pupils,
  not compliant; and a former SENCO's 8 hours in autumn 2026 (history only);
- qualification: the SENCO's due 1 March 2027 (due soon), the head's (also SENCO) overdue;
- training this year: 2 inside directed time, 1 outside; one cancelled; one last year;
- briefing: of 5 teachers, only James Turner attended a held briefing;
- key workers: Amira Hassan 2 children, 5 of 5 hours (full); James Turner 1 child, 1 of 3;
  Sarah Collins none, 2 hours to give;
- policies: one overdue, one due in 18 days, one due today, one later, one retired.
"""

from datetime import date, datetime
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

from opensend.organisations.models import Organisation, OrganisationKind
from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.workforce.models import (
    Complexity,
    Job,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    Policy,
    PolicyKind,
    SencoAppointment,
    SencoTimeRecord,
    SessionStatus,
    StaffMember,
    TrainingAttendance,
    TrainingSession,
)

LONDON = ZoneInfo("Europe/London")
_serial = count(1)


def pupil(school, *, provision=Provision.SEN_SUPPORT, left=False, sen_ended=False) -> Child:
    n = next(_serial)
    child = Child.objects.create(
        first_name=f"Pupil{n}",
        last_name=f"Workload{n:03d}",
        date_of_birth=date(2017, 5, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(
        child=child,
        school=school,
        year_group="4",
        start=date(2025, 9, 3),
        end=date(2026, 7, 20) if left else None,
    )
    SenStatus.objects.create(
        child=child,
        school=school,
        provision=provision,
        start=date(2025, 10, 1),
        end=date(2026, 7, 1) if sen_ended else None,
    )
    return child


def member(school, name, job=Job.TEACHER, *, hours=0, left_on=None) -> StaffMember:
    return StaffMember.objects.create(
        school=school, full_name=name, job=job, key_worker_hours=Decimal(hours), left_on=left_on
    )


def time_record(staff, academic_year, term, *, senco_hours, pupils=(0, 0), compliant=True):
    return SencoTimeRecord.objects.create(
        staff=staff,
        school=staff.school,
        academic_year=academic_year,
        term=term,
        teaching_hours=Decimal(10),
        senco_hours=Decimal(senco_hours),
        other_leadership_hours=Decimal(0),
        senco_hours_taken_from_leadership=Decimal(0),
        ppa_hours=Decimal(3),
        senco_duties_in_ppa_hours=Decimal(0),
        admin_support_hours=Decimal(2),
        compliant=compliant,
        failed_checks=[] if compliant else ["ppa_used"],
        pupils_on_sen_support=pupils[0],
        pupils_with_plans=pupils[1],
    )


def appointment(staff, *, due_on, ended_on=None, completed_on=None) -> SencoAppointment:
    return SencoAppointment.objects.create(
        staff=staff,
        school=staff.school,
        appointed_on=date(2024, 3, 1),
        ended_on=ended_on,
        course="npq",
        course_completed_on=completed_on,
        qualification_due_on=due_on,
    )


def session(school, when, *, inside=True, status=SessionStatus.PLANNED, briefing=False, hours=1):
    starts_at = when.replace(tzinfo=LONDON)
    return TrainingSession.objects.create(
        school=school,
        title="Briefing" if briefing else "SEND training",
        purpose="Keep up to date",
        provider="The SENCO",
        audiences=["all_teachers"],
        starts_at=starts_at,
        ends_at=starts_at.replace(hour=starts_at.hour + hours),
        planned_on=date(2026, 7, 1),
        in_directed_time=inside,
        is_code_briefing=briefing,
        status=status,
    )


def allocate(worker, child, hours, *, ended_on=None) -> KeyWorkerAllocation:
    assessment = KeyWorkerAssessment.objects.create(
        child=child,
        school=worker.school,
        assessed_on=date(2026, 9, 10),
        services=["education", "health"],
        complexity=Complexity.MEDIUM,
        needs_summary="Several services involved.",
    )
    return KeyWorkerAllocation.objects.create(
        assessment=assessment,
        child=child,
        school=worker.school,
        worker=worker,
        hours_per_week=Decimal(hours),
        starts_on=date(2026, 9, 14),
        ended_on=ended_on,
    )


def policy(school, next_review_on, *, retired_on=None, title="SEND policy") -> Policy:
    return Policy.objects.create(
        school=school,
        kind=PolicyKind.SEND_POLICY,
        title=title,
        next_review_on=next_review_on,
        retired_on=retired_on,
    )


def new_school(local_authority, name: str) -> Organisation:
    return Organisation.objects.create(
        kind=OrganisationKind.SCHOOL, name=name, local_authority=local_authority
    )


def build_oak(demo, staff) -> dict:
    """Oakfield's records as the module docstring describes them."""
    oak = demo["north_oak"]
    extra = [pupil(oak) for _ in range(4)]
    pupil(oak, left=True)
    pupil(oak, sen_ended=True)

    senco, head = staff["oak_senco"], staff["oak_head"]
    former = member(oak, "Former Senco", Job.SENCO, left_on=date(2026, 10, 31))
    time_record(senco, 2025, "spring", senco_hours=10, pupils=(16, 4))
    time_record(senco, 2026, "autumn", senco_hours=12, pupils=(5, 1), compliant=False)
    time_record(former, 2026, "autumn", senco_hours=8, pupils=(5, 1))

    appointment(senco, due_on=date(2027, 3, 1))  # within 6 months: due soon
    appointment(head, due_on=date(2026, 10, 1))  # overdue (the head is also a SENCO)
    appointment(former, due_on=date(2026, 1, 1), ended_on=date(2026, 10, 31))  # ended
    other = member(oak, "Qualified Senco", Job.SENCO)
    appointment(other, due_on=date(2026, 1, 1), completed_on=date(2025, 12, 1))  # done

    session(oak, datetime(2026, 9, 15, 14), status=SessionStatus.HELD)
    session(oak, datetime(2026, 10, 20, 18), inside=False, status=SessionStatus.HELD)
    session(oak, datetime(2027, 1, 10, 13))
    session(oak, datetime(2026, 11, 5, 19), inside=False, status=SessionStatus.CANCELLED)
    session(oak, datetime(2026, 3, 10, 18), inside=False, status=SessionStatus.HELD)  # last year

    held = session(oak, datetime(2026, 9, 2, 9), status=SessionStatus.HELD, briefing=True)
    planned = session(oak, datetime(2026, 12, 1, 9), briefing=True)
    TrainingAttendance.objects.create(session=held, staff=staff["oak_teacher"], attended=True)
    TrainingAttendance.objects.create(
        session=held, staff=staff["teacher_no_account_1"], attended=False
    )
    TrainingAttendance.objects.create(session=planned, staff=staff["teacher_no_account_2"])
    gone = member(oak, "Gone Teacher", left_on=date(2026, 8, 31))
    TrainingAttendance.objects.create(session=held, staff=gone, attended=True)

    allocate(staff["oak_ta"], demo["ava"], 2)
    allocate(staff["oak_ta"], demo["leo"], 3)
    allocate(staff["oak_teacher"], extra[0], 1)
    allocate(staff["oak_teacher"], extra[1], 2, ended_on=date(2026, 10, 1))

    policy(oak, date(2026, 10, 1), title="Accessibility plan")  # overdue
    policy(oak, date(2026, 11, 20), title="SEN information report")  # due soon
    policy(oak, date(2026, 11, 2), title="Complaints procedure")  # due today
    policy(oak, date(2027, 5, 1), title="SEND policy")  # later
    policy(oak, date(2026, 1, 1), retired_on=date(2026, 2, 1), title="Old policy")  # retired
    return {"former": former}
