"""The Open Referral UK API: every answer validates against the ORUK 3.0 JSON Schemas, and
nothing unpublished or closed for good is ever shown (issue 11 item 4)."""

import pytest
from django.urls import reverse

from opensend.api.oruk.taxonomy import CATEGORIES, SEN_TYPES, TERMS, derived_id
from tests.api.oruk_support import (
    make_service,
    needs_oruk_schemas,
    south_provider,
    validate,
    validate_page,
)
from tests.signin import sign_in

pytestmark = [pytest.mark.django_db, needs_oruk_schemas]


@pytest.fixture
def services(demo):
    return {
        "full": make_service(demo["north_la"], needs=["ASD", "SLCN"], areas=["Northtown"]),
        "bare": make_service(
            demo["north_la"],
            name="Advice line",
            description="",
            category="advice",
            cost="free",
            fees="",
            url="",
            email="",
            telephone="",
            location_name="",
            address="",
            postcode="",
            when="",
            latitude=None,
        ),
        "mapped": make_service(
            demo["south_la"],
            provider=south_provider(),
            name="Youth club",
            category="support_group",
            latitude="50.123456",
            longitude="-3.654321",
            address="",
        ),
    }


def get(client, name, **kwargs):
    query = kwargs.pop("query", {})
    return client.get(reverse(f"oruk:{name}", kwargs=kwargs), query)


def test_meta_names_the_version_profile_and_openapi_description(client):
    body = get(client, "meta").json()
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/oruk/openapi.json"


def test_service_list_validates(client, services):
    body = get(client, "service_list").json()
    validate_page(body, "compiled/service_list.json")
    assert body["total_items"] == 3
    assert [item["name"] for item in body["contents"]] == [
        "Advice line",
        "Sensory play sessions",
        "Youth club",
    ]


@pytest.mark.parametrize("key", ["full", "bare", "mapped"])
def test_each_service_validates_fully_nested(client, services, key):
    response = get(client, "service_get", id=services[key].pk)
    assert response.status_code == 200
    validate(response.json(), "compiled/service.json")


def test_a_full_service_carries_its_place_contact_cost_schedule_area_and_terms(client, services):
    service = services["full"]
    body = get(client, "service_get", id=service.pk).json()
    assert body["organization"]["name"] == "Northshire Sensory Support Play Club"
    assert body["organization"]["description"]
    assert body["description"].startswith("Play sessions for children with sensory needs.")
    assert body["fees"] == "£3 a session"
    assert body["assured_date"] == "2026-09-01"
    assert body["last_modified"].endswith("+00:00")
    assert body["schedules"][0]["description"] == "Saturdays 10am to noon, in term time"
    assert [area["name"] for area in body["service_areas"]] == ["Northtown"]
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["city"], address["postal_code"], address["country"]) == (
        "12 High Street",
        "Northtown",
        "NT1 2AB",
        "GB",
    )
    assert body["contacts"][0]["phones"][0]["number"] == "01632 960123"
    assert body["cost_options"][0]["option"] == "Some costs"
    codes = sorted(attribute["taxonomy_term"]["term"] for attribute in body["attributes"])
    assert codes == ["ASD", "SLCN", "leisure"]


def test_a_service_for_every_need_carries_every_sen_type(client, services):
    body = get(client, "service_get", id=services["bare"].pk).json()
    codes = {attribute["taxonomy_term"]["term"] for attribute in body["attributes"]}
    assert codes == {"advice"} | {term.code for term in SEN_TYPES.terms}
    # With no named areas, it covers the authority's whole area; with no place, no location.
    assert body["service_areas"][0]["name"] == "The whole of the area of Northshire County Council"
    assert body["service_at_locations"] == []
    assert body["fees"] == "Free"
    assert "url" not in body and "email" not in body


def test_derived_ids_are_the_same_on_every_request(client, services):
    first = get(client, "service_get", id=services["full"].pk).json()
    again = get(client, "service_get", id=services["full"].pk).json()
    assert first == again
    assert first["service_at_locations"][0]["id"] == str(
        derived_id("service_at_location", services["full"].pk)
    )


def test_service_at_locations_list_only_services_with_a_place_and_validate(client, services):
    body = get(client, "service_at_location_list").json()
    validate_page(body, "compiled/service_at_location_list.json")
    assert sorted(item["service"]["name"] for item in body["contents"]) == [
        "Sensory play sessions",
        "Youth club",
    ]
    mapped = next(item for item in body["contents"] if item["service"]["name"] == "Youth club")
    assert mapped["location"]["latitude"] == pytest.approx(50.123456)


def test_service_at_location_by_id_validates_fully_nested(client, services):
    listed = get(client, "service_at_location_list").json()["contents"]
    for item in listed:
        response = get(client, "service_at_location_get", id=item["id"])
        assert response.status_code == 200
        body = response.json()
        validate(body, "compiled/service_at_location.json")
        assert body["service"]["id"] == item["service_id"]
        assert "attributes" in body["service"]


def test_taxonomies_and_terms_validate(client):
    taxonomies = get(client, "taxonomy_list").json()
    validate_page(taxonomies, "taxonomy.json")
    assert [item["name"] for item in taxonomies["contents"]] == [
        "OpenSEND Local Offer categories",
        "DfE SEN type (school census)",
    ]
    one = get(client, "taxonomy_get", id=CATEGORIES.id).json()
    validate(one, "taxonomy.json")
    assert len(one["taxonomy_terms"]) == len(CATEGORIES.terms)
    terms = get(client, "taxonomy_term_list", query={"per_page": 200}).json()
    validate_page(terms, "taxonomy_term.json")
    assert terms["total_items"] == len(TERMS)
    term = get(client, "taxonomy_term_get", id=TERMS[0].id).json()
    validate(term, "taxonomy_term.json")
    assert term["taxonomy_id"] == str(CATEGORIES.id)


def test_sen_types_leave_out_legacy_and_record_only_codes():
    codes = {term.code for term in SEN_TYPES.terms}
    assert {"ASD", "SEMH", "DS"} <= codes
    assert not codes & {"BESD", "NSA"}


def test_unpublished_and_defunct_services_never_appear(client, demo, services):
    hidden = [
        make_service(demo["north_la"], name="Draft entry", is_published=False),
        make_service(demo["north_la"], name="Closed for good", status="defunct"),
    ]
    paused = make_service(demo["north_la"], name="Paused club", status="temporarily closed")
    names = {item["name"] for item in get(client, "service_list").json()["contents"]}
    assert "Draft entry" not in names and "Closed for good" not in names
    assert "Paused club" in names
    at_locations = get(client, "service_at_location_list").json()["contents"]
    assert {item["service"]["name"] for item in at_locations}.isdisjoint(
        {"Draft entry", "Closed for good"}
    )
    for service in hidden:
        assert get(client, "service_get", id=service.pk).status_code == 404
        sal_id = derived_id("service_at_location", service.pk)
        assert get(client, "service_at_location_get", id=sal_id).status_code == 404
    assert get(client, "service_get", id=paused.pk).json()["status"] == "temporarily closed"


def test_anyone_signed_in_or_not_reads_the_same(client, demo, services):
    anonymous = get(client, "service_list").json()
    sign_in(client, demo["north_parent"])
    assert get(client, "service_list").json() == anonymous


def test_openapi_description_loads_and_lists_the_paths(client):
    response = client.get(reverse("oruk:openapi-json"))
    assert response.status_code == 200
    described = response.json()
    assert described["info"]["title"] == "OpenSEND Local Offer: Open Referral UK"
    assert set(described["paths"]) == {
        "/oruk/",
        "/oruk/services",
        "/oruk/services/{id}",
        "/oruk/service_at_locations",
        "/oruk/service_at_locations/{id}",
        "/oruk/taxonomies",
        "/oruk/taxonomies/{id}",
        "/oruk/taxonomy_terms",
        "/oruk/taxonomy_terms/{id}",
    }
    parameters = {p["name"] for p in described["paths"]["/oruk/services"]["get"]["parameters"]}
    assert {"page", "per_page", "search", "taxonomy_term_id", "local_authority"} <= parameters
    assert client.get(reverse("oruk:openapi-view")).status_code == 200
