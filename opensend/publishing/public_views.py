"""The public pages (issue 11 items 2 and 3): a school's published SEN information report, as a
page, a PDF and a frameable embed; every authority's Local Offer with its directory search; and
each published service. Nobody signs in to read them (DESIGN "Who sees what": the public sees
published SEN information reports and the Local Offer), so no view here needs a session.

Nothing here names a child: a report version holds the school's own answers, and a service
is a provider's entry. Browsers may keep these pages for a few minutes (they change only when
a school publishes or the authority approves an entry); shared caches may not, because a
signed-in visitor's copy carries their own header.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from opensend.core.pdf import pdf_response, render_pdf
from opensend.law.dates import long_date
from opensend.law.information_report import next_publication_due
from opensend.law.local_offer import SERVICE_QUESTIONS
from opensend.publishing import school_entry
from opensend.publishing.models import ReportVersion
from opensend.publishing.search_forms import NEED_NAMES, ServiceSearchForm
from opensend.publishing.selectors import public
from opensend.publishing.selectors.search import search_services
from opensend.publishing.services._base import today

BROWSER_CACHE = {"private": True, "max_age": 300}
NOT_PUBLISHED = "This school has not published an SEN information report here yet."
# Any site may frame the embed: it is made for schools' own websites, whatever their address,
# and it holds no form or button a framing page could trick anyone into pressing.
EMBED_FRAME_ANCESTORS = "*"


# --- the SEN information report ------------------------------------------------------------------


def _version(school_id, number=None) -> ReportVersion:
    try:
        return public.get_published_version(school_id, number)
    except Http404 as error:
        raise Http404(NOT_PUBLISHED) from error


def _report_context(version: ReportVersion) -> dict:
    school = version.report.school
    versions = list(public.published_versions(school.pk).order_by("-number"))
    latest = versions[0]
    return {
        "version": version,
        "school": school,
        "school_name": version.school_name,
        "is_latest": version.number == latest.number,
        "latest": latest,
        "versions": versions,
        "published_on": long_date(version.published_on),
        "next_due": long_date(next_publication_due(latest.published_on)),
        "sections": public.report_sections(
            version.answers, mainstream=school_entry.is_mainstream(school)
        ),
        "local_offer": public.local_offer_of(school.local_authority_id),
        "send_policy_url": public.send_policy_url(school.pk) if version.in_send_policy else "",
        "pdf_url": reverse(
            "public_report_version_pdf", kwargs={"school_id": school.pk, "number": version.number}
        ),
    }


@require_GET
@cache_control(**BROWSER_CACHE)
def report(request, school_id):
    version = _version(school_id)
    return render(request, "publishing/public_report.html", _report_context(version))


@require_GET
@cache_control(**BROWSER_CACHE)
def report_version(request, school_id, number):
    version = _version(school_id, number)
    return render(request, "publishing/public_report.html", _report_context(version))


def _pdf(version: ReportVersion):
    context = {**_report_context(version), "site_url": settings.SITE_URL}
    title = f"SEN information report: {version.school_name}"
    pdf = render_pdf(template_name="pdf/publishing_report.html", context=context, title=title)
    school = version.report.school
    # A school's name is fine in a filename: this document is about the school, not a child.
    who = school.urn or version.school_name
    response = pdf_response(
        pdf=pdf, filename=f"sen-information-report-{who}-{version.published_on:%Y-%m-%d}.pdf"
    )
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_GET
def report_pdf(request, school_id):
    return _pdf(_version(school_id))


@require_GET
def report_version_pdf(request, school_id, number):
    return _pdf(_version(school_id, number))


@xframe_options_exempt
@require_GET
@cache_control(**BROWSER_CACHE)
def report_embed(request, school_id):
    """The newest version alone, for an iframe on the school's website: no header or footer."""
    context = _report_context(_version(school_id))
    response = render(request, "publishing/public_report_embed.html", context)
    response.csp_frame_ancestors = EMBED_FRAME_ANCESTORS  # core.middleware honours it
    return response


# --- the Local Offer ------------------------------------------------------------------------------


@require_GET
@cache_control(**BROWSER_CACHE)
def local_offers(request):
    offers = public.public_local_offers()
    return render(request, "publishing/public_local_offers.html", {"offers": offers})


def _result(service) -> dict:
    return {
        "service": service,
        "areas": [area.name for area in service.areas.all()],
    }


@require_GET
@cache_control(**BROWSER_CACHE)
def local_offer(request, slug):
    offer = public.get_public_local_offer(slug)
    areas = list(offer.areas.all())
    form = ServiceSearchForm(request.GET or None, areas=areas)
    page = None
    if not form.is_bound or form.is_valid():
        page = search_services(offer, form.filters(), page=request.GET.get("page"))
    context = {
        "offer": offer,
        "form": form,
        "has_areas": bool(areas),
        "filtered": bool(form.is_bound and form.is_valid() and form.filters()),
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1) if page else [],
        "results": [_result(service) for service in page.object_list] if page else [],
        "consultations": list(public.open_consultations(offer, today())),
    }
    return render(request, "publishing/public_local_offer.html", context)


@require_GET
@cache_control(**BROWSER_CACHE)
def service(request, slug, service_id):
    offer = public.get_public_local_offer(slug)
    entry = public.get_published_service(offer, service_id)
    answers = entry.answers or {}
    questions = [
        {"question": question.question, "answer": str(answers[question.key]).strip()}
        for question in SERVICE_QUESTIONS
        if str(answers.get(question.key) or "").strip()
    ]
    needs = sorted(NEED_NAMES.get(need.code, need.code) for need in entry.needs.all())
    context = {
        "offer": offer,
        "service": entry,
        "questions": questions,
        "needs": needs,
        "areas": [area.name for area in entry.areas.all()],
        "confirmed_on": long_date(entry.confirmed_on),
        "report_school_id": public.report_school_id(entry),
    }
    return render(request, "publishing/public_service.html", context)
