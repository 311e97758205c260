"""Journey: publish this year's SEN information report when last year's is still right
(issue 11, "Steps": target 2 submissions).

CoP 6.79: the report is updated at least once a year. Oakfield published a complete report
350 days ago, so it is due again within the month. The SENCO opens the report, sees every
Schedule 1 item complete and the "Still right? Publish it again for this year" box, and
presses the publish button on the overview: one submission, nothing typed. The report is then
on its public page, with no sign-in, as version 2 saying nothing changed.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.law.information_report import ITEMS
from opensend.publishing.models import ReportVersion
from opensend.publishing.services.reports import report_for
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

TASK = "Publish this year's SEN information report when last year's is still right (SENCO)"


def _last_year(demo):
    oak, today = demo["north_oak"], timezone.localdate()
    report = report_for(oak, actor=demo["oak_senco"])
    report.answers = {
        item.key: f"Oakfield's answer to item {item.number} of Schedule 1." for item in ITEMS
    }
    report.save()
    ReportVersion.objects.create(
        report=report,
        number=1,
        published_on=today - timedelta(days=350),
        answers=dict(report.answers),
        school_name=oak.name,
        summary="First published version",
    )
    return oak, report


def test_the_senco_publishes_last_years_report_again_in_one_submission(
    page, live_server, demo, steps
):
    oak, report = _last_year(demo)
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("publishing_report", args=[oak.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN information report")
    expect(page.get_by_text("Still right? Publish it again for this year")).to_be_visible()
    expect(page.get_by_text("Every item Schedule 1 asks for has an answer.")).to_be_visible()
    assert_no_serious_violations(page, "the report's overview, due again within a month")
    # The other pages of the editor, looked at first (not part of the task).
    page.get_by_role("link", name="4. Who is your SENCO, and how can parents contact them?").click()
    expect(
        page.get_by_label("Who is your SENCO, and how can parents contact them?")
    ).to_be_visible()
    assert_no_serious_violations(page, "one item of the report")
    for name, what in (
        ("publishing_report_preview", "the draft's preview"),
        ("publishing_report_publish", "the publish page"),
    ):
        page.goto(live_server.url + reverse(name, args=[oak.pk]))
        assert_no_serious_violations(page, what)
    page.goto(live_server.url + reverse("publishing_report", args=[oak.pk]))

    with steps.task(TASK) as task:
        page.get_by_role("button", name="Publish it for this year").click()
        expect(page.get_by_text("Version 2 published on")).to_be_visible()
    assert task.page_submissions <= 2
    assert (task.page_submissions, task.typed_fields) == (1, 0)
    assert_no_serious_violations(page, "the report's overview after publishing")

    latest = ReportVersion.objects.get(report=report, number=2)
    assert latest.summary.startswith("No changes since")

    # The public page, with no sign-in.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("public_report", args=[oak.pk]))
    expect(page.get_by_text("Oakfield's answer to item 3(c) of Schedule 1.")).to_be_visible()
    assert_no_serious_violations(page, "the published report, signed out")
