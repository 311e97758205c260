"""`transfer-plan` with `level=True`: the programme levelled across the months (issue 9, item 4).

Real dates: the statement-to-EHC-plan transfer, reviews from 1 September 2015 taking 20 weeks.
"""

import json
import random
from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensend.law import cli
from opensend.law.errors import LawInputError
from opensend.law.transfer import (
    PhaseTransfer,
    Statement,
    plan_from_json,
    plan_transfers,
    statement_due,
)
from tests.law.test_transfer import GOOD, assert_respects_limits


def plan(
    statements,
    *,
    start=date(2015, 9, 1),
    deadline=date(2018, 4, 1),
    capacity=10,
    per_school=10,
    weeks=20,
    level=True,
):
    return plan_transfers(
        start=start,
        deadline=deadline,
        monthly_capacity=capacity,
        max_per_school_per_month=per_school,
        review_weeks=weeks,
        statements=statements,
        level=level,
    )


def loads(result) -> Counter:
    return Counter(review.start for review in result.schedule)


def months_from(first: date, count: int) -> list[date]:
    return [
        date(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1, 1)
        for k in range(count)
    ]


# From 1 September 2016, a 20-week review must start by 13 April 2017 to finish before
# 1 September 2017: eight months, September 2016 to April 2017.
EIGHT_MONTHS = dict(start=date(2016, 9, 1), deadline=date(2017, 9, 1))


def test_levelled_reviews_are_spread_evenly_over_every_month():
    statements = [Statement(f"S{n}", f"School {n % 10}") for n in range(50)]
    packed = plan(statements, capacity=20, level=False, **EIGHT_MONTHS)
    assert sorted(loads(packed).values()) == [10, 20, 20]  # packed early

    result = plan(statements, capacity=20, **EIGHT_MONTHS)
    assert result.feasible
    per_month = loads(result)
    assert sorted(per_month) == months_from(date(2016, 9, 1), 8)
    assert max(per_month.values()) - min(per_month.values()) <= 1  # 50 = 6 × 6 + 2 × 7
    assert sorted(per_month.values()) == [6] * 6 + [7] * 2
    assert_respects_limits(result, statements, capacity=20, per_school=10, weeks=20, **EIGHT_MONTHS)


def test_each_school_sees_its_reviews_spread_over_the_programme():
    # One school holds 16 statements: packed early it gets 4 a month for four months.
    statements = [Statement(f"Big-{n}", "Big Academy") for n in range(16)]
    statements += [Statement(f"S{n}", f"School {n}") for n in range(8)]
    packed = plan(statements, capacity=6, per_school=4, level=False, **EIGHT_MONTHS)
    big = Counter(r.start for r in packed.schedule if r.school == "Big Academy")
    assert max(big.values()) == 4

    result = plan(statements, capacity=6, per_school=4, **EIGHT_MONTHS)
    assert_respects_limits(result, statements, capacity=6, per_school=4, weeks=20, **EIGHT_MONTHS)
    per_month = loads(result)
    assert len(per_month) == 8 and set(per_month.values()) == {3}  # 24 over 8 months
    big = Counter(r.start for r in result.schedule if r.school == "Big Academy")
    assert len(big) == 8 and max(big.values()) < 4  # in every month, never 4 at once


def test_phase_transfer_children_stay_early_where_that_is_the_only_place_they_fit():
    # A 2016 phase transfer (due 14 February 2016) can only start in September 2015; a 2016
    # post-16 transfer (due 30 March 2016) by November 2015. The rest may go to March 2017.
    urgent = [Statement(f"Y6-{n}", f"Primary {n}", PhaseTransfer(2016, "school")) for n in range(4)]
    post16 = [Statement(f"Y11-{n}", f"High {n}", PhaseTransfer(2016, "post16")) for n in range(3)]
    rest = [Statement(f"S{n}", f"School {n % 5}") for n in range(20)]
    statements = rest + post16 + urgent
    result = plan(statements, capacity=4, per_school=2, deadline=date(2017, 9, 1))
    assert result.feasible
    start = {r.id: r.start for r in result.schedule}
    assert all(start[s.id] == date(2015, 9, 1) for s in urgent)
    assert all(start[s.id] <= date(2015, 11, 1) for s in post16)
    # September is full with the urgent four; the rest spread over the 19 months after it.
    assert loads(result)[date(2015, 9, 1)] == 4
    assert len(loads(result)) == 20
    assert_respects_limits(
        result,
        statements,
        start=date(2015, 9, 1),
        deadline=date(2017, 9, 1),
        capacity=4,
        per_school=2,
        weeks=20,
    )


def test_a_small_programme_is_spread_over_the_whole_period_not_packed_at_the_start():
    statements = [Statement(f"S{n}", "Oak Primary") for n in range(4)]
    result = plan(statements, capacity=5, per_school=5, deadline=date(2017, 9, 1))
    # 20 months (September 2015 to April 2017), 4 reviews, one school: one a month, spread.
    starts = [r.start for r in result.schedule]
    assert len(set(starts)) == 4 and starts[0] == date(2015, 9, 1)
    assert starts[-1] >= date(2016, 12, 1)
    packed = plan(statements, capacity=5, per_school=5, deadline=date(2017, 9, 1), level=False)
    assert {r.start for r in packed.schedule} == {date(2015, 9, 1)}


def test_the_default_is_still_packed_early():
    statements = [
        Statement("S1", "Oak Primary", PhaseTransfer(2016, "school")),
        Statement("S2", "Elm Academy", PhaseTransfer(2016, "school")),
        Statement("S3", "Oak Primary"),
        Statement("S4", "Elm Academy", PhaseTransfer(2016, "post16")),
        Statement("S5", "Ash School", PhaseTransfer(2017, "school")),
        Statement("S6", "Ash School"),
        Statement("S7", "Oak Primary", PhaseTransfer(2017, "post16")),
    ]
    default = plan_transfers(
        start=date(2015, 9, 1),
        deadline=date(2018, 4, 1),
        monthly_capacity=2,
        max_per_school_per_month=1,
        review_weeks=20,
        statements=statements,
    )
    assert default == plan(statements, capacity=2, per_school=1, level=False)
    assert [(r.id, r.start.month) for r in default.schedule] == [
        ("S1", 9),
        ("S2", 9),
        ("S4", 10),
        ("S5", 10),
        ("S7", 11),
        ("S6", 11),
        ("S3", 12),
    ]
    levelled = plan(statements, capacity=2, per_school=1)
    assert levelled.feasible and levelled.schedule != default.schedule
    assert max(r.start for r in levelled.schedule) > date(2015, 12, 1)


def test_when_infeasible_the_kept_statements_are_levelled_the_same_way():
    # From 1 September 2017 only September to November can finish before 1 April 2018.
    statements = [Statement(f"S{n}", f"School {n}") for n in range(7)]
    args = dict(start=date(2017, 9, 1), capacity=2, per_school=1)
    packed = plan(statements, level=False, **args)
    levelled = plan(statements, **args)
    assert not levelled.feasible
    assert levelled.unscheduled == packed.unscheduled
    assert levelled.monthly_capacity_needed == packed.monthly_capacity_needed == 3
    assert {r.id for r in levelled.schedule} == {r.id for r in packed.schedule}
    assert_respects_limits(levelled, statements, deadline=date(2018, 4, 1), weeks=20, **args)


# ---------------------------------------------------------------------------------------------
# Properties on random programmes


@st.composite
def programmes(draw):
    count = draw(st.integers(0, 30))
    schools = draw(st.integers(1, 6))
    statements = []
    for n in range(count):
        transfer = draw(
            st.none()
            | st.builds(
                PhaseTransfer, st.integers(2016, 2018), st.sampled_from(["school", "post16"])
            )
        )
        statements.append(
            Statement(f"S{n}", f"School {draw(st.integers(0, schools - 1))}", transfer)
        )
    return dict(
        statements=statements,
        start=draw(st.dates(date(2015, 9, 1), date(2016, 9, 1))),
        deadline=draw(st.dates(date(2016, 10, 1), date(2018, 4, 1))),
        capacity=draw(st.integers(1, 8)),
        per_school=draw(st.integers(1, 4)),
        weeks=draw(st.sampled_from([16, 20])),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_levelling_keeps_every_limit_and_the_same_statements(programme):
    packed = plan(level=False, **programme)
    levelled = plan(**programme)
    assert levelled.feasible == packed.feasible
    assert levelled.unscheduled == packed.unscheduled
    assert levelled.monthly_capacity_needed == packed.monthly_capacity_needed
    assert levelled.first_possible_start == packed.first_possible_start
    assert {r.id for r in levelled.schedule} == {r.id for r in packed.schedule}
    statements = programme.pop("statements")
    assert_respects_limits(levelled, statements, **programme)
    assert levelled == plan(statements=statements, **programme)  # deterministic

    # The rule's own end state: no review could move to a month it may take with two fewer.
    per_month = loads(levelled)
    per_place = Counter((r.start, r.school) for r in levelled.schedule)
    first = levelled.first_possible_start
    by_id = {s.id: s for s in statements}
    for review in levelled.schedule:
        due = statement_due(programme["deadline"], by_id[review.id].phase_transfer)
        month = first
        while month + timedelta(weeks=programme["weeks"]) <= due:
            if per_place[month, review.school] < programme["per_school"]:
                assert per_month[month] + 1 >= per_month[review.start]
            month = months_from(month, 2)[1]


def test_a_large_programme_is_levelled():
    # 3,000 statements at 400 schools over 24 months (September 2015 to August 2017).
    rng = random.Random(2015)
    statements = []
    for n in range(3000):
        draw = rng.random()
        transfer = (
            PhaseTransfer(2017, "school")
            if draw < 0.1
            else PhaseTransfer(2017, "post16")
            if draw < 0.2
            else None
        )
        statements.append(Statement(n, f"School {rng.randrange(400)}", transfer))
    args = dict(deadline=date(2018, 1, 15), capacity=200, per_school=4)
    result = plan(statements, **args)
    assert result.feasible
    per_month = loads(result)
    assert sorted(per_month) == months_from(date(2015, 9, 1), 24)
    # 3000 / 24 = 125. The phase-transfer months may end one above (a local search: only a
    # chain of moves through another month could lower them), never more.
    assert max(per_month.values()) - min(per_month.values()) <= 2
    assert_respects_limits(result, statements, start=date(2015, 9, 1), weeks=20, **args)


# ---------------------------------------------------------------------------------------------
# JSON input and the command line


def test_json_level_is_optional_and_boolean():
    assert plan_from_json(GOOD) == plan_from_json({**GOOD, "level": False})
    levelled = plan_from_json(
        {**GOOD, "monthly_capacity": 3, "max_per_school_per_month": 3, "level": True}
    )
    assert levelled.feasible
    for value in ("yes", 1, None):
        with pytest.raises(LawInputError) as error:
            plan_from_json({**GOOD, "level": value})
        assert error.value.option == "--input"
        assert "level must be true or false" in error.value.message


def test_cli_levels_when_asked(tmp_path, capsys):
    data = {**GOOD, "monthly_capacity": 3, "max_per_school_per_month": 3, "level": True}
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["transfer-plan", "--input", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["feasible"] is True
    assert len({review["start"] for review in out["schedule"]}) == 3


def test_cli_help_mentions_level(capsys):
    with pytest.raises(SystemExit):
        cli.main(["transfer-plan", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert '"level": true' in text and "levelled across the months" in text
