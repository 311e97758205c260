"""Changing a plan's pages: its text, its outcomes and its provision, as each role sees them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.support.models import Outcome, SupportProvision
from opensend.support.services import support_plan_update
from tests.support.test_views import _active_plan, dates, page


def _plan_form(plan, **overrides) -> dict:
    data = {
        "version": str(plan.version),
        "assessment": plan.assessment,
        "assessed_by": plan.assessed_by,
        "parent_responsibilities": plan.parent_responsibilities,
        "pupil_responsibilities": plan.pupil_responsibilities,
        "school_responsibilities": plan.school_responsibilities,
        "pupil_views": plan.pupil_views,
        "parent_views": plan.parent_views,
        "strengths": "Loves drawing and dinosaurs",
        "what_helps": "Instructions one step at a time",
        "what_to_avoid": "Reading aloud without warning",
        **dates("review_due", plan.review_due),
    }
    return {**data, **overrides}


def test_the_senco_changes_the_plan_and_its_passport_in_one_submission(demo, signed_in):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    url = reverse("support_plan_edit", args=[plan.pk])
    version = plan.version
    assert "Loves drawing" not in page(client.get(url))
    response = client.post(url, _plan_form(plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.strengths, plan.what_helps, plan.version) == (
        "Loves drawing and dinosaurs",
        "Instructions one step at a time",
        version + 1,
    )
    assert "Loves drawing and dinosaurs" in page(client.get(response.url))


def test_a_stale_plan_edit_shows_both_versions_and_keeps_what_was_typed(demo, signed_in):
    plan, _ = _active_plan(demo)
    support_plan_update(
        actor=demo["oak_head"],
        plan=plan,
        data={"strengths": "Good at football"},
        expected_version=plan.version,
    )
    client = signed_in("oak_senco")
    response = client.post(reverse("support_plan_edit", args=[plan.pk]), _plan_form(plan))
    html = page(response)
    assert "Someone else changed this while you were editing" in html
    assert "Good at football" in html and "Loves drawing and dinosaurs" in html
    assert f'name="version" value="{plan.version + 1}"' in html
    plan.refresh_from_db()
    assert plan.strengths == "Good at football"


def test_a_bad_review_date_is_a_message_not_an_error_page(demo, signed_in):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    too_late = timezone.localdate() + timedelta(days=400)
    html = page(
        client.post(
            reverse("support_plan_edit", args=[plan.pk]),
            _plan_form(plan, **dates("review_due", too_late)),
        )
    )
    assert "govuk-error-summary" in html and "at least every six months" in html


def test_teachers_read_plans_but_do_not_get_the_change_pages(demo, signed_in):
    plan, outcomes = _active_plan(demo)
    client = signed_in("oak_teacher")
    html = page(client.get(reverse("support_plan_detail", args=[plan.pk])))
    assert reverse("support_plan_edit", args=[plan.pk]) not in html
    for url in (
        reverse("support_plan_edit", args=[plan.pk]),
        reverse("support_outcome_edit", args=[outcomes[0].pk]),
        reverse("support_provision_add", args=[plan.pk]),
    ):
        assert client.get(url).status_code == 403


def test_the_senco_rewords_an_outcome(demo, signed_in):
    plan, outcomes = _active_plan(demo)
    client = signed_in("oak_senco")
    response = client.post(
        reverse("support_outcome_edit", args=[outcomes[0].pk]),
        {"version": "1", "description": "Read 50 words", "success_criteria": "Aloud"},
    )
    assert response.status_code == 302
    outcomes[0].refresh_from_db()
    assert outcomes[0].description == "Read 50 words"


def test_removing_an_outcome_asks_first(demo, signed_in):
    plan, outcomes = _active_plan(demo)
    client = signed_in("oak_senco")
    url = reverse("support_outcome_remove", args=[outcomes[0].pk])
    assert "Remove outcome 1?" in page(client.get(url))
    assert Outcome.objects.filter(plan=plan).count() == 3
    assert client.post(url).status_code == 302
    assert list(plan.outcomes.values_list("order", flat=True)) == [1, 2]


def test_the_senco_adds_support_for_no_outcome_in_particular(demo, signed_in):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    today = timezone.localdate()
    response = client.post(
        reverse("support_provision_add", args=[plan.pk]),
        {
            "outcome": "",
            "what": "Movement breaks",
            "who": "Class teacher",
            "frequency": "Twice a day",
            **dates("start", today),
        },
    )
    assert response.status_code == 302
    line = plan.provisions.get(what="Movement breaks")
    assert (line.outcome, line.start, line.end) == (None, today, None)


def test_support_without_what_who_and_how_often_is_explained(demo, signed_in):
    plan, _ = _active_plan(demo)
    client = signed_in("oak_senco")
    html = page(client.post(reverse("support_provision_add", args=[plan.pk]), {"outcome": ""}))
    for message in (
        "Say what the support or provision is",
        "Say who provides it (a role or a name)",
        "Say how often, for example 3 × 20 minutes a week",
        "Enter the date the support starts",
    ):
        assert message in html


def test_the_senco_ends_support_by_changing_it(demo, signed_in):
    plan, outcomes = _active_plan(demo)
    line = plan.provisions.get()
    client = signed_in("oak_senco")
    url = reverse("support_provision_edit", args=[line.pk])
    assert "Spelling practice" in page(client.get(url))
    end = line.start + timedelta(days=30)
    response = client.post(
        url,
        {
            "version": "1",
            "outcome": str(outcomes[1].pk),
            "what": "Spelling practice",
            "who": "Teaching assistant",
            "frequency": "Daily, 10 minutes",
            **dates("start", line.start),
            **dates("end", end),
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.end, line.outcome_id, line.version) == (end, outcomes[1].pk, 2)


def test_support_entered_by_mistake_is_removed_after_confirming(demo, signed_in):
    plan, _ = _active_plan(demo)
    line = plan.provisions.get()
    client = signed_in("oak_senco")
    url = reverse("support_provision_remove", args=[line.pk])
    assert "entered by mistake" in page(client.get(url))
    client.post(url)
    assert not SupportProvision.objects.filter(pk=line.pk).exists()


@pytest.mark.parametrize("persona", ["river_senco", "north_parent", "oak_governor"])
def test_the_change_pages_are_not_found_outside_the_school(demo, signed_in, persona):
    plan, outcomes = _active_plan(demo)
    client = signed_in(persona)
    assert client.get(reverse("support_plan_edit", args=[plan.pk])).status_code == 404
    assert client.get(reverse("support_outcome_edit", args=[outcomes[0].pk])).status_code == 404


def test_text_typed_into_an_outcome_is_shown_as_text_on_the_review_page(demo, signed_in):
    plan, outcomes = _active_plan(demo, outcomes=("<script>alert('x')</script> Read", "Spell"))
    html = page(signed_in("oak_senco").get(reverse("support_plan_review", args=[plan.pk])))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
