"""The EHC needs assessment's rules, through the services, with real dates and frozen time."""

import html
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from opensend.core.models import AuditEvent
from opensend.ehc.letters import letter_html, missing_elements
from opensend.ehc.models import (
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    AssessmentRequest,
    CaseStage,
    Decision,
    EhcCase,
)
from opensend.ehc.services import (
    Upload,
    Views,
    advice_request_add,
    advice_requests_send,
    advice_reuse,
    advice_submit,
    case_assign,
    decision_record,
    exception_record,
    letter_send,
    letter_update,
    paper_request_record,
    request_submit,
)
from opensend.publishing.services.offers import local_offer_for
from tests.ehc.conftest import school_request_for_mia

D = date.fromisoformat


# --- requests and the clock --------------------------------------------------------------------


def test_a_school_request_starts_every_clock_on_the_day_it_is_submitted(demo, frozen):
    request = school_request_for_mia(demo)
    case = request.case
    assert request.received == case.received == D("2026-03-02")
    assert case.decision_to_assess_due == D("2026-04-13")  # reg 5(1): 6 weeks
    assert case.decision_not_to_issue_due == D("2026-06-22")  # reg 10(1): 16 weeks
    assert case.final_plan_due == D("2026-07-20")  # reg 13(2): 20 weeks
    assert (case.stage, case.next_step, case.next_due) == (
        CaseStage.REQUESTED,
        "Decide whether to assess",
        D("2026-04-13"),
    )
    assert case.local_authority == demo["north_la"]


def test_a_school_request_carries_what_opensend_holds_about_the_child(demo, frozen):
    evidence = school_request_for_mia(demo).school_evidence
    assert evidence["school"] == "Hillside Academy"
    assert [need["code"] for need in evidence["needs"]] == ["SEMH"]
    assert [entry["code"] for entry in evidence["register"]] == ["N", "K"]


def test_a_school_must_confirm_the_family_knows_and_agrees(demo, frozen):
    with pytest.raises(ValidationError) as error:
        school_request_for_mia(demo, family_agrees=False)
    assert "family_agrees" in error.value.message_dict
    assert not EhcCase.objects.exists()


def test_a_school_must_say_why_it_asks_now(demo, frozen):
    with pytest.raises(ValidationError) as error:
        school_request_for_mia(demo, what_is_new="  ")
    assert "what_is_new" in error.value.message_dict
    assert not AssessmentRequest.objects.exists()


@pytest.mark.parametrize("persona", ["oak_senco", "oak_teacher", "north_caseworker"])
def test_only_the_senco_or_head_of_the_childs_school_asks_for_the_school(demo, frozen, persona):
    with pytest.raises(PermissionDenied):
        school_request_for_mia(demo, actor=demo[persona])


def test_a_parent_asks_for_their_own_child_and_the_clock_starts_that_day(demo, frozen):
    request = request_submit(
        actor=demo["north_parent"],
        child=demo["ava"],
        views=Views(family_difficulties="Reading and making friends."),
    )
    assert request.requester_kind == "parent"
    assert request.case.received == D("2026-03-02")
    with pytest.raises(PermissionDenied):
        request_submit(
            actor=demo["north_parent"], child=demo["leo"], views=Views(family_difficulties="x")
        )


def test_a_young_person_asks_for_themselves(demo, frozen):
    request = request_submit(
        actor=demo["north_young_person"],
        child=demo["jordan"],
        views=Views(family_difficulties="College work is too much without help."),
    )
    assert request.requester_kind == "young_person"


def test_a_second_request_joins_the_open_case_and_does_not_restart_the_clock(demo, frozen):
    first = school_request_for_mia(demo)
    frozen.shift(timedelta(days=10))
    # Mia's parent is recorded on her record; they ask too, ten days later.
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy", relationship="mother"
    )
    second = request_submit(
        actor=demo["north_parent"],
        child=demo["mia"],
        views=Views(family_difficulties="She cannot face school most mornings."),
    )
    assert second.case == first.case
    assert EhcCase.objects.count() == 1
    assert second.received == D("2026-03-12")
    second.case.refresh_from_db()
    assert second.case.received == D("2026-03-02")
    assert second.case.decision_to_assess_due == D("2026-04-13")


def test_a_paper_request_starts_the_clock_on_the_day_the_la_received_it(demo, frozen):
    request = paper_request_record(
        actor=demo["north_caseworker"],
        child=demo["leo"],
        requester_kind="parent",
        requester_name="Mr Patel",
        received=D("2026-02-23"),
        views=Views(family_difficulties="Reading"),
    )
    assert request.channel == "paper"
    assert request.case.decision_to_assess_due == D("2026-04-06")
    audit = AuditEvent.objects.get(record_id=str(request.pk), kind="created")
    assert audit.actor == demo["north_caseworker"]
    assert audit.new_values["received"] == "2026-02-23"
    assert audit.new_values["channel"] == "paper"


def test_a_paper_request_cannot_be_received_in_the_future_or_by_another_la(demo, frozen):
    with pytest.raises(ValidationError) as error:
        paper_request_record(
            actor=demo["north_caseworker"],
            child=demo["leo"],
            requester_kind="parent",
            requester_name="Mr Patel",
            received=D("2026-03-03"),
            views=Views(),
        )
    assert "received" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        paper_request_record(
            actor=demo["south_caseworker"],
            child=demo["leo"],
            requester_kind="parent",
            requester_name="Mr Patel",
            received=D("2026-03-02"),
            views=Views(),
        )
    assert not EhcCase.objects.exists()


# --- decisions ----------------------------------------------------------------------------------


def test_a_refusal_to_assess_cannot_be_saved_without_reasons(demo, requested_case):
    with pytest.raises(ValidationError) as error:
        decision_record(
            actor=demo["north_caseworker"],
            case=requested_case,
            kind="assess",
            agreed=False,
            reasons="   ",
        )
    assert "reasons" in error.value.message_dict
    assert not Decision.objects.exists()
    requested_case.refresh_from_db()
    assert requested_case.stage == CaseStage.REQUESTED


def test_the_database_also_refuses_a_refusal_without_reasons(demo, requested_case):
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            case=requested_case, kind="assess", agreed=False, decided_on=D("2026-03-02")
        )


def test_a_decision_to_assess_moves_the_case_to_assessing(demo, requested_case):
    decision = decision_record(
        actor=demo["north_caseworker"], case=requested_case, kind="assess", agreed=True
    )
    assert decision.decided_on == D("2026-03-02")
    assert requested_case.stage == CaseStage.ASSESSING
    assert requested_case.next_due == D("2026-06-22")
    assert not decision.letter.is_sent


def test_a_refusal_closes_the_case_and_a_new_request_opens_a_new_one(demo, requested_case):
    decision_record(
        actor=demo["north_caseworker"],
        case=requested_case,
        kind="assess",
        agreed=False,
        reasons="The school's support has not yet been reviewed.",
    )
    assert requested_case.stage == CaseStage.NOT_ASSESSING
    assert requested_case.closed_on == D("2026-03-02")
    again = school_request_for_mia(demo)
    assert again.case != requested_case
    assert EhcCase.objects.count() == 2


def test_another_las_caseworker_cannot_decide(demo, requested_case):
    with pytest.raises(PermissionDenied):
        decision_record(
            actor=demo["south_caseworker"], case=requested_case, kind="assess", agreed=True
        )


def test_the_decision_whether_to_issue_waits_for_the_assessment(demo, requested_case):
    with pytest.raises(ValidationError):
        decision_record(
            actor=demo["north_caseworker"], case=requested_case, kind="issue", agreed=True
        )


def test_a_decision_cannot_be_dated_before_the_request_or_in_the_future(demo, requested_case):
    for day in (D("2026-03-01"), D("2026-03-03")):
        with pytest.raises(ValidationError) as error:
            decision_record(
                actor=demo["north_caseworker"],
                case=requested_case,
                kind="assess",
                agreed=True,
                decided_on=day,
            )
        assert "decided_on" in error.value.message_dict


def test_a_decision_not_to_issue_closes_the_case_after_assessment(demo, assessing_case):
    decision_record(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind="issue",
        agreed=False,
        reasons="The advice shows needs can be met from the school's own resources.",
    )
    assert assessing_case.stage == CaseStage.NOT_ISSUING


def test_a_decision_to_issue_leaves_the_final_plan_as_the_next_date(demo, assessing_case):
    decision_record(actor=demo["north_caseworker"], case=assessing_case, kind="issue", agreed=True)
    assert (assessing_case.stage, assessing_case.next_due) == (
        CaseStage.DRAFTING,
        D("2026-07-20"),
    )


# --- letters ------------------------------------------------------------------------------------

REASONS = "Mia's needs are being met through SEN support, reviewed termly."


def _refusal(demo, case):
    return decision_record(
        actor=demo["north_caseworker"], case=case, kind="assess", agreed=False, reasons=REASONS
    )


def test_a_refusal_letter_contains_every_element_reg_5_3_requires(demo, requested_case):
    letter = letter_send(
        actor=demo["north_caseworker"], letter=_refusal(demo, requested_case).letter
    )
    body = letter.body_html
    for key in (
        "reasons",
        "right_of_appeal",
        "appeal_time_limits",
        "mediation",
        "disagreement_resolution",
        "information_advice_support",
    ):
        assert f'data-element="{key}"' in body
    assert REASONS in html.unescape(body)  # escaped as HTML, as any person's text is
    assert "2 May 2026" in body  # appeal: 2 months from the letter of 2 March 2026
    assert letter.sent_on == D("2026-03-02")


def test_a_letter_gives_the_councils_sendiass_and_mediation_contacts(demo, requested_case):
    # Kept once, in the council's Local Offer settings (issue 11), and used by every letter.
    offer = local_offer_for(demo["north_la"])
    offer.sendiass_name = "Northshire SENDIASS"
    offer.sendiass_telephone = "01632 960330"
    offer.mediation_contact = "Northshire Mediation Service, 01632 960163"
    offer.save()
    body = html.unescape(
        letter_send(
            actor=demo["north_caseworker"], letter=_refusal(demo, requested_case).letter
        ).body_html
    )
    assert "Northshire SENDIASS: telephone 01632 960330." in body
    assert "The mediation adviser: Northshire Mediation Service, 01632 960163" in body
    assert "Ask us for the mediation adviser" not in body


def test_without_local_offer_contacts_a_letter_says_to_ask_the_council(demo, requested_case):
    body = letter_send(
        actor=demo["north_caseworker"], letter=_refusal(demo, requested_case).letter
    ).body_html
    assert "Ask us for the mediation adviser" in html.unescape(body)


def test_a_letter_missing_an_element_is_caught_before_it_is_sent(demo, requested_case):
    decision = _refusal(demo, requested_case)
    html = letter_html(decision.letter, sent_on=D("2026-03-02"))
    without_mediation = html.replace('data-element="mediation"', "")
    assert missing_elements(decision, html) == []
    assert missing_elements(decision, without_mediation) == [
        "Mediation: the information in reg 32, and when a certificate is needed"
    ]


def test_a_letter_goes_to_the_family_the_school_health_and_social_care(demo, requested_case):
    from opensend.organisations.models import Organisation

    Organisation.objects.filter(kind="professional_service").update(email="team@example.org")
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy", relationship="mother"
    )
    decision = decision_record(
        actor=demo["north_caseworker"], case=requested_case, kind="assess", agreed=True
    )
    letter = letter_send(actor=demo["north_caseworker"], letter=decision.letter)
    labels = letter.recipients
    assert "Family: Lucy" in labels
    assert "School: Hillside Academy" in labels
    assert "Health: Northshire Community Health NHS Trust" in labels
    assert "Social care: Northshire Children's Social Care" in labels


def test_a_sent_letter_is_frozen(demo, requested_case):
    letter = letter_send(
        actor=demo["north_caseworker"], letter=_refusal(demo, requested_case).letter
    )
    with pytest.raises(ValidationError):
        letter_update(
            actor=demo["north_caseworker"],
            letter=letter,
            own_words="Changed",
            expected_version=letter.version,
        )
    with pytest.raises(ValidationError):
        letter_send(actor=demo["north_caseworker"], letter=letter)


def test_the_caseworkers_own_words_go_into_the_letter(demo, requested_case):
    letter = decision_record(
        actor=demo["north_caseworker"], case=requested_case, kind="assess", agreed=True
    ).letter
    letter = letter_update(
        actor=demo["north_caseworker"],
        letter=letter,
        own_words="I will phone you this week to talk it through.",
        expected_version=letter.version,
    )
    sent = letter_send(actor=demo["north_caseworker"], letter=letter)
    assert "I will phone you this week" in sent.body_html


# --- advice -------------------------------------------------------------------------------------


def test_advice_is_only_asked_for_after_deciding_to_assess(demo, requested_case):
    with pytest.raises(ValidationError):
        advice_request_add(
            actor=demo["north_caseworker"], case=requested_case, kind=AdviceKind.FAMILY
        )


def test_advice_is_due_six_weeks_after_it_is_sent(demo, ep_advice):
    assert ep_advice.status == AdviceStatus.REQUESTED
    assert (ep_advice.requested_on, ep_advice.due) == (D("2026-03-02"), D("2026-04-13"))
    ep_advice.case.refresh_from_db()
    assert (ep_advice.case.next_step, ep_advice.case.next_due) == ("Advice due", D("2026-04-13"))


def test_advice_asked_later_has_its_own_six_weeks(demo, assessing_case, frozen):
    frozen.shift(timedelta(days=14))
    advice = advice_request_add(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=demo["north_caseworker"], advice_requests=[advice])
    advice.refresh_from_db()
    assert advice.due == D("2026-04-27")  # reg 8(1): from the day that body was asked


def test_educational_advice_goes_to_a_school(demo, assessing_case):
    with pytest.raises(ValidationError):
        advice_request_add(
            actor=demo["north_caseworker"], case=assessing_case, kind=AdviceKind.EDUCATIONAL
        )


def test_a_professional_outside_the_las_area_cannot_be_asked(demo, assessing_case):
    with pytest.raises(ValidationError):
        advice_request_add(
            actor=demo["north_caseworker"],
            case=assessing_case,
            kind=AdviceKind.PSYCHOLOGICAL,
            recipient_user=demo["south_ep"],
        )


def test_the_professional_asked_gives_advice_and_others_cannot(demo, ep_advice):
    for persona in ("south_ep", "north_health", "hill_senco", "north_caseworker"):
        with pytest.raises(PermissionDenied):
            advice_submit(actor=demo[persona], advice=ep_advice, needs="Anxiety")
    advice = advice_submit(
        actor=demo["north_ep"],
        advice=ep_advice,
        needs="High anxiety in unstructured time.",
        provision="A quiet base and a key adult, daily check-in.",
        attachments=[Upload("report.pdf", "application/pdf", b"%PDF-1.7 report")],
    )
    assert advice.status == AdviceStatus.SUBMITTED
    assert advice.attachments.get().size == len(b"%PDF-1.7 report")
    with pytest.raises(PermissionDenied):  # given once; read-only afterwards
        advice_submit(actor=demo["north_ep"], advice=advice, needs="Again")


def test_advice_needs_words_or_a_report(demo, ep_advice):
    with pytest.raises(ValidationError) as error:
        advice_submit(actor=demo["north_ep"], advice=ep_advice, needs=" ")
    assert "needs" in error.value.message_dict


@pytest.mark.parametrize(
    ("upload", "problem"),
    [
        (Upload("run.exe", "application/x-msdownload", b"MZ"), "is not a PDF"),
        (Upload("big.pdf", "application/pdf", b"x" * (10 * 1024 * 1024 + 1)), "larger than"),
        (Upload("empty.pdf", "application/pdf", b""), "is empty"),
    ],
)
def test_attachments_are_checked_and_nothing_is_saved_for_a_bad_one(
    demo, ep_advice, upload, problem
):
    with pytest.raises(ValidationError) as error:
        advice_submit(actor=demo["north_ep"], advice=ep_advice, needs="x", attachments=[upload])
    assert problem in str(error.value.message_dict["attachments"])
    ep_advice.refresh_from_db()
    assert ep_advice.status == AdviceStatus.REQUESTED


def test_existing_advice_is_reused_only_when_everyone_agrees(demo, ep_advice):
    # Reg 6(4): the provider, the LA and the family must all agree it is sufficient.
    with pytest.raises(ValidationError) as error:
        advice_reuse(
            actor=demo["north_caseworker"],
            advice=ep_advice,
            description="EP report of 10 January 2026",
            provider_agrees=True,
            family_agrees=False,
        )
    assert "family_agrees" in error.value.message_dict
    reused = advice_reuse(
        actor=demo["north_caseworker"],
        advice=ep_advice,
        description="EP report of 10 January 2026",
        provider_agrees=True,
        family_agrees=True,
    )
    assert reused.status == AdviceStatus.REUSED


def test_the_database_refuses_reuse_without_agreement(demo, ep_advice):
    with pytest.raises(IntegrityError), transaction.atomic():
        AdviceRequest.objects.filter(pk=ep_advice.pk).update(status="reused")


# --- exceptions ---------------------------------------------------------------------------------


def test_an_exception_is_recorded_and_never_moves_a_date(demo, assessing_case):
    before = EhcCase.objects.values(
        "decision_to_assess_due", "decision_not_to_issue_due", "final_plan_due", "next_due"
    ).get(pk=assessing_case.pk)
    exception_record(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind="absence_from_area",
        start=D("2026-04-01"),
        end=D("2026-05-15"),
        note="Family abroad",
    )
    after = EhcCase.objects.values(*before).get(pk=assessing_case.pk)
    assert after == before


def test_an_exception_must_make_sense(demo, assessing_case):
    with pytest.raises(ValidationError):
        exception_record(
            actor=demo["north_caseworker"],
            case=assessing_case,
            kind="school_closure",
            start=D("2026-07-22"),
            end=D("2026-07-22"),
        )
    with pytest.raises(ValidationError) as error:
        exception_record(
            actor=demo["north_caseworker"],
            case=assessing_case,
            kind="missed_appointment",
            start=D("2026-03-20"),
            end=D("2026-03-20"),
        )
    assert "advice_request" in error.value.message_dict
    with pytest.raises(ValidationError):
        exception_record(
            actor=demo["north_caseworker"],
            case=assessing_case,
            kind="holiday",
            start=D("2026-03-20"),
            end=D("2026-03-20"),
        )


def test_a_missed_appointment_names_whose_advice_it_was(demo, ep_advice):
    exception = exception_record(
        actor=demo["north_caseworker"],
        case=ep_advice.case,
        kind="missed_appointment",
        start=D("2026-03-20"),
        end=D("2026-03-20"),
        advice_request=ep_advice,
    )
    assert exception.advice_request == ep_advice


# --- assignment ---------------------------------------------------------------------------------


def test_a_case_is_given_only_to_someone_in_the_las_send_team(demo, requested_case):
    case_assign(
        actor=demo["north_manager"], case=requested_case, caseworker=demo["north_caseworker"]
    )
    requested_case.refresh_from_db()
    assert requested_case.caseworker == demo["north_caseworker"]
    with pytest.raises(ValidationError):
        case_assign(
            actor=demo["north_manager"], case=requested_case, caseworker=demo["south_caseworker"]
        )
