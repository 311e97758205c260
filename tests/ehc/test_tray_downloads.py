"""The caseworker's work tray as CSV and XLSX (issue 12 item 6): the rows the page shows, for
the same filters, audited, with neutral file names. Time is frozen on 27 November 2026."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.ehc.services import case_assign
from tests.ehc.test_la_tray import new_case
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("frozen_november")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tray(client, **params):
    return client.get(reverse("ehc_work_tray"), params)


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def page_names(response) -> list[str]:
    return [
        f"{row['case'].child.last_name}, {row['case'].child.first_name}"
        for row in response.context["rows"]
    ]


def test_the_csv_holds_the_pages_rows_for_the_same_filters(signed_in, demo):
    at_oak = new_case(demo, school="north_oak")
    new_case(demo, school="north_hill")
    mine = new_case(demo, school="north_oak")
    case_assign(actor=demo["north_caseworker"], case=mine, caseworker=demo["north_caseworker"])
    client = signed_in("north_caseworker")
    school = str(demo["north_oak"].pk)

    page = tray(client, school=school)
    response = tray(client, school=school, download="cases", format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ehc-work-tray-2026-11-27.csv"'
    assert response["Cache-Control"] == "no-store"
    rows = csv_rows(response)
    assert rows[0][:3] == ["Child", "School", "Stage"]
    names = [row[0] for row in rows[1:]]
    assert names == page_names(page)
    assert at_oak.child.last_name in " ".join(names) and mine.child.last_name in " ".join(names)
    mine_row = next(row for row in rows[1:] if row[0].startswith(mine.child.last_name))
    assert mine_row[1] == demo["north_oak"].name
    assert mine_row[6] == demo["north_caseworker"].full_name

    worker = str(demo["north_caseworker"].pk)
    only_mine = csv_rows(tray(client, worker=worker, download="cases", format="csv"))
    assert [row[0] for row in only_mine[1:]] == page_names(tray(client, worker=worker))


def test_the_xlsx_holds_the_same_rows_with_real_dates(signed_in, demo):
    new_case(demo)
    client = signed_in("north_caseworker")

    response = tray(client, download="cases", format="xlsx")

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="ehc-work-tray-2026-11-27.xlsx"'
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Child"
    assert [row[0] for row in values[1:]] == [
        row[0] for row in csv_rows(tray(client, download="cases"))[1:]
    ]
    assert any(row[4] is not None and hasattr(row[4], "year") for row in values[1:])


def test_each_download_is_audited_without_names(signed_in, demo):
    case = new_case(demo)
    client = signed_in("north_caseworker")
    school = str(demo["north_oak"].pk)

    tray(client, school=school, download="cases", format="xlsx")

    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED, record_type="EHC work tray")
    assert event.actor == demo["north_caseworker"]
    assert event.organisation_id == demo["north_la"].pk
    assert event.new_values["format"] == "xlsx"
    assert event.new_values["school"] == school
    assert event.new_values["rows"] >= 1
    assert case.child.last_name not in event.note and case.child.first_name not in event.note
    assert "rows" in event.note


def test_the_page_is_not_audited_as_an_export_and_links_to_both_files(signed_in, demo):
    new_case(demo)
    client = signed_in("north_caseworker")

    html = tray(client, worker="none").content.decode()

    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()
    assert "download=cases&amp;format=csv" in html and "download=cases&amp;format=xlsx" in html
    assert "worker=none&amp;download=cases" in html


@pytest.mark.parametrize(
    "params", [{"download": "children"}, {"download": "cases", "format": "pdf"}]
)
def test_an_unknown_download_is_not_found(signed_in, params):
    assert tray(signed_in("north_caseworker"), **params).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


@pytest.mark.parametrize("persona", ["oak_senco", "north_parent", "oak_governor"])
def test_someone_outside_the_council_team_cannot_download(signed_in, persona):
    assert tray(signed_in(persona), download="cases", format="csv").status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


def test_the_downloads_query_count_does_not_grow_with_the_cases(signed_in, demo):
    client = signed_in("north_caseworker")

    def grow():
        case = new_case(demo)
        case_assign(actor=demo["north_caseworker"], case=case, caseworker=demo["north_manager"])

    grow()
    assert_constant_queries(lambda: tray(client, download="cases", format="csv"), grow)
    assert_constant_queries(lambda: tray(client, download="cases", format="xlsx"), grow)
