"""Journey: a parent, not signed in, finds a service in Northshire's Local Offer (issue 11
item 3) with the keyboard alone.

She opens the list of Local Offers, chooses Northshire, types "swimming", chooses her son's
need (autism) and types his age (8), and searches: a GET form, so no page submission is
counted, three fields changed. The results list the sensory swimming sessions (and the advice
line, which is for every need) but not the speech drop-in for under-fives. She opens the
swimming sessions and reads their telephone number. Every page is checked with axe. A bad age
is explained on the page, not an error page.
"""

from datetime import date

from playwright.sync_api import expect

from opensend.organisations.models import Organisation
from opensend.publishing.models import Cost, LocalOfferArea, ServiceCategory
from opensend.publishing.services.offers import local_offer_for
from tests.access.routes_publishing_public import PLAY_CLUB, make_service, publish_report
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import url
from tests.browser.test_keyboard import tab_to


def _northshire(demo):
    offer = local_offer_for(demo["north_la"])
    offer.introduction = "Support and services for children and young people with SEND."
    offer.offline_access = "Phone 01234 567890 and we will post you a printed copy."
    offer.sendiass_name = "Northshire SENDIASS"
    offer.sendiass_telephone = "01234 000111"
    offer.save()
    local_offer_for(demo["south_la"])
    club = Organisation.objects.get(name=PLAY_CLUB)
    north = LocalOfferArea.objects.create(local_offer=offer, name="Northtown")
    make_service(
        offer,
        club,
        name="Sensory swimming sessions",
        summary="Quiet swimming sessions in a calm pool.",
        needs=("ASD",),
        areas=[north],
        minimum_age=5,
        maximum_age=11,
        cost=Cost.SOME_COST,
        fees="£3 a session",
        telephone="01234 222333",
        email="swim@example.org",
        when="Saturdays 10am to 12 noon",
        answers={"who_for": "Children who find busy pools hard."},
    )
    make_service(
        offer,
        club,
        name="Speech drop-in",
        summary="Swimming-pool-side speech checks for under-fives.",
        category=ServiceCategory.HEALTH,
        needs=("SLCN",),
        minimum_age=0,
        maximum_age=4,
    )
    make_service(
        offer,
        club,
        name="Parent advice line",
        summary="Advice on anything, including swimming lessons.",
        category=ServiceCategory.ADVICE,
    )
    return offer


def test_a_parent_finds_a_service_by_keyword_need_and_age_with_the_keyboard(
    page, live_server, demo, steps
):
    _northshire(demo)
    steps.watch(page)
    page.goto(url(live_server, "local_offer_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Local Offers")
    assert_no_serious_violations(page, "every authority's Local Offer")

    with steps.task("Find a service in the Local Offer (parent, not signed in)") as task:
        link = page.get_by_role("link", name="Northshire County Council")
        tab_to(page, link)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Local Offer")
        expect(page.get_by_text("we will post you a printed copy")).to_be_visible()
        assert_no_serious_violations(page, "a Local Offer's search page")

        tab_to(page, page.get_by_label("Search by name or keyword"), most=40)
        page.keyboard.type("swimming")
        tab_to(page, page.get_by_label("Need or disability"))
        page.get_by_label("Need or disability").select_option(label="Autistic spectrum disorder")
        tab_to(page, page.get_by_label("Age of the child or young person"))
        page.keyboard.type("8")
        page.keyboard.press("Enter")

        expect(page.get_by_role("heading", name="2 services found")).to_be_visible()
        results = page.locator(".opensend-results")
        expect(results).to_contain_text("Sensory swimming sessions")
        expect(results).to_contain_text("Parent advice line")
        expect(results).not_to_contain_text("Speech drop-in")
        assert_no_serious_violations(page, "the Local Offer's search results")

        service = page.get_by_role("link", name="Sensory swimming sessions")
        tab_to(page, service, most=40)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sensory swimming sessions")
        expect(page.get_by_text("01234 222333")).to_be_visible()
        expect(page.get_by_text("Saturdays 10am to 12 noon")).to_be_visible()
        expect(page.get_by_text("Children who find busy pools hard.")).to_be_visible()
    assert (task.page_submissions, task.typed_fields) == (0, 3)
    assert_no_serious_violations(page, "a service in the Local Offer")

    page.get_by_role("link", name="Back to the Local Offer").click()
    page.get_by_label("Age of the child or young person").fill("thirty")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the age as a whole number")).to_be_visible()
    assert_no_serious_violations(page, "the Local Offer's search with a bad age")


def test_a_school_s_published_report_its_earlier_version_and_embed_are_accessible(
    page, live_server, demo
):
    oak = demo["north_oak"]
    local_offer_for(demo["north_la"])
    publish_report(oak, number=1, published_on=date(2025, 9, 1), answers={"senco": "Mrs Collins."})
    publish_report(oak, number=2, answers={"kinds_of_sen": "All four areas."}, in_send_policy=True)
    page.goto(url(live_server, "public_report", school_id=oak.pk))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN information report")
    assert_no_serious_violations(page, "a school's published SEN information report")
    page.get_by_role("link", name="Version 1, published on 1 September 2025").click()
    expect(page.get_by_text("This is version 1, an earlier report.")).to_be_visible()
    assert_no_serious_violations(page, "an earlier version of the report")
    page.goto(url(live_server, "public_report_embed", school_id=oak.pk))
    expect(page.get_by_text("All four areas.")).to_be_visible()
    assert_no_serious_violations(page, "the report made to sit in a school's website")
