"""Journey: an EHC plan from the first draft to the final plan (issue 8).

Mia's assessment is done: the educational psychologist's advice is in and the council has
decided to issue a plan. The caseworker starts the draft (pre-filled from the advice), sees the
specificity warnings, and sends it to the family; Mia's mother says she is happy with it; the
caseworker issues the final plan naming Hillside; Hillside's SENCO reads it.

Real time, not frozen: the live server answers from another thread.
"""

from django.urls import reverse
from playwright.sync_api import expect

from opensend.ehc.models import PlanVersionStatus
from opensend.ehc.services import (
    Views,
    request_submit,
)
from tests.access.routes_ehc_plan_world import advise_and_decide_to_issue
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in


def mia_ready_for_a_plan(demo):
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )
    case = request_submit(
        actor=demo["hill_senco"],
        child=demo["mia"],
        school=demo["north_hill"],
        what_is_new="Attendance has fallen to 70%.",
        family_agrees=True,
        views=Views(family_about="Mia loves animals and drawing."),
    ).case
    return advise_and_decide_to_issue(
        demo,
        case,
        needs="High anxiety at transitions",
        outcomes="Attends full days four days a week",
        provision="Access to a quiet space",
    )


def switch_person(page, live_server, user) -> None:
    page.context.clear_cookies()
    browser_sign_in(page, live_server, user)


def test_a_plan_from_draft_to_final_across_the_council_the_family_and_the_school(
    page, live_server, demo, steps
):
    case = mia_ready_for_a_plan(demo)

    # The caseworker starts the draft and sends it to the family.
    browser_sign_in(page, live_server, demo["north_caseworker"])
    steps.watch(page)
    page.goto(live_server.url + reverse("ehc_case", args=[case.pk]))
    page.get_by_role("button", name="Start the draft plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft EHC plan")
    expect(page.get_by_text("High anxiety at transitions").first).to_be_visible()
    expect(page.get_by_text("more detail").first).to_be_visible()  # "Access to …"
    assert_no_serious_violations(page, "the draft plan editor")
    with steps.task("Issue a final plan after comments when nothing changed (caseworker)"):
        page.get_by_role("button", name="Send the draft to the family").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "The family's comments and the final plan"
        )
        assert_no_serious_violations(page, "the finalise page while the family comments")

        # Mia's mother, on her own device, says she is happy with the draft.
        family = page.context.browser.new_page()
        browser_sign_in(family, live_server, demo["north_parent"])
        family.goto(live_server.url + reverse("ehc_family_case", args=[case.pk]))
        family.get_by_role("link", name="Comment on the draft").click()
        expect(family.get_by_role("heading", level=1)).to_have_text(
            "Your comments on the draft plan"
        )
        assert_no_serious_violations(family, "the family's comments page")
        family.get_by_label("I am happy with the draft as it is").check()
        with family.expect_navigation():  # the answer is saved before the tab closes
            family.get_by_role("button", name="Send your answer").click()
        family.close()

        # The caseworker issues the final plan, the placement already chosen.
        page.reload()
        page.get_by_role("button", name="Issue the final plan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Education, health and care plan")
    assert_no_serious_violations(page, "the final plan")
    final = case.plan.versions.get(status=PlanVersionStatus.ISSUED)
    assert final.placement_name == "Hillside Academy"

    # Hillside's SENCO reads the final plan from the school's case page.
    switch_person(page, live_server, demo["hill_senco"])
    page.goto(live_server.url + reverse("ehc_school_case", args=[case.pk]))
    page.get_by_role("link", name="Version 2").click()
    expect(page.get_by_text("Hillside Academy").first).to_be_visible()
    assert_no_serious_violations(page, "the final plan as the school reads it")
