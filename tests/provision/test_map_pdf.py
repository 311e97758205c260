"""The provision map as a PDF (issue 12 item 6): what the page shows this person, audited as the
spreadsheet is, with a neutral filename. The day is Monday 7 September 2026."""

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from tests.provision.conftest import set_oak_terms
from tests.provision.test_views import costed  # noqa: F401 (fixture)
from tests.reports.export_checks import filename, pdf_text

pytestmark = pytest.mark.usefixtures("ticking")


def _pdf(client, demo):
    url = reverse("provision_map", args=[demo["north_oak"].pk])
    return client.get(url, {"year": 2026, "format": "pdf"})


def _exports(demo):
    return AuditEvent.objects.filter(
        kind=AuditEventKind.EXPORTED, organisation_id=demo["north_oak"].pk
    )


def test_the_senco_prints_the_costed_map_with_real_counts(demo, signed_in, costed):  # noqa: F811
    client = signed_in("oak_senco")
    page = client.get(reverse("provision_map", args=[demo["north_oak"].pk]))
    assert "format=pdf" in page.content.decode()
    response = _pdf(client, demo)
    text = pdf_text(response)
    assert filename(response) == f"provision-map-{demo['north_oak'].urn}-2026-2027.pdf"
    assert "Provision map 2026 to 2027" in text
    # The name wraps in its narrow column: "Reading … catch-up … group".
    assert "Reading TA (Mrs" in text and "catch-up" in text
    for cost in ("£705.25", "£538.75", "£649.75", "£1,893.75"):
        assert cost in text
    # Two pupils in the group: staff see the number itself.
    assert "2.5 2 £705.25" in text
    assert "fewer than 5" not in text
    assert _exports(demo).filter(note__contains="PDF").count() == 1


def test_a_governor_gets_the_counts_hidden_and_no_names(demo, signed_in, costed):  # noqa: F811
    response = _pdf(signed_in("oak_governor"), demo)
    text = pdf_text(response)
    assert "Reading TA (Mrs" in text and "£1,893.75" in text
    # "fewer than 5" wraps in its narrow column; the count itself is not there.
    assert "2.5 fewer £705.25" in text and "than 5" in text and "2.5 2 £" not in text
    assert "Leo" not in text and "Patel" not in text
    assert "Leo" not in filename(response)


def test_a_map_without_term_dates_says_so(demo, signed_in):
    text = pdf_text(_pdf(signed_in("oak_senco"), demo))
    assert "No interventions run in 2026 to 2027." in text
    assert "term dates for 2026 to 2027 are not set" in text


def test_the_pdf_is_the_pages_access(demo, signed_in):
    set_oak_terms(demo)
    assert _pdf(signed_in("north_caseworker"), demo).status_code == 404
    assert not _exports(demo).exists()
