"""What the people who keep the Local Offer directory see (issue 11 item 3): a provider's own
entries and what each needs, the authority's dashboard, its entries, and the changes waiting
for its approval with what each would change.

Access is decided in selectors._access; these read what the caller already may see. "Needs
checking" means not confirmed for 12 months (law.local_offer.entry_stale_on).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from opensend.law.codes import NEED_BY_CODE
from opensend.law.dates import add_months
from opensend.law.local_offer import SERVICE_QUESTIONS, entry_stale_on
from opensend.organisations.models import Organisation, OrganisationKind
from opensend.publishing.models import (
    ChangeStatus,
    Cost,
    LocalOffer,
    LocalOfferArea,
    Service,
    ServiceCategory,
    ServiceChange,
    ServiceNeed,
)
from opensend.publishing.selectors._access import local_offers_kept_by, provider_ids
from opensend.publishing.selectors.consultations import response_status

PAGE_SIZE = 25

PUBLISHED, WAITING, SENT_BACK, NEEDS_CHECKING = (
    "published",
    "waiting",
    "sent_back",
    "needs_checking",
)
STATUS_LABELS = {
    PUBLISHED: ("Published", "govuk-tag--green"),
    WAITING: ("Waiting for approval", "govuk-tag--blue"),
    SENT_BACK: ("Sent back", "govuk-tag--red"),
    NEEDS_CHECKING: ("Needs checking", "govuk-tag--orange"),
}


def stale_cutoff(today: date) -> date:
    """The latest confirmation date that is stale today: `entry_stale_on(d) <= today` exactly
    when `d <= stale_cutoff(today)` (month ends make the step back a few days uneven)."""
    cutoff = add_months(today, -12)
    while entry_stale_on(cutoff + timedelta(days=1)) <= today:
        cutoff += timedelta(days=1)
    while entry_stale_on(cutoff) > today:
        cutoff -= timedelta(days=1)
    return cutoff


def stale_entries(today: date) -> Q:
    """The entries nobody has checked for 12 months: published, not a school's (its report's
    own reminder covers it), and last confirmed on or before `stale_cutoff(today)`."""
    return Q(
        is_published=True,
        information_report__isnull=True,
        confirmed_on__lte=stale_cutoff(today),
    )


def is_stale(service: Service, today: date) -> bool:
    return entry_stale_on(service.confirmed_on) <= today


# --- providers -----------------------------------------------------------------------------------


@dataclass
class EntryRow:
    service: Service
    status: str
    pending: ServiceChange | None = None
    sent_back: ServiceChange | None = None
    stale: bool = False
    stale_on: date | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def tag(self) -> str:
        return STATUS_LABELS[self.status][1]


def _row(service: Service, today: date) -> EntryRow:
    changes = list(service.recent_changes)
    latest = changes[0] if changes else None
    pending = latest if latest and latest.status == ChangeStatus.PENDING else None
    sent_back = latest if latest and latest.status == ChangeStatus.REJECTED else None
    stale = service.is_published and is_stale(service, today)
    if pending:
        status = WAITING
    elif sent_back:
        status = SENT_BACK
    elif stale:
        status = NEEDS_CHECKING
    else:
        status = PUBLISHED if service.is_published else WAITING
    return EntryRow(
        service=service,
        status=status,
        pending=pending,
        sent_back=sent_back,
        stale=stale,
        stale_on=entry_stale_on(service.confirmed_on),
    )


def _with_changes(services):
    return services.prefetch_related(
        Prefetch(
            "changes",
            queryset=ServiceChange.objects.order_by("-created_at"),
            to_attr="recent_changes",
        )
    )


def provider_entry_rows(provider: Organisation, today: date) -> list[EntryRow]:
    """The provider's entries (a school's entry is never a provider's), each with its status."""
    services = Service.objects.filter(provider=provider, information_report__isnull=True)
    services = _with_changes(services.select_related("local_offer__local_authority"))
    return [_row(service, today) for service in services.order_by("name")]


def provider_home_data(user, today: date | None = None) -> dict:
    """For the provider's home page: each of their organisations with its entries, and how
    many need checking, wait for approval or were sent back."""
    today = today or timezone.localdate()
    ids = provider_ids(user)
    if not ids:
        return {"providers": [], "needs_checking": 0}
    providers = []
    for provider in Organisation.objects.filter(
        pk__in=ids, kind=OrganisationKind.LOCAL_OFFER_PROVIDER
    ).order_by("name"):
        rows = provider_entry_rows(provider, today)
        counts = {
            status: sum(1 for row in rows if row.status == status) for status in STATUS_LABELS
        }
        # "In the Local Offer" counts every entry the public sees, a change waiting or not.
        live = sum(1 for row in rows if row.service.is_published)
        providers.append(
            {"organisation": provider, "rows": rows, "entries": len(rows), "live": live, **counts}
        )
    return {
        "providers": providers,
        "needs_checking": sum(p[NEEDS_CHECKING] for p in providers),
    }


def providers_of(user):
    return Organisation.objects.filter(
        pk__in=provider_ids(user), kind=OrganisationKind.LOCAL_OFFER_PROVIDER
    ).order_by("name")


# --- the authority -------------------------------------------------------------------------------


@dataclass
class Dashboard:
    by_category: list = field(default_factory=list)  # (label, count)
    published: int = 0
    pending: int = 0
    stale: int = 0
    school_entries: int = 0
    last_response: date | None = None
    response_due: date | None = None
    response_overdue: bool = False


def dashboard(local_offer: LocalOffer, today: date) -> Dashboard:
    services = Service.objects.filter(local_offer=local_offer)
    published = services.filter(is_published=True)
    counts = dict(
        published.values_list("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    # One answer to "when is the next response due", the same as the consultations page's.
    response = response_status(local_offer, today)
    return Dashboard(
        by_category=[(label, counts.get(value, 0)) for value, label in ServiceCategory.choices],
        published=sum(counts.values()),
        pending=ServiceChange.objects.filter(
            service__local_offer=local_offer, status=ChangeStatus.PENDING
        ).count(),
        stale=services.filter(stale_entries(today)).count(),
        school_entries=services.filter(information_report__isnull=False).count(),
        last_response=response.last_published,
        response_due=response.due,
        response_overdue=response.overdue,
    )


def la_services(
    local_offer: LocalOffer, today: date, *, category="", stale_only=False, provider=""
):
    """The authority's entries, filtered; each row knows whether a change is waiting."""
    pending = ServiceChange.objects.filter(service=OuterRef("pk"), status=ChangeStatus.PENDING)
    services = (
        Service.objects.filter(local_offer=local_offer)
        .select_related("provider")
        .annotate(has_pending=Exists(pending))
        .order_by("name", "pk")
    )
    if category in ServiceCategory.values:
        services = services.filter(category=category)
    if stale_only:
        services = services.filter(stale_entries(today))
    if provider:
        try:
            services = services.filter(provider_id=provider)
            services.exists()  # a malformed id is a filter that matches nothing, not a 500
        except Exception:  # noqa: BLE001 - ValidationError or ValueError from the UUID field
            services = services.none()
    return services


def la_service_page(services, page_number, today: date):
    page = Paginator(services, PAGE_SIZE).get_page(page_number)
    for service in page.object_list:
        service.stale = (
            service.is_published and not service.information_report_id and is_stale(service, today)
        )
    return page


def offer_providers(local_offer: LocalOffer):
    """The organisations with entries in the offer, for the list's filter."""
    return (
        Organisation.objects.filter(local_offer_services__local_offer=local_offer)
        .distinct()
        .order_by("name")
    )


def pending_changes(local_offer: LocalOffer):
    return (
        ServiceChange.objects.filter(service__local_offer=local_offer, status=ChangeStatus.PENDING)
        .select_related("service__provider", "created_by")
        .order_by("created_at")
    )


# --- the difference a change would make ----------------------------------------------------------

LABELS = {
    "name": "Name",
    "summary": "Summary",
    "description": "Description",
    "category": "Kind of service",
    "for_all_needs": "For every need",
    "needs": "Needs it is for",
    "minimum_age": "Youngest age",
    "maximum_age": "Oldest age",
    "areas": "Areas",
    "cost": "Cost",
    "fees": "What it costs",
    "url": "Website",
    "email": "Email",
    "telephone": "Telephone",
    "location_name": "Where",
    "address": "Address",
    "postcode": "Postcode",
    "when": "When it runs",
}


@dataclass(frozen=True)
class Difference:
    label: str
    old: str
    new: str


def _shown(name: str, value, area_names: dict) -> str:
    if name == "category":
        return dict(ServiceCategory.choices).get(value, value or "")
    if name == "cost":
        return dict(Cost.choices).get(value, value or "")
    if name == "for_all_needs":
        return "Yes" if value else "No"
    if name == "needs":
        return ", ".join(NEED_BY_CODE[c].description if c in NEED_BY_CODE else c for c in value)
    if name == "areas":
        return ", ".join(sorted(area_names.get(str(a), "(removed area)") for a in value))
    return "" if value is None else str(value)


def current_fields(service: Service) -> dict:
    from opensend.publishing.services.directory import service_fields

    return service_fields(service)


def change_differences(change: ServiceChange) -> list[Difference]:
    """What the change would change, field by field, labelled; for a new entry, every field
    it fills in (against blank)."""
    service = change.service
    new_entry = not service.is_published
    old = {} if new_entry else current_fields(service)
    area_names = {
        str(pk): name
        for pk, name in LocalOfferArea.objects.filter(
            local_offer=service.local_offer_id
        ).values_list("pk", "name")
    }
    rows = []
    for name, label in LABELS.items():
        if name not in change.proposed:
            continue
        before = _shown(name, old.get(name), area_names) if not new_entry else ""
        after = _shown(name, change.proposed[name], area_names)
        if before != after:
            rows.append(Difference(label, before, after))
    old_answers = old.get("answers") or {}
    new_answers = change.proposed.get("answers") or {}
    for question in SERVICE_QUESTIONS:
        before = str(old_answers.get(question.key) or "")
        after = str(new_answers.get(question.key) or "")
        if before != after:
            rows.append(Difference(question.question, before, after))
    return rows


def needs_by_area() -> list[tuple[str, list[tuple[str, str]]]]:
    """The current need types grouped by broad area, for the entry form's checkboxes."""
    from opensend.publishing.services.directory import NEED_CODES

    groups: dict[str, list] = {}
    for code, need in NEED_BY_CODE.items():
        if code in NEED_CODES:
            groups.setdefault(str(need.broad_area), []).append((code, need.description))
    return list(groups.items())


def service_need_codes(service: Service) -> list[str]:
    return sorted(ServiceNeed.objects.filter(service=service).values_list("code", flat=True))


def authority_home_alerts(user, today: date) -> list[dict]:
    """For the SEND team's home page: per Local Offer they keep, the changes waiting for
    their approval and the entries nobody has checked for 12 months (two grouped queries)."""
    offers = list(local_offers_kept_by(user).order_by("local_authority__name"))
    if not offers:
        return []
    ids = [offer.pk for offer in offers]
    pending = dict(
        ServiceChange.objects.filter(service__local_offer_id__in=ids, status=ChangeStatus.PENDING)
        .values_list("service__local_offer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    stale = dict(
        Service.objects.filter(stale_entries(today), local_offer_id__in=ids)
        .values_list("local_offer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {"offer": offer, "pending": pending.get(offer.pk, 0), "stale": stale.get(offer.pk, 0)}
        for offer in offers
        if pending.get(offer.pk) or stale.get(offer.pk)
    ]


def area_providers(local_offer: LocalOffer) -> list[Organisation]:
    """The Local Offer providers in the council's area, each with how many entries it has,
    how many people keep them, and whether an invitation is still waiting (one query)."""
    from opensend.organisations.models import Invitation, Membership

    members = Membership.objects.filter(organisation=OuterRef("pk"), is_active=True)
    waiting = Invitation.objects.filter(
        organisation=OuterRef("pk"),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_OFFER_PROVIDER,
            local_authority_id=local_offer.local_authority_id,
        )
        .annotate(
            entries=Count("local_offer_services", distinct=True),
            has_members=Exists(members),
            invitation_waiting=Exists(waiting),
        )
        .order_by("name")
    )
