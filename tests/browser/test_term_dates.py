"""Journey: a head teacher sets the school's term dates and a closure day with the keyboard.

The eighteen date boxes are filled in the order Tab reaches them (autumn first day, autumn last
day, spring ..., each day, month, year), so the form's order is the order a person reads it. A
mistake is shown with GOV.UK's error summary, checked with axe like every other page.
"""

from django.urls import reverse
from playwright.sync_api import expect

from opensend.organisations.models import ClosureDay, SchoolTerm
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

TERM_BOXES_2026 = [
    # autumn 2 Sep-18 Dec 2026 (a typing slip: 31 November), spring, summer
    ("2", "9", "2026"),
    ("31", "11", "2026"),
    ("5", "1", "2027"),
    ("26", "3", "2027"),
    ("12", "4", "2027"),
    ("21", "7", "2027"),
]


def type_term_dates(page, boxes) -> None:
    page.locator("#id_autumn_start_0").focus()
    values = [value for date_boxes in boxes for value in date_boxes]
    for number, value in enumerate(values):
        page.keyboard.press("Control+A")
        page.keyboard.type(value)
        if number < len(values) - 1:
            page.keyboard.press("Tab")


def test_a_head_sets_term_dates_and_a_closure_day_with_the_keyboard(page, live_server, demo):
    school = demo["north_oak"]
    browser_sign_in(page, live_server, demo["oak_head"])
    page.goto(live_server.url + reverse("organisation_detail", args=[school.pk]))
    page.get_by_role("link", name="Term dates and closure days").click()
    expect(page.get_by_role("link", name="Previous school year")).to_be_visible()
    page.goto(live_server.url + reverse("school_term_dates", args=[school.pk]) + "?year=2026")
    expect(page.get_by_role("heading", level=1)).to_have_text("Term dates 2026 to 2027")

    type_term_dates(page, TERM_BOXES_2026)
    expect(page.locator("#id_summer_end_2")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("The last day of the autumn term must be a real date")
    assert_no_serious_violations(page, "term dates with an error")
    assert not SchoolTerm.objects.exists()
    summary.get_by_role("link").first.click()
    expect(page.locator("#id_autumn_end_0")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("18")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.get_by_role("button", name="Save term dates").press("Enter")

    expect(page.get_by_text("Term dates saved for 2026 to 2027")).to_be_visible()
    expect(page.get_by_role("cell", name="Friday 18 December 2026")).to_be_visible()
    assert SchoolTerm.objects.filter(school=school, academic_year=2026).count() == 3

    page.locator("#id_day_0").fill("6")
    page.locator("#id_day_1").fill("5")
    page.locator("#id_day_2").fill("2027")
    page.get_by_label("Reason").fill("Polling station for the local elections")
    page.get_by_role("button", name="Add closure day").press("Enter")
    expect(page.get_by_text("Closure day added: 6 May 2027")).to_be_visible()
    assert_no_serious_violations(page, "term dates with a closure day")

    remove = page.get_by_role("button", name="Remove closure day on 6 May 2027")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Closure day removed: 6 May 2027")).to_be_visible()
    assert not ClosureDay.objects.exists()
