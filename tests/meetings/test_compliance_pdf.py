"""Parent meetings compliance as a PDF (issue 12 item 6): the staff's names pupils and is audited
like the CSV; the governors' holds only the hidden counts their page shows."""

from datetime import date

from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from tests.meetings.test_compliance import add_pupil, held, now, oak  # noqa: F401 (fixtures)
from tests.reports.export_checks import filename, pdf_text
from tests.signin import sign_in


def _get(client, school, **query):
    return client.get(reverse("meetings_compliance", args=[school.pk]), {"year": 2026, **query})


def _exports(school):
    return AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED, organisation_id=school.pk)


def test_staff_print_every_pupil_and_the_export_is_audited(oak, now, client, demo):  # noqa: F811
    pupil = add_pupil(oak, "Pdfpupil")
    held(oak, date(2026, 11, 5), pupil)
    sign_in(client, demo["oak_ta"])
    assert "format=pdf" in _get(client, oak).content.decode()

    response = _get(client, oak, format="pdf")
    text = pdf_text(response)
    assert filename(response) == f"parent-meetings-{oak.urn}-2026-2027.pdf"
    assert "Meetings with parents, 2026 to 2027" in text
    assert "Testpupil, Pdfpupil" in text
    assert "On track" in text
    assert "3.6" not in text  # nothing stray: figures come from the page's summary
    event = _exports(oak).get()
    assert event.new_values["format"] == "pdf"
    assert "Pdfpupil" not in event.note


def test_governors_print_the_hidden_counts_and_no_names(oak, now, client, demo):  # noqa: F811
    pupil = add_pupil(oak, "Hiddenpupil")
    held(oak, date(2026, 11, 5), pupil)
    sign_in(client, demo["oak_governor"])
    assert "format=pdf" in _get(client, oak).content.decode()

    response = _get(client, oak, format="pdf")
    text = pdf_text(response)
    assert "Hiddenpupil" not in text and "Testpupil" not in text
    assert "Pupils by status" in text and "fewer than 5" in text
    assert "Hiddenpupil" not in filename(response)
    assert not _exports(oak).exists()


def test_the_pdf_keeps_the_pages_access(oak, now, client, demo):  # noqa: F811
    sign_in(client, demo["north_caseworker"])
    assert _get(client, oak, format="pdf").status_code == 404
