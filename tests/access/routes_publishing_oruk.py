"""Access cases for the Open Referral UK API at /oruk/ (issue 11 item 4; see cases.py).

The whole API is public and read-only (DESIGN "Who sees what": the public sees "the Local
Offer"): everyone, signed in or not, reads the same published entries. Its records carry no
child, so there is nothing to keep from anyone. ninja's bare root ("oruk:api-root") is the same
address as the ORUK meta endpoint ("oruk:meta"), which answers it.
"""

from datetime import date

from opensend.api.oruk.taxonomy import CATEGORIES, category_term, derived_id
from opensend.organisations.models import Organisation
from opensend.publishing.models import Service
from opensend.publishing.services.offers import local_offer_for
from tests.access.cases import EVERYONE, OK, Case


def publishing_oruk_world(demo) -> dict:
    """One published Northshire service with a place, so the {id} routes have a real id."""
    service = Service.objects.create(
        local_offer=local_offer_for(demo["north_la"]),
        provider=Organisation.objects.get(name="Northshire Sensory Support Play Club"),
        name="Sensory play sessions",
        summary="Play sessions for children with sensory needs.",
        category="leisure",
        location_name="Northtown Community Centre",
        address="12 High Street\nNorthtown",
        postcode="NT1 2AB",
        is_published=True,
        confirmed_on=date(2026, 9, 1),
    )
    return {"oruk_service": service}


def _public(name, kwargs=lambda world: {}, note=""):
    return Case(f"oruk:{name}", EVERYONE, kwargs=kwargs, anonymous=OK, note=note)


CASES: list[Case] = [
    _public("api-root", note="the same address as oruk:meta, which answers it"),
    _public("meta"),
    _public("openapi-json"),
    _public("openapi-view"),
    _public("service_list"),
    _public("service_get", lambda w: {"id": w["oruk_service"].pk}),
    _public("service_at_location_list"),
    _public(
        "service_at_location_get",
        lambda w: {"id": derived_id("service_at_location", w["oruk_service"].pk)},
    ),
    _public("taxonomy_list"),
    _public("taxonomy_get", lambda w: {"id": CATEGORIES.id}),
    _public("taxonomy_term_list"),
    _public("taxonomy_term_get", lambda w: {"id": category_term("leisure").id}),
]
