"""Keeping the Local Offer directory: providers propose, the authority approves or sends back,
edits its own entries directly, and anyone who keeps an entry confirms it is still correct."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opensend.core.models import AuditEvent
from opensend.core.services import StaleEditError
from opensend.publishing.models import ChangeStatus, LocalOfferArea, Service, ServiceChange
from opensend.publishing.services.directory import (
    change_approve,
    change_reject,
    service_confirm,
    service_fields,
    service_propose,
    service_save,
)
from opensend.publishing.services.offer_settings import local_offer_update
from tests.access.routes_publishing_directory import publishing_directory_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


@pytest.fixture
def frozen():
    with time_machine.travel(timezone.make_aware(datetime(2026, 11, 27, 10, 0)), tick=False):
        yield


@pytest.fixture
def world(demo, frozen):
    return {**demo, **publishing_directory_world(demo)}


def fields(world, **overrides) -> dict:
    north = LocalOfferArea.objects.get(local_offer=world["north_offer"], name="Northtown")
    values = {
        "name": "Sensory Saturday club",
        "summary": "Play sessions in a sensory room.",
        "description": "Run by trained play workers.",
        "category": "leisure",
        "for_all_needs": False,
        "needs": ["ASD", "SLCN"],
        "minimum_age": 2,
        "maximum_age": 11,
        "areas": [str(north.pk)],
        "cost": "some_cost",
        "fees": "£3 a session",
        "url": "https://www.example.org.uk",
        "email": "club@example.org.uk",
        "telephone": "01234 567890",
        "location_name": "The Hub",
        "address": "1 High Street",
        "postcode": "ne1 4st",
        "when": "Saturdays 10am to 12 noon",
        "answers": {"who_for": "Children with sensory needs.", "nonsense": "dropped"},
    }
    return {**values, **overrides}


def propose(world, service=None, **overrides):
    return service_propose(
        actor=world["north_provider"],
        provider=world["north_provider_org"],
        local_offer=world["north_offer"],
        fields=fields(world, **overrides),
        service=service,
        version=service.version if service else None,
    )


def test_a_providers_new_entry_waits_unpublished_with_a_pending_change(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = propose(world)
    assert change.status == ChangeStatus.PENDING
    assert change.service.is_published is False
    assert change.proposed["postcode"] == "NE1 4ST"
    assert "nonsense" not in change.proposed["answers"]
    # The council's SEND team is told, with a fixed subject that names no one.
    assert {to for m in mail.outbox for to in m.to} == {
        world["north_caseworker"].email,
        world["north_manager"].email,
    }
    assert {m.subject for m in mail.outbox} == {"A Local Offer entry is waiting for your approval"}


def test_approval_applies_exactly_the_proposal_and_publishes(world):
    change = propose(world)
    service = change_approve(actor=world["north_manager"], change=change)
    assert service.is_published and service.confirmed_on == TODAY
    assert service.version == 2
    current = service_fields(Service.objects.get(pk=service.pk))
    for name, value in change.proposed.items():
        assert current[name] == value, name
    assert sorted(service.needs.values_list("code", flat=True)) == ["ASD", "SLCN"]
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.decided_by == world["north_manager"]


def test_a_change_leaves_the_public_entry_alone_until_approved(world):
    entry = world["north_entry"]
    ServiceChange.objects.filter(service=entry).delete()
    propose(world, service=entry, name="Renamed club")
    entry.refresh_from_db()
    assert entry.name == "Sensory play sessions" and entry.is_published


def test_a_second_proposal_replaces_the_pending_one(world):
    entry = world["north_entry"]
    propose(world, service=entry, name="First try")
    propose(world, service=entry, name="Second try")
    pending = ServiceChange.objects.filter(service=entry, status=ChangeStatus.PENDING)
    assert [change.proposed["name"] for change in pending] == ["Second try"]


def test_approval_is_refused_when_the_entry_changed_since(world):
    entry = world["north_entry"]
    change = propose(world, service=entry, name="Provider's name")
    service_save(
        actor=world["north_manager"],
        local_offer=world["north_offer"],
        fields=fields(world, provider=str(world["north_provider_org"].pk)),
        service=entry,
        version=entry.version,
    )
    with pytest.raises(ValidationError, match="changed since"):
        change_approve(actor=world["north_manager"], change=change)


def test_sending_back_needs_a_note_and_tells_the_provider(
    world, django_capture_on_commit_callbacks
):
    change = world["north_change"]
    with pytest.raises(ValidationError) as error:
        change_reject(actor=world["north_manager"], change=change, note="  ")
    assert "note" in error.value.message_dict
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change_reject(actor=world["north_manager"], change=change, note="Add the opening times")
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    assert [m.to for m in mail.outbox] == [[world["north_provider"].email]]
    assert "Add the opening times" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of the service"),
        ({"summary": "x" * 301}, "summary", "300 characters or fewer"),
        ({"minimum_age": 12, "maximum_age": 5}, "maximum_age", "same as or more than"),
        ({"maximum_age": 30}, "maximum_age", "ages 0 to 25"),
        ({"minimum_age": "two"}, "minimum_age", "as a number"),
        ({"category": "zoo"}, "category", "Choose what kind"),
        ({"cost": ""}, "cost", "Choose whether"),
        ({"needs": ["BESD"]}, "needs", "Choose the needs from the list"),
        ({"needs": []}, "needs", "every need"),
        ({"areas": ["not-an-area"]}, "areas", "Choose the areas"),
        ({"url": "not a web address"}, "url", "web address"),
        ({"email": "nobody"}, "email", "email address"),
        ({"postcode": "12345"}, "postcode", "real postcode"),
    ],
)
def test_every_field_is_checked_with_a_plain_message(world, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        propose(world, **overrides)
    assert message in " ".join(error.value.message_dict[field])


def test_an_area_of_another_offer_is_refused(world):
    south_area = LocalOfferArea.objects.create(local_offer=world["south_offer"], name="Moor")
    with pytest.raises(ValidationError, match="areas"):
        propose(world, areas=[str(south_area.pk)])


def test_a_provider_cannot_touch_another_providers_entry(world):
    with pytest.raises(PermissionDenied):
        service_propose(
            actor=world["south_provider"],
            provider=world["north_provider_org"],
            local_offer=world["north_offer"],
            fields=fields(world),
        )
    with pytest.raises(PermissionDenied):
        service_propose(
            actor=world["north_provider"],
            provider=world["north_provider_org"],
            local_offer=world["north_offer"],
            fields=fields(world),
            service=world["north_council_entry"],
            version=1,
        )


def test_a_stale_proposal_is_refused(world):
    entry = world["north_entry"]
    with pytest.raises(StaleEditError):
        service_propose(
            actor=world["north_provider"],
            provider=world["north_provider_org"],
            local_offer=world["north_offer"],
            fields=fields(world),
            service=entry,
            version=entry.version + 5,
        )


def test_the_authority_saves_an_entry_directly_and_it_is_published(world):
    service = service_save(
        actor=world["north_caseworker"],
        local_offer=world["north_offer"],
        fields=fields(world, provider=str(world["north_la"].pk)),
    )
    assert service.is_published and service.provider == world["north_la"]
    assert AuditEvent.objects.filter(record_id=str(service.pk), kind="created").exists()


def test_the_authority_cannot_list_an_entry_under_another_councils_provider(world):
    with pytest.raises(ValidationError) as error:
        service_save(
            actor=world["north_caseworker"],
            local_offer=world["north_offer"],
            fields=fields(world, provider=str(world["south_provider_org"].pk)),
        )
    assert "provider" in error.value.message_dict


def test_another_council_cannot_save_or_approve(world):
    with pytest.raises(PermissionDenied):
        service_save(
            actor=world["south_manager"],
            local_offer=world["north_offer"],
            fields=fields(world, provider=str(world["north_la"].pk)),
        )
    with pytest.raises(PermissionDenied):
        change_approve(actor=world["south_manager"], change=world["north_change"])


def test_still_correct_confirms_today_without_changing_anything(world):
    entry = world["north_entry"]
    version = entry.version
    service_confirm(actor=world["north_provider"], service=entry)
    entry.refresh_from_db()
    assert entry.confirmed_on == TODAY and entry.version == version
    with pytest.raises(PermissionDenied):
        service_confirm(actor=world["south_provider"], service=entry)


def test_local_offer_settings_and_areas_one_per_line(world):
    offer = world["north_offer"]
    entry = world["north_entry"]
    entry.areas.add(LocalOfferArea.objects.get(local_offer=offer, name="Coast"))
    updated = local_offer_update(
        actor=world["north_manager"],
        local_offer=offer,
        fields={"introduction": "Welcome", "sendiass_email": "iass@example.org.uk"},
        areas_text="Northtown\n  Hills \n\nhills\n",
        version=offer.version,
    )
    assert sorted(updated.areas.values_list("name", flat=True)) == ["Hills", "Northtown"]
    assert list(entry.areas.all()) == []  # the removed area is gone from the entry
    with pytest.raises(StaleEditError):
        local_offer_update(
            actor=world["north_manager"], local_offer=offer, fields={}, areas_text="", version=1
        )
    with pytest.raises(ValidationError) as error:
        local_offer_update(
            actor=world["north_manager"],
            local_offer=offer,
            fields={"sendiass_email": "nope", "sendiass_website": "nope"},
            areas_text="",
            version=updated.version,
        )
    assert set(error.value.message_dict) == {"sendiass_email", "sendiass_website"}
