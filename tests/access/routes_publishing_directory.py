"""Access cases for keeping the Local Offer directory (issue 11 item 3), and the records they are
tried on.

Rules shown here (DESIGN "Who sees what": "Local Offer provider | their own directory
entries"): Northshire's provider (Nina Patel) keeps its own entries and sends changes; the
Northshire SEND team (caseworker and manager) keeps Northshire's Local Offer, its entries and
approves changes. Everyone else gets 404 on north's records: Southmoor's team and provider,
schools, families and professionals. Each council's team reaches its own offer from
`publishing_la_index`; each provider its own entries from `publishing_entries_index`.

The POSTs change nothing of note: empty forms show their errors (a nameless entry, a send-back
with no note, settings without a version), and "Still correct" is safe to repeat.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.organisations.models import Organisation
from opensend.publishing.models import (
    LocalOfferArea,
    Service,
    ServiceCategory,
    ServiceChange,
)
from opensend.publishing.services.offers import local_offer_for
from tests.access.cases import NORTH_LA, Case

NORTH_PROVIDER_ORG = "Northshire Sensory Support Play Club"
SOUTH_PROVIDER_ORG = "Southmoor Youth Inclusion Project"
PROVIDERS = frozenset({"north_provider", "south_provider"})
ANY_LA = NORTH_LA | {"south_caseworker", "south_manager"}
NORTH_KEEPERS = NORTH_LA | {"north_provider"}


def make_service(local_offer, provider, *, name="Sensory play sessions", **extra) -> Service:
    values = {
        "summary": "Messy play and sensory rooms for under-8s.",
        "category": ServiceCategory.LEISURE,
        "is_published": True,
        "confirmed_on": timezone.localdate(),
        **extra,
    }
    return Service.objects.create(local_offer=local_offer, provider=provider, name=name, **values)


def publishing_directory_world(demo) -> dict:
    """North's and south's Local Offers; north's provider's published entry (not checked for 13
    months) with a change waiting; the council's own entry; a south entry."""
    north_offer = local_offer_for(demo["north_la"])
    south_offer = local_offer_for(demo["south_la"])
    LocalOfferArea.objects.get_or_create(local_offer=north_offer, name="Northtown")
    LocalOfferArea.objects.get_or_create(local_offer=north_offer, name="Coast")
    north_provider = Organisation.objects.get(name=NORTH_PROVIDER_ORG)
    south_provider = Organisation.objects.get(name=SOUTH_PROVIDER_ORG)
    entry = make_service(
        north_offer,
        north_provider,
        confirmed_on=timezone.localdate() - timedelta(days=400),
    )
    change = ServiceChange.objects.create(
        service=entry,
        base_version=entry.version,
        proposed={"name": "Sensory play sessions", "summary": "Now on Sundays too."},
        created_by=demo["north_provider"],
    )
    council_entry = make_service(
        north_offer, demo["north_la"], name="Northshire SENDIASS", category=ServiceCategory.ADVICE
    )
    south_entry = make_service(south_offer, south_provider, name="Youth club")
    return {
        "north_offer": north_offer,
        "south_offer": south_offer,
        "north_provider_org": north_provider,
        "south_provider_org": south_provider,
        "north_entry": entry,
        "north_change": change,
        "north_council_entry": council_entry,
        "south_entry": south_entry,
    }


def _both(name, allow, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


def _offer(world):
    return {"offer_id": world["north_offer"].pk}


CASES: list[Case] = [
    Case("publishing_entries_index", PROVIDERS, note="each provider goes to its own entries"),
    Case(
        "publishing_provider_entries",
        frozenset({"north_provider"}),
        kwargs=lambda w: {"organisation_id": w["north_provider_org"].pk},
    ),
    *_both(
        "publishing_provider_service_new",
        frozenset({"north_provider"}),
        kwargs=lambda w: {"organisation_id": w["north_provider_org"].pk},
    ),
    *_both(
        "publishing_service_edit",
        NORTH_KEEPERS,
        kwargs=lambda w: {"service_id": w["north_entry"].pk},
    ),
    Case(
        "publishing_service_confirm",
        NORTH_KEEPERS,
        method="post",
        kwargs=lambda w: {"service_id": w["north_entry"].pk},
    ),
    Case("publishing_la_index", ANY_LA, note="each council's team goes to its own offer"),
    Case("publishing_la_offer", NORTH_LA, kwargs=_offer),
    *_both("publishing_la_settings", NORTH_LA, kwargs=_offer),
    Case("publishing_la_services", NORTH_LA, kwargs=_offer),
    *_both("publishing_la_service_new", NORTH_LA, kwargs=_offer),
    Case("publishing_la_changes", NORTH_LA, kwargs=_offer),
    *_both("publishing_la_providers", NORTH_LA, kwargs=_offer),
    # A provider invites its own colleagues; the council's SEND team invites a provider's
    # first account (organisations.selectors.roles_user_may_invite).
    Case(
        "invitation_list",
        frozenset({"north_provider"}) | NORTH_LA,
        kwargs=lambda w: {"organisation_id": w["north_provider_org"].pk},
    ),
    *_both(
        "publishing_change_review",
        NORTH_LA,
        kwargs=lambda w: {"change_id": w["north_change"].pk},
    ),
]
