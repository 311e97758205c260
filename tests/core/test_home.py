import pytest

from opensend.organisations.demo import PEOPLE

HEADING_BY_ROLE = {
    "la_caseworker": "Your local authority work",
    "la_manager": "Your local authority work",
    "senco": "Your school",
    "teacher": "Your school",
    "teaching_assistant": "Your school",
    "head": "Your school",
    "governor": "Your governing body",
    "educational_psychologist": "Your cases",
    "health_professional": "Your cases",
    "social_care_professional": "Your cases",
    "local_offer_provider": "Your Local Offer entries",
    "parent": "Your children",
    "young_person": "Your record",
}


@pytest.mark.parametrize("person", PEOPLE, ids=lambda person: person.key)
def test_every_demo_sign_in_lands_on_a_page_for_its_role(signed_in, person):
    client = signed_in(person.key)
    response = client.get("/home/")
    assert response.status_code == 200
    heading = HEADING_BY_ROLE[person.role or person.family_role]
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in response.content.decode()


def test_a_person_with_no_role_is_told_what_to_do(client, db):
    from django.contrib.auth import get_user_model

    from opensend.accounts.services import email_mark_verified
    from tests.signin import sign_in

    user = get_user_model().objects.create_user(
        email="nobody@opensend.example", password="demo-password-2026", full_name="No Body"
    )
    email_mark_verified(user=user)
    sign_in(client, user)
    assert b"Ask the person who invited you" in client.get("/home/").content
