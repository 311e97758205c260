"""The Local Offer's public pages (issue 11 item 3): every authority's offer, the directory
search with its filters, and each published service. No sign-in; bad filters are explained."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.organisations.models import Organisation
from opensend.publishing.models import (
    Consultation,
    Cost,
    LocalOfferArea,
    ServiceCategory,
    ServiceStatus,
)
from opensend.publishing.selectors.search import search_services
from opensend.publishing.services.offers import local_offer_for
from tests.access.routes_publishing_public import PLAY_CLUB, make_service, publish_report
from tests.queries import count_queries


@pytest.fixture
def offer(demo):
    offer = local_offer_for(demo["north_la"])
    offer.introduction = "Everything for families in Northshire."
    offer.offline_access = "Ring 01234 567890 for a printed copy."
    offer.sendiass_name = "Northshire SENDIASS"
    offer.sendiass_telephone = "01234 000111"
    offer.save()
    return offer


@pytest.fixture
def club(demo):
    return Organisation.objects.get(name=PLAY_CLUB)


@pytest.fixture
def directory(offer, club):
    north = LocalOfferArea.objects.create(local_offer=offer, name="Northtown")
    east = LocalOfferArea.objects.create(local_offer=offer, name="Eastvale")
    services = {
        "swim": make_service(
            offer,
            club,
            name="Sensory swimming",
            summary="Quiet swimming sessions.",
            needs=("ASD",),
            areas=[north],
            minimum_age=5,
            maximum_age=11,
            cost=Cost.SOME_COST,
        ),
        "speech": make_service(
            offer,
            club,
            name="Speech drop-in",
            summary="Talk to a speech and language therapist.",
            category=ServiceCategory.HEALTH,
            needs=("SLCN",),
            areas=[east],
            minimum_age=0,
            maximum_age=5,
        ),
        "advice": make_service(
            offer,
            club,
            name="Parent advice line",
            summary="Advice for any family.",
            description="We answer questions about swimming lessons too.",
            category=ServiceCategory.ADVICE,
            minimum_age=0,
            maximum_age=25,
        ),
    }
    make_service(offer, club, name="Hidden swimming club", is_published=False)
    make_service(offer, club, name="Closed swimming club", status=ServiceStatus.DEFUNCT)
    return {"north": north, "east": east, **services}


def _names(offer, **filters):
    return {s.name for s in search_services(offer, filters).object_list}


def _get(client, offer, **params):
    return client.get(reverse("local_offer", kwargs={"slug": offer.slug}), params)


# --- the list and the search page ----------


def test_the_list_shows_every_authority_s_local_offer(client, demo, offer):
    local_offer_for(demo["south_la"])
    response = client.get(reverse("local_offer_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Northshire County Council" in html and "Southmoor City Council" in html
    assert reverse("local_offer", kwargs={"slug": offer.slug}) in html


def test_the_search_page_tells_families_how_to_get_help(client, offer, directory):
    response = _get(client, offer)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Everything for families in Northshire." in html
    assert "Ring 01234 567890 for a printed copy." in html  # reg 57
    assert "Northshire SENDIASS" in html and "01234 000111" in html
    assert reverse("local_offer_you_said", kwargs={"slug": offer.slug}) in html
    assert "3 services" in html
    assert "Hidden swimming club" not in html and "Closed swimming club" not in html


def test_the_search_page_works_for_someone_signed_in(signed_in, offer, directory):
    response = _get(signed_in("north_caseworker"), offer, q="swimming")
    assert response.status_code == 200
    assert "Sensory swimming" in response.content.decode()


def test_open_consultations_are_linked_and_closed_ones_are_not(client, offer):
    today = timezone.localdate()
    open_now = Consultation.objects.create(
        local_offer=offer,
        title="Tell us about short breaks",
        description="What works?",
        opens_on=today - timedelta(days=3),
        closes_on=today + timedelta(days=10),
    )
    Consultation.objects.create(
        local_offer=offer,
        title="Last year's survey",
        description="Closed.",
        opens_on=today - timedelta(days=400),
        closes_on=today - timedelta(days=300),
    )
    html = _get(client, offer).content.decode()
    url = reverse(
        "local_offer_respond", kwargs={"slug": offer.slug, "consultation_id": open_now.pk}
    )
    assert url in html and "Tell us about short breaks" in html
    assert "Last year" not in html


def test_an_unknown_local_offer_is_404(client, offer):
    assert client.get(reverse("local_offer", kwargs={"slug": "nowhere"})).status_code == 404


# --- each filter narrows the results ----------


def test_keywords_match_every_word_in_name_summary_description_or_provider(offer, directory):
    assert _names(offer, q="swimming") == {"Sensory swimming", "Parent advice line"}
    assert _names(offer, q="SWIMMING quiet") == {"Sensory swimming"}
    assert _names(offer, q="sensory support play") == {
        "Sensory swimming",
        "Speech drop-in",
        "Parent advice line",
    }  # the provider's name
    assert _names(offer, q="swimming therapist") == set()


def test_the_category_filter(offer, directory):
    assert _names(offer, category=ServiceCategory.HEALTH) == {"Speech drop-in"}


def test_the_need_filter_includes_services_for_every_need(offer, directory):
    assert _names(offer, need="ASD") == {"Sensory swimming", "Parent advice line"}
    assert _names(offer, need="HI") == {"Parent advice line"}


def test_the_age_filter_is_inclusive(offer, directory):
    assert _names(offer, age=5) == {"Sensory swimming", "Speech drop-in", "Parent advice line"}
    assert _names(offer, age=12) == {"Parent advice line"}
    assert _names(offer, age=0) == {"Speech drop-in", "Parent advice line"}


def test_the_area_filter_includes_services_for_the_whole_area(offer, directory):
    assert _names(offer, area=directory["north"]) == {"Sensory swimming", "Parent advice line"}
    assert _names(offer, area=directory["east"]) == {"Speech drop-in", "Parent advice line"}


def test_a_service_in_two_areas_is_listed_once(offer, directory):
    directory["swim"].areas.add(directory["east"])
    assert [s.name for s in search_services(offer, {"q": "quiet", "area": directory["east"]})] == [
        "Sensory swimming"
    ]


def test_the_cost_filter(offer, directory):
    assert _names(offer, cost=Cost.SOME_COST) == {"Sensory swimming"}


def test_filters_combine_through_the_page(client, offer, directory):
    html = _get(
        client, offer, q="swimming", need="ASD", age="8", area=str(directory["north"].pk)
    ).content.decode()
    assert "2 services found" in html
    assert "Sensory swimming" in html and "Parent advice line" in html
    assert "Speech drop-in" not in html
    assert "Northtown" in html and "The whole area" in html


def test_another_authority_s_services_are_not_found(demo, offer, directory):
    south = local_offer_for(demo["south_la"])
    assert _names(south) == set()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"age": "eight"}, "Enter the age as a whole number of years, like 8"),
        ({"age": "40"}, "Age must be 25 or under"),
        ({"age": "-1"}, "Age must be 0 or more"),
        ({"need": "XYZ"}, "Choose a need from the list"),
        ({"category": "spa"}, "Choose a type of service from the list"),
        ({"cost": "cheap"}, "Choose a cost from the list"),
        ({"area": "not-an-area"}, "Choose an area from the list"),
        ({"q": "x" * 300}, "Search words must be 200 characters or fewer"),
    ],
)
def test_a_bad_filter_is_explained_on_the_page(client, offer, directory, params, message):
    response = _get(client, offer, **params)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and message in html
    assert "<title>Error:" in html


def test_another_offer_s_area_is_refused(client, demo, offer, directory):
    south = local_offer_for(demo["south_la"])
    elsewhere = LocalOfferArea.objects.create(local_offer=south, name="Southside")
    response = _get(client, offer, area=str(elsewhere.pk))
    assert "Choose an area from the list" in response.content.decode()


def test_a_bad_page_number_shows_a_page(client, offer, directory):
    assert _get(client, offer, page="lots").status_code == 200
    assert _get(client, offer, page="999").status_code == 200


def test_results_are_paginated_twenty_a_page(client, offer, club):
    for n in range(25):
        make_service(offer, club, name=f"Club {n:02}")
    html = _get(client, offer).content.decode()
    assert "25 services" in html and "Showing 1 to 20 of 25" in html
    assert "govuk-pagination" in html and "Club 19" in html and "Club 20" not in html
    html = _get(client, offer, page="2").content.decode()
    assert "Showing 21 to 25 of 25" in html and "Club 24" in html


def test_the_search_page_runs_the_same_queries_for_5_or_40_services(client, offer, club):
    areas = [LocalOfferArea.objects.create(local_offer=offer, name=f"Area {n}") for n in range(3)]

    def add(count):
        start = offer.services.count()
        for n in range(start, start + count):
            make_service(offer, club, name=f"Service {n:02}", areas=areas[: n % 3], needs=("HI",))

    add(5)
    url = reverse("local_offer", kwargs={"slug": offer.slug})
    client.get(url)  # warm up
    few, _ = count_queries(lambda: client.get(url, {"need": "HI", "age": "7"}))
    add(35)
    many, sql = count_queries(lambda: client.get(url, {"need": "HI", "age": "7"}))
    assert few == many, "\n".join(sql)


# --- a service's page ----------


def _service_url(offer, service):
    return reverse("local_offer_service", kwargs={"slug": offer.slug, "service_id": service.pk})


def test_a_service_page_shows_everything_a_family_needs(client, offer, directory):
    swim = directory["swim"]
    swim.telephone = "01234 999888"
    swim.email = "swim@example.org"
    swim.when = "Saturdays 10am to 12 noon"
    swim.fees = "£3 a session"
    swim.answers = {"who_for": "Children who find busy pools hard.", "complaints": "  "}
    swim.save()
    response = client.get(_service_url(offer, swim))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Sensory swimming",
        PLAY_CLUB,
        "01234 999888",
        "swim@example.org",
        "Saturdays 10am to 12 noon",
        "£3 a session",
        "Some costs",
        "Northtown",
        "Autistic spectrum disorder",
        "Who is the service for, and who can use it?",
        "Children who find busy pools hard.",
        "Last checked",
    ]:
        assert text in html, text
    assert "How can families give feedback or complain?" not in html  # unanswered


def test_a_school_s_entry_links_to_its_report(client, demo, offer):
    oak = demo["north_oak"]
    version = publish_report(oak, answers={"kinds_of_sen": "All needs."})
    entry = make_service(offer, oak, name=oak.name, information_report=version.report)
    html = client.get(_service_url(offer, entry)).content.decode()
    assert reverse("public_report", kwargs={"school_id": oak.pk}) in html


def test_an_unpublished_or_closed_service_is_404(client, offer, club):
    hidden = make_service(offer, club, name="Hidden", is_published=False)
    closed = make_service(offer, club, name="Closed", status=ServiceStatus.DEFUNCT)
    assert client.get(_service_url(offer, hidden)).status_code == 404
    assert client.get(_service_url(offer, closed)).status_code == 404


def test_a_service_is_404_under_another_authority_s_address(client, demo, offer, directory):
    south = local_offer_for(demo["south_la"])
    assert client.get(_service_url(south, directory["swim"])).status_code == 404


def test_no_local_offer_page_names_a_child(client, demo, offer, directory):
    child = demo["ava"]
    for url in [
        reverse("local_offer_list"),
        reverse("local_offer", kwargs={"slug": offer.slug}),
        _service_url(offer, directory["swim"]),
    ]:
        html = client.get(url).content.decode()
        assert child.last_name not in html
