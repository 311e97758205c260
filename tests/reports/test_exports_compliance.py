"""Parent meetings compliance (issue 12 item 6): the pupils' table as XLSX beside the CSV, with
the same rows, a neutral filename, staff only, each download audited."""

import csv
import io
from datetime import date, datetime

from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from tests.meetings.test_compliance import add_pupil, held, now, oak  # noqa: F401 (fixtures)
from tests.reports.export_checks import filename, xlsx_rows
from tests.signin import sign_in


def _get(client, school, **query):
    return client.get(reverse("meetings_compliance", args=[school.pk]), {"year": 2026, **query})


def test_the_xlsx_has_the_csvs_rows_and_is_audited(oak, now, client, demo):  # noqa: F811
    pupil = add_pupil(oak, "Xlsxpupil")
    held(oak, date(2026, 11, 5), pupil)
    sign_in(client, demo["oak_ta"])
    assert "format=xlsx" in _get(client, oak).content.decode()

    as_csv = _get(client, oak, format="csv")
    csv_lines = list(csv.reader(io.StringIO(as_csv.content.decode())))
    response = _get(client, oak, format="xlsx")
    assert filename(response) == f"parent-meetings-{oak.urn}-2026-2027.xlsx"
    sheet = xlsx_rows(response)
    assert list(sheet[0]) == csv_lines[0]
    assert len(sheet) == len(csv_lines)
    mine = next(row for row in sheet if row[1] == "Xlsxpupil")
    headings = sheet[0]
    assert mine[headings.index("Held")] == 1
    assert mine[headings.index("Status")] == "On track"
    assert mine[headings.index("On the register from")] == datetime(2025, 9, 1)
    mine_csv = next(row for row in csv_lines if row[1] == "Xlsxpupil")
    assert mine_csv[headings.index("On the register from")] == "2025-09-01"
    events = AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED, organisation_id=oak.pk)
    assert sorted(e.new_values["format"] for e in events) == ["csv", "xlsx"]
    assert not any("Xlsxpupil" in e.note for e in events)


def test_governors_get_no_xlsx(oak, now, client, demo):  # noqa: F811
    add_pupil(oak, "Hidden")
    sign_in(client, demo["oak_governor"])
    assert _get(client, oak, format="xlsx").status_code == 403
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()
