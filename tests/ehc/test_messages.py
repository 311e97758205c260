"""Messages say what changed and what happens next; their subjects never name the child."""

from django.core import mail

from opensend.ehc.models import AdviceKind
from opensend.ehc.services import (
    advice_request_add,
    advice_requests_send,
    decision_record,
    letter_send,
)
from tests.ehc.conftest import school_request_for_mia


def _mia_has_a_parent(demo):
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )


def test_the_family_and_the_la_hear_of_a_school_request(
    demo, frozen, django_capture_on_commit_callbacks
):
    _mia_has_a_parent(demo)
    with django_capture_on_commit_callbacks(execute=True):
        school_request_for_mia(demo)
    to_family = [m for m in mail.outbox if m.to == [demo["north_parent"].email]]
    assert len(to_family) == 1
    assert "asked the council for an EHC needs assessment" in to_family[0].body
    assert "13 April 2026" in to_family[0].body  # reg 5(1): the decision date
    to_la = {m.to[0] for m in mail.outbox} - {demo["north_parent"].email}
    assert demo["north_caseworker"].email in to_la


def test_no_subject_or_body_names_the_child(demo, frozen, django_capture_on_commit_callbacks):
    _mia_has_a_parent(demo)
    caseworker = demo["north_caseworker"]
    with django_capture_on_commit_callbacks(execute=True):
        case = school_request_for_mia(demo).case
        decision = decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
        letter_send(actor=caseworker, letter=decision.letter)
        advice = advice_request_add(
            actor=caseworker,
            case=case,
            kind=AdviceKind.PSYCHOLOGICAL,
            recipient_user=demo["north_ep"],
        )
        advice_requests_send(actor=caseworker, advice_requests=[advice])
    assert len(mail.outbox) >= 5
    for message in mail.outbox:
        for detail in ("Mia", "Hughes", "SEMH"):
            assert detail not in message.subject
            assert detail not in message.body
    ep_mail = [m for m in mail.outbox if m.to == [demo["north_ep"].email]]
    assert "by 13 April 2026" in ep_mail[0].body  # reg 8(1): 6 weeks from being asked
    family = [m for m in mail.outbox if m.to == [demo["north_parent"].email]]
    assert any("decided to carry out an EHC needs assessment" in m.body for m in family)


def test_health_social_care_and_the_school_hear_the_council_is_considering(
    demo, frozen, django_capture_on_commit_callbacks
):
    # Reg 4(2): when a parent asks, the school as well as health and social care are told.
    from opensend.ehc.services import Views, request_submit
    from opensend.organisations.models import Organisation

    Organisation.objects.filter(kind="professional_service").update(email="team@example.org")
    _mia_has_a_parent(demo)
    with django_capture_on_commit_callbacks(execute=True):
        request_submit(
            actor=demo["north_parent"],
            child=demo["mia"],
            views=Views(family_difficulties="Mornings."),
        )
    notices = [m for m in mail.outbox if "being considered" in m.subject]
    told = {address for message in notices for address in message.to}
    assert "team@example.org" in told
    assert demo["hill_senco"].email in told
    assert all("Mia" not in m.body for m in notices)


def test_the_family_hears_of_the_draft_and_of_the_final_plan_with_its_appeal_date(
    demo, draft, frozen, django_capture_on_commit_callbacks
):
    from opensend.ehc.plan_services import (
        consultation_send,
        draft_respond,
        plan_draft_serve,
        plan_issue,
    )
    from opensend.organisations.models import Organisation

    Organisation.objects.filter(kind="professional_service").update(email="team@example.org")
    _mia_has_a_parent(demo)
    caseworker = demo["north_caseworker"]
    frozen.move_to("2026-05-11 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        served = plan_draft_serve(actor=caseworker, version=draft)
        consultation_send(actor=caseworker, version=served, school=demo["north_hill"])
        draft_respond(actor=demo["north_parent"], version=served, no_changes=True)
        plan_issue(actor=caseworker, version=served, placement=demo["north_hill"])
    family = [m.body for m in mail.outbox if m.to == [demo["north_parent"].email]]
    assert any("until 25 May 2026" in body for body in family)  # reg 13(1): 15 days
    assert any("by 11 July 2026" in body for body in family)  # appeal: 2 months
    school = [m for m in mail.outbox if m.to == [demo["hill_senco"].email]]
    assert {m.subject for m in school} == {"An EHC plan needs the school's attention"}
    assert any(m.to == ["team@example.org"] and "issued" in m.subject for m in mail.outbox)
    for message in mail.outbox:
        assert "Mia" not in message.subject and "Mia" not in message.body
