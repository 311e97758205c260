"""The family's EHC pages: their requests, asking for an assessment, the timeline, letters.

Time is frozen on Monday 2 March 2026 at 10am: a request sent now is received today, and the
council must decide by Monday 13 April 2026 (SEND Regulations 2014 reg 5(1)). Lucy Martin
(north_parent) is Ava's mother; Jordan (north_young_person) is 17 with his own account.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from opensend.ehc.models import AdviceKind, AssessmentRequest, EhcCase
from opensend.ehc.services import (
    Upload,
    Views,
    advice_request_add,
    advice_requests_send,
    advice_share_set,
    advice_submit,
    case_assign,
    decision_record,
    exception_record,
    letter_send,
    request_submit,
)
from opensend.people.models import Child, Enrolment, ParentLink
from tests.queries import assert_constant_queries

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def ask_url(demo, child="ava"):
    return reverse("ehc_family_request_new", args=[demo[child].pk])


def avas_case(demo) -> EhcCase:
    return request_submit(
        actor=demo["north_parent"],
        child=demo["ava"],
        views=Views(family_difficulties="Loud rooms AVA-HARD"),
    ).case


def assessing_with_advice(demo):
    """Ava's case, being assessed: the school's advice given (with a report), the EP's advice
    given but withheld from the family, the family's own advice still to give."""
    case = avas_case(demo)
    caseworker = demo["north_caseworker"]
    decision = decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
    school = advice_request_add(
        actor=caseworker,
        case=case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_oak"],
    )
    ep = advice_request_add(
        actor=caseworker, case=case, kind=AdviceKind.PSYCHOLOGICAL, recipient_user=demo["north_ep"]
    )
    family = advice_request_add(actor=caseworker, case=case, kind=AdviceKind.FAMILY)
    advice_requests_send(actor=caseworker, advice_requests=[school, ep, family])
    advice_submit(
        actor=demo["oak_senco"],
        advice=school,
        needs="Needs help with transitions SCHOOL-NEEDS",
        attachments=[Upload("school-report.pdf", "application/pdf", b"%PDF-1.4 report")],
    )
    advice_submit(actor=demo["north_ep"], advice=ep, needs="Sensitive detail EP-WITHHELD")
    advice_share_set(actor=caseworker, advice=ep, shared=False, reason="Safety")
    case.refresh_from_db()
    return case, decision, school, ep


# --- the list -----------------------------------------------------------------------------


def test_a_parent_sees_a_link_to_ask_for_each_child_without_an_open_case(demo, signed_in):
    client = signed_in("north_parent")
    page = client.get(reverse("ehc_family_cases")).content.decode()
    assert "Your requests for an EHC needs assessment" in page
    assert ask_url(demo) in page and "Ask the council for an EHC needs assessment" in page
    case = avas_case(demo)
    page = client.get(reverse("ehc_family_cases")).content.decode()
    assert reverse("ehc_family_case", args=[case.pk]) in page
    assert ask_url(demo) not in page
    assert "Decide whether to assess by 13 April 2026" in page


def test_the_young_person_asks_for_themselves(demo, signed_in):
    page = signed_in("north_young_person").get(reverse("ehc_family_cases")).content.decode()
    assert ask_url(demo, "jordan") in page and "for yourself" in page


@pytest.mark.parametrize("persona", ["hill_senco", "oak_teacher", "north_caseworker", "north_ep"])
def test_staff_get_not_found_on_the_family_pages(demo, signed_in, persona):
    client = signed_in(persona)
    assert client.get(reverse("ehc_family_cases")).status_code == 404
    # Hillside's SENCO can see Mia's record, but she is not his child.
    assert client.get(ask_url(demo, "mia")).status_code == 404
    assert client.post(ask_url(demo, "mia"), {"family_difficulties": "x"}).status_code == 404
    assert not EhcCase.objects.exists()


def test_the_family_list_runs_a_constant_number_of_queries(demo, signed_in):
    client = signed_in("north_parent")
    made = []

    def grow():
        child = Child.objects.create(
            first_name=f"Child{len(made)}",
            last_name="Martin",
            date_of_birth=date(2019, 1, 1),
            home_local_authority=demo["north_la"],
        )
        Enrolment.objects.create(
            child=child, school=demo["north_oak"], year_group="1", start=date(2025, 9, 1)
        )
        ParentLink.objects.create(
            child=child, user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
        )
        request_submit(
            actor=demo["north_parent"], child=child, views=Views(family_difficulties="x")
        )
        made.append(child)

    assert_constant_queries(lambda: client.get(reverse("ehc_family_cases")), grow)


# --- asking -------------------------------------------------------------------------------


def test_another_family_cannot_ask_for_a_child(demo, signed_in):
    client = signed_in("south_parent")
    assert client.get(ask_url(demo)).status_code == 404
    assert client.post(ask_url(demo), {"family_difficulties": "x"}).status_code == 404
    assert not EhcCase.objects.exists()


def test_a_parent_is_asked_about_their_child_and_a_young_person_about_themselves(
    demo, client, signed_in
):
    parent = signed_in("north_parent").get(ask_url(demo)).content.decode()
    assert "What does your child find hard?" in parent
    assert "What does your child say?" in parent
    client.logout()
    young = signed_in("north_young_person").get(ask_url(demo, "jordan")).content.decode()
    assert "What do you find hard?" in young
    assert "your child" not in young


def test_one_submission_sends_the_request_received_today(demo, signed_in):
    client = signed_in("north_parent")
    response = client.post(
        ask_url(demo),
        {
            "family_about": "Loves drawing",
            "family_difficulties": "Loud rooms",
            "family_help_so_far": "Ear defenders",
            "family_hopes": "A quieter place to learn",
            "child_views": "I like my teacher",
        },
    )
    request = AssessmentRequest.objects.get()
    case = request.case
    assert response["Location"] == (
        reverse("ehc_family_case", args=[case.pk]) + f"?sent={request.pk}"
    )
    assert request.requester_kind == "parent" and request.school is None
    assert (request.family_about, request.child_views) == ("Loves drawing", "I like my teacher")
    assert (case.received, case.decision_to_assess_due) == (date(2026, 3, 2), date(2026, 4, 13))
    page = client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in page
    assert "received it today, 2 March 2026" in page
    assert "<strong>13 April 2026</strong>" in page


def test_a_young_persons_request_is_theirs(demo, signed_in):
    client = signed_in("north_young_person")
    client.post(ask_url(demo, "jordan"), {"family_difficulties": "Reading long texts"})
    request = AssessmentRequest.objects.get()
    assert request.requester_kind == "young_person"
    assert request.family_difficulties == "Reading long texts"


def test_without_what_the_child_finds_hard_nothing_is_sent(demo, signed_in):
    response = signed_in("north_parent").post(ask_url(demo), {"family_about": "Loves drawing"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Tell us what your child finds hard" in page
    assert "Loves drawing" in page
    assert not AssessmentRequest.objects.exists()


def test_a_request_while_the_school_has_asked_joins_the_open_case(demo, signed_in):
    school = request_submit(
        actor=demo["oak_senco"],
        child=demo["ava"],
        school=demo["north_oak"],
        views=Views(),
        what_is_new="why",
        family_agrees=True,
    )
    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        client = signed_in("north_parent")
        page = client.get(ask_url(demo)).content.decode()
        assert "already has an open request" in page
        response = client.post(ask_url(demo), {"family_difficulties": "Loud rooms"})
        page = client.get(response["Location"]).content.decode()
    assert EhcCase.objects.count() == 1
    assert AssessmentRequest.objects.filter(case=school.case).count() == 2
    assert "yours was added to it" in page


# --- the case -----------------------------------------------------------------------------


def test_the_family_sees_the_timeline_what_happens_next_and_who_to_contact(demo, signed_in):
    case = avas_case(demo)
    client = signed_in("north_parent")
    url = reverse("ehc_family_case", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Request received" in page and "Decision whether to assess" in page
    assert "Final EHC plan" in page and "20 July 2026" in page
    assert "not a legal deadline" in page
    assert "What happens next:" in page and "by 13 April 2026" in page
    assert "send@north-la.opensend.example" in page
    assert "The support your child has now carries on while the council decides" in page
    case_assign(actor=demo["north_manager"], case=case, caseworker=demo["north_caseworker"])
    assert "Priya Shah, the caseworker" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "persona", ["south_parent", "north_young_person", "oak_senco", "oak_teacher"]
)
def test_another_family_and_the_school_staff_get_not_found(demo, signed_in, persona):
    url = reverse("ehc_family_case", args=[avas_case(demo).pk])
    assert signed_in(persona).get(url).status_code == 404


def test_the_family_sees_shared_advice_but_never_withheld_advice(demo, signed_in):
    case, _decision, school, _ep = assessing_with_advice(demo)
    page = (
        signed_in("north_parent").get(reverse("ehc_family_case", args=[case.pk])).content.decode()
    )
    assert "SCHOOL-NEEDS" in page
    attachment = school.attachments.get()
    assert reverse("ehc_attachment", args=[attachment.pk]) in page
    assert "school-report.pdf" in page
    assert "EP-WITHHELD" not in page
    assert "The council has not shared this advice with you" in page
    assert demo["north_ep"].email not in page  # the professional's email is never shown
    assert "Asked on 2 March 2026, due by 13 April 2026" in page  # the family's own advice
    family = case.advice_requests.get(kind=AdviceKind.FAMILY)
    assert reverse("ehc_advice", args=[family.pk]) in page and "Give your advice" in page


def test_the_family_sees_no_draft_letter_and_reads_a_sent_one(demo, signed_in):
    case = avas_case(demo)
    decision = decision_record(
        actor=demo["north_caseworker"], case=case, kind="assess", agreed=True
    )
    letter = decision.letter
    client = signed_in("north_parent")
    case_url = reverse("ehc_family_case", args=[case.pk])
    read_url = reverse("ehc_letter_read", args=[letter.pk])
    page = client.get(case_url).content.decode()
    assert read_url not in page and "has not sent any letters yet" in page
    assert client.get(read_url).status_code == 404
    letter_send(actor=demo["north_caseworker"], letter=letter)
    page = client.get(case_url).content.decode()
    assert read_url in page
    assert reverse("ehc_letter_pdf", args=[letter.pk]) in page
    letter_page = client.get(read_url).content.decode()
    assert "Decision to carry out an EHC needs assessment" in letter_page
    assert "Sent on 2 March 2026" in letter_page
    assert f'href="{case_url}"' in letter_page  # back to the family's own page


def test_the_council_reads_a_draft_letter_as_it_would_be_sent_today(demo, client, signed_in):
    case = avas_case(demo)
    decision = decision_record(
        actor=demo["north_caseworker"], case=case, kind="assess", agreed=True
    )
    client = signed_in("north_caseworker")
    page = client.get(reverse("ehc_letter_read", args=[decision.letter.pk])).content.decode()
    assert "Not sent yet" in page
    assert "Decision to carry out an EHC needs assessment" in page
    assert "2 March 2026" in page
    client.logout()
    assert (
        signed_in("south_caseworker")
        .get(reverse("ehc_letter_read", args=[decision.letter.pk]))
        .status_code
        == 404
    )


def test_exceptions_are_shown_and_the_dates_do_not_move(demo, signed_in):
    case = avas_case(demo)
    exception_record(
        actor=demo["north_caseworker"],
        case=case,
        kind="absence_from_area",
        start=date(2026, 3, 3),
        end=date(2026, 4, 10),
    )
    page = (
        signed_in("north_parent").get(reverse("ehc_family_case", args=[case.pk])).content.decode()
    )
    assert "Away from the area for 4 weeks or more" in page
    assert "3 March 2026 to 10 April 2026" in page
    assert "They do not change the dates above" in page
    assert "13 April 2026" in page  # the decision's date is unchanged
