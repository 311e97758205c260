"""The first draft of a school's SEN information report, written from what OpenSEND holds
(issue 11 item 1: "pre-filled from data where OpenSEND holds it").

Each function answers one Schedule 1 item in words, or returns "" when the records say nothing
real about it (then the school writes that item itself). Nothing here names a child and
nothing counts children: on a small roll a count of one need type could point to one pupil
(DESIGN "Who sees what": counts under 5 are suppressed, so none are published at all).
Every function runs a fixed number of queries, whatever the size of the school.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from opensend.law.codes import NEED_BY_CODE, BroadArea
from opensend.law.dates import academic_year_of, long_date
from opensend.meetings.models import Meeting, MeetingStatus
from opensend.organisations.models import Organisation
from opensend.people.models import Enrolment, Need, Provision, SenStatus
from opensend.provision.models import Intervention
from opensend.publishing.services.offers import local_offer_for
from opensend.workforce.models import (
    Audience,
    PolicyKind,
    PolicyVersion,
    SencoAppointment,
    SessionStatus,
    TrainingSession,
)

# The order the Code of Practice lists the four broad areas in (CoP 6.28-6.35).
AREA_ORDER = (
    BroadArea.COMMUNICATION,
    BroadArea.COGNITION,
    BroadArea.SEMH,
    BroadArea.SENSORY_PHYSICAL,
)
# Codes that describe no need a report should name ("no specialist assessment").
NOT_A_NEED = {"NSA"}
TRAINING_MONTHS_BACK = 12
MOST_TRAINING_LISTED = 8
MOST_INTERVENTIONS_LISTED = 12


def _on_register(school: Organisation) -> Q:
    """Children on the school's roll now who are on its SEN register (K or E)."""
    on_roll = Enrolment.objects.filter(child=OuterRef("child"), school=school, end__isnull=True)
    on_register = SenStatus.objects.filter(
        child=OuterRef("child"),
        end__isnull=True,
        provision__in=[Provision.SEN_SUPPORT, Provision.EHC_PLAN],
    )
    return Q(Exists(on_roll)) & Q(Exists(on_register))


def _lower_first(text: str) -> str:
    # "Autistic spectrum disorder" reads as "autistic spectrum disorder" inside a sentence;
    # acronyms the description starts with would not, but none of the census names do.
    return text[:1].lower() + text[1:]


def kinds_of_sen(school: Organisation) -> str:
    """Sch 1 para 1: the kinds of need on the register now, by broad area, without counts."""
    codes = set(
        Need.objects.filter(_on_register(school), end__isnull=True)
        .values_list("code", flat=True)
        .distinct()
    )
    by_area: dict[BroadArea, list[str]] = {}
    for code in sorted(codes - NOT_A_NEED):
        need = NEED_BY_CODE.get(code)
        if need is not None and need.broad_area in AREA_ORDER:
            by_area.setdefault(need.broad_area, []).append(_lower_first(need.description))
    if not by_area:
        return ""
    parts = [f"{area.value} ({', '.join(by_area[area])})" for area in AREA_ORDER if area in by_area]
    if len(parts) == len(AREA_ORDER):
        lead = "We provide for pupils with needs in all four broad areas of need: "
    else:
        lead = "We provide for pupils with needs in these broad areas of need: "
    return (
        lead + "; ".join(parts) + ". We are an inclusive school and welcome pupils with other "
        "special educational needs too: talk to our SENCO about your child."
    )


def _current_senco(school: Organisation, today: date):
    return (
        SencoAppointment.objects.filter(school=school, appointed_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("staff")
        .order_by("-appointed_on")
        .first()
    )


def senco(school: Organisation, today: date, appointment=None) -> str:
    """Sch 1 para 4: the SENCO's name and how to contact them."""
    appointment = appointment or _current_senco(school, today)
    if appointment is None:
        return ""
    staff = appointment.staff
    contacts = []
    if staff.email:
        contacts.append(f"by email at {staff.email}")
    elif school.email:
        contacts.append(f"through the school office at {school.email}")
    if school.telephone:
        contacts.append(f"by telephone on {school.telephone}")
    text = f"Our SENCO is {staff.full_name}."
    if contacts:
        text += " You can contact them " + " or ".join(contacts) + "."
    return text


def _qualification(appointment) -> str:
    if appointment is None:
        return ""
    name = appointment.staff.full_name
    if appointment.course and appointment.course_completed_on:
        return f"Our SENCO, {name}, holds the {appointment.get_course_display()}."
    if appointment.course:
        return f"Our SENCO, {name}, is working towards the {appointment.get_course_display()}."
    return ""


def expertise(school: Organisation, today: date, appointment=None) -> str:
    """Sch 1 para 5: SEND training held in the last year, and the SENCO's qualification."""
    since = today - timedelta(days=365 * TRAINING_MONTHS_BACK // 12)
    sessions = list(
        TrainingSession.objects.filter(
            school=school,
            status=SessionStatus.HELD,
            starts_at__date__gte=since,
            starts_at__date__lte=today,
        )
        .order_by("-starts_at")
        .only("title", "audiences", "starts_at")[:MOST_TRAINING_LISTED]
    )
    audience_names = dict(Audience.choices)
    lines = []
    for session in sessions:
        who = ", ".join(audience_names.get(a, a).lower() for a in session.audiences or [])
        line = f"{session.title} ({long_date(session.starts_at.date())}"
        lines.append(line + (f", for {who})" if who else ")"))
    parts = []
    if lines:
        parts.append(
            "In the last year our staff have had this training in special educational needs: "
            + "; ".join(lines)
            + "."
        )
    qualification = _qualification(appointment or _current_senco(school, today))
    if qualification:
        parts.append(qualification)
    return " ".join(parts)


def parents(school: Organisation, today: date) -> str:
    """Sch 1 para 7: the parent meetings of this academic year, in words (CoP 6.65)."""
    year = academic_year_of(today)
    meetings = (
        Meeting.objects.filter(school=school, academic_year=year)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("term", "mode", "slot")
        .distinct()
    )
    rows = list(meetings)
    if not rows:
        return ""
    terms = sorted({term for term, _, _ in rows})
    modes = {mode for _, mode, _ in rows if mode}
    slots = {slot for _, _, slot in rows if slot}
    mode_names = {"in_person": "in person at school", "online": "online", "phone": "by phone"}
    slot_names = {"school_day": "during the school day", "after_school": "after school"}
    text = (
        "We meet the parents of every pupil on SEN support at least three times a year, once "
        "a term, to set clear outcomes, review progress and agree what the school and the "
        "family will do next (SEND Code of Practice 6.65). For a pupil with an EHC plan, the "
        "annual review is one of these meetings."
    )
    how = [mode_names[m] for m in sorted(modes) if m in mode_names]
    when = [slot_names[s] for s in sorted(slots) if s in slot_names]
    if how or when:
        text += " Meetings are offered"
        if how:
            text += " " + ", ".join(how[:-1]) + (" or " if len(how) > 1 else "") + how[-1]
        if when:
            text += ", " + " or ".join(when)
        text += ", so that families can come at a time that suits them."
    if len(terms) < 3:
        text += " This year's meetings are planned term by term."
    return text


def _first_sentence(text: str) -> str:
    text = " ".join((text or "").split())
    for end in (". ", "! ", "? "):
        if end in text:
            return text.split(end, 1)[0] + end.strip()
    return text


def additional_support(school: Organisation, today: date) -> str:
    """Sch 1 para 3(e): the interventions on the school's provision map now."""
    interventions = list(
        Intervention.objects.filter(school=school, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .order_by("name")
        .only("name", "delivery", "description")[:MOST_INTERVENTIONS_LISTED]
    )
    if not interventions:
        return ""
    lines = []
    for intervention in interventions:
        line = f"{intervention.name} ({intervention.get_delivery_display().lower()})"
        described = _first_sentence(intervention.description)
        lines.append(f"{line}: {described}" if described else line)
    return (
        "As well as high-quality teaching adapted for every pupil, we run these interventions:\n"
        + "\n".join(f"- {line}" for line in lines)
    )


def _latest_policy_urls(school: Organisation) -> dict[str, str]:
    """{policy kind: the web address of its newest version}, for the complaints procedure and
    the accessibility plan, in one query."""
    urls: dict[str, str] = {}
    versions = (
        PolicyVersion.objects.filter(
            policy__school=school,
            policy__retired_on__isnull=True,
            policy__kind__in=[PolicyKind.COMPLAINTS, PolicyKind.ACCESSIBILITY_PLAN],
        )
        .exclude(document_url="")
        .order_by("policy__kind", "-reviewed_on", "-number")
        .values_list("policy__kind", "document_url")
    )
    for kind, url in versions:
        urls.setdefault(kind, url)
    return urls


def complaints(url: str) -> str:
    if not url:
        return ""
    return (
        "If you are worried about the support your child gets, please talk first to your "
        "child's teacher or our SENCO. If that does not put it right, our complaints procedure "
        f"explains what to do next and how the governors consider a complaint: {url}"
    )


def access_facilities(url: str) -> str:
    if not url:
        return ""
    return f"Our accessibility plan says how we are making the school easier to use: {url}"


def local_offer_text(school: Organisation, offer) -> str:
    address = settings.SITE_URL + reverse("local_offer", kwargs={"slug": offer.slug})
    return (
        f"{school.local_authority.name}'s Local Offer describes the services for children "
        f"and young people with special educational needs and disabilities, and their "
        f"families, in the area: {address}"
    )


def support_services(offer) -> str:
    """Sch 1 para 11: the authority's SENDIASS, when its Local Offer names one."""
    if not offer.sendiass_name:
        return ""
    contacts = [
        value
        for value in (offer.sendiass_telephone, offer.sendiass_email, offer.sendiass_website)
        if value
    ]
    text = (
        f"{offer.sendiass_name} gives free, impartial and confidential information, advice "
        "and support about special educational needs and disabilities to parents, children "
        "and young people."
    )
    if contacts:
        text += " Contact them: " + ", ".join(contacts) + "."
    return text


def transitions(school: Organisation) -> str:
    """Sch 1 para 12: said only where the records show it applies. OpenSEND keeps no record of
    a school's own transition arrangements, but for pupils on roll with an EHC plan it runs
    the phase transfer reviews (SEND Regs 2014 reg 18; CoP 9.179): the plan names the next
    school or college by 15 February (31 March for post-16) of the year of the move."""
    with_plan = SenStatus.objects.filter(
        child=OuterRef("child"), end__isnull=True, provision=Provision.EHC_PLAN
    )
    has_plans = (
        Enrolment.objects.filter(school=school, end__isnull=True).filter(Exists(with_plan)).exists()
    )
    if not has_plans:
        return ""
    return (
        "For a pupil with an EHC plan moving to the next phase of education, the plan is "
        "reviewed in good time and names the next school or college by 15 February of the year "
        "of the move (31 March for a move to post-16 education). From Year 9, every review "
        "looks ahead to preparing for adulthood."
    )


def prefill_for(school: Organisation, today: date) -> dict[str, str]:
    """Suggested answers, item key -> text, for the items OpenSEND's records speak to.

    Only items it has something real to say about are returned; none names a child."""
    appointment = _current_senco(school, today)
    policies = _latest_policy_urls(school)
    offer = local_offer_for(school.local_authority) if school.local_authority_id else None
    suggestions = {
        "kinds_of_sen": kinds_of_sen(school),
        "senco": senco(school, today, appointment),
        "expertise": expertise(school, today, appointment),
        "parents": parents(school, today),
        "additional_support": additional_support(school, today),
        "complaints": complaints(policies.get(PolicyKind.COMPLAINTS, "")),
        "access_facilities": access_facilities(policies.get(PolicyKind.ACCESSIBILITY_PLAN, "")),
    }
    suggestions["transitions"] = transitions(school)
    if offer is not None:
        suggestions["local_offer"] = local_offer_text(school, offer)
        suggestions["support_services"] = support_services(offer)
    return {key: text for key, text in suggestions.items() if text}


# Which items come from which records, for the editor's "drawn from records" hint.
SOURCES = {
    "kinds_of_sen": "the SEN register's types of need",
    "senco": "the SENCO appointment on the staff list",
    "expertise": "the training records and the SENCO's qualification",
    "parents": "the parent meetings planned this year",
    "additional_support": "the interventions on the provision map",
    "transitions": "the phase transfer reviews of pupils with EHC plans",
    "complaints": "the complaints procedure on the policies list",
    "access_facilities": "the accessibility plan on the policies list",
    "local_offer": "the local authority's Local Offer",
    "support_services": "the SENDIASS contacts in the Local Offer",
}
