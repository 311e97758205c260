"""The school census SEN fields export: provision and ranked needs as on the census day, the
census rules' failures, the CSV an MIS imports, query counts, access and bad input."""

import csv
import io
from datetime import date
from itertools import count

import pytest
import time_machine
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.census import autumn_census_day, next_census_day, summer_census_day
from opensend.people.imports import read_csv
from opensend.people.models import Child, Enrolment, Need, SenStatus
from opensend.reports.census import census_export
from tests.queries import assert_constant_queries

CENSUS = date(2027, 1, 21)  # spring census 2027: the third Thursday in January
_serial = count(1)


def pupil(school, *, statuses=(("K", date(2025, 9, 1), None),), needs=(), enrolled=None, **fields):
    """A pupil with a history: `statuses` and `needs` are (value, start, end) periods."""
    number = next(_serial)
    child = Child.objects.create(
        upn=fields.pop("upn", ""),
        first_name=fields.pop("first_name", f"Pupil{number:03d}"),
        last_name=fields.pop("last_name", f"Zz{number:03d}"),
        date_of_birth=fields.pop("date_of_birth", date(2016, 1, 1)),
        home_local_authority=school.local_authority,
    )
    start, end = enrolled or (date(2025, 9, 1), None)
    Enrolment.objects.create(child=child, school=school, year_group="4", start=start, end=end)
    for provision, begin, finish in statuses:
        SenStatus.objects.create(child=child, provision=provision, start=begin, end=finish)
    for (code, rank), begin, finish in needs:
        Need.objects.create(child=child, code=code, rank=rank, start=begin, end=finish)
    return child


def export_for(demo, day=CENSUS):
    return census_export(demo["oak_senco"], demo["north_oak"], day)


def row_for(export, child):
    return next(row for row in export.rows if row.child.pk == child.pk)


def page_url(demo, **query):
    url = reverse("census_export", args=[demo["north_oak"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def download_url(demo, **query):
    url = reverse("census_export_download", args=[demo["north_oak"].pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def read(response) -> list[list[str]]:
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


# Census days ----------------------------------------------------------------------------------


def test_census_days_are_the_dfe_thursdays():
    assert summer_census_day(2027) == date(2027, 5, 20)
    assert autumn_census_day(2026) == date(2026, 10, 1)
    for day in (summer_census_day(2027), autumn_census_day(2026)):
        assert day.weekday() == 3


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 28), date(2027, 1, 21)),
        (date(2027, 1, 22), date(2027, 5, 20)),
        (date(2027, 5, 20), date(2027, 5, 20)),
        (date(2027, 6, 1), date(2027, 10, 7)),
    ],
)
def test_the_next_census_day_is_any_term(today, expected):
    assert next_census_day(today) == expected


# As on the census day -------------------------------------------------------------------------


def test_a_pupil_moved_from_k_to_e_after_the_census_exports_k(demo):
    moved = pupil(
        demo["north_oak"],
        statuses=(("K", date(2025, 9, 1), date(2027, 2, 28)), ("E", date(2027, 3, 1), None)),
        needs=((("SPLD", 1), date(2025, 9, 1), None),),
    )
    assert row_for(export_for(demo), moved).provision == "K"
    assert row_for(export_for(demo, date(2027, 5, 20)), moved).provision == "E"


def test_a_need_ended_before_the_census_is_not_exported_and_ranks_are_in_order(demo):
    child = pupil(
        demo["north_oak"],
        needs=(
            (("SEMH", 3), date(2025, 9, 1), None),
            (("MLD", 1), date(2025, 9, 1), None),
            (("ASD", 2), date(2025, 9, 1), date(2026, 12, 31)),
            (("SLCN", 2), date(2027, 1, 1), None),
            (("VI", 4), date(2027, 2, 1), None),  # after the census
        ),
    )
    row = row_for(export_for(demo), child)
    assert row.needs == ["MLD", "SLCN", "SEMH"]
    assert row.problems == []


def test_pupils_who_left_before_or_joined_after_the_census_are_left_out(demo):
    oak = demo["north_oak"]
    left = pupil(oak, enrolled=(date(2025, 9, 1), date(2027, 1, 20)))
    joined = pupil(oak, enrolled=(date(2027, 1, 22), None))
    left_on_the_day = pupil(oak, enrolled=(date(2025, 9, 1), date(2027, 1, 21)))
    on_roll = {row.child.pk for row in export_for(demo).rows}
    assert left.pk not in on_roll and joined.pk not in on_roll
    assert left_on_the_day.pk in on_roll
    assert demo["ava"].pk in on_roll and demo["mia"].pk not in on_roll  # Mia is at Hillside


# The census rules -----------------------------------------------------------------------------


def test_failures_are_listed_with_the_pupil_and_the_fix(signed_in, demo):
    oak = demo["north_oak"]
    no_need = pupil(oak, first_name="Noneed")
    nsa_on_plan = pupil(
        oak,
        first_name="Planned",
        statuses=(("E", date(2025, 9, 1), None),),
        needs=((("NSA", 1), date(2025, 9, 1), None),),
    )
    no_status = pupil(oak, first_name="Nostatus", statuses=())
    export = export_for(demo)
    assert {row.child.pk for row in export.failures} == {no_need.pk, nsa_on_plan.pk, no_status.pk}
    html = signed_in("oak_senco").get(page_url(demo, date="2027-01-21")).content.decode()
    assert "NSA is only for pupils on SEN support (K)" in html
    assert "need a primary type of need for the spring census" in html
    assert "No SEN provision is recorded" in html
    assert reverse("child_needs", args=[no_need.pk]) in html
    assert reverse("child_sen_status", args=[no_status.pk]) in html
    assert "your MIS will reject their rows" in html
    assert reverse("census_check", args=[oak.pk]) in html


def test_teachers_see_the_failures_without_fix_links(signed_in, demo):
    child = pupil(demo["north_oak"], first_name="Noneed")
    html = signed_in("oak_teacher").get(page_url(demo, date="2027-01-21")).content.decode()
    assert "need a primary type of need for the spring census" in html
    assert reverse("child_needs", args=[child.pk]) not in html


# The file -------------------------------------------------------------------------------------


@time_machine.travel(date(2026, 11, 28))
def test_the_csv_has_the_documented_columns_and_a_row_per_pupil(signed_in, demo):
    pupil(
        demo["north_oak"],
        first_name="Three",
        last_name="Aardvark",
        upn="A123456789012",
        date_of_birth=date(2016, 3, 4),
        needs=(
            (("MLD", 1), date(2025, 9, 1), None),
            (("SLCN", 2), date(2025, 9, 1), None),
            (("SEMH", 3), date(2025, 9, 1), None),
        ),
    )
    response = signed_in("oak_senco").get(download_url(demo))  # default: next census, 2027-01-21
    assert response["Content-Disposition"] == (
        f'attachment; filename="census-sen-{demo["north_oak"].urn or "school"}-2027-01-21.csv"'
    )
    lines = read(response)
    assert lines[0] == [
        "UPN",
        "Surname",
        "Forename",
        "Date of birth",
        "Year group",
        "SEN provision",
        "SEN need 1",
        "SEN need 2",
        "SEN need 3",
    ]
    assert lines[1] == [
        "A123456789012",
        "Aardvark",
        "Three",
        "2016-03-04",
        "4",
        "K",
        "MLD",
        "SLCN",
        "SEMH",
    ]
    assert ["C990010125001", "Martin", "Ava", "2017-05-04", "4", "E", "ASD", "SLCN", ""] in lines
    assert ["R990010125002", "Patel", "Leo", "2018-01-22", "3", "K", "SPLD", "", ""] in lines
    assert len(lines) == 4


def test_the_file_reads_back_with_opensends_own_importer(signed_in, demo):
    lines = read(signed_in("oak_senco").get(download_url(demo, date="2027-01-21")))
    text = "\n".join(",".join(line) for line in lines)
    parsed = read_csv(text)
    assert {"upn", "last_name", "first_name", "date_of_birth", "year_group", "provision"} <= (
        parsed.columns
    )
    assert {"need_1", "need_2"} <= parsed.columns


def test_only_the_valid_rows_can_be_downloaded(signed_in, demo):
    bad = pupil(demo["north_oak"], last_name="Broken")
    client = signed_in("oak_senco")
    everyone = read(client.get(download_url(demo, date="2027-01-21")))
    valid = read(client.get(download_url(demo, date="2027-01-21", rows="valid")))
    assert any(line[1] == "Broken" for line in everyone)
    assert not any(line[1] == "Broken" for line in valid)
    assert len(everyone) == len(valid) + 1
    assert bad.pk


def test_a_formula_in_a_name_is_made_harmless(signed_in, demo):
    pupil(
        demo["north_oak"], last_name="=HYPERLINK(1)", needs=((("MLD", 1), date(2025, 9, 1), None),)
    )
    lines = read(signed_in("oak_senco").get(download_url(demo, date="2027-01-21")))
    assert any(line[1] == "'=HYPERLINK(1)" for line in lines)


def test_the_download_is_audited_without_naming_a_child(signed_in, demo):
    signed_in("oak_senco").get(download_url(demo, date="2027-01-21"))
    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED, actor=demo["oak_senco"])
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values["rows"] == 2
    assert event.subject_id is None
    assert "Martin" not in event.note and "Ava" not in event.note


# Bad input, access, queries ----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2027-02-30", "next thursday", "21/01/2027"])
def test_a_bad_date_is_a_clear_message(signed_in, demo, bad):
    client = signed_in("oak_senco")
    for url in (page_url(demo, date=bad), download_url(demo, date=bad)):
        response = client.get(url)
        assert response.status_code == 200
        assert "Enter the census date as a real date" in response.content.decode()
        assert "Content-Disposition" not in response
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()


def test_a_day_that_is_not_a_census_day_is_flagged(signed_in, demo):
    html = signed_in("oak_senco").get(page_url(demo, date="2027-01-20")).content.decode()
    assert "is not a school census day" in html


@pytest.mark.parametrize("persona", ["oak_governor", "hill_senco", "north_manager", "north_parent"])
def test_everyone_else_gets_404(signed_in, demo, persona):
    client = signed_in(persona)
    assert client.get(page_url(demo)).status_code == 404
    assert client.get(download_url(demo, date="2027-01-21")).status_code == 404


def test_the_census_check_links_to_the_export(signed_in, demo):
    html = signed_in("oak_senco").get(reverse("census_check", args=[demo["north_oak"].pk]))
    assert reverse("census_export", args=[demo["north_oak"].pk]) in html.content.decode()


def test_queries_do_not_grow_with_the_roll(signed_in, demo):
    client = signed_in("oak_senco")
    oak = demo["north_oak"]

    def grow():
        for _ in range(3):
            pupil(
                oak,
                statuses=(("K", date(2025, 9, 1), date(2026, 9, 1)), ("E", date(2026, 9, 2), None)),
                needs=((("MLD", 1), date(2025, 9, 1), None), (("HI", 2), date(2025, 9, 1), None)),
            )
        pupil(oak)  # a failure, with its fix links

    for url in (page_url(demo, date="2027-01-21"), download_url(demo, date="2027-01-21")):
        assert_constant_queries(lambda url=url: client.get(url), grow)
