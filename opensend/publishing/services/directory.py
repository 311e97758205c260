"""Keeping the Local Offer directory: providers propose, the authority approves (issue 11 item 3).

A provider's new entry or change waits as a `ServiceChange` until the authority approves it, so
the public keeps seeing the approved entry (ADR 0006). The authority's own edits publish at
once. An entry is confirmed "still correct" in one step; 12 months after its last confirmation
it is flagged (law.local_offer.entry_stale_on; CFA 2014 s30(9): the offer is kept under review).

Every write validates the same fields (`clean_fields`), writes one audit row, and refuses a
stale edit (the form's `version` against the record's).
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import StaleEditError
from opensend.ehc.messages import BODY, send
from opensend.law.codes import NEED_TYPES
from opensend.law.local_offer import SERVICE_QUESTIONS_BY_KEY
from opensend.organisations.models import Organisation, OrganisationKind, Role
from opensend.people.selectors import is_la_staff
from opensend.publishing.models import (
    ChangeStatus,
    Cost,
    LocalOffer,
    LocalOfferArea,
    Service,
    ServiceCategory,
    ServiceChange,
    ServiceNeed,
)
from opensend.publishing.selectors._access import provider_ids
from opensend.publishing.services._base import (
    EMAIL_PROBLEM,
    WEB_ADDRESS_PROBLEM,
    audit,
    is_email,
    is_web_address,
    today,
)
from opensend.reviews.messages import members_of

CHANGE_PROPOSED = "publishing_entry_change_proposed"
CHANGE_APPROVED = "publishing_entry_change_approved"
CHANGE_SENT_BACK = "publishing_entry_change_sent_back"
for _kind, _subject in (
    (CHANGE_PROPOSED, "A Local Offer entry is waiting for your approval"),
    (CHANGE_APPROVED, "Your Local Offer entry has been approved"),
    (CHANGE_SENT_BACK, "Your Local Offer entry has been sent back"),
):
    register_message_kind(_kind, MessageKind(subject=_subject, body_template=BODY))

LA_TEAM = [Role.LA_CASEWORKER, Role.LA_MANAGER]
# The need types a service may be for: the census's current types (law.codes), never legacy.
NEED_CODES = {need.code for need in NEED_TYPES if need.status == "current"}
TEXT_LIMITS = {
    "name": 200,
    "summary": 300,
    "fees": 300,
    "telephone": 30,
    "location_name": 200,
    "postcode": 10,
    "when": 300,
}
PLAIN_TEXT = ("description", "address")
# The fields a proposal carries and an approval applies; needs and areas are lists.
FIELDS = [
    "name",
    "summary",
    "description",
    "category",
    "for_all_needs",
    "needs",
    "minimum_age",
    "maximum_age",
    "areas",
    "cost",
    "fees",
    "url",
    "email",
    "telephone",
    "location_name",
    "address",
    "postcode",
    "when",
    "answers",
]
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$")


# --- validation ----------------------------------------------------------------------------------


def _age(value, label: str, errors: dict) -> int | None:
    try:
        age = int(value)
    except (TypeError, ValueError):
        errors[label] = "Enter the age as a number from 0 to 25"
        return None
    if not 0 <= age <= 25:
        errors[label] = "The Local Offer covers ages 0 to 25: enter an age from 0 to 25"
        return None
    return age


def _clean_text(fields: dict, errors: dict) -> dict:
    cleaned = {}
    for name, limit in TEXT_LIMITS.items():
        value = str(fields.get(name) or "").strip()
        if len(value) > limit:
            errors[name] = f"Use {limit} characters or fewer (you used {len(value)})"
        cleaned[name] = value
    for name in PLAIN_TEXT:
        cleaned[name] = str(fields.get(name) or "").strip()
    if not cleaned["name"]:
        errors["name"] = "Enter the name of the service"
    if not cleaned["summary"]:
        errors["summary"] = "Enter a short summary of the service, for search results"
    postcode = re.sub(r"\s+", " ", cleaned["postcode"].upper())
    if postcode and not _POSTCODE.match(postcode):
        errors["postcode"] = "Enter a real postcode, like NE1 4ST"
    cleaned["postcode"] = postcode
    return cleaned


def _clean_contact(fields: dict, errors: dict) -> dict:
    url = str(fields.get("url") or "").strip()
    email = str(fields.get("email") or "").strip()
    if url and not is_web_address(url):
        errors["url"] = WEB_ADDRESS_PROBLEM
    if email and not is_email(email):
        errors["email"] = EMAIL_PROBLEM
    return {"url": url, "email": email}


def _clean_who(local_offer: LocalOffer, fields: dict, errors: dict) -> dict:
    needs = sorted({str(code) for code in fields.get("needs") or []})
    unknown = [code for code in needs if code not in NEED_CODES]
    if unknown:
        errors["needs"] = "Choose the needs from the list"
    for_all = bool(fields.get("for_all_needs"))
    if not for_all and not needs and "needs" not in errors:
        errors["needs"] = "Choose the needs the service is for, or say it is for every need"
    low = _age(fields.get("minimum_age", 0), "minimum_age", errors)
    high = _age(fields.get("maximum_age", 25), "maximum_age", errors)
    if low is not None and high is not None and low > high:
        errors["maximum_age"] = "The oldest age must be the same as or more than the youngest age"
    area_ids = sorted({str(area) for area in fields.get("areas") or []})
    known = {
        str(pk)
        for pk in LocalOfferArea.objects.filter(local_offer=local_offer).values_list(
            "pk", flat=True
        )
    }
    if any(area not in known for area in area_ids):
        errors["areas"] = "Choose the areas from the list"
    return {
        "for_all_needs": for_all,
        "needs": [] if for_all else needs,
        "minimum_age": low,
        "maximum_age": high,
        "areas": area_ids,
    }


def clean_fields(local_offer: LocalOffer, fields: dict) -> dict:
    """The entry's fields, checked and tidied, JSON-ready (a proposal is stored as JSON).
    Raises ValidationError naming each field to fix."""
    errors: dict[str, str] = {}
    cleaned = _clean_text(fields, errors)
    cleaned.update(_clean_contact(fields, errors))
    cleaned.update(_clean_who(local_offer, fields, errors))
    category = fields.get("category") or ""
    if category not in ServiceCategory.values:
        errors["category"] = "Choose what kind of service it is"
    cost = fields.get("cost") or ""
    if cost not in Cost.values:
        errors["cost"] = "Choose whether the service is free"
    answers = fields.get("answers") or {}
    # Schedule 2 answers (law.local_offer.SERVICE_QUESTIONS); unknown keys are dropped.
    cleaned["answers"] = {
        key: str(answers.get(key) or "").strip()
        for key in SERVICE_QUESTIONS_BY_KEY
        if str(answers.get(key) or "").strip()
    }
    cleaned["category"], cleaned["cost"] = category, cost
    if errors:
        raise ValidationError(errors)
    return cleaned


# --- applying fields -----------------------------------------------------------------------------


def _apply(service: Service, fields: dict) -> None:
    """Copy checked fields onto a saved service, with its need and area rows."""
    for name in FIELDS:
        if name not in ("needs", "areas"):
            setattr(service, name, fields[name])
    service.save()
    ServiceNeed.objects.filter(service=service).exclude(code__in=fields["needs"]).delete()
    have = set(service.needs.values_list("code", flat=True))
    ServiceNeed.objects.bulk_create(
        [ServiceNeed(service=service, code=code) for code in fields["needs"] if code not in have]
    )
    service.areas.set(
        LocalOfferArea.objects.filter(local_offer=service.local_offer_id, pk__in=fields["areas"])
    )


def service_fields(service: Service) -> dict:
    """An entry's current fields, in the shape `clean_fields` returns (for forms and diffs)."""
    values = {name: getattr(service, name) for name in FIELDS if name not in ("needs", "areas")}
    values["needs"] = sorted(need.code for need in service.needs.all())
    values["areas"] = sorted(str(area.pk) for area in service.areas.all())
    return values


def _check_version(service: Service, version) -> None:
    if version is not None and int(version) != service.version:
        raise StaleEditError(current=service, differences=[])


def _bump(service: Service, actor) -> None:
    Service.objects.filter(pk=service.pk).update(version=F("version") + 1, updated_by=actor)
    service.refresh_from_db(fields=["version", "updated_by"])


# --- messages ------------------------------------------------------------------------------------


def _tell_authority(change: ServiceChange) -> None:
    service = change.service
    team = members_of(
        service.local_offer.local_authority_id,
        LA_TEAM,
        label="Local Offer",
        page=("publishing_change_review", change.pk),
    )
    send(
        team,
        kind=CHANGE_PROPOSED,
        what_changed=f"{service.provider.name} has sent a Local Offer entry for approval: "
        f"{service.name}.",
        next_step="Check the changes and approve them, or send them back with a note.",
    )


def _tell_provider(change: ServiceChange, *, approved: bool) -> None:
    service = change.service
    people = members_of(
        service.provider_id,
        [Role.LOCAL_OFFER_PROVIDER],
        label="Provider",
        page=("publishing_provider_entries", service.provider_id),
    )
    if approved:
        what = f"{service.local_offer.local_authority.name} approved your entry {service.name}. "
        what += "It is now on the Local Offer."
        send(people, kind=CHANGE_APPROVED, what_changed=what)
    else:
        what = f"{service.local_offer.local_authority.name} sent back your entry {service.name}: "
        what += change.decision_note
        send(
            people,
            kind=CHANGE_SENT_BACK,
            what_changed=what,
            next_step="Change the entry and send it again.",
        )


# --- providers -----------------------------------------------------------------------------------


@transaction.atomic
def service_propose(
    *,
    actor,
    provider: Organisation,
    local_offer: LocalOffer,
    fields: dict,
    service: Service | None = None,
    version: int | None = None,
) -> ServiceChange:
    """A provider's new entry, or a change to one of its entries, sent for the authority's
    approval. A second change before the first is decided replaces it."""
    if not actor.is_superuser and provider.pk not in provider_ids(actor):
        raise PermissionDenied("You can only change your own organisation's entries.")
    if provider.local_authority_id != local_offer.local_authority_id:
        raise PermissionDenied("This provider is not in this Local Offer's area.")
    if service is not None:
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.provider_id != provider.pk or service.information_report_id:
            raise PermissionDenied("You can only change your own organisation's entries.")
        _check_version(service, version)
    cleaned = clean_fields(local_offer, fields)
    if service is None:
        # Not public until approved; the row holds the proposal so the provider's list names it.
        service = Service(
            local_offer=local_offer,
            provider=provider,
            is_published=False,
            confirmed_on=today(),
            created_by=actor,
            updated_by=actor,
        )
        _apply(service, cleaned)
        audit(actor, AuditEventKind.CREATED, service, organisation_id=provider.pk)
    change = service.changes.filter(status=ChangeStatus.PENDING).first()
    if change is None:
        change = ServiceChange(service=service, created_by=actor)
    change.proposed, change.base_version, change.updated_by = cleaned, service.version, actor
    change.save()
    audit(actor, AuditEventKind.CREATED, change, organisation_id=provider.pk)
    _tell_authority(change)
    return change


@transaction.atomic
def change_approve(*, actor, change: ServiceChange) -> Service:
    """Apply exactly what was proposed and publish it. Refused if the entry changed since the
    provider wrote the proposal: their change would undo someone else's."""
    change = ServiceChange.objects.select_for_update().select_related("service").get(pk=change.pk)
    service = Service.objects.select_for_update().get(pk=change.service_id)
    if not is_la_staff(actor, service.local_offer.local_authority_id):
        raise PermissionDenied("Only the authority's SEND team can approve entries.")
    if change.status != ChangeStatus.PENDING:
        raise ValidationError("This change has already been decided.")
    if service.version != change.base_version:
        raise ValidationError(
            "The entry has been changed since the provider sent this. Send it back so they can "
            "check the entry as it is now and send their change again."
        )
    cleaned = clean_fields(service.local_offer, change.proposed)
    old = service_fields(service)
    _apply(service, cleaned)
    Service.objects.filter(pk=service.pk).update(
        is_published=True, confirmed_on=today(), version=F("version") + 1, updated_by=actor
    )
    service.refresh_from_db()
    change.status, change.decided_by, change.decided_at = (
        ChangeStatus.APPROVED,
        actor,
        timezone.now(),
    )
    change.updated_by = actor
    change.save()
    audit(
        actor,
        AuditEventKind.UPDATED,
        service,
        organisation_id=service.local_offer.local_authority_id,
        old_values=old,
        new_values=cleaned,
        note=f"approved change {change.pk}",
    )
    _tell_provider(change, approved=True)
    return service


@transaction.atomic
def change_reject(*, actor, change: ServiceChange, note: str) -> ServiceChange:
    """Send a change back; the note tells the provider why (it is emailed to them)."""
    change = ServiceChange.objects.select_for_update().select_related("service").get(pk=change.pk)
    if not is_la_staff(actor, change.service.local_offer.local_authority_id):
        raise PermissionDenied("Only the authority's SEND team can decide entries.")
    if change.status != ChangeStatus.PENDING:
        raise ValidationError("This change has already been decided.")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "Tell the provider what to change before sending it back"})
    change.status, change.decision_note = ChangeStatus.REJECTED, note
    change.decided_by, change.decided_at, change.updated_by = actor, timezone.now(), actor
    change.save()
    audit(
        actor,
        AuditEventKind.UPDATED,
        change,
        organisation_id=change.service.local_offer.local_authority_id,
        note="sent back",
    )
    _tell_provider(change, approved=False)
    return change


# --- the authority -------------------------------------------------------------------------------


def provider_choices(local_offer: LocalOffer):
    """Whom the authority may list an entry under: itself, or a provider or professional
    service in its area."""
    la = local_offer.local_authority_id
    return Organisation.objects.filter(
        Q(pk=la)
        | Q(
            local_authority_id=la,
            kind__in=[OrganisationKind.LOCAL_OFFER_PROVIDER, OrganisationKind.PROFESSIONAL_SERVICE],
        )
    ).order_by("name")


@transaction.atomic
def service_save(
    *,
    actor,
    local_offer: LocalOffer,
    fields: dict,
    service: Service | None = None,
    version: int | None = None,
) -> Service:
    """The authority adds or changes an entry itself: published at once, confirmed today."""
    if not is_la_staff(actor, local_offer.local_authority_id):
        raise PermissionDenied("Only the authority's SEND team can change its Local Offer.")
    provider = provider_choices(local_offer).filter(pk=_pk(fields.get("provider"))).first()
    errors = {} if provider else {"provider": "Choose who provides the service"}
    try:
        cleaned = clean_fields(local_offer, fields)
    except ValidationError as error:
        raise ValidationError({**errors, **error.message_dict}) from error
    if errors:
        raise ValidationError(errors)
    if service is None:
        service = Service(local_offer=local_offer, created_by=actor, confirmed_on=today())
        kind, old = AuditEventKind.CREATED, None
    else:
        service = Service.objects.select_for_update().get(pk=service.pk)
        if service.local_offer_id != local_offer.pk or service.information_report_id:
            raise PermissionDenied("A school's entry follows its SEN information report.")
        _check_version(service, version)
        kind, old = AuditEventKind.UPDATED, service_fields(service)
        service.version += 1
    service.provider, service.is_published, service.confirmed_on = provider, True, today()
    service.updated_by = actor
    _apply(service, cleaned)
    audit(
        actor,
        kind,
        service,
        organisation_id=local_offer.local_authority_id,
        old_values=old,
        new_values=cleaned,
    )
    return service


def _pk(value):
    return str(getattr(value, "pk", value) or "")


@transaction.atomic
def service_confirm(*, actor, service: Service) -> Service:
    """ "Still correct": the entry is confirmed today, so it is not flagged for another year.
    Its contents do not change, so a change waiting for approval stays valid."""
    allowed = is_la_staff(
        actor, service.local_offer.local_authority_id
    ) or service.provider_id in provider_ids(actor)
    if not allowed or service.information_report_id:
        raise PermissionDenied("You cannot confirm this entry.")
    if not service.is_published:
        raise ValidationError("This entry is not published yet: it is waiting for approval.")
    Service.objects.filter(pk=service.pk).update(
        confirmed_on=today(), stale_reminded_for=None, updated_by=actor
    )
    service.refresh_from_db(fields=["confirmed_on", "stale_reminded_for"])
    audit(
        actor,
        AuditEventKind.UPDATED,
        service,
        organisation_id=service.provider_id,
        note="confirmed",
    )
    return service
