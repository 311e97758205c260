"""What every publishing service shares: today, and one audit row per change."""

from datetime import date

from django.utils import timezone

from opensend.core.services import audit_record


def today() -> date:
    return timezone.localdate()


def audit(actor, kind, record, *, organisation_id, **extra) -> None:
    """One audit row. Nothing the publishing app keeps is about a named child, so no
    `subject_id`: reports, entries and comments are about schools, services and the offer."""
    audit_record(actor=actor, kind=kind, record=record, organisation_id=organisation_id, **extra)
