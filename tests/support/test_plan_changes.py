"""Changing a plan after it is written: outcomes and provision edited, ended or removed.

Time is frozen on Monday 2 March 2026 (spring term), the day Leo's plan is written.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.services import StaleEditError
from opensend.support.models import Outcome, SupportPlanStatus, SupportProvision
from opensend.support.services import (
    outcome_remove,
    outcome_update,
    provision_end,
    provision_remove,
    provision_update,
)
from tests.support.plans import review_plan


def _provision(plan, what):
    return plan.provisions.get(what=what)


def test_the_senco_rewords_an_outcome_and_the_change_is_audited(demo, active_plan):
    plan, outcomes = active_plan
    updated = outcome_update(
        actor=demo["oak_senco"],
        outcome=outcomes["spelling"],
        data={"description": "  Spell 20 CVC words  ", "success_criteria": "In a dictation"},
        expected_version=1,
    )
    assert (updated.description, updated.success_criteria, updated.version) == (
        "Spell 20 CVC words",
        "In a dictation",
        2,
    )
    event = AuditEvent.objects.filter(record_id=str(updated.pk)).latest("id")
    assert (event.kind, event.subject_id) == (AuditEventKind.UPDATED, demo["leo"].pk)


def test_an_outcome_cannot_be_emptied_or_edited_from_a_stale_page(demo, active_plan):
    plan, outcomes = active_plan
    senco = demo["oak_senco"]
    with pytest.raises(ValidationError) as error:
        outcome_update(
            actor=senco, outcome=outcomes["spelling"], data={"description": " "}, expected_version=1
        )
    assert error.value.message_dict == {"description": ["Describe the outcome sought"]}
    outcome_update(
        actor=senco, outcome=outcomes["spelling"], data={"description": "A"}, expected_version=1
    )
    with pytest.raises(StaleEditError):
        outcome_update(
            actor=senco, outcome=outcomes["spelling"], data={"description": "B"}, expected_version=1
        )


def test_a_teacher_cannot_change_outcomes_or_provision(demo, active_plan):
    plan, outcomes = active_plan
    teacher = demo["oak_teacher"]
    with pytest.raises(PermissionDenied):
        outcome_update(
            actor=teacher,
            outcome=outcomes["reading"],
            data={"description": "x"},
            expected_version=1,
        )
    with pytest.raises(PermissionDenied):
        outcome_remove(actor=teacher, outcome=outcomes["reading"])
    with pytest.raises(PermissionDenied):
        provision_end(
            actor=teacher, provision=_provision(plan, "Writing frame"), end=date(2026, 4, 1)
        )


def test_removing_an_outcome_renumbers_the_rest_and_keeps_its_support(demo, active_plan):
    plan, outcomes = active_plan
    reading_id = outcomes["reading"].pk
    outcome_remove(actor=demo["oak_senco"], outcome=outcomes["reading"])
    assert list(plan.outcomes.order_by("order").values_list("order", "description")) == [
        (1, "Spell CVC words"),
        (2, "Write two sentences"),
    ]
    # The phonics group still runs: it stays on the plan as support for no outcome in particular.
    assert _provision(plan, "Phonics catch-up group").outcome is None
    event = AuditEvent.objects.get(record_id=str(reading_id), kind="deleted")
    assert event.subject_id == demo["leo"].pk


def test_a_reviewed_plan_keeps_its_outcomes_and_provision(demo, active_plan, frozen):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 10:00")
    review_plan(demo, plan, outcomes)
    senco = demo["oak_senco"]
    with pytest.raises(ValidationError, match="kept as it was"):
        outcome_remove(actor=senco, outcome=outcomes["writing"])
    with pytest.raises(ValidationError, match="kept as it was"):
        provision_remove(actor=senco, provision=_provision(plan, "Writing frame"))
    assert Outcome.objects.filter(plan=plan).count() == 3


def test_the_senco_changes_a_line_of_provision_and_moves_it_to_another_outcome(demo, active_plan):
    plan, outcomes = active_plan
    line = _provision(plan, "Coloured overlay")
    updated = provision_update(
        actor=demo["oak_senco"],
        provision=line,
        data={"frequency": "In every lesson", "outcome": outcomes["reading"]},
        expected_version=1,
    )
    assert (updated.frequency, updated.outcome_id, updated.version) == (
        "In every lesson",
        outcomes["reading"].pk,
        2,
    )


def test_provision_changes_are_checked_like_new_provision(demo, active_plan):
    plan, outcomes = active_plan
    line = _provision(plan, "Coloured overlay")
    with pytest.raises(ValidationError) as error:
        provision_update(
            actor=demo["oak_senco"],
            provision=line,
            data={"what": "", "end": date(2026, 3, 1)},
            expected_version=1,
        )
    assert error.value.message_dict == {
        "what": ["Say what the support or provision is"],
        "end": ["The end date must be on or after the start date"],
    }


def test_ending_provision_keeps_the_line_with_its_end_date(demo, active_plan):
    plan, outcomes = active_plan
    line = _provision(plan, "Writing frame")
    ended = provision_end(actor=demo["oak_senco"], provision=line, end=date(2026, 3, 27))
    assert ended.end == date(2026, 3, 27)
    with pytest.raises(ValidationError) as error:
        provision_end(actor=demo["oak_senco"], provision=ended, end=date(2026, 2, 27))
    assert error.value.message_dict == {"end": ["The end date must be on or after the start date"]}


def test_provision_entered_by_mistake_is_removed_and_audited(demo, active_plan):
    plan, outcomes = active_plan
    line = _provision(plan, "Coloured overlay")
    line_id = line.pk
    provision_remove(actor=demo["oak_senco"], provision=line)
    assert not SupportProvision.objects.filter(pk=line_id).exists()
    assert AuditEvent.objects.filter(record_id=str(line_id), kind="deleted").count() == 1


# Agreeing the next plan at the review ---------------------------------------------------------


def test_a_next_plan_agreed_at_the_review_starts_active(demo, active_plan, frozen):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 10:00")
    next_plan = review_plan(demo, plan, outcomes, agreed=True)
    assert (next_plan.status, next_plan.cycle) == (SupportPlanStatus.ACTIVE, 2)
    assert next_plan.outcomes.count() == 2  # spelling and writing; reading was achieved


def test_a_next_plan_with_no_outcomes_cannot_start_active(demo, active_plan, frozen):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 10:00")
    with pytest.raises(ValidationError) as error:
        review_plan(demo, plan, outcomes, agreed=True, carry_over=set())
    assert "No outcomes carry over" in error.value.message_dict["agreed"][0]
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE  # nothing was saved
