"""Writes shared by every app: the audit trail and version-checked updates."""

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from opensend.core.models import AuditEvent, AuditEventKind, BaseModel


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
        raise StaleEditError(
            current=current,
            differences=[
                FieldDifference(
                    field=name,
                    label=str(model._meta.get_field(name).verbose_name).capitalize(),
                    yours=value,
                    theirs=_field_value(current, name),
                )
                for name, value in data.items()
                if _field_value(current, name) != value
            ],
        )
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
