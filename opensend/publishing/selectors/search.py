"""The Local Offer directory's search (issue 11 item 3): a pure read of published entries.

Filters (all optional, parsed by search_forms.ServiceSearchForm): keywords (each word must
appear in the name, summary, description or provider's name), the type of service, a need
(services for every need, or that list it), an age (inside the service's age range), an area
(services that cover it, or that name no area and so cover the whole authority) and the cost.

There is no "distance from a postcode" search: it needs a postcode-to-location dataset, and
none is available to ship with OpenSEND from the package registries we use. The area filter
does that job; `Service.latitude`/`longitude` are kept for Open Referral UK consumers.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from opensend.publishing.models import LocalOffer, LocalOfferArea, Service, ServiceNeed
from opensend.publishing.selectors.public import published_services

PAGE_SIZE = 20
KEYWORD_FIELDS = ("name", "summary", "description", "provider__name")


def _keywords(services, text: str):
    for word in text.split():
        match = Q()
        for field in KEYWORD_FIELDS:
            match |= Q(**{f"{field}__icontains": word})
        services = services.filter(match)
    return services


def _for_need(services, code: str):
    listed = ServiceNeed.objects.filter(service=OuterRef("pk"), code=code)
    return services.filter(Q(for_all_needs=True) | Exists(listed))


def _in_area(services, area: LocalOfferArea):
    # Exists, not a join: a join on the areas table would repeat a service once per area.
    covers = Service.areas.through.objects.filter(service_id=OuterRef("pk"))
    return services.filter(Exists(covers.filter(localofferarea_id=area.pk)) | ~Exists(covers))


def filtered_services(local_offer: LocalOffer, filters: dict):
    services = published_services(local_offer)
    if filters.get("q"):
        services = _keywords(services, filters["q"])
    if filters.get("category"):
        services = services.filter(category=filters["category"])
    if filters.get("need"):
        services = _for_need(services, filters["need"])
    if filters.get("age") is not None:
        age = filters["age"]
        services = services.filter(minimum_age__lte=age, maximum_age__gte=age)
    if filters.get("area") is not None:
        services = _in_area(services, filters["area"])
    if filters.get("cost"):
        services = services.filter(cost=filters["cost"])
    return services.prefetch_related("areas").order_by("name", "pk")


def search_services(local_offer: LocalOffer, filters: dict, *, page=1) -> Page:
    """One page (20 a page) of the published services matching `filters`, by name. The number
    of queries is the same whatever the number of results (a count, the page, its areas)."""
    return Paginator(filtered_services(local_offer, filters), PAGE_SIZE).get_page(page)
