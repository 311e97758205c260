"""What an intervention costs a term, on Oakfield's real 2026 to 2027 term dates."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from opensend.provision.costs import intervention_term_cost, teaching_days
from tests.provision.conftest import AUTUMN, CLOSURES, SPRING, SUMMER


@dataclass
class Dated:
    start: date
    end: date | None = None


@dataclass
class Group:
    start: date
    end: date | None = None
    hours_per_week: Decimal = Decimal("2.5")
    hourly_cost: Decimal = Decimal("18.50")
    other_costs_per_term: Decimal = Decimal("30")


def test_teaching_days_are_the_weekdays_of_the_term():
    # Wednesday 2 September to Friday 18 December 2026: 15 weeks and 3 days.
    assert teaching_days(*AUTUMN) == 78


def test_a_half_term_the_school_records_as_closure_days_is_not_taught():
    assert teaching_days(*AUTUMN, CLOSURES) == 73
    assert teaching_days(*SPRING, CLOSURES) == 55
    assert teaching_days(*SUMMER, CLOSURES) == 67  # half term and the May bank holiday


def test_weekend_closures_and_closures_outside_the_range_change_nothing():
    saturday, next_year = date(2026, 9, 5), date(2027, 9, 6)
    assert teaching_days(*AUTUMN, [saturday, next_year]) == 78


def test_no_teaching_days_when_the_range_is_back_to_front_or_a_weekend():
    assert teaching_days(date(2026, 9, 10), date(2026, 9, 9)) == 0
    assert teaching_days(date(2026, 9, 5), date(2026, 9, 6)) == 0


def test_a_term_costs_staff_time_by_teaching_day_plus_its_other_costs():
    # £46.25 a week is £9.25 a teaching day: 73 days is £675.25, plus £30 of books.
    assert intervention_term_cost(Group(AUTUMN[0]), Dated(*AUTUMN), CLOSURES) == Decimal("705.25")
    assert intervention_term_cost(Group(AUTUMN[0]), Dated(*SPRING), CLOSURES) == Decimal("538.75")
    assert intervention_term_cost(Group(AUTUMN[0]), Dated(*SUMMER), CLOSURES) == Decimal("649.75")


def test_a_school_that_records_no_half_term_is_costed_as_teaching_through_it():
    assert intervention_term_cost(Group(AUTUMN[0]), Dated(*AUTUMN)) == Decimal("751.50")


def test_an_intervention_starting_after_half_term_costs_only_the_weeks_it_runs():
    # Monday 2 November to Friday 18 December 2026: 7 weeks, 35 days.
    group = Group(date(2026, 11, 2))
    assert intervention_term_cost(group, Dated(*AUTUMN), CLOSURES) == Decimal("353.75")


def test_an_intervention_ending_mid_term_stops_costing_then():
    # 2 to 25 September 2026 is 18 teaching days: £166.50 plus £30.
    group = Group(AUTUMN[0], end=date(2026, 9, 25))
    assert intervention_term_cost(group, Dated(*AUTUMN), CLOSURES) == Decimal("196.50")


@pytest.mark.parametrize(
    "group",
    [Group(date(2027, 1, 4)), Group(date(2026, 1, 5), end=date(2026, 7, 17))],
    ids=["starts after the term", "ended before the term"],
)
def test_no_cost_at_all_in_a_term_it_does_not_run_in(group):
    assert intervention_term_cost(group, Dated(*AUTUMN), CLOSURES) == Decimal("0.00")


def test_other_costs_need_a_teaching_day_in_the_term():
    # Runs only during the autumn half term: no teaching day, so no books either.
    group = Group(date(2026, 10, 26), end=date(2026, 10, 30))
    assert intervention_term_cost(group, Dated(*AUTUMN), CLOSURES) == Decimal("0.00")


def test_costs_round_to_the_penny_half_up():
    # Half an hour a week at 5p an hour for one day: a tenth of 2.5p is half a penny.
    group = Group(
        date(2026, 9, 7),
        end=date(2026, 9, 7),
        hours_per_week=Decimal("0.5"),
        hourly_cost=Decimal("0.05"),
        other_costs_per_term=Decimal(0),
    )
    assert intervention_term_cost(group, Dated(*AUTUMN)) == Decimal("0.01")


def test_the_laws_default_terms_work_too():
    from opensend.law.meetings import default_terms

    autumn = default_terms(2026)[0]
    assert intervention_term_cost(Group(AUTUMN[0]), autumn) > 0
