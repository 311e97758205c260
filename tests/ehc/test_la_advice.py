"""The council's advice pages: the advice plan (add, send) and one request (reuse, withdraw,
share or withhold). Time is frozen on Friday 27 November 2026; Mia's case is assessing.
"""

import pytest
from django.urls import NoReverseMatch, reverse

from opensend.ehc.models import AdviceAttachment, AdviceKind, AdviceStatus
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    request_submit,
)
from opensend.organisations.models import Organisation

pytestmark = pytest.mark.usefixtures("frozen_november")


@pytest.fixture
def case(assessing_mia_case):
    return assessing_mia_case


@pytest.fixture
def ep_advice(demo, case):
    advice = advice_request_add(
        actor=demo["north_caseworker"],
        case=case,
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_user=demo["north_ep"],
    )
    advice_requests_send(actor=demo["north_caseworker"], advice_requests=[advice])
    advice.refresh_from_db()
    return advice


def plan_url(case):
    return reverse("ehc_advice_plan", args=[case.pk])


def manage_url(advice):
    return reverse("ehc_advice_manage", args=[advice.pk])


# --- the advice plan ---------------------------------------------------------------------------


def test_the_advice_plan_lists_requests_and_offers_everyone_in_the_area(signed_in, demo, case):
    advice_request_add(actor=demo["north_caseworker"], case=case, kind=AdviceKind.FAMILY)
    response = signed_in("north_caseworker").get(plan_url(case))

    assert response.status_code == 200
    html = response.content.decode()
    assert "The family&#x27;s advice and views" in html
    assert "Not sent yet" in html
    assert "Send 1 advice request" in html
    for name in ("Dr Anna Lewis", "Kate Morgan", "Leon Brooks"):
        assert name in html  # Northshire's professionals
    assert "Dr Ben Carter" not in html  # Southmoor's
    assert "Northshire Educational Psychology Service" in html


def test_adding_advice_from_someone_already_on_opensend(signed_in, demo, case):
    response = signed_in("north_caseworker").post(
        plan_url(case),
        {
            "action": "add",
            "kind": "medical",
            "professional": str(demo["north_health"].pk),
            "question": "Sleep and diet",
        },
    )

    assert response.status_code == 302
    advice = case.advice_requests.get()
    assert advice.kind == "medical"
    assert advice.recipient_user == demo["north_health"]
    assert advice.question == "Sleep and diet"
    assert advice.status == AdviceStatus.DRAFT


def test_adding_someone_new_invites_them_when_sent(signed_in, demo, case):
    service = Organisation.objects.get(name="Northshire Educational Psychology Service")
    client = signed_in("north_caseworker")
    added = client.post(
        plan_url(case),
        {
            "action": "add",
            "kind": "other",
            "recipient_name": "Sam Speech",
            "recipient_email": "sam.speech@example.org",
            "service": str(service.pk),
        },
    )
    assert added.status_code == 302
    advice = case.advice_requests.get()
    assert advice.recipient_email == "sam.speech@example.org"

    sent = client.post(plan_url(case), {"action": "send"})

    assert sent["Location"] == plan_url(case)
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.REQUESTED
    assert advice.invitation is not None
    assert "Invited to join" in client.get(plan_url(case)).content.decode()


def test_adding_educational_advice_asks_the_school(signed_in, demo, case):
    school = str(demo["north_hill"].pk)
    signed_in("north_caseworker").post(
        plan_url(case), {"action": "add", "kind": "educational", "school": school}
    )
    assert case.advice_requests.get().recipient_organisation == demo["north_hill"]


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose the kind of advice"),
        ({"kind": "medical"}, "Choose who to ask, or enter the name of someone new"),
        (
            {"kind": "medical", "recipient_name": "Sam", "recipient_email": ""},
            "Enter their email address",
        ),
        (
            {"kind": "medical", "recipient_name": "Sam", "recipient_email": "sam@example.org"},
            "Choose the service Sam works for",
        ),
        ({"kind": "educational", "school": ""}, "Choose the child&#x27;s school"),
    ],
)
def test_an_incomplete_advice_request_is_explained(signed_in, demo, case, data, message):
    response = signed_in("north_caseworker").post(plan_url(case), {"action": "add", **data})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not case.advice_requests.exists()


def test_advice_cannot_be_asked_before_the_decision_to_assess(signed_in, demo):
    made = request_submit(
        actor=demo["hill_senco"],
        child=demo["mia"],
        school=demo["north_hill"],
        what_is_new="Not attending.",
        family_agrees=True,
        views=Views(),
    ).case
    client = signed_in("north_caseworker")
    assert "once the council has decided to assess" in client.get(plan_url(made)).content.decode()

    response = client.post(plan_url(made), {"action": "add", "kind": "family"}, follow=True)
    assert response.status_code == 200
    assert "once the council has decided to assess" in response.content.decode()
    assert not made.advice_requests.exists()


def test_the_advice_plan_is_the_councils_only(signed_in, case):
    for persona in ("south_caseworker",):
        client = signed_in(persona)
        assert client.get(plan_url(case)).status_code == 404
        assert client.post(plan_url(case), {"action": "send"}).status_code == 404


# --- one advice request --------------------------------------------------------------------------


def test_the_manage_page_shows_the_request_and_its_due_date(signed_in, ep_advice):
    response = signed_in("north_caseworker").get(manage_url(ep_advice))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Dr Anna Lewis" in html
    assert "8 January 2027" in html  # 6 weeks from today (reg 8(1))
    assert "On time" in html
    assert "Use existing advice instead" in html


def test_the_manage_page_shows_the_advice_given_with_its_documents(signed_in, demo, ep_advice):
    from opensend.ehc.services import Upload, advice_submit

    advice_submit(
        actor=demo["north_ep"],
        advice=ep_advice,
        needs="Anxiety in busy places.",
        attachments=[Upload("report.pdf", "application/pdf", b"%PDF-1.4 report")],
    )
    try:
        reverse("ehc_attachment", args=[AdviceAttachment.objects.get().pk])
    except NoReverseMatch:
        pytest.skip("the advice pages (ehc_attachment) are not in this tree yet")
    html = signed_in("north_caseworker").get(manage_url(ep_advice)).content.decode()

    assert "Anxiety in busy places." in html
    assert "report.pdf" in html
    assert reverse("ehc_attachment", args=[AdviceAttachment.objects.get().pk]) in html


def test_reusing_advice_needs_everyones_agreement(signed_in, ep_advice):
    client = signed_in("north_caseworker")
    url = manage_url(ep_advice)

    refused = client.post(url, {"action": "reuse", "description": "EP report, June 2026"})
    assert refused.status_code == 200
    assert "The person who gave the advice must agree" in refused.content.decode()
    ep_advice.refresh_from_db()
    assert ep_advice.status == AdviceStatus.REQUESTED

    agreed = client.post(
        url,
        {
            "action": "reuse",
            "description": "EP report, June 2026",
            "provider_agrees": "on",
            "family_agrees": "on",
        },
    )
    assert agreed.status_code == 302
    ep_advice.refresh_from_db()
    assert ep_advice.status == AdviceStatus.REUSED
    assert "EP report, June 2026" in client.get(url).content.decode()


def test_withdrawing_an_advice_request(signed_in, ep_advice):
    client = signed_in("north_caseworker")
    response = client.post(manage_url(ep_advice), {"action": "withdraw"})

    assert response.status_code == 302
    ep_advice.refresh_from_db()
    assert ep_advice.status == AdviceStatus.WITHDRAWN
    again = client.post(manage_url(ep_advice), {"action": "withdraw"}, follow=True)
    assert "cannot be withdrawn" in again.content.decode()


def test_withholding_advice_from_the_family_needs_a_reason(signed_in, ep_advice):
    client = signed_in("north_caseworker")
    url = manage_url(ep_advice)

    refused = client.post(url, {"action": "share", "shared": "no", "reason": ""})
    assert refused.status_code == 200
    assert "Say why this advice is not shared with the family" in refused.content.decode()
    ep_advice.refresh_from_db()
    assert ep_advice.shared_with_family

    client.post(url, {"action": "share", "shared": "no", "reason": "Safeguarding"})
    ep_advice.refresh_from_db()
    assert not ep_advice.shared_with_family

    client.post(url, {"action": "share", "shared": "yes"})
    ep_advice.refresh_from_db()
    assert ep_advice.shared_with_family


def test_an_unknown_action_is_explained(signed_in, ep_advice):
    response = signed_in("north_caseworker").post(manage_url(ep_advice), {}, follow=True)
    assert response.status_code == 200
    assert "Choose what to do with this advice request" in response.content.decode()


@pytest.mark.parametrize("persona", ["south_caseworker", "north_ep", "hill_senco"])
def test_the_manage_page_is_the_councils_only(signed_in, ep_advice, persona):
    client = signed_in(persona)
    assert client.get(manage_url(ep_advice)).status_code == 404
    assert client.post(manage_url(ep_advice), {"action": "withdraw"}).status_code == 404
    ep_advice.refresh_from_db()
    assert ep_advice.status == AdviceStatus.REQUESTED
