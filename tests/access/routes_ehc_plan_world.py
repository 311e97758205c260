"""The access matrix's EHC plan: Jordan's, issued (issue 8).

Jordan (17, Hillside, his own account: north_young_person) already had an EHC plan on the
register; here his plan is written in OpenSEND: a paper request, an assessment with the
Northshire EP's advice, a draft served to him (version 1, now superseded) and the final plan
naming Hillside Academy (version 2, issued).
"""

from datetime import timedelta

from django.utils import timezone

from opensend.ehc.models import AdviceKind
from opensend.ehc.plan_services import (
    draft_respond,
    plan_draft_serve,
    plan_draft_start,
    plan_issue,
    plan_version_update,
)
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    advice_submit,
    decision_record,
    paper_request_record,
)


def advise_and_decide_to_issue(demo, case, *, needs: str, outcomes: str, provision: str):
    """From a request to the decision to issue: assess, the Northshire EP's advice, issue."""
    caseworker = demo["north_caseworker"]
    decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
    case.refresh_from_db()
    ep = advice_request_add(
        actor=caseworker, case=case, kind=AdviceKind.PSYCHOLOGICAL, recipient_user=demo["north_ep"]
    )
    advice_requests_send(actor=caseworker, advice_requests=[ep])
    advice_submit(
        actor=demo["north_ep"], advice=ep, needs=needs, outcomes=outcomes, provision=provision
    )
    decision_record(actor=caseworker, case=case, kind="issue", agreed=True)
    case.refresh_from_db()
    return case


def jordan_plan(demo) -> dict:
    caseworker, jordan = demo["north_caseworker"], demo["jordan"]
    case = paper_request_record(
        actor=caseworker,
        child=jordan,
        requester_kind="young_person",
        requester_name="Jordan Ellis",
        received=timezone.localdate() - timedelta(weeks=12),
        views=Views(family_difficulties="Coursework deadlines and travel."),
    ).case
    advise_and_decide_to_issue(
        demo,
        case,
        needs="Slow processing speed",
        outcomes="Completes a level 2 course",
        provision="Extra time and a scribe in assessments",
    )
    draft = plan_draft_start(actor=caseworker, case=case)
    draft = plan_version_update(
        actor=caseworker,
        version=draft,
        data={"preparing_for_adulthood": "Travel training and a supported internship."},
        expected_version=draft.version,
    )
    served = plan_draft_serve(actor=caseworker, version=draft)
    draft_respond(actor=demo["north_young_person"], version=served, no_changes=True)
    final = plan_issue(actor=caseworker, version=served, placement=demo["north_hill"])
    served.refresh_from_db()
    return {"jordan_case": case, "jordan_served_draft": served, "jordan_final_plan": final}
