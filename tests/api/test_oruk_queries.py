"""The Open Referral UK API's filters, paging, errors and query counts (issue 11 item 4)."""

import uuid

import pytest
from django.urls import reverse

from opensend.api.oruk.taxonomy import CATEGORIES, SEN_TYPES, category_term, derived_id
from tests.api.oruk_support import make_service, south_provider
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def names(client, name="service_list", **query):
    body = client.get(reverse(f"oruk:{name}"), query).json()
    if name == "service_list":
        return sorted(item["name"] for item in body["contents"])
    return sorted(item["service"]["name"] for item in body["contents"])


def need_term(code):
    return next(term for term in SEN_TYPES.terms if term.code == code).id


@pytest.fixture
def offer(demo):
    make_service(demo["north_la"], name="Autism parent group", category="support_group",
                 needs=["ASD"], minimum_age=0, maximum_age=25)  # fmt: skip
    make_service(demo["north_la"], name="Swimming for all", category="leisure",
                 minimum_age=5, maximum_age=16, summary="Inclusive swimming lessons.")  # fmt: skip
    make_service(demo["north_la"], name="Hearing support", category="health",
                 needs=["HI"], minimum_age=0, maximum_age=5, address="", postcode="",
                 location_name="")  # fmt: skip
    make_service(demo["south_la"], provider=south_provider(), name="Southmoor youth club",
                 category="leisure", minimum_age=11, maximum_age=19)  # fmt: skip


def test_search_finds_words_in_the_name_or_description(client, offer):
    assert names(client, search="swimming") == ["Swimming for all"]
    assert names(client, search="INCLUSIVE") == ["Swimming for all"]
    assert names(client, search="nothing like this") == []


def test_a_category_term_keeps_that_category(client, offer):
    term = category_term("leisure").id
    assert names(client, taxonomy_term_id=term) == ["Southmoor youth club", "Swimming for all"]


def test_a_need_term_keeps_services_for_that_need_and_for_every_need(client, offer):
    assert names(client, taxonomy_term_id=need_term("ASD")) == [
        "Autism parent group",
        "Southmoor youth club",
        "Swimming for all",
    ]
    assert names(client, taxonomy_term_id=need_term("HI")) == [
        "Hearing support",
        "Southmoor youth club",
        "Swimming for all",
    ]


def test_an_unknown_term_or_taxonomy_finds_nothing(client, offer):
    assert names(client, taxonomy_term_id=uuid.uuid4()) == []
    assert names(client, taxonomy_id=uuid.uuid4()) == []


def test_taxonomy_ids_map_back(client, offer):
    assert len(names(client, taxonomy_id=CATEGORIES.id)) == 4
    assert len(names(client, taxonomy_id=SEN_TYPES.id)) == 4


def test_ages_follow_the_standards_wording(client, offer):
    # "a minimum age of at least" and "a maximum age equal to or below" the value.
    assert names(client, minimum_age=5) == ["Southmoor youth club", "Swimming for all"]
    assert names(client, maximum_age=16) == ["Hearing support", "Swimming for all"]
    assert names(client, minimum_age=5, maximum_age=16) == ["Swimming for all"]


def test_local_authority_keeps_one_authoritys_local_offer(client, demo, offer):
    assert names(client, local_authority=demo["south_la"].la_code) == ["Southmoor youth club"]
    assert len(names(client, local_authority=demo["north_la"].la_code)) == 3
    assert names(client, local_authority="000") == []


def test_filters_apply_to_services_at_locations_too(client, offer):
    term = category_term("leisure").id
    assert names(client, "service_at_location_list", taxonomy_term_id=term) == [
        "Southmoor youth club",
        "Swimming for all",
    ]
    # Hearing support has no place, so it has no service at location.
    assert names(client, "service_at_location_list", taxonomy_term_id=need_term("HI")) == [
        "Southmoor youth club",
        "Swimming for all",
    ]


def test_paging_counts_pages_and_marks_the_first_and_last(client, offer):
    url = reverse("oruk:service_list")
    first = client.get(url, {"per_page": 3}).json()
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 4,
        "total_pages": 2,
        "page_number": 1,
        "size": 3,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    last = client.get(url, {"per_page": 3, "page": 2}).json()
    assert (last["size"], last["first_page"], last["last_page"], last["empty"]) == (
        1,
        False,
        True,
        False,
    )
    names_seen = [item["name"] for item in first["contents"] + last["contents"]]
    assert len(set(names_seen)) == 4


def test_a_page_past_the_end_is_empty_with_the_true_totals(client, offer):
    body = client.get(reverse("oruk:service_list"), {"per_page": 3, "page": 9}).json()
    assert body["contents"] == []
    assert (body["total_items"], body["total_pages"], body["page_number"]) == (4, 2, 9)
    assert (body["size"], body["empty"], body["last_page"]) == (0, True, True)


def test_no_results_is_one_empty_last_page(client, offer):
    body = client.get(reverse("oruk:service_list"), {"search": "zzz"}).json()
    assert (body["total_items"], body["total_pages"], body["empty"], body["last_page"]) == (
        0,
        0,
        True,
        True,
    )


def test_taxonomy_terms_are_paged(client):
    body = client.get(reverse("oruk:taxonomy_term_list"), {"per_page": 5, "page": 2}).json()
    assert body["size"] == 5 and body["page_number"] == 2 and not body["first_page"]


@pytest.mark.parametrize(
    "query",
    [
        {"page": 0},
        {"page": "two"},
        {"page": 10**12},
        {"per_page": 10000},
        {"per_page": 0},
        {"minimum_age": "five"},
        {"maximum_age": -1},
        {"taxonomy_term_id": "not-a-uuid"},
        {"taxonomy_id": "123"},
        {"local_authority": "a very long code"},
    ],
)
def test_bad_query_is_a_clear_json_error(client, query):
    response = client.get(reverse("oruk:service_list"), query)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(query)[0] in error["fields"]


@pytest.mark.parametrize(
    "name",
    ["service_get", "service_at_location_get", "taxonomy_get", "taxonomy_term_get"],
)
@pytest.mark.parametrize(
    "record_id", ["not-a-uuid", "12345", "0f8fad5b-d9cb-469f-a165-70867728950e"]
)
def test_an_unknown_or_malformed_id_is_a_json_404(client, name, record_id):
    response = client.get(reverse(f"oruk:{name}", kwargs={"id": record_id}))
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_service_id_is_not_a_service_at_location_id(client, offer, demo):
    service = make_service(demo["north_la"], name="Placed")
    url = reverse("oruk:service_at_location_get", kwargs={"id": service.pk})
    assert client.get(url).status_code == 404
    sal = derived_id("service_at_location", service.pk)
    url = reverse("oruk:service_at_location_get", kwargs={"id": sal})
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["service_list", "service_at_location_list"])
def test_lists_run_the_same_queries_however_many_services(client, demo, name):
    url = reverse(f"oruk:{name}")
    grown = iter(range(100))

    def grow():
        for _ in range(5):
            make_service(
                demo["north_la"], name=f"Service {next(grown)}", needs=["ASD"], areas=["Northtown"]
            )

    grow()
    count = assert_constant_queries(lambda: client.get(url, {"per_page": 200}), grow)
    assert count <= 2


def test_a_service_by_id_runs_a_fixed_number_of_queries(
    client, demo, django_assert_max_num_queries
):
    service = make_service(
        demo["north_la"], needs=["ASD", "HI", "VI"], areas=["Northtown", "Southtown"]
    )
    with django_assert_max_num_queries(3):
        assert client.get(reverse("oruk:service_get", kwargs={"id": service.pk})).status_code == 200
