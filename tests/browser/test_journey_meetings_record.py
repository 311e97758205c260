"""Journey: the SENCO records a group meeting for six families in one submission (issue 6).

The record page is one page: what was discussed and agreed for everyone at the top, then one
small block per family (did they come, their views, the child's views, notes). Saving marks the
meeting held and adds the views and who does what to each attending pupil's support plan. Real
time, not frozen: the live server answers from another thread, so the meeting was yesterday.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.meetings.models import Meeting, MeetingStatus
from opensend.support.models import SupportPlan
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in
from tests.meetings.records_helpers import active_plan, meeting_for, pupil_on_support

NAMES = ("Amira", "Ben", "Chloe", "Dev", "Ella", "Finn")


def test_the_senco_records_a_group_meeting_for_six_families(page, live_server, demo, steps):
    today = timezone.localdate()
    children = [pupil_on_support(demo, first_name=name) for name in NAMES]
    plans = [active_plan(demo, child, today) for child in children]
    meeting = meeting_for(demo, children, starts_at=timezone.now() - timedelta(days=1))
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("meeting_detail", args=[meeting.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Group meeting on")
    assert_no_serious_violations(page, "the meeting before it is recorded")

    with steps.task("Record a group meeting for six families"):
        page.get_by_role("button", name="Record the meeting").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record the meeting")
        assert_no_serious_violations(page, "the record page for six families")
        page.get_by_label("Objectives set").fill("Read with an adult every day")
        page.get_by_label("Activities and support agreed").fill("Phonics group 3 times a week")
        page.get_by_label("What the parents will do").fill("Read together each evening")
        page.get_by_label("What the school will do").fill("Send a new book home each Monday")
        for child in children[:5]:
            page.get_by_role("group", name=f"Did {child.full_name}'s family come?").get_by_label(
                "Yes"
            ).check()
        # Forgetting the last family shows the page again with the problem, nothing lost.
        page.get_by_role("button", name="Save the record").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            f"Say whether {children[5].full_name}'s family came to the meeting"
        )
        assert_no_serious_violations(page, "the record page with an error")
        last = page.get_by_role("group", name=f"Did {children[5].full_name}'s family come?")
        last.get_by_label("No").check()
        page.get_by_label(f"{children[0].full_name}'s family's views").fill("Much happier")
        page.get_by_label(f"{children[0].full_name}'s views").fill("I like the group")
        page.get_by_role("button", name="Save the record").click()
        expect(page.get_by_text("added to 5 support plans")).to_be_visible()
        expect(page.get_by_text("5 of 6 families came")).to_be_visible()
        assert_no_serious_violations(page, "the recorded meeting")

    task = steps.tasks["Record a group meeting for six families"]
    assert task.page_submissions <= 3, task
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status == MeetingStatus.HELD
    assert meeting.objectives == "Read with an adult every day"
    first = SupportPlan.objects.get(pk=plans[0].pk)
    assert first.parent_views.endswith(": Much happier")
    assert first.pupil_views.endswith(": I like the group")
    assert first.school_responsibilities.endswith(": Send a new book home each Monday")
    assert SupportPlan.objects.get(pk=plans[5].pk).version == plans[5].version  # did not come
