"""Helpers for the Open Referral UK API tests: the standard's schemas, and Local Offer entries.

The ORUK 3.0 schemas are read from ../shared/oruk/ (beside the repository) at test time, never
copied into the project (issue 11: "read there at test time, not copied").
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from opensend.organisations.models import Organisation
from opensend.publishing.models import LocalOfferArea, Service, ServiceNeed
from opensend.publishing.services.offers import local_offer_for

ORUK = Path(__file__).resolve().parents[2] / ".." / "shared" / "oruk"
SCHEMAS = ORUK / "schema"
PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}

needs_oruk_schemas = pytest.mark.skipif(
    not (SCHEMAS / "compiled" / "service.json").exists(),
    reason=f"The ORUK 3.0 schemas are not at {ORUK} (the shared folder beside the repository).",
)


@cache
def _registry() -> Registry:
    # taxonomy.json refers to taxonomy_term.json by its file name.
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT202012))
        for path in SCHEMAS.glob("*.json")
    ]
    return Registry().with_resources(resources)


@cache
def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def validate(instance, name: str) -> None:
    """Check `instance` against the ORUK schema `name`, formats (uuid, date-time, email,
    uri) included."""
    validator = jsonschema.Draft202012Validator(
        schema(name), registry=_registry(), format_checker=jsonschema.FormatChecker()
    )
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, error.path))}: {error.message}" for error in errors
    )


def validate_page(body: dict, item_schema: str) -> None:
    for field, kind in PAGE_FIELDS.items():
        assert isinstance(body[field], kind), f"{field} should be a {kind.__name__}"
    for item in body["contents"]:
        validate(item, item_schema)


def north_provider() -> Organisation:
    return Organisation.objects.get(name="Northshire Sensory Support Play Club")


def south_provider() -> Organisation:
    return Organisation.objects.get(name="Southmoor Youth Inclusion Project")


def make_service(local_authority, provider=None, **fields) -> Service:
    """A published Local Offer entry with every field filled unless told otherwise."""
    needs = fields.pop("needs", [])
    areas = fields.pop("areas", [])
    values = {
        "name": "Sensory play sessions",
        "summary": "Play sessions for children with sensory needs.",
        "description": "Small groups, quiet room, trained staff.",
        "category": "leisure",
        "for_all_needs": not needs,
        "minimum_age": 2,
        "maximum_age": 11,
        "cost": "some_cost",
        "fees": "£3 a session",
        "url": "https://play.example.org/sessions",
        "email": "play@example.org",
        "telephone": "01632 960123",
        "location_name": "Northtown Community Centre",
        "address": "12 High Street\nNorthtown",
        "postcode": "NT1 2AB",
        "when": "Saturdays 10am to noon, in term time",
        "is_published": True,
        "confirmed_on": date(2026, 9, 1),
    }
    values.update(fields)
    offer = local_offer_for(local_authority)
    service = Service.objects.create(
        local_offer=offer, provider=provider or north_provider(), **values
    )
    for code in needs:
        ServiceNeed.objects.create(service=service, code=code)
    for name in areas:
        area, _ = LocalOfferArea.objects.get_or_create(local_offer=offer, name=name)
        service.areas.add(area)
    return service
