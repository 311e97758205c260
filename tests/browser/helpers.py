"""Helpers for browser tests: signing in through the real screens, and watching the console.

The live server runs in a thread of the test process, so the test and the server share the
database connection settings, the locmem cache and the locmem email outbox.
"""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page

from opensend.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


def url(live_server, name: str, **kwargs) -> str:
    return live_server.url + reverse(name, kwargs=kwargs or None)


TOTP_PERIOD = 30


def fresh_totp_code(secret: str = DEMO_TOTP_SECRET, margin: float = 3.0) -> str:
    """The authenticator app's current code, with at least `margin` seconds of its 30 left.

    allauth accepts only the current period's code (MFA_TOTP_TOLERANCE is 0), and a browser
    takes a moment to type and send it: a code read in the last second of its period would
    make the test fail now and then.
    """
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < margin:
        time.sleep(left + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def browser_sign_in(
    page: Page,
    live_server,
    user,
    *,
    password: str = DEMO_PASSWORD,
    totp_secret: str | None = DEMO_TOTP_SECRET,
    on_page=None,
) -> None:
    """Sign `user` in through the sign-in page and, if asked for one, the two-factor code page.

    `on_page(page)` is called on each sign-in screen before it is filled in, so a caller can
    check it (for example with axe) on the way through.
    """
    page.goto(url(live_server, "account_login"))
    if on_page:
        on_page(page)
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if page.url.startswith(url(live_server, "mfa_authenticate")):
        assert totp_secret, f"{user.email} was asked for a two-factor code"
        if on_page:
            on_page(page)
        # A TOTP code is accepted once; forget earlier uses so a test may sign in again. The
        # live server thread shares this process's locmem cache.
        cache.clear()
        page.get_by_label(re.compile("code", re.IGNORECASE)).fill(fresh_totp_code(totp_secret))
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile("sign in|continue|verify", re.I)).click()
    if re.search(r"/accounts/(login|2fa/authenticate)/", page.url):
        problem = page.locator(".govuk-error-summary, .govuk-error-message").all_inner_texts()
        raise AssertionError(f"{user.email} could not sign in: {problem or page.url}")


class PageWatcher:
    """Watches every page of a browser context for what a person would not see but should not
    happen: scripts or styles blocked by the Content Security Policy (Chromium reports these
    as console errors) and the app's own files failing to load.
    """

    def __init__(self, context, origin: str):
        self.origin = origin
        self.console_errors: list[str] = []
        self.failed_files: list[str] = []
        context.on("console", self._on_console)
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_request_failed)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_response(self, response) -> None:
        request = response.request
        if (
            response.status >= 400
            and not request.is_navigation_request()
            and request.url.startswith(self.origin)
        ):
            self.failed_files.append(f"{request.url} answered HTTP {response.status}")

    def _on_request_failed(self, request) -> None:
        # ERR_ABORTED is the browser itself cancelling a request, e.g. the favicon of a page it
        # is already leaving after a form submits: nothing is wrong with the file. A missing or
        # broken file answers with an error status, which _on_response reports.
        if request.failure and "ERR_ABORTED" in request.failure:
            return
        if not request.is_navigation_request() and request.url.startswith(self.origin):
            self.failed_files.append(f"{request.url} failed: {request.failure}")

    def csp_errors(self) -> list[str]:
        return [error for error in self.console_errors if "Content Security Policy" in error]

    def take(self) -> list[str]:
        """Problems seen since the last call."""
        problems = [f"console: {error}" for error in self.csp_errors()] + self.failed_files
        self.console_errors.clear()
        self.failed_files.clear()
        return problems
