"""Who sees which reviews, the next step, and the work trays (constant queries)."""

from datetime import date, datetime

import pytest
from django.http import Http404
from django.utils import timezone

from opensend.law.assessment import Rag
from opensend.reviews import selectors, services
from opensend.reviews.models import ParticipantRole, Review
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def at(text: str) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(text))


def test_each_door_sees_only_its_reviews(demo, review):
    assert list(selectors.reviews_for_la(demo["north_caseworker"])) == [review]
    assert not selectors.reviews_for_la(demo["south_caseworker"]).exists()
    assert list(selectors.reviews_for_school(demo["hill_senco"])) == [review]
    assert not selectors.reviews_for_school(demo["oak_senco"]).exists()
    assert not selectors.reviews_for_school(demo["north_caseworker"]).exists()
    assert list(selectors.reviews_for_arranger(demo["hill_senco"])) == [review]
    assert list(selectors.reviews_for_arranger(demo["north_manager"])) == [review]
    assert not selectors.reviews_for_arranger(demo["oak_senco"]).exists()
    assert list(selectors.reviews_for_family(demo["north_parent"])) == [review]
    assert not selectors.reviews_for_family(demo["south_parent"]).exists()


def test_getters_404_outside_reach(demo, review):
    assert selectors.get_la_review_for(demo["north_caseworker"], review.pk) == review
    assert selectors.get_school_review_for(demo["hill_senco"], review.pk) == review
    assert selectors.get_family_review_for(demo["north_parent"], review.pk) == review
    for getter, persona in (
        (selectors.get_la_review_for, "south_caseworker"),
        (selectors.get_la_review_for, "hill_senco"),
        (selectors.get_school_review_for, "oak_senco"),
        (selectors.get_arranger_review_for, "north_parent"),
        (selectors.get_family_review_for, "south_parent"),
    ):
        with pytest.raises(Http404):
            getter(demo[persona], review.pk)
    with pytest.raises(Http404):
        selectors.get_la_review_for(demo["north_caseworker"], "not-a-uuid")


def test_professionals_see_only_their_own_invitations(demo, review, frozen):
    frozen.move_to("2027-04-12 10:00")
    services.review_arrange(
        actor=demo["hill_senco"], review=review, meeting_at=at("2027-05-10 14:00")
    )
    health = review.participants.get(role=ParticipantRole.HEALTH)
    assert list(selectors.participations_for(demo["north_health"])) == [health]
    assert selectors.get_participation_for(demo["north_health"], health.pk) == health
    with pytest.raises(Http404):
        selectors.get_participation_for(demo["north_social"], health.pk)
    assert not selectors.participations_for(demo["north_parent"]).exists()


def test_the_tray_says_the_next_step_and_its_colour(demo, review):
    rows = selectors.review_tray(Review.objects.all(), today=date(2027, 4, 12))
    assert [(r.step, r.due, r.rag, r.late) for r in rows] == [
        ("Arrange the meeting", date(2027, 6, 1), Rag.GREEN, False)
    ]
    due = selectors.review_tray(Review.objects.all(), today=date(2027, 4, 12), view="due")
    assert len(due) == 1
    later = selectors.review_tray(Review.objects.all(), today=date(2027, 3, 1), view="due")
    assert later == []  # more than 8 weeks away
    late = selectors.review_tray(Review.objects.all(), today=date(2027, 6, 2), view="overdue")
    assert [(r.rag, r.late) for r in late] == [(Rag.RED, True)]
    assert selectors.review_tray(Review.objects.all(), today=date(2027, 6, 2), view="due") == []
    assert (
        selectors.review_tray(Review.objects.all(), today=date(2027, 6, 2), view="decisions") == []
    )


def test_the_tray_runs_constant_queries(demo, review):
    reviews = selectors.reviews_for_la(demo["north_caseworker"])
    plan = review.plan

    def grow():
        # more reviews of more plans: copies of the plan for the same child are enough here
        from opensend.ehc.models import EhcCase, EhcPlan

        case = EhcCase.objects.get(pk=plan.case_id)
        case.pk = None
        case.id = None
        case._state.adding = True
        case.save()
        other = EhcPlan.objects.create(
            case=case, child=plan.child, local_authority=plan.local_authority
        )
        services.review_open(actor=demo["north_caseworker"], plan=other, due_on=date(2027, 5, 1))

    count = assert_constant_queries(
        lambda: selectors.review_tray(reviews, today=date(2027, 4, 12)), grow
    )
    assert count == 1
    assert len(selectors.review_tray(reviews, today=date(2027, 4, 12))) == 3


def test_phase_transfer_for_prefers_what_was_entered(demo, frozen):
    assert selectors.phase_transfer_for(demo["ava"], date(2026, 3, 2)).year == 2028
    services.next_phase_set(
        actor=demo["oak_senco"], child=demo["ava"], transfer_year=2027, kind="school"
    )
    transfer = selectors.phase_transfer_for(demo["ava"], date(2026, 3, 2))
    assert (transfer.year, transfer.deadline) == (2027, date(2027, 2, 15))
