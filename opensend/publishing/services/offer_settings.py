"""A Local Offer's settings (issue 11 item 3; SEND Regulations 2014 regs 53 and 57, Sch 2 paras
15 and 17): its introduction, how to get it without the internet, the SENDIASS and mediation
contacts (which the Local Offer, the schools' reports and the council's letters all show), and
the areas services say they cover."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend.core.models import AuditEventKind
from opensend.core.services import StaleEditError
from opensend.people.selectors import is_la_staff
from opensend.publishing.models import LocalOffer, LocalOfferArea
from opensend.publishing.services._base import (
    EMAIL_PROBLEM,
    WEB_ADDRESS_PROBLEM,
    audit,
    is_email,
    is_web_address,
)

OFFER_TEXT = {
    "introduction": None,
    "offline_access": None,
    "sendiass_name": 200,
    "sendiass_telephone": 30,
    "sendiass_email": 254,
    "sendiass_website": 200,
    "mediation_contact": None,
}


def _clean_offer(fields: dict) -> tuple[dict, dict]:
    errors, cleaned = {}, {}
    for name, limit in OFFER_TEXT.items():
        value = str(fields.get(name) or "").strip()
        if limit and len(value) > limit:
            errors[name] = f"Use {limit} characters or fewer"
        cleaned[name] = value
    if cleaned["sendiass_email"] and not is_email(cleaned["sendiass_email"]):
        errors["sendiass_email"] = EMAIL_PROBLEM
    if cleaned["sendiass_website"] and not is_web_address(cleaned["sendiass_website"]):
        errors["sendiass_website"] = WEB_ADDRESS_PROBLEM
    return cleaned, errors


def _area_names(areas_text: str, errors: dict) -> list[str]:
    names: dict[str, str] = {}
    for line in (areas_text or "").splitlines():
        name = " ".join(line.split())
        if len(name) > 100:
            errors["areas"] = "Each area's name must be 100 characters or fewer"
        elif name:
            names.setdefault(name.lower(), name)
    return list(names.values())


@transaction.atomic
def local_offer_update(
    *, actor, local_offer: LocalOffer, fields: dict, areas_text: str, version: int
) -> LocalOffer:
    """The offer's settings: its introduction, how to get it without the internet (reg 57), the
    SENDIASS and mediation contacts (Sch 2 paras 15 and 17), and its areas, one per line. An
    area removed here is removed from the entries that listed it."""
    if not is_la_staff(actor, local_offer.local_authority_id):
        raise PermissionDenied("Only the authority's SEND team can change its Local Offer.")
    current = LocalOffer.objects.select_for_update().get(pk=local_offer.pk)
    if int(version) != current.version:
        raise StaleEditError(current=current, differences=[])
    cleaned, errors = _clean_offer(fields)
    names = _area_names(areas_text, errors)
    if errors:
        raise ValidationError(errors)
    old = {name: getattr(current, name) for name in OFFER_TEXT}
    old["areas"] = list(current.areas.values_list("name", flat=True))
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.version += 1
    current.updated_by = actor
    current.save()
    keep = {name.lower() for name in names}
    for area in current.areas.all():
        if area.name.lower() not in keep:
            area.delete()  # entries simply lose it (the many-to-many rows go with it)
    have = {name.lower() for name in current.areas.values_list("name", flat=True)}
    LocalOfferArea.objects.bulk_create(
        [
            LocalOfferArea(local_offer=current, name=name, created_by=actor, updated_by=actor)
            for name in names
            if name.lower() not in have
        ]
    )
    audit(
        actor,
        AuditEventKind.UPDATED,
        current,
        organisation_id=current.local_authority_id,
        old_values=old,
        new_values={**cleaned, "areas": names},
    )
    return current
