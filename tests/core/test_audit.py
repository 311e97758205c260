import pytest

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.services import audit_record


def test_audit_events_cannot_be_changed_or_deleted(demo):
    event = audit_record(
        actor=demo["oak_senco"], kind=AuditEventKind.VIEWED, record=demo["north_oak"]
    )
    event.note = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(note="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).note == ""


def test_values_are_stored_as_json(demo):
    import datetime

    event = audit_record(
        actor=None,
        kind=AuditEventKind.UPDATED,
        record=demo["north_oak"],
        new_values={"due": datetime.date(2027, 2, 15)},
    )
    assert event.actor_label == "system"
    assert AuditEvent.objects.get(pk=event.pk).new_values == {"due": "2027-02-15"}
