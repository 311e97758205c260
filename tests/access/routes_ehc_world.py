"""The access matrix's EHC needs assessment: Mia's case at Northshire, mid-assessment.

Mia (Hillside Academy, SEN support) has a case opened by the Hillside SENCO's request. The
caseworker decided to assess and sent the letter; advice was asked of the family (Lucy Martin,
north_parent, is recorded as Mia's parent here), of Hillside (educational) and of the
Northshire educational psychologist (north_ep), who has not answered yet. The EP's advice is the
only one addressed to a professional by name, so north_health and north_social see nothing.
"""

from opensend.ehc.models import AdviceKind, CaseException
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    decision_record,
    letter_send,
    request_submit,
)
from opensend.people.models import ParentLink


def mia_assessment(demo) -> dict:
    mia = demo["mia"]
    ParentLink.objects.get_or_create(
        child=mia,
        user=demo["north_parent"],
        defaults={"full_name": "Lucy Martin", "relationship": "mother"},
    )
    request = request_submit(
        actor=demo["hill_senco"],
        child=mia,
        school=demo["north_hill"],
        what_is_new="Despite two terms of SEMH support, Mia is not attending full days.",
        family_agrees=True,
        views=Views(family_difficulties="Busy classrooms and change."),
    )
    case = request.case
    caseworker = demo["north_caseworker"]
    decision = decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
    letter = letter_send(actor=caseworker, letter=decision.letter)
    family = advice_request_add(actor=caseworker, case=case, kind=AdviceKind.FAMILY)
    school = advice_request_add(
        actor=caseworker,
        case=case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    ep = advice_request_add(
        actor=caseworker, case=case, kind=AdviceKind.PSYCHOLOGICAL, recipient_user=demo["north_ep"]
    )
    advice_requests_send(actor=caseworker, advice_requests=[family, school, ep])
    exception = CaseException.objects.create(
        case=case, kind="personal_circumstances", start=case.received, end=case.received
    )
    for advice in (family, school, ep):
        advice.refresh_from_db()
    return {
        "mia_case": case,
        "mia_request": request,
        "mia_letter": letter,
        "mia_family_advice": family,
        "mia_school_advice": school,
        "mia_ep_advice": ep,
        "mia_exception": exception,
    }
