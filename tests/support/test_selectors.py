"""Who sees which support plans, the audited getter and the reviews-due list."""

from datetime import date

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Child, Enrolment, ParentLink
from opensend.support.models import SupportPlan, SupportPlanStatus
from opensend.support.selectors import (
    get_support_plan_for,
    plans_due_for_review,
    support_plans_for_child,
    support_plans_visible_to,
)
from opensend.support.services import outcome_add, support_plan_activate, support_plan_start
from tests.queries import assert_constant_queries

TODAY = date(2026, 3, 2)


@pytest.fixture
def plans(demo):
    """A plan each for Leo and Ava (Oakfield), Mia and Jordan (Hillside), Zara (Riverside)."""
    with time_machine.travel("2026-03-02 10:00", tick=False):
        made = {}
        for child, senco, school in [
            ("leo", "oak_senco", "north_oak"),
            ("ava", "oak_senco", "north_oak"),
            ("mia", "hill_senco", "north_hill"),
            ("jordan", "hill_senco", "north_hill"),
            ("zara", "river_senco", "south_river"),
        ]:
            made[child] = support_plan_start(
                actor=demo[senco],
                child=demo[child],
                school=demo[school],
                review_due=date(2026, 6, 19),
                today=TODAY,
            )
        return made


def _visible(demo, persona) -> set[str]:
    plans = support_plans_visible_to(demo[persona]).select_related("child")
    return {plan.child.first_name.lower() for plan in plans}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("oak_senco", {"leo", "ava"}),
        ("oak_teacher", {"leo", "ava"}),  # teachers read their school's plans
        ("oak_ta", {"leo", "ava"}),
        ("oak_head", {"leo", "ava"}),
        ("hill_senco", {"mia", "jordan"}),
        ("river_teacher", {"zara"}),
        ("oak_governor", set()),  # aggregates only, never a named child
        ("north_parent", {"ava"}),  # her own daughter, not Leo
        ("south_parent", {"zara"}),
        ("north_young_person", {"jordan"}),  # his own
        ("north_caseworker", {"ava", "jordan"}),  # statutory cases only, not Leo or Mia
        ("south_manager", {"zara"}),
        ("north_ep", set()),
        ("north_provider", set()),
    ],
)
def test_who_sees_which_plans(demo, plans, persona, expected):
    assert _visible(demo, persona) == expected


def test_anonymous_sees_none(plans):
    assert not support_plans_visible_to(AnonymousUser()).exists()


def test_a_restricted_parent_sees_no_plan(demo, plans):
    ParentLink.objects.filter(user=demo["north_parent"]).update(access_restricted=True)
    assert _visible(demo, "north_parent") == set()


def test_a_pupil_who_moves_school_leaves_the_old_plan_with_the_old_school(demo, plans):
    Enrolment.objects.filter(child=demo["leo"]).update(end=date(2026, 3, 1))
    Enrolment.objects.create(
        child=demo["leo"], school=demo["north_hill"], year_group="3", start=TODAY
    )
    assert "leo" not in _visible(demo, "hill_senco")
    assert "leo" in _visible(demo, "oak_senco")


def test_the_getter_audits_the_look_against_the_child(demo, plans):
    plan = get_support_plan_for(demo["north_parent"], plans["ava"].pk)
    assert plan == plans["ava"]
    event = AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).get()
    assert (event.actor, event.subject_id, event.record_id) == (
        demo["north_parent"],
        demo["ava"].pk,
        str(plans["ava"].pk),
    )


@pytest.mark.parametrize(
    ("persona", "child"),
    [("north_parent", "leo"), ("oak_teacher", "mia"), ("oak_governor", "leo")],
)
def test_the_getter_is_404_outside_reach(demo, plans, persona, child):
    with pytest.raises(Http404):
        get_support_plan_for(demo[persona], plans[child].pk)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


def test_the_getter_is_404_for_a_malformed_id(demo, plans):
    with pytest.raises(Http404):
        get_support_plan_for(demo["oak_senco"], "not-a-uuid")


def test_a_childs_plans_for_a_teacher(demo, plans):
    assert list(support_plans_for_child(demo["oak_teacher"], demo["leo"])) == [plans["leo"]]
    assert list(support_plans_for_child(demo["oak_teacher"], demo["mia"])) == []


# Reviews due ---------------------------------------------------------------------------------


def _active_plan(demo, child, review_due):
    senco = demo["oak_senco"]
    with time_machine.travel("2026-03-02 10:00", tick=False):
        plan = support_plan_start(
            actor=senco,
            child=child,
            school=demo["north_oak"],
            review_due=review_due,
            today=TODAY,
        )
        outcome_add(actor=senco, plan=plan, description="Read 40 words")
        return support_plan_activate(actor=senco, plan=plan)


def test_plans_due_for_review_lists_overdue_first(demo):
    soon = _active_plan(demo, demo["leo"], date(2026, 6, 26))
    overdue = _active_plan(demo, demo["ava"], date(2026, 6, 10))
    later = date(2026, 7, 20)
    extra = Child.objects.create(
        first_name="Noah",
        last_name="Smith",
        date_of_birth=date(2019, 2, 14),
        home_local_authority=demo["north_la"],
    )
    Enrolment.objects.create(child=extra, school=demo["north_oak"], year_group="2", start=TODAY)
    _active_plan(demo, extra, later)
    # Ava's is overdue, Leo's due within the fortnight, Noah's not for five weeks.
    due = list(plans_due_for_review(demo["north_oak"], date(2026, 6, 15)))
    assert due == [overdue, soon]
    assert list(plans_due_for_review(demo["north_oak"], date(2026, 6, 15), within_days=0)) == [
        overdue
    ]
    assert list(plans_due_for_review(demo["north_hill"], date(2026, 6, 15))) == []


def test_a_draft_or_reviewed_plan_is_not_due(demo):
    plan = _active_plan(demo, demo["leo"], date(2026, 6, 10))
    SupportPlan.objects.filter(pk=plan.pk).update(status=SupportPlanStatus.DRAFT)
    assert list(plans_due_for_review(demo["north_oak"], date(2026, 6, 15))) == []
    SupportPlan.objects.filter(pk=plan.pk).update(status=SupportPlanStatus.REVIEWED)
    assert list(plans_due_for_review(demo["north_oak"], date(2026, 6, 15))) == []


def test_plans_due_for_review_runs_constant_queries(demo):
    added = []

    def grow():
        child = Child.objects.create(
            first_name="Pupil",
            last_name=f"Number {len(added)}",
            date_of_birth=date(2019, 2, 14),
            home_local_authority=demo["north_la"],
        )
        Enrolment.objects.create(child=child, school=demo["north_oak"], year_group="2", start=TODAY)
        added.append(_active_plan(demo, child, date(2026, 6, 1)))

    def action():
        for plan in plans_due_for_review(demo["north_oak"], date(2026, 6, 15)):
            _ = (plan.child.last_name, [o.description for o in plan.outcomes.all()])

    grow()
    assert assert_constant_queries(action, grow) == 2
    assert len(added) == 3
