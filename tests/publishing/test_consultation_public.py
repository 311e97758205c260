"""The public side of consultations: commenting while one is open, and "You said, we did"
(SEND Regs 2014 reg 56). No sign-in; nothing shown identifies anyone who commented."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.publishing.models import Consultation, ConsultationComment
from opensend.publishing.public_consultation_views import ANONYMOUS_LIMIT
from tests.access.routes_publishing_consultations import _comment, publishing_consultations_world
from tests.signin import sign_in

pytestmark = pytest.mark.django_db

COMMENT = {"respondent_type": "parent", "topic": "accessibility", "text": "Make it bigger."}


@pytest.fixture
def world(demo):
    return publishing_consultations_world(demo)


def _respond_url(world, key="consultation_open"):
    return reverse("local_offer_respond", args=[world["consultation_offer"].slug, world[key].pk])


def test_anyone_can_comment_while_it_is_open(client, world):
    response = client.post(_respond_url(world), COMMENT)
    consultation = world["consultation_open"]
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "local_offer_respond_thanks", args=[world["consultation_offer"].slug, consultation.pk]
    )
    comment = consultation.comments.get(text="Make it bigger.")
    assert (comment.respondent_type, comment.topic, comment.submitted_by) == (
        "parent",
        "accessibility",
        None,
    )
    thanks = client.get(response["Location"])
    assert "Thank you for your comment" in thanks.content.decode()


def test_the_form_says_not_to_include_names_or_contact_details(client, world):
    page = client.get(_respond_url(world)).content.decode()
    assert "Do not include names or contact details" in page


def test_a_comment_with_nothing_chosen_shows_the_errors(client, world):
    response = client.post(_respond_url(world), {"text": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say who you are" in page and "Enter your comment" in page


def test_a_signed_in_person_is_kept_as_the_sender_and_never_shown(client, world, demo):
    sign_in(client, demo["north_parent"])
    client.post(_respond_url(world), COMMENT)
    comment = ConsultationComment.objects.get(text="Make it bigger.")
    assert comment.submitted_by == demo["north_parent"]


def test_a_closed_consultation_says_so_and_takes_nothing(client, world):
    url = _respond_url(world, "consultation_closed")
    before = ConsultationComment.objects.count()
    for response in (client.get(url), client.post(url, COMMENT)):
        assert response.status_code == 200
        assert "This consultation closed on" in response.content.decode()
    assert ConsultationComment.objects.count() == before


def test_a_consultation_not_open_yet_says_when_it_opens(client, world):
    opens = timezone.localdate() + timedelta(days=5)
    Consultation.objects.filter(pk=world["consultation_open"].pk).update(
        opens_on=opens, closes_on=opens + timedelta(days=30)
    )
    response = client.get(_respond_url(world))
    assert response.status_code == 200
    assert f"It opens on {opens:%-d %B %Y}" in response.content.decode()


def test_another_offers_consultation_is_not_found(client, world, demo):
    from opensend.publishing.services.offers import local_offer_for

    south = local_offer_for(demo["south_la"])
    url = reverse("local_offer_respond", args=[south.slug, world["consultation_open"].pk])
    assert client.get(url).status_code == 404


def test_anonymous_comments_are_limited_per_address(client, world):
    for _ in range(ANONYMOUS_LIMIT):
        assert client.post(_respond_url(world), COMMENT).status_code == 302
    response = client.post(_respond_url(world), COMMENT)
    assert response.status_code == 429
    assert "a lot of comments in a short time" in response.content.decode()


def test_you_said_shows_published_themes_and_comments_only(client, world):
    page = client.get(
        reverse("local_offer_you_said", args=[world["consultation_offer"].slug])
    ).content
    page = page.decode()
    assert "Transport forms" in page
    assert "The transport application form is confusing." in page
    assert "We rewrote it with parents." in page
    assert "We will test it again in the spring." in page
    assert "The transport form asks the same thing twice." in page
    assert "Twelve people commented." in page
    # kept out, or from consultations with no published response: never shown
    assert "Hidden rant" not in page
    assert "Search does not find speech therapy" not in page
    assert "The short breaks page is hard to find" not in page


def test_you_said_shows_the_published_wording_and_never_the_sender(client, world, demo):
    published = world["consultation_published"]
    theme = published.themes.get()
    _comment(
        published,
        "Ring Lucy on 07700 900123",
        theme=theme,
        who=demo["north_parent"],
    )
    ConsultationComment.objects.filter(text="Ring Lucy on 07700 900123").update(
        published_text="Ring [removed]"
    )
    page = client.get(
        reverse("local_offer_you_said", args=[world["consultation_offer"].slug])
    ).content
    page = page.decode()
    assert "Ring [removed]" in page
    assert "07700" not in page
    assert demo["north_parent"].email not in page
    assert "Lucy Martin" not in page


def test_you_said_reads_the_same_few_queries_however_many_responses(
    client, world, django_assert_max_num_queries
):
    published = world["consultation_published"]
    for n in range(3):
        theme = published.themes.create(title=f"Theme {n}", you_said="a", we_did="b")
        for m in range(4):
            _comment(published, f"Comment {n}.{m}", theme=theme)
    with django_assert_max_num_queries(6):
        response = client.get(
            reverse("local_offer_you_said", args=[world["consultation_offer"].slug])
        )
    assert "Comment 2.3" not in response.content.decode()  # a few per theme, not all
    assert "Comment 2.0" in response.content.decode()
