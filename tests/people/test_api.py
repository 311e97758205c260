"""Children, enrolments and the SEN register through /api/v1/: scoped like the pages, paginated,
a constant number of queries, and every problem in the API's one error shape."""

from datetime import date

import pytest
import time_machine

from opensend.api.services import api_token_create
from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Child, Enrolment, Need, SenStatus
from tests.queries import assert_constant_queries

# "Today" for every change: a Monday in the spring term. Ava's EHC plan began 6 October 2025.
TODAY = "2026-03-02T12:00:00+00:00"
START = date(2025, 9, 1)


@pytest.fixture
def api(client, demo):
    """A client that calls the API as a persona, with a personal token."""

    class Api:
        def __init__(self, persona):
            _, token = api_token_create(actor=demo[persona], name="Script")
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        def get(self, url, **params):
            return client.get(f"/api/v1{url}", params, **self.headers)

        def post(self, url, body):
            return client.post(
                f"/api/v1{url}", body, content_type="application/json", **self.headers
            )

        def put(self, url, body):
            return client.put(
                f"/api/v1{url}", body, content_type="application/json", **self.headers
            )

    return Api


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


def make_pupils(school, count, *, provision="K", needs=(("MLD", 1), ("SLCN", 2))):
    """`count` more pupils on roll at `school`, each with a status, needs and an enrolment."""
    children = Child.objects.bulk_create(
        Child(
            first_name=f"Pupil{Child.objects.count() + i:04}",
            last_name="Zed",
            date_of_birth=date(2016, 1, 1),
            home_local_authority=school.local_authority,
        )
        for i in range(count)
    )
    Enrolment.objects.bulk_create(
        Enrolment(child=c, school=school, year_group="5", start=START) for c in children
    )
    SenStatus.objects.bulk_create(
        SenStatus(child=c, provision=provision, start=START, school=school) for c in children
    )
    Need.objects.bulk_create(
        Need(child=c, code=code, rank=rank, start=START) for c in children for code, rank in needs
    )
    return children


def _names(response) -> list[str]:
    return [row["first_name"] for row in response.json()["results"]]


NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}


# Reading children -------------------------------------------------------------------------------


def test_a_senco_lists_their_pupils_with_the_current_register(api, demo):
    response = api("oak_senco").get("/children")
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 1)
    ava = body["results"][0]
    assert ava == {
        "id": str(demo["ava"].pk),
        "upn": "C990010125001",
        "first_name": "Ava",
        "last_name": "Martin",
        "date_of_birth": "2017-05-04",
        "home_local_authority_id": str(demo["north_la"].pk),
        "provision": "E",
        "needs": [{"code": "ASD", "rank": 1}, {"code": "SLCN", "rank": 2}],
        "enrolments": [
            {
                "school_id": str(demo["north_oak"].pk),
                "school_name": "Oakfield Primary School",
                "year_group": "4",
                "start": "2025-09-01",
                "end": None,
            }
        ],
    }
    assert body["results"][1]["first_name"] == "Leo"


@pytest.mark.parametrize(
    ("persona", "names"),
    [
        ("north_parent", ["Ava"]),
        ("north_young_person", ["Jordan"]),
        ("north_caseworker", ["Jordan", "Ava"]),  # by last name: Ellis, Martin
        ("hill_senco", ["Jordan", "Mia"]),
        ("oak_governor", []),
        ("north_ep", []),
    ],
)
def test_each_person_lists_only_the_children_they_may_see(api, persona, names):
    assert _names(api(persona).get("/children")) == names


def test_the_list_works_with_a_browser_session_too(signed_in):
    client = signed_in("south_parent")
    assert [row["first_name"] for row in client.get("/api/v1/children").json()["results"]] == [
        "Zara"
    ]


def test_the_list_filters_by_school_and_provision(api, demo):
    caseworker = api("north_caseworker")
    assert _names(caseworker.get("/children", school=demo["north_oak"].pk)) == ["Ava"]
    assert _names(caseworker.get("/children", school=demo["south_river"].pk)) == []
    senco = api("hill_senco")
    assert _names(senco.get("/children", provision="K")) == ["Mia"]
    assert _names(senco.get("/children", provision="E")) == ["Jordan"]
    assert _names(senco.get("/children", provision="N")) == []


def test_bad_filters_are_a_422_naming_the_parameter(api):
    response = api("oak_senco").get("/children", provision="S", school="oakfield", page=0)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"query.provision", "query.school", "query.page"}


def test_the_list_is_paginated_50_a_page_in_a_stable_order(api, demo):
    make_pupils(demo["north_oak"], 120)
    senco = api("oak_senco")
    pages = [senco.get("/children", page=n).json() for n in (1, 2, 3)]
    assert [(p["count"], p["page"], p["pages"]) for p in pages] == [(122, n, 3) for n in (1, 2, 3)]
    assert [len(p["results"]) for p in pages] == [50, 50, 22]
    ids = [row["id"] for p in pages for row in p["results"]]
    assert len(set(ids)) == 122  # every child once, none twice
    beyond = senco.get("/children", page=4).json()
    assert (beyond["count"], beyond["page"], beyond["pages"], beyond["results"]) == (122, 4, 3, [])
    far_beyond = senco.get("/children", page=10**20)  # past any database's integer
    assert (far_beyond.status_code, far_beyond.json()["results"]) == (200, [])


def test_the_list_runs_a_constant_number_of_queries(api, demo):
    senco = api("oak_senco")

    def grow():
        make_pupils(demo["north_oak"], 10)
        make_pupils(demo["north_oak"], 5, provision="E", needs=(("ASD", 1),))

    assert_constant_queries(lambda: senco.get("/children"), grow)


def test_a_childs_record_has_its_history_and_the_read_is_audited(api, demo):
    ava = demo["ava"]
    response = api("north_parent").get(f"/children/{ava.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["first_name"], body["provision"]) == ("Ava", "E")
    assert [(s["provision"], s["start"], s["end"]) for s in body["sen_statuses"]] == [
        ("E", "2025-10-06", None),
        ("N", "2025-09-01", "2025-10-05"),
    ]
    assert body["needs_history"] == [
        {"code": "ASD", "rank": 1, "start": "2025-10-06", "end": None},
        {"code": "SLCN", "rank": 2, "start": "2025-10-06", "end": None},
    ]
    event = AuditEvent.objects.get(kind=AuditEventKind.VIEWED)
    assert (event.actor, event.record_type, event.subject_id) == (
        demo["north_parent"],
        "people.child",
        ava.pk,
    )


def test_a_parent_changing_the_uuid_gets_nothing(api, demo):
    parent = api("north_parent")
    for url in (f"/children/{demo['zara'].pk}", f"/children/{demo['zara'].pk}/enrolments"):
        response = parent.get(url)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)
    response = parent.get("/children/00000000-0000-4000-8000-000000000000")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


@pytest.mark.parametrize(
    "url",
    ["/children/not-a-uuid", "/children/1/enrolments", "/schools/oakfield/register"],
)
def test_a_malformed_uuid_is_a_clear_422(api, url):
    response = api("oak_senco").get(url)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "valid UUID" in " ".join(message for m in error["fields"].values() for message in m)


def test_enrolments_list_every_school_newest_first(api, demo):
    ava = demo["ava"]
    Enrolment.objects.create(
        child=ava,
        school=demo["south_river"],
        year_group="R",
        start=date(2021, 9, 1),
        end=date(2025, 7, 18),
    )
    response = api("oak_teacher").get(f"/children/{ava.pk}/enrolments")
    assert response.status_code == 200
    assert [(e["school_name"], e["start"], e["end"]) for e in response.json()] == [
        ("Oakfield Primary School", "2025-09-01", None),
        ("Riverside Primary School", "2021-09-01", "2025-07-18"),
    ]


# The register -----------------------------------------------------------------------------------


def test_the_register_lists_pupils_with_sen_filtered_and_sorted(api, demo):
    oak = demo["north_oak"]
    make_pupils(oak, 2, provision="N", needs=())
    ta = api("oak_ta")
    url = f"/schools/{oak.pk}/register"
    body = ta.get(url).json()
    assert (body["count"], body["pages"], _names(ta.get(url))) == (2, 1, ["Ava", "Leo"])
    assert _names(ta.get(url, provision="K")) == ["Leo"]
    assert len(_names(ta.get(url, provision="N"))) == 2
    assert _names(ta.get(url, need="SLCN")) == ["Ava"]
    assert _names(ta.get(url, sort="-name")) == ["Leo", "Ava"]
    assert _names(ta.get(url, sort="-dob")) == ["Leo", "Ava"]
    response = ta.get(url, need="BESD", sort="age")  # a legacy need; an unknown order
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"query.need", "query.sort"}


@pytest.mark.parametrize("persona", ["oak_governor", "north_manager", "hill_senco", "north_parent"])
def test_only_the_schools_staff_get_its_register(api, demo, persona):
    response = api(persona).get(f"/schools/{demo['north_oak'].pk}/register")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_the_register_is_paginated_and_runs_a_constant_number_of_queries(api, demo):
    oak = demo["north_oak"]
    senco = api("oak_senco")
    url = f"/schools/{oak.pk}/register"
    assert_constant_queries(lambda: senco.get(url), lambda: make_pupils(oak, 30))
    assert_constant_queries(
        lambda: senco.get(url, need="MLD", page=2), lambda: make_pupils(oak, 30)
    )
    body = senco.get(url, page=3).json()
    assert (body["count"], body["pages"], len(body["results"])) == (122, 3, 22)


# Changing the register --------------------------------------------------------------------------


def test_a_senco_changes_a_pupils_status(api, demo, frozen):
    ava = demo["ava"]
    response = api("oak_senco").post(
        f"/children/{ava.pk}/sen-status",
        {"provision": "K", "start": "2026-03-02", "reason": "Plan ceased"},
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["provision"], body["start"], body["end"], body["reason"]) == (
        "K",
        "2026-03-02",
        None,
        "Plan ceased",
    )
    previous = SenStatus.objects.get(child=ava, provision="E")
    assert previous.end == date(2026, 3, 1)
    event = AuditEvent.objects.get(record_type="people.senstatus")
    assert (event.subject_id, event.organisation_id) == (ava.pk, demo["north_oak"].pk)
    assert (event.old_values, event.new_values) == (
        {"provision": "E"},
        {"provision": "K", "start": "2026-03-02"},
    )


def test_a_form_post_instead_of_json_gets_a_clear_error(client, demo, frozen):
    _, token = api_token_create(actor=demo["oak_head"], name="Script")
    response = client.post(
        f"/api/v1/children/{demo['leo'].pk}/sen-status",
        {"provision": "E", "start": "2026-02-02"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert 400 <= response.status_code < 500
    assert "error" in response.json()
    assert SenStatus.objects.get(child=demo["leo"], end__isnull=True).provision == "K"


def test_the_school_is_the_one_whose_register_the_user_keeps(api, demo, frozen):
    # Leo is dual-registered; Hillside's SENCO changes him at Hillside.
    leo = demo["leo"]
    Enrolment.objects.create(child=leo, school=demo["north_hill"], year_group="3", start=START)
    response = api("hill_senco").post(
        f"/children/{leo.pk}/sen-status", {"provision": "E", "start": "2026-03-02"}
    )
    assert response.status_code == 201
    assert SenStatus.objects.get(child=leo, end__isnull=True).school == demo["north_hill"]


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta"])
def test_school_staff_who_only_read_the_register_get_403(api, demo, frozen, persona):
    response = api(persona).post(
        f"/children/{demo['ava'].pk}/sen-status", {"provision": "K", "start": "2026-03-02"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert "SENCO or head teacher" in response.json()["error"]["message"]
    assert SenStatus.objects.get(child=demo["ava"], end__isnull=True).provision == "E"


@pytest.mark.parametrize(
    "persona",
    # The LA and the parent can read Ava's record but keep no register at her school: for
    # them there is nothing to change, as on the web pages.
    ["hill_senco", "south_parent", "oak_governor", "river_head", "north_manager", "north_parent"],
)
def test_those_with_no_register_for_the_pupil_get_404(api, demo, frozen, persona):
    ava = demo["ava"]
    status = api(persona).post(
        f"/children/{ava.pk}/sen-status", {"provision": "K", "start": "2026-03-02"}
    )
    needs = api(persona).put(
        f"/children/{ava.pk}/needs", {"needs": [{"code": "ASD", "rank": 1}], "start": "2026-03-02"}
    )
    assert (status.status_code, status.json()) == (404, NOT_FOUND)
    assert (needs.status_code, needs.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {"provision": "K", "start": "2026-03-03"},
            {"start": ["The date cannot be in the future"]},
        ),
        (
            {"provision": "K", "start": "2025-10-06"},
            {"start": ["The date must be after 6 October 2025, when the current status began"]},
        ),
        (
            {"provision": "E", "start": "2026-03-02"},
            {"provision": ["They are already recorded as EHC plan"]},
        ),
        (
            {"provision": "S", "start": "2026-03-02"},
            {"provision": ["Input should be 'E', 'K' or 'N'"]},
        ),
        (
            {"provision": "K", "start": "2026-02-30"},
            {
                "start": [
                    "Input should be a valid date or datetime, day value is outside expected range"
                ]
            },
        ),
        ({"provision": "K"}, {"start": ["Field required"]}),
    ],
)
def test_a_bad_status_change_is_a_422_with_field_messages(api, demo, frozen, body, fields):
    response = api("oak_senco").post(f"/children/{demo['ava'].pk}/sen-status", body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert (error["code"], error["fields"]) == ("invalid", fields)
    assert SenStatus.objects.filter(child=demo["ava"]).count() == 2  # nothing written


def test_a_senco_replaces_a_pupils_needs(api, demo, frozen):
    ava = demo["ava"]
    response = api("oak_senco").put(
        f"/children/{ava.pk}/needs",
        {"needs": [{"code": "slcn", "rank": 1}, {"code": "ASD", "rank": 2}], "start": "2026-03-02"},
    )
    assert response.status_code == 200
    assert response.json() == [
        {"code": "SLCN", "rank": 1, "start": "2026-03-02", "end": None},
        {"code": "ASD", "rank": 2, "start": "2026-03-02", "end": None},
    ]
    assert Need.objects.filter(child=ava, end=date(2026, 3, 1)).count() == 2
    assert AuditEvent.objects.get(record_type="people.need").subject_id == ava.pk


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {
                "needs": [{"code": "ASD", "rank": 1}, {"code": "HI", "rank": 1}],
                "start": "2026-03-02",
            },
            {"needs": ["Only one need can be ranked 1 (the primary need)"]},
        ),
        (
            {"needs": [{"code": "NSA", "rank": 1}], "start": "2026-03-02"},
            {"needs": ["NSA is only for pupils on SEN support (K)"]},
        ),
        (
            {"needs": [{"code": "ASD", "rank": 1}], "start": "2026-04-01"},
            {"start": ["The date cannot be in the future"]},
        ),
        ({"needs": [{"code": "ASD"}], "start": "2026-03-02"}, {"needs.0.rank": ["Field required"]}),
        ({"needs": "ASD", "start": "2026-03-02"}, {"needs": ["Input should be a valid list"]}),
    ],
)
def test_bad_needs_are_a_422_with_field_messages(api, demo, frozen, body, fields):
    response = api("oak_head").put(f"/children/{demo['ava'].pk}/needs", body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == fields
    assert Need.objects.filter(child=demo["ava"], end__isnull=True).count() == 2


def test_a_teacher_cannot_change_needs(api, demo, frozen):
    response = api("oak_teacher").put(
        f"/children/{demo['leo'].pk}/needs",
        {"needs": [{"code": "SPLD", "rank": 1}, {"code": "MLD", "rank": 2}], "start": "2026-03-02"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_the_openapi_document_describes_the_children_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/api/v1/children/{child_id}/sen-status"]) == {"post"}
    assert set(paths["/api/v1/children/{child_id}/needs"]) == {"put"}
    register = paths["/api/v1/schools/{school_id}/register"]["get"]
    assert {p["name"] for p in register["parameters"]} == {
        "school_id",
        "page",
        "provision",
        "need",
        "sort",
    }
