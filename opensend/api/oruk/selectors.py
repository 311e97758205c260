"""What the Open Referral UK API reads: the published Local Offer entries, filtered.

Everything starts from `publishing.selectors.public.published_services()`, so the API can
never show more than the public Local Offer pages do: approved entries that are not closed
for good, from every authority's Local Offer. Lists run a fixed number of queries (a count and
a page) whatever the page size: the list schemas hold only a service's one-to-one fields and
its provider, which `published_services()` already joins.
"""

import uuid

from django.db.models import Q
from django.http import Http404

from opensend.api.oruk.serialise import has_location, service_at_location_id
from opensend.api.oruk.taxonomy import (
    CATEGORY,
    SEN_TYPE,
    SEN_TYPE_CODES,
    TAXONOMY_BY_ID,
    TERM_BY_ID,
)
from opensend.publishing.models import ServiceNeed
from opensend.publishing.selectors.public import published_services


def _needs_q(codes) -> Q:
    """Services for any of `codes`, counting those for every need."""
    listed = ServiceNeed.objects.filter(code__in=codes).values("service_id")
    return Q(for_all_needs=True) | Q(id__in=listed)


def _term_q(term_id: uuid.UUID) -> Q:
    term = TERM_BY_ID.get(term_id)
    if term is None:
        return Q(pk__in=[])  # a well-formed id for no term: nothing matches
    if term.taxonomy_key == CATEGORY:
        return Q(category=term.code)
    return _needs_q([term.code])


def _taxonomy_q(taxonomy_id: uuid.UUID) -> Q:
    taxonomy = TAXONOMY_BY_ID.get(taxonomy_id)
    if taxonomy is None:
        return Q(pk__in=[])
    if taxonomy.key == SEN_TYPE:
        return _needs_q(SEN_TYPE_CODES)
    return Q()  # every service has a category


def filtered_services(filters):
    """`filters`: the list endpoints' ServiceQuery (search, taxonomy and age filters, and
    `local_authority`)."""
    services = published_services()
    if filters.search.strip():
        words = filters.search.strip()
        services = services.filter(
            Q(name__icontains=words) | Q(summary__icontains=words) | Q(description__icontains=words)
        )
    if filters.taxonomy_term_id is not None:
        services = services.filter(_term_q(filters.taxonomy_term_id))
    if filters.taxonomy_id is not None:
        services = services.filter(_taxonomy_q(filters.taxonomy_id))
    # ORUK's own wording: "a minimum age of at least" and "a maximum age equal to or below"
    # the value given (openapi.json, components/parameters).
    if filters.minimum_age is not None:
        services = services.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        services = services.filter(maximum_age__lte=filters.maximum_age)
    if filters.local_authority.strip():
        services = services.filter(
            local_offer__local_authority__la_code=filters.local_authority.strip()
        )
    return services.order_by("name", "id")


def with_location(services):
    return services.exclude(location_name="", address="", postcode="")


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise Http404("No record has that id.") from error


def get_service(service_id: str):
    """A published service, fully nested: its areas and needs come in two more queries."""
    wanted = _uuid(service_id)
    service = published_services().prefetch_related("areas", "needs").filter(id=wanted).first()
    if service is None:
        raise Http404("No published service has that id.")
    return service


def get_service_at_location(service_at_location_id_: str):
    """A service at location's id is derived from its service's (uuid5, one way), so the
    service is found by deriving the id of each published service that has a place. One
    query for the ids; a Local Offer has hundreds of entries, not millions."""
    wanted = str(_uuid(service_at_location_id_))
    for service_id in with_location(published_services()).values_list("id", flat=True):
        if service_at_location_id(service_id) == wanted:
            service = get_service(str(service_id))
            if has_location(service):
                return service
    raise Http404("No service at location has that id.")


def get_taxonomy(taxonomy_id: str):
    taxonomy = TAXONOMY_BY_ID.get(_uuid(taxonomy_id))
    if taxonomy is None:
        raise Http404("No taxonomy has that id.")
    return taxonomy


def get_taxonomy_term(term_id: str):
    term = TERM_BY_ID.get(_uuid(term_id))
    if term is None:
        raise Http404("No taxonomy term has that id.")
    return term
