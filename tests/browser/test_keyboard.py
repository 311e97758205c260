"""Keyboard use: everything works without a mouse (WCAG 2.1.1, 2.4.1)."""

import re

from django.core.cache import cache
from playwright.sync_api import expect

from opensend.organisations.demo import DEMO_PASSWORD
from tests.browser.helpers import fresh_totp_code, url


def tab_to(page, locator, most: int = 20) -> int:
    """Press Tab until `locator` has the focus; return how many presses it took."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{locator} not reached with {most} presses of Tab")


def test_the_first_tab_reaches_skip_to_main_content_which_moves_focus_to_the_page(
    page, live_server
):
    page.goto(url(live_server, "account_login"))
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visually hidden until it has the focus

    page.keyboard.press("Enter")

    expect(page.locator("#main-content")).to_be_focused()


def test_a_person_can_sign_in_with_the_keyboard_alone(page, live_server, demo):
    user = demo["oak_senco"]
    page.goto(url(live_server, "account_login"))

    tab_to(page, page.get_by_label("Email"))
    page.keyboard.type(user.email)
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(url(live_server, "mfa_authenticate"))
    cache.clear()  # a TOTP code is accepted once
    tab_to(page, page.get_by_label(re.compile("code", re.I)))
    page.keyboard.type(fresh_totp_code())
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(url(live_server, "home"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your school")
