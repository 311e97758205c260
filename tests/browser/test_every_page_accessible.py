"""Every page a person can reach passes axe's WCAG 2.2 AA checks in a real browser.

DESIGN "Look and feel": WCAG 2.2 AA is the floor, and every page is checked with axe-core. The
pages come from the access matrix (tests/access/routes.py), so a new page is checked here as
soon as it is classified there, for each kind of person who may see it. One browser context per
persona, not per page, keeps the run short.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from opensend.accounts.services import email_mark_verified
from opensend.organisations.demo import DEMO_PASSWORD
from opensend.organisations.models import Membership, Role
from tests.access.routes import CASES, OK
from tests.browser.axe import check_accessibility, describe, serious_violations
from tests.browser.helpers import PageWatcher, browser_sign_in

PERSONAS = [
    "anonymous",
    "oak_senco",
    "oak_head",
    "oak_governor",
    "north_caseworker",
    "north_manager",
    "north_ep",
    "north_provider",
    "north_parent",
    "north_young_person",
]
# Not pages: the load balancer's health check and the JSON APIs (ours and Open Referral UK's).
# The API's documentation page (linked from every footer) is the same for everyone: checked
# once, below.
NOT_PAGES = {"healthz"}
OK_STATUSES = range(200, 400)


def is_page(case) -> bool:
    return (
        case.method == "get"
        and case.name not in NOT_PAGES
        and not case.name.startswith(("api:", "oruk:"))  # JSON, and the same Swagger UI
    )


def pages_for(persona: str, world) -> list[str]:
    urls = [
        reverse(case.name, kwargs=case.kwargs(world))
        for case in CASES
        if is_page(case) and case.expected(persona) == OK
    ]
    return list(dict.fromkeys(urls))  # same page listed twice (for different personas): once


class PageChecker:
    """Visits pages in one browser context, gathering every problem before failing once."""

    def __init__(self, page, live_server):
        self.page = page
        self.live_server = live_server
        self.watcher = PageWatcher(page.context, live_server.url)
        self.problems: list[str] = []
        self.checked: list[str] = []

    def check(self, label: str | None = None) -> None:
        """Check the page as it is now: axe, and what the browser console said."""
        label = label or self.page.url.removeprefix(self.live_server.url)
        if "text/html" not in self.page.evaluate("document.contentType"):
            self.checked.append(f"{label} (not HTML: not checked)")
            return
        found = serious_violations(check_accessibility(self.page))
        if found:
            self.problems.append(f"{label}: axe found\n{describe(found)}")
        for complaint in self.watcher.take():
            self.problems.append(f"{label}: {complaint}")
        self.checked.append(label)

    def visit(self, path: str, *, expect_status=OK_STATUSES) -> None:
        try:
            response = self.page.goto(self.live_server.url + path)
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a file, not a page (e.g. a .ics feed)
                self.checked.append(f"{path} (a download: not checked)")
                return
            raise
        if response is None or response.status not in expect_status:
            status = response.status if response else "no response"
            self.problems.append(f"{path}: HTTP {status}")
        self.check(path if self.page.url == self.live_server.url + path else None)

    def assert_clean(self) -> None:
        assert self.checked, "no pages were checked"
        assert not self.problems, "\n".join(self.problems)


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_can_reach_has_no_serious_accessibility_problems(
    page,
    live_server,
    world,
    persona,
):
    checker = PageChecker(page, live_server)
    if persona != "anonymous":
        browser_sign_in(page, live_server, world[persona])
    urls = pages_for(persona, world)
    assert urls
    for path in urls:
        checker.visit(path)
    checker.assert_clean()


def test_sign_in_screens_and_account_pages_have_no_serious_accessibility_problems(
    page,
    live_server,
    world,
):
    checker = PageChecker(page, live_server)
    # Forgotten password, as someone who is not signed in.
    checker.visit(reverse("account_reset_password"))
    page.get_by_label(re.compile("email", re.I)).fill(world["oak_senco"].email)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("reset", re.I)).click()
    checker.check("password reset: email sent")
    # Sign in: the password page and the two-factor code page, checked on the way through.
    browser_sign_in(page, live_server, world["oak_senco"], on_page=lambda _: checker.check())
    for name in ("mfa_index", "account_change_password", "account_email", "api_tokens"):
        checker.visit(reverse(name))
    checker.visit(reverse("mfa_view_recovery_codes"))
    # A page someone may not see, and a used or mistyped invitation link.
    checker.visit(
        reverse("organisation_detail", kwargs={"organisation_id": world["south_river"].pk}),
        expect_status={404},
    )
    checker.visit(
        reverse("invitation_accept", kwargs={"token": "not-a-real-token"}), expect_status={404}
    )
    checker.visit(reverse("signed_out") + "?timeout=1")
    checker.assert_clean()


def test_a_new_colleague_without_an_authenticator_app_is_sent_to_set_one_up(
    page,
    live_server,
    world,
):
    # Staff must use MFA (DESIGN "Security and privacy"): someone whose account exists but who
    # has no authenticator app yet signs in with a password and is sent straight to set it up.
    user = get_user_model().objects.create_user(
        email="new.ta@opensend.example", password=DEMO_PASSWORD, full_name="Noor Ali"
    )
    email_mark_verified(user=user)
    Membership.objects.create(
        user=user, organisation=world["north_oak"], role=Role.TEACHING_ASSISTANT
    )
    checker = PageChecker(page, live_server)

    browser_sign_in(page, live_server, user, totp_secret=None)

    expect(page).to_have_url(live_server.url + reverse("mfa_activate_totp"))
    expect(page.locator("#authenticator_secret")).not_to_have_value("")
    checker.check("authenticator app set-up")
    # Nothing else is open to them until they have done so.
    page.goto(live_server.url + reverse("home"))
    expect(page).to_have_url(live_server.url + reverse("mfa_activate_totp"))
    checker.assert_clean()


def test_the_interactive_api_explorer_works_under_the_content_security_policy(page, live_server):
    # Swagger UI is a third-party developer tool with known axe failures (contrast, nested
    # controls), so it is not axe-checked: the accessibility statement says so and points to
    # the accessible alternatives, the API guide page (axe-checked above as "api_guide") and
    # the OpenAPI document. What must hold is that it loads from our origin and runs.
    watcher = PageWatcher(page.context, live_server.url)
    page.goto(live_server.url + reverse("api:openapi-view"))
    expect(page.get_by_text("/api/v1/organisations/{organisation_id}").first).to_be_visible()
    assert watcher.take() == []
    assert page.locator("html").get_attribute("lang") == "en-GB"
