"""`transfer-plan`: statement-to-EHC-plan transfer reviews (SI 2014/2270 art. 14; TO-2015).

Real dates throughout. The transfer period ran from September 2014 to 31 March 2018; reviews
started from 1 September 2015 take 20 weeks (2 weeks' notice + 18 weeks).
"""

import io
import itertools
import json
import random
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensend.law import cli
from opensend.law.errors import LawInputError
from opensend.law.transfer import (
    PhaseTransfer,
    Statement,
    TransferPlan,
    first_month_start,
    plan_from_json,
    plan_transfers,
    statement_due,
)

REPO = Path(__file__).resolve().parents[2]


def plan(
    statements,
    *,
    start=date(2015, 9, 1),
    deadline=date(2018, 4, 1),
    capacity=10,
    per_school=10,
    weeks=20,
) -> TransferPlan:
    return plan_transfers(
        start=start,
        deadline=deadline,
        monthly_capacity=capacity,
        max_per_school_per_month=per_school,
        review_weeks=weeks,
        statements=statements,
    )


def assert_respects_limits(result, statements, *, start, deadline, capacity, per_school, weeks):
    """Every limit of the rule, checked on the output alone."""
    by_id = {s.id: s for s in statements}
    scheduled = [review.id for review in result.schedule]
    assert len(scheduled) == len(set(scheduled))
    assert set(scheduled) | set(result.unscheduled) == set(by_id)
    assert not set(scheduled) & set(result.unscheduled)
    assert list(result.unscheduled) == [s.id for s in statements if s.id in result.unscheduled]
    for review in result.schedule:
        statement = by_id[review.id]
        assert review.school == statement.school
        assert review.start.day == 1 and review.start >= start
        assert review.final_plan_due == review.start + timedelta(days=7 * weeks)
        assert review.due == statement_due(deadline, statement.phase_transfer)
        assert review.final_plan_due <= review.due
    assert all(n <= capacity for n in Counter(r.start for r in result.schedule).values())
    per_place = Counter((r.start, r.school) for r in result.schedule)
    assert all(n <= per_school for n in per_place.values())
    position = {s.id: index for index, s in enumerate(statements)}
    keys = [(r.start, r.due, position[r.id]) for r in result.schedule]
    assert keys == sorted(keys)
    assert result.feasible == (not result.unscheduled)
    if result.feasible:
        assert result.unscheduled == () and result.monthly_capacity_needed is None


# ---------------------------------------------------------------------------------------------
# An independent brute force for tiny programmes


def month_starts(start: date, last_due: date, weeks: int) -> list[date]:
    """Every first-of-month on or after `start` from which a review could still finish."""
    months = []
    day = start
    while day + timedelta(days=7 * weeks) <= last_due:
        if day.day == 1:
            months.append(day)
        day += timedelta(days=1)
    return months


def eligible_months(statements, *, start, deadline, weeks):
    dues = [statement_due(deadline, s.phase_transfer) for s in statements]
    months = month_starts(start, max(dues, default=start), weeks)
    options = [
        [k for k, first in enumerate(months) if first + timedelta(days=7 * weeks) <= due]
        for due in dues
    ]
    return dues, months, options


def first_assignment(chosen, options, schools, capacity, per_school):
    """The first assignment found trying months in ascending order, statements in the order
    given: so the lexicographically earliest one for that order. None if there is none."""
    month_used: Counter = Counter()
    place_used: Counter = Counter()
    assignment: dict[int, int] = {}

    def go(position: int) -> bool:
        if position == len(chosen):
            return True
        i = chosen[position]
        for month in options[i]:
            if month_used[month] < capacity and place_used[month, schools[i]] < per_school:
                month_used[month] += 1
                place_used[month, schools[i]] += 1
                assignment[i] = month
                if go(position + 1):
                    return True
                month_used[month] -= 1
                place_used[month, schools[i]] -= 1
        return False

    return dict(assignment) if go(0) else None


def brute_force(statements, *, start, deadline, capacity, per_school, weeks):
    """(best set in preference order, its lexicographically earliest months) by search."""
    dues, months, options = eligible_months(statements, start=start, deadline=deadline, weeks=weeks)
    schools = [s.school for s in statements]
    preference = sorted(range(len(statements)), key=lambda i: (dues[i], i))
    rank = {i: r for r, i in enumerate(preference)}
    for size in range(len(statements), -1, -1):
        # Subsets of this size in lexicographic order of their preference ranks: the first
        # feasible one is the preferred largest set.
        for ranks in itertools.combinations(range(len(statements)), size):
            chosen = [preference[r] for r in ranks]
            assignment = first_assignment(chosen, options, schools, capacity, per_school)
            if assignment is not None:
                assert all(rank[i] == r for i, r in zip(chosen, ranks, strict=True))
                return chosen, {statements[i].id: months[m] for i, m in assignment.items()}
    raise AssertionError("the empty set is always feasible")


def all_schedulable(statements, *, start, deadline, capacity, per_school, weeks) -> bool:
    dues, _, options = eligible_months(statements, start=start, deadline=deadline, weeks=weeks)
    schools = [s.school for s in statements]
    order = sorted(range(len(statements)), key=lambda i: (dues[i], i))
    return first_assignment(order, options, schools, capacity, per_school) is not None


# ---------------------------------------------------------------------------------------------
# Worked examples


def test_a_feasible_programme_respects_every_limit():
    statements = [
        Statement("S1", "Oak Primary", PhaseTransfer(2016, "school")),
        Statement("S2", "Elm Academy", PhaseTransfer(2016, "school")),
        Statement("S3", "Oak Primary"),
        Statement("S4", "Elm Academy", PhaseTransfer(2016, "post16")),
        Statement("S5", "Ash School", PhaseTransfer(2017, "school")),
        Statement("S6", "Ash School"),
        Statement("S7", "Oak Primary", PhaseTransfer(2017, "post16")),
    ]
    limits = dict(capacity=2, per_school=1, weeks=20)
    result = plan(statements, **limits)

    assert result.feasible
    assert result.unscheduled == ()
    assert result.monthly_capacity_needed is None
    assert result.first_possible_start == date(2015, 9, 1)
    assert_respects_limits(
        result, statements, start=date(2015, 9, 1), deadline=date(2018, 4, 1), **limits
    )
    # A 2016 phase transfer must be concluded before 15 February 2016, so its 20-week review
    # starts by 27 September 2015: S1 and S2 fill September. S4 (before 31 March 2016) must
    # start by 10 November 2015. Then the most urgent first, each as early as the limits allow.
    assert [(r.id, r.start, r.final_plan_due, r.due) for r in result.schedule] == [
        ("S1", date(2015, 9, 1), date(2016, 1, 19), date(2016, 2, 14)),
        ("S2", date(2015, 9, 1), date(2016, 1, 19), date(2016, 2, 14)),
        ("S4", date(2015, 10, 1), date(2016, 2, 18), date(2016, 3, 30)),
        ("S5", date(2015, 10, 1), date(2016, 2, 18), date(2017, 2, 14)),
        ("S7", date(2015, 11, 1), date(2016, 3, 20), date(2017, 3, 30)),
        ("S6", date(2015, 11, 1), date(2016, 3, 20), date(2018, 3, 31)),
        ("S3", date(2015, 12, 1), date(2016, 4, 19), date(2018, 3, 31)),
    ]


def test_the_school_limit_binds_and_no_capacity_helps():
    # Two 2016 phase transfers at one school can both only start in September 2015 (a
    # 20-week review from 1 October 2015 ends on 18 February 2016, after 14 February).
    statements = [
        Statement("S1", "Oak Primary", PhaseTransfer(2016, "school")),
        Statement("S2", "Oak Primary", PhaseTransfer(2016, "school")),
        Statement("S3", "Elm Academy", PhaseTransfer(2016, "school")),
    ]
    result = plan(statements, capacity=5, per_school=1)

    assert not result.feasible
    assert [r.id for r in result.schedule] == ["S1", "S3"]
    assert result.unscheduled == ("S2",)
    assert result.monthly_capacity_needed is None
    assert plan(statements, capacity=5, per_school=2).feasible


def test_the_monthly_capacity_binds_and_the_least_capacity_is_reported():
    # From 1 September 2017, a 20-week review must start by 11 November 2017 to finish
    # before 1 April 2018: three months (September, October, November) for seven reviews.
    statements = [Statement(f"S{n}", f"School {n}") for n in range(1, 8)]
    args = dict(start=date(2017, 9, 1), deadline=date(2018, 4, 1), per_school=1)
    result = plan(statements, capacity=2, **args)

    assert not result.feasible
    assert len(result.schedule) == 6
    assert result.unscheduled == ("S7",)  # same due date for all: input order decides
    assert result.monthly_capacity_needed == 3
    assert max(r.start for r in result.schedule) == date(2017, 11, 1)
    assert plan(statements, capacity=3, **args).feasible
    assert not plan(statements, capacity=2, **args).feasible
    assert_respects_limits(result, statements, capacity=2, weeks=20, **args)


def test_a_due_date_too_early_for_any_start_means_no_capacity_helps():
    # Starting from 1 October 2015, a 2016 phase transfer (due 14 February 2016) cannot have
    # a 20-week review: 1 October + 140 days is 18 February 2016.
    statements = [
        Statement("late", "Oak Primary", PhaseTransfer(2016, "school")),
        Statement("fine", "Oak Primary", PhaseTransfer(2016, "post16")),
    ]
    result = plan(statements, start=date(2015, 10, 1), capacity=1, per_school=1)

    assert not result.feasible
    assert [r.id for r in result.schedule] == ["fine"]
    assert result.unscheduled == ("late",)
    assert result.monthly_capacity_needed is None
    # Before 1 September 2015 the review took 16 weeks: 1 October + 112 days is 21 January.
    assert plan(statements, start=date(2015, 10, 1), capacity=1, per_school=1, weeks=16).feasible


def test_phase_transfer_dates_make_due_the_day_before():
    # SI 2014/2270 art. 14: concluded *before* 15 February (school) / 31 March (post-16).
    assert statement_due(date(2018, 4, 1), None) == date(2018, 3, 31)
    assert statement_due(date(2018, 4, 1), PhaseTransfer(2017, "school")) == date(2017, 2, 14)
    assert statement_due(date(2018, 4, 1), PhaseTransfer(2017, "post16")) == date(2017, 3, 30)
    assert statement_due(date(2018, 4, 1), PhaseTransfer(2016, "post16")) == date(2016, 3, 30)
    # A deadline earlier than the phase transfer wins.
    assert statement_due(date(2017, 1, 10), PhaseTransfer(2017, "school")) == date(2017, 1, 9)

    statements = [
        Statement("Y6", "Oak Primary", PhaseTransfer(2017, "school")),
        Statement("Y11", "Elm Academy", PhaseTransfer(2017, "post16")),
        Statement("other", "Ash School"),
    ]
    result = plan(statements, start=date(2016, 9, 1), capacity=3, per_school=1)
    due = {r.id: r.due for r in result.schedule}
    assert due == {"Y6": date(2017, 2, 14), "Y11": date(2017, 3, 30), "other": date(2018, 3, 31)}
    # Earliest due first, each as early as it can start.
    assert [r.id for r in result.schedule] == ["Y6", "Y11", "other"]
    assert all(r.start == date(2016, 9, 1) for r in result.schedule)


def test_final_plan_due_on_the_due_date_itself_is_in_time():
    # 1 October 2015 + 20 weeks = 18 February 2016 = the day before a 19 February deadline.
    statements = [Statement("A", "Oak"), Statement("B", "Elm")]
    result = plan(statements, deadline=date(2016, 2, 19), capacity=1, per_school=1)
    assert result.feasible
    assert [(r.start, r.final_plan_due, r.due) for r in result.schedule] == [
        (date(2015, 9, 1), date(2016, 1, 19), date(2016, 2, 18)),
        (date(2015, 10, 1), date(2016, 2, 18), date(2016, 2, 18)),
    ]
    # A day earlier and the October start is too late.
    late = plan(statements, deadline=date(2016, 2, 18), capacity=1, per_school=1)
    assert late.unscheduled == ("B",) and late.monthly_capacity_needed == 2


@pytest.mark.parametrize(
    ("start", "first"),
    [
        (date(2015, 9, 1), date(2015, 9, 1)),
        (date(2015, 9, 10), date(2015, 10, 1)),
        (date(2015, 12, 15), date(2016, 1, 1)),
        (date(2016, 1, 31), date(2016, 2, 1)),
        (date(2016, 2, 29), date(2016, 3, 1)),
    ],
)
def test_a_mid_month_start_rounds_to_the_next_first_of_the_month(start, first):
    assert first_month_start(start) == first
    result = plan([Statement("S1", "Oak")], start=start)
    assert result.first_possible_start == first
    assert result.schedule[0].start == first


def test_exact_where_greedy_earliest_due_first_fails():
    # Two months (September and October 2015 can finish 20-week reviews before a 19 February
    # 2016 deadline), two reviews a month, one per school a month. Earliest-due-first (ties in
    # input order) into the earliest month with room puts A and B in September, C1 in October,
    # and has no month left for C2. A schedule exists: C1 and C2 in different months.
    statements = [Statement(x, x[0]) for x in ("A1", "B1", "C1", "C2")]
    limits = dict(deadline=date(2016, 2, 19), capacity=2, per_school=1)

    def greedy() -> list[str]:
        used: Counter = Counter()
        placed = []
        for s in statements:
            for month in (date(2015, 9, 1), date(2015, 10, 1)):
                if used[month] < 2 and used[month, s.school] < 1:
                    used[month] += 1
                    used[month, s.school] += 1
                    placed.append(s.id)
                    break
        return placed

    assert greedy() == ["A1", "B1", "C1"]  # the greedy fails...
    result = plan(statements, **limits)
    assert result.feasible  # ...the flow does not
    assert_respects_limits(result, statements, start=date(2015, 9, 1), weeks=20, **limits)
    # Start months are the earliest in preference order: A1, then B1 (C1 and C2 must split).
    assert {r.id: r.start.month for r in result.schedule} == {"A1": 9, "B1": 10, "C1": 9, "C2": 10}


def test_when_infeasible_earlier_due_dates_are_kept_first():
    # One review a month from September 2017 to November 2017: three places, four statements.
    statements = [
        Statement("later-1", "A"),
        Statement("later-2", "B"),
        Statement("soon", "C", PhaseTransfer(2018, "school")),  # due 14 February 2018
        Statement("later-3", "D"),
    ]
    result = plan(statements, start=date(2017, 9, 1), capacity=1, per_school=1)
    assert not result.feasible
    assert {r.id for r in result.schedule} == {"soon", "later-1", "later-2"}
    assert result.unscheduled == ("later-3",)
    assert result.schedule[0].id == "soon" and result.schedule[0].start == date(2017, 9, 1)
    assert result.monthly_capacity_needed == 2


def test_no_statements_is_a_feasible_empty_programme():
    result = plan([])
    assert result == TransferPlan(True, (), (), None, date(2015, 9, 1))


# ---------------------------------------------------------------------------------------------
# Scale: 2,000 statements, 200 schools, September 2015 to March 2018


def local_authority(size: int = 2000, schools: int = 200, seed: int = 2015) -> list[Statement]:
    rng = random.Random(seed)
    statements = []
    for n in range(size):
        roll = rng.random()
        phase = None
        if roll < 0.03:
            phase = PhaseTransfer(2016, "school")
        elif roll < 0.08:
            phase = PhaseTransfer(2016, "post16")
        elif roll < 0.25:
            phase = PhaseTransfer(2017, "school")
        elif roll < 0.35:
            phase = PhaseTransfer(2017, "post16")
        statements.append(Statement(f"S{n:04d}", f"School {rng.randrange(schools):03d}", phase))
    return statements


@pytest.mark.parametrize("capacity", [60, 75])
def test_two_thousand_statements_in_a_few_seconds(capacity):
    statements = local_authority()
    limits = dict(capacity=capacity, per_school=3, weeks=20)
    began = time.perf_counter()
    result = plan(statements, **limits)
    elapsed = time.perf_counter() - began

    assert elapsed < 5, f"took {elapsed:.1f}s"
    assert_respects_limits(
        result, statements, start=date(2015, 9, 1), deadline=date(2018, 4, 1), **limits
    )
    # 27 months (September 2015 to November 2017) for 2,000 reviews: 75 a month is the least.
    assert result.feasible == (capacity >= 75)
    if not result.feasible:
        assert len(result.schedule) == 27 * capacity
        assert result.monthly_capacity_needed == 75


# ---------------------------------------------------------------------------------------------
# Properties against the brute force

SCHOOLS = ("Oak", "Elm", "Ash")


@st.composite
def programmes(draw):
    start = draw(st.dates(min_value=date(2014, 9, 1), max_value=date(2017, 12, 31)))
    weeks = draw(st.integers(min_value=1, max_value=12))
    # The latest possible start is at most 99 days after `start`: at most four months.
    deadline = start + timedelta(days=max(1, 7 * weeks + draw(st.integers(-20, 100))))
    statements = []
    for n in range(draw(st.integers(min_value=0, max_value=6))):
        phase = draw(
            st.none()
            | st.builds(
                PhaseTransfer,
                year=st.sampled_from([start.year, start.year + 1]),
                kind=st.sampled_from(["school", "post16"]),
            )
        )
        statements.append(Statement(f"S{n}", draw(st.sampled_from(SCHOOLS)), phase))
    return dict(
        statements=statements,
        start=start,
        deadline=deadline,
        capacity=draw(st.integers(min_value=1, max_value=3)),
        per_school=draw(st.integers(min_value=1, max_value=3)),
        weeks=weeks,
    )


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(programmes())
def test_every_schedule_respects_every_limit(programme):
    result = plan(**programme)
    statements = programme.pop("statements")
    assert_respects_limits(result, statements, **programme)


@PROPERTY_SETTINGS
@given(programmes())
def test_feasible_exactly_when_a_schedule_exists_and_the_largest_preferred_set(programme):
    result = plan(**programme)
    statements = programme.pop("statements")
    best, earliest = brute_force(statements, **programme)

    assert result.feasible == (len(best) == len(statements))
    assert len(result.schedule) == len(best)
    # The same set: the lexicographically preferred largest one (earlier due, input order).
    assert {r.id for r in result.schedule} == {statements[i].id for i in best}
    # And the start months, most urgent first, are the earliest possible.
    assert {r.id: r.start for r in result.schedule} == earliest


@PROPERTY_SETTINGS
@given(programmes())
def test_monthly_capacity_needed_is_the_least_that_works(programme):
    result = plan(**programme)
    statements = programme["statements"]
    needed = result.monthly_capacity_needed
    if result.feasible:
        assert needed is None
        return
    others = {k: v for k, v in programme.items() if k not in ("statements", "capacity")}
    if needed is None:
        # Not even one month per statement helps.
        assert not all_schedulable(statements, capacity=len(statements), **others)
        return
    assert needed > programme["capacity"]
    assert all_schedulable(statements, capacity=needed, **others)
    assert not all_schedulable(statements, capacity=needed - 1, **others)
    assert plan(**{**programme, "capacity": needed}).feasible
    assert not plan(**{**programme, "capacity": needed - 1}).feasible


def plain_max_flow_schedules(chosen, options, schools, capacity, per_school, fixed) -> bool:
    """Can every statement in `chosen` start, those in `fixed` in their given month? A plain
    Ford-Fulkerson on the explicit network source -> statement -> (month, school) -> month ->
    sink, written independently of the rule's incremental search."""
    month_used: Counter = Counter()
    place_used: Counter = Counter()
    for i, month in fixed.items():
        month_used[month] += 1
        place_used[month, schools[i]] += 1
    if any(n > capacity for n in month_used.values()) or any(
        n > per_school for n in place_used.values()
    ):
        return False
    residual: Counter = Counter()
    neighbours: dict = {}

    def edge(u, v, amount):
        residual[u, v] += amount
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)

    free = [i for i in chosen if i not in fixed]
    for i in free:
        edge("source", ("statement", i), 1)
        for month in options[i]:
            edge(("statement", i), ("place", month, schools[i]), 1)
            edge(("place", month, schools[i]), ("month", month), 0)
            edge(("month", month), "sink", 0)
    for u, v in list(residual):
        if u[0] == "place":
            residual[u, v] = per_school - place_used[u[1], u[2]]
        elif v == "sink":
            residual[u, v] = capacity - month_used[u[1]]
    flow = 0
    while True:
        parent = {"source": None}
        stack = ["source"]
        while stack and "sink" not in parent:
            u = stack.pop()
            for v in sorted(neighbours.get(u, ()), key=repr):
                if v not in parent and residual[u, v] > 0:
                    parent[v] = u
                    stack.append(v)
        if "sink" not in parent:
            return flow == len(free)
        v = "sink"
        while parent[v] is not None:
            residual[parent[v], v] -= 1
            residual[v, parent[v]] += 1
            v = parent[v]
        flow += 1


@st.composite
def larger_programmes(draw):
    start = draw(st.dates(min_value=date(2014, 9, 1), max_value=date(2017, 6, 30)))
    weeks = draw(st.sampled_from([16, 20]))
    deadline = start + timedelta(days=7 * weeks + draw(st.integers(1, 300)))
    statements = []
    for n in range(draw(st.integers(min_value=5, max_value=25))):
        phase = draw(
            st.none()
            | st.builds(
                PhaseTransfer,
                year=st.sampled_from([start.year + 1, start.year + 2]),
                kind=st.sampled_from(["school", "post16"]),
            )
        )
        school = draw(st.sampled_from(("Oak", "Elm", "Ash", "Yew", "Fir")))
        statements.append(Statement(f"S{n}", school, phase))
    return dict(
        statements=statements,
        start=start,
        deadline=deadline,
        capacity=draw(st.integers(min_value=1, max_value=5)),
        per_school=draw(st.integers(min_value=1, max_value=3)),
        weeks=weeks,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(larger_programmes())
def test_larger_programmes_agree_with_a_plain_max_flow(programme):
    # Up to 25 statements over up to 10 months: deep augmenting paths, many moves.
    result = plan(**programme)
    statements = programme.pop("statements")
    dues, months, options = eligible_months(
        statements, **{k: programme[k] for k in ("start", "deadline", "weeks")}
    )
    schools = [s.school for s in statements]
    limits = (options, schools, programme["capacity"], programme["per_school"])
    kept: list[int] = []
    for i in sorted(range(len(statements)), key=lambda i: (dues[i], i)):
        if plain_max_flow_schedules([*kept, i], *limits, {}):
            kept.append(i)
    assert {r.id for r in result.schedule} == {statements[i].id for i in kept}
    # The earliest start for each in turn, the ones before it held where they were put.
    fixed: dict[int, int] = {}
    for i in kept:
        fixed[i] = next(
            m for m in options[i] if plain_max_flow_schedules(kept, *limits, {**fixed, i: m})
        )
    assert {r.id: r.start for r in result.schedule} == {
        statements[i].id: months[m] for i, m in fixed.items()
    }


# ---------------------------------------------------------------------------------------------
# JSON input and the command line

GOOD = {
    "start": "2015-09-10",
    "deadline": "2018-04-01",
    "monthly_capacity": 1,
    "max_per_school_per_month": 1,
    "review_weeks": 20,
    "statements": [
        {"id": "S1", "school": "Oak Primary", "phase_transfer": {"year": 2016, "kind": "post16"}},
        {"id": "S2", "school": "Oak Primary"},
        {"id": 3, "school": "Elm Academy", "phase_transfer": None},
    ],
}


def write(tmp_path, data) -> str:
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def run_cli(capsys, *argv):
    assert cli.main(["transfer-plan", *argv]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_prints_the_plan_as_json(tmp_path, capsys):
    output = run_cli(capsys, "--input", write(tmp_path, GOOD))
    assert output == {
        "feasible": True,
        "schedule": [
            {
                "id": "S1",
                "school": "Oak Primary",
                "start": "2015-10-01",
                "final_plan_due": "2016-02-18",
                "due": "2016-03-30",
            },
            {
                "id": "S2",
                "school": "Oak Primary",
                "start": "2015-11-01",
                "final_plan_due": "2016-03-20",
                "due": "2018-03-31",
            },
            {
                "id": 3,
                "school": "Elm Academy",
                "start": "2015-12-01",
                "final_plan_due": "2016-04-19",
                "due": "2018-03-31",
            },
        ],
        "unscheduled": [],
        "monthly_capacity_needed": None,
        "first_possible_start": "2015-10-01",
    }


def test_cli_infeasible_output_has_every_key(tmp_path, capsys):
    data = {**GOOD, "start": "2017-09-01", "monthly_capacity": 3}
    data["statements"] = [{"id": f"S{n}", "school": "Oak"} for n in range(5)]
    output = run_cli(capsys, "--input", write(tmp_path, data))
    assert output["feasible"] is False
    assert [r["start"] for r in output["schedule"]] == ["2017-09-01", "2017-10-01", "2017-11-01"]
    assert output["unscheduled"] == ["S3", "S4"]
    assert output["monthly_capacity_needed"] is None  # one school, one a month: no capacity helps


def test_cli_reads_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(GOOD) + "\n"))
    assert run_cli(capsys, "--input", "-")["feasible"] is True


def mutate(path: str, value):
    """GOOD with the value at a dotted path replaced (value ... means: deleted)."""
    data = json.loads(json.dumps(GOOD))
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = data
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


BAD_INPUTS = [
    (mutate("monthly_capacity", 0), "monthly_capacity must be at least 1"),
    (mutate("max_per_school_per_month", -1), "max_per_school_per_month must be at least 1"),
    (mutate("review_weeks", 0), "review_weeks must be at least 1"),
    (mutate("monthly_capacity", 2.5), "monthly_capacity must be a whole number"),
    (mutate("review_weeks", True), "review_weeks must be a whole number"),
    (mutate("monthly_capacity", "3"), "monthly_capacity must be a whole number"),
    (mutate("start", ...), "start is missing"),
    (mutate("statements", ...), "statements is missing"),
    (mutate("statements", {"id": "S1"}), "statements must be a JSON list"),
    (mutate("statements.1.school", ...), "statements[1].school is missing"),
    (mutate("statements.1.id", None), "statements[1].id must be a non-empty string"),
    (mutate("statements.1", "S2"), "statements[1] must be a JSON object"),
    (mutate("statements.2.id", "S1"), "statements[2].id 'S1' repeats statements[0].id"),
    (mutate("statements.0.phase_transfer.kind", "primary"), "statements[0].phase_transfer.kind"),
    (mutate("statements.0.phase_transfer.year", "2016"), "statements[0].phase_transfer.year"),
    (mutate("statements.0.phase_transfer.year", ...), "statements[0].phase_transfer.year is"),
    (mutate("statements.0.phase_transfer", 2016), "statements[0].phase_transfer must be"),
    (mutate("statements.0.colour", "red"), "statements[0].colour is not a known key"),
    (mutate("start", "10/09/2015"), "start must be a date in YYYY-MM-DD form"),
    (mutate("start", "20150910"), "start must be a date in YYYY-MM-DD form"),
    (mutate("deadline", "2018-02-30"), "deadline '2018-02-30' is not a real date"),
    (mutate("deadline", "2015-09-10"), "deadline 2015-09-10 must be after start 2015-09-10"),
    (mutate("deadline", "2015-01-01"), "deadline 2015-01-01 must be after start"),
    ([GOOD], "the input must be a JSON object"),
    ({**GOOD, "capacity": 3}, "capacity is not a known key"),
]


@pytest.mark.parametrize(("data", "message"), BAD_INPUTS)
def test_bad_input_names_the_field(data, message):
    with pytest.raises(LawInputError) as error:
        plan_from_json(data)
    assert error.value.option == "--input"
    assert message in error.value.message


@pytest.mark.parametrize(("data", "message"), BAD_INPUTS)
def test_cli_bad_input_exits_2_naming_the_field(tmp_path, capsys, data, message):
    with pytest.raises(SystemExit) as stop:
        cli.main(["transfer-plan", "--input", write(tmp_path, data)])
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"--input: {message}" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: --input"),
        (["--input", "/nonexistent/programme.json"], "cannot read /nonexistent/programme.json"),
    ],
)
def test_cli_missing_or_unreadable_file_exits_2(capsys, argv, message):
    with pytest.raises(SystemExit) as stop:
        cli.main(["transfer-plan", *argv])
    assert stop.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_help_explains_the_rule_and_its_source(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["transfer-plan", "--help"])
    assert stop.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for phrase in ("SI 2014/2270", "15 February", "31 March", "1 April 2018", "review_weeks"):
        assert phrase in text
    assert "20 for transfers started from 1 September 2015" in text


def test_the_opensend_console_script_answers_without_django(tmp_path):
    completed = subprocess.run(
        [str(REPO / ".venv" / "bin" / "opensend"), "law", "transfer-plan"]
        + ["--input", write(tmp_path, GOOD)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["schedule"][0]["start"] == "2015-10-01"

    bad = write(tmp_path, mutate("statements.0.phase_transfer.kind", "primary"))
    completed = subprocess.run(
        [str(REPO / ".venv" / "bin" / "opensend"), "law", "transfer-plan", "--input", bad],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert completed.returncode == 2
    assert "statements[0].phase_transfer.kind must be 'school' or 'post16'" in completed.stderr
    assert "Traceback" not in completed.stderr
