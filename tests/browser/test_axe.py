"""The checks themselves: each must catch a page that is plainly broken."""

import pytest

from tests.browser.axe import assert_no_serious_violations, check_accessibility
from tests.browser.helpers import PageWatcher

BROKEN_PAGE = "<html><body><img src='x.png'><a href='#'></a></body></html>"


def test_a_page_with_known_serious_violations_fails_the_check(page):
    # The test of the test: no lang, an image without alt text and an empty link.
    page.set_content(BROKEN_PAGE)
    with pytest.raises(AssertionError) as failure:
        assert_no_serious_violations(page)
    message = str(failure.value)
    for rule in ("html-has-lang", "image-alt", "link-name"):
        assert rule in message


def test_a_plain_accessible_page_passes_the_check(page):
    page.set_content(
        "<!DOCTYPE html><html lang='en-GB'><head><title>Fine</title></head><body><main>"
        "<h1>Fine</h1><img src='x.png' alt='A chart'><a href='/next'>Next</a></main></body></html>"
    )
    assert_no_serious_violations(page)
    assert check_accessibility(page) == []


def test_a_script_blocked_by_the_content_security_policy_and_a_missing_file_are_reported(
    context, page
):
    # The test of the other page checks: what the browser says about a strict policy being
    # broken, and the app's own files failing to load, both reach the watcher.
    origin = "http://csp.invalid"
    watcher = PageWatcher(context, origin)

    def serve(route):
        if route.request.url.endswith("/missing.css"):
            route.fulfill(status=404, body="")
        else:
            route.fulfill(
                status=200,
                content_type="text/html",
                headers={"Content-Security-Policy": "script-src 'self'"},
                body="<html lang='en'><head><link rel='stylesheet' href='/missing.css'></head>"
                "<body><script>document.title = 'ran'</script></body></html>",
            )

    page.route(f"{origin}/**", serve)
    page.goto(f"{origin}/page")
    page.wait_for_load_state("load")

    assert page.title() != "ran"
    problems = watcher.take()
    assert any("Content Security Policy" in problem for problem in problems), problems
    assert any("missing.css answered HTTP 404" in problem for problem in problems), problems
    assert watcher.take() == []
