import re
import shutil
import subprocess
import zlib

import pytest

from opensend.core.pdf import pdf_response, render_pdf

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")

REPORT_TEMPLATE = """{% extends "pdf/base.html" %}
{% block content %}
<h1>{{ heading }}</h1>
<table>
  <caption>Requests for assessment</caption>
  <thead><tr><th scope="col">Month</th><th scope="col">Requests</th></tr></thead>
  <tbody>{% for month, count in rows %}<tr><td>{{ month }}</td><td>{{ count }}</td></tr>{% endfor %}
  </tbody>
</table>
{% endblock %}
"""


@pytest.fixture
def report_template(settings, tmp_path):
    (tmp_path / "pdf_test").mkdir()
    (tmp_path / "pdf_test" / "report.html").write_text(REPORT_TEMPLATE)
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    return "pdf_test/report.html"


def _render(template_name):
    return render_pdf(
        template_name=template_name,
        context={"heading": "Termly SEN summary", "rows": [("January", 3), ("March", 42)]},
        title="Termly SEN summary for governors",
    )


def test_a_template_renders_to_pdf_bytes(report_template):
    pdf = _render(report_template)
    assert pdf.startswith(b"%PDF")
    assert len(pdf) > 1000


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_carries_its_heading_table_and_page_numbers(report_template, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_render(report_template))
    text = subprocess.run(
        [PDFTOTEXT, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Termly SEN summary" in text
    assert "Requests for assessment" in text
    assert "42" in text
    assert "Page 1 of 1" in text


@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo (poppler-utils) is not installed")
def test_the_pdf_is_tagged_a4_and_titled(report_template, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_render(report_template))
    info = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=True).stdout
    assert "Termly SEN summary for governors" in info
    assert "Tagged:          yes" in info
    assert "(A4)" in info


def _decompressed_streams(pdf: bytes) -> list[bytes]:
    streams = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(raw))
        except zlib.error:
            streams.append(raw)  # not every stream is compressed
    return streams


def test_the_pdf_declares_british_english_and_pdf_ua(report_template):
    streams = _decompressed_streams(_render(report_template))
    assert any(b"/Lang (en-GB)" in stream for stream in streams)
    assert any(b"pdfuaid:part" in stream for stream in streams)


def test_a_long_document_numbers_every_page(tmp_path, report_template):
    if PDFTOTEXT is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = render_pdf(
        template_name=report_template,
        context={"heading": "Long", "rows": [(f"Row {n}", n) for n in range(200)]},
        title="Long",
    )
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    text = subprocess.run([PDFTOTEXT, str(path), "-"], capture_output=True, text=True).stdout
    pages = text.count("Page ")
    assert pages >= 2
    assert f"Page 2 of {pages}" in text


def test_the_download_is_an_attachment_with_a_safe_name():
    response = pdf_response(pdf=b"%PDF-1.7 test", filename="annual review 2026-03-04")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="annual_review_2026-03-04.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b"%PDF-1.7 test"


def test_a_filename_cannot_break_out_of_the_header():
    response = pdf_response(pdf=b"%PDF", filename='plan".pdf\r\nX-Evil: 1')
    assert "\n" not in response["Content-Disposition"]
    assert response["Content-Disposition"].count('"') == 2
