"""A council adds a Local Offer provider and invites its first account; the provider then
invites its own colleagues (issue 11: "provider accounts that keep their own entries")."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.organisations.models import Invitation, OrganisationKind, Role
from opensend.organisations.selectors import roles_user_may_invite
from opensend.publishing.selectors.directory import area_providers
from opensend.publishing.services.offers import local_offer_for
from opensend.publishing.services.providers import provider_add
from tests.access.routes_publishing_directory import NORTH_PROVIDER_ORG
from tests.signin import sign_in


def _add(demo, actor=None, **overrides):
    values = {
        "name": "Northtown Autism Parents Group",
        "contact_name": "Jo Bloggs",
        "contact_email": "Jo@Example.org",
        "website": "https://northtown-autism.example.org",
        **overrides,
    }
    return provider_add(
        actor=actor or demo["north_caseworker"],
        local_offer=local_offer_for(demo["north_la"]),
        **values,
    )


def test_the_council_adds_a_provider_in_its_area_and_invites_its_first_account(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        provider = _add(demo)
    assert provider.kind == OrganisationKind.LOCAL_OFFER_PROVIDER
    assert provider.local_authority == demo["north_la"]
    invitation = Invitation.objects.get(organisation=provider)
    assert (invitation.email, invitation.role) == ("jo@example.org", Role.LOCAL_OFFER_PROVIDER)
    assert [message.to for message in mail.outbox] == [["jo@example.org"]]
    [row] = [p for p in area_providers(local_offer_for(demo["north_la"])) if p == provider]
    assert (row.entries, row.has_members, row.invitation_waiting) == (0, False, True)


def test_each_missing_or_bad_detail_is_named(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, name=" ", contact_name="", contact_email="not-an-email", website="ftp://x")
    assert set(error.value.message_dict) == {"name", "contact_name", "contact_email", "website"}


def test_a_name_already_in_use_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, name=NORTH_PROVIDER_ORG.upper())
    assert "already has an organisation" in error.value.message_dict["name"][0]


def test_another_council_or_a_school_cannot_add_one(demo):
    for persona in ("south_manager", "oak_senco", "north_provider"):
        with pytest.raises(PermissionDenied):
            _add(demo, actor=demo[persona])


def test_who_may_invite_into_a_provider(demo):
    provider = _add(demo)
    assert roles_user_may_invite(demo["north_manager"], provider) == [Role.LOCAL_OFFER_PROVIDER]
    assert roles_user_may_invite(demo["south_manager"], provider) == []
    assert roles_user_may_invite(demo["oak_head"], provider) == []
    # A provider's own member invites colleagues to the provider, and only there.
    own = demo["north_provider"].memberships.get().organisation
    assert roles_user_may_invite(demo["north_provider"], own) == [Role.LOCAL_OFFER_PROVIDER]
    assert roles_user_may_invite(demo["north_provider"], provider) == []
    # The council's team gives no staff role in a school through this route.
    assert Role.TEACHER not in roles_user_may_invite(demo["north_manager"], demo["north_oak"])


def test_the_providers_page_adds_one_and_says_what_happens_next(client, demo):
    sign_in(client, demo["north_manager"])
    url = reverse("publishing_la_providers", args=[local_offer_for(demo["north_la"]).pk])
    response = client.post(
        url,
        {"name": "Coastal Cycling Club", "contact_name": "Sam Lee", "contact_email": "sam@x.org"},
        follow=True,
    )
    page = response.content.decode()
    assert "Coastal Cycling Club is added" in page and "sam@x.org" in page
    assert "Coastal Cycling Club" in client.get(url).content.decode()


def test_the_providers_page_shows_errors_not_a_crash(client, demo):
    sign_in(client, demo["north_manager"])
    url = reverse("publishing_la_providers", args=[local_offer_for(demo["north_la"]).pk])
    response = client.post(url, {"name": "", "contact_email": "nope", "website": "not a url"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
