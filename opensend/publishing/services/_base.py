"""What every publishing service shares: today, and one audit row per change."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils import timezone

from opensend.core.services import audit_record


def today() -> date:
    return timezone.localdate()


def audit(actor, kind, record, *, organisation_id, **extra) -> None:
    """One audit row. Nothing the publishing app keeps is about a named child, so no
    `subject_id`: reports, entries and comments are about schools, services and the offer."""
    audit_record(actor=actor, kind=kind, record=record, organisation_id=organisation_id, **extra)


# The GOV.UK Design System's wording for a badly formatted email address or web address.
EMAIL_PROBLEM = "Enter an email address in the correct format, like name@example.com"
WEB_ADDRESS_PROBLEM = "Enter a web address in the correct format, like https://www.example.org.uk"


def is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True


def is_web_address(value: str) -> bool:
    """An http or https address (nothing a browser would refuse to follow from a public page)."""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return False
    return True
