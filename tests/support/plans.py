"""Shared test data for support plans: Leo's plan at Oak, written and reviewed on real dates.

Plans are written on Monday 2 March 2026 (spring term) and reviewed on Monday 15 June 2026
(summer term). The fixtures that use these live in conftest.py.
"""

from datetime import date

from opensend.support.models import NextStep, OutcomeProgress
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_review,
    support_plan_start,
)

WRITTEN = date(2026, 3, 2)  # Monday, spring term
REVIEWED = date(2026, 6, 15)  # Monday, summer term
NEXT_REVIEW = date(2026, 10, 12)  # autumn term


def start_plan(demo, child="leo", actor="oak_senco", **overrides):
    values = {
        "actor": demo[actor],
        "child": demo[child],
        "school": demo["north_oak"],
        "review_due": date(2026, 6, 19),
        "today": WRITTEN,
        "assessment": "Phonics screening and a reading age test",
        "assessed_by": "Class teacher and SENCO",
        "parent_responsibilities": "Read with Leo for ten minutes each evening",
        "pupil_responsibilities": "Use the word mat in lessons",
        "school_responsibilities": "Daily phonics group and a reading buddy",
        "pupil_views": "I like reading about dinosaurs",
        "parent_views": "Leo gets tired by the end of the day",
    }
    return support_plan_start(**{**values, **overrides})


def make_active_plan(demo):
    """Leo's first plan: three outcomes, provision for two of them and one for none."""
    senco = demo["oak_senco"]
    plan = start_plan(demo)
    reading = outcome_add(
        actor=senco,
        plan=plan,
        description="Read 40 high-frequency words",
        success_criteria="Reads them aloud without help",
    )
    spelling = outcome_add(actor=senco, plan=plan, description="Spell CVC words")
    writing = outcome_add(actor=senco, plan=plan, description="Write two sentences")
    provision_add(
        actor=senco,
        plan=plan,
        what="Phonics catch-up group",
        who="Teaching assistant",
        frequency="3 × 20 minutes a week",
        start=WRITTEN,
        outcome=reading,
    )
    provision_add(
        actor=senco,
        plan=plan,
        what="Spelling practice",
        who="Mrs Hassan",
        frequency="Daily, 10 minutes",
        start=WRITTEN,
        outcome=spelling,
    )
    provision_add(
        actor=senco,
        plan=plan,
        what="Writing frame",
        who="Class teacher",
        frequency="Every writing lesson",
        start=WRITTEN,
        outcome=writing,
    )
    provision_add(
        actor=senco,
        plan=plan,
        what="Coloured overlay",
        who="Class teacher",
        frequency="Whenever reading",
        start=WRITTEN,
    )
    plan = support_plan_activate(actor=senco, plan=plan)
    return plan, {"reading": reading, "spelling": spelling, "writing": writing}


def review_plan(demo, plan, outcomes, **overrides):
    values = {
        "actor": demo["oak_senco"],
        "plan": plan,
        "review_date": REVIEWED,
        "summary": "Good progress in reading; spelling still hard.",
        "progress": {
            outcomes["reading"].pk: OutcomeProgress.ACHIEVED,
            outcomes["spelling"].pk: OutcomeProgress.SOME_PROGRESS,
            outcomes["writing"].pk: OutcomeProgress.GOOD_PROGRESS,
        },
        "next_step": NextStep.CONTINUE,
        "parent_contributed": True,
        "pupil_contributed": True,
        "next_review_due": NEXT_REVIEW,
    }
    return support_plan_review(**{**values, **overrides})
