"""The school census SEN check page as a report (issue 12 item 6): its failures table as CSV and
XLSX, the page as a PDF; neutral filenames, the same rows as the page, each export audited."""

from datetime import date

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from tests.reports.export_checks import csv_rows, filename, pdf_text, xlsx_rows
from tests.reports.test_census_export import pupil

CENSUS = "2027-01-21"


def _get(client, demo, **query):
    return client.get(
        reverse("census_export", args=[demo["north_oak"].pk]), {"date": CENSUS, **query}
    )


def _exports():
    return AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED)


@pytest.fixture
def failing(demo):
    """Two Oakfield pupils who break the census rules: one with no need, one with no status."""
    oak = demo["north_oak"]
    return {
        "no_need": pupil(oak, first_name="Noneed", last_name="Aaron"),
        "no_status": pupil(oak, first_name="Nostatus", last_name="Abbot", statuses=()),
    }


def test_the_failures_table_downloads_as_csv_and_xlsx_with_the_pages_rows(signed_in, demo, failing):
    client = signed_in("oak_senco")
    page = _get(client, demo)
    html = page.content.decode()
    assert f"?date={CENSUS}&amp;download=failures&amp;format=csv" in html
    failures = page.context["export"].failures

    response = _get(client, demo, download="failures", format="csv")
    assert filename(response) == f"census-sen-check-{demo['north_oak'].urn}-{CENSUS}-failures.csv"
    rows = csv_rows(response)
    assert rows[0] == ["Pupil", "Provision", "Problems"]
    assert len(rows) - 1 == len(failures)
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Aaron, Noneed"][1] == "K"
    assert "need a primary type of need" in by_name["Aaron, Noneed"][2]
    assert by_name["Abbot, Nostatus"][1] == "Not recorded"
    assert "No SEN provision is recorded" in by_name["Abbot, Nostatus"][2]

    as_xlsx = _get(client, demo, download="failures", format="xlsx")
    assert filename(as_xlsx).endswith("-failures.xlsx")
    assert xlsx_rows(as_xlsx) == rows
    # Both name pupils: each is audited, the note names none.
    events = list(_exports())
    assert len(events) == 2
    assert all(e.organisation_id == demo["north_oak"].pk for e in events)
    assert not any("Noneed" in e.note or "Aaron" in e.note for e in events)


def test_the_check_comes_as_a_pdf_with_its_counts_and_failures(signed_in, demo, failing):
    client = signed_in("oak_senco")
    page = _get(client, demo)
    export = page.context["export"]
    response = _get(client, demo, format="pdf")
    assert filename(response).startswith(f"census-sen-check-{demo['north_oak'].urn}-{CENSUS}")
    text = pdf_text(response)
    assert "School census SEN check" in text
    assert "Thursday 21 January 2027" in text
    assert f"Pupils on roll {len(export.rows)}" in text
    assert f"Would be rejected {len(export.failures)}" in text
    assert "Aaron," in text and "Noneed" in text  # the cell wraps in print
    assert _exports().count() == 1


@pytest.mark.parametrize(
    "query",
    [{"download": "nonsense", "format": "csv"}, {"download": "failures", "format": "pdf"}],
)
def test_a_bad_download_is_a_404_and_not_audited(signed_in, demo, query):
    assert _get(signed_in("oak_senco"), demo, **query).status_code == 404
    assert not _exports().exists()


def test_a_bad_date_shows_the_page_and_its_error_not_a_file(signed_in, demo):
    url = reverse("census_export", args=[demo["north_oak"].pk])
    response = signed_in("oak_senco").get(
        url, {"date": "2027-02-30", "download": "failures", "format": "csv"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Enter the census date as a real date" in response.content.decode()
    assert not _exports().exists()


@pytest.mark.parametrize("persona", ["oak_governor", "hill_senco", "north_caseworker"])
def test_nobody_outside_the_schools_register_gets_them(signed_in, demo, persona):
    client = signed_in(persona)
    assert _get(client, demo, format="pdf").status_code == 404
    assert _get(client, demo, download="failures", format="csv").status_code == 404
    assert not _exports().exists()


def test_the_page_keeps_its_fix_links_and_census_date_form(signed_in, demo, failing):
    html = _get(signed_in("oak_senco"), demo).content.decode()
    assert reverse("child_needs", args=[failing["no_need"].pk]) in html
    assert 'id="census-date"' in html and f'value="{CENSUS}"' in html
    assert date(2027, 1, 21).strftime("%-d %B %Y") in html
