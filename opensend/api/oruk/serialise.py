"""Local Offer services as Open Referral UK 3.0 objects (plain dicts, ready for JSON).

The ORUK schemas type every field as a string, number or array, never null, so a field
OpenSEND has no value for is left out rather than sent empty (`_put`). Rows ORUK has tables
for but OpenSEND keeps in the service itself (its location, contact, cost, schedule, area,
taxonomy links) get ids derived from the service's id (`taxonomy.derived_id`), so they stay
the same from one request to the next.

Nothing here names a child: a Local Offer entry describes a service and its provider only.
"""

import re

from opensend.api.oruk.taxonomy import (
    TAXONOMY_BY_KEY,
    Taxonomy,
    Term,
    category_term,
    derived_id,
    need_terms,
)
from opensend.publishing.models import Cost, Service

# Where a service is, the address lines are split on new lines and commas.
_ADDRESS_SEPARATORS = re.compile(r"[\n,]+")


def _put(target: dict, key: str, value) -> None:
    if value is not None and value != "":
        target[key] = value


def _description(service: Service) -> str:
    return "\n\n".join(part.strip() for part in (service.summary, service.description) if part)


def organization(service: Service) -> dict:
    """The provider. ORUK requires a description and OpenSEND keeps none, so it says whose
    Local Offer the provider appears in."""
    provider = service.provider
    authority = service.local_offer.local_authority
    result = {
        "id": str(provider.id),
        "name": provider.name,
        "description": f"{provider.name} provides services listed in the Local Offer of "
        f"{authority.name}.",
    }
    _put(result, "email", provider.email)
    _put(result, "website", provider.website)
    return result


def service_summary(service: Service) -> dict:
    """The one-to-one fields of a service, and its organisation (compiled/service_list.json)."""
    result = {
        "id": str(service.id),
        "organization_id": str(service.provider_id),
        "name": service.name,
        "description": _description(service),
        "status": service.status,
        "fees": service.fees.strip() or Cost(service.cost).label,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.confirmed_on.isoformat(),
        "last_modified": service.updated_at.isoformat(),
        "organization": organization(service),
    }
    _put(result, "url", service.url)
    _put(result, "email", service.email)
    return result


def service_full(service: Service) -> dict:
    """A fully nested service (compiled/service.json). `service` needs `areas` and `needs`
    prefetched."""
    result = service_summary(service)
    result.update(
        schedules=_schedules(service),
        service_areas=_service_areas(service),
        service_at_locations=(
            [service_at_location(service, nested_service=False)] if has_location(service) else []
        ),
        cost_options=_cost_options(service),
        contacts=_contacts(service),
        attributes=_attributes(service),
    )
    return result


def has_location(service: Service) -> bool:
    return bool(service.location_name or service.address.strip() or service.postcode)


def service_at_location_id(service_id) -> str:
    return str(derived_id("service_at_location", service_id))


def service_at_location(service: Service, *, nested_service: str | bool = "summary") -> dict:
    """The service at its one location. `nested_service` is "summary" (list pages), "full"
    (the single record) or False (inside a service, which needs no copy of itself)."""
    place = location(service)
    result = {
        "id": service_at_location_id(service.id),
        "service_id": str(service.id),
        "location_id": place["id"],
        "location": place,
    }
    if nested_service == "summary":
        result["service"] = service_summary(service)
        del place["addresses"]  # the list schema has the location's one-to-one fields only
    elif nested_service == "full":
        result["service"] = service_full(service)
    return result


def location(service: Service) -> dict:
    result = {
        "id": str(derived_id("location", service.id)),
        "location_type": "physical",
        "name": service.location_name or service.name,
        "addresses": [],
    }
    if service.latitude is not None and service.longitude is not None:
        result["latitude"] = float(service.latitude)
        result["longitude"] = float(service.longitude)
    if service.address.strip() or service.postcode:
        result["addresses"].append(_address(service, result["id"]))
    return result


def _address(service: Service, location_id: str) -> dict:
    postcode = service.postcode.strip().upper()
    lines = [line.strip() for line in _ADDRESS_SEPARATORS.split(service.address)]
    lines = [line for line in lines if line and line.upper() != postcode]
    # The first line is the street; the last of the others is the town. OpenSEND keeps no
    # county, so the local authority's area stands in for ORUK's required state_province.
    return {
        "id": str(derived_id("address", service.id)),
        "location_id": location_id,
        "address_1": lines[0] if lines else (service.location_name or service.name),
        "city": lines[-1] if len(lines) > 1 else "",
        "state_province": service.local_offer.local_authority.name,
        "postal_code": postcode,
        "country": "GB",
        "address_type": "physical",
    }


def _schedules(service: Service) -> list[dict]:
    if not service.when.strip():
        return []
    return [
        {
            "id": str(derived_id("schedule", service.id)),
            "service_id": str(service.id),
            "description": service.when.strip(),
        }
    ]


def _service_areas(service: Service) -> list[dict]:
    """The parts of the authority's area it covers, or the whole area when none is named."""
    areas = [(area.id, area.name) for area in service.areas.all()]
    if not areas:
        authority = service.local_offer.local_authority
        areas = [(service.local_offer_id, f"The whole of the area of {authority.name}")]
    return [
        {
            "id": str(derived_id("service_area", service.id, area_id)),
            "service_id": str(service.id),
            "name": name,
            "service_area": name,
        }
        for area_id, name in areas
    ]


def _cost_options(service: Service) -> list[dict]:
    option = {
        "id": str(derived_id("cost_option", service.id)),
        "service_id": str(service.id),
        "option": Cost(service.cost).label,
    }
    if service.cost == Cost.FREE:
        option["amount"] = 0
    _put(option, "amount_description", service.fees.strip())
    return [option]


def _contacts(service: Service) -> list[dict]:
    """One enquiries contact. The UK profile's contact has no phone or email field; HSDS 3.0
    nests `phones` in a contact and gives it an `email`, and the schema allows both."""
    if not (service.telephone or service.email):
        return []
    contact_id = str(derived_id("contact", service.id))
    contact = {"id": contact_id, "service_id": str(service.id), "name": "Enquiries"}
    _put(contact, "email", service.email)
    if service.telephone:
        contact["phones"] = [
            {
                "id": str(derived_id("phone", service.id)),
                "contact_id": contact_id,
                "number": service.telephone,
            }
        ]
    return [contact]


def service_terms(service: Service) -> list[Term]:
    terms = [term for term in (category_term(service.category),) if term is not None]
    codes = [need.code for need in service.needs.all()]
    return terms + need_terms(for_all_needs=service.for_all_needs, codes=codes)


def _attributes(service: Service) -> list[dict]:
    return [
        {
            "id": str(derived_id("attribute", service.id, term.id)),
            "link_id": str(service.id),
            "taxonomy_term_id": str(term.id),
            "taxonomy_term": taxonomy_term(term),
        }
        for term in service_terms(service)
    ]


def taxonomy(item: Taxonomy, *, with_terms: bool = False) -> dict:
    result = {"id": str(item.id), "name": item.name, "description": item.description}
    if with_terms:
        result["taxonomy_terms"] = [taxonomy_term(term) for term in item.terms]
    return result


def taxonomy_term(term: Term) -> dict:
    owner = TAXONOMY_BY_KEY[term.taxonomy_key]
    return {
        "id": str(term.id),
        "name": term.name,
        "description": term.description,
        "taxonomy": owner.name,
        "taxonomy_id": str(owner.id),
        "term": term.code,
    }
