"""SEN support plan pages, as each role sees them: start, read, add, activate and review."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.support.models import (
    Outcome,
    OutcomeProgress,
    PlanReview,
    SupportPlan,
    SupportPlanStatus,
    SupportProvision,
)
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_start,
)


def dates(name: str, day) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


@pytest.fixture
def switch_to(client, signed_in):
    def _switch(persona: str):
        client.logout()
        return signed_in(persona)

    return _switch


def _active_plan(demo, child="leo", outcomes=("Read 40 words", "Spell CVC words", "Write")):
    senco, today = demo["oak_senco"], timezone.localdate()
    plan = support_plan_start(
        actor=senco,
        child=demo[child],
        school=demo["north_oak"],
        review_due=today + timedelta(days=60),
        today=today,
        assessment="Phonics screening",
        parent_responsibilities="Read together every evening",
    )
    made = [outcome_add(actor=senco, plan=plan, description=text) for text in outcomes]
    provision_add(
        actor=senco,
        plan=plan,
        outcome=made[1],
        what="Spelling practice",
        who="Teaching assistant",
        frequency="Daily, 10 minutes",
        start=today,
    )
    return support_plan_activate(actor=senco, plan=plan), made


def _start_data(**overrides) -> dict:
    today = timezone.localdate()
    return {
        "assessment": "Reading age test",
        "assessed_by": "SENCO",
        "parent_responsibilities": "Read with Ava each evening",
        "pupil_responsibilities": "Use the word mat",
        "school_responsibilities": "Daily phonics group",
        "pupil_views": "I like stories",
        "parent_views": "She is tired after school",
        **dates("review_due", today + timedelta(days=70)),
        "description": "Read 40 high-frequency words",
        "success_criteria": "Reads them aloud without help",
        "what": "Phonics catch-up group",
        "who": "Teaching assistant",
        "frequency": "3 × 20 minutes a week",
        **dates("start", today),
        **overrides,
    }


def _review_data(outcomes, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        **dates("review_date", today),
        "summary": "Reading achieved; spelling and writing still need work.",
        "parent_contributed": "on",
        "pupil_contributed": "on",
        "next_step": "continue",
        **dates("next_review_due", today + timedelta(days=90)),
        "progress_1": OutcomeProgress.ACHIEVED,
        "progress_2": OutcomeProgress.SOME_PROGRESS,
        "progress_3": OutcomeProgress.GOOD_PROGRESS,
        # As the page ticks them, with the achieved outcome unticked.
        "carry_2": "on",
        "carry_3": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# Starting a plan --------------------------------------------------------------------------------


def test_a_senco_starts_a_plan_with_its_first_outcome_and_provision_in_one_submission(
    signed_in, demo
):
    client = signed_in("oak_senco")
    response = client.post(reverse("support_plan_start", args=[demo["ava"].pk]), _start_data())
    plan = SupportPlan.objects.get(child=demo["ava"])
    assert response.status_code == 302
    assert response["Location"] == reverse("support_plan_detail", args=[plan.pk])
    assert (plan.status, plan.cycle, plan.parent_responsibilities) == (
        SupportPlanStatus.DRAFT,
        1,
        "Read with Ava each evening",
    )
    outcome = plan.outcomes.get()
    provision = plan.provisions.get()
    assert outcome.description == "Read 40 high-frequency words"
    assert (provision.outcome, provision.who) == (outcome, "Teaching assistant")
    html = page(client.get(response["Location"]))
    assert "Make the plan active" in html
    assert "Phonics catch-up group" in html


def test_the_child_page_lists_plans_and_offers_a_senco_a_new_one(signed_in, demo):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    leo = page(client.get(reverse("child_detail", args=[demo["leo"].pk])))
    assert reverse("support_plan_detail", args=[plan.pk]) in leo
    assert reverse("support_plan_start", args=[demo["leo"].pk]) not in leo  # one open plan
    ava = page(client.get(reverse("child_detail", args=[demo["ava"].pk])))
    assert reverse("support_plan_start", args=[demo["ava"].pk]) in ava


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        ({"description": ""}, "Describe the outcome sought", "id_description"),
        (
            dates("review_due", timezone.localdate() - timedelta(days=1)),
            "The review date must be in the future",
            "id_review_due_0",
        ),
        ({"who": ""}, "Say who provides it (a role or a name)", "id_who"),
    ],
)
def test_starting_a_plan_with_bad_input_shows_field_errors_and_saves_nothing(
    signed_in, demo, overrides, message, anchor
):
    client = signed_in("oak_senco")
    response = client.post(
        reverse("support_plan_start", args=[demo["ava"].pk]), _start_data(**overrides)
    )
    html = page(response)
    assert f'<a href="#{anchor}">{message}</a>' in html
    assert "govuk-error-message" in html
    assert not SupportPlan.objects.filter(child=demo["ava"]).exists()
    assert not Outcome.objects.exists()


def test_starting_a_second_open_plan_goes_to_the_open_one(signed_in, demo):
    plan, _ = _active_plan(demo)
    response = signed_in("oak_senco").get(reverse("support_plan_start", args=[demo["leo"].pk]))
    assert response["Location"] == reverse("support_plan_detail", args=[plan.pk])


# Reading a plan ---------------------------------------------------------------------------------


def test_a_teacher_reads_the_plan_but_gets_no_actions_and_cannot_change_it(signed_in, demo):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_teacher")
    html = page(client.get(reverse("support_plan_detail", args=[plan.pk])))
    assert "Read 40 words" in html and "Spelling practice" in html
    assert "Review the plan" not in html and "Add an outcome" not in html
    assert client.get(reverse("support_outcome_add", args=[plan.pk])).status_code == 403
    assert client.get(reverse("support_plan_review", args=[plan.pk])).status_code == 403


def test_a_parent_reads_their_own_childs_plan_without_actions(switch_to, demo):
    plan, _ = _active_plan(demo, child="ava")
    leo_plan, _ = _active_plan(demo, child="leo")
    client = switch_to("north_parent")
    html = page(client.get(reverse("support_plan_detail", args=[plan.pk])))
    assert "Read together every evening" in html
    assert "Review the plan" not in html and "Make the plan active" not in html
    assert client.get(reverse("support_plan_detail", args=[leo_plan.pk])).status_code == 404
    assert client.get(reverse("support_plan_review", args=[plan.pk])).status_code == 403


def test_another_schools_senco_gets_not_found(signed_in, demo):
    plan, _ = _active_plan(demo)
    client = signed_in("river_senco")
    assert client.get(reverse("support_plan_detail", args=[plan.pk])).status_code == 404
    assert client.post(reverse("support_plan_activate", args=[plan.pk])).status_code == 404


# Adding to and activating a plan ----------------------------------------------------------------


def test_a_senco_adds_an_outcome_with_provision_then_makes_the_plan_active(signed_in, demo):
    today = timezone.localdate()
    plan = support_plan_start(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        review_due=today + timedelta(days=60),
        today=today,
    )
    client = signed_in("oak_senco")
    refused = client.post(reverse("support_plan_activate", args=[plan.pk]), follow=True)
    assert "Add at least one outcome before starting the plan." in page(refused)
    response = client.post(
        reverse("support_outcome_add", args=[plan.pk]),
        {
            "description": "Spell CVC words",
            "what": "Spelling practice",
            "who": "Mrs Hassan",
            "frequency": "Daily",
            **dates("start", today),
        },
    )
    assert response.status_code == 302
    assert SupportProvision.objects.get(plan=plan).outcome.description == "Spell CVC words"
    client.post(reverse("support_plan_activate", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE


def test_activating_needs_a_post(signed_in, demo):
    plan, _ = _active_plan(demo)
    assert (
        signed_in("oak_senco").get(reverse("support_plan_activate", args=[plan.pk])).status_code
        == 405
    )


# Reviewing a plan -------------------------------------------------------------------------------


def test_the_review_page_ticks_every_outcome_to_carry_over(signed_in, demo):
    plan, _ = _active_plan(demo)
    html = page(signed_in("oak_senco").get(reverse("support_plan_review", args=[plan.pk])))
    for order in (1, 2, 3):
        assert f'name="carry_{order}"' in html
    assert html.count("checked") >= 3
    assert "Outcome 2: Spell CVC words" in html


def test_one_submission_reviews_the_plan_and_starts_the_next_cycle_pre_filled(signed_in, demo):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    response = client.post(reverse("support_plan_review", args=[plan.pk]), _review_data(None))
    next_plan = SupportPlan.objects.get(previous=plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("support_plan_detail", args=[next_plan.pk])
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.REVIEWED
    assert plan.review.outcome_reviews.count() == 3
    assert (next_plan.cycle, next_plan.status) == (2, SupportPlanStatus.DRAFT)
    assert next_plan.parent_responsibilities == "Read together every evening"
    assert [o.description for o in next_plan.outcomes.all()] == ["Spell CVC words", "Write"]
    assert next_plan.provisions.get().what == "Spelling practice"
    html = page(client.get(response["Location"]))
    assert reverse("support_plan_detail", args=[plan.pk]) in html  # the previous cycle


def test_a_reviewed_plan_is_frozen_and_shows_no_changes(signed_in, demo):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    client.post(reverse("support_plan_review", args=[plan.pk]), _review_data(None))
    html = page(client.get(reverse("support_plan_detail", args=[plan.pk])))
    assert "Reviewed" in html and "Achieved" in html
    for action in ("Review the plan", "Add an outcome", "Make the plan active"):
        assert action not in html
    again = client.get(reverse("support_outcome_add", args=[plan.pk]))
    assert again["Location"] == reverse("support_plan_detail", args=[plan.pk])


def test_ending_support_at_review_goes_back_to_the_child(signed_in, demo):
    plan, _ = _active_plan(demo)
    response = signed_in("oak_senco").post(
        reverse("support_plan_review", args=[plan.pk]),
        _review_data(
            None,
            next_step="end_support",
            next_review_due_0="",
            next_review_due_1="",
            next_review_due_2="",
        ),
    )
    assert response["Location"] == reverse("child_detail", args=[demo["leo"].pk])
    assert not SupportPlan.objects.filter(previous=plan).exists()


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        (
            {"progress_2": None},
            "Choose the progress made against outcome 2",
            "id_progress_2_1",
        ),
        (
            dates("review_date", timezone.localdate() + timedelta(days=1)),
            "The review date cannot be in the future",
            "id_review_date_0",
        ),
        ({"next_step": None}, "Choose what happens next", "id_next_step_1"),
        (
            {"next_review_due_0": ""},
            "Choose when the next cycle will be reviewed",
            "id_next_review_due_0",
        ),
    ],
)
def test_a_review_with_bad_input_shows_field_errors_and_saves_nothing(
    signed_in, demo, overrides, message, anchor
):
    plan, _ = _active_plan(demo)
    response = signed_in("oak_senco").post(
        reverse("support_plan_review", args=[plan.pk]), _review_data(None, **overrides)
    )
    html = page(response)
    assert f'<a href="#{anchor}">{message}</a>' in html, html[html.find("error-summary") :][:800]
    assert "govuk-error-message" in html
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE
    assert not PlanReview.objects.exists()
    assert SupportPlan.objects.count() == 1
