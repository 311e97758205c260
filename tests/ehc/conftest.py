"""Fixtures for the EHC needs assessment tests: a clock frozen on a school day, and cases."""

from datetime import date

import pytest
import time_machine

from opensend.api.services import api_token_create
from opensend.ehc.models import AdviceKind
from opensend.ehc.plan_services import plan_draft_serve, plan_draft_start
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    advice_submit,
    decision_record,
    request_submit,
)

# Monday 2 March 2026: decision due 13 April, not-to-issue 22 June, final plan 20 July.
FROZEN_AT = "2026-03-02 10:00"
# The council's page tests run on Friday 27 November 2026 (`frozen_november`).
NOVEMBER_TODAY = date(2026, 11, 27)


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN_AT, tick=False) as traveller:
        yield traveller


def school_request_for_mia(demo, **changes):
    """Hillside's SENCO asks for an assessment for Mia, with the family's agreement."""
    arguments = {
        "actor": demo["hill_senco"],
        "child": demo["mia"],
        "school": demo["north_hill"],
        "what_is_new": "Two terms of SEMH support; attendance has fallen to 70%.",
        "family_agrees": True,
        "views": Views(family_difficulties="Noise, change and crowded corridors."),
    }
    return request_submit(**{**arguments, **changes})


@pytest.fixture
def requested_case(demo, frozen):
    return school_request_for_mia(demo).case


@pytest.fixture
def assessing_case(demo, requested_case):
    decision_record(actor=demo["north_caseworker"], case=requested_case, kind="assess", agreed=True)
    requested_case.refresh_from_db()
    return requested_case


@pytest.fixture
def ep_advice(demo, assessing_case):
    """The educational psychologist's advice request, sent today."""
    advice = advice_request_add(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_user=demo["north_ep"],
        question="Please look at Mia's anxiety in class.",
    )
    advice_requests_send(actor=demo["north_caseworker"], advice_requests=[advice])
    advice.refresh_from_db()
    return advice


@pytest.fixture
def frozen_november():
    with time_machine.travel("2026-11-27 10:00 +00:00", tick=False):
        yield


@pytest.fixture
def mia_case(demo):
    """Mia's case, opened by Hillside's SENCO on whatever day the test has frozen."""
    return request_submit(
        actor=demo["hill_senco"],
        child=demo["mia"],
        school=demo["north_hill"],
        what_is_new="Not attending full days despite two terms of SEMH support.",
        family_agrees=True,
        views=Views(family_difficulties="Busy classrooms and change."),
    ).case


@pytest.fixture
def assessing_mia_case(demo, mia_case):
    decision_record(actor=demo["north_caseworker"], case=mia_case, kind="assess", agreed=True)
    mia_case.refresh_from_db()
    return mia_case


@pytest.fixture
def api(client, demo):
    """A client that calls the API as a persona, with a personal token."""

    class Api:
        def __init__(self, persona):
            _, token = api_token_create(actor=demo[persona], name="Script")
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        def get(self, url, **params):
            return client.get(f"/api/v1/ehc{url}", params, **self.headers)

        def post(self, url, body):
            return client.post(
                f"/api/v1/ehc{url}", body, content_type="application/json", **self.headers
            )

    return Api


# --- the EHC plan (issue 8): Mia's case with the EP's advice in, decided to issue ---


@pytest.fixture
def drafting_case(demo, ep_advice):
    advice_submit(
        actor=demo["north_ep"],
        advice=ep_advice,
        needs="High anxiety in unstructured times\n- Difficulty with change",
        outcomes="Attends full days, four days a week",
        provision="A key adult check-in each morning\nAccess to a quiet space",
    )
    case = ep_advice.case
    decision_record(actor=demo["north_caseworker"], case=case, kind="issue", agreed=True)
    case.refresh_from_db()
    return case


@pytest.fixture
def draft(demo, drafting_case):
    return plan_draft_start(actor=demo["north_caseworker"], case=drafting_case)


@pytest.fixture
def served(demo, draft, frozen):
    frozen.move_to("2026-05-11 10:00")  # a Monday, week 10
    return plan_draft_serve(actor=demo["north_caseworker"], version=draft)
