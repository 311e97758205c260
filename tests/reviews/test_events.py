"""Review dates in calendar feeds: each party's own, neutral, never a child's name.

Mia's plan was issued on 1 June 2026 naming Hillside (conftest `issued`): her first annual
review is due on 1 June 2027.
"""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from opensend.core.calendar import (
    build_calendar,
    events_for,
)
from opensend.ehc.models import EhcCase
from opensend.law.reviews import review_dates
from opensend.reviews.events import review_events
from opensend.reviews.models import Review, ReviewParticipant, ReviewStatus

DUE_ON = date(2027, 6, 1)
MEETING = date(2027, 5, 20)


@pytest.fixture
def arranged(demo, mia_review):
    at = timezone.make_aware(datetime(2027, 5, 20, 10))
    Review.objects.filter(pk=mia_review.pk).update(
        status=ReviewStatus.ARRANGED,
        meeting_at=at,
        arranged_on=date(2027, 4, 20),
        **review_dates(MEETING),
    )
    for role, key in (("family", "north_parent"), ("health", "north_health")):
        ReviewParticipant.objects.create(
            review=mia_review, role=role, name=demo[key].full_name, user=demo[key]
        )
    mia_review.refresh_from_db()
    return mia_review


def _by_summary(events) -> dict:
    return {event.summary: event for event in events}


def test_the_school_sees_the_review_due_and_other_schools_nothing(demo, mia_review):
    events = review_events(demo["hill_senco"])
    assert [(e.summary, e.start, e.uid) for e in events] == [
        ("Annual review due", DUE_ON, f"review-{mia_review.pk}")
    ]
    assert review_events(demo["oak_senco"]) == []
    assert review_events(demo["river_senco"]) == []


def test_a_meeting_is_a_timed_event_for_the_arranger_the_family_and_the_invited(demo, arranged):
    school = _by_summary(review_events(demo["hill_senco"]))
    meeting = school["Annual review meeting"]
    assert meeting.start == arranged.meeting_at
    assert meeting.end == arranged.meeting_at + timedelta(hours=1)
    assert school["Annual review: report due"].start == date(2027, 6, 3)  # reg 20(7)
    family = _by_summary(review_events(demo["north_parent"]))
    assert set(family) == {"Annual review meeting", "Annual review: advice due"}  # their views
    health = _by_summary(review_events(demo["north_health"]))
    assert health["Annual review meeting"].uid == meeting.uid  # one meeting, one uid
    assert health["Annual review: advice due"].start == date(2027, 5, 6)  # reg 20(4)
    assert review_events(demo["south_parent"]) == []
    assert review_events(demo["north_social"]) == []


def test_given_advice_drops_the_advice_date(demo, arranged):
    ReviewParticipant.objects.filter(review=arranged, role="health").update(
        advice="Fine.", advice_given_on=date(2027, 5, 1)
    )
    assert set(_by_summary(review_events(demo["north_health"]))) == {"Annual review meeting"}


def test_the_council_sees_decisions_and_amended_plans_due_in_its_own_area(demo, arranged):
    Review.objects.filter(pk=arranged.pk).update(status=ReviewStatus.REPORTED, held_on=MEETING)
    caseworker = review_events(demo["north_caseworker"])
    assert [(e.summary, e.start) for e in caseworker] == [
        ("Annual review: council decision due", date(2027, 6, 17))  # reg 20(10)
    ]
    assert [e.summary for e in review_events(demo["north_manager"])] == [
        "Annual review: council decision due"
    ]
    assert review_events(demo["south_caseworker"]) == []
    assert review_events(demo["south_manager"]) == []
    Review.objects.filter(pk=arranged.pk).update(status=ReviewStatus.AMENDING)
    assert [(e.summary, e.start) for e in review_events(demo["north_caseworker"])] == [
        ("Annual review: amended plan due", date(2027, 8, 12))  # reg 22(3), Devon 2022
    ]
    # The same step keeps its uid, so calendars move the entry rather than add one.
    assert review_events(demo["north_caseworker"])[0].uid == caseworker[0].uid


def test_a_caseworker_does_not_get_another_caseworkers_plans(demo, arranged):
    Review.objects.filter(pk=arranged.pk).update(status=ReviewStatus.REPORTED, held_on=MEETING)
    EhcCase.objects.filter(pk=arranged.plan.case_id).update(caseworker=demo["north_manager"])
    assert review_events(demo["north_caseworker"]) == []
    assert review_events(demo["north_manager"]) != []


def test_the_council_arranges_reviews_of_children_not_at_a_school(demo, mia_review):
    Review.objects.filter(pk=mia_review.pk).update(school=None)  # reg 21
    assert [e.summary for e in review_events(demo["north_caseworker"])] == ["Annual review due"]
    assert review_events(demo["hill_senco"]) == []


def test_old_dates_fall_out_of_the_feed(demo, mia_review, frozen):
    frozen.move_to("2027-06-02 10:00")
    assert review_events(demo["hill_senco"])
    frozen.move_to("2027-10-01 10:00")  # over 120 days late
    assert review_events(demo["hill_senco"]) == []


def test_the_feed_never_names_the_child(demo, arranged):
    """Through the production feed (reviews.hooks registers the source)."""
    for key in ("hill_senco", "north_parent", "north_health", "north_caseworker"):
        feed = build_calendar(name="OpenSEND", events=events_for(demo[key])).decode()
        assert "Mia" not in feed and "Hughes" not in feed
        if key != "north_caseworker":
            assert "Annual review meeting" in feed


def test_anonymous_users_get_nothing(client, mia_review):
    from django.contrib.auth.models import AnonymousUser

    assert review_events(AnonymousUser()) == []
