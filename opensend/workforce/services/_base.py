"""What every workforce service shares: today, the audit row, and who may act."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from opensend.core.services import audit_record
from opensend.workforce.selectors._access import can_manage


def today() -> date:
    return timezone.localdate()


def audit(actor, kind, record, *, school_id, subject_id=None, **extra) -> None:
    """One audit row. `subject_id` names the child only for key-worker records."""
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        organisation_id=school_id,
        subject_id=subject_id,
        **extra,
    )


def require_manager(actor, school_id) -> None:
    if not can_manage(actor, school_id):
        raise PermissionDenied("Only the school's SENCO or head can do this.")
