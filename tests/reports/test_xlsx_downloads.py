"""XLSX next to the CSV (issue 12 item 6): the school census SEN export and the SEN2 records open
as spreadsheets with the CSV's headings and rows, dates as dates, formulas kept as text; the
same people get them as get the CSV, everyone else 404; each download is audited."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.spreadsheets import XLSX_CONTENT_TYPE
from opensend.reports.sen2_xml import CSV_HEADERS
from tests.access.routes_reports_sen2 import make_case
from tests.reports.test_census_export import pupil

CENSUS = "2027-01-21"


def census_url(demo, **query):
    url = reverse("census_export_download", args=[demo["north_oak"].pk])
    return url + "?" + "&".join(f"{k}={v}" for k, v in {"date": CENSUS, **query}.items())


def workbook_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Cache-Control"] == "no-store"
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


# School census SEN export ---------------------------------------------------------------------


def test_the_census_export_comes_as_xlsx_with_the_csvs_rows(signed_in, demo):
    client = signed_in("oak_senco")
    response = client.get(census_url(demo, format="xlsx"))
    assert response["Content-Disposition"] == (
        f'attachment; filename="census-sen-{demo["north_oak"].urn}-{CENSUS}.xlsx"'
    )
    rows = workbook_rows(response)
    assert rows[0] == (
        "UPN",
        "Surname",
        "Forename",
        "Date of birth",
        "Year group",
        "SEN provision",
        "SEN need 1",
        "SEN need 2",
    )
    # The same pupils as the CSV, the date of birth a real date.
    assert ("C990010125001", "Martin", "Ava", datetime(2017, 5, 4), "4", "E", "ASD", "SLCN") in rows
    csv_lines = client.get(census_url(demo)).content.decode().strip().splitlines()
    assert len(rows) == len(csv_lines)


def test_a_formula_in_a_pupils_name_stays_text_in_the_xlsx(signed_in, demo):
    pupil(
        demo["north_oak"], last_name="=HYPERLINK(1)", needs=((("MLD", 1), date(2025, 9, 1), None),)
    )
    response = signed_in("oak_senco").get(census_url(demo, format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = next(row[1] for row in sheet.iter_rows(min_row=2) if row[1].value == "=HYPERLINK(1)")
    assert cell.data_type == "s" and cell.quotePrefix


def test_only_the_valid_rows_can_be_downloaded_as_xlsx(signed_in, demo):
    pupil(demo["north_oak"], last_name="Broken")
    client = signed_in("oak_senco")
    everyone = workbook_rows(client.get(census_url(demo, format="xlsx")))
    valid = workbook_rows(client.get(census_url(demo, format="xlsx", rows="valid")))
    assert any(row[1] == "Broken" for row in everyone)
    assert not any(row[1] == "Broken" for row in valid)
    assert len(everyone) == len(valid) + 1


def test_the_census_xlsx_download_is_audited_without_naming_a_child(signed_in, demo):
    signed_in("oak_senco").get(census_url(demo, format="xlsx"))
    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED, actor=demo["oak_senco"])
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values["format"] == "xlsx"
    assert event.new_values["rows"] == 2
    assert "XLSX" in event.note
    assert "Martin" not in event.note and "Ava" not in event.note


def test_the_census_page_offers_the_xlsx(signed_in, demo):
    page = reverse("census_export", args=[demo["north_oak"].pk])
    html = signed_in("oak_senco").get(page, {"date": CENSUS}).content.decode()
    assert f"date={CENSUS}&amp;format=xlsx" in html


@pytest.mark.parametrize(
    "persona", ["oak_governor", "hill_senco", "north_caseworker", "north_parent"]
)
def test_the_census_xlsx_is_404_for_anyone_who_cannot_see_the_csv(signed_in, demo, persona):
    assert signed_in(persona).get(census_url(demo, format="xlsx")).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


def test_a_bad_census_date_gives_the_page_not_an_xlsx(signed_in, demo):
    url = reverse("census_export_download", args=[demo["north_oak"].pk])
    response = signed_in("oak_senco").get(url, {"date": "2027-02-30", "format": "xlsx"})
    assert response.status_code == 200
    assert "Enter the census date as a real date" in response.content.decode()
    assert "Content-Disposition" not in response


# SEN2 -----------------------------------------------------------------------------------------


@pytest.fixture
def sen2_world(demo):
    make_case(
        demo,
        demo["ava"],
        received=date(2025, 3, 3),
        issued_on=date(2025, 7, 14),
        placement=demo["north_oak"],
    )


def sen2_url(demo, la="north_la"):
    return reverse("sen2_xlsx", kwargs={"la_id": demo[la].pk})


def test_the_sen2_records_come_as_xlsx_with_the_csvs_columns(signed_in, demo, sen2_world):
    response = signed_in("north_manager").get(sen2_url(demo), {"date": "2026-01-15"})
    assert response["Content-Disposition"] == 'attachment; filename="sen2-990-2026-01-15.xlsx"'
    rows = workbook_rows(response)
    assert list(rows[0]) == CSV_HEADERS
    records = [dict(zip(CSV_HEADERS, row, strict=True)) for row in rows[1:]]
    assert sorted(r["module"] for r in records) == ["1", "2", "3", "4", "5"]
    person = next(r for r in records if r["module"] == "1")
    assert person["birth_date"] == datetime.combine(demo["ava"].date_of_birth, datetime.min.time())
    request = next(r for r in records if r["module"] == "2")
    assert request["received_date"] == datetime(2025, 3, 3)


def test_the_sen2_xlsx_download_is_audited(signed_in, demo, sen2_world):
    signed_in("north_caseworker").get(sen2_url(demo), {"date": "2026-01-15"})
    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED, actor=demo["north_caseworker"])
    assert event.organisation_id == demo["north_la"].pk
    assert "xlsx" in event.note
    assert "Ava" not in event.note and "Martin" not in event.note


def test_the_sen2_page_offers_the_xlsx(signed_in, demo):
    page = reverse("sen2_return", kwargs={"la_id": demo["north_la"].pk})
    html = signed_in("north_caseworker").get(page, {"date": "2026-01-15"}).content.decode()
    assert f"{sen2_url(demo)}?date=2026-01-15" in html


@pytest.mark.parametrize(
    "persona", ["south_caseworker", "south_manager", "oak_senco", "oak_governor", "north_parent"]
)
def test_the_sen2_xlsx_is_404_outside_the_councils_send_team(signed_in, demo, persona):
    assert signed_in(persona).get(sen2_url(demo), {"date": "2026-01-15"}).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


def test_the_sen2_xlsx_needs_a_census_date(signed_in, demo):
    response = signed_in("north_caseworker").get(sen2_url(demo))
    assert response.status_code == 200
    assert "Content-Disposition" not in response
