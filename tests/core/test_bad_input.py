"""Bad input gets a clear message, never a 500, and nothing saved is lost."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_unknown_pages_get_the_govuk_not_found_page(client):
    response = client.get("/organisations/not-a-uuid/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_a_server_error_shows_a_plain_page_without_a_traceback(demo, settings):
    from unittest import mock

    from tests.signin import sign_in

    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    sign_in(client, demo["oak_senco"])
    with mock.patch("opensend.core.views.home_context", side_effect=RuntimeError("boom")):
        response = client.get("/home/")
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Traceback" not in response.content and b"boom" not in response.content


def test_an_invalid_invitation_form_names_each_problem(signed_in, demo):
    client = signed_in("oak_head")
    response = client.post(
        f"/organisations/{demo['north_oak'].pk}/invitations/",
        {"full_name": "", "email": "not-an-email", "role": "la_manager"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Enter their full name" in body
    assert "Enter an email address in the correct format" in body
    assert "Select a valid choice" in body  # a role the head may not give


def test_a_stale_edit_keeps_what_was_typed_and_shows_the_difference(signed_in, demo):
    from opensend.organisations.services import organisation_update

    school = demo["north_oak"]
    client = signed_in("oak_head")
    url = f"/organisations/{school.pk}/edit/"
    assert client.get(url).status_code == 200
    # Someone else saves first.
    organisation_update(
        actor=demo["oak_head"],
        organisation=school,
        data={"telephone": "01234 000111"},
        expected_version=1,
    )
    response = client.post(
        url,
        {
            "version": 1,
            "name": school.name,
            "telephone": "07000 123456",
            "email": "",
            "address": "",
            "website": "",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved changes while you were editing" in body
    assert "01234 000111" in body and 'value="07000 123456"' in body
    school.refresh_from_db()
    assert school.telephone == "01234 000111"
    # Saving again, now based on the latest version, keeps this person's change.
    response = client.post(
        url,
        {
            "version": 2,
            "name": school.name,
            "telephone": "07000 123456",
            "email": "",
            "address": "",
            "website": "",
        },
    )
    assert response.status_code == 302
    school.refresh_from_db()
    assert school.telephone == "07000 123456"


def test_an_expired_invitation_link_explains_what_to_do(client, db):
    response = client.get("/join/not-a-real-token/")
    assert response.status_code == 404
    assert b"This invitation link does not work" in response.content


def test_accepting_with_mismatched_passwords_keeps_the_invitation_open(client, demo):
    from opensend.organisations.services import invitation_create, invitation_for_token

    _, token = invitation_create(
        actor=demo["oak_head"],
        organisation=demo["north_oak"],
        email="x@y.org",
        full_name="X Y",
        role="teacher",
    )
    response = client.post(
        f"/join/{token}/", {"password": "long-enough-pass-1", "password_again": "different-pass-2"}
    )
    assert response.status_code == 200
    assert b"The passwords do not match" in response.content
    assert invitation_for_token(token) is not None


def test_the_timed_out_page_really_signs_the_person_out(signed_in):
    client = signed_in("oak_senco")
    response = client.get("/signed-out/?timeout=1")
    assert b"You have been signed out" in response.content
    assert b"did nothing for 30 minutes" in response.content
    assert "_auth_user_id" not in client.session
