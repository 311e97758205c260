"""The school's support plans list as CSV and XLSX (issue 12 item 6): the plans the page lists
for its "show" filter, and the pupils on SEN support without a plan; audited, neutral file
names. Time is frozen on Friday 27 November 2026."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from opensend.core.models import AuditEvent, AuditEventKind
from tests.queries import assert_constant_queries
from tests.support import test_school_plans as school_plans

# The school plans tests' fixtures: time frozen on 27 November 2026 (autouse) and four plans.
frozen = school_plans.frozen
plans = school_plans.plans
plan_for = school_plans.plan_for
pupil_on_support = school_plans.pupil_on_support

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def page(client, demo, **params):
    return client.get(reverse("school_support_plans", args=[demo["north_oak"].pk]), params)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def exports() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED))


def stem(demo) -> str:
    school = demo["north_oak"]
    return f"support-plans-{school.urn or school.pk}"


@pytest.mark.parametrize("show", ["all", "overdue", "due", "draft"])
def test_the_csv_holds_the_plans_the_page_lists_for_the_same_filter(demo, plans, signed_in, show):
    client = signed_in("oak_senco")

    shown = page(client, demo, show=show)
    response = page(client, demo, show=show, download="plans", format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{stem(demo)}-plans-2026-11-27.csv"'
    )
    assert response["Cache-Control"] == "no-store"
    rows = csv_rows(response)
    assert rows[0] == ["Pupil", "Year", "Plan", "Status", "Review date", "Review"]
    expected = [row.plan.child.full_name for row in shown.context["overview"].rows]
    assert [row[0] for row in rows[1:]] == expected
    assert expected  # every filter has a plan in the fixture


def test_the_file_says_what_the_page_says_about_each_review(demo, plans, signed_in):
    rows = csv_rows(page(signed_in("oak_senco"), demo, download="plans"))
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name[plans["late"].child.full_name][4:] == ["2026-11-24", "Overdue"]
    assert by_name[plans["soon"].child.full_name][4:] == ["2026-12-04", "Due in 7 days"]
    assert by_name[plans["later"].child.full_name][5] == ""
    assert by_name[plans["soon"].child.full_name][1] == "Year 6"


def test_the_pupils_without_a_plan_download(demo, plans, signed_in):
    waiting = pupil_on_support(demo)
    client = signed_in("oak_senco")

    response = page(client, demo, download="without_plan", format="xlsx")

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == (
        f'attachment; filename="{stem(demo)}-without-plan-2026-11-27.xlsx"'
    )
    values = list(load_workbook(io.BytesIO(response.content)).active.values)
    names = [row[0] for row in values[1:]]
    assert names == [
        child.full_name for child in page(client, demo).context["overview"].without_plan
    ]
    assert waiting.full_name in names


def test_each_download_is_audited_without_names(demo, plans, signed_in):
    client = signed_in("oak_senco")

    page(client, demo, show="overdue", download="plans", format="xlsx")

    (event,) = exports()
    assert event.record_type == "School support plans"
    assert event.actor == demo["oak_senco"]
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values == {"list": "plans", "rows": 1, "format": "xlsx", "show": "overdue"}
    child = plans["late"].child
    assert child.last_name not in event.note and child.first_name not in event.note


def test_the_page_links_both_files_with_its_filter(demo, plans, signed_in):
    html = page(signed_in("oak_senco"), demo, show="due").content.decode()
    assert "show=due&amp;download=plans&amp;format=csv" in html
    assert "show=due&amp;download=plans&amp;format=xlsx" in html
    assert exports() == []


@pytest.mark.parametrize("params", [{"download": "pupils"}, {"download": "plans", "format": "ods"}])
def test_an_unknown_download_is_not_found(demo, plans, signed_in, params):
    assert page(signed_in("oak_senco"), demo, **params).status_code == 404
    assert exports() == []


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_caseworker"])
def test_someone_without_the_page_cannot_download(demo, plans, signed_in, persona):
    assert page(signed_in(persona), demo, download="plans").status_code == 404
    assert exports() == []


def test_the_download_runs_the_same_queries_however_many_plans(demo, signed_in):
    client = signed_in("oak_senco")

    def grow():
        plan_for(demo, pupil_on_support(demo), review_due=date(2027, 2, 12))
        pupil_on_support(demo)

    grow()
    assert_constant_queries(lambda: page(client, demo, download="plans"), grow)
    assert_constant_queries(lambda: page(client, demo, download="without_plan"), grow)
