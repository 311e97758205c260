"""What the home pages say about publishing: the SEND team's approvals and unchecked entries,
the provider's entries, the SENCO's report, and the families' way into the Local Offer."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from opensend.publishing.selectors.directory import authority_home_alerts
from tests.access.routes_publishing_directory import make_service, publishing_directory_world
from tests.signin import sign_in


def test_the_send_team_sees_changes_waiting_and_entries_not_checked(client, demo):
    world = publishing_directory_world(demo)
    [alert] = authority_home_alerts(demo["north_caseworker"], timezone.localdate())
    assert (alert["offer"], alert["pending"], alert["stale"]) == (world["north_offer"], 1, 1)
    sign_in(client, demo["north_caseworker"])
    page = client.get(reverse("home")).content.decode()
    assert "1 change to the Local Offer waiting for your approval" in page
    assert "1 entry not checked for 12 months" in page
    assert reverse("publishing_la_changes", args=[world["north_offer"].pk]) in page


def test_another_councils_team_is_not_told_about_it(demo):
    publishing_directory_world(demo)
    assert authority_home_alerts(demo["south_caseworker"], timezone.localdate()) == []
    assert authority_home_alerts(demo["oak_senco"], timezone.localdate()) == []


def test_the_send_teams_alerts_run_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    publishing_directory_world(demo)
    with django_assert_max_num_queries(4):
        authority_home_alerts(demo["north_manager"], timezone.localdate())


def test_the_provider_sees_its_entries_and_what_needs_checking(client, demo):
    world = publishing_directory_world(demo)
    make_service(
        world["north_offer"],
        world["north_provider_org"],
        name="Holiday club",
        confirmed_on=timezone.localdate() - timedelta(days=400),
    )
    sign_in(client, demo["north_provider"])
    page = client.get(reverse("home")).content.decode()
    assert "2 in the Local Offer" in page  # published, whether or not a change is waiting
    assert "1 with a change waiting for the council's approval" in page
    assert "1 entry has not been checked for 12 months" in page  # the holiday club
    assert reverse("publishing_provider_entries", args=[world["north_provider_org"].pk]) in page


def test_the_senco_is_told_the_report_has_never_been_published(client, demo):
    sign_in(client, demo["oak_senco"])
    page = client.get(reverse("home")).content.decode()
    assert "SEN information report" in page
    assert reverse("publishing_report", args=[demo["north_oak"].pk]) in page


def test_a_parent_is_pointed_to_the_local_offer(client, demo):
    sign_in(client, demo["north_parent"])
    assert reverse("local_offer_list") in client.get(reverse("home")).content.decode()
