"""Access cases for the public publishing pages (issue 11 items 2 and 3), and their records.

DESIGN "Who sees what": the public, with no sign-in, sees published SEN information reports
and the Local Offer. So every persona, and an anonymous visitor, reads each of these pages;
what keeps them safe is what they show (a school's report, providers' entries), never who asks.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.organisations.models import Organisation
from opensend.publishing.models import (
    Cost,
    InformationReport,
    LocalOfferArea,
    ReportVersion,
    Service,
    ServiceCategory,
    ServiceNeed,
)
from opensend.publishing.services.offers import local_offer_for
from tests.access.cases import EVERYONE, OK, Case

PLAY_CLUB = "Northshire Sensory Support Play Club"


def publish_report(school, *, number=1, published_on=None, answers=None, **fields):
    """A published version of `school`'s SEN information report, made directly."""
    report, _ = InformationReport.objects.get_or_create(school=school)
    return ReportVersion.objects.create(
        report=report,
        number=number,
        published_on=published_on or timezone.localdate(),
        answers=answers or {},
        school_name=fields.pop("school_name", school.name),
        **fields,
    )


def make_service(offer, provider, *, name, needs=(), areas=(), **fields):
    values = {
        "summary": f"{name}: what it offers.",
        "category": ServiceCategory.LEISURE,
        "is_published": True,
        "confirmed_on": timezone.localdate(),
        "for_all_needs": not needs,
        **fields,
    }
    service = Service.objects.create(local_offer=offer, provider=provider, name=name, **values)
    ServiceNeed.objects.bulk_create(ServiceNeed(service=service, code=code) for code in needs)
    service.areas.set(areas)
    return service


def publishing_public_world(demo) -> dict:
    """Oakfield's report (two versions), Northshire's Local Offer with two areas, two
    published services (the play club's, and Oakfield's entry) and one waiting approval."""
    oak, today = demo["north_oak"], timezone.localdate()
    publish_report(
        oak,
        number=1,
        published_on=today - timedelta(days=400),
        answers={"kinds_of_sen": "Speech and language needs."},
    )
    latest = publish_report(
        oak,
        number=2,
        published_on=today - timedelta(days=20),
        answers={"kinds_of_sen": "All four broad areas of need.", "senco": "Mrs Collins."},
        summary="Updated the SENCO's details.",
    )
    offer = local_offer_for(demo["north_la"])
    offer.introduction = "Support for children and young people with SEND in Northshire."
    offer.offline_access = "Phone 01234 567890 for a printed copy."
    offer.sendiass_name = "Northshire SENDIASS"
    offer.sendiass_telephone = "01234 000111"
    offer.save()
    north = LocalOfferArea.objects.create(local_offer=offer, name="Northtown")
    club = make_service(
        offer,
        Organisation.objects.get(name=PLAY_CLUB),
        name="Sensory play sessions",
        needs=("ASD", "SLCN"),
        areas=[north],
        minimum_age=3,
        maximum_age=11,
        cost=Cost.SOME_COST,
        telephone="01234 222333",
    )
    school_entry = make_service(
        offer,
        oak,
        name=oak.name,
        category=ServiceCategory.EDUCATION,
        minimum_age=4,
        maximum_age=11,
        information_report=latest.report,
    )
    waiting = make_service(
        offer, Organisation.objects.get(name=PLAY_CLUB), name="Holiday club", is_published=False
    )
    return {
        "public_offer": offer,
        "public_report_school": oak,
        "public_service": club,
        "public_school_entry": school_entry,
        "public_waiting_service": waiting,
    }


def _report(world):
    return {"school_id": world["public_report_school"].pk}


def _version(world):
    return {"school_id": world["public_report_school"].pk, "number": 1}


def _service(world):
    return {"slug": world["public_offer"].slug, "service_id": world["public_service"].pk}


PUBLIC = {"allow": EVERYONE, "anonymous": OK}

CASES: list[Case] = [
    Case("public_report", kwargs=_report, **PUBLIC),
    Case("public_report_pdf", kwargs=_report, **PUBLIC),
    Case("public_report_embed", kwargs=_report, **PUBLIC, note="frameable by schools' websites"),
    Case("public_report_version", kwargs=_version, **PUBLIC),
    Case("public_report_version_pdf", kwargs=_version, **PUBLIC),
    Case("local_offer_list", **PUBLIC),
    Case("local_offer", kwargs=lambda w: {"slug": w["public_offer"].slug}, **PUBLIC),
    Case("local_offer_service", kwargs=_service, **PUBLIC),
]
