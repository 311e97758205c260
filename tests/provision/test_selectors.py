"""Who sees which interventions, the costed provision map, pupils in an intervention and the
outcome summary. Time is frozen on Monday 7 September 2026 (autumn term)."""

from datetime import date
from decimal import Decimal

import pytest
from django.http import Http404

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.provision import selectors
from opensend.provision.services import intervention_pupil_end, intervention_pupils_add
from opensend.support.models import OutcomeProgress
from opensend.support.services import outcome_add, provision_add, support_plan_review
from tests.provision.conftest import TODAY, open_plan, reading_group
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.usefixtures("frozen")


def _join(demo, group, plans, start=TODAY):
    return intervention_pupils_add(
        actor=demo["oak_senco"], intervention=group, plans=plans, start=start
    )


# Reach -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["oak_senco", "oak_head", "oak_teacher", "oak_ta", "oak_governor"]
)
def test_the_schools_staff_and_governors_see_its_interventions(demo, persona):
    group = reading_group(demo)
    assert list(selectors.interventions_visible_to(demo[persona])) == [group]
    assert selectors.get_intervention_for(demo[persona], group.pk) == group


@pytest.mark.parametrize(
    "persona", ["river_senco", "hill_senco", "north_caseworker", "north_parent", "north_ep"]
)
def test_nobody_else_sees_them(demo, persona):
    group = reading_group(demo)
    assert not selectors.interventions_visible_to(demo[persona]).exists()
    with pytest.raises(Http404):
        selectors.get_intervention_for(demo[persona], group.pk)


def test_looking_at_an_intervention_is_audited(demo):
    group = reading_group(demo)
    selectors.get_intervention_for(demo["oak_ta"], group.pk)
    assert AuditEvent.objects.filter(
        record_id=str(group.pk), kind=AuditEventKind.VIEWED, actor=demo["oak_ta"]
    ).exists()


def test_a_governor_gets_counts_not_names(demo):
    oak = demo["north_oak"]
    assert selectors.can_see_pupils(demo["oak_teacher"], oak)
    assert not selectors.can_see_pupils(demo["oak_governor"], oak)
    assert selectors.shown_count(3, names_visible=False) == "fewer than 5"
    assert selectors.shown_count(0, names_visible=False) == "0"
    assert selectors.shown_count(7, names_visible=False) == "7"
    assert selectors.shown_count(3, names_visible=True) == "3"


def test_a_governor_cannot_open_a_pupils_place(demo):
    group = reading_group(demo)
    (line,) = _join(demo, group, [open_plan(demo)])
    with pytest.raises(Http404):
        selectors.get_intervention_provision_for(demo["oak_governor"], group, line.pk)
    assert selectors.get_intervention_provision_for(demo["oak_senco"], group, line.pk) == line


# Pupils ------------------------------------------------------------------------------------------


def test_the_pupils_in_it_on_a_day(demo):
    group = reading_group(demo)
    now = open_plan(demo)
    later = open_plan(demo)
    ended = open_plan(demo)
    _join(demo, group, [now])
    _join(demo, group, [later], start=date(2026, 11, 2))
    (line,) = _join(demo, group, [ended])
    intervention_pupil_end(
        actor=demo["oak_senco"], intervention=group, provision=line, end=date(2026, 9, 30)
    )
    on_day = selectors.intervention_pupils(group, date(2026, 10, 1))
    assert [p.plan for p in on_day] == [now]
    with_upcoming = selectors.intervention_pupils(group, date(2026, 10, 1), include_upcoming=True)
    assert {p.plan for p in with_upcoming} == {now, later}


def test_a_pupil_appears_once_after_their_plan_is_reviewed_and_carried_on(demo):
    group = reading_group(demo)
    plan = open_plan(demo)
    _join(demo, group, [plan])
    next_plan = support_plan_review(
        actor=demo["oak_senco"],
        plan=plan,
        review_date=TODAY,
        summary="",
        progress={plan.outcomes.get().pk: OutcomeProgress.SOME_PROGRESS},
        next_step="continue",
        parent_contributed=True,
        pupil_contributed=False,
        next_review_due=date(2026, 12, 11),
    )
    assert [p.plan for p in selectors.intervention_pupils(group, TODAY)] == [next_plan]
    assert selectors.provision_map(demo["north_oak"], 2026).rows[0].pupils == 1


def test_pupils_who_could_join(demo):
    group = reading_group(demo)
    inside, outside = open_plan(demo), open_plan(demo)
    _join(demo, group, [inside])
    assert list(selectors.plans_to_add(group, TODAY)) == [outside]


def test_the_pupils_list_runs_one_query_however_many_pupils(demo):
    group = reading_group(demo)

    def grow():
        _join(demo, group, [open_plan(demo)])

    grow()
    count = assert_constant_queries(lambda: list(selectors.intervention_pupils(group, TODAY)), grow)
    assert count == 1


# The map -----------------------------------------------------------------------------------------


def test_the_map_costs_each_intervention_by_term_with_totals(demo, oak_terms):
    reading = reading_group(demo)
    reading_group(
        demo,
        name="Social skills group",
        hours_per_week=Decimal("1"),
        hourly_cost=Decimal("20"),
        other_costs_per_term=Decimal("0"),
        start=date(2026, 11, 2),
        end=date(2027, 3, 26),
    )
    reading_group(demo, name="Last year's group", start=date(2025, 9, 3), end=date(2026, 7, 17))
    _join(demo, reading, [open_plan(demo), open_plan(demo)])
    the_map = selectors.provision_map(demo["north_oak"], 2026)
    assert [term.name for term in the_map.terms] == ["autumn", "spring", "summer"]
    assert [(row.intervention.name, row.pupils) for row in the_map.rows] == [
        ("Reading catch-up group", 2),
        ("Social skills group", 0),
    ]
    assert the_map.rows[0].term_costs == [Decimal("705.25"), Decimal("538.75"), Decimal("649.75")]
    assert the_map.rows[0].total == Decimal("1893.75")
    # £4 a teaching day: 35 days in autumn after half term, 55 in spring, none in summer.
    assert the_map.rows[1].term_costs == [Decimal("140.00"), Decimal("220.00"), Decimal("0.00")]
    assert the_map.term_totals == [Decimal("845.25"), Decimal("758.75"), Decimal("649.75")]
    assert the_map.total == Decimal("2253.75")
    assert the_map.has_terms and the_map.missing_terms == []


def test_without_term_dates_the_map_lists_interventions_but_no_costs(demo):
    reading_group(demo)
    the_map = selectors.provision_map(demo["north_oak"], 2026)
    assert not the_map.has_terms
    assert the_map.rows[0].term_costs == [] and the_map.total == Decimal(0)


def test_pupils_in_the_year_count_those_who_left_it_during_the_year(demo):
    group = reading_group(demo)
    (line,) = _join(demo, group, [open_plan(demo)])
    intervention_pupil_end(
        actor=demo["oak_senco"], intervention=group, provision=line, end=date(2026, 9, 30)
    )
    assert selectors.provision_map(demo["north_oak"], 2026).rows[0].pupils == 1
    assert selectors.provision_map(demo["north_oak"], 2027).rows[0].pupils == 0


def test_the_map_runs_the_same_queries_however_big_the_school(demo, oak_terms):
    oak = demo["north_oak"]
    made = {"n": 0}

    def grow():
        made["n"] += 1
        group = reading_group(demo, name=f"Group {made['n']}")
        _join(demo, group, [open_plan(demo), open_plan(demo)])

    grow()
    count = assert_constant_queries(lambda: selectors.provision_map(oak, 2026), grow)
    assert count == 3


# Outcomes ----------------------------------------------------------------------------------------


def test_the_outcome_summary_counts_progress_at_review_and_what_awaits_one(demo):
    senco = demo["oak_senco"]
    group = reading_group(demo)
    # Pupil 1: the whole plan is supported (the line names no outcome), reviewed.
    first = open_plan(demo, outcomes=("Read 40 words", "Spell CVC words"))
    _join(demo, group, [first])
    reading, spelling = first.outcomes.order_by("order")
    support_plan_review(
        actor=senco,
        plan=first,
        review_date=TODAY,
        summary="",
        progress={reading.pk: OutcomeProgress.ACHIEVED, spelling.pk: OutcomeProgress.GOOD_PROGRESS},
        next_step="end_support",
        parent_contributed=True,
        pupil_contributed=True,
    )
    # Pupil 2: the line is for one outcome of two, not reviewed yet.
    second = open_plan(demo, outcomes=("Write a sentence",))
    other = outcome_add(actor=senco, plan=second, description="Tie shoelaces")
    provision_add(
        actor=senco,
        plan=second,
        what="Reading group",
        who="TA",
        frequency="Daily",
        start=TODAY,
        outcome=second.outcomes.get(order=1),
        intervention=group,
    )
    assert other.pk  # not worked on by the group, so not counted
    summary = selectors.intervention_outcome_summary(group)
    assert {p.value: p.count for p in summary.progress} == {
        "not_started": 0,
        "some_progress": 0,
        "good_progress": 1,
        "achieved": 1,
    }
    assert (summary.reviewed, summary.not_reviewed, summary.pupils_not_reviewed) == (2, 1, 1)


def test_the_outcome_summary_runs_two_queries_however_many_pupils(demo):
    group = reading_group(demo)

    def grow():
        _join(demo, group, [open_plan(demo, outcomes=("One", "Two"))])

    grow()
    count = assert_constant_queries(lambda: selectors.intervention_outcome_summary(group), grow)
    assert count == 2
