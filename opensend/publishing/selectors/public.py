"""What anyone may read without signing in (DESIGN: "public (no login) | published SEN
information reports, the Local Offer"): published report versions, the Local Offers and
their published entries, published consultation responses. Nothing here names a child: the
records read are a school's report, a provider's entry, and comments published without
anything that identifies their writer (reg 56(2))."""

from django.http import Http404

from opensend.law.information_report import items_for
from opensend.publishing.models import LocalOffer, ReportVersion, Service, ServiceStatus
from opensend.publishing.selectors._access import _get
from opensend.publishing.selectors.consultations import open_on


def public_local_offers():
    return LocalOffer.objects.select_related("local_authority").order_by("local_authority__name")


def get_public_local_offer(slug: str) -> LocalOffer:
    try:
        return public_local_offers().get(slug=slug)
    except LocalOffer.DoesNotExist as error:
        raise Http404("No such Local Offer.") from error


def published_services(local_offer: LocalOffer | None = None):
    """Entries the public sees: approved, and not closed for good."""
    services = (
        Service.objects.filter(is_published=True)
        .exclude(status=ServiceStatus.DEFUNCT)
        .select_related("provider", "local_offer__local_authority")
    )
    if local_offer is not None:
        services = services.filter(local_offer=local_offer)
    return services


def get_published_service(local_offer: LocalOffer, service_id) -> Service:
    return _get(published_services(local_offer), service_id, "No such service.")


def published_versions(school_id):
    """A school's published report versions, newest first (empty if it has published none)."""
    return ReportVersion.objects.filter(report__school_id=school_id).select_related(
        "report__school__local_authority"
    )


def get_published_version(school_id, number: int | None = None) -> ReportVersion:
    """The newest published version (or the one numbered `number`); 404 if there is none."""
    versions = published_versions(school_id)
    try:
        if number is None:
            return versions.order_by("-number")[:1].get()
        return versions.get(number=number)
    except (ReportVersion.DoesNotExist, ValueError, TypeError) as error:
        raise Http404("This school has not published that report.") from error


def report_sections(answers: dict, *, mainstream: bool) -> list[dict]:
    """The report's items in the schedule's order, each with its answer (blank if none):
    what the public page, the PDF and the editor's preview all show."""
    return [
        {"item": item, "text": str(answers.get(item.key) or "").strip()}
        for item in items_for(mainstream=mainstream)
    ]


# --- added for the public pages (public_views) ----------------------------------------------------


def open_consultations(local_offer: LocalOffer, on):
    """The consultations on this Local Offer open on the day `on` (reg 56: comments sought)."""
    return local_offer.consultations.filter(open_on(on)).order_by("closes_on", "title")


def local_offer_of(local_authority_id) -> LocalOffer | None:
    """The authority's Local Offer, if it has one yet (a school's report links to it)."""
    if local_authority_id is None:
        return None
    return LocalOffer.objects.filter(local_authority_id=local_authority_id).first()


def report_school_id(service: Service):
    """The school whose published SEN information report a school's entry is drawn from."""
    if service.information_report_id is None:
        return None
    return (
        Service.objects.filter(pk=service.pk)
        .values_list("information_report__school_id", flat=True)
        .first()
    )


def send_policy_url(school_id) -> str:
    """Where the school publishes its SEND policy (its latest recorded version's address on the
    workforce policies list), for a report published as a section of that policy; blank if
    the school has not recorded one."""
    from opensend.workforce.models import PolicyKind, PolicyVersion

    latest = (
        PolicyVersion.objects.filter(
            policy__school_id=school_id,
            policy__kind=PolicyKind.SEND_POLICY,
            policy__retired_on__isnull=True,
        )
        .exclude(document_url="")
        .order_by("-reviewed_on", "-number")
        .values_list("document_url", flat=True)
        .first()
    )
    return latest or ""
