"""Access cases for the workforce pages (issue 10), and the records they are tried on.

Rules shown here (DESIGN "Who sees what": the head sees "school-wide workforce records"; the
issue: "workforce pages are for school leaders, the SENCO and governors in aggregate; never for
parents"): Oakfield's SENCO and head keep every record; Oakfield's governor reads the workload
view, SENCO time and the policies, and is refused (403) anything that names pupils or changes
a record; a teacher or assistant sees only their own SEND training; a council's SEND team sees
the schools in its area in numbers. Everyone else gets 404: Hillside's SENCO for Oakfield's
records, families, professionals.

The POSTs change nothing of note: empty forms show their errors, the cancelled session stays
cancelled, the briefing reminder and the policy's light-touch review are safe to repeat.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from opensend.workforce.models import (
    Complexity,
    Job,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    Policy,
    PolicyKind,
    PolicyVersion,
    ReviewOutcome,
    SencoAppointment,
    SessionStatus,
    StaffMember,
    TrainingSession,
)
from tests.access.cases import NORTH_LA, Case

OAK_MANAGERS = frozenset({"oak_senco", "oak_head"})
OAK_READERS = OAK_MANAGERS | {"oak_governor"}
SCHOOL_READERS = frozenset(
    {
        "oak_senco",
        "oak_head",
        "oak_governor",
        "hill_senco",
        "river_senco",
        "river_head",
        "river_governor",
        "moor_senco",
    }
)
TRAINEES = frozenset(
    {"oak_senco", "oak_teacher", "oak_ta", "oak_head", "hill_senco"}
    | {"river_senco", "river_teacher", "river_head", "moor_senco"}
)
ANY_LA = NORTH_LA | {"south_caseworker", "south_manager"}


def _school(key):
    return lambda world: {"school_id": world[key].pk}


def _staff(key):
    return lambda world: {"staff_id": world[key].pk}


def _both(name, allow, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def oak_workforce(demo) -> dict:
    """Oakfield's staff list, its SENCO's appointment, a key worker for Leo, two training
    sessions (one planned, one cancelled) and its SEND policy."""
    oak, today = demo["north_oak"], timezone.localdate()
    senco = StaffMember.objects.create(
        school=oak, full_name="Sarah Collins", job=Job.SENCO, user=demo["oak_senco"]
    )
    teacher = StaffMember.objects.create(
        school=oak,
        full_name="James Turner",
        job=Job.TEACHER,
        user=demo["oak_teacher"],
        key_worker_hours=Decimal(3),
    )
    SencoAppointment.objects.create(
        staff=senco, school=oak, appointed_on=today - timedelta(days=400)
    )
    assessment = KeyWorkerAssessment.objects.create(
        child=demo["leo"],
        school=oak,
        assessed_on=today,
        services=["education", "health"],
        complexity=Complexity.MEDIUM,
        needs_summary="Speech and language therapy and school support to co-ordinate.",
    )
    allocation = KeyWorkerAllocation.objects.create(
        assessment=assessment,
        child=demo["leo"],
        school=oak,
        worker=teacher,
        hours_per_week=Decimal(1),
        starts_on=today,
    )
    session_day = today + timedelta(days=21)
    planned = TrainingSession.objects.create(
        school=oak,
        title="Adaptive teaching",
        purpose="Ordinarily available provision",
        provider="Northshire SEND team",
        audiences=["all_teachers"],
        starts_at=_at(session_day, 13, 30),
        ends_at=_at(session_day, 15, 30),
        planned_on=today,
        notice_days=21,
    )
    cancelled = TrainingSession.objects.create(
        school=oak,
        title="Autism awareness",
        purpose="Understanding autism",
        provider="Outreach service",
        audiences=["all_staff"],
        starts_at=_at(session_day, 9),
        ends_at=_at(session_day, 10),
        planned_on=today,
        notice_days=21,
        status=SessionStatus.CANCELLED,
    )
    policy = Policy.objects.create(
        school=oak,
        kind=PolicyKind.SEND_POLICY,
        title="SEND policy",
        owner=senco,
        next_review_on=today - timedelta(days=10),
    )
    PolicyVersion.objects.create(
        policy=policy,
        number=1,
        reviewed_on=today - timedelta(days=375),
        outcome=ReviewOutcome.FIRST,
    )
    return {
        "oak_senco_staff": senco,
        "oak_teacher_staff": teacher,
        "leo_key_worker_assessment": assessment,
        "leo_key_worker": allocation,
        "oak_training": planned,
        "oak_cancelled_training": cancelled,
        "oak_send_policy": policy,
    }


WORKFORCE_CASES: list[Case] = [
    Case("workforce_index", SCHOOL_READERS, note="SENCOs, heads and governors: their schools"),
    Case("workforce_school", OAK_READERS, kwargs=_school("north_oak")),
    Case("workforce_la", ANY_LA, note="each council sees the schools in its own area"),
    *_both("workforce_staff", OAK_MANAGERS, kwargs=_school("north_oak")),
    *_both("workforce_staff_edit", OAK_MANAGERS, kwargs=_staff("oak_teacher_staff")),
    Case("workforce_senco_time", OAK_READERS, kwargs=_school("north_oak")),
    *_both("workforce_senco_time_record", OAK_MANAGERS, kwargs=_staff("oak_senco_staff")),
    *_both("workforce_senco_appointment", OAK_MANAGERS, kwargs=_staff("oak_senco_staff")),
    Case("workforce_key_workers", OAK_MANAGERS, kwargs=_school("north_oak")),
    *_both(
        "workforce_key_worker_assess",
        OAK_MANAGERS,
        kwargs=lambda w: {"school_id": w["north_oak"].pk, "child_id": w["leo"].pk},
    ),
    *_both(
        "workforce_key_worker_choose",
        OAK_MANAGERS,
        kwargs=lambda w: {"assessment_id": w["leo_key_worker_assessment"].pk},
    ),
    Case(
        "workforce_key_worker_end",
        OAK_MANAGERS,
        method="post",
        kwargs=lambda w: {"allocation_id": w["leo_key_worker"].pk},
        note="no reason given: refused with a message",
    ),
    Case("workforce_training", OAK_MANAGERS, kwargs=_school("north_oak")),
    *_both("workforce_training_new", OAK_MANAGERS, kwargs=_school("north_oak")),
    *_both(
        "workforce_training_session",
        OAK_MANAGERS,
        kwargs=lambda w: {"session_id": w["oak_training"].pk},
    ),
    Case(
        "workforce_training_cancel",
        OAK_MANAGERS,
        method="post",
        kwargs=lambda w: {"session_id": w["oak_cancelled_training"].pk},
        note="already cancelled",
    ),
    Case("workforce_briefing", OAK_MANAGERS, kwargs=_school("north_oak")),
    Case("workforce_briefing_remind", OAK_MANAGERS, method="post", kwargs=_school("north_oak")),
    Case("workforce_staff_training", OAK_MANAGERS, kwargs=_staff("oak_teacher_staff")),
    Case("workforce_my_training", TRAINEES, note="school staff: their own training only"),
    Case("workforce_policies", OAK_READERS, kwargs=_school("north_oak")),
    *_both("workforce_policy_new", OAK_MANAGERS, kwargs=_school("north_oak")),
    Case(
        "workforce_policy",
        OAK_READERS,
        kwargs=lambda w: {"policy_id": w["oak_send_policy"].pk},
    ),
    *_both(
        "workforce_policy_review",
        OAK_MANAGERS,
        kwargs=lambda w: {"policy_id": w["oak_send_policy"].pk},
    ),
    Case(
        "workforce_policy_confirm",
        OAK_MANAGERS,
        method="post",
        kwargs=lambda w: {"policy_id": w["oak_send_policy"].pk},
    ),
    Case(
        "workforce_policy_approve",
        OAK_MANAGERS,
        method="post",
        kwargs=lambda w: {"policy_id": w["oak_send_policy"].pk},
        note="no date given: refused with a message",
    ),
]
