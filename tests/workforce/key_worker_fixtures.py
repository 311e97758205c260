"""Helpers the key-worker tests share: pupils on roll, an assessment, an allocation.

Oakfield's staff come from `oak_staff` (conftest): the SENCO (2 key-worker hours), the head
(none), a teacher (3), a teaching assistant (5) and two teachers with none. Ava has an EHC plan
at Oakfield, Leo is on SEN support there; Mia is at Hillside.
"""

from datetime import date
from decimal import Decimal
from itertools import count

from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.workforce.models import Complexity, KeyWorkerAllocation, Service
from opensend.workforce.services.keyworkers import key_worker_assess

_numbers = count(1)


def pupil(school, *, plan: bool = True, first_name: str = "Pupil") -> Child:
    """A pupil on roll at the school, with an EHC plan (E) or on SEN support (K)."""
    number = next(_numbers)
    child = Child.objects.create(
        first_name=f"{first_name}{number}",
        last_name=f"Surname{number:04d}",
        date_of_birth=date(2016, 5, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(child=child, school=school, year_group="5", start=date(2024, 9, 2))
    SenStatus.objects.create(
        child=child,
        provision=Provision.EHC_PLAN if plan else Provision.SEN_SUPPORT,
        start=date(2025, 1, 6),
        school=school,
    )
    return child


def assess(actor, school, child, *, senco_reason: str = ""):
    return key_worker_assess(
        actor=actor,
        school=school,
        child=child,
        services=[Service.HEALTH, Service.EDUCATION],
        complexity=Complexity.MEDIUM,
        needs_summary="Epilepsy care plan and speech therapy to co-ordinate with school.",
        family_preference="Someone Ava already knows",
        senco_reason=senco_reason,
    )


def allocate(assessment, worker, hours, starts_on=date(2026, 10, 1)) -> KeyWorkerAllocation:
    """An allocation written straight to the table (for reads that need many of them)."""
    return KeyWorkerAllocation.objects.create(
        assessment=assessment,
        child=assessment.child,
        school=assessment.school,
        worker=worker,
        hours_per_week=Decimal(hours),
        starts_on=starts_on,
    )
