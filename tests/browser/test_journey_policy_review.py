"""Journey: the light-touch review of a school policy takes one action (issue 10 item 4).

Seed: schools need "a process for reviewing their policies appropriately and ensuring these are
coherent and not workload-intensive". Oakfield's SEND policy was last reviewed thirteen months
ago, so it is overdue. The SENCO opens the school's policies, sees it marked overdue, reads it,
finds nothing to change and presses "Reviewed: no change" once: one submission, nothing typed.
The list then shows it up to date, with the next review a year from today. A governor reads
the same list without any buttons.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.law.dates import add_months
from opensend.workforce.models import Job, PolicyKind, ReviewOutcome, StaffMember
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in
from tests.browser.test_journey_ehc_plan import switch_person
from tests.workforce.policy_fixtures import make_policy


def test_the_senco_confirms_an_overdue_policy_needs_no_change_in_one_action(
    page, live_server, demo, steps
):
    oak, today = demo["north_oak"], timezone.localdate()
    senco = StaffMember.objects.create(
        school=oak, full_name="Sarah Collins", job=Job.SENCO, user=demo["oak_senco"]
    )
    policy = make_policy(
        oak,
        reviewed_on=add_months(today, -13),
        owner=senco,
        document_url="https://oakfield.example/send-policy",
        approved_on=add_months(today, -13) + timedelta(days=7),
    )
    make_policy(oak, kind=PolicyKind.COMPLAINTS, reviewed_on=today - timedelta(days=30))
    next_review = f"{add_months(today, 12):%-d %B %Y}"

    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("workforce_policies", args=[oak.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Policies")
    send_row = page.get_by_role("row").filter(has_text="SEND policy")
    expect(send_row.get_by_text("Overdue", exact=True)).to_be_visible()
    expect(page.get_by_text("Not recorded here yet: the Accessibility plan")).to_be_visible()
    assert_no_serious_violations(page, "the school's policies, one overdue")

    with steps.task("Confirm a policy needs no change (SENCO)") as task:
        send_row.get_by_role("button", name="Reviewed: no change").click()
        expect(page.get_by_text(f"Next review due by {next_review}")).to_be_visible()
    assert (task.page_submissions, task.typed_fields) == (1, 0)

    send_row = page.get_by_role("row").filter(has_text="SEND policy")
    expect(send_row.get_by_text("Up to date", exact=True)).to_be_visible()
    expect(send_row.get_by_role("button", name="Reviewed: no change")).to_have_count(0)
    assert_no_serious_violations(page, "the policies after the one-action review")
    latest = policy.versions.first()
    assert (latest.number, latest.outcome, latest.reviewed_on) == (
        2,
        ReviewOutcome.NO_CHANGE,
        today,
    )

    # The policy's page: its history, and the governors' approval still covering it.
    send_row.get_by_role("link", name="SEND policy").click()
    expect(page.get_by_role("table", name="History of versions")).to_contain_text(
        "Reviewed: no change needed"
    )
    expect(page.get_by_text("unchanged since")).to_be_visible()
    assert_no_serious_violations(page, "a policy and its history of versions")
    page.get_by_role("link", name="Record a full review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review the SEND policy")
    expect(page.get_by_label("Where it is published (optional)")).to_have_value(
        "https://oakfield.example/send-policy"
    )
    assert_no_serious_violations(page, "the full review of a policy")

    page.goto(live_server.url + reverse("workforce_policy_new", args=[oak.pk]))
    page.get_by_role("button", name="Add the policy").click()
    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    assert_no_serious_violations(page, "adding a policy, with its errors")

    switch_person(page, live_server, demo["oak_governor"])
    page.goto(live_server.url + reverse("workforce_policies", args=[oak.pk]))
    expect(page.get_by_role("row").filter(has_text="SEND policy")).to_contain_text("Up to date")
    expect(page.get_by_role("button", name="Reviewed: no change")).to_have_count(0)
    assert_no_serious_violations(page, "the school's policies, read by a governor")
