"""Journey: the SENCO plans an evening training session, is warned, keeps it with a reason,
and sees it flagged in the year's plan (issue 10 item 3; DfE SEND implementation guidance,
"Training and Support": planned in advance, not in the evenings or at weekends).

Real time, not frozen: the live server answers from another thread. So the session is on a
Tuesday at least three weeks ahead (never a bank holiday), from 18:00 to 19:30: plenty of
notice, but outside the school day (08:00 to 17:30), which is the one warning expected.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.law.dates import academic_year_of, is_bank_holiday
from opensend.workforce.models import Job, StaffMember, TrainingSession
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in
from tests.browser.test_journey_review_programme import fill_date

TASK = "Plan a training session the check flags, and keep it (SENCO)"
REASON = "The speaker from the autism outreach team can only come after school."


def an_evening_ahead() -> date:
    """A Tuesday three or more weeks from today that is not a bank holiday."""
    day = timezone.localdate() + timedelta(days=21)
    while day.weekday() != 1 or is_bank_holiday(day):
        day += timedelta(days=1)
    return day


def test_the_senco_keeps_an_evening_session_with_a_reason(page, live_server, demo, steps):
    school = demo["north_oak"]
    day = an_evening_ahead()
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("workforce_training", args=[school.pk]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("SEND training")
    assert_no_serious_violations(page, "the training plan, empty")
    page.get_by_role("button", name="Plan a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a training session")
    assert_no_serious_violations(page, "planning a training session")

    with steps.task(TASK):
        page.get_by_label("Title", exact=True).fill("Understanding autism in the classroom")
        page.get_by_label("Purpose", exact=True).fill("Adapting teaching for autistic pupils")
        page.get_by_label("Provider", exact=True).fill("Northshire autism outreach team")
        page.get_by_label("All teachers").check()
        fill_date(page, "day", day)
        page.get_by_label("Start time").fill("18:00")
        page.get_by_label("End time").fill("19:30")
        page.get_by_role("button", name="Plan the session").click()

        warning = page.locator("#training-warnings")
        expect(warning).to_contain_text(
            f"{day:%A %-d %B %Y} 18:00 to 19:30 is outside the school day (08:00 to 17:30)"
        )
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Give a reason to keep the session at this time"
        )
        assert not TrainingSession.objects.exists()
        assert_no_serious_violations(page, "the directed-time warning")

        page.get_by_label("Reason to keep it at this time").fill(REASON)
        page.get_by_role("button", name="Plan the session").click()
        expect(page.get_by_text("Understanding autism in the classroom is planned")).to_be_visible()

    row = page.locator("#training-plan tbody tr", has_text="Understanding autism")
    expect(row).to_contain_text("Flagged: Outside the school day")
    expect(row).to_contain_text(f"Kept because: {REASON}")
    expect(page.locator("#training-counts")).to_contain_text("1 session")
    assert_no_serious_violations(page, "the training plan with a flagged session")
    assert f"?year={academic_year_of(day)}" in page.url

    session = TrainingSession.objects.get()
    assert session.keep_reason == REASON
    assert session.in_directed_time is False
    assert session.problems == ["outside_school_day"]

    # The pages around the plan, with people on the staff list, pass axe too.
    senco = StaffMember.objects.create(
        school=school, full_name="Sarah Collins", job=Job.SENCO, user=demo["oak_senco"]
    )
    StaffMember.objects.create(school=school, full_name="Tom Fielding", job=Job.TEACHER)
    row.get_by_role("link", name="Understanding autism in the classroom").click()
    expect(page.locator("main")).to_contain_text(
        f"The school kept it at this time because: {REASON}"
    )
    assert_no_serious_violations(page, "a flagged training session")
    page.goto(live_server.url + reverse("workforce_briefing", args=[school.pk]))
    expect(page.get_by_role("button", name="Remind the 2 teachers not yet briefed")).to_be_visible()
    assert_no_serious_violations(page, "the Code of Practice briefing")
    page.goto(live_server.url + reverse("workforce_staff_training", args=[senco.pk]))
    assert_no_serious_violations(page, "a person's SEND training")
    page.goto(live_server.url + reverse("workforce_my_training"))
    expect(page.locator("#upcoming-training")).to_contain_text("Understanding autism")
    assert_no_serious_violations(page, "your SEND training")
