"""Multi-series charts and their tables pass axe's WCAG 2.2 AA checks in a real browser.

The every-page check (tests/browser) only meets these charts where the test world has data for
them, so the include is checked here directly, on a plain page. Skipped without Chromium.
"""

import os
import shutil

import pytest
from django.template.loader import render_to_string

from opensend.core.charts import line_chart, multi_line_chart, stacked_bar_chart
from tests.browser.axe import check_accessibility, describe

# Not imported from tests/browser/conftest.py: importing a conftest runs its set-up (it lets the
# ORM run inside an event loop), which these unit tests must not inherit.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def page():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser.new_page()
        browser.close()


def test_multi_series_charts_and_their_tables_have_no_accessibility_problems(page):
    charts = [
        multi_line_chart(
            ["January", "February", "March"],
            [("Within 6 weeks", [5, None, 7]), ("Later", [2, 3, 1])],
            title="Decisions by month",
            label_heading="Month",
        ),
        stacked_bar_chart(
            ["Oakfield", "Elm"],
            [("Met", [5, 0]), ("Not met", [3, 4])],
            title="Pupils owed a meeting",
            label_heading="School",
        ),
        line_chart([("Autumn", 1), ("Spring", 2)], title="Single series"),
    ]
    body = "".join(render_to_string("includes/chart.html", {"chart": chart}) for chart in charts)
    page.set_content(
        "<!DOCTYPE html><html lang='en-GB'><head><title>Charts</title></head><body><main>"
        f"<h1>Charts</h1>{body}</main></body></html>"
    )
    assert page.get_by_role("img", name="Decisions by month").count() == 1
    assert page.get_by_role("columnheader", name="Within 6 weeks").count() == 1
    violations = check_accessibility(page)
    assert violations == [], describe(violations)
