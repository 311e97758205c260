"""The SEN2 page and its XML and CSV downloads: who sees them, what they hold, what is audited."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.reports.sen2_xml import CSV_HEADERS
from tests.access.routes_reports_sen2 import make_case
from tests.signin import sign_in


@pytest.fixture
def world(demo):
    planned = make_case(
        demo,
        demo["ava"],
        received=date(2025, 3, 3),
        issued_on=date(2025, 7, 14),
        placement=demo["north_oak"],
    )
    unplaced = make_case(
        demo, demo["jordan"], received=date(2025, 2, 3), issued_on=date(2025, 6, 16)
    )
    return {"planned": planned, "unplaced": unplaced}


def _url(name, demo, la="north_la"):
    return reverse(name, kwargs={"la_id": demo[la].pk})


def test_the_page_counts_each_module_and_links_each_failure_to_its_case(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    response = client.get(_url("sen2_return", demo), {"date": "2026-01-15"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "SEN2 return" in body
    assert "5. Placements" in body
    sen2 = response.context["sen2"]
    assert sen2.counts == {"1": 2, "2": 2, "3": 2, "4": 2, "5": 1}
    assert reverse("ehc_case", kwargs={"case_id": world["unplaced"].pk}) in body
    assert "The plan names no school or setting in section I" in body
    assert "Jordan" in body


@time_machine.travel("2025-11-28 12:00", tick=False)
def test_the_default_census_date_is_the_next_spring_census_day(client, demo):
    sign_in(client, demo["north_manager"])
    response = client.get(_url("sen2_return", demo))
    assert response.context["census_date"] == date(2026, 1, 15)
    assert response.context["is_census_day"]


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026-05-21"])
def test_a_bad_census_date_is_a_message_not_an_error(client, demo, bad):
    sign_in(client, demo["north_caseworker"])
    response = client.get(_url("sen2_return", demo), {"date": bad})
    assert response.status_code == 200
    assert "Enter the census date as a real date in January" in response.content.decode()


def test_a_download_with_a_bad_date_shows_the_page_instead(client, demo):
    sign_in(client, demo["north_caseworker"])
    response = client.get(_url("sen2_xml", demo), {"date": "2026-02-30"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


def test_the_xml_is_well_formed_and_in_the_module_structure(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    response = client.get(_url("sen2_xml", demo), {"date": "2026-01-15"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="sen2-990-2026-01-15.xml"'
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = ET.fromstring(response.content)
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "SEN2"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-01-15"
    assert root.findtext("Header/Source/LEA") == "990"
    people = root.findall("Persons/Person")
    assert len(people) == 2
    ava = next(p for p in people if p.findtext("PersonID") == str(demo["ava"].pk))
    assert ava.findtext("UPN") == demo["ava"].upn
    request = ava.find("Requests/Request")
    assert request.findtext("ReceivedDate") == "2025-03-03"
    assert request.findtext("RequestSource") == "parent"
    assert request.findtext("Assessment/Week20") == "0"
    assert request.findtext("Assessment/PlanIssuedDate") == "2025-07-14"
    assert request.findtext("NamedPlan/StartDate") == "2025-07-14"
    assert request.findtext("NamedPlan/Placement/URN") == "990101"


def test_the_download_is_audited_without_naming_a_child(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    client.get(_url("sen2_csv", demo), {"date": "2026-01-15"})
    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED, actor=demo["north_caseworker"])
    assert event.organisation_id == demo["north_la"].pk
    assert "Ava" not in event.note and "Martin" not in event.note


def test_the_csv_has_one_row_per_module_record(client, demo, world):
    sign_in(client, demo["north_manager"])
    response = client.get(_url("sen2_csv", demo), {"date": "2026-01-15"})
    assert response["Content-Disposition"] == 'attachment; filename="sen2-990-2026-01-15.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0].keys()) == CSV_HEADERS
    assert sorted(r["module"] for r in rows) == ["1", "1", "2", "2", "3", "3", "4", "4", "5"]
    placement = next(r for r in rows if r["module"] == "5")
    assert placement["urn"] == "990101"
    assert placement["request_id"] == str(world["planned"].pk)


@pytest.mark.parametrize(
    "persona", ["south_caseworker", "south_manager", "oak_senco", "oak_governor", "north_parent"]
)
@pytest.mark.parametrize("name", ["sen2_return", "sen2_xml", "sen2_csv"])
def test_only_the_councils_own_send_team_gets_in(client, demo, persona, name):
    sign_in(client, demo[persona])
    assert client.get(_url(name, demo), {"date": "2026-01-15"}).status_code == 404


def test_the_start_page_sends_a_caseworker_to_their_own_council(client, demo):
    sign_in(client, demo["south_caseworker"])
    response = client.get(reverse("sen2_start"))
    assert response["Location"] == _url("sen2_return", demo, "south_la")


def test_the_start_page_is_404_for_school_staff(client, demo):
    sign_in(client, demo["oak_senco"])
    assert client.get(reverse("sen2_start")).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, demo):
    response = client.get(_url("sen2_return", demo))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
