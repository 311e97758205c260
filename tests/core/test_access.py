import uuid

import pytest
from django.http import Http404

from opensend.core.access import get_audited
from opensend.core.models import AuditEvent, AuditEventKind
from opensend.organisations.selectors import organisations_visible_to


def test_a_view_through_the_getter_is_audited_with_the_subject(demo):
    child_id = uuid.uuid4()
    record = get_audited(
        organisations_visible_to(demo["oak_senco"]),
        demo["north_oak"].pk,
        user=demo["oak_senco"],
        subject_id=child_id,
    )
    assert record == demo["north_oak"]
    event = AuditEvent.objects.get(kind=AuditEventKind.VIEWED)
    assert (event.actor, event.subject_id, event.record_id) == (
        demo["oak_senco"],
        child_id,
        str(demo["north_oak"].pk),
    )


def test_a_record_outside_the_scope_is_not_found_and_not_logged_as_seen(demo):
    with pytest.raises(Http404):
        get_audited(
            organisations_visible_to(demo["oak_senco"]),
            demo["south_river"].pk,
            user=demo["oak_senco"],
        )
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


def test_downloads_are_recorded_as_downloads(demo):
    get_audited(
        organisations_visible_to(demo["oak_senco"]),
        demo["north_oak"].pk,
        user=demo["oak_senco"],
        kind=AuditEventKind.DOWNLOADED,
    )
    assert AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED).count() == 1
