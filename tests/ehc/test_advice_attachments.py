"""Downloading a document given with advice: who may, and what the response says.

The file is served as a download under a neutral name that never names the child, is never
cached, and is never sniffed into another type; each download is in the audit log.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.ehc import services
from tests.ehc.test_advice_pages import PDF, PNG, client_for, frozen, mia  # noqa: F401

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def given(mia):  # noqa: F811
    """The EP's advice, given with a PDF report, a Word document and a picture."""
    advice = services.advice_submit(
        actor=mia["north_ep"],
        advice=mia["mia_ep_advice"],
        needs="Anxiety",
        attachments=[
            services.Upload("Mia Hughes EP report.pdf", "application/pdf", PDF),
            services.Upload("Mia notes.docx", WORD, b"PK\x03\x04"),
            services.Upload("Mia drawing.png", "image/png", PNG),
        ],
    )
    return {**mia, "attachments": list(advice.attachments.order_by("created_at", "pk"))}


def download(client, attachment):
    return client.get(reverse("ehc_attachment", args=[attachment.pk]))


def test_the_author_downloads_under_a_neutral_name_never_cached_or_sniffed(given):
    client = client_for(given["north_ep"])
    for position, attachment in enumerate(given["attachments"], start=1):
        response = download(client, attachment)
        assert response.status_code == 200
        assert response.content == bytes(attachment.data)
        assert response["Content-Type"] == attachment.content_type
        extension = services.ATTACHMENT_TYPES[attachment.content_type]
        assert response["Content-Disposition"] == (
            f'attachment; filename="advice-2026-11-09-{position}{extension}"'
        )
        assert "Mia" not in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_each_download_is_audited_against_the_child(given):
    attachment = given["attachments"][0]
    download(client_for(given["north_caseworker"]), attachment)
    event = AuditEvent.objects.filter(
        kind=AuditEventKind.DOWNLOADED, record_id=str(attachment.pk)
    ).get()
    assert event.actor == given["north_caseworker"]
    assert event.subject_id == given["mia"].pk


def test_the_council_and_the_family_download_shared_advice(given):
    attachment = given["attachments"][0]
    for persona in ("north_caseworker", "north_manager", "north_parent"):
        assert download(client_for(given[persona]), attachment).status_code == 200, persona


def test_the_family_does_not_download_advice_withheld_from_them(given):
    services.advice_share_set(
        actor=given["north_caseworker"],
        advice=given["mia_ep_advice"],
        shared=False,
        reason="Third-party information",
    )
    assert download(client_for(given["north_parent"]), given["attachments"][0]).status_code == 404


@pytest.mark.parametrize(
    "persona", ["hill_senco", "oak_senco", "north_health", "south_ep", "south_caseworker"]
)
def test_nobody_else_downloads(given, persona):
    assert download(client_for(given[persona]), given["attachments"][0]).status_code == 404


def test_signing_in_comes_first(given):
    response = download(Client(), given["attachments"][0])
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_read_only_advice_links_each_document(given):
    text = client_for(given["north_ep"]).get(
        reverse("ehc_advice", args=[given["mia_ep_advice"].pk])
    )
    page = text.content.decode()
    for attachment in given["attachments"]:
        assert reverse("ehc_attachment", args=[attachment.pk]) in page


def test_a_document_uploaded_through_the_page_downloads_as_it_was_sent(mia):  # noqa: F811
    client = client_for(mia["north_ep"])
    upload = SimpleUploadedFile("notes.txt", b"Plain notes", content_type="text/plain")
    client.post(
        reverse("ehc_advice", args=[mia["mia_ep_advice"].pk]),
        {"needs": "Some", "attachments": [upload]},
    )
    attachment = mia["mia_ep_advice"].attachments.get()
    response = download(client, attachment)
    assert response.content == b"Plain notes"
    assert response["Content-Disposition"].endswith('-1.txt"')
