"""PDF documents (plans, letters, reports) drawn from Django templates by WeasyPrint.

Every PDF is tagged PDF/UA-1 with its language (en-GB, from `pdf/base.html`) and a title, so a
screen reader can navigate it like a web page (Public Sector Bodies Accessibility Regulations
2018 cover documents as well as pages). Templates extend `pdf/base.html`, which holds the print
stylesheet: A4, "Page X of Y" in the footer.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import get_valid_filename

PDF_VARIANT = "pdf/ua-1"  # tagged, for screen readers (ISO 14289-1)
LANGUAGE = "en-GB"


def render_pdf(*, template_name: str, context: dict, title: str) -> bytes:
    """Render `template_name` with `context` to the bytes of an accessible PDF titled `title`."""
    # Imported here: WeasyPrint needs Pango, and the app must start on a machine without it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, {**context, "title": title})
    # Only data: URIs may be fetched: a document must never reach the network or the file
    # system, whatever a template or a person's text inside it refers to.
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    # Set here as well as in pdf/base.html, so a template that forgets them cannot drop them.
    document.metadata.title = title
    document.metadata.lang = LANGUAGE
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def pdf_response(*, pdf: bytes, filename: str) -> HttpResponse:
    """A download of `pdf` named `filename`.

    Callers pass a neutral filename such as "ehc-plan-2025-03-04.pdf", never a child's name:
    downloaded files sit in Downloads folders, shared drives and email attachments, where a name
    would disclose that the child has special educational needs. Use the record's reference or
    date instead.
    """
    name = get_valid_filename(filename)
    if not name.lower().endswith(".pdf"):
        name += ".pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Documents about children must not be kept by shared caches or the browser's back button.
    response["Cache-Control"] = "private, no-store"
    return response
