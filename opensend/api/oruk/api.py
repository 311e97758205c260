"""The Local Offer as an Open Referral UK 3.0 API, at /oruk/ (issue 11 item 4).

Read-only and public: no sign-in, the same published entries the Local Offer pages show, from
every authority's Local Offer (filter by `local_authority`). Paths, parameters and response
shapes follow the ORUK 3.0 OpenAPI description, so other councils' and national directories
can harvest the data with the tools they already use. Errors share the /api/v1/ shape,
{"error": {"code", "message", "fields"}}.

Paging follows ORUK's Page object. A page past the end answers 200 with no contents and the
true totals (`empty` true, `last_page` true), so a harvester walking the pages stops cleanly.
"""

import math
import uuid

from django.http import Http404
from django.urls import reverse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from opensend.api.oruk import selectors, serialise
from opensend.api.oruk.taxonomy import TAXONOMIES, TERMS

PROFILE_URL = "https://github.com/openreferral/uk-profile"
_SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_PAGE = 100_000  # far past any real Local Offer; keeps the database offset sensible

oruk_api = NinjaAPI(
    title="OpenSEND Local Offer: Open Referral UK",
    version="3.0",
    description=(
        "The published Local Offer services of every authority on this OpenSEND, in the "
        "[Open Referral UK 3.0](https://openreferraluk.org/) format. Read-only; no sign-in. "
        f"Lists are paged: `page` counts from 1 and `per_page` is {DEFAULT_PER_PAGE} unless "
        f"you ask for up to {MAX_PER_PAGE}; a page past the end is empty, with the true totals. "
        "Services are classified by two taxonomies (see /taxonomies): the Local Offer "
        "categories, and the DfE school census SEN types (a service for every need carries "
        "every SEN type). Besides ORUK's filters, `local_authority` keeps the services of one "
        "authority's Local Offer, by its three-digit LA code. Errors answer as "
        '`{"error": {"code", "message", "fields"}}`.'
    ),
    auth=None,
    urls_namespace="oruk",
)


def _error(request, status: int, code: str, message: str, fields=None):
    return oruk_api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


@oruk_api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("query", "path")]
        fields.setdefault(".".join(location) or "request", []).append(error.get("msg", ""))
    return _error(request, 422, "invalid", "Some of the query is not valid.", fields)


@oruk_api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "not_found", str(exc) or "Not found.")


@oruk_api.exception_handler(HttpError)
def on_http_error(request, exc):
    return _error(request, exc.status_code, "error", str(exc))


def _responds_with(schema: str, *, paged: bool = False) -> dict:
    """The ORUK schema a response follows, for the OpenAPI description."""
    body = {"$ref": _SCHEMAS + schema}
    if paged:
        body = {
            "type": "object",
            "properties": {
                "total_items": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "page_number": {"type": "integer"},
                "size": {"type": "integer"},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean"},
                "contents": {"type": "array", "items": body},
            },
        }
    return {
        "responses": {
            "200": {"description": "OK", "content": {"application/json": {"schema": body}}}
        }
    }


def page_of(items, *, page: int, per_page: int, serialise_one) -> dict:
    """ORUK's Page object. `items` is a queryset (a count and one slice) or a sequence."""
    total = len(items) if isinstance(items, (list, tuple)) else items.count()
    start = (page - 1) * per_page
    contents = [serialise_one(item) for item in items[start : start + per_page]]
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


class Paging(Schema):
    """ORUK's paging parameters, shared by every list."""

    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, counting from 1.")
    per_page: int = Field(
        DEFAULT_PER_PAGE,
        ge=1,
        le=MAX_PER_PAGE,
        description=f"Results a page (1 to {MAX_PER_PAGE}; {DEFAULT_PER_PAGE} if not given).",
    )


class ServiceQuery(Paging):
    """ORUK's service filters (and OpenSEND's `local_authority`), for both service lists."""

    search: str = Field("", description="Words to find in a service's name or description.")
    taxonomy_term_id: uuid.UUID | None = Field(
        None, description="Services with this taxonomy term (see /taxonomy_terms)."
    )
    taxonomy_id: uuid.UUID | None = Field(
        None, description="Services with any term of this taxonomy."
    )
    minimum_age: float | None = Field(
        None, ge=0, description="Services whose minimum age is at least this."
    )
    maximum_age: float | None = Field(
        None, ge=0, description="Services whose maximum age is this or below."
    )
    local_authority: str = Field(
        "",
        max_length=3,
        description="OpenSEND's own filter: the services of one authority's Local Offer, by "
        "its three-digit LA code (for example 926).",
    )


@oruk_api.get(
    "/",
    url_name="meta",
    operation_id="getAPIMetaInformation",
    summary="About this API and its relationship with HSDS",
)
def meta(request):
    return {
        "version": "3.0",
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("oruk:openapi-json")),
    }


@oruk_api.get(
    "/services",
    url_name="service_list",
    operation_id="getPaginatedListOfServices",
    summary="A page of services, with their one-to-one fields",
    openapi_extra=_responds_with("compiled/service_list.json", paged=True),
)
def service_list(request, query: Query[ServiceQuery]):
    return page_of(
        selectors.filtered_services(query),
        page=query.page,
        per_page=query.per_page,
        serialise_one=serialise.service_summary,
    )


@oruk_api.get(
    "/services/{id}",
    url_name="service_get",
    operation_id="getFullyNestedServiceById",
    summary="A fully nested service",
    openapi_extra=_responds_with("compiled/service.json"),
)
def service_get(request, id: str):  # noqa: A002  (ORUK's own parameter name)
    return serialise.service_full(selectors.get_service(id))


@oruk_api.get(
    "/service_at_locations",
    url_name="service_at_location_list",
    operation_id="getPaginatedListOfServiceAtLocation",
    summary="A page of services at their locations (services with a place only)",
    openapi_extra=_responds_with("compiled/service_at_location_list.json", paged=True),
)
def service_at_location_list(request, query: Query[ServiceQuery]):
    return page_of(
        selectors.with_location(selectors.filtered_services(query)),
        page=query.page,
        per_page=query.per_page,
        serialise_one=serialise.service_at_location,
    )


@oruk_api.get(
    "/service_at_locations/{id}",
    url_name="service_at_location_get",
    operation_id="getServiceAtLocationWithNestedDataById",
    summary="A service at its location, fully nested",
    openapi_extra=_responds_with("compiled/service_at_location.json"),
)
def service_at_location_get(request, id: str):  # noqa: A002
    service = selectors.get_service_at_location(id)
    return serialise.service_at_location(service, nested_service="full")


@oruk_api.get(
    "/taxonomies",
    url_name="taxonomy_list",
    operation_id="getPaginatedListOfTaxonomies",
    summary="A page of taxonomies",
    openapi_extra=_responds_with("taxonomy.json", paged=True),
)
def taxonomy_list(request, paging: Query[Paging]):
    return page_of(
        TAXONOMIES, page=paging.page, per_page=paging.per_page, serialise_one=serialise.taxonomy
    )


@oruk_api.get(
    "/taxonomies/{id}",
    url_name="taxonomy_get",
    operation_id="getTaxonomyById",
    summary="A taxonomy, with its terms",
    openapi_extra=_responds_with("taxonomy.json"),
)
def taxonomy_get(request, id: str):  # noqa: A002
    return serialise.taxonomy(selectors.get_taxonomy(id), with_terms=True)


@oruk_api.get(
    "/taxonomy_terms",
    url_name="taxonomy_term_list",
    operation_id="getPaginatedListOfTaxonomyTerms",
    summary="A page of taxonomy terms",
    openapi_extra=_responds_with("taxonomy_term.json", paged=True),
)
def taxonomy_term_list(request, paging: Query[Paging]):
    return page_of(
        TERMS, page=paging.page, per_page=paging.per_page, serialise_one=serialise.taxonomy_term
    )


@oruk_api.get(
    "/taxonomy_terms/{id}",
    url_name="taxonomy_term_get",
    operation_id="getTaxonomyTermById",
    summary="A taxonomy term",
    openapi_extra=_responds_with("taxonomy_term.json"),
)
def taxonomy_term_get(request, id: str):  # noqa: A002
    return serialise.taxonomy_term(selectors.get_taxonomy_term(id))
