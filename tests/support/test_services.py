"""SEN support plans: start, plan, do, review, and the next cycle pre-filled from the last.

Time is frozen at real school dates: plans are written on Monday 2 March 2026 (spring term) and
reviewed on Monday 15 June 2026 (summer term).
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.services import StaleEditError
from opensend.people.models import Enrolment
from opensend.support.models import (
    NextStep,
    OutcomeProgress,
    OutcomeReview,
    PlanReview,
    SupportPlan,
    SupportPlanStatus,
)
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_review,
    support_plan_update,
)
from tests.support.plans import NEXT_REVIEW, REVIEWED, WRITTEN
from tests.support.plans import review_plan as _review
from tests.support.plans import start_plan as _start

# Starting and activating ---------------------------------------------------------------------


def test_a_senco_starts_a_draft_plan_and_it_is_audited(demo, frozen):
    plan = _start(demo)
    assert (plan.status, plan.cycle, plan.previous, plan.version) == (
        SupportPlanStatus.DRAFT,
        1,
        None,
        1,
    )
    assert plan.parent_responsibilities == "Read with Leo for ten minutes each evening"
    event = AuditEvent.objects.get(record_id=str(plan.pk))
    assert (event.kind, event.subject_id, event.organisation_id, event.actor) == (
        AuditEventKind.CREATED,
        demo["leo"].pk,
        demo["north_oak"].pk,
        demo["oak_senco"],
    )
    assert event.new_values == {"cycle": 1, "review_due": "2026-06-19"}


def test_the_head_may_start_a_plan(demo, frozen):
    assert _start(demo, actor="oak_head").created_by == demo["oak_head"]


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "hill_senco"])
def test_only_the_schools_senco_or_head_starts_a_plan(demo, frozen, persona):
    with pytest.raises(PermissionDenied):
        _start(demo, actor=persona)
    assert not SupportPlan.objects.exists()


def test_a_plan_is_only_for_a_pupil_on_roll(demo, frozen):
    with pytest.raises(PermissionDenied, match="not on your school's roll"):
        _start(demo, child="mia")  # Mia is at Hillside


def test_one_open_plan_per_pupil_per_school(demo, frozen):
    _start(demo)
    with pytest.raises(ValidationError, match="already has an open support plan"):
        _start(demo)
    assert SupportPlan.objects.count() == 1


def test_the_database_also_refuses_a_second_open_plan(demo, frozen):
    plan = _start(demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportPlan.objects.create(
            child=plan.child, school=plan.school, review_due=plan.review_due, cycle=2
        )


@pytest.mark.parametrize(
    ("review_due", "message"),
    [
        (WRITTEN, "must be in the future"),
        (date(2026, 3, 1), "must be in the future"),
        (date(2026, 9, 3), "no later than 2 September 2026"),
    ],
)
def test_the_review_date_is_within_six_months(demo, frozen, review_due, message):
    with pytest.raises(ValidationError, match=message):
        _start(demo, review_due=review_due)


def test_six_months_to_the_day_is_allowed(demo, frozen):
    assert _start(demo, review_due=date(2026, 9, 2)).review_due == date(2026, 9, 2)


def test_a_plan_needs_an_outcome_before_it_starts(demo, frozen):
    plan = _start(demo)
    with pytest.raises(ValidationError, match="at least one outcome"):
        support_plan_activate(actor=demo["oak_senco"], plan=plan)


def test_activating_moves_the_version_on_and_is_audited(demo, active_plan):
    plan, _ = active_plan
    plan.refresh_from_db()
    assert (plan.status, plan.version) == (SupportPlanStatus.ACTIVE, 2)
    event = AuditEvent.objects.filter(record_id=str(plan.pk), kind=AuditEventKind.UPDATED).get()
    assert event.new_values == {"status": "active"}
    with pytest.raises(ValidationError, match="Only a draft"):
        support_plan_activate(actor=demo["oak_senco"], plan=plan)


def test_outcomes_are_numbered_and_provision_must_be_sensible(demo, active_plan):
    plan, outcomes = active_plan
    assert [o.order for o in plan.outcomes.all()] == [1, 2, 3]
    with pytest.raises(ValidationError) as error:
        provision_add(
            actor=demo["oak_senco"],
            plan=plan,
            what=" ",
            who="",
            frequency="",
            start=WRITTEN,
            end=date(2026, 3, 1),
        )
    assert set(error.value.message_dict) == {"what", "who", "frequency", "end"}


def test_provision_cannot_point_at_another_plans_outcome(demo, frozen, active_plan):
    _, outcomes = active_plan
    other = _start(demo, child="ava")
    with pytest.raises(ValidationError, match="this plan's outcomes"):
        provision_add(
            actor=demo["oak_senco"],
            plan=other,
            what="Social stories",
            who="SENCO",
            frequency="Weekly",
            start=WRITTEN,
            outcome=outcomes["reading"],
        )


# Updating: permissions and concurrency -------------------------------------------------------


def test_a_senco_updates_a_plan_with_the_version_they_read(demo, frozen):
    plan = _start(demo)
    updated = support_plan_update(
        actor=demo["oak_senco"],
        plan=plan,
        data={"pupil_views": " I like the reading buddy "},
        expected_version=1,
    )
    assert (updated.pupil_views, updated.version) == ("I like the reading buddy", 2)
    event = AuditEvent.objects.get(record_id=str(plan.pk), kind=AuditEventKind.UPDATED)
    assert event.subject_id == demo["leo"].pk
    assert event.new_values == {"pupil_views": "I like the reading buddy"}


def test_a_stale_edit_is_refused(demo, frozen):
    plan = _start(demo)
    support_plan_update(
        actor=demo["oak_head"], plan=plan, data={"parent_views": "Changed"}, expected_version=1
    )
    with pytest.raises(StaleEditError) as error:
        support_plan_update(
            actor=demo["oak_senco"], plan=plan, data={"parent_views": "Mine"}, expected_version=1
        )
    assert error.value.differences[0].theirs == "Changed"
    plan.refresh_from_db()
    assert plan.parent_views == "Changed"


@pytest.mark.parametrize("persona", ["oak_teacher", "river_senco", "north_parent"])
def test_teachers_and_other_schools_cannot_update(demo, frozen, persona):
    plan = _start(demo)
    with pytest.raises(PermissionDenied):
        support_plan_update(
            actor=demo[persona], plan=plan, data={"pupil_views": "x"}, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        outcome_add(actor=demo[persona], plan=plan, description="x")


def test_status_is_not_edited_through_update(demo, frozen):
    plan = _start(demo)
    with pytest.raises(ValueError, match="status"):
        support_plan_update(
            actor=demo["oak_senco"], plan=plan, data={"status": "active"}, expected_version=1
        )


def test_a_new_review_date_is_checked(demo, frozen):
    plan = _start(demo)
    with pytest.raises(ValidationError, match="no later than"):
        support_plan_update(
            actor=demo["oak_senco"],
            plan=plan,
            data={"review_due": date(2027, 3, 2)},
            expected_version=1,
        )


# Reviewing and the next cycle ----------------------------------------------------------------


def test_a_review_freezes_the_plan_and_starts_the_next_cycle_pre_filled(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    next_plan = _review(demo, plan, outcomes)

    plan.refresh_from_db()
    assert (plan.status, plan.version) == (SupportPlanStatus.REVIEWED, 3)
    review = PlanReview.objects.get(plan=plan)
    assert (review.review_date, review.next_step, review.parent_contributed) == (
        REVIEWED,
        NextStep.CONTINUE,
        True,
    )
    assert dict(OutcomeReview.objects.values_list("outcome__order", "progress")) == {
        1: "achieved",
        2: "some_progress",
        3: "good_progress",
    }

    assert (next_plan.status, next_plan.cycle, next_plan.previous) == (
        SupportPlanStatus.DRAFT,
        2,
        plan,
    )
    assert next_plan.review_due == NEXT_REVIEW
    for field in ("assessment", "assessed_by", "parent_responsibilities", "pupil_views"):
        assert getattr(next_plan, field) == getattr(plan, field)
    # The achieved outcome is dropped; the others carry over, renumbered, with their provision.
    carried = list(next_plan.outcomes.order_by("order"))
    assert [(o.order, o.description, o.carried_from) for o in carried] == [
        (1, "Spell CVC words", outcomes["spelling"]),
        (2, "Write two sentences", outcomes["writing"]),
    ]
    provision = {
        (p.what, p.outcome.order if p.outcome else None) for p in next_plan.provisions.all()
    }
    assert provision == {
        ("Spelling practice", 1),
        ("Writing frame", 2),
        ("Coloured overlay", None),
    }
    # The reviewed plan still has all it had.
    assert plan.outcomes.count() == 3
    assert plan.provisions.count() == 4


def test_the_review_is_audited_against_the_child(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    next_plan = _review(demo, plan, outcomes)
    kinds = set(
        AuditEvent.objects.filter(subject_id=demo["leo"].pk, at__date=REVIEWED).values_list(
            "record_type", "kind"
        )
    )
    assert kinds == {
        ("support.planreview", "created"),
        ("support.supportplan", "updated"),
        ("support.supportplan", "created"),
    }
    created = AuditEvent.objects.get(record_id=str(next_plan.pk))
    assert created.note == "next cycle; 2 outcomes carried over"


def test_the_senco_chooses_which_outcomes_carry_over(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    next_plan = _review(
        demo,
        plan,
        outcomes,
        carry_over={outcomes["writing"].pk},
        next_step=NextStep.NEW_OUTCOMES,
    )
    assert [o.description for o in next_plan.outcomes.all()] == ["Write two sentences"]


def test_ending_support_starts_no_new_cycle(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    assert (
        _review(demo, plan, outcomes, next_step=NextStep.END_SUPPORT, next_review_due=None) is None
    )
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.REVIEWED
    assert SupportPlan.objects.count() == 1


def test_a_reviewed_plan_is_frozen(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    _review(demo, plan, outcomes)
    plan.refresh_from_db()
    senco = demo["oak_senco"]
    with pytest.raises(ValidationError, match="kept as it was"):
        support_plan_update(
            actor=senco, plan=plan, data={"pupil_views": "x"}, expected_version=plan.version
        )
    with pytest.raises(ValidationError, match="kept as it was"):
        outcome_add(actor=senco, plan=plan, description="Another")
    with pytest.raises(ValidationError, match="kept as it was"):
        provision_add(actor=senco, plan=plan, what="x", who="y", frequency="z", start=REVIEWED)
    with pytest.raises(ValidationError, match="kept as it was"):
        _review(demo, plan, outcomes)


def test_every_outcome_needs_progress(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    with pytest.raises(ValidationError) as error:
        _review(demo, plan, outcomes, progress={outcomes["reading"].pk: "achieved"})
    assert "every outcome" in error.value.message_dict["progress"][0]
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE
    assert not PlanReview.objects.exists()


def test_review_dates_are_checked(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    with pytest.raises(ValidationError) as error:
        _review(demo, plan, outcomes, review_date=date(2026, 6, 16), next_review_due=None)
    assert set(error.value.message_dict) == {"review_date", "next_review_due"}


def test_a_pupil_who_has_left_cannot_start_a_new_cycle(demo, frozen, active_plan):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    Enrolment.objects.filter(child=demo["leo"]).update(end=date(2026, 6, 12))
    with pytest.raises(ValidationError, match="left the school"):
        _review(demo, plan, outcomes)
    assert _review(demo, plan, outcomes, next_step=NextStep.END_SUPPORT) is None


@pytest.mark.parametrize("persona", ["oak_teacher", "hill_senco"])
def test_teachers_and_other_schools_cannot_review(demo, frozen, active_plan, persona):
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    with pytest.raises(PermissionDenied):
        _review(demo, plan, outcomes, actor=demo[persona])


def test_three_cycles_chain_back_to_the_first(demo, frozen, active_plan):
    plan, outcomes = active_plan
    senco = demo["oak_senco"]
    frozen.move_to("2026-06-15 15:30")
    second = _review(demo, plan, outcomes)
    support_plan_activate(actor=senco, plan=second)
    frozen.move_to("2026-10-12 15:30")
    third = support_plan_review(
        actor=senco,
        plan=second,
        review_date=date(2026, 10, 12),
        summary="",
        progress={o.pk: OutcomeProgress.GOOD_PROGRESS for o in second.outcomes.all()},
        next_step=NextStep.CONTINUE,
        parent_contributed=False,
        pupil_contributed=True,
        next_review_due=date(2027, 2, 1),
    )
    assert (third.cycle, third.previous, third.previous.previous) == (3, second, plan)
    assert third.outcomes.count() == 2
    assert [o.carried_from.carried_from for o in third.outcomes.all()] == [
        outcomes["spelling"],
        outcomes["writing"],
    ]
