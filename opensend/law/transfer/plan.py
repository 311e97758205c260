"""`transfer-plan`: a managed, phased programme of statement-to-EHC-plan transfer reviews.

The law (reference/statutory.md §4):
- CFA 2014 s137 and the transitional order (Children and Families Act 2014 (Transitional and
  Saving Provisions) (No. 2) Order 2014, SI 2014/2270) Part 5: a statement became an EHC plan
  only after a transfer review, i.e. an EHC needs assessment. No re-badging.
- SI 2014/2270 art. 14(2)–(4): a child due to change phase in 2016 or 2017 had to have the
  assessment concluded *before* 15 February of the transfer year (before 31 March for a move to
  post-16). Art. 14(5): everyone else before 1 April 2018.
- SI 2014/2270 arts 21–22 as made: final plan within 14 weeks of the assessment starting. TO-2015
  (SI 2015/1619) arts 3–4 made that 18 weeks for transfers started from 1 September 2015. With
  the 2 weeks' notice the DfE asked for, a review takes 16 weeks (before 1 September 2015) or
  20 weeks (from then); the caller passes that as `review_weeks`.
- The DfE's transition guidance (August 2014, revised September 2015) asked each local authority
  for a managed, phased transfer: no school swamped, no demand to transfer everyone at once.
  Here that is `monthly_capacity` and `max_per_school_per_month`.

Reading (issue 3, "7. transfer-plan"): a review starts on the first day of a month on or after
`start`; its `final_plan_due` is start + 7 × review_weeks days (DESIGN "Time") and must be on or
before the statement's `due`, the day before `deadline` or before its phase-transfer date,
whichever is earlier ("before" in art. 14 means the date itself is too late).

The scheduling is exact. Statements are matched to (month, school) places by a max-flow:

    statement --1--> (month, school) --max_per_school_per_month--> month --monthly_capacity--> sink

A statement may start in month index 0..last_month (a prefix of the months, because only its
due date limits it). Feasible means a flow saturates every statement; the search below finds one
whenever it exists, so `feasible` never depends on greedy luck.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from opensend.law.dates import add_months, add_weeks
from opensend.law.errors import LawInputError
from opensend.law.transfer.flow import ReviewFlow, level_months, schedules_everyone

INPUT_OPTION = "--input"
PHASE_KINDS: tuple[str, ...] = ("school", "post16")
PhaseKind = Literal["school", "post16"]
StatementId = str | int

# Weeks from the notice to the final plan, notice included (reference/statutory.md §4).
REVIEW_WEEKS_FROM_1_SEPT_2015 = 20  # TO-2015 (SI 2015/1619) arts 3–4: 2 weeks' notice + 18 weeks
REVIEW_WEEKS_BEFORE_1_SEPT_2015 = 16  # SI 2014/2270 arts 21–22 as made: 2 weeks' notice + 14 weeks


@dataclass(frozen=True)
class PhaseTransfer:
    """The year a child moves phase, and whether the move is to post-16 or between schools."""

    year: int
    kind: PhaseKind


@dataclass(frozen=True)
class Statement:
    id: StatementId
    school: StatementId
    phase_transfer: PhaseTransfer | None = None


@dataclass(frozen=True)
class ScheduledReview:
    id: StatementId
    school: StatementId
    start: date
    final_plan_due: date
    due: date


@dataclass(frozen=True)
class TransferPlan:
    feasible: bool
    schedule: tuple[ScheduledReview, ...]
    unscheduled: tuple[StatementId, ...]
    monthly_capacity_needed: int | None
    # More than the contract asks: the first day a review can start (null if none can).
    first_possible_start: date | None


# ---------------------------------------------------------------------------------------------
# Dates


def phase_transfer_date(transfer: PhaseTransfer) -> date:
    """The date the assessment had to be concluded *before*.

    SI 2014/2270 art. 14(2)–(4): before 31 March of the transfer year for a transfer to post-16,
    before 15 February for any other phase transfer.
    """
    if transfer.kind == "post16":
        return date(transfer.year, 3, 31)
    return date(transfer.year, 2, 15)


def statement_due(deadline: date, transfer: PhaseTransfer | None) -> date:
    """The last day the final plan may be issued: the day before the earlier of the deadline
    (SI 2014/2270 art. 14(5): before 1 April 2018) and the phase-transfer date (art. 14(2)–(4))."""
    limit = deadline
    if transfer is not None:
        limit = min(limit, phase_transfer_date(transfer))
    return limit - timedelta(days=1)


def first_month_start(start: date) -> date | None:
    """Reviews start on the first day of a month on or after `start` (issue 3, rule 7)."""
    if start.day == 1:
        return start
    if start.year == date.max.year and start.month == 12:
        return None  # no first-of-month left in the calendar
    return add_months(start.replace(day=1), 1)


def _last_month_index(first: date, due: date, review_weeks: int) -> int:
    """The index (0 = `first`'s month) of the last month a review can start in and still have
    its final plan by `due` (start + 7 × review_weeks days ≤ due); -1 if none."""
    try:
        latest_start = due - timedelta(days=7 * review_weeks)
    except OverflowError:
        return -1
    if latest_start < first:
        return -1
    return (latest_start.year - first.year) * 12 + latest_start.month - first.month


# ---------------------------------------------------------------------------------------------
# The rule


def plan_transfers(
    *,
    start: date,
    deadline: date,
    monthly_capacity: int,
    max_per_school_per_month: int,
    review_weeks: int,
    statements: Sequence[Statement],
    level: bool = False,
) -> TransferPlan:
    """Schedule a transfer review for every statement within the limits, or say how close we get.

    When no schedule exists, `schedule` holds a largest set of statements that can be scheduled,
    preferring earlier `due`, then input order, and `monthly_capacity_needed` the least monthly
    capacity (other limits unchanged) that would schedule them all, or None if none would.

    By default each review starts as early as it can, most urgent first (packed early). With
    `level=True` (issue 9, item 4: a programme "levelled across the months rather than packed
    early", so no school and no team gets every review at once) the same statements are
    scheduled - `feasible`, `unscheduled` and `monthly_capacity_needed` do not change - and
    then spread over the months from the first month to the last month any of them may use,
    by the local search in `flow.level_months`: each review stays on or before its own last
    month and within both limits, the least urgent move first, so the phase-transfer children
    stay early where that is the only place they fit. The levelling looks at most
    LEVEL_HORIZON_MONTHS months ahead (or as far as packed-early already went, if further).
    """
    _check_limits(start, deadline, monthly_capacity, max_per_school_per_month, review_weeks)
    _check_statements(statements)

    first = first_month_start(start)
    dues = [statement_due(deadline, s.phase_transfer) for s in statements]
    count = len(statements)
    # A statement whose due date allows month N - 1 or later never needs a later month: with
    # N statements and room for at least one review a month, one of months 0..N-1 is free.
    # Capping keeps the graph small however far away the deadline is.
    last_months = [
        -1 if first is None else min(_last_month_index(first, due, review_weeks), count - 1)
        for due in dues
    ]
    school_index: dict[StatementId, int] = {}
    schools = [school_index.setdefault(s.school, len(school_index)) for s in statements]
    # Preference: earlier due first, then input order.
    order = sorted(range(count), key=lambda i: (dues[i], i))

    # The sets of statements that can be scheduled together are the independent sets of a
    # matroid (a gammoid: the sources linkable to the sink in the network above). So adding the
    # statements one at a time in preference order, keeping each one if a flow still exists,
    # gives a largest set, and the lexicographically preferred one. Each check is one
    # augmenting-path search from the current flow (keeping the flow, not starting again), and
    # a node a failed search could not get past is never useful again (augmenting along a path
    # changes no edge out of such a node), so the pass costs about O(N × E) at worst.
    flow = ReviewFlow(
        schools, last_months, len(school_index), monthly_capacity, max_per_school_per_month
    )
    dead: set[int] = set()
    kept = [i for i in order if flow.add(i, dead)]
    # Start months: the lexicographically earliest in preference order (see settle_earliest),
    # so the most urgent statement starts as early as it can, then the next, and so on.
    flow.settle_earliest(kept)
    if level and kept:
        _level(
            flow.month_of,
            kept,
            schools,
            dues,
            first,
            review_weeks,
            last_months,
            max_per_school_per_month,
        )

    feasible = len(kept) == count
    needed: int | None = None
    if not feasible:
        needed = _least_capacity(
            schools, last_months, len(school_index), order, max_per_school_per_month
        )

    assert first is not None or not kept
    schedule = []
    for i in kept:
        review_start = add_months(first, flow.month_of[i])  # type: ignore[arg-type]
        schedule.append(
            ScheduledReview(
                id=statements[i].id,
                school=statements[i].school,
                start=review_start,
                final_plan_due=add_weeks(review_start, review_weeks),
                due=dues[i],
            )
        )
    # Ordered by start, then due, then input order (`kept` is in (due, input order) already and
    # the sort is stable).
    schedule.sort(key=lambda review: review.start)
    kept_set = set(kept)
    return TransferPlan(
        feasible=feasible,
        schedule=tuple(schedule),
        unscheduled=tuple(statements[i].id for i in range(count) if i not in kept_set),
        monthly_capacity_needed=needed,
        first_possible_start=first,
    )


# Levelling never looks further ahead than this (or than packed-early already went): no
# programme of reviews runs for 20 years, and it keeps the search small for a far deadline.
LEVEL_HORIZON_MONTHS = 240


def _level(
    month_of: list[int],
    kept: Sequence[int],
    schools: Sequence[int],
    dues: Sequence[date],
    first: date | None,
    review_weeks: int,
    flow_last_months: Sequence[int],
    per_school: int,
) -> None:
    """Level the packed-early months of the `kept` statements (in preference order) in place.

    The flow caps each last month at N - 1 (enough to decide feasibility); levelling uses the
    real last month from the due date, so the reviews spread to the end of the programme.
    Each statement's target is its share of the months in preference order: the r-th of K
    aims at month (2r + 1) × M // 2K of the M months, or its own last month if earlier.
    """
    assert first is not None
    cap = max(LEVEL_HORIZON_MONTHS - 1, max(flow_last_months[i] for i in kept))
    last_months = [-1] * len(month_of)
    for i in kept:
        last_months[i] = min(_last_month_index(first, dues[i], review_weeks), cap)
    months = max(last_months[i] for i in kept) + 1
    targets = [0] * len(month_of)
    for rank, i in enumerate(kept):
        targets[i] = min(last_months[i], (2 * rank + 1) * months // (2 * len(kept)))
    # Least urgent first: latest due, then latest in input order (`kept` is the reverse).
    level_months(month_of, kept[::-1], schools, last_months, targets, per_school)


def _least_capacity(
    schools: Sequence[int],
    last_months: Sequence[int],
    school_count: int,
    order: Sequence[int],
    per_school: int,
) -> int | None:
    """The least monthly capacity c ≥ 1 that schedules everyone, None if even c = N cannot.

    More than N reviews in a month are never needed, and a larger capacity never hurts, so a
    binary search over 1..N finds it.
    """
    count = len(order)
    if any(last < 0 for last in last_months):
        return None  # a due date too early for any start: no capacity helps
    if not schedules_everyone(schools, last_months, school_count, order, count, per_school):
        return None  # the per-school limit binds
    low, high = 1, count  # high always works
    while low < high:
        middle = (low + high) // 2
        if schedules_everyone(schools, last_months, school_count, order, middle, per_school):
            high = middle
        else:
            low = middle + 1
    return high


def _check_limits(
    start: date,
    deadline: date,
    monthly_capacity: int,
    max_per_school_per_month: int,
    review_weeks: int,
) -> None:
    for name, value in (
        ("monthly_capacity", monthly_capacity),
        ("max_per_school_per_month", max_per_school_per_month),
        ("review_weeks", review_weeks),
    ):
        if value < 1:
            raise LawInputError(INPUT_OPTION, f"{name} must be at least 1, not {value}")
    if deadline <= start:
        raise LawInputError(
            INPUT_OPTION, f"deadline {deadline.isoformat()} must be after start {start.isoformat()}"
        )


def _check_statements(statements: Sequence[Statement]) -> None:
    seen: dict[StatementId, int] = {}
    for index, statement in enumerate(statements):
        if statement.id in seen:
            first = seen[statement.id]
            raise LawInputError(
                INPUT_OPTION,
                f"statements[{index}].id {statement.id!r} repeats statements[{first}].id",
            )
        seen[statement.id] = index
        transfer = statement.phase_transfer
        if transfer is not None and transfer.kind not in PHASE_KINDS:
            raise LawInputError(
                INPUT_OPTION,
                f"statements[{index}].phase_transfer.kind must be 'school' or 'post16'",
            )


def review_weeks_for(notice_on: date) -> int:
    """Weeks from the notice of a transfer review to the final plan: 20 for a review begun on
    or after 1 September 2015 (SI 2015/1619 arts 3-4: 2 + 18), 16 before (SI 2014/2270 arts
    21-22 as made: 2 + 14)."""
    if notice_on >= date(2015, 9, 1):
        return REVIEW_WEEKS_FROM_1_SEPT_2015
    return REVIEW_WEEKS_BEFORE_1_SEPT_2015
