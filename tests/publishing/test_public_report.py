"""The published SEN information report (issue 11 item 2): a public page at a stable address,
its earlier versions, a PDF and a frameable embed; no sign-in, and no child named anywhere."""

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from opensend.core.middleware import ContentSecurityPolicyMiddleware
from opensend.people.models import Child, Enrolment
from opensend.publishing.services.offers import local_offer_for
from tests.access.routes_publishing_public import publish_report

ODD_NAME = "Quillon Marvabrook"


@pytest.fixture
def oak_reports(demo):
    oak, today = demo["north_oak"], timezone.localdate()
    # A pupil with a name nothing else contains: it must appear on no public page.
    child = Child.objects.create(
        first_name="Quillon",
        last_name="Marvabrook",
        date_of_birth=date(2017, 3, 4),
        home_local_authority=demo["north_la"],
    )
    Enrolment.objects.create(child=child, school=oak, year_group="3", start=date(2024, 9, 1))
    first = publish_report(
        oak,
        number=1,
        published_on=date(2025, 9, 1),
        answers={"kinds_of_sen": "We support pupils with speech and language needs."},
    )
    second = publish_report(
        oak,
        number=2,
        published_on=today - timedelta(days=10),
        answers={
            "kinds_of_sen": "We support all four broad areas of need.",
            "senco": "Our SENCO is Mrs Collins, on 01234 567890.",
        },
        in_send_policy=True,
        summary="New SENCO contact details.",
    )
    return {"school": oak, "first": first, "second": second}


def _url(name, school, **kwargs):
    return reverse(name, kwargs={"school_id": school.pk, **kwargs})


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    result = subprocess.run(
        ["/usr/bin/pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def test_the_newest_version_is_at_the_stable_address_without_signing_in(client, oak_reports):
    school, second = oak_reports["school"], oak_reports["second"]
    response = client.get(_url("public_report", school))
    assert response.status_code == 200
    html = response.content.decode()
    assert school.name in html
    assert f"Published on {second.published_on.day} {second.published_on:%B %Y}" in html
    assert "Next update due by" in html
    assert "We support all four broad areas of need." in html
    assert "part of the school's SEND policy" in html
    assert _url("public_report_version", school, number=1) in html
    assert _url("public_report_version_pdf", school, number=2) in html
    assert "private" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "Sign out" not in html


def test_the_page_uses_the_school_name_as_published(client, oak_reports):
    oak_reports["second"].school_name = "Oakfield Primary (as it was)"
    oak_reports["second"].save()
    html = client.get(_url("public_report", oak_reports["school"])).content.decode()
    assert "Oakfield Primary (as it was)" in html


def test_an_earlier_version_is_kept_at_its_number_and_says_it_was_replaced(client, oak_reports):
    school = oak_reports["school"]
    response = client.get(_url("public_report_version", school, number=1))
    html = response.content.decode()
    assert response.status_code == 200
    assert "speech and language needs" in html
    assert "Published on 1 September 2025" in html
    assert "read the current report" in html
    assert "all four broad areas" not in html


def test_signed_in_visitors_see_the_same_report(signed_in, oak_reports):
    client = signed_in("north_parent")
    response = client.get(_url("public_report", oak_reports["school"]))
    assert response.status_code == 200
    assert "We support all four broad areas of need." in response.content.decode()


def test_it_links_to_the_authority_s_local_offer(client, demo, oak_reports):
    offer = local_offer_for(demo["north_la"])
    html = client.get(_url("public_report", oak_reports["school"])).content.decode()
    assert reverse("local_offer", kwargs={"slug": offer.slug}) in html


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("public_report", {}),
        ("public_report_pdf", {}),
        ("public_report_embed", {}),
        ("public_report_version", {"number": 1}),
        ("public_report_version_pdf", {"number": 1}),
    ],
)
def test_a_school_that_has_published_nothing_gets_a_plain_404(client, demo, name, kwargs):
    response = client.get(_url(name, demo["north_hill"], **kwargs))
    assert response.status_code == 404


def test_an_unknown_version_number_is_404(client, oak_reports):
    assert (
        client.get(_url("public_report_version", oak_reports["school"], number=9)).status_code
        == 404
    )


def test_no_page_names_a_child(client, oak_reports, tmp_path):
    school = oak_reports["school"]
    for name, kwargs in [
        ("public_report", {}),
        ("public_report_embed", {}),
        ("public_report_version", {"number": 1}),
    ]:
        html = client.get(_url(name, school, **kwargs)).content.decode()
        assert ODD_NAME not in html and "Marvabrook" not in html


def test_the_pdf_has_the_report_and_names_no_child(client, oak_reports, tmp_path):
    school, second = oak_reports["school"], oak_reports["second"]
    response = client.get(_url("public_report_pdf", school))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    expected = f"sen-information-report-{school.urn or 'Oakfield'}"
    assert expected in response["Content-Disposition"]
    assert f"{second.published_on:%Y-%m-%d}.pdf" in response["Content-Disposition"]
    text = _pdf_text(response.content, tmp_path)
    assert "SEN information report" in text
    assert "We support all four broad areas of need." in text
    assert "Marvabrook" not in text


def test_an_earlier_version_has_its_own_pdf(client, oak_reports, tmp_path):
    response = client.get(_url("public_report_version_pdf", oak_reports["school"], number=1))
    text = _pdf_text(response.content, tmp_path)
    assert "speech and language needs" in text
    assert "2025-09-01" in response["Content-Disposition"]


def test_only_the_embed_may_be_framed(client, oak_reports):
    school = oak_reports["school"]
    page = client.get(_url("public_report", school))
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    embed = client.get(_url("public_report_embed", school))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "frame-ancestors 'none'" not in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]  # the rest is unchanged


def test_the_embed_is_a_whole_page_without_the_service_s_header(client, oak_reports):
    html = client.get(_url("public_report_embed", oak_reports["school"])).content.decode()
    assert '<html lang="en-GB"' in html
    assert "<title>SEN information report: Oakfield Primary" in html
    assert "govuk-service-navigation" not in html and "govuk-footer" not in html
    assert "We support all four broad areas of need." in html
    assert "<form" not in html


def test_the_middleware_relaxes_frame_ancestors_only_when_a_response_asks(rf):
    def framed(request):
        response = HttpResponse("ok")
        response.csp_frame_ancestors = "*"
        return response

    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    relaxed = ContentSecurityPolicyMiddleware(framed)(rf.get("/"))
    assert plain["Content-Security-Policy"].endswith("frame-ancestors 'none'")
    assert relaxed["Content-Security-Policy"].endswith("frame-ancestors *")
    nonce = re.compile(r"'nonce-[^']+'")
    assert nonce.sub("", relaxed["Content-Security-Policy"]).replace("*", "'none'") == nonce.sub(
        "", plain["Content-Security-Policy"]
    )
