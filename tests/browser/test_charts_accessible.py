"""Multi-series charts and their tables pass axe's WCAG 2.2 AA checks in a real browser.

The every-page check (tests/browser) only meets these charts where the test world has data for
them, so the include is checked here directly, on a plain page.
"""

from django.template.loader import render_to_string

from opensend.core.charts import line_chart, multi_line_chart, stacked_bar_chart
from tests.browser.axe import check_accessibility, describe


def test_multi_series_charts_and_their_tables_have_no_accessibility_problems(browser):
    # The session's browser (tests/browser/conftest.py): a second Playwright driver in the same
    # test process fails ("Sync API inside the asyncio loop").
    page = browser.new_page()
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
    page.close()
