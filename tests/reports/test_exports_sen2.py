"""The SEN2 page's own tables as CSV and XLSX and the page as a PDF (issue 12 item 6): the same
rows as the page, neutral filenames, and an audit record whenever children's names leave."""

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from tests.reports.export_checks import csv_rows, filename, pdf_text, xlsx_rows
from tests.reports.test_sen2_pages import world  # noqa: F401 (a fixture)
from tests.signin import sign_in

CENSUS = "2026-01-15"


def _get(client, demo, **query):
    url = reverse("sen2_return", kwargs={"la_id": demo["north_la"].pk})
    return client.get(url, {"date": CENSUS, **query})


def _exports():
    return AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED)


def test_the_module_counts_download_with_the_pages_counts_unaudited(client, demo, world):  # noqa: F811
    sign_in(client, demo["north_caseworker"])
    page = _get(client, demo).content.decode()
    assert f"?date={CENSUS}&amp;download=modules&amp;format=csv" in page

    response = _get(client, demo, download="modules", format="csv")
    assert filename(response) == "sen2-990-2026-01-15-modules.csv"
    rows = csv_rows(response)
    assert rows[0] == ["Module", "Records"]
    assert [row[1] for row in rows[1:]] == ["2", "2", "2", "2", "1"]
    assert rows[5][0] == "5. Placements"

    sheet = xlsx_rows(_get(client, demo, download="modules", format="xlsx"))
    assert [row[1] for row in sheet[1:]] == [2, 2, 2, 2, 1]
    # Counts name nobody: not an export of personal data.
    assert not _exports().exists()


def test_the_failures_download_names_the_child_and_is_audited(client, demo, world):  # noqa: F811
    sign_in(client, demo["north_caseworker"])
    page = _get(client, demo)
    failures = page.context["sen2"].failures
    response = _get(client, demo, download="failures", format="csv")
    assert filename(response) == "sen2-990-2026-01-15-failures.csv"
    rows = csv_rows(response)
    assert rows[0] == ["Child", "Problem"]
    assert len(rows) - 1 == len(failures)
    jordan = f"Jordan {demo['jordan'].last_name}"
    assert any(
        name == jordan and problem.startswith("The plan names no school or setting in section I")
        for name, problem in rows[1:]
    )
    event = _exports().get()
    assert event.organisation_id == demo["north_la"].pk
    assert "Jordan" not in event.note

    sheet = xlsx_rows(_get(client, demo, download="failures", format="xlsx"))
    assert filename(_get(client, demo, download="failures", format="xlsx")).endswith(
        "-failures.xlsx"
    )
    assert [list(map(str, row)) for row in sheet] == rows
    assert _exports().count() == 3


def test_the_page_comes_as_a_pdf_with_its_counts_and_failures(client, demo, world):  # noqa: F811
    sign_in(client, demo["north_caseworker"])
    response = _get(client, demo, format="pdf")
    assert filename(response).startswith("sen2-990-2026-01-15")
    assert "Jordan" not in filename(response)
    text = pdf_text(response)
    assert "SEN2 return" in text
    assert "census on 15 January 2026" in text
    assert "5. Placements 1" in text
    assert "Jordan" in text
    assert _exports().count() == 1


@pytest.mark.parametrize(
    "query",
    [{"download": "nonsense", "format": "csv"}, {"download": "failures", "format": "docx"}],
)
def test_a_bad_download_is_a_404_and_not_audited(client, demo, query):
    sign_in(client, demo["north_caseworker"])
    assert _get(client, demo, **query).status_code == 404
    assert not _exports().exists()


def test_a_download_with_a_bad_date_shows_the_page_and_its_error(client, demo):
    sign_in(client, demo["north_caseworker"])
    url = reverse("sen2_return", kwargs={"la_id": demo["north_la"].pk})
    response = client.get(url, {"date": "2026-02-30", "download": "failures", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Enter the census date as a real date in January" in response.content.decode()
    assert not _exports().exists()


@pytest.mark.parametrize("persona", ["south_caseworker", "oak_senco", "north_parent"])
def test_nobody_outside_the_councils_send_team_gets_them(client, demo, persona):
    sign_in(client, demo[persona])
    assert _get(client, demo, format="pdf").status_code == 404
    assert _get(client, demo, download="failures", format="csv").status_code == 404
    assert not _exports().exists()
