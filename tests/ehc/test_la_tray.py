"""The caseworker's work tray: cases by the next statutory date, filters, bulk steps.

Time is frozen on Friday 27 November 2026; cases are received on different days so that one is
overdue, one is due within 14 days and one is on time.
"""

import itertools
from datetime import date, timedelta

import pytest
from django.urls import reverse

from opensend.ehc.models import AdviceKind, AdviceStatus, CaseException
from opensend.ehc.services import (
    Views,
    advice_request_add,
    case_assign,
    case_withdraw,
    decision_record,
    paper_request_record,
)
from opensend.people.models import Child, Enrolment
from tests.ehc.conftest import NOVEMBER_TODAY as TODAY
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("frozen_november")

_numbers = itertools.count(1)


def new_case(demo, *, received=TODAY, school="north_oak", la="north_la", actor=None):
    """A child on roll at `school` with a paper request received on `received`."""
    number = next(_numbers)
    child = Child.objects.create(
        first_name=f"Child{number}",
        last_name=f"Tray{number:03d}",
        date_of_birth=date(2018, 1, 1),
        home_local_authority=demo[la],
    )
    Enrolment.objects.create(child=child, school=demo[school], year_group="3", start=TODAY)
    return paper_request_record(
        actor=actor or demo["north_caseworker" if la == "north_la" else "south_caseworker"],
        child=child,
        requester_kind="parent",
        requester_name="A parent",
        received=received,
        views=Views(family_difficulties="Reading"),
    ).case


def tray(client, **params):
    return client.get(reverse("ehc_work_tray"), params)


def test_the_tray_lists_open_cases_by_the_next_date_with_words_for_each_colour(signed_in, demo):
    # Decision due 6 weeks after receipt (reg 5(1)).
    on_time = new_case(demo, received=TODAY)  # due 8 January 2027
    soon = new_case(demo, received=TODAY - timedelta(days=35))  # due 4 December 2026
    overdue = new_case(demo, received=TODAY - timedelta(days=50))  # due 20 November 2026

    response = tray(signed_in("north_caseworker"))

    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(case.child.last_name) for case in (overdue, soon, on_time)]
    assert positions == sorted(positions)
    assert "Overdue" in html and "Due within 14 days" in html and "On time" in html
    assert "Decide whether to assess" in html
    assert "Oakfield Primary" in html
    assert "Not assigned" in html
    assert reverse("ehc_case", args=[overdue.pk]) in html
    counts = response.context["counts"]
    assert (counts["red"], counts["amber"], counts["green"]) == (1, 1, 1)


def test_each_council_sees_only_its_own_cases(signed_in, demo):
    north = new_case(demo)
    south = new_case(demo, school="south_river", la="south_la")

    north_html = tray(signed_in("north_caseworker")).content.decode()
    assert north.child.last_name in north_html
    assert south.child.last_name not in north_html


@pytest.mark.parametrize("persona", ["oak_senco", "north_parent", "north_ep", "oak_governor"])
def test_the_tray_is_for_a_councils_send_team(signed_in, persona):
    assert tray(signed_in(persona)).status_code == 404


def test_the_tray_filters_by_stage_school_and_worker(signed_in, demo):
    at_oak = new_case(demo, school="north_oak")
    at_hill = new_case(demo, school="north_hill")
    mine = new_case(demo, school="north_hill")
    case_assign(actor=demo["north_caseworker"], case=mine, caseworker=demo["north_caseworker"])
    closed = new_case(demo)
    case_withdraw(actor=demo["north_caseworker"], case=closed, reason="Family withdrew")
    assessing = new_case(demo)
    decision_record(actor=demo["north_caseworker"], case=assessing, kind="assess", agreed=True)
    client = signed_in("north_caseworker")

    def shown(**params):
        html = tray(client, **params).content.decode()
        cases = (at_oak, at_hill, mine, closed, assessing)
        return {case for case in cases if case.child.last_name in html}

    assert shown() == {at_oak, at_hill, mine, assessing}  # open cases only
    assert shown(school=str(demo["north_hill"].pk)) == {at_hill, mine}
    assert shown(worker=str(demo["north_caseworker"].pk)) == {mine}
    assert shown(worker="none") == {at_oak, at_hill, closed, assessing} - {closed}
    assert shown(stage="withdrawn") == {closed}
    assert shown(stage="assessing") == {assessing}


def test_a_hand_edited_filter_is_explained_not_a_failure(signed_in, demo):
    response = tray(signed_in("north_caseworker"), stage="lost", school="not-a-school")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a stage from the list" in html
    assert "Choose a school from the list" in html


def test_the_tray_pages_fifty_cases_at_a_time(signed_in, demo):
    for _ in range(51):
        new_case(demo)
    client = signed_in("north_caseworker")

    first = tray(client)
    assert len(first.context["rows"]) == 50
    assert "Showing 1 to 50 of 51 cases" in first.content.decode()
    assert len(tray(client, page=2).context["rows"]) == 1


def test_the_trays_query_count_does_not_grow_with_the_cases(signed_in, demo):
    client = signed_in("north_caseworker")

    def grow():
        case = new_case(demo)
        decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
        advice_request_add(actor=demo["north_caseworker"], case=case, kind=AdviceKind.FAMILY)
        CaseException.objects.create(
            case=case, kind="personal_circumstances", start=TODAY, end=TODAY
        )
        case_assign(actor=demo["north_caseworker"], case=case, caseworker=demo["north_manager"])

    grow()
    assert_constant_queries(lambda: tray(client), grow)


# --- bulk steps --------------------------------------------------------------------------------


def assessing_with_drafts(demo):
    case = new_case(demo)
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    family = advice_request_add(actor=demo["north_caseworker"], case=case, kind=AdviceKind.FAMILY)
    school = advice_request_add(
        actor=demo["north_caseworker"],
        case=case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_oak"],
    )
    return case, [family, school]


def bulk(client, action, cases, back=""):
    return client.post(
        reverse("ehc_work_tray_bulk"),
        {"action": action, "cases": [str(case.pk) for case in cases], "back": back},
    )


def test_bulk_send_sends_the_draft_advice_requests_of_the_selected_cases(signed_in, demo):
    first, first_advice = assessing_with_drafts(demo)
    second, second_advice = assessing_with_drafts(demo)
    other, other_advice = assessing_with_drafts(demo)
    client = signed_in("north_caseworker")

    response = bulk(client, "send_advice", [first, second], back="stage=assessing&evil=1")

    assert response.status_code == 302
    assert response["Location"] == reverse("ehc_work_tray") + "?stage=assessing"
    for advice in first_advice + second_advice:
        advice.refresh_from_db()
        assert advice.status == AdviceStatus.REQUESTED
        assert advice.due == date(2027, 1, 8)  # 6 weeks from today (reg 8(1))
    for advice in other_advice:
        advice.refresh_from_db()
        assert advice.status == AdviceStatus.DRAFT
    assert "4 advice requests sent" in client.get(response["Location"]).content.decode()


def test_bulk_send_with_nothing_waiting_says_so(signed_in, demo):
    case = new_case(demo)
    client = signed_in("north_caseworker")
    response = bulk(client, "send_advice", [case])
    assert "No advice requests were waiting" in client.get(response["Location"]).content.decode()


def test_bulk_assign_to_me(signed_in, demo):
    cases = [new_case(demo), new_case(demo)]
    client = signed_in("north_manager")
    response = bulk(client, "assign_to_me", cases)

    for case in cases:
        case.refresh_from_db()
        assert case.caseworker == demo["north_manager"]
    assert "caseworker for 2 cases" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"action": "send_advice"}, "Select at least one case"),
        ({"action": "send_advice", "cases": ["not-a-uuid"]}, "Select cases from the list"),
        ({"action": "explode", "cases": []}, "Choose what to do with the selected cases"),
    ],
)
def test_a_bad_selection_is_explained_not_a_failure(signed_in, demo, data, message):
    client = signed_in("north_caseworker")
    response = client.post(reverse("ehc_work_tray_bulk"), data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_another_councils_cases_cannot_be_selected(signed_in, demo):
    case, advice = assessing_with_drafts(demo)
    client = signed_in("south_caseworker")
    response = bulk(client, "send_advice", [case])

    assert response.status_code == 302
    assert "Nothing was changed" in client.get(response["Location"]).content.decode()
    for item in advice:
        item.refresh_from_db()
        assert item.status == AdviceStatus.DRAFT
