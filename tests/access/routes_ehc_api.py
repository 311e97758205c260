"""Access cases for the EHC needs assessment API (see cases.py and routes_ehc_world.py).

Reads, as on the pages: Mia's case (routes_ehc_world.py) is read by Northshire's SEND team,
Hillside's SENCO (Mia is on roll there) and Lucy Martin (north_parent, recorded as Mia's
mother in the world); nobody else, professionals included. The lists answer everyone signed
in, each with what they may see (often nothing).

Changes run last in each persona's run, after the pages' own POST cases, which may move Mia's
case on (a decision, a withdrawal, advice given). So that the API's changes do not depend on
them, they act on two pupils of their own, made here through the services the first time a
case asks for them: Sam at Oakfield, whose case waits for the council's decision, and Noah at
Hillside (Lucy Martin is his mother too), being assessed, with advice asked of his family, of
Hillside and of the Northshire educational psychologist (north_ep). A request for Mia joins
her case, or opens a new one if the pages closed it: either way it is made (201).
"""

from datetime import date

from opensend.ehc.models import AdviceKind, AdviceRequest
from opensend.ehc.selectors import open_case_for
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    decision_record,
    request_submit,
)
from opensend.people.models import Child, Enrolment, ParentLink, SenStatus
from tests.access.cases import EVERYONE, NORTH_LA, UNAUTHENTICATED, Case

MIA_READERS = NORTH_LA | {"hill_senco", "north_parent"}


def _api(name, allow, **kwargs):
    return Case(f"api:{name}", frozenset(allow), anonymous=UNAUTHENTICATED, **kwargs)


def _pupil(world, first_name, school_key, parent_key=""):
    """A pupil on SEN support at a Northshire school, for the API's changes only."""
    child, created = Child.objects.get_or_create(
        first_name=first_name,
        last_name="Apitest",
        date_of_birth=date(2017, 2, 1),
        home_local_authority=world["north_la"],
    )
    if created:
        school = world[school_key]
        Enrolment.objects.create(child=child, school=school, year_group="4", start=date(2025, 9, 1))
        SenStatus.objects.create(child=child, provision="K", start=date(2025, 10, 1), school=school)
        if parent_key:
            ParentLink.objects.create(
                child=child,
                user=world[parent_key],
                full_name=world[parent_key].full_name,
                relationship="mother",
            )
    return child


def _school_request(world, child, senco_key, school_key):
    return request_submit(
        actor=world[senco_key],
        child=child,
        school=world[school_key],
        what_is_new="Progress has stalled after three cycles of SEN support.",
        family_agrees=True,
        views=Views(family_difficulties="Reading and busy rooms."),
    ).case


def _sam_case(world):
    """Sam's case, waiting for the decision whether to assess."""
    sam = _pupil(world, "Sam", "north_oak")
    case = open_case_for(sam) or _school_request(world, sam, "oak_senco", "north_oak")
    return {"case_id": case.pk}


def _noah_advice(kind):
    def kwargs(world):
        noah = _pupil(world, "Noah", "north_hill", parent_key="north_parent")
        advice = AdviceRequest.objects.filter(case__child=noah, kind=kind).first()
        if advice is None:
            caseworker = world["north_caseworker"]
            case = _school_request(world, noah, "hill_senco", "north_hill")
            decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
            case.refresh_from_db()
            asked = [
                advice_request_add(actor=caseworker, case=case, kind=AdviceKind.FAMILY),
                advice_request_add(
                    actor=caseworker,
                    case=case,
                    kind=AdviceKind.EDUCATIONAL,
                    recipient_organisation=world["north_hill"],
                ),
                advice_request_add(
                    actor=caseworker,
                    case=case,
                    kind=AdviceKind.PSYCHOLOGICAL,
                    recipient_user=world["north_ep"],
                ),
            ]
            advice_requests_send(actor=caseworker, advice_requests=asked)
            advice = next(a for a in asked if a.kind == kind)
        return {"advice_id": advice.pk}

    return kwargs


def _mia_case(world):
    return {"case_id": world["mia_case"].pk}


def _mia_school_request(world):
    return {
        "child_id": str(world["mia"].pk),
        "school_id": str(world["north_hill"].pk),
        "what_is_new": "Attendance is still falling.",
        "family_agrees": True,
    }


def _mia_family_request(world):
    return {
        "child_id": str(world["mia"].pk),
        "views": {"family_difficulties": "Noise and change.", "child_views": "It is too loud."},
    }


ADVICE = {"needs": "Needs a quiet space and visual structure.", "outcomes": "Stays in class."}

EHC_API_CASES: list[Case] = [
    # Lists: everyone signed in, each seeing their own (professionals: no cases).
    _api("ehc_case_list", EVERYONE),
    _api("ehc_case_list", EVERYONE, data=lambda world: {"stage": "assessing"}),
    _api("ehc_advice_request_list", EVERYONE),
    # Mia's case: the LA, her school's SENCO and her family, through their own doors.
    _api("ehc_case_get", MIA_READERS, kwargs=_mia_case, note="professionals: 404"),
    _api("ehc_case_advice_list", MIA_READERS, kwargs=_mia_case),
    # Advice requests: only whoever is asked (not the LA: it reads them on the case).
    _api("ehc_advice_request_get", {"north_ep"}, kwargs=_noah_advice(AdviceKind.PSYCHOLOGICAL)),
    _api("ehc_advice_request_get", {"hill_senco"}, kwargs=_noah_advice(AdviceKind.EDUCATIONAL)),
    _api("ehc_advice_request_get", {"north_parent"}, kwargs=_noah_advice(AdviceKind.FAMILY)),
    # Changes.
    _api(
        "ehc_request_create",
        {"hill_senco"},
        method="post",
        data=_mia_school_request,
        note="the LA and the parent see Mia but are not her school: 403/404",
    ),
    _api(
        "ehc_request_create",
        {"north_parent"},
        method="post",
        data=_mia_family_request,
        note="Mia's SENCO and the LA see her but are not her family: 403",
    ),
    _api(
        "ehc_decision_create",
        NORTH_LA,
        kwargs=_sam_case,
        method="post",
        data=lambda world: {"kind": "assess", "agreed": True},
    ),
    _api(
        "ehc_advice_submit",
        {"north_ep"},
        kwargs=_noah_advice(AdviceKind.PSYCHOLOGICAL),
        method="post",
        data=lambda world: ADVICE,
        note="north_health and north_social were not asked: 404",
    ),
    _api(
        "ehc_advice_submit",
        {"hill_senco"},
        kwargs=_noah_advice(AdviceKind.EDUCATIONAL),
        method="post",
        data=lambda world: ADVICE,
    ),
    _api(
        "ehc_advice_submit",
        {"north_parent"},
        kwargs=_noah_advice(AdviceKind.FAMILY),
        method="post",
        data=lambda world: ADVICE,
    ),
]
