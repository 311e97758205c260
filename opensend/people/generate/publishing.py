"""What schools and authorities publish (issue 11, "Demo and done").

- Every local authority gets its Local Offer (CFA 2014 s30; SEND Regs 2014 regs 53-57): an
  introduction, how to get it without the internet (reg 57), the SENDIASS and mediation
  contacts (Sch 2 paras 15 and 17) and four to six areas.
- Every school gets its SEN information report (CFA 2014 s69; SEND Regs 2014 reg 51, Sch 1):
  an answer to every item (special schools leave out items 2 and 4), from canned paragraphs
  varied by phase and type, and its published versions. Oakfield has two (last year's and
  this year's); Hillside published only last year's and its draft has gaps, so it is overdue;
  the other persona schools have one recent version; the rest a mix, a few overdue. Each
  school's Local Offer entry is drawn from its newest version (`school_entry.entry_fields`).
- Each persona authority (the authorities of the persona schools) has 100+ further services
  in every category, from itself, its health trust, EP service and social care, the persona
  provider and a few generated providers: some not confirmed for over a year (the stale
  flag), a few with a provider's change waiting, one new entry awaiting approval; and two
  consultations: one closed with "You said, we did" published (reg 56), one open. Other
  authorities get 20 to 30 services.

Nothing here names a child: the texts (publishing_texts) describe no pupil at all. The
reports are planned in publishing_reports, the consultations in publishing_consultations.

Same stream, same rows (ids included): each authority and each school has its own stream,
drawn in a fixed order whether or not it is written. Rows already there (an earlier run) are
not written again; an authority or school whose offer or report was made by hand is left alone.
"""

import random
import re
from collections import Counter, defaultdict
from datetime import date

from django.apps import apps
from django.utils.text import slugify

from opensend.law.dates import add_days, add_months
from opensend.law.local_offer import SERVICE_QUESTIONS
from opensend.people.generate import publishing_texts as texts
from opensend.people.generate.publishing_consultations import plan_consultations
from opensend.people.generate.publishing_reports import (
    phone,
    plan_school,
    school_context,
)
from opensend.people.generate.scales import new_uuid

STALE, CHANGED, CLOSED_FOR_NOW = 8, 4, 2  # per persona authority
ORDER = (
    "organisations.Organisation",
    "publishing.LocalOffer",
    "publishing.LocalOfferArea",
    "publishing.InformationReport",
    "publishing.ReportVersion",
    "publishing.Service",
    "publishing.Service_areas",
    "publishing.ServiceNeed",
    "publishing.ServiceChange",
    "publishing.Consultation",
    "publishing.ConsultationTheme",
    "publishing.ConsultationComment",
)


def _short(name: str) -> str:
    return re.sub(r"( County| City| Borough)? Council$", "", name)


# --- the Local Offer -----------------------------------------------------------------------------


def _models() -> dict:
    found = {label: apps.get_model(label) for label in ORDER if "_areas" not in label}
    found["publishing.Service_areas"] = found["publishing.Service"].areas.through
    return found


def _offer(rng, la, slug: str):
    short = _short(la.name)
    values = {"short": short, "telephone": phone(rng), "slug": slug}
    return _models()["publishing.LocalOffer"](
        id=new_uuid(rng),
        local_authority_id=la.pk,
        slug=slug,
        introduction=texts.INTRODUCTION.format(**values),
        offline_access=texts.OFFLINE_ACCESS.format(**values),
        sendiass_name=f"{short} SENDIASS",
        sendiass_telephone=phone(rng),
        sendiass_email=f"sendiass@{slug}.opensend.example",
        sendiass_website=f"https://{slug}-sendiass.example.org",
        mediation_contact=texts.MEDIATION.format(**{**values, "telephone": phone(rng)}),
    )


def _providers(rng, la, count: int) -> list:
    rows = []
    for pattern in texts.PROVIDERS[:count]:
        name = pattern.format(short=_short(la.name))
        site = slugify(name)
        rows.append(
            _models()["organisations.Organisation"](
                id=new_uuid(rng),
                kind="local_offer_provider",
                name=name,
                local_authority_id=la.pk,
                email=f"hello@{site}.example.org",
                telephone=phone(rng),
                website=f"https://{site}.example.org",
            )
        )
    return rows


ROLE_OF_PROVIDER = {"forum": 0, "autism": 1, "sport": 2, "travel": 3, "breaks": 4}


def _provider_for(role: str, la, known: dict, generated: list):
    """The organisation that runs a service of this role (falling back to the authority)."""
    if role == "club" and known.get("club"):
        return known["club"]
    if role == "club":
        role = "sport"
    if role in ROLE_OF_PROVIDER and generated:
        return generated[ROLE_OF_PROVIDER[role] % len(generated)].pk
    return known.get(role, la.pk)


def _postcode(rng, la) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    prefix = "".join(word[0] for word in _short(la.name).split())[:2].upper().ljust(2, "S")
    tail = rng.choice(letters) + rng.choice(letters)
    return f"{prefix}{rng.randint(1, 19)} {rng.randint(1, 9)}{tail}"


def _service(rng, la, offer, spec, area, provider_id, today: date):
    category, pattern, _, (low, high), needs, cost, _ = spec
    short = _short(la.name)
    name = pattern.format(area=area.name if area else "", short=short)
    codes = sorted(rng.sample(needs, min(len(needs), rng.randint(1, 3)))) if needs else []
    who = texts.WHO.get(codes[0] if len(codes) == 1 else (), texts.WHO[()])
    summary = texts.SUMMARY[category].format(who=who)
    site = slugify(name)
    service = _models()["publishing.Service"](
        id=new_uuid(rng),
        local_offer_id=offer.pk,
        provider_id=provider_id,
        name=name,
        summary=summary,
        description=texts.DESCRIPTION.format(name=name, short=short, summary=summary),
        category=category,
        for_all_needs=not codes,
        minimum_age=low,
        maximum_age=high,
        cost=cost,
        fees=texts.FEES.get(cost, ""),
        url=f"https://{offer.slug}.example.org/local-offer/{site}",
        email=f"{site[:40]}@{offer.slug}.opensend.example",
        telephone=phone(rng),
        when=_when(name, rng.choice(texts.WHEN)),
        answers={
            q.key: texts.ANSWERS[q.key].format(short=short, la=la.name)
            for q in SERVICE_QUESTIONS
            if rng.random() < 0.85
        },
        is_published=True,
        confirmed_on=add_days(today, -rng.randint(7, 330)),
    )
    if rng.random() < 0.6:
        place = area.name if area else short
        service.location_name = f"{place} {rng.choice(texts.LOCATIONS)}"
        service.address = f"{rng.randint(1, 120)} High Street\n{place}\n{short}"
        service.postcode = _postcode(rng, la)
    return service, codes


def plan_local_offer(rng: random.Random, la, slug: str, persona: bool, known: dict, today: date):
    """One authority's Local Offer, its areas, providers, services, changes and consultations:
    [(object, audit values)] in the order they are written."""
    models = _models()
    offer = _offer(rng, la, slug)
    rows = [(offer, {"slug": slug})]
    areas = [
        models["publishing.LocalOfferArea"](id=new_uuid(rng), local_offer_id=offer.pk, name=name)
        for name in texts.AREA_NAMES[: 6 if persona else rng.randint(4, 6)]
    ]
    rows += [(area, None) for area in areas]
    generated = _providers(rng, la, 5 if persona else 3)
    rows += [(org, {"kind": "local_offer_provider"}) for org in generated]
    wanted = [(spec, area) for spec in texts.SERVICES for area in (areas if spec[-1] else [None])]
    if not persona:
        keep = set(rng.sample(range(len(wanted)), rng.randint(20, 30)))
        wanted = [pair for index, pair in enumerate(wanted) if index in keep]
    services = []
    for spec, area in wanted:
        provider_id = _provider_for(spec[2], la, known, generated)
        service, codes = _service(rng, la, offer, spec, area, provider_id, today)
        services.append(service)
        rows.append((service, {"category": service.category}))
        rows += [
            (models["publishing.ServiceNeed"](service_id=service.pk, code=c), None) for c in codes
        ]
        extra = [area] if area else rng.sample(areas, rng.randint(0, 2))
        through = models["publishing.Service_areas"]
        rows += [(through(service_id=service.pk, localofferarea_id=a.pk), None) for a in extra]
    rows += _flags(rng, services, persona, known, today)
    if persona:
        rows += _new_entry(rng, la, offer, areas[0], known, generated, today)
        rows += plan_consultations(rng, offer, today)
    return rows


def _flags(rng, services: list, persona: bool, known: dict, today: date) -> list:
    """Stale entries, closed ones, unpublished drafts and providers' changes waiting."""
    order = rng.sample(services, len(services))
    stale, rest = order[: STALE if persona else 2], order[STALE if persona else 2 :]
    for service in stale:
        service.confirmed_on = add_months(today, -rng.randint(13, 20))
    if not persona:
        return []
    for service in rest[:CLOSED_FOR_NOW]:
        service.status = "temporarily closed"
    rest[CLOSED_FOR_NOW].status = "defunct"
    for service in rest[CLOSED_FOR_NOW + 1 : CLOSED_FOR_NOW + 3]:
        service.is_published = False  # drafts the authority has not finished
    club = known.get("club")
    # Half from the persona provider, so its user has changes waiting; half from others.
    candidates = rest[CLOSED_FOR_NOW + 3 :]
    ordered = [s for s in candidates if s.provider_id == club][: CHANGED // 2]
    ordered += [s for s in candidates if s.provider_id != club][: CHANGED - len(ordered)]
    rows = []
    for service in ordered[:CHANGED]:
        change = _models()["publishing.ServiceChange"](
            id=new_uuid(rng),
            service_id=service.pk,
            proposed={"summary": texts.CHANGED_SUMMARY, "when": texts.CHANGED_WHEN},
            base_version=service.version or 1,
            created_by_id=known.get("club_user") if service.provider_id == club else None,
        )
        rows.append((change, {"status": "pending"}))
    return rows


def _new_entry(rng, la, offer, area, known: dict, generated: list, today: date) -> list:
    """A provider's brand-new entry, waiting for the authority's approval."""
    spec = ("leisure", texts.NEW_ENTRY + " – {area}", "club", (8, 18), (), "some_cost", True)
    provider_id = _provider_for("club", la, known, generated)
    service, _ = _service(rng, la, offer, spec, area, provider_id, today)
    service.is_published = False
    service.confirmed_on = add_days(today, -3)
    user = known.get("club_user") if provider_id == known.get("club") else None
    fields = ("name", "summary", "description", "category", "when", "cost", "fees")
    change = _models()["publishing.ServiceChange"](
        id=new_uuid(rng),
        service_id=service.pk,
        proposed={field: getattr(service, field) for field in fields},
        base_version=1,
        created_by_id=user,
    )
    through = _models()["publishing.Service_areas"]
    return [
        (service, {"category": "leisure", "new": True}),
        (through(service_id=service.pk, localofferarea_id=area.pk), None),
        (change, {"status": "pending", "new": True}),
    ]


# --- consultations (reg 56) ----------------------------------------------------------------------


# Writing ----------------------------------------------------------------------------------------


def _read(persona_school_ids) -> dict:
    """Every authority and school, the persona organisations that run services, the provider
    persona's account, and each school's SENCO (from its staff list, if it has one)."""
    from opensend.organisations.demo import ORGANISATIONS
    from opensend.organisations.models import Membership, Organisation
    from opensend.publishing.models import InformationReport, LocalOffer
    from opensend.workforce.models import StaffMember

    personas = {spec.name: spec for spec in ORGANISATIONS}
    by_urn = {spec.urn: spec.key for spec in ORGANISATIONS if spec.urn}
    schools = list(Organisation.objects.filter(kind="school").order_by("urn", "name"))
    persona_ids = set(persona_school_ids)
    known: dict = defaultdict(dict)
    for org in Organisation.objects.filter(name__in=personas, local_authority__isnull=False):
        role = {
            "local_offer_provider": "club",
            "professional_service": (
                "health" if "Health" in org.name else "ep" if "Psychology" in org.name else "social"
            ),
        }.get(org.kind)
        if role:
            known[org.local_authority_id][role] = org.pk
    for org_id, user_id in (
        Membership.objects.filter(
            role="local_offer_provider", is_active=True, organisation__name__in=personas
        )
        .order_by("user__email")
        .values_list("organisation__local_authority_id", "user_id")
    ):
        known[org_id].setdefault("club_user", user_id)
    sencos = {}
    for school_id, name in (
        StaffMember.objects.filter(job="senco", left_on__isnull=True)
        .order_by("full_name")
        .values_list("school_id", "full_name")
    ):
        sencos.setdefault(school_id, name)
    return {
        "las": list(
            Organisation.objects.filter(kind="local_authority").order_by("la_code", "name")
        ),
        "schools": schools,
        "persona": {s.pk: by_urn.get(s.urn, "") for s in schools if s.pk in persona_ids},
        "known": known,
        "offers": dict(LocalOffer.objects.values_list("local_authority_id", "pk")),
        "slugs": set(LocalOffer.objects.values_list("slug", flat=True)),
        "reports": dict(InformationReport.objects.values_list("school_id", "pk")),
        "sencos": sencos,
    }


def _slug(la, taken: set) -> str:
    """The rule of services.offers.local_offer_for: the name without " Council"."""
    base = slugify(la.name.replace(" Council", ""))[:50] or "local-offer"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def write_publishing(
    rng: random.Random, today: date, persona_school_ids, batch_size: int
) -> Counter:
    """Plan and store every authority's Local Offer and every school's report; {label: rows}."""
    facts = _read(list(persona_school_ids))
    writer = _Writer(batch_size)
    persona_las = {s.local_authority_id for s in facts["schools"] if facts["persona"].get(s.pk)}
    offers, slugs = {}, {}
    taken = set(facts["slugs"])
    for la in facts["las"]:
        # Each its own stream, drawn in order whether or not it is written.
        la_rng = random.Random(rng.getrandbits(64))
        slug = _slug(la, taken)
        rows = plan_local_offer(
            la_rng, la, slug, la.pk in persona_las, facts["known"].get(la.pk, {}), today
        )
        planned = rows[0][0]
        existing = facts["offers"].get(la.pk)
        if existing is not None and existing != planned.pk:  # made by hand: left alone
            offers[la.pk], slugs[la.pk] = existing, None
            continue
        offers[la.pk], slugs[la.pk] = planned.pk, slug
        writer.add(rows, la.pk)
    las = {la.pk: la for la in facts["las"]}
    for school in facts["schools"]:
        school_rng = random.Random(rng.getrandbits(64))
        la = las.get(school.local_authority_id)
        context = school_context(
            school_rng,
            school,
            la,
            slugs.get(school.local_authority_id),
            facts["sencos"].get(school.pk),
        )
        persona = facts["persona"].get(school.pk, "")
        rows = plan_school(
            school_rng, school, persona, context, offers.get(school.local_authority_id), today
        )
        existing = facts["reports"].get(school.pk)
        if existing is not None and existing != rows[0][0].pk:
            continue
        writer.add(rows, school.pk)
    writer.flush()
    return writer.written


class _Writer:
    """Rows and their audit rows, stored in FK order every few batches. Rows an earlier run
    wrote (same ids) are not written again, nor the needs and areas of services it wrote."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.models = _models()
        self.pending: dict = defaultdict(list)
        self.size = 0
        self.written: Counter = Counter()

    def add(self, rows: list, organisation_id) -> None:
        for obj, audit in rows:
            label = next(k for k, m in self.models.items() if isinstance(obj, m))
            self.pending[label].append((obj, audit, organisation_id))
        self.size += len(rows)
        if self.size >= self.batch_size * 10:
            self.flush()

    def flush(self) -> None:
        from opensend.core.models import AuditEvent
        from opensend.people.generate.write import generated_event

        events, new_services = [], set()
        for label in ORDER:
            model = self.models[label]
            rows = self.pending.pop(label, [])
            if label in ("publishing.Service_areas", "publishing.ServiceNeed"):
                rows = [r for r in rows if r[0].service_id in new_services]
            else:
                rows = self._new(model, rows)
            if label == "publishing.Service":
                new_services = {obj.pk for obj, _, _ in rows}
            if not rows:
                continue
            model.objects.bulk_create([obj for obj, _, _ in rows], batch_size=self.batch_size)
            self.written[model._meta.label_lower] += len(rows)
            events += [
                generated_event(model, obj.pk, None, org, audit)
                for obj, audit, org in rows
                if audit is not None
            ]
        if events:
            AuditEvent.objects.bulk_create(events, batch_size=self.batch_size)
            self.written[AuditEvent._meta.label_lower] += len(events)
        self.size = 0

    def _new(self, model, rows: list) -> list:
        ids = [obj.pk for obj, _, _ in rows]
        there = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            there |= set(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        return [row for row in rows if row[0].pk not in there]


def _when(name: str, drawn: str) -> str:
    """When a service runs: what its name promises ("Saturday youth club", "holiday club"),
    else the time drawn (drawn either way, so no other record's draw moves)."""
    lowered = name.lower()
    if "saturday" in lowered:
        return "Term time, Saturdays 10am to 12 noon"
    if "holiday" in lowered:
        return "School holidays, 10am to 3pm"
    return drawn
