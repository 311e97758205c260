"""Key workers: the objective assessment first, then a key worker chosen from staff with time.

Statutory guidance on key working (the seed, "Key workers"):
- "there should be no automatic assumption that SENCOs or other school staff will take lead
  responsibility for these arrangements, including taking on the role of key worker": choosing
  the SENCO is refused unless the assessment says why the SENCO is best placed;
- "The allocation of key worker ... should be determined by an objective assessment of the
  needs of the disabled child or young person and how these needs can best be provided for":
  a key worker is always chosen from an assessment;
- "The key worker should be given adequate time to discharge their role": each allocation
  records its hours a week, and a worker is refused when their key-worker time is used up.

Audit rows name the child (subject_id) so "who has touched this child's record" finds them.
"""

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.organisations.models import Organisation
from opensend.people.models import Child
from opensend.people.selectors import is_on_roll
from opensend.workforce.models import (
    Complexity,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    Service,
    StaffMember,
)
from opensend.workforce.selectors.keyworkers import is_senco, remaining_hours
from opensend.workforce.services._base import audit, require_manager, today

# A start date further ahead than this is almost certainly a typing mistake.
LATEST_START = timedelta(days=365)
END_REASON_MAX = KeyWorkerAllocation._meta.get_field("end_reason").max_length
REPLACED = "A new key worker was chosen"


def _hours(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def hours_label(value: Decimal) -> str:
    """'1 hour', '2.5 hours': for the messages people read."""
    shown = _hours(value)
    return f"{shown} hour" if shown == "1" else f"{shown} hours"


def _require_on_roll(child: Child, school: Organisation) -> None:
    if not is_on_roll(child, school):
        raise ValidationError(f"{child.full_name} is not on roll at {school.name}.")


# --- the assessment ------------------------------------------------------------------------------


def _clean_assessment(services, complexity, needs_summary) -> dict:
    errors = {}
    chosen = list(dict.fromkeys(services or []))
    if not chosen:
        errors["services"] = "Select the services involved with the child's support"
    elif any(value not in Service.values for value in chosen):
        errors["services"] = "Select services from the list"
    if complexity not in Complexity.values:
        errors["complexity"] = "Select how complex the child's support is to co-ordinate"
    if not (needs_summary or "").strip():
        errors["needs_summary"] = "Enter a summary of the child's needs"
    if errors:
        raise ValidationError(errors)
    # Kept in the order of the list, so every assessment reads the same way.
    return {"services": [value for value in Service.values if value in chosen]}


@transaction.atomic
def key_worker_assess(
    *,
    actor,
    school: Organisation,
    child: Child,
    services: list[str],
    complexity: str,
    needs_summary: str,
    family_preference: str = "",
    senco_reason: str = "",
) -> KeyWorkerAssessment:
    """Record the objective assessment of a pupil's needs (guidance: the allocation "should be
    determined by an objective assessment of the needs"), before anyone is chosen."""
    require_manager(actor, school.pk)
    cleaned = _clean_assessment(services, complexity, needs_summary)
    _require_on_roll(child, school)
    assessment = KeyWorkerAssessment.objects.create(
        child=child,
        school=school,
        assessed_on=today(),
        services=cleaned["services"],
        complexity=complexity,
        needs_summary=needs_summary.strip(),
        family_preference=(family_preference or "").strip(),
        senco_reason=(senco_reason or "").strip(),
        created_by=actor,
        updated_by=actor,
    )
    # Codes only: the free text about the child stays on the record itself.
    audit(
        actor,
        AuditEventKind.CREATED,
        assessment,
        school_id=school.pk,
        subject_id=child.pk,
        new_values={
            "services": assessment.services,
            "complexity": complexity,
            "senco_reason_given": bool(assessment.senco_reason),
        },
    )
    return assessment


# --- choosing the key worker ---------------------------------------------------------------------


def _clean_hours(hours_per_week) -> Decimal:
    try:
        hours = Decimal(str(hours_per_week))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise ValidationError(
            {"hours_per_week": "Enter the hours a week as a number, like 1.5"}
        ) from error
    if not hours.is_finite() or hours <= 0:
        raise ValidationError({"hours_per_week": "Enter the hours a week, more than 0"})
    if hours != hours.quantize(Decimal("0.01")):
        raise ValidationError({"hours_per_week": "Enter the hours a week to 2 decimal places"})
    return hours


def _check_worker(worker: StaffMember, assessment: KeyWorkerAssessment, day: date) -> None:
    if worker.school_id != assessment.school_id:
        raise ValidationError({"worker": "Choose someone on this school's staff list"})
    if worker.left_on is not None and worker.left_on <= day:
        raise ValidationError(
            {"worker": f"{worker.full_name} left the school on {worker.left_on:%-d %B %Y}"}
        )
    # Guidance: "no automatic assumption that SENCOs ... will take lead responsibility ...
    # including taking on the role of key worker": the assessment must say why.
    if is_senco(worker) and not assessment.senco_reason.strip():
        raise ValidationError(
            {
                "worker": f"{worker.full_name} is the SENCO. Choose someone else, or add to the "
                "assessment why the SENCO is best placed to be this child's key worker"
            }
        )


def _check_capacity(worker: StaffMember, child: Child, hours: Decimal) -> None:
    """Guidance: "The key worker should be given adequate time to discharge their role"."""
    remaining = remaining_hours(worker, child=child)
    if remaining <= 0:
        raise ValidationError(
            {
                "worker": f"{worker.full_name} has no key-worker time left this week "
                f"({hours_label(worker.key_worker_hours)} a week, all allocated). Choose someone "
                "else, or give them more time on the staff list"
            }
        )
    if hours > remaining:
        raise ValidationError(
            {
                "hours_per_week": f"{worker.full_name} has {hours_label(remaining)} a week of "
                f"key-worker time left. Enter {_hours(remaining)} or fewer, or choose someone else"
            }
        )


def _check_start(starts_on: date, assessment: KeyWorkerAssessment, current) -> None:
    if starts_on < assessment.assessed_on:
        raise ValidationError(
            {
                "starts_on": "The start date must be on or after the assessment, "
                f"{assessment.assessed_on:%-d %B %Y}"
            }
        )
    if starts_on > today() + LATEST_START:
        raise ValidationError({"starts_on": "The start date must be within the next year"})
    if current is not None and starts_on < current.starts_on:
        raise ValidationError(
            {
                "starts_on": "The start date must be on or after "
                f"{current.starts_on:%-d %B %Y}, when the current key worker started"
            }
        )


@transaction.atomic
def key_worker_choose(
    *,
    actor,
    assessment: KeyWorkerAssessment,
    worker: StaffMember,
    hours_per_week,
    starts_on: date | None = None,
) -> KeyWorkerAllocation:
    """Choose the key worker from an assessment, ending the child's current allocation at the
    school (one key worker at a time). Refuses the SENCO unless the assessment says why, a
    worker without the time, and anyone not on the school's current staff."""
    require_manager(actor, assessment.school_id)
    school, child = assessment.school, assessment.child
    hours = _clean_hours(hours_per_week)
    starts_on = starts_on or today()
    # Locks the worker's row, so two choices at once cannot both use their last hour.
    worker = StaffMember.objects.select_for_update().get(pk=worker.pk)
    _check_worker(worker, assessment, starts_on)
    _require_on_roll(child, school)
    _check_capacity(worker, child, hours)
    current = (
        KeyWorkerAllocation.objects.select_for_update()
        .filter(child=child, school=school, ended_on__isnull=True)
        .first()
    )
    _check_start(starts_on, assessment, current)
    if current is not None:
        current.ended_on = starts_on
        current.end_reason = REPLACED
        current.updated_by = actor
        current.version += 1
        current.save(
            update_fields=["ended_on", "end_reason", "updated_by", "updated_at", "version"]
        )
    allocation = KeyWorkerAllocation.objects.create(
        assessment=assessment,
        child=child,
        school=school,
        worker=worker,
        hours_per_week=hours,
        starts_on=starts_on,
        created_by=actor,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.CREATED,
        allocation,
        school_id=school.pk,
        subject_id=child.pk,
        old_values=(
            {"allocation": str(current.pk), "worker": str(current.worker_id)} if current else None
        ),
        new_values={
            "worker": str(worker.pk),
            "hours_per_week": str(hours),
            "starts_on": starts_on.isoformat(),
        },
    )
    return allocation


# --- ending it -----------------------------------------------------------------------------------


@transaction.atomic
def key_worker_end(
    *,
    actor,
    allocation: KeyWorkerAllocation,
    reason: str,
    ended_on: date | None = None,
) -> KeyWorkerAllocation:
    """End a key worker's allocation, with the reason (it frees their time)."""
    require_manager(actor, allocation.school_id)
    allocation = KeyWorkerAllocation.objects.select_for_update().get(pk=allocation.pk)
    if allocation.ended_on is not None:
        raise ValidationError(f"This allocation already ended on {allocation.ended_on:%-d %B %Y}")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why the key worker allocation is ending"})
    if len(reason) > END_REASON_MAX:
        raise ValidationError(
            {"reason": f"The reason must be {END_REASON_MAX} characters or fewer"}
        )
    # An allocation that had not started yet ends on its start day.
    ended_on = ended_on or max(today(), allocation.starts_on)
    if ended_on < allocation.starts_on:
        raise ValidationError(
            {
                "ended_on": "The end date must be on or after the start, "
                f"{allocation.starts_on:%-d %B %Y}"
            }
        )
    allocation.ended_on = ended_on
    allocation.end_reason = reason
    allocation.updated_by = actor
    allocation.version += 1
    allocation.save(update_fields=["ended_on", "end_reason", "updated_by", "updated_at", "version"])
    audit(
        actor,
        AuditEventKind.UPDATED,
        allocation,
        school_id=allocation.school_id,
        subject_id=allocation.child_id,
        old_values={"ended_on": None},
        new_values={"ended_on": ended_on.isoformat()},
    )
    return allocation
