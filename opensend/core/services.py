"""Writes shared by every app: the audit trail and version-checked updates."""

import json
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from opensend.core.models import AuditEvent, AuditEventKind, BaseModel, CalendarFeed
from opensend.core.tokens import hash_token, new_token


def _json_safe(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Dates, UUIDs and decimals become strings, as they would in any JSON export."""
    if values is None:
        return None
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def record_label(record: models.Model) -> str:
    return record._meta.label_lower


def audit_record(
    *,
    actor,
    kind: AuditEventKind,
    record: models.Model | None = None,
    record_type: str = "",
    record_id: str = "",
    subject_id=None,
    organisation_id=None,
    old_values: dict[str, Any] | None = None,
    new_values: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Append one audit event. `note` is for codes and counts, never a child's details."""
    if record is not None:
        record_type = record_type or record_label(record)
        record_id = record_id or str(record.pk)
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_label=actor.email if is_person else "system",
        kind=kind,
        record_type=record_type,
        record_id=record_id,
        subject_id=subject_id,
        organisation_id=organisation_id,
        old_values=_json_safe(old_values),
        new_values=_json_safe(new_values),
        note=note,
    )


@dataclass(frozen=True)
class FieldDifference:
    field: str
    label: str
    yours: Any
    theirs: Any


class StaleEditError(Exception):
    """Someone saved the record after this edit began; their changes must not be overwritten."""

    def __init__(self, *, current: BaseModel, differences: list[FieldDifference]):
        self.current = current
        self.differences = differences
        super().__init__("This record was changed by someone else while you were editing it.")


def _field_value(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    return getattr(instance, field.attname)


def field_differences(current: models.Model, data: dict[str, Any]) -> list[FieldDifference]:
    """What this person typed (`data`) against the record as someone else saved it."""
    return [
        FieldDifference(
            field=name,
            label=str(current._meta.get_field(name).verbose_name).capitalize(),
            yours=value,
            theirs=_field_value(current, name),
        )
        for name, value in data.items()
        if _field_value(current, name) != value
    ]


@transaction.atomic
def model_update(
    *,
    instance: BaseModel,
    actor,
    data: dict[str, Any],
    expected_version: int,
    subject_id=None,
    organisation_id=None,
) -> BaseModel:
    """Apply `data` only if nobody else changed the record since `expected_version`.

    The conditional UPDATE (WHERE version = expected) is what makes this safe between two
    requests racing each other; checking in Python alone would not be.
    """
    model = type(instance)
    current = model.objects.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise StaleEditError(current=current, differences=field_differences(current, data))
    old_values = {name: _field_value(current, name) for name in data}
    changed = {name: value for name, value in data.items() if old_values[name] != value}
    if not changed:
        return current
    for name, value in changed.items():
        setattr(current, model._meta.get_field(name).attname, value)
    current.full_clean()
    updated = model.objects.filter(pk=current.pk, version=expected_version).update(
        **{model._meta.get_field(name).attname: value for name, value in changed.items()},
        version=expected_version + 1,
        updated_by=actor,
        updated_at=current._meta.get_field("updated_at").pre_save(current, add=False),
    )
    if updated != 1:  # pragma: no cover - the row lock above makes this unreachable
        raise StaleEditError(current=current, differences=[])
    current.version = expected_version + 1
    current.updated_by = actor
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=current,
        subject_id=subject_id,
        organisation_id=organisation_id,
        old_values={name: old_values[name] for name in changed},
        new_values=changed,
    )
    return current


@transaction.atomic
def calendar_feed_create(*, actor, name: str) -> tuple[CalendarFeed, str]:
    """Make a private calendar address for `actor`; returns the feed and its raw token.

    The token is returned once for the page to show; only its hash is kept.
    """
    name = name.strip()
    if not name:
        raise ValidationError("Enter a name for the calendar, so you can recognise it later")
    token = new_token()
    feed = CalendarFeed.objects.create(
        user=actor,
        name=name,
        token_hash=hash_token(token),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(actor=actor, kind=AuditEventKind.CREATED, record=feed, new_values={"name": name})
    return feed, token


@transaction.atomic
def calendar_feed_revoke(*, actor, feed: CalendarFeed) -> None:
    """Stop a calendar address working. Revoking twice changes and records nothing more."""
    if feed.user_id != actor.pk:
        # The selector already scopes feeds to their owner; this guards other callers.
        raise PermissionDenied("You can only revoke your own calendar feeds.")
    now = timezone.now()
    # Conditional so two clicks (or two tabs) record one revocation, not two.
    revoked = CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
        revoked_at=now, updated_at=now, updated_by=actor
    )
    if revoked:
        feed.revoked_at = now
        audit_record(actor=actor, kind=AuditEventKind.REVOKED, record=feed)


@transaction.atomic
def calendar_feed_record_fetch(*, feed: CalendarFeed) -> None:
    """A calendar app fetched the feed: note when, and audit it as a download by its owner.

    The owner is the actor because the private address acts for them, as an API token does.
    """
    now = timezone.now()
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=now)
    feed.last_fetched_at = now
    audit_record(actor=feed.user, kind=AuditEventKind.DOWNLOADED, record=feed)
