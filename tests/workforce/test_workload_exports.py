"""The workload pages' downloads (issue 12 item 6): each table as CSV and XLSX and the page as a
PDF, holding what that person's page shows: a governor's, no one named and counts under 5 hidden;
a council's, every school in its own area. Time is frozen on Monday 2 November 2026."""

from django.urls import reverse

from tests.reports.export_checks import csv_rows, filename, pdf_text, xlsx_rows
from tests.workforce.test_workload_views import WORKER_NAMES, oak_built  # noqa: F401 (fixture)
from tests.workforce.workload_fixtures import Job, member, time_record


def _school_url(demo):
    return reverse("workforce_school", args=[demo["north_oak"].pk])


def test_the_senco_downloads_the_key_workers_as_the_page_shows_them(signed_in, demo, oak_built):  # noqa: F811
    client = signed_in("oak_senco")
    page = client.get(_school_url(demo))
    html = page.content.decode()
    assert "download=key-workers&amp;format=csv" in html and "format=pdf" in html
    shown = page.context["workload"].key_workers

    rows = csv_rows(client.get(_school_url(demo), {"download": "key-workers", "format": "csv"}))
    assert rows[0] == ["Key worker", "Children", "Hours given", "Hours they can give", "Capacity"]
    assert [(row[0], int(row[1])) for row in rows[1:]] == [(w.name, w.children) for w in shown]
    assert set(WORKER_NAMES) <= {row[0] for row in rows[1:]}
    amira = next(row for row in rows[1:] if row[0] == "Amira Hassan")
    assert (amira[2], amira[3], amira[4]) == ("5", "5", "Full")

    response = client.get(_school_url(demo), {"download": "key-workers", "format": "xlsx"})
    assert filename(response) == "workforce-{}-key-workers.xlsx".format(demo["north_oak"].urn)
    sheet = xlsx_rows(response)
    assert [[str(cell) for cell in row] for row in sheet] == rows


def test_the_senco_prints_every_figure(signed_in, demo, oak_built):  # noqa: F811
    response = signed_in("oak_senco").get(_school_url(demo), {"format": "pdf"})
    text = pdf_text(response)
    assert filename(response) == "workforce-{}-2026-11-02.pdf".format(demo["north_oak"].urn)
    assert "Oakfield Primary School" in text
    # Words wrap in the PDF's columns: "…now" and "…plan" fall on their own lines.
    assert "Pupils on the SEN register 6 5 on SEN support, 1 with an EHC" in text
    assert "Not all passed" in text
    assert "Pupils per SENCO hour 0.5" in text
    for name in WORKER_NAMES:
        assert name in text
    assert "Training sessions inside and outside directed time, by term" in text


def test_a_governors_pdf_names_no_one_and_hides_small_counts(signed_in, demo, oak_built):  # noqa: F811
    client = signed_in("oak_governor")
    text = pdf_text(client.get(_school_url(demo), {"format": "pdf"}))
    for name in WORKER_NAMES + ("Sarah Collins",):
        assert name not in text
    assert "6 5 on SEN support, fewer than 5 with" in text
    assert "Average caseload Not shown: fewer than 5 children" in text
    assert "Largest caseload fewer than 5 children" in text
    # The managers' table of key workers by name is not theirs to download.
    response = client.get(_school_url(demo), {"download": "key-workers", "format": "csv"})
    assert response.status_code == 404


def test_the_charts_figures_download(signed_in, demo, oak_built):  # noqa: F811
    client = signed_in("oak_senco")
    charts = client.get(_school_url(demo)).context["charts"]
    ratio = charts[0]
    key = "chart-pupils-per-senco-hour-by-term"
    rows = csv_rows(client.get(_school_url(demo), {"download": key, "format": "csv"}))
    assert rows[0] == ["Term", "Pupils per hour"]
    assert [row[0] for row in rows[1:]] == [row.label for row in ratio.rows]
    assert [float(row[1]) for row in rows[1:]] == [float(row.value) for row in ratio.rows]


def test_a_bad_download_is_404(signed_in, demo, oak_built):  # noqa: F811
    client = signed_in("oak_senco")
    assert client.get(_school_url(demo), {"download": "nonsense"}).status_code == 404
    bad_format = {"download": "key-workers", "format": "docx"}
    assert client.get(_school_url(demo), bad_format).status_code == 404
    client.logout()
    assert (
        signed_in("north_manager").get(reverse("workforce_la"), {"download": "x"}).status_code
        == 404
    )


def test_the_council_downloads_every_school_in_its_area(signed_in, demo, oak_built):  # noqa: F811
    hill_senco = member(demo["north_hill"], "Mark Evans", Job.SENCO)
    time_record(hill_senco, 2026, "autumn", senco_hours=1, pupils=(1, 1))
    client = signed_in("north_caseworker")
    html = client.get(reverse("workforce_la")).content.decode()
    assert "download=schools&amp;format=xlsx" in html and "format=pdf" in html

    rows = csv_rows(client.get(reverse("workforce_la"), {"download": "schools", "format": "csv"}))
    headings = rows[0]
    assert headings[:5] == [
        "School",
        "URN",
        "SENCO hours a week",
        "Pupils on the register",
        "Pupils per SENCO hour",
    ]
    # In the page's order (the most stretched first), then the area's totals.
    assert [(row[0], row[4]) for row in rows[1:]] == [
        ("Hillside Academy", "2"),
        ("Oakfield Primary School", "0.5"),
        ("All 2 schools", "0.6"),
    ]
    totals = rows[-1]
    assert (totals[2], totals[3], totals[headings.index("Policies overdue")]) == ("13", "8", "1")
    by_name = client.get(
        reverse("workforce_la"), {"sort": "name", "download": "schools", "format": "xlsx"}
    )
    assert [row[0] for row in xlsx_rows(by_name)[1:3]] == [
        "Hillside Academy",
        "Oakfield Primary School",
    ]

    response = client.get(reverse("workforce_la"), {"format": "pdf"})
    text = pdf_text(response)
    assert filename(response) == "school-workforce-2026-11-02.pdf"
    # School names wrap in the table's narrow first column.
    assert "Hillside" in text and "Oakfield" in text
    assert "1 passed, 1 not all passed, 0 not recorded" in text
    assert "All 2 13 8 0.6" in text  # the totals row: hours, pupils, pupils per hour
    assert "Pupils per SENCO hour at the median school, by term" in text


def test_another_councils_file_holds_only_its_schools(signed_in, demo, oak_built):  # noqa: F811
    client = signed_in("south_manager")
    rows = csv_rows(client.get(reverse("workforce_la"), {"download": "schools", "format": "csv"}))
    assert sorted(row[0] for row in rows[1:-1]) == [
        "Moorgate High School",
        "Riverside Primary School",
    ]
    assert "Oakfield" not in pdf_text(client.get(reverse("workforce_la"), {"format": "pdf"}))
