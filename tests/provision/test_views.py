"""The provision map pages, as each role sees them. The day is Monday 7 September 2026."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from opensend.provision.models import Intervention
from opensend.provision.services import intervention_pupils_add, intervention_update
from opensend.support.models import SupportProvision
from tests.provision.conftest import TODAY, open_plan, reading_group, set_oak_terms
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("ticking")


def dates(name: str, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _join(demo, group, plans):
    return intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=plans, start=TODAY
    )


@pytest.fixture
def costed(demo):
    """Oak's terms set, the reading group with Leo and one other pupil in it."""
    set_oak_terms(demo)
    group = reading_group(demo)
    _join(demo, group, [open_plan(demo, demo["leo"]), open_plan(demo)])
    return group


def _map_url(demo, **query):
    url = reverse("provision_map", args=[demo["north_oak"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# The map -----------------------------------------------------------------------------------------


def test_the_senco_sees_the_costed_map_for_this_school_year(demo, signed_in, costed):
    html = page(signed_in("oak_senco").get(_map_url(demo)))
    assert "Provision map 2026 to 2027" in html
    assert "Reading catch-up group" in html
    for cost in ("£705.25", "£538.75", "£649.75", "£1,893.75"):
        assert cost in html
    assert "Autumn term" in html and "Total" in html
    assert reverse("intervention_create", args=[demo["north_oak"].pk]) in html
    assert reverse("provision_map_csv", args=[demo["north_oak"].pk]) in html


def test_a_year_with_no_term_dates_says_where_to_set_them(demo, signed_in, costed):
    html = page(signed_in("oak_senco").get(_map_url(demo, year=2027)))
    assert "Provision map 2027 to 2028" in html
    assert "has not set its term dates for 2027 to 2028" in html
    assert reverse("school_term_dates", args=[demo["north_oak"].pk]) + "?year=2027" in html


@pytest.mark.parametrize("bad", ["twenty", "1999", "2100"])
def test_a_bad_year_gets_a_clear_message_and_this_years_map(demo, signed_in, costed, bad):
    html = page(signed_in("oak_senco").get(_map_url(demo, year=bad)))
    assert "There is a problem" in html
    assert "Enter the year as 4 numbers" in html or "Enter a year from 2000 to 2099" in html
    assert "Provision map 2026 to 2027" in html


def test_a_governor_sees_costs_and_counts_but_no_names(demo, signed_in, costed):
    client = signed_in("oak_governor")
    html = page(client.get(_map_url(demo)))
    assert "£1,893.75" in html
    assert "fewer than 5" in html
    assert "Add an intervention" not in html
    detail = page(client.get(reverse("intervention_detail", args=[costed.pk])))
    assert "Patel" not in detail and "Leo" not in detail
    assert "Pupils in it now or due to start: fewer than 5" in detail
    assert "Add pupils" not in detail


def test_a_teacher_sees_the_pupils_but_cannot_change_anything(demo, signed_in, costed):
    html = page(signed_in("oak_teacher").get(reverse("intervention_detail", args=[costed.pk])))
    assert "Patel, Leo" in html
    assert "End place" not in html and "Change details" not in html


def test_the_map_downloads_as_a_spreadsheet(demo, signed_in, costed):
    reading_group(demo, name="=SUM(A1)")  # a name a spreadsheet would run as a formula
    response = signed_in("oak_governor").get(
        reverse("provision_map_csv", args=[demo["north_oak"].pk]) + "?year=2026"
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="provision-map-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-4:] == [
        "Autumn term cost (£)",
        "Spring term cost (£)",
        "Summer term cost (£)",
        "Year total (£)",
    ]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Reading catch-up group"][4:] == [
        "fewer than 5",
        "705.25",
        "538.75",
        "649.75",
        "1893.75",
    ]
    assert "'=SUM(A1)" in by_name
    assert rows[-1][0] == "Total"


def test_the_menu_takes_school_people_to_their_map(demo, signed_in):
    client = signed_in("oak_governor")
    assert "Provision map" in page(client.get(reverse("home")))
    response = client.get(reverse("provision_index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("provision_map", args=[demo["north_oak"].pk])


def test_the_map_page_runs_the_same_queries_however_big_the_school(demo, signed_in):
    set_oak_terms(demo)
    client = signed_in("oak_senco")
    made = {"n": 0}

    def grow():
        made["n"] += 1
        group = reading_group(demo, name=f"Group {made['n']}")
        _join(demo, group, [open_plan(demo), open_plan(demo)])

    grow()
    assert_constant_queries(lambda: page(client.get(_map_url(demo))), grow)


def test_the_intervention_page_runs_the_same_queries_however_many_pupils(demo, signed_in):
    set_oak_terms(demo)
    group = reading_group(demo)
    client = signed_in("oak_senco")
    url = reverse("intervention_detail", args=[group.pk])
    assert_constant_queries(
        lambda: page(client.get(url)),
        lambda: _join(demo, group, [open_plan(demo, outcomes=("One", "Two"))]),
    )


# Adding and changing -----------------------------------------------------------------------------


def _details(**overrides):
    values = {
        "name": "Lego therapy",
        "description": "Social communication through building together",
        "delivery": "group",
        "staff": "TA (Mr Green)",
        "hours_per_week": "1.5",
        "hourly_cost": "17.20",
        "other_costs_per_term": "0",
        "max_pupils": "4",
        **dates("start", date(2026, 9, 14)),
        "end_0": "",
        "end_1": "",
        "end_2": "",
    }
    return {**values, **overrides}


def test_the_senco_adds_an_intervention(demo, signed_in):
    client = signed_in("oak_senco")
    url = reverse("intervention_create", args=[demo["north_oak"].pk])
    assert "Add an intervention" in page(client.get(url))
    response = client.post(url, _details())
    group = Intervention.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intervention_detail", args=[group.pk])
    assert (group.name, group.start, group.end, group.max_pupils) == (
        "Lego therapy",
        date(2026, 9, 14),
        None,
        4,
    )


def test_bad_details_show_the_form_again_with_what_to_fix(demo, signed_in):
    client = signed_in("oak_senco")
    html = page(
        client.post(
            reverse("intervention_create", args=[demo["north_oak"].pk]),
            _details(name="", hours_per_week="lots", hourly_cost="-1", **dates("end", TODAY)),
        )
    )
    assert "There is a problem" in html
    assert "Enter the name of the intervention or group" in html
    assert "The hours a week must be a number, like 2.5" in html
    assert "The staff cost an hour cannot be less than 0" in html
    assert not Intervention.objects.exists()


def test_an_end_before_the_start_comes_back_from_the_service_on_its_field(demo, signed_in):
    client = signed_in("oak_senco")
    html = page(
        client.post(
            reverse("intervention_create", args=[demo["north_oak"].pk]),
            _details(**dates("end", date(2026, 9, 11))),
        )
    )
    assert "The end date must be on or after the start date" in html


def test_a_stale_edit_shows_what_someone_else_changed(demo, signed_in):
    group = reading_group(demo)
    client = signed_in("oak_senco")
    url = reverse("intervention_edit", args=[group.pk])
    assert "Reading catch-up group" in page(client.get(url))
    intervention_update(
        actor=demo["oak_head"],
        intervention=group,
        data={"name": "Reading club"},
        expected_version=1,
    )
    html = page(client.post(url, _details(version="1", name="Phonics group")))
    assert "Someone else changed this while you were editing" in html
    assert "Reading club" in html
    group.refresh_from_db()
    assert group.name == "Reading club"
    response = client.post(url, _details(version="2", name="Phonics group"))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Phonics group"


# Pupils ------------------------------------------------------------------------------------------


def test_the_senco_ticks_pupils_to_put_them_in_and_it_shows_on_their_plans(demo, signed_in):
    group = reading_group(demo, max_pupils=4)
    leo_plan, other_plan = open_plan(demo, demo["leo"]), open_plan(demo)
    client = signed_in("oak_senco")
    url = reverse("intervention_pupils_add", args=[group.pk])
    html = page(client.get(url))
    assert "Patel, Leo" in html and "2.5 hours a week" in html
    response = client.post(
        url, {"plans": [str(leo_plan.pk), str(other_plan.pk)], **dates("start", TODAY)}
    )
    assert response.status_code == 302
    assert SupportProvision.objects.filter(intervention=group).count() == 2
    plan_page = page(client.get(reverse("support_plan_detail", args=[leo_plan.pk])))
    assert "Reading catch-up group" in plan_page
    # Both are in it now, so nobody is left to add.
    assert "There are no pupils to add" in page(client.get(url))


def test_a_full_group_says_so(demo, signed_in):
    group = reading_group(demo, max_pupils=1)
    _join(demo, group, [open_plan(demo)])
    plan = open_plan(demo)
    client = signed_in("oak_senco")
    html = page(
        client.post(
            reverse("intervention_pupils_add", args=[group.pk]),
            {"plans": [str(plan.pk)], **dates("start", TODAY)},
        )
    )
    assert "It is full: it takes at most 1 pupil" in html
    assert not SupportProvision.objects.filter(plan=plan).exists()


def test_choosing_nobody_is_an_error_not_a_crash(demo, signed_in):
    group = reading_group(demo)
    open_plan(demo)
    html = page(
        signed_in("oak_senco").post(
            reverse("intervention_pupils_add", args=[group.pk]), dates("start", TODAY)
        )
    )
    assert "Choose at least one pupil" in html


def test_the_senco_ends_a_pupils_place(demo, signed_in):
    group = reading_group(demo)
    (line,) = _join(demo, group, [open_plan(demo, demo["leo"])])
    client = signed_in("oak_senco")
    url = reverse("intervention_pupil_end", args=[group.pk, line.pk])
    assert "End Leo Patel" in page(client.get(url))
    html = page(client.post(url, dates("end", date(2026, 9, 4))))
    assert "The end date must be on or after the start date" in html
    response = client.post(url, dates("end", date(2026, 10, 23)))
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.end == date(2026, 10, 23)


def test_a_teacher_cannot_end_a_place(demo, signed_in):
    group = reading_group(demo)
    (line,) = _join(demo, group, [open_plan(demo)])
    response = signed_in("oak_teacher").post(
        reverse("intervention_pupil_end", args=[group.pk, line.pk]), dates("end", TODAY)
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.end is None


def test_money_and_hours_are_shown_the_gov_uk_way():
    from decimal import Decimal

    from opensend.provision.templatetags.provision import hours, pounds

    assert pounds(Decimal("1893.75")) == "£1,893.75"
    assert pounds(Decimal("0")) == "£0.00"
    assert (hours(Decimal("2.50")), hours(Decimal("10.00"))) == ("2.5", "10")


def _same_value(cell):
    """A cell as comparable across CSV text and spreadsheet numbers."""
    if cell is None or cell == "":
        return ""
    try:
        return Decimal(str(cell))
    except ArithmeticError:
        return str(cell)


def test_the_map_downloads_as_xlsx_with_the_csvs_rows(demo, signed_in, costed):
    # Issue 12 item 6: the same rows as the CSV, a neutral name, audited like the CSV.
    from opensend.core.models import AuditEvent, AuditEventKind
    from tests.reports.export_checks import filename, xlsx_rows

    client = signed_in("oak_governor")
    url = reverse("provision_map_csv", args=[demo["north_oak"].pk])
    assert "format=xlsx" in page(client.get(_map_url(demo, year=2026)))
    as_csv = list(csv.reader(io.StringIO(client.get(url + "?year=2026").content.decode())))
    response = client.get(url + "?year=2026&format=xlsx")
    assert filename(response) == f"provision-map-{demo['north_oak'].urn}-2026-2027.xlsx"
    sheet = xlsx_rows(response)
    # Costs are numbers in the spreadsheet (they add up in Excel) and "1200.00" in the CSV.
    assert [[_same_value(cell) for cell in row] for row in sheet] == [
        [_same_value(cell) for cell in row] for row in as_csv
    ]
    assert AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).count() == 2
