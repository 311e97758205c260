"""The school's EHC pages: its requests, the pre-filled request form, and one case.

Time is frozen on Monday 2 March 2026 at 10am: a request sent now is received today, and the
council must decide by Monday 13 April 2026 (SEND Regulations 2014 reg 5(1)).
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from opensend.ehc.models import AdviceKind, AssessmentRequest, EhcCase
from opensend.ehc.services import (
    Views,
    advice_request_add,
    advice_requests_send,
    decision_record,
    letter_send,
    request_submit,
)
from opensend.people.models import Child, Enrolment, Need, SenStatus
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_start,
)
from tests.queries import assert_constant_queries

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def new_url(demo, child="mia", school="north_hill"):
    return reverse("ehc_school_request_new", args=[demo[school].pk, demo[child].pk])


def mias_plan(demo):
    senco = demo["hill_senco"]
    plan = support_plan_start(
        actor=senco,
        child=demo["mia"],
        school=demo["north_hill"],
        review_due=TODAY + timedelta(days=60),
        today=TODAY,
        assessment="Boxall profile PLAN-ASSESSMENT",
        parent_views="Mornings are hard PARENT-VIEWS",
        pupil_views="I like the calm room PUPIL-VIEWS",
    )
    outcome_add(actor=senco, plan=plan, description="Stay in class all morning OUTCOME-ONE")
    provision_add(
        actor=senco,
        plan=plan,
        what="Meet and greet PROVISION-ONE",
        who="Learning mentor",
        frequency="Daily",
        start=TODAY,
    )
    return support_plan_activate(actor=senco, plan=plan)


def school_request(demo, **views):
    return request_submit(
        actor=demo["hill_senco"],
        child=demo["mia"],
        school=demo["north_hill"],
        views=Views(**views),
        what_is_new="Not attending full days",
        family_agrees=True,
    )


GOOD_POST = {
    "what_is_new": "Attendance has fallen to 60% despite two terms of support WHY-NOW",
    "family_about": "Kind and funny",
    "family_difficulties": "Busy classrooms",
    "family_help_so_far": "Meet and greet",
    "family_hopes": "Full days at school",
    "child_views": "I like drawing",
    "family_agrees": "on",
}


# --- who may see the pages ----------------------------------------------------------------


def test_the_index_takes_a_senco_straight_to_their_school(demo, signed_in):
    response = signed_in("hill_senco").get(reverse("ehc_school_requests"))
    assert response.status_code == 302
    assert response["Location"] == reverse("ehc_school_requests_for", args=[demo["north_hill"].pk])


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "north_parent"])
def test_people_who_are_not_senco_or_head_get_not_found(demo, signed_in, persona):
    client = signed_in(persona)
    assert client.get(reverse("ehc_school_requests")).status_code == 404
    oak = demo["north_oak"].pk
    assert client.get(reverse("ehc_school_requests_for", args=[oak])).status_code == 404
    assert client.get(new_url(demo, "leo", "north_oak")).status_code == 404
    assert client.post(new_url(demo, "leo", "north_oak"), GOOD_POST).status_code == 404
    assert not EhcCase.objects.exists()


def test_another_schools_senco_gets_not_found(demo, signed_in):
    client = signed_in("oak_senco")
    hill = demo["north_hill"].pk
    assert client.get(reverse("ehc_school_requests_for", args=[hill])).status_code == 404
    assert client.get(new_url(demo)).status_code == 404
    # Leo is at Oakfield, not Hillside: Oakfield's SENCO cannot ask through Hillside either.
    assert client.get(new_url(demo, "leo", "north_hill")).status_code == 404
    case = school_request(demo).case
    assert client.get(reverse("ehc_school_case", args=[case.pk])).status_code == 404


def test_a_teacher_gets_not_found_for_the_case(demo, signed_in):
    case = school_request(demo).case
    client = signed_in("oak_teacher")
    assert client.get(reverse("ehc_school_case", args=[case.pk])).status_code == 404


# --- the school's list --------------------------------------------------------------------


def test_the_school_page_offers_a_request_for_sen_pupils_without_an_open_case(demo, signed_in):
    client = signed_in("hill_senco")
    url = reverse("ehc_school_requests_for", args=[demo["north_hill"].pk])
    page = client.get(url).content.decode()
    assert new_url(demo) in page  # Mia, on SEN support
    assert new_url(demo, "jordan") in page  # Jordan, with an EHC plan, may be reassessed
    assert "Leo" not in page  # not at Hillside
    case = school_request(demo).case
    page = client.get(url).content.decode()
    assert new_url(demo) not in page
    assert reverse("ehc_school_case", args=[case.pk]) in page
    assert "Decide whether to assess by 13 April 2026" in page


def test_the_school_page_lists_the_advice_asked_of_the_school(demo, signed_in):
    case = school_request(demo).case
    caseworker = demo["north_caseworker"]
    decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
    advice = advice_request_add(
        actor=caseworker,
        case=case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=caseworker, advice_requests=[advice])
    page = (
        signed_in("hill_senco")
        .get(reverse("ehc_school_requests_for", args=[demo["north_hill"].pk]))
        .content.decode()
    )
    assert "Advice the council has asked of the school" in page
    assert "13 April 2026" in page  # advice due 6 weeks after it was asked (reg 8(1))
    assert reverse("ehc_advice", args=[advice.pk]) in page


def test_the_school_page_runs_a_constant_number_of_queries(demo, signed_in):
    client = signed_in("hill_senco")
    url = reverse("ehc_school_requests_for", args=[demo["north_hill"].pk])
    hill = demo["north_hill"]
    made = []

    def grow():
        n = len(made)
        child = Child.objects.create(
            first_name=f"Pupil{n}",
            last_name="Test",
            date_of_birth=date(2018, 1, 1),
            home_local_authority=demo["north_la"],
        )
        Enrolment.objects.create(child=child, school=hill, year_group="2", start=date(2025, 9, 1))
        SenStatus.objects.create(child=child, provision="K", start=date(2025, 9, 1), school=hill)
        Need.objects.create(child=child, code="SPLD", rank=1, start=date(2025, 9, 1))
        request_submit(
            actor=demo["hill_senco"],
            child=child,
            school=hill,
            views=Views(),
            what_is_new="why",
            family_agrees=True,
        )
        made.append(child)

    assert_constant_queries(lambda: client.get(url), grow)


# --- the request form ---------------------------------------------------------------------


def test_the_form_shows_what_opensend_already_holds_and_prefills_the_views(demo, signed_in):
    mias_plan(demo)
    page = signed_in("hill_senco").get(new_url(demo)).content.decode()
    assert "What OpenSEND already sends" in page
    assert "SEN support" in page and "Social, emotional and mental health" in page
    for text in ("PLAN-ASSESSMENT", "OUTCOME-ONE", "PROVISION-ONE", "Learning mentor"):
        assert text in page
    assert "6 October 2025" in page  # the register's dates, written in words
    # The family's and child's views come from the latest support plan, to check and change.
    assert "Mornings are hard PARENT-VIEWS</textarea>" in page
    assert "I like the calm room PUPIL-VIEWS</textarea>" in page
    assert "The family knows about this request and agrees to it" in page


def test_one_submission_sends_the_request_and_the_council_must_decide_in_six_weeks(demo, signed_in):
    mias_plan(demo)
    client = signed_in("hill_senco")
    response = client.post(new_url(demo), GOOD_POST)
    request = AssessmentRequest.objects.get()
    case = request.case
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("ehc_school_case", args=[case.pk]) + f"?sent={request.pk}"
    )
    assert (case.received, case.decision_to_assess_due, case.final_plan_due) == (
        date(2026, 3, 2),
        date(2026, 4, 13),
        date(2026, 7, 20),
    )
    assert request.requester_kind == "school" and request.family_agrees
    assert request.what_is_new.endswith("WHY-NOW")
    assert request.family_difficulties == "Busy classrooms"
    assert request.child_views == "I like drawing"
    assert request.school_evidence["support_plans"][0]["assessment"].endswith("PLAN-ASSESSMENT")
    page = client.get(response["Location"]).content.decode()
    assert "govuk-panel--confirmation" in page
    assert "received it on <strong>2 March 2026</strong>" in page
    assert "<strong>13 April 2026</strong>" in page
    assert "already had an open request" not in page


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("what_is_new", "Say why the school is asking for an assessment now"),
        ("family_agrees", "Confirm the family knows about the request and agrees to it"),
    ],
)
def test_a_request_without_why_now_or_the_familys_agreement_is_not_sent(
    demo, signed_in, missing, message
):
    data = {key: value for key, value in GOOD_POST.items() if key != missing}
    response = signed_in("hill_senco").post(new_url(demo), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "Busy classrooms" in page  # what was typed is kept
    assert not EhcCase.objects.exists() and not AssessmentRequest.objects.exists()


def test_an_empty_submission_shows_errors_and_saves_nothing(demo, signed_in):
    response = signed_in("hill_senco").post(new_url(demo), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AssessmentRequest.objects.exists()


def test_a_second_request_joins_the_open_case(demo, signed_in):
    first = school_request(demo)
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        client = signed_in("hill_senco")
        page = client.get(new_url(demo)).content.decode()
        assert "already has an open request" in page and "13 April 2026" in page
        response = client.post(new_url(demo), GOOD_POST)
        page = client.get(response["Location"]).content.decode()
    assert EhcCase.objects.count() == 1
    second = AssessmentRequest.objects.exclude(pk=first.pk).get()
    assert second.case_id == first.case_id and second.received == date(2026, 3, 9)
    case = EhcCase.objects.get()
    assert case.received == date(2026, 3, 2)  # the clock is not restarted
    assert "already had an open request, so yours was added to it" in page
    assert "<strong>13 April 2026</strong>" in page


# --- the case -----------------------------------------------------------------------------


def test_the_case_page_shows_the_timeline_requests_letters_and_the_schools_advice(demo, signed_in):
    case = school_request(demo, family_difficulties="Busy classrooms FAMILY-HARD").case
    caseworker = demo["north_caseworker"]
    decision = decision_record(actor=caseworker, case=case, kind="assess", agreed=True)
    letter = letter_send(actor=caseworker, letter=decision.letter)
    advice = advice_request_add(
        actor=caseworker,
        case=case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=caseworker, advice_requests=[advice])
    page = signed_in("hill_senco").get(reverse("ehc_school_case", args=[case.pk])).content.decode()
    assert "Where the request is" in page
    assert "Decision whether to assess" in page and "Advice gathered" in page
    assert "Not attending full days" in page and "FAMILY-HARD" in page
    assert reverse("ehc_letter_read", args=[letter.pk]) in page
    assert "Educational advice" in page and "To give" in page
    assert "What OpenSEND sent with this request" in page
    assert "carries on while the council decides" in page


def test_the_school_never_sees_a_draft_letter(demo, signed_in):
    case = school_request(demo).case
    decision = decision_record(
        actor=demo["north_caseworker"], case=case, kind="assess", agreed=True
    )
    client = signed_in("hill_senco")
    page = client.get(reverse("ehc_school_case", args=[case.pk])).content.decode()
    assert reverse("ehc_letter_read", args=[decision.letter.pk]) not in page
    assert "No letters have been sent yet" in page
    assert client.get(reverse("ehc_letter_read", args=[decision.letter.pk])).status_code == 404
