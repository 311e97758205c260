"""The decisions and their letters, as the council's caseworker makes and sends them.

Time is frozen on Friday 27 November 2026. Issue 7's target: a decision to assess with the
advice requests sent in at most 3 submissions (decide, send the letter, send the requests).
"""

import re
import zlib

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.ehc.models import AdviceStatus, CaseStage, Decision, Letter
from opensend.ehc.services import Views, decision_record, letter_send, request_submit
from tests.ehc.conftest import NOVEMBER_TODAY as TODAY

pytestmark = pytest.mark.usefixtures("frozen_november")


def decide_url(case, kind="assess"):
    return reverse("ehc_decision", args=[case.pk, kind])


def assess_yes(case, demo, **extra) -> dict:
    """The decision form as it comes, pre-filled: yes, today, every advice ticked."""
    data = {
        "decision": "yes",
        "reasons": "",
        "decided_on_0": "27",
        "decided_on_1": "11",
        "decided_on_2": "2026",
        "ask_family": "on",
        "ask_educational": "on",
        "to_educational": str(demo["north_hill"].pk),
        "ask_medical": "on",
        "to_medical": str(demo["north_health"].pk),
        "ask_psychological": "on",
        "to_psychological": str(demo["north_ep"].pk),
        "ask_social_care": "on",
        "to_social_care": str(demo["north_social"].pk),
    }
    data.update(extra)
    return data


# --- deciding ----------------------------------------------------------------------------------


def test_the_assess_decision_page_lists_the_minimum_advice_with_recipients_chosen(
    signed_in, demo, mia_case
):
    response = signed_in("north_caseworker").get(decide_url(mia_case))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Carry out an assessment" in html
    assert "Do not carry out an assessment" in html
    for label in (
        "The family&#x27;s advice and views",
        "Educational advice (the school)",
        "Medical advice (health)",
        "Psychological advice (educational psychologist)",
        "Social care advice",
    ):
        assert label in html
    assert "Preparing for adulthood" not in html  # Mia is in Year 1 (reg 6(1)(g): Year 9 on)
    # The only educational psychologist in Northshire is chosen already.
    assert re.search(rf'<option value="{demo["north_ep"].pk}"\s+selected', html)
    assert re.search(rf'<option value="{demo["north_hill"].pk}"\s+selected', html)
    # Today's date is filled in.
    assert 'value="27"' in html and 'value="2026"' in html


def test_one_submission_records_the_decision_and_adds_the_advice_requests(
    signed_in, demo, mia_case
):
    client = signed_in("north_caseworker")
    response = client.post(decide_url(mia_case), assess_yes(mia_case, demo))

    decision = Decision.objects.get(case=mia_case)
    assert response.status_code == 302
    assert response["Location"] == reverse("ehc_letter", args=[decision.letter.pk])
    assert decision.agreed and decision.decided_on == TODAY
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.ASSESSING
    advice = {a.kind: a for a in mia_case.advice_requests.all()}
    assert set(advice) == {"family", "educational", "medical", "psychological", "social_care"}
    assert all(a.status == AdviceStatus.DRAFT for a in advice.values())
    assert advice["educational"].recipient_organisation == demo["north_hill"]
    assert advice["psychological"].recipient_user == demo["north_ep"]
    letter_page = client.get(response["Location"]).content.decode()
    assert "5 advice requests are ready to send" in letter_page


def test_a_decision_to_assess_with_advice_sent_takes_three_submissions(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")

    # 1: decide, with the advice requests.
    decided = client.post(decide_url(mia_case), assess_yes(mia_case, demo))
    letter_url = decided["Location"]
    letter_page = client.get(letter_url).content.decode()
    assert "Send the letter" in letter_page

    # 2: send the letter; the page then offers to send the advice requests.
    sent = client.post(letter_url, {"action": "send"})
    assert sent["Location"] == letter_url
    after = client.get(letter_url).content.decode()
    assert "Send 5 advice requests" in after

    # 3: send every advice request with one button.
    done = client.post(
        reverse("ehc_advice_plan", args=[mia_case.pk]), {"action": "send", "return_to": "case"}
    )
    assert done["Location"] == reverse("ehc_case", args=[mia_case.pk])
    statuses = set(mia_case.advice_requests.values_list("status", flat=True))
    assert statuses == {AdviceStatus.REQUESTED}
    assert "5 advice requests sent" in client.get(done["Location"]).content.decode()


def test_unticked_advice_is_not_asked_for(signed_in, demo, mia_case):
    data = assess_yes(mia_case, demo)
    del data["ask_medical"], data["ask_social_care"]
    signed_in("north_caseworker").post(decide_url(mia_case), data)

    kinds = set(mia_case.advice_requests.values_list("kind", flat=True))
    assert kinds == {"family", "educational", "psychological"}


def test_ticked_advice_with_nobody_to_ask_is_refused_and_nothing_is_saved(
    signed_in, demo, mia_case
):
    response = signed_in("north_caseworker").post(
        decide_url(mia_case), assess_yes(mia_case, demo, to_psychological="")
    )

    assert response.status_code == 200
    assert "Choose who to ask for psychological advice" in response.content.decode()
    assert not Decision.objects.exists()
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.REQUESTED


def test_refusing_without_reasons_shows_the_error_and_saves_nothing(signed_in, demo, mia_case):
    response = signed_in("north_caseworker").post(
        decide_url(mia_case), {"decision": "no", "reasons": "  "}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Give the reasons for the decision" in html
    assert "There is a problem" in html
    assert not Decision.objects.exists()
    assert not Letter.objects.exists()
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.REQUESTED


def test_refusing_with_reasons_closes_the_case_and_adds_no_advice(signed_in, demo, mia_case):
    response = signed_in("north_caseworker").post(
        decide_url(mia_case),
        {**assess_yes(mia_case, demo), "decision": "no", "reasons": "Needs are met at school."},
    )

    assert response.status_code == 302
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.NOT_ASSESSING
    assert not mia_case.advice_requests.exists()


def test_no_answer_and_a_future_date_are_shown_as_errors(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    empty = client.post(decide_url(mia_case), {})
    assert empty.status_code == 200
    assert "Choose whether to carry out an assessment" in empty.content.decode()

    future = client.post(
        decide_url(mia_case), assess_yes(mia_case, demo, decided_on_0="28", decided_on_1="12")
    )
    assert future.status_code == 200
    assert "cannot be in the future" in future.content.decode()
    assert not Decision.objects.exists()


def test_the_decision_to_issue_is_made_after_assessing(signed_in, demo, mia_case):
    decision_record(actor=demo["north_caseworker"], case=mia_case, kind="assess", agreed=True)
    client = signed_in("north_caseworker")
    page = client.get(decide_url(mia_case, "issue")).content.decode()
    assert "Issue an EHC plan" in page and "Do not issue a plan" in page
    assert "Educational advice" not in page

    response = client.post(decide_url(mia_case, "issue"), {"decision": "yes"})
    assert response.status_code == 302
    mia_case.refresh_from_db()
    assert mia_case.stage == CaseStage.DRAFTING


def test_a_decision_at_the_wrong_stage_says_why_instead_of_failing(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    for method in (client.get, client.post):
        response = method(decide_url(mia_case, "issue"), follow=True)
        assert response.status_code == 200
        assert "so this decision cannot be made now" in response.content.decode()
    assert not Decision.objects.exists()


def test_an_unknown_kind_of_decision_or_case_is_not_found(signed_in, demo, mia_case):
    client = signed_in("north_caseworker")
    assert client.get(decide_url(mia_case, "appeal")).status_code == 404
    assert client.get(f"/ehc/cases/{mia_case.pk}x/decide/assess/").status_code == 404


def test_another_council_cannot_decide(signed_in, demo, mia_case):
    client = signed_in("south_caseworker")
    assert client.get(decide_url(mia_case)).status_code == 404
    assert client.post(decide_url(mia_case), assess_yes(mia_case, demo)).status_code == 404
    assert not Decision.objects.exists()


# --- letters -----------------------------------------------------------------------------------


def refused(demo, case, reasons="Her needs can be met through SEN support at Hillside."):
    decision = decision_record(
        actor=demo["north_caseworker"], case=case, kind="assess", agreed=False, reasons=reasons
    )
    return decision.letter


def test_the_draft_letter_is_shown_live_with_a_paragraph_of_your_own(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    client = signed_in("north_caseworker")
    url = reverse("ehc_letter", args=[letter.pk])
    html = client.get(url).content.decode()
    assert "Check and send the letter" in html
    assert "Her needs can be met through SEN support at Hillside." in html

    saved = client.post(
        url, {"action": "save", "version": letter.version, "own_words": "Call me on 01234."}
    )
    assert saved.status_code == 302
    letter.refresh_from_db()
    assert letter.own_words == "Call me on 01234."
    assert "Call me on 01234." in client.get(url).content.decode()


def test_a_stale_paragraph_is_refused_with_the_difference(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    client = signed_in("north_caseworker")
    url = reverse("ehc_letter", args=[letter.pk])
    client.post(url, {"action": "save", "version": letter.version, "own_words": "First"})

    stale = client.post(url, {"action": "save", "version": letter.version, "own_words": "Second"})

    assert stale.status_code == 200
    assert "Someone else changed this" in stale.content.decode()
    letter.refresh_from_db()
    assert letter.own_words == "First"


def test_sending_freezes_the_letter_and_a_refusal_gives_the_appeal_date(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    client = signed_in("north_caseworker")
    url = reverse("ehc_letter", args=[letter.pk])

    response = client.post(url, {"action": "send"})

    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.is_sent and letter.sent_on == TODAY
    # Two months from the letter: 27 January 2027 (CFA s51; reg 5(3)(b)).
    assert "27 January 2027" in letter.body_html
    assert 'data-element="right_of_appeal"' in letter.body_html
    html = client.get(url).content.decode()
    assert "Letter sent" in html
    assert "27 November 2026" in html
    assert "Family: " in html or "School: " in html  # who it went to

    # Frozen: a later change to the case's words does not reach the sent letter.
    frozen_body = letter.body_html
    Decision.objects.filter(pk=letter.decision_id).update(reasons="Changed afterwards")
    assert "Changed afterwards" not in client.get(url).content.decode()
    letter.refresh_from_db()
    assert letter.body_html == frozen_body


def test_a_sent_letter_cannot_be_changed_or_sent_again(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    letter_send(actor=demo["north_caseworker"], letter=letter)
    client = signed_in("north_caseworker")
    url = reverse("ehc_letter", args=[letter.pk])

    for data in ({"action": "send"}, {"action": "save", "own_words": "Late", "version": 9}):
        response = client.post(url, data, follow=True)
        assert response.status_code == 200
        assert "This letter has been sent: it cannot change" in response.content.decode()
    letter.refresh_from_db()
    assert letter.own_words == ""


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "south_caseworker"])
def test_the_letter_review_page_is_the_councils_only(signed_in, demo, mia_case, persona):
    letter = refused(demo, mia_case)
    letter_send(actor=demo["north_caseworker"], letter=letter)
    response = signed_in(persona).get(reverse("ehc_letter", args=[letter.pk]))
    assert response.status_code == 404


# --- the PDF -----------------------------------------------------------------------------------


def _pdf_text(pdf: bytes) -> bytes:
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


def test_the_pdf_downloads_with_a_neutral_name_and_is_audited(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    letter_send(actor=demo["north_caseworker"], letter=letter)
    response = signed_in("north_caseworker").get(reverse("ehc_letter_pdf", args=[letter.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == 'attachment; filename="ehc-decision-letter-2026-11-27.pdf"'
    assert "Mia" not in disposition and "Hughes" not in disposition
    assert response.content.startswith(b"%PDF")
    assert b"Decision not to carry out an EHC needs assessment" in _pdf_text(response.content)
    assert AuditEvent.objects.filter(
        kind="downloaded", record_id=str(letter.pk), subject_id=demo["mia"].pk
    ).exists()


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent"])
def test_the_school_and_the_family_download_a_sent_letter(signed_in, demo, mia_case, persona):
    from opensend.people.models import ParentLink

    ParentLink.objects.get_or_create(
        child=demo["mia"],
        user=demo["north_parent"],
        defaults={"full_name": "Lucy Martin", "relationship": "mother"},
    )
    letter = refused(demo, mia_case)
    url = reverse("ehc_letter_pdf", args=[letter.pk])
    client = signed_in(persona)
    assert client.get(url).status_code == 404  # not sent yet: the council's draft

    letter_send(actor=demo["north_caseworker"], letter=letter)
    assert client.get(url).status_code == 200


def test_another_council_cannot_download_the_letter(signed_in, demo, mia_case):
    letter = refused(demo, mia_case)
    letter_send(actor=demo["north_caseworker"], letter=letter)
    response = signed_in("south_caseworker").get(reverse("ehc_letter_pdf", args=[letter.pk]))
    assert response.status_code == 404


def test_a_young_person_is_also_asked_about_preparing_for_adulthood(signed_in, demo):
    case = request_submit(
        actor=demo["hill_senco"],
        child=demo["jordan"],
        school=demo["north_hill"],
        what_is_new="Moving to college next year.",
        family_agrees=True,
        views=Views(),
    ).case
    html = signed_in("north_caseworker").get(decide_url(case)).content.decode()

    # Reg 6(1)(g): advice on preparing for adulthood from Year 9 (Jordan is in Year 12).
    assert "Preparing for adulthood (Year 9 and above)" in html
    assert "Who to ask for preparing for adulthood" in html
