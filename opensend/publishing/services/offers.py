"""Every authority has a Local Offer; it is made the first time anything needs it."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from opensend.core.models import AuditEventKind
from opensend.organisations.models import Organisation
from opensend.publishing.models import LocalOffer
from opensend.publishing.services._base import audit


def _free_slug(local_authority: Organisation) -> str:
    base = slugify(local_authority.name.replace(" Council", ""))[:50] or "local-offer"
    slug, n = base, 2
    while LocalOffer.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def local_offer_for(local_authority: Organisation, *, actor=None) -> LocalOffer:
    """The authority's Local Offer, made (with an address from its name) if it has none."""
    existing = LocalOffer.objects.filter(local_authority=local_authority).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            offer = LocalOffer.objects.create(
                local_authority=local_authority,
                slug=_free_slug(local_authority),
                created_by=actor,
                updated_by=actor,
            )
    except IntegrityError:  # made by someone else a moment ago
        return LocalOffer.objects.get(local_authority=local_authority)
    audit(actor, AuditEventKind.CREATED, offer, organisation_id=local_authority.pk)
    return offer
