"""Journey: a whole annual review, from the invitation to the amended plan (issue 9).

Mia's EHC plan was issued naming Hillside. Her first annual review is due. Hillside's SENCO
arranges the meeting in one submission, which invites the family, the school, the caseworker,
health and social care; Mia's mother gives her views before the meeting; after the meeting the
SENCO confirms the pre-filled record (nothing changed) and sends the report; the caseworker
decides to amend the plan, sends the proposed amendments, and, once Mia's mother says she is
content, issues the amended plan. The family reads the decision notice.

Real time, not frozen: the live server answers from another thread. The meeting must be at
least two weeks away when it is arranged (reg 20(3)), so after arranging it the test moves the
meeting into the past, as if the fortnight had gone by.
"""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.ehc.models import PlanVersionStatus
from opensend.ehc.plan_services import draft_respond, plan_draft_serve, plan_draft_start, plan_issue
from opensend.law.reviews import review_dates
from opensend.reviews.models import Review, ReviewStatus
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in
from tests.browser.test_journey_ehc_plan import mia_ready_for_a_plan, switch_person

MUMS_VIEWS = "Mia is happier at school and wants to keep her quiet space."


def mias_issued_plan(demo):
    caseworker = demo["north_caseworker"]
    case = mia_ready_for_a_plan(demo)
    draft = plan_draft_start(actor=caseworker, case=case)
    served = plan_draft_serve(actor=caseworker, version=draft)
    draft_respond(actor=demo["north_parent"], version=served, no_changes=True)
    return plan_issue(actor=caseworker, version=served, placement=demo["north_hill"])


def as_if_the_meeting_was_yesterday(review: Review) -> None:
    yesterday = timezone.localdate() - timedelta(days=1)
    Review.objects.filter(pk=review.pk).update(
        meeting_at=timezone.make_aware(datetime.combine(yesterday, time(10, 0))),
        **review_dates(yesterday),
    )


def test_an_annual_review_from_invitation_to_amended_plan(page, live_server, demo, steps):
    final = mias_issued_plan(demo)
    review = final.plan.reviews.get()
    meeting_day = timezone.localdate() + timedelta(days=21)

    # The SENCO arranges the meeting from the school's review tray: one submission.
    browser_sign_in(page, live_server, demo["hill_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("reviews_school_tray"))
    assert_no_serious_violations(page, "the SENCO's review tray")
    page.get_by_role("link", name="Mia Hughes").first.click()
    with steps.task("Arrange an annual review meeting (SENCO: date and time)"):
        page.get_by_role("button", name="Arrange the meeting").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Arrange the review meeting")
        assert_no_serious_violations(page, "arranging a review meeting")
        page.locator("#id_day_0").fill(str(meeting_day.day))
        page.locator("#id_day_1").fill(str(meeting_day.month))
        page.locator("#id_day_2").fill(str(meeting_day.year))
        page.get_by_label("Start time").fill("10:00")
        page.get_by_role("button", name="Arrange the meeting and invite everyone").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Annual review")
    review.refresh_from_db()
    assert review.status == ReviewStatus.ARRANGED
    assert set(review.participants.values_list("role", flat=True)) >= {"family", "school", "la"}
    assert_no_serious_violations(page, "the arranged review")

    # Mia's mother gives her views before the meeting.
    switch_person(page, live_server, demo["north_parent"])
    page.goto(live_server.url + reverse("reviews_family_review", args=[review.pk]))
    assert_no_serious_violations(page, "the family's review page")
    page.get_by_role("button", name="Give your views before the meeting").click()
    page.get_by_label("Your views").fill(MUMS_VIEWS)
    assert_no_serious_violations(page, "the family's views form")
    with page.expect_navigation():
        page.get_by_role("button", name="Send your views").click()

    # The meeting happens; the SENCO confirms the pre-filled record and sends the report.
    as_if_the_meeting_was_yesterday(review)
    switch_person(page, live_server, demo["hill_senco"])
    page.goto(live_server.url + reverse("reviews_review", args=[review.pk]))
    with steps.task("The school's review report when nothing changed (SENCO)"):
        page.get_by_role("button", name="Record the meeting").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Record the review meeting")
        expect(page.get_by_label("The family's views")).to_have_value(MUMS_VIEWS)
        assert_no_serious_violations(page, "recording the review meeting")
        page.get_by_role("button", name="Save the record").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Send the report").click()
    review.refresh_from_db()
    assert review.status == ReviewStatus.REPORTED

    # The caseworker decides to amend the plan, and sends the proposed amendments.
    switch_person(page, live_server, demo["north_caseworker"])
    page.goto(live_server.url + reverse("reviews_la_tray") + "?view=decisions")
    assert_no_serious_violations(page, "the caseworker's review tray")
    page.get_by_role("link", name="Hughes, Mia").click()
    page.get_by_role("button", name="Record the council's decision").click()
    assert_no_serious_violations(page, "the council's decision")
    page.get_by_label("Amend the plan").check()
    page.get_by_label("The amendments the council proposes").fill(
        "Section F: the quiet space becomes part of the plan."
    )
    page.get_by_role("button", name="Record the decision and send the notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft EHC plan")
    # Wait for the send to finish before reading the database or reloading:
    # reloading mid-submit detaches the page (a flake seen in CI).
    with page.expect_navigation():
        page.get_by_role("button", name="Send the draft to the family").click()
    review.refresh_from_db()
    assert review.status == ReviewStatus.AMENDING
    proposed = review.proposed_version
    proposed.refresh_from_db()
    assert proposed.status == PlanVersionStatus.SERVED

    # Mia's mother is content; the caseworker issues the amended plan.
    draft_respond(actor=demo["north_parent"], version=proposed, no_changes=True)
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="Issue the final plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Education, health and care plan")
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETE
    assert review.amended_version.status == PlanVersionStatus.ISSUED
    assert review.amended_version.issued_on <= review.amended_plan_due  # reg 22(3)
    assert final.plan.reviews.filter(status=ReviewStatus.DUE).count() == 1  # the next one

    # The family reads the council's decision.
    switch_person(page, live_server, demo["north_parent"])
    page.goto(live_server.url + reverse("reviews_family_review", args=[review.pk]))
    expect(page.get_by_text("quiet space becomes part of the plan").first).to_be_visible()
    assert_no_serious_violations(page, "the family's review page after the decision")
