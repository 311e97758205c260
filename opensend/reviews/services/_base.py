"""What every review service shares: today, the audit row, the lock, who may act."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opensend.core.services import audit_record
from opensend.ehc.selectors import school_manager_ids
from opensend.organisations.models import Organisation
from opensend.people.selectors import is_la_staff
from opensend.reviews.models import (
    Review,
)

User = get_user_model()


@dataclass(frozen=True)
class Invitee:
    """Someone to invite to the meeting (reg 20(2))."""

    role: str  # ParticipantRole value
    name: str
    email: str = ""
    user: User | None = None
    organisation: Organisation | None = None


def _today() -> date:
    return timezone.localdate()


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _audit(actor, kind, record, review: Review, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=review.child_id,
        organisation_id=review.local_authority_id,
        **extra,
    )


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


# --- who may act --------------------------------------------------------------------------


def is_la_for(actor, review: Review) -> bool:
    return is_la_staff(actor, review.local_authority_id)


def can_arrange(actor, review: Review) -> bool:
    """Reg 20(12): the head (we allow the SENCO too) of the child's school; reg 21: the council
    for a child not at a school; the council's SEND team may always arrange it (reg 20(1))."""
    if not actor.is_authenticated:
        return False
    if is_la_for(actor, review):
        return True
    return review.school_id is not None and review.school_id in school_manager_ids(actor)


def _require_arranger(actor, review: Review) -> None:
    if not can_arrange(actor, review):
        raise PermissionDenied(
            "Only the child's school (SENCO or head) or the council's SEND team can do this."
        )


def _require_la(actor, review: Review) -> None:
    if not is_la_for(actor, review):
        raise PermissionDenied("Only the council's SEND team can do this.")


def _require_status(review: Review, *statuses, what: str) -> None:
    if review.status not in statuses:
        raise ValidationError(
            f"This review is at the step “{review.get_status_display()}”, so you cannot {what}."
        )
