"""Journey: the SENCO reviews a support plan where most outcomes carry over, then prints the
pupil passport for Leo's teachers (issue 5).

The review is one page: a progress answer per outcome, what happens next, and the outcomes not
achieved already ticked to carry over, with today's date and the next review date filled in.
When the next plan was agreed at the review meeting, one tick starts it active: one submission
in all. Otherwise it starts as a draft pre-filled from the reviewed plan, and making it active
is a second. Real time, not frozen: the live server answers from another thread.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.support.models import SupportPlan, SupportPlanStatus
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_start,
)
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

OUTCOMES = (
    "Read 40 high-frequency words",
    "Spell CVC words",
    "Write two sentences with capital letters and full stops",
)


def leos_active_plan(demo) -> SupportPlan:
    senco, today = demo["oak_senco"], timezone.localdate()
    plan = support_plan_start(
        actor=senco,
        child=demo["leo"],
        school=demo["north_oak"],
        review_due=today + timedelta(days=30),
        today=today,
        assessment="Phonics screening and a reading age test",
        parent_responsibilities="Read together for ten minutes each evening",
        strengths="Loves drawing and knows every dinosaur",
        what_helps="Instructions one step at a time, with a picture",
        what_to_avoid="Being asked to read aloud without warning",
    )
    made = [outcome_add(actor=senco, plan=plan, description=text) for text in OUTCOMES]
    provision_add(
        actor=senco,
        plan=plan,
        outcome=made[0],
        what="Phonics catch-up group",
        who="Teaching assistant",
        frequency="3 × 20 minutes a week",
        start=today,
    )
    return support_plan_activate(actor=senco, plan=plan)


def test_the_senco_reviews_a_plan_in_one_submission_and_prints_the_passport(
    page, live_server, demo, steps
):
    plan = leos_active_plan(demo)
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    page.goto(live_server.url + reverse("support_plan_detail", args=[plan.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Support plan 1")

    with steps.task("Review a support plan when most outcomes carry over"):
        page.get_by_role("button", name="Review the plan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Review the support plan")
        assert_no_serious_violations(page, "the review page")
        outcome_groups = page.locator("fieldset").filter(has_text="How much progress")
        answers = ("Achieved", "Some progress", "Good progress")
        for number, answer in enumerate(answers):
            outcome_groups.nth(number).get_by_label(answer, exact=True).check()
        # The achieved outcome does not carry over; the other two are already ticked.
        page.get_by_label("Carry outcome 1 over to the next plan").uncheck()
        page.get_by_label("Continue with the same outcomes").check()
        page.get_by_label("The next plan was agreed at the review: make it active now").check()
        page.get_by_role("button", name="Save the review").click()
        expect(page.get_by_text("Review saved. The next plan is active")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("Support plan 2")
        assert_no_serious_violations(page, "the next plan, pre-filled")

    task = steps.tasks["Review a support plan when most outcomes carry over"]
    assert task.page_submissions == 1, task
    # Three progress answers, one carry-over box unticked, what happens next, and "agreed".
    assert task.typed_fields == 6, task.fields

    plan.refresh_from_db()
    following = SupportPlan.objects.get(previous=plan)
    assert (plan.status, following.status, following.cycle) == (
        SupportPlanStatus.REVIEWED,
        SupportPlanStatus.ACTIVE,
        2,
    )
    assert list(following.outcomes.values_list("description", flat=True)) == list(OUTCOMES[1:])
    assert following.what_helps == "Instructions one step at a time, with a picture"

    with steps.task("Print a pupil passport"):
        page.get_by_role("link", name="Pupil passport for Leo Patel").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Leo")
        for text in (
            "Loves drawing and knows every dinosaur",
            "Instructions one step at a time, with a picture",
            "Being asked to read aloud without warning",
            OUTCOMES[1],
        ):
            expect(page.get_by_text(text).first).to_be_visible()
        assert_no_serious_violations(page, "the pupil passport")
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Download as PDF").click()
        download = download_info.value
        assert download.suggested_filename.startswith("pupil-passport")
        assert "leo" not in download.suggested_filename.lower()
        with open(download.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    printing = steps.tasks["Print a pupil passport"]
    assert (printing.page_submissions, printing.typed_fields) == (0, 0), printing
