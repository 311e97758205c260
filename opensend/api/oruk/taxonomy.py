"""The two taxonomies the Local Offer is classified by, as Open Referral UK sees them.

OpenSEND keeps no taxonomy tables: a service's category is a `ServiceCategory` value and its
needs are DfE school census SEN type codes (`law.codes.NEED_TYPES`). ORUK wants each taxonomy
and term to have a UUID, and other directories store those ids, so they are derived, never
random: `uuid5(NAMESPACE, "<taxonomy>:<code>")`. The same code gives the same id on every
installation and every day. NAMESPACE must therefore never change.

- "OpenSEND Local Offer categories": one term per `ServiceCategory`; every service has one.
- "DfE SEN type (school census)": the current census codes (legacy BESD is left out, and so is
  NSA, which records a pupil with no specialist assessment and describes no service). A
  service "for all needs" is linked to every term, so a search for services for, say, autism
  finds the services open to every need as well as those for autism alone.
"""

import uuid
from dataclasses import dataclass, field

from opensend.law.codes import NEED_TYPES
from opensend.publishing.models import ServiceCategory

# Fixed for ever: changing it would change every published taxonomy and term id.
NAMESPACE = uuid.UUID("4f0b8e2a-6c1d-5b7e-9a3f-0d2c8e1b7a55")

CATEGORY = "category"
SEN_TYPE = "sen_type"
# Codes that describe a pupil's record rather than a kind of need a service is for.
NOT_SERVICE_NEEDS = frozenset({"NSA"})


def derived_id(*parts: object) -> uuid.UUID:
    """A stable id for something ORUK wants to name but OpenSEND keeps no row for."""
    return uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts))


@dataclass(frozen=True)
class Term:
    taxonomy_key: str
    code: str
    name: str
    description: str

    @property
    def id(self) -> uuid.UUID:
        return derived_id(self.taxonomy_key, self.code)


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str
    description: str
    terms: tuple[Term, ...] = field(default=())

    @property
    def id(self) -> uuid.UUID:
        return derived_id("taxonomy", self.key)


CATEGORIES = Taxonomy(
    key=CATEGORY,
    name="OpenSEND Local Offer categories",
    description=(
        "The kinds of service in an OpenSEND Local Offer (Children and Families Act 2014 s30 "
        "and SEND Regulations 2014 Schedule 2): education, health, social care, leisure, "
        "support groups, preparing for adulthood, travel, and information and advice."
    ),
    terms=tuple(
        Term(CATEGORY, value, label, f"Local Offer services in the category “{label}”.")
        for value, label in ServiceCategory.choices
    ),
)

SEN_TYPES = Taxonomy(
    key=SEN_TYPE,
    name="DfE SEN type (school census)",
    description=(
        "The types of special educational need recorded in the Department for Education's "
        "school census. A service is linked to the types of need it is for; a service for "
        "every need is linked to them all."
    ),
    terms=tuple(
        Term(
            SEN_TYPE,
            need.code,
            need.description,
            f"{need.description} (school census SEN type code {need.code}).",
        )
        for need in NEED_TYPES
        if need.status == "current" and need.code not in NOT_SERVICE_NEEDS
    ),
)

TAXONOMIES: tuple[Taxonomy, ...] = (CATEGORIES, SEN_TYPES)
TAXONOMY_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}
TERMS: tuple[Term, ...] = tuple(term for taxonomy in TAXONOMIES for term in taxonomy.terms)
TERM_BY_ID = {term.id: term for term in TERMS}
TAXONOMY_BY_KEY = {taxonomy.key: taxonomy for taxonomy in TAXONOMIES}
_TERM_BY_KEY = {(term.taxonomy_key, term.code): term for term in TERMS}
SEN_TYPE_CODES = frozenset(term.code for term in SEN_TYPES.terms)


def category_term(category: str) -> Term | None:
    return _TERM_BY_KEY.get((CATEGORY, category))


def need_terms(*, for_all_needs: bool, codes) -> list[Term]:
    """A service's SEN type terms: all of them when it is for every need."""
    if for_all_needs:
        return list(SEN_TYPES.terms)
    wanted = set(codes)
    return [term for term in SEN_TYPES.terms if term.code in wanted]
