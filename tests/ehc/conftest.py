"""Fixtures for the EHC needs assessment tests: a clock frozen on a school day, and cases."""

from datetime import date

import pytest
import time_machine

from opensend.ehc.models import AdviceKind
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
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
