"""The family's review pages: the list, one review (dates in plain English, who is invited, the
report once sent, the council's decision notice) and their views before the meeting.

Mia's plan was issued on 1 June 2026; her first annual review is due by 1 June 2027 (CFA s44).
Lucy Martin (north_parent) is her mother. On Monday 12 April 2027 Hillside's SENCO arranges
the meeting for Monday 10 May 2027 at 2pm (reg 20(3): at least 2 weeks' notice).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from opensend.reviews import services
from opensend.reviews.models import ParticipantRole, Review, ReviewParticipant, ReviewStatus

MEETING_AT = datetime(2027, 5, 10, 14, 0, tzinfo=ZoneInfo("Europe/London"))


def arranged(demo, review, frozen):
    frozen.move_to("2027-04-12 10:00")
    return services.review_arrange(
        actor=demo["hill_senco"], review=review, meeting_at=MEETING_AT, location="Hillside"
    )


def test_the_family_list_shows_their_childs_review(demo, review, signed_in):
    response = signed_in("north_parent").get(reverse("reviews_family_list"))
    assert response.status_code == 200
    assert [r.pk for r in response.context["open_reviews"]] == [review.pk]
    assert reverse("reviews_family_review", args=[review.pk]) in response.content.decode()


def test_another_family_sees_none_of_it(review, signed_in):
    response = signed_in("south_parent").get(reverse("reviews_family_list"))
    assert response.status_code == 200
    assert response.context["open_reviews"] == []


def test_the_family_list_is_not_for_staff(review, signed_in):
    assert signed_in("north_caseworker").get(reverse("reviews_family_list")).status_code == 404


def test_the_review_page_gives_dates_in_plain_english(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    response = signed_in("north_parent").get(reverse("reviews_family_review", args=[review.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Monday 10 May 2027" in html
    assert "Monday 24 May 2027" in html  # the report, reg 20(7)
    assert "at least once a year" in html
    assert "Give your views before the meeting" in html
    for participant in review.participants.all():
        assert participant.name in html


@pytest.mark.parametrize("persona", ["south_parent", "hill_senco", "oak_senco", "north_health"])
def test_the_family_review_page_refuses_everyone_else(review, persona, signed_in):
    url = reverse("reviews_family_review", args=[review.pk])
    assert signed_in(persona).get(url).status_code == 404


def test_the_family_give_their_views_before_the_meeting(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    client = signed_in("north_parent")
    url = reverse("reviews_family_views", args=[review.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"advice": "   "})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(url, {"advice": "Mia loves the new reading group OUR-VIEWS"})
    assert response.status_code == 302
    mine = ReviewParticipant.objects.get(
        review=review, role=ParticipantRole.FAMILY, user=demo["north_parent"]
    )
    assert "OUR-VIEWS" in mine.advice
    assert mine.advice_given_on == date(2027, 4, 12)


def test_views_cannot_be_given_before_the_family_is_invited(review, signed_in):
    url = reverse("reviews_family_views", args=[review.pk])
    assert signed_in("north_parent").get(url).status_code == 404


def test_another_family_cannot_give_views(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    url = reverse("reviews_family_views", args=[review.pk])
    client = signed_in("south_parent")
    assert client.get(url).status_code == 404
    assert client.post(url, {"advice": "Not mine"}).status_code == 404


def test_the_report_and_the_decision_notice_are_shown_once_sent(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    frozen.move_to("2027-05-10 16:00")
    senco = demo["hill_senco"]
    services.review_record(
        actor=senco,
        review=review,
        held_on=date(2027, 5, 10),
        family_views="Happier this year FAMILY-RECORD",
        recommends="keep",
    )
    client = signed_in("north_parent")
    url = reverse("reviews_family_review", args=[review.pk])
    assert "FAMILY-RECORD" not in client.get(url).content.decode()  # not sent yet
    services.review_report_send(actor=senco, review=Review.objects.get(pk=review.pk))
    html = client.get(url).content.decode()
    assert "The report of the meeting" in html
    assert "FAMILY-RECORD" in html
    frozen.move_to("2027-05-20 10:00")
    decided = services.review_decide(
        actor=demo["north_caseworker"], review=Review.objects.get(pk=review.pk), decision="keep"
    )
    assert decided.notice_html
    client = signed_in("north_parent")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The council&#x27;s decision" in html or "The council's decision" in html
    assert 'id="decision-notice"' in html
    assert "data-element=" in html  # the notice itself, not escaped
    assert decided.status == ReviewStatus.COMPLETE
