"""The council's pages for one case: the case, assigning, withdrawing, exceptions, paper requests.

Time is frozen on Friday 27 November 2026. Mia (Hillside, SEN support) has a case opened by the
Hillside SENCO's request that morning; Northshire's caseworker works it, Southmoor's gets 404.
"""

from datetime import date

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.ehc.models import AssessmentRequest, CaseException, CaseStage, Channel, EhcCase
from opensend.ehc.services import (
    advice_request_add,
    decision_record,
)
from opensend.people.models import Child
from tests.ehc.conftest import NOVEMBER_TODAY as TODAY

pytestmark = pytest.mark.usefixtures("frozen_november")


@pytest.fixture
def assessing_case(demo, mia_case):
    decision_record(actor=demo["north_caseworker"], case=mia_case, kind="assess", agreed=True)
    mia_case.refresh_from_db()
    return mia_case


def page(client, name, *args):
    return client.get(reverse(name, args=args))


# --- the case page ------------------------------------------------------------------------------


def test_the_case_page_shows_the_child_the_dates_and_what_to_do(signed_in, mia_case):
    response = page(signed_in("north_caseworker"), "ehc_case", mia_case.pk)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Mia Hughes" in html
    assert "30 November 2019" in html  # date of birth
    assert "Hillside" in html
    assert "Deciding whether to assess" in html
    assert "Not assigned" in html
    # Received 27 November 2026: decision due 6 weeks later, 8 January 2027 (reg 5(1)).
    assert "8 January 2027" in html
    assert "Not a legal deadline" in html
    assert "On time" in html
    assert reverse("ehc_decision", args=[mia_case.pk, "assess"]) in html
    assert reverse("ehc_case_withdraw", args=[mia_case.pk]) in html
    assert reverse("ehc_exception_add", args=[mia_case.pk]) in html


def test_the_case_page_shows_the_request_and_the_schools_evidence(signed_in, mia_case):
    html = page(signed_in("north_caseworker"), "ehc_case", mia_case.pk).content.decode()

    assert "Not attending full days despite two terms of SEMH support." in html
    assert "Busy classrooms and change." in html
    assert "The child&#x27;s school or college" in html or "The child's school or college" in html
    assert "SEN register history" in html
    assert "Social, emotional and mental health" in html  # the need, in words


def test_the_case_page_says_the_childs_support_stays_in_force(signed_in, mia_case):
    html = page(signed_in("north_caseworker"), "ehc_case", mia_case.pk).content.decode()

    assert "Support the child has now" in html
    assert "SEN support" in html
    assert "stays in force while this case is open" in html


def test_the_case_page_is_audited_as_a_look_at_the_child(signed_in, demo, mia_case):
    page(signed_in("north_caseworker"), "ehc_case", mia_case.pk)

    assert AuditEvent.objects.filter(
        actor=demo["north_caseworker"], kind="viewed", subject_id=demo["mia"].pk
    ).exists()


@pytest.mark.parametrize("persona", ["south_caseworker", "hill_senco", "north_parent", "north_ep"])
def test_nobody_outside_the_council_opens_the_case(signed_in, mia_case, persona):
    assert page(signed_in(persona), "ehc_case", mia_case.pk).status_code == 404


def test_an_unknown_case_is_not_found(signed_in, demo):
    client = signed_in("north_caseworker")
    assert client.get("/ehc/cases/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/ehc/cases/not-a-uuid/").status_code == 404


def test_an_assessing_case_offers_advice_and_the_decision_on_a_plan(signed_in, assessing_case):
    html = page(signed_in("north_caseworker"), "ehc_case", assessing_case.pk).content.decode()

    assert "Ask for advice" in html
    assert "Decide whether to issue a plan" in html
    assert reverse("ehc_decision", args=[assessing_case.pk, "assess"]) not in html
    assert "Decided on 27 November 2026 (on time)" in html


def test_exceptions_show_the_limits_they_touch_and_move_no_date(signed_in, demo, mia_case):
    CaseException.objects.create(
        case=mia_case,
        kind="personal_circumstances",
        start=TODAY,
        end=date(2026, 12, 10),
        note="Family bereavement",
    )
    html = page(signed_in("north_caseworker"), "ehc_case", mia_case.pk).content.decode()

    assert "Exceptional personal circumstances" in html
    assert "Family bereavement" in html
    assert "The decision whether to assess (6 weeks, reg 5(1))" in html
    assert "does not move any date" in html.lower() or "do not move any date" in html.lower()
    mia_case.refresh_from_db()
    assert mia_case.decision_to_assess_due == date(2027, 1, 8)


# --- assigning ---------------------------------------------------------------------------------


def test_the_caseworker_assigns_the_case_to_themselves(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    response = client.post(
        reverse("ehc_case_assign", args=[mia_case.pk]),
        {"caseworker": str(demo["north_caseworker"].pk)},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("ehc_case", args=[mia_case.pk])
    mia_case.refresh_from_db()
    assert mia_case.caseworker == demo["north_caseworker"]
    assert "You are now the caseworker" in client.get(response["Location"]).content.decode()


def test_a_manager_assigns_the_case_to_a_caseworker_and_can_unassign(signed_in, demo, mia_case):
    client = signed_in("north_manager")
    url = reverse("ehc_case_assign", args=[mia_case.pk])
    client.post(url, {"caseworker": str(demo["north_caseworker"].pk)})
    mia_case.refresh_from_db()
    assert mia_case.caseworker == demo["north_caseworker"]

    client.post(url, {"caseworker": "none"})
    mia_case.refresh_from_db()
    assert mia_case.caseworker is None


def test_assigning_to_someone_outside_the_team_is_refused(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    response = client.post(
        reverse("ehc_case_assign", args=[mia_case.pk]),
        {"caseworker": str(demo["south_caseworker"].pk)},
        follow=True,
    )

    assert response.status_code == 200
    assert "Choose someone in this council" in response.content.decode()
    mia_case.refresh_from_db()
    assert mia_case.caseworker is None


def test_another_council_cannot_assign(signed_in, demo, mia_case):
    response = signed_in("south_caseworker").post(
        reverse("ehc_case_assign", args=[mia_case.pk]),
        {"caseworker": str(demo["south_caseworker"].pk)},
    )
    assert response.status_code == 404


# --- withdrawing -------------------------------------------------------------------------------


def test_withdrawing_needs_a_reason_and_closes_the_case(signed_in, mia_case):
    client = signed_in("north_caseworker")
    url = reverse("ehc_case_withdraw", args=[mia_case.pk])
    assert client.get(url).status_code == 200

    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 200
    assert "Say who withdrew the request and why" in refused.content.decode()
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.REQUESTED

    done = client.post(url, {"reason": "Mum phoned: the new support is working."})
    assert done.status_code == 302
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.WITHDRAWN
    assert mia_case.closed_on == TODAY


def test_a_closed_case_cannot_be_withdrawn_again(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    url = reverse("ehc_case_withdraw", args=[mia_case.pk])
    client.post(url, {"reason": "No longer wanted"})

    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "This case is closed" in response.content.decode()


# --- exceptions --------------------------------------------------------------------------------


def test_recording_an_exception(signed_in, mia_case):
    client = signed_in("north_caseworker")
    url = reverse("ehc_exception_add", args=[mia_case.pk])
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "kind": "absence_from_area",
            "start_0": "1",
            "start_1": "12",
            "start_2": "2026",
            "end_0": "15",
            "end_1": "1",
            "end_2": "2027",
            "note": "Staying with grandparents abroad",
        },
    )

    assert response.status_code == 302
    exception = mia_case.exceptions.get()
    assert exception.kind == "absence_from_area"
    assert exception.end == date(2027, 1, 15)
    assert "It does not move any date" in client.get(response["Location"]).content.decode()


def test_an_exception_with_bad_dates_shows_the_errors_and_saves_nothing(signed_in, mia_case):
    client = signed_in("north_caseworker")
    url = reverse("ehc_exception_add", args=[mia_case.pk])

    empty = client.post(url, {})
    assert empty.status_code == 200
    assert "Choose what has happened" in empty.content.decode()

    missed = client.post(
        url,
        {
            "kind": "missed_appointment",
            "start_0": "1",
            "start_1": "12",
            "start_2": "2026",
            "end_0": "1",
            "end_1": "12",
            "end_2": "2026",
        },
    )
    assert missed.status_code == 200
    assert "Choose whose appointment the child missed" in missed.content.decode()
    assert not mia_case.exceptions.exists()


def test_a_missed_appointment_names_the_advice_request(signed_in, demo, assessing_case):
    advice = advice_request_add(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind="psychological",
        recipient_user=demo["north_ep"],
    )
    from opensend.ehc.services import advice_requests_send

    advice_requests_send(actor=demo["north_caseworker"], advice_requests=[advice])
    client = signed_in("north_caseworker")
    url = reverse("ehc_exception_add", args=[assessing_case.pk])
    assert "Dr Anna Lewis" in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "kind": "missed_appointment",
            "start_0": "27",
            "start_1": "11",
            "start_2": "2026",
            "end_0": "27",
            "end_1": "11",
            "end_2": "2026",
            "advice_request": str(advice.pk),
        },
    )
    assert response.status_code == 302
    assert assessing_case.exceptions.get().advice_request == advice


# --- a request received on paper --------------------------------------------------------------


def _paper(**overrides) -> dict:
    data = {
        "first_name": "Noah",
        "last_name": "Green",
        "date_of_birth_0": "4",
        "date_of_birth_1": "5",
        "date_of_birth_2": "2018",
        "upn": "",
        "requester_kind": "parent",
        "requester_name": "Jade Green",
        "received_0": "20",
        "received_1": "11",
        "received_2": "2026",
        "family_difficulties": "Reading and writing",
    }
    data.update(overrides)
    return data


def test_a_paper_request_opens_a_case_with_the_clock_from_the_day_received(signed_in, demo):
    client = signed_in("north_caseworker")
    url = reverse("ehc_paper_request")
    form = client.get(url)
    assert form.status_code == 200
    assert "clock starts on this date" in form.content.decode()

    response = client.post(url, _paper())

    assert response.status_code == 302
    made = AssessmentRequest.objects.get(requester_name="Jade Green")
    assert made.channel == Channel.PAPER
    assert made.received == date(2026, 11, 20)
    assert made.case.received == date(2026, 11, 20)
    assert made.case.decision_to_assess_due == date(2027, 1, 1)
    assert made.case.local_authority == demo["north_la"]
    assert response["Location"] == reverse("ehc_case", args=[made.case.pk])
    audit = AuditEvent.objects.get(record_id=str(made.pk), kind="created")
    assert audit.actor == demo["north_caseworker"]
    assert audit.new_values["received"] == "2026-11-20"


def test_a_paper_request_for_a_known_child_finds_them_by_upn(signed_in, demo):
    client = signed_in("north_caseworker")
    response = client.post(
        reverse("ehc_paper_request"),
        _paper(first_name="M", last_name="H", upn=demo["mia"].upn.lower()),
    )

    assert response.status_code == 302
    assert EhcCase.objects.get(child=demo["mia"]).requests.get().requester_name == "Jade Green"


def test_a_paper_request_with_mistakes_saves_nothing(signed_in, demo):
    client = signed_in("north_caseworker")
    children = Child.objects.count()

    empty = client.post(reverse("ehc_paper_request"), {})
    assert empty.status_code == 200
    assert "Enter the child&#x27;s first name" in empty.content.decode()

    future = client.post(reverse("ehc_paper_request"), _paper(received_2="2027"))
    assert future.status_code == 200
    assert "must be today or in the past" in future.content.decode()
    assert Child.objects.count() == children
    assert not EhcCase.objects.exists()


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_ep"])
def test_only_a_councils_send_team_records_paper_requests(signed_in, persona):
    assert page(signed_in(persona), "ehc_paper_request").status_code == 404


def test_a_closed_case_shows_its_dates_without_a_status_or_actions(signed_in, demo, mia_case):
    from opensend.ehc.services import case_withdraw

    case_withdraw(actor=demo["north_caseworker"], case=mia_case, reason="Family withdrew")
    html = page(signed_in("north_caseworker"), "ehc_case", mia_case.pk).content.decode()

    assert "Withdrawn (closed 27 November 2026)" in html
    assert "Case closed" in html
    assert "On time" not in html
    assert reverse("ehc_decision", args=[mia_case.pk, "assess"]) not in html
    assert reverse("ehc_case_withdraw", args=[mia_case.pk]) not in html


def test_someone_in_two_councils_chooses_which_received_the_paper_request(signed_in, demo):
    from opensend.organisations.models import Membership

    Membership.objects.create(
        user=demo["north_caseworker"], organisation=demo["south_la"], role="la_caseworker"
    )
    client = signed_in("north_caseworker")
    form = client.get(reverse("ehc_paper_request")).content.decode()
    assert "Which council received it?" in form
    assert "Southmoor City Council" in form

    missing = client.post(reverse("ehc_paper_request"), _paper())
    assert missing.status_code == 200
    assert "Choose the council that received the request" in missing.content.decode()

    chosen = client.post(
        reverse("ehc_paper_request"), _paper(local_authority=str(demo["south_la"].pk))
    )
    assert chosen.status_code == 302
    assert EhcCase.objects.get().local_authority == demo["south_la"]
