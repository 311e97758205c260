"""The public pages' access cases build their world and answer anyone, signed in or not
(the full persona matrix runs them in tests/access/test_matrix.py)."""

from django.urls import reverse

from tests.access.cases import EVERYONE, OK
from tests.access.routes_publishing_public import CASES, publishing_public_world

NAMES = {
    "public_report",
    "public_report_pdf",
    "public_report_embed",
    "public_report_version",
    "public_report_version_pdf",
    "local_offer_list",
    "local_offer",
    "local_offer_service",
}


def test_every_public_page_has_a_case_open_to_everyone():
    assert {case.name for case in CASES} == NAMES
    assert all(case.allow == EVERYONE and case.anonymous == OK for case in CASES)


def test_each_case_answers_an_anonymous_visitor_and_a_signed_in_one(client, signed_in, demo):
    world = {**demo, **publishing_public_world(demo)}
    urls = [reverse(case.name, kwargs=case.kwargs(world)) for case in CASES]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}: it needs no session"
    parent = signed_in("north_parent")
    for url in urls:
        assert parent.get(url).status_code == 200, url
