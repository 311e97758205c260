"""A council adds a provider to its Local Offer and invites the provider's first account
(issue 11 item 3: "provider accounts that keep their own entries"). The provider then invites
its own colleagues from its organisation's page, and keeps its entries itself."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.organisations.models import Organisation, OrganisationKind, Role
from opensend.organisations.services import invitation_create
from opensend.people.selectors import is_la_staff
from opensend.publishing.models import LocalOffer
from opensend.publishing.services._base import (
    EMAIL_PROBLEM,
    WEB_ADDRESS_PROBLEM,
    audit,
    is_email,
    is_web_address,
)


def _clean(
    name: str, contact_name: str, contact_email: str, website: str
) -> tuple[str, str, str, str]:
    name, contact_name = " ".join(name.split()), " ".join(contact_name.split())
    contact_email, website = contact_email.strip().lower(), website.strip()
    problems = {}
    if not name:
        problems["name"] = "Enter the provider's name"
    elif Organisation.objects.filter(name__iexact=name).exists():
        problems["name"] = "OpenSEND already has an organisation with this name"
    if not contact_name:
        problems["contact_name"] = "Enter the name of the person to invite"
    if not is_email(contact_email):
        problems["contact_email"] = EMAIL_PROBLEM
    if website and not is_web_address(website):
        problems["website"] = WEB_ADDRESS_PROBLEM
    if problems:
        raise ValidationError(problems)
    return name, contact_name, contact_email, website


@transaction.atomic
def provider_add(
    *,
    actor,
    local_offer: LocalOffer,
    name: str,
    contact_name: str,
    contact_email: str,
    website: str = "",
) -> Organisation:
    """Add a provider in the council's area and invite its first account (one email)."""
    if not is_la_staff(actor, local_offer.local_authority_id):
        raise PermissionDenied("Only the council's SEND team can add providers.")
    name, contact_name, contact_email, website = _clean(name, contact_name, contact_email, website)
    provider = Organisation(
        kind=OrganisationKind.LOCAL_OFFER_PROVIDER,
        name=name,
        local_authority=local_offer.local_authority,
        email=contact_email,
        website=website,
        created_by=actor,
        updated_by=actor,
    )
    provider.save()
    audit(actor, AuditEventKind.CREATED, provider, organisation_id=local_offer.local_authority_id)
    invitation_create(
        actor=actor,
        organisation=provider,
        email=contact_email,
        full_name=contact_name,
        role=Role.LOCAL_OFFER_PROVIDER,
    )
    return provider
