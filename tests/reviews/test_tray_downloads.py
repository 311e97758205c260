"""The annual review trays as CSV and XLSX (issue 12 item 6): the council's (with its view and
school filter) and the school's (one file per list), audited, with neutral file names.
Time is frozen on 1 October 2026."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opensend.core.models import AuditEvent, AuditEventKind
from tests.queries import assert_constant_queries
from tests.reviews.test_la_views import plan_for, review_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def october(frozen, demo):
    """Two of Oakfield's reviews and one of Hillside's: one due within 8 weeks, two late."""
    frozen.move_to("2026-10-01 10:00")
    return {
        "soon": review_for(plan_for(demo), due_on=date(2026, 11, 2)),
        "late": review_for(plan_for(demo), due_on=date(2026, 9, 1)),
        "hill": review_for(plan_for(demo, school="north_hill"), due_on=date(2026, 9, 14)),
    }


def get(client, name, **params):
    return client.get(reverse(name), params)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED))


# --- the council's tray -------------------------------------------------------------------------


def la_page_names(response) -> list[str]:
    return [
        f"{item['row'].review.child.last_name}, {item['row'].review.child.first_name}"
        for item in response.context["rows"]
    ]


@pytest.mark.parametrize(
    "filters", [{}, {"view": "overdue"}, {"view": "due"}, {"school": "north_hill"}]
)
def test_the_councils_csv_holds_the_pages_rows_for_the_same_filters(
    signed_in, demo, october, filters
):
    if "school" in filters:
        filters = {"school": str(demo[filters["school"]].pk)}
    client = signed_in("north_caseworker")

    page = get(client, "reviews_la_tray", **filters)
    response = get(client, "reviews_la_tray", download="reviews", format="csv", **filters)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="annual-reviews-2026-10-01.csv"'
    assert response["Cache-Control"] == "no-store"
    rows = csv_rows(response)
    assert rows[0] == [
        "Child",
        "School",
        "Review",
        "Review stage",
        "Next step",
        "Due",
        "Programme: hold by",
        "Status",
    ]
    assert [row[0] for row in rows[1:]] == la_page_names(page)
    assert len(rows) > 1


def test_the_councils_file_shows_the_dates_and_words_of_the_page(signed_in, demo, october):
    client = signed_in("north_caseworker")
    rows = csv_rows(get(client, "reviews_la_tray", view="overdue", download="reviews"))
    late = october["late"].child
    row = next(row for row in rows[1:] if row[0] == f"{late.last_name}, {late.first_name}")
    assert row[1] == demo["north_oak"].name
    assert row[5] == "2026-09-01"
    assert row[7] == "Overdue"


def test_the_councils_xlsx_and_its_audit_row(signed_in, demo, october):
    client = signed_in("north_caseworker")
    school = str(demo["north_hill"].pk)

    response = get(client, "reviews_la_tray", school=school, download="reviews", format="xlsx")

    assert response["Content-Type"] == XLSX
    assert (
        response["Content-Disposition"] == 'attachment; filename="annual-reviews-2026-10-01.xlsx"'
    )
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    hill = october["hill"].child
    assert [row[0] for row in values[1:]] == [f"{hill.last_name}, {hill.first_name}"]
    assert values[1][5] == date(2026, 9, 14) or values[1][5].date() == date(2026, 9, 14)
    (event,) = exports()
    assert event.record_type == "Council annual reviews tray"
    assert event.actor == demo["north_caseworker"]
    assert event.organisation_id == demo["north_la"].pk
    assert event.new_values == {
        "list": "reviews",
        "rows": 1,
        "format": "xlsx",
        "view": "all",
        "school": school,
    }
    assert hill.last_name not in event.note and hill.first_name not in event.note


def test_the_councils_page_links_to_the_files_with_its_filters(signed_in, october):
    html = get(signed_in("north_caseworker"), "reviews_la_tray", view="overdue").content.decode()
    assert "view=overdue&amp;download=reviews&amp;format=csv" in html
    assert "view=overdue&amp;download=reviews&amp;format=xlsx" in html
    assert exports() == []


@pytest.mark.parametrize(
    "params", [{"download": "children"}, {"download": "reviews", "format": "doc"}]
)
def test_an_unknown_council_download_is_not_found(signed_in, october, params):
    assert get(signed_in("north_caseworker"), "reviews_la_tray", **params).status_code == 404
    assert exports() == []


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_health"])
def test_only_the_councils_team_can_download_its_tray(signed_in, october, persona):
    response = get(signed_in(persona), "reviews_la_tray", download="reviews", format="csv")
    assert response.status_code == 404
    assert exports() == []


def test_the_councils_download_runs_a_constant_number_of_queries(signed_in, demo, october):
    client = signed_in("north_caseworker")

    def grow():
        for _ in range(3):
            review_for(plan_for(demo), due_on=date(2026, 11, 2))

    assert_constant_queries(lambda: get(client, "reviews_la_tray", download="reviews"), grow)


# --- the school's tray ---------------------------------------------------------------------------


@pytest.mark.parametrize("key", ["overdue", "due", "in_progress", "programme", "later"])
def test_the_schools_files_hold_each_lists_rows(signed_in, demo, october, key):
    client = signed_in("oak_senco")

    page = get(client, "reviews_school_tray")
    response = get(client, "reviews_school_tray", download=key, format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    stem = key.replace("_", "-")
    assert response["Content-Disposition"] == (
        f'attachment; filename="annual-reviews-school-{stem}-2026-10-01.csv"'
    )
    assert response["Cache-Control"] == "no-store"
    rows = csv_rows(response)
    assert rows[0][:3] == ["Child", "Review", "Review stage"]
    assert [row[0] for row in rows[1:]] == [row["child"].full_name for row in page.context[key]]


def test_the_schools_overdue_file_and_its_audit_row(signed_in, demo, october):
    client = signed_in("oak_senco")

    response = get(client, "reviews_school_tray", download="overdue", format="xlsx")

    assert response["Content-Type"] == XLSX
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    late = october["late"].child
    assert [row[0] for row in values[1:]] == [late.full_name]
    assert october["hill"].child.full_name not in [row[0] for row in values]  # Hillside's
    (event,) = exports()
    assert event.record_type == "School annual reviews tray"
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values == {"list": "overdue", "rows": 1, "format": "xlsx"}
    assert late.last_name not in event.note


def test_the_schools_page_links_each_list(signed_in, october):
    html = get(signed_in("oak_senco"), "reviews_school_tray").content.decode()
    assert "?download=overdue&amp;format=csv" in html
    assert "?download=due&amp;format=xlsx" in html
    assert exports() == []


def test_an_unknown_school_download_is_not_found(signed_in, october):
    client = signed_in("oak_senco")
    assert get(client, "reviews_school_tray", download="everything").status_code == 404
    assert get(client, "reviews_school_tray", download="due", format="pdf").status_code == 404
    assert exports() == []


@pytest.mark.parametrize("persona", ["north_parent", "north_health", "north_caseworker"])
def test_only_a_senco_or_head_can_download_the_schools_tray(signed_in, october, persona):
    response = get(signed_in(persona), "reviews_school_tray", download="overdue")
    assert response.status_code == 404
    assert exports() == []


def test_the_schools_download_runs_a_constant_number_of_queries(signed_in, demo, october):
    client = signed_in("oak_senco")

    def grow():
        for _ in range(3):
            review_for(plan_for(demo), due_on=date(2026, 9, 1))

    assert_constant_queries(lambda: get(client, "reviews_school_tray", download="overdue"), grow)
