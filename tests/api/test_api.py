from opensend.api.services import api_token_create, api_token_revoke
from opensend.organisations.demo import load_demo_people  # noqa: F401  (fixture data)


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_me_with_a_personal_token(client, demo):
    _, token = api_token_create(actor=demo["oak_senco"], name="Script")
    response = client.get("/api/v1/me", **_bearer(token))
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "oak.senco@opensend.example"
    assert body["memberships"][0]["role"] == "senco"


def test_a_revoked_token_is_refused_in_the_common_error_shape(client, demo):
    api_token, token = api_token_create(actor=demo["oak_senco"], name="Script")
    api_token_revoke(actor=demo["oak_senco"], api_token=api_token)
    response = client.get("/api/v1/me", **_bearer(token))
    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "code": "unauthenticated",
            "message": "Sign in or send a valid token.",
            "fields": {},
        }
    }


def test_another_schools_record_is_not_found(client, demo):
    _, token = api_token_create(actor=demo["oak_senco"], name="Script")
    response = client.get(f"/api/v1/organisations/{demo['south_river'].pk}", **_bearer(token))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_malformed_id_is_a_clear_422(client, demo):
    _, token = api_token_create(actor=demo["oak_senco"], name="Script")
    response = client.get("/api/v1/organisations/not-a-uuid", **_bearer(token))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert "organisation_id" in " ".join(response.json()["error"]["fields"])


def test_patch_with_a_stale_version_is_a_conflict(client, demo):
    _, token = api_token_create(actor=demo["oak_head"], name="Script")
    url = f"/api/v1/organisations/{demo['north_oak'].pk}"
    first = client.patch(
        url,
        {"version": 1, "telephone": "01234 111222"},
        content_type="application/json",
        **_bearer(token),
    )
    assert first.status_code == 200 and first.json()["version"] == 2
    stale = client.patch(
        url,
        {"version": 1, "telephone": "09999 000000"},
        content_type="application/json",
        **_bearer(token),
    )
    assert stale.status_code == 409
    assert "telephone is now '01234 111222'" in stale.json()["error"]["message"]


def test_malformed_json_gets_a_clear_message(client, demo):
    _, token = api_token_create(actor=demo["oak_head"], name="Script")
    response = client.patch(
        f"/api/v1/organisations/{demo['north_oak'].pk}",
        "{not json",
        content_type="application/json",
        **_bearer(token),
    )
    assert response.status_code in (400, 422)
    assert "error" in response.json()


def test_invalid_field_values_are_reported_per_field(client, demo):
    _, token = api_token_create(actor=demo["oak_head"], name="Script")
    response = client.patch(
        f"/api/v1/organisations/{demo['north_oak'].pk}",
        {"version": 1, "website": "not a web address"},
        content_type="application/json",
        **_bearer(token),
    )
    assert response.status_code == 422
    assert "website" in response.json()["error"]["fields"]


def test_the_openapi_document_describes_the_operations(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/organisations/{organisation_id}" in schema["paths"]
