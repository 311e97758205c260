"""Journey: a head teacher invites a colleague, who joins and sets up two-factor sign-in.

Everything happens in the browser, as the people would do it; the invitation email is read
from Django's outbox (the live server runs in this process and tests use the locmem email
backend, so the server thread's outbox is this one).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in, fresh_totp_code

NEW_PASSWORD = "a-long-new-password-2026"
COLLEAGUE_EMAIL = "megan.lloyd@opensend.example"


def invitation_link(mailoutbox) -> str:
    assert len(mailoutbox) == 1, [message.subject for message in mailoutbox]
    assert mailoutbox[0].to == [COLLEAGUE_EMAIL]
    match = re.search(r"https?://\S+/join/\S+/", mailoutbox[0].body)
    assert match, mailoutbox[0].body
    return match.group(0)


def invite_a_teacher(page):
    page.get_by_role("link", name="Oakfield Primary School").first.click()
    page.get_by_role("button", name="Invite people").click()
    page.get_by_label("Full name").fill("Megan Lloyd")
    page.get_by_label("Email address").fill(COLLEAGUE_EMAIL)
    page.get_by_label("Teacher", exact=True).check()
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {COLLEAGUE_EMAIL}")).to_be_visible()


def create_password(page, link):
    page.goto(link)
    expect(page.get_by_role("heading", name="Join Oakfield Primary School")).to_be_visible()
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()


@pytest.fixture
def site_url(settings, live_server):
    # Invitation emails link to SITE_URL; here that is the live server.
    settings.SITE_URL = live_server.url


def test_a_head_invites_a_colleague_who_joins_and_sets_up_two_factor_sign_in(
    page, new_context, live_server, demo, mailoutbox, site_url, steps
):
    browser_sign_in(page, live_server, demo["oak_head"])
    steps.watch(page)

    with steps.task("Invite a colleague"):
        invite_a_teacher(page)
    link = invitation_link(mailoutbox)

    colleague = new_context().new_page()
    steps.watch(colleague)
    with steps.task("Join and set up sign-in"):
        create_password(colleague, link)
        expect(colleague).to_have_url(live_server.url + reverse("mfa_activate_totp"))
        assert_no_serious_violations(colleague)
        secret = colleague.locator("#authenticator_secret").input_value()
        colleague.get_by_label(re.compile("code", re.I)).fill(fresh_totp_code(secret))
        colleague.get_by_role("button", name=re.compile("activate|turn on", re.I)).click()
        expect(colleague).not_to_have_url(re.compile(r"/totp/activate/"))
        # Activation shows the recovery codes to keep safe, then "Continue" leads home.
        expect(colleague.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
        assert_no_serious_violations(colleague)
        colleague.get_by_role("button", name="Continue").click()
        expect(colleague.get_by_role("heading", level=1)).to_have_text("Your school")

    # The head sees that the invitation was used.
    page.reload()
    expect(page.get_by_role("row", name=re.compile("Megan Lloyd"))).to_contain_text("Joined")
    invite, join = steps.tasks.values()
    assert (invite.page_submissions, invite.typed_fields) == (1, 3)
    assert (join.page_submissions, join.typed_fields) == (2, 3)


def test_joining_goes_straight_to_authenticator_setup(
    page, new_context, live_server, demo, mailoutbox, site_url
):
    browser_sign_in(page, live_server, demo["oak_head"])
    invite_a_teacher(page)
    colleague = new_context().new_page()
    create_password(colleague, invitation_link(mailoutbox))
    expect(colleague).to_have_url(live_server.url + reverse("mfa_activate_totp"))
