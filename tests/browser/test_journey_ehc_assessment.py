"""Journey: an EHC needs assessment from the school's request to the advice (issue 7).

Four people, one case, each through their own door:
1. Hillside's SENCO asks for an assessment for Mia. Her record is complete (register, needs,
   an active support plan with the family's views), so the request carries it all and the
   SENCO adds only why an assessment is needed now, and confirms the family agrees.
2. Northshire's caseworker decides to assess, with the advice to ask for chosen on the same
   page, sends the letter, and sends the advice requests.
3. The educational psychologist gives advice.
4. Mia's mother follows the case: the timeline, the letter, the advice shared with her.

Real time, not frozen: the live server answers from another thread.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.ehc.models import AdviceStatus, CaseStage, EhcCase
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in


def mias_complete_record(demo) -> None:
    """Mia's parent on her record, and an active support plan with the family's views."""
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )
    senco, today = demo["hill_senco"], timezone.localdate()
    plan = support_plan_start(
        actor=senco,
        child=demo["mia"],
        school=demo["north_hill"],
        review_due=today + timedelta(days=40),
        today=today,
        assessment="Boxall profile and attendance review",
        parent_views="Mia loves animals and drawing; mornings are very hard for her.",
        pupil_views="I like the quiet room.",
    )
    outcome_add(actor=senco, plan=plan, description="Attend full days four days a week")
    support_plan_activate(actor=senco, plan=plan)


def switch_person(page, live_server, user) -> None:
    page.context.clear_cookies()
    browser_sign_in(page, live_server, user)


def test_a_case_from_the_schools_request_to_decision_and_advice(page, live_server, demo, steps):
    mias_complete_record(demo)

    # 1. The SENCO asks, from Mia's page.
    browser_sign_in(page, live_server, demo["hill_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("child_detail", args=[demo["mia"].pk]))
    with steps.task("Ask for an EHC needs assessment (school; the child's record is complete)"):
        page.get_by_role("link", name="Ask the council for an EHC needs assessment").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ask for an EHC needs assessment")
        expect(page.get_by_text("Attend full days four days a week").first).to_be_visible()
        assert_no_serious_violations(page, "the school's request form")
        page.get_by_label("Why is an assessment needed now?").fill(
            "Attendance has fallen to 70% despite two terms of SEMH support."
        )
        page.get_by_label("The family knows about this request and agrees to it").check()
        page.get_by_role("button", name="Send the request").click()
        expect(page.locator(".govuk-panel")).to_contain_text("received")
    assert_no_serious_violations(page, "the school's case page after the request")
    case = EhcCase.objects.get(child=demo["mia"])
    assert case.requests.get().family_about.startswith("Mia loves animals")

    # 2. The caseworker decides to assess, sends the letter and the advice requests.
    switch_person(page, live_server, demo["north_caseworker"])
    page.get_by_role("link", name="EHC assessments").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("EHC cases")
    assert_no_serious_violations(page, "the work tray")
    page.get_by_role("link", name="Hughes, Mia").click()
    assert_no_serious_violations(page, "the LA's case page")
    with steps.task("Decide to assess and send the advice requests (caseworker)"):
        page.get_by_role("button", name="Decide whether to assess").click()
        assert_no_serious_violations(page, "the decision page")
        page.get_by_label("Carry out an assessment", exact=True).check()
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Check and send the letter")
        assert_no_serious_violations(page, "the letter before sending")
        page.get_by_role("button", name="Send the letter").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Letter sent")
        page.get_by_role("button", name="Send 5 advice requests").click()
    case.refresh_from_db()
    assert case.stage == CaseStage.ASSESSING
    sent = case.advice_requests.filter(status=AdviceStatus.REQUESTED)
    assert sent.count() == 5
    assert_no_serious_violations(page, "the case page after sending")

    # 3. The educational psychologist gives advice.
    switch_person(page, live_server, demo["north_ep"])
    page.get_by_role("link", name="Advice requests").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Advice asked of you")
    assert_no_serious_violations(page, "the professional's advice list")
    page.get_by_role("link", name="Mia Hughes").click()
    assert_no_serious_violations(page, "the advice form")
    page.get_by_label("The child's needs").fill("High anxiety at transitions and in crowds.")
    page.get_by_label("Provision that would meet the needs").fill(
        "A key adult and a quiet base; a daily check-in at the start of the day."
    )
    page.get_by_role("button", name="Send your advice").click()
    expect(page.get_by_text("High anxiety at transitions and in crowds.")).to_be_visible()
    assert_no_serious_violations(page, "the advice after it was given")

    # 4. Mia's mother follows the case.
    switch_person(page, live_server, demo["north_parent"])
    page.get_by_role("link", name="EHC assessment").first.click()
    assert_no_serious_violations(page, "the family's cases")
    page.get_by_role("link", name="Mia Hughes").click()
    assert_no_serious_violations(page, "the family's timeline")
    expect(page.get_by_text("High anxiety at transitions and in crowds.")).to_be_visible()
    page.get_by_role("link", name="Read the letter").first.click()
    expect(
        page.get_by_role("heading", level=2, name="Decision to carry out an EHC needs assessment")
    ).to_be_visible()
    assert_no_serious_violations(page, "the letter as the family reads it")
