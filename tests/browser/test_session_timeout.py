"""The GOV.UK-style session timeout warning (opensend/static/js/session-timeout.js).

Sessions end after 30 minutes without activity; two minutes before, a modal dialog offers
"Stay signed in" (WCAG 2.2.1 Timing Adjustable). Playwright's fake clock moves the page's
time on, so the test takes seconds, not half an hour.
"""

from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in, url


def warning_dialog(page):
    return page.get_by_role("dialog", name="You will be signed out soon")


def test_a_warning_two_minutes_before_the_session_ends_lets_the_person_stay_signed_in(
    page, live_server, demo
):
    page.clock.install()
    browser_sign_in(page, live_server, demo["oak_senco"])
    dialog = warning_dialog(page)
    expect(page.locator("#session-timeout")).not_to_have_attribute("open", "")

    page.clock.fast_forward("27:50")
    expect(page.locator("#session-timeout")).not_to_have_attribute("open", "")
    page.clock.fast_forward("00:20")

    expect(dialog).to_be_visible()
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(dialog).to_contain_text("2 minutes")
    assert_no_serious_violations(page, "the session timeout warning")

    with page.expect_response(url(live_server, "session_extend")) as extended:
        stay.click()
    assert extended.value.ok
    expect(dialog).to_be_hidden()

    # The half hour starts again.
    page.clock.fast_forward("27:50")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("00:20")
    expect(dialog).to_be_visible()


def test_doing_nothing_after_the_warning_goes_to_the_signed_out_page(page, live_server, demo):
    page.clock.install()
    browser_sign_in(page, live_server, demo["oak_senco"])

    page.clock.fast_forward("28:10")
    expect(warning_dialog(page)).to_be_visible()
    with page.expect_navigation():
        page.clock.fast_forward("02:00")

    expect(page).to_have_url(url(live_server, "signed_out") + "?timeout=1")
    expect(page.get_by_role("heading", level=1)).to_have_text("You have been signed out")
