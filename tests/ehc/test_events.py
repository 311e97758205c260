"""EHC statutory dates in calendar feeds: all-day, neutral, to the right people, stable uids.

Time is frozen on Monday 2 March 2026 (tests/ehc/conftest.py): Mia's case is received that
day (decision due 13 April; not-to-issue 22 June; final plan 20 July).
"""

from datetime import date

from django.urls import reverse

from opensend.core.calendar import build_calendar, event_sources, events_for
from opensend.ehc.events import ehc_events
from opensend.ehc.models import AdviceKind
from opensend.ehc.services import (
    advice_request_add,
    advice_requests_send,
    advice_submit,
    case_assign,
    case_withdraw,
    decision_record,
)
from opensend.people.models import ParentLink


def _events(user):
    return {event.uid: event for event in ehc_events(user)}


def test_the_source_is_registered_once():
    assert event_sources().count(ehc_events) == 1


def test_the_la_team_has_the_next_statutory_date_of_a_case_nobody_owns(demo, requested_case):
    for persona in ("north_caseworker", "north_manager"):
        [event] = _events(demo[persona]).values()
        assert event.uid == f"ehc-case-{requested_case.pk}"
        assert (event.start, event.end) == (date(2026, 4, 13), None)  # all day
        assert event.summary == "EHC: decision whether to assess due"
        assert event.url == reverse("ehc_case", args=[requested_case.pk])
    assert _events(demo["south_caseworker"]) == {}
    assert _events(demo["south_manager"]) == {}


def test_a_caseworker_has_their_own_cases_and_a_manager_all(demo, requested_case):
    case_assign(actor=demo["north_manager"], case=requested_case, caseworker=demo["north_manager"])
    assert _events(demo["north_caseworker"]) == {}  # someone else's case
    assert list(_events(demo["north_manager"])) == [f"ehc-case-{requested_case.pk}"]
    case_assign(
        actor=demo["north_manager"], case=requested_case, caseworker=demo["north_caseworker"]
    )
    assert list(_events(demo["north_caseworker"])) == [f"ehc-case-{requested_case.pk}"]


def test_the_entry_moves_with_the_case_and_keeps_its_uid(demo, assessing_case, ep_advice):
    [event] = _events(demo["north_manager"]).values()
    assert (event.uid, event.start, event.summary) == (
        f"ehc-case-{assessing_case.pk}",
        date(2026, 4, 13),
        "EHC: advice due",
    )
    advice_submit(actor=demo["north_ep"], advice=ep_advice, needs="Anxiety in busy rooms.")
    [event] = _events(demo["north_manager"]).values()
    assert (event.uid, event.start, event.summary) == (
        f"ehc-case-{assessing_case.pk}",
        date(2026, 6, 22),
        "EHC: decision whether to issue a plan due",
    )
    decision_record(actor=demo["north_manager"], case=assessing_case, kind="issue", agreed=True)
    [event] = _events(demo["north_manager"]).values()
    assert (event.start, event.summary) == (date(2026, 7, 20), "EHC: final plan due")


def test_a_closed_case_leaves_the_calendars(demo, requested_case):
    ParentLink.objects.create(
        child=demo["mia"], user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )
    case_withdraw(actor=demo["north_caseworker"], case=requested_case, reason="Family withdrew")
    assert _events(demo["north_manager"]) == {}
    assert _events(demo["north_parent"]) == {}


def test_advice_givers_have_their_advice_due_and_nothing_else(demo, assessing_case, ep_advice):
    caseworker = demo["north_caseworker"]
    school = advice_request_add(
        actor=caseworker,
        case=assessing_case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=caseworker, advice_requests=[school])
    [ep] = _events(demo["north_ep"]).values()
    assert (ep.uid, ep.start, ep.summary) == (
        f"ehc-advice-{ep_advice.pk}",
        date(2026, 4, 13),
        "EHC advice due",
    )
    assert ep.url == reverse("ehc_advice", args=[ep_advice.pk])
    [senco] = _events(demo["hill_senco"]).values()
    assert senco.uid == f"ehc-advice-{school.pk}"
    for persona in ("north_health", "north_social", "south_ep", "oak_senco", "oak_teacher"):
        assert _events(demo[persona]) == {}, persona
    # Once given, it leaves the calendar.
    advice_submit(actor=demo["north_ep"], advice=ep_advice, needs="Anxiety in busy rooms.")
    assert _events(demo["north_ep"]) == {}


def test_the_family_has_the_date_the_council_must_meet(demo, requested_case):
    ParentLink.objects.create(
        child=demo["mia"], user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )
    [event] = _events(demo["north_parent"]).values()
    assert (event.uid, event.start, event.summary) == (
        f"ehc-family-case-{requested_case.pk}",
        date(2026, 4, 13),
        "EHC assessment: council decision due",
    )
    assert event.url == reverse("ehc_family_case", args=[requested_case.pk])
    assert _events(demo["south_parent"]) == {}
    decision_record(actor=demo["north_caseworker"], case=requested_case, kind="assess", agreed=True)
    [event] = _events(demo["north_parent"]).values()
    assert (event.start, event.summary) == (
        date(2026, 6, 22),
        "EHC assessment: decision on a plan due",
    )


def test_a_restricted_parent_has_no_entry(demo, requested_case):
    ParentLink.objects.create(
        child=demo["mia"],
        user=demo["north_parent"],
        full_name="Lucy Martin",
        relationship="mother",
        access_restricted=True,
    )
    assert _events(demo["north_parent"]) == {}


def test_no_entry_names_the_child(demo, assessing_case, ep_advice):
    ParentLink.objects.create(
        child=demo["mia"], user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )
    for persona in ("north_caseworker", "north_ep", "north_parent"):
        feed = build_calendar(name="Test", events=events_for(demo[persona])).decode()
        assert "EHC" in feed, persona
        assert "Mia" not in feed and "Hughes" not in feed
        assert "SEMH" not in feed
