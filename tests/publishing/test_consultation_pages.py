"""The authority's consultation pages, and "Have your say" for everyone signed in
(SEND Regs 2014 regs 54-56)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.publishing.models import Consultation, ConsultationComment, ExclusionReason
from opensend.publishing.services.offers import local_offer_for
from tests.access.routes_publishing_consultations import _comment, publishing_consultations_world
from tests.signin import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(demo):
    world = publishing_consultations_world(demo)
    today = timezone.localdate()
    world["consultation_south_open"] = Consultation.objects.create(
        local_offer=local_offer_for(demo["south_la"]),
        title="Southmoor preparing for adulthood",
        description="x",
        audiences=["young_people"],
        opens_on=today,
        closes_on=today + timedelta(days=10),
    )
    return world


def _page(client, name, *args) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def _date_fields(prefix, day):
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_the_list_shows_each_state_and_when_the_response_is_due(client, world, demo):
    sign_in(client, demo["north_caseworker"])
    page = _page(client, "publishing_consultations", world["consultation_offer"].pk)
    assert "Short breaks" in page and "Finding information" in page and "Transport" in page
    assert "Closed: response not published" in page
    assert "Response published" in page
    assert "The next is due by" in page


def test_the_list_warns_when_no_response_was_ever_published(client, world, demo):
    Consultation.objects.filter(pk=world["consultation_published"].pk).update(
        response_published_on=None
    )
    sign_in(client, demo["north_manager"])
    page = _page(client, "publishing_consultations", world["consultation_offer"].pk)
    assert 'You have not published a "You said, we did" response yet' in page


def test_the_list_warns_when_the_last_response_is_over_a_year_old(client, world, demo):
    Consultation.objects.filter(pk=world["consultation_published"].pk).update(
        response_published_on=timezone.localdate() - timedelta(days=400)
    )
    sign_in(client, demo["north_manager"])
    page = _page(client, "publishing_consultations", world["consultation_offer"].pk)
    assert "over a year ago" in page


def test_a_consultation_is_started_with_its_audiences_and_dates(client, world, demo):
    sign_in(client, demo["north_caseworker"])
    today = timezone.localdate()
    data = {
        "title": "Health services",
        "description": "Tell us about therapies.",
        "category": "health",
        "audiences": ["families", "professionals"],
        **_date_fields("opens_on", today),
        **_date_fields("closes_on", today + timedelta(days=42)),
    }
    response = client.post(
        reverse("publishing_consultation_new", args=[world["consultation_offer"].pk]), data
    )
    created = Consultation.objects.get(title="Health services")
    assert response["Location"] == reverse("publishing_consultation", args=[created.pk])
    assert created.audiences == ["families", "professionals"]
    assert created.category == "health"


def test_a_closing_date_before_the_opening_date_is_shown_as_an_error(client, world, demo):
    sign_in(client, demo["north_caseworker"])
    today = timezone.localdate()
    data = {
        "title": "Backwards",
        "description": "x",
        "audiences": ["families"],
        **_date_fields("opens_on", today),
        **_date_fields("closes_on", today - timedelta(days=1)),
    }
    response = client.post(
        reverse("publishing_consultation_new", args=[world["consultation_offer"].pk]), data
    )
    assert response.status_code == 200
    assert "The closing date must be the same as or after the opening date" in (
        response.content.decode()
    )


def test_the_consultation_page_groups_comments_and_never_names_the_sender(client, world, demo):
    closed = world["consultation_closed"]
    _comment(closed, "Unsorted: the map is wrong.", who=demo["north_parent"])
    sign_in(client, demo["north_caseworker"])
    page = _page(client, "publishing_consultation", closed.pk)
    assert "Not sorted yet (1)" in page
    assert "Search does not find speech therapy." in page
    assert "Kept out (1)" in page and "Passed to the caseworker." in page
    assert "A parent or carer" in page
    assert demo["north_parent"].email not in page and "Lucy Martin" not in page


def test_a_theme_is_added_from_the_consultation_page(client, world, demo):
    closed = world["consultation_closed"]
    sign_in(client, demo["north_caseworker"])
    response = client.post(
        reverse("publishing_theme_new", args=[closed.pk]),
        {"title": "Maps", "you_said": "", "we_did": "", "planned_action": ""},
    )
    assert response.status_code == 302
    assert closed.themes.filter(title="Maps").exists()


def test_the_comment_page_flags_contact_details(client, world, demo):
    comment = _comment(world["consultation_closed"], "Email me at jo@example.com")
    sign_in(client, demo["north_caseworker"])
    page = _page(client, "publishing_comment", comment.pk)
    assert "contains an email address" in page


def test_a_comment_is_kept_out_with_a_reason_and_a_note(client, world, demo):
    comment = _comment(world["consultation_closed"], "About my daughter's plan")
    sign_in(client, demo["north_caseworker"])
    url = reverse("publishing_comment", args=[comment.pk])
    data = {"version": comment.version, "placement": "exclude", "published_text": comment.text}
    response = client.post(url, {**data, "excluded_reason": "individual_case"})
    assert "Say why it is kept out" in response.content.decode()
    response = client.post(
        url, {**data, "excluded_reason": "individual_case", "exclusion_note": "Rang her back"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.excluded_reason, comment.exclusion_note) == (
        ExclusionReason.INDIVIDUAL_CASE,
        "Rang her back",
    )


def test_a_comment_is_put_in_a_theme_with_new_wording(client, world, demo):
    comment = _comment(world["consultation_closed"], "Ring 07700 900123, search is poor")
    theme = world["consultation_theme"]
    sign_in(client, demo["north_caseworker"])
    response = client.post(
        reverse("publishing_comment", args=[comment.pk]),
        {
            "version": comment.version,
            "placement": str(theme.pk),
            "published_text": "Search is poor",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.theme, comment.published_text) == (theme, "Search is poor")


def test_the_publish_page_lists_what_stops_it(client, world, demo):
    sign_in(client, demo["north_manager"])
    page = _page(client, "publishing_consultation_publish", world["consultation_closed"].pk)
    assert "The response cannot be published yet" in page
    assert "needs its planned action" in page
    page = _page(client, "publishing_consultation_publish", world["consultation_open"].pk)
    assert "The consultation is still open" in page


def test_publishing_from_the_page(client, world, demo):
    closed = world["consultation_closed"]
    closed.themes.update(you_said="a", we_did="b", planned_action="c")
    sign_in(client, demo["north_manager"])
    response = client.post(
        reverse("publishing_consultation_publish", args=[closed.pk]),
        {"version": closed.version, "response_summary": "Thank you all."},
    )
    assert response.status_code == 302
    closed.refresh_from_db()
    assert closed.response_published_on == timezone.localdate()
    page = client.get(
        reverse("local_offer_you_said", args=[world["consultation_offer"].slug])
    ).content
    assert b"Search does not find speech therapy." in page
    assert b"My son" not in page  # kept out


def test_another_authority_gets_404(client, world, demo):
    sign_in(client, demo["south_manager"])
    for name, pk in [
        ("publishing_consultations", world["consultation_offer"].pk),
        ("publishing_consultation", world["consultation_closed"].pk),
        ("publishing_comment", world["consultation_comment"].pk),
        ("publishing_theme_edit", world["consultation_theme"].pk),
    ]:
        assert client.get(reverse(name, args=[pk])).status_code == 404


# --- "Have your say" -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona",
    [
        "north_caseworker",  # LA staff: their own authority
        "oak_teacher",  # school staff: the school's authority
        "oak_governor",
        "north_provider",  # a provider: its organisation's authority
        "north_ep",  # a professional: their service's authority
        "north_parent",  # a parent: the authority responsible for their child
        "north_young_person",  # a young person with their own account
    ],
)
def test_have_your_say_shows_the_persons_own_authority(client, world, demo, persona):
    sign_in(client, demo[persona])
    page = _page(client, "publishing_my_consultations")
    assert "Short breaks" in page
    assert (
        reverse(
            "local_offer_respond",
            args=[world["consultation_offer"].slug, world["consultation_open"].pk],
        )
        in page
    )
    assert "Southmoor preparing for adulthood" not in page
    assert "Finding information" not in page  # closed


@pytest.mark.parametrize("persona", ["south_parent", "river_senco", "south_provider"])
def test_have_your_say_in_southmoor_shows_southmoor(client, world, demo, persona):
    sign_in(client, demo[persona])
    page = _page(client, "publishing_my_consultations")
    assert "Southmoor preparing for adulthood" in page
    assert "Short breaks" not in page


def test_comments_are_counted_not_listed_by_person(world):
    assert ConsultationComment.objects.filter(submitted_by__isnull=False).count() == 0
