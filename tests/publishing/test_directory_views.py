"""The directory's pages: providers send entries for approval, the council approves, sends
back, edits directly and keeps its settings; bad input shows a message, never a 500; the
council's entries list runs a constant number of queries."""

import pytest
from django.urls import reverse

from opensend.publishing.models import ChangeStatus, Service, ServiceChange
from tests.access.routes_publishing_directory import make_service, publishing_directory_world
from tests.queries import assert_constant_queries
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo):
    return {**demo, **publishing_directory_world(demo)}


def entry_form(**overrides) -> dict:
    data = {
        "name": "Swim club",
        "summary": "Quiet swimming sessions.",
        "category": "leisure",
        "for_all_needs": "on",
        "minimum_age": "5",
        "maximum_age": "18",
        "cost": "free",
        "q_who_for": "Anyone with SEND.",
    }
    return {**data, **overrides}


def test_a_provider_goes_straight_to_its_entries(client, world):
    sign_in(client, world["north_provider"])
    response = client.get(reverse("publishing_entries_index"))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"Needs checking" not in page.content or b"Still correct" in page.content


def test_a_provider_sends_a_new_entry_for_approval(client, world):
    sign_in(client, world["north_provider"])
    url = reverse("publishing_provider_service_new", args=[world["north_provider_org"].pk])
    assert client.get(url).status_code == 200
    response = client.post(url, entry_form(), follow=True)
    assert response.status_code == 200
    assert b"Sent to Northshire County Council for approval" in response.content
    service = Service.objects.get(name="Swim club")
    assert not service.is_published
    assert service.changes.get().status == ChangeStatus.PENDING


def test_the_form_shows_errors_for_bad_input(client, world):
    sign_in(client, world["north_provider"])
    url = reverse("publishing_provider_service_new", args=[world["north_provider_org"].pk])
    response = client.post(
        url, entry_form(name="", minimum_age="ten", maximum_age="99", url="nope", postcode="x")
    )
    assert response.status_code == 200
    for message in (
        b"Enter the name of the service",
        b"Enter the age as a number",
        b"ages 0 to 25",
        b"web address in the correct format",
        b"real postcode",
    ):
        assert message in response.content
    assert b"There is a problem" in response.content


def test_a_provider_change_waits_and_the_council_approves_it(client, world):
    entry = world["north_entry"]
    ServiceChange.objects.filter(service=entry).delete()
    sign_in(client, world["north_provider"])
    url = reverse("publishing_service_edit", args=[entry.pk])
    assert client.get(url).status_code == 200
    client.post(
        url, entry_form(name="Sensory play sessions", summary="New times", version=entry.version)
    )
    entry.refresh_from_db()
    assert entry.summary != "New times"
    change = entry.changes.get(status=ChangeStatus.PENDING)
    client.logout()
    sign_in(client, world["north_manager"])
    review = reverse("publishing_change_review", args=[change.pk])
    page = client.get(review)
    assert page.status_code == 200 and b"New times" in page.content
    client.post(review, {"action": "approve"})
    entry.refresh_from_db()
    assert entry.summary == "New times"


def test_sending_back_without_a_note_shows_the_error(client, world):
    sign_in(client, world["north_manager"])
    review = reverse("publishing_change_review", args=[world["north_change"].pk])
    response = client.post(review, {"action": "send_back", "note": ""})
    assert response.status_code == 200
    assert b"Tell the provider what to change" in response.content
    response = client.post(review, {"action": "send_back", "note": "Add the times"})
    assert response.status_code == 302
    world["north_change"].refresh_from_db()
    assert world["north_change"].status == ChangeStatus.REJECTED


def test_still_correct_is_one_press(client, world):
    sign_in(client, world["north_provider"])
    entries = reverse("publishing_provider_entries", args=[world["north_provider_org"].pk])
    ServiceChange.objects.all().delete()
    assert b"Still correct" in client.get(entries).content
    response = client.post(reverse("publishing_service_confirm", args=[world["north_entry"].pk]))
    assert response.status_code == 302 and response["Location"] == entries
    assert b"Still correct" not in client.get(entries).content


def test_the_council_adds_an_entry_and_edits_settings(client, world):
    offer = world["north_offer"]
    sign_in(client, world["north_caseworker"])
    response = client.post(
        reverse("publishing_la_service_new", args=[offer.pk]),
        entry_form(provider=str(world["north_la"].pk)),
    )
    assert response.status_code == 302
    assert Service.objects.get(name="Swim club").is_published
    settings_url = reverse("publishing_la_settings", args=[offer.pk])
    assert client.get(settings_url).status_code == 200
    bad = client.post(settings_url, {"version": offer.version, "sendiass_email": "nope"})
    assert bad.status_code == 200 and b"email address in the correct format" in bad.content
    stale = client.post(settings_url, {"version": offer.version + 3, "areas": "A"})
    assert stale.status_code == 200 and b"Someone else changed this" in stale.content
    ok = client.post(settings_url, {"version": offer.version, "areas": "Northtown\nHills"})
    assert ok.status_code == 302


def test_the_council_dashboard_and_lists(client, world):
    offer = world["north_offer"]
    sign_in(client, world["north_manager"])
    response = client.get(reverse("publishing_la_index"))
    assert response["Location"] == reverse("publishing_la_offer", args=[offer.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"1 change waiting for approval" in page.content
    assert client.get(reverse("publishing_la_changes", args=[offer.pk])).status_code == 200
    services = reverse("publishing_la_services", args=[offer.pk])
    for query in ("", "?category=zoo&provider=bad&page=99", "?stale=1", "?page=x"):
        assert client.get(services + query).status_code == 200


def test_other_people_get_404(client, world):
    sign_in(client, world["south_provider"])
    assert (
        client.get(reverse("publishing_service_edit", args=[world["north_entry"].pk])).status_code
        == 404
    )
    client.logout()
    sign_in(client, world["south_manager"])
    assert (
        client.get(reverse("publishing_la_offer", args=[world["north_offer"].pk])).status_code
        == 404
    )


def test_the_la_entries_list_runs_constant_queries(client, world):
    offer = world["north_offer"]
    sign_in(client, world["north_manager"])
    url = reverse("publishing_la_services", args=[offer.pk])
    counter = iter(range(1000))

    def grow():
        for _ in range(3):
            n = next(counter)
            provider = world["north_provider_org"] if n % 2 else world["north_la"]
            service = make_service(offer, provider, name=f"Entry {n:03}")
            ServiceChange.objects.create(service=service, base_version=1, proposed={})

    assert_constant_queries(lambda: client.get(url), grow)
