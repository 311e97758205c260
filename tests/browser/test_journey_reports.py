"""Issue 12: each dashboard opened the way its readers open it, checked with axe on the way.

A caseworker opens the council's dashboard from "Reports", narrows it to an area, follows a
figure to the cases behind it and opens a case; a SENCO opens the school's dashboard and looks
at what governors see; a governor opens the governors' report and finds small numbers hidden.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.ehc.models import CaseStage
from opensend.people.models import Child
from tests.access.routes_reports_sen2 import make_case
from tests.browser.axe import assert_no_serious_violations
from tests.browser.test_journey_ehc_plan import switch_person


def _recent_cases(demo) -> None:
    """Two Oakfield requests this year: one decided on time, one late, both with plans."""
    today = timezone.localdate()
    demo["north_oak"].area = "North"
    demo["north_oak"].save(update_fields=["area"])
    for first, received, decided, issued in (
        ("Remi", 200, 170, 70),  # decided in 30 days, plan in 130: both on time
        ("Tobi", 220, 160, 30),  # decided in 60 days (late), plan in 190 days (late)
    ):
        child = Child.objects.create(
            first_name=first,
            last_name="Adeyemi",
            date_of_birth=today - timedelta(days=365 * 8),
            home_local_authority=demo["north_la"],
        )
        case = make_case(
            demo,
            child,
            received=today - timedelta(days=received),
            assessed_on=today - timedelta(days=decided),
            issued_on=today - timedelta(days=issued),
            placement=demo["north_oak"],
            stage=CaseStage.ISSUED,
        )
        case.requests.update(school=demo["north_oak"])


def test_each_dashboard_opens_filters_and_leads_to_the_cases_behind_it(page, live_server, demo):
    _recent_cases(demo)

    # The caseworker: Reports, then the council's dashboard, narrowed to the North area.
    switch_person(page, live_server, demo["north_caseworker"])
    page.goto(live_server.url + reverse("reports_start"))
    assert_no_serious_violations(page, "the Reports page")
    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND dashboard")
    assert_no_serious_violations(page, "the council's dashboard")
    page.get_by_label("Area").select_option("North")
    with page.expect_navigation():
        page.get_by_role("button", name="Show figures").click()
    assert "area=North" in page.url
    assert_no_serious_violations(page, "the council's dashboard for one area")

    # A figure leads to exactly the cases it counts, and each case opens.
    with page.expect_navigation():
        page.get_by_role(
            "link", name="See the cases behind decisions whether to assess made within 6 weeks"
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Decisions whether to assess made within 6 weeks"
    )
    expect(page.get_by_role("link", name="Remi Adeyemi")).to_be_visible()
    expect(page.get_by_role("link", name="Tobi Adeyemi")).to_have_count(0)
    assert_no_serious_violations(page, "the cases behind a figure")
    with page.expect_navigation():
        page.get_by_role("link", name="Remi Adeyemi").click()
    expect(page.get_by_text("Remi Adeyemi").first).to_be_visible()

    # The SENCO: the school's dashboard, then what governors see.
    switch_person(page, live_server, demo["oak_senco"])
    page.goto(live_server.url + reverse("reports_start"))
    page.get_by_role("link", name="Dashboard for Oakfield").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND dashboard")
    assert_no_serious_violations(page, "the school's dashboard")
    page.get_by_role("link", name="See what governors see").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND report for governors")

    # The governor: the governors' report, small numbers hidden, no child named.
    switch_person(page, live_server, demo["oak_governor"])
    page.goto(live_server.url + reverse("reports_start"))
    page.get_by_role("link", name="Governors' report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND report for governors")
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    for child in ("ava", "leo", "mia"):
        expect(page.get_by_text(demo[child].last_name)).to_have_count(0)
    assert_no_serious_violations(page, "the governors' report")
