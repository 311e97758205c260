import pytest


@pytest.mark.django_db
def test_start_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"govuk-service-navigation" in response.content


def test_each_persona_lands_on_a_page_for_its_role(signed_in, demo):
    client = signed_in("oak_senco")
    response = client.get("/home/")
    assert response.status_code == 200
    assert b"Your school" in response.content
