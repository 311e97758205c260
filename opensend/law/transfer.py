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

import re
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from opensend.law.dates import add_months, add_weeks
from opensend.law.errors import LawInputError

INPUT_OPTION = "--input"
PHASE_KINDS: tuple[str, ...] = ("school", "post16")
PhaseKind = Literal["school", "post16"]
StatementId = str | int

# Weeks from the notice to the final plan, notice included (reference/statutory.md §4).
REVIEW_WEEKS_FROM_1_SEPT_2015 = 20  # TO-2015 (SI 2015/1619) arts 3–4: 2 weeks' notice + 18 weeks
REVIEW_WEEKS_BEFORE_1_SEPT_2015 = 16  # SI 2014/2270 arts 21–22 as made: 2 weeks' notice + 14 weeks

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
# The flow network, searched incrementally

_START = -1  # the new statement's own edges (the source side of an augmenting path)


class _Flow:
    """A feasible assignment of some statements to months, grown one augmenting path at a time.

    Nodes of the residual graph are (month, school) places, numbered month * schools + school,
    and months, numbered -(month + 2). A statement is not a node of its own: from a place, the
    residual edges through a statement j placed there lead to every place of the same school in
    months 0..last_month[j] ("move j there"), so a place reaches a prefix of its school's months,
    up to the largest last_month among the statements there that may move.
    """

    def __init__(
        self,
        schools: Sequence[int],
        last_months: Sequence[int],
        school_count: int,
        monthly_capacity: int,
        per_school: int,
    ) -> None:
        self.school_of = schools
        self.last_month = last_months
        self.schools = school_count
        self.capacity = monthly_capacity
        self.per_school = per_school
        months = max(last_months, default=-1) + 1
        self.month_of: list[int] = [-1] * len(schools)
        self.members: dict[int, list[int]] = {}  # place -> statements placed there
        self.month_count: list[int] = [0] * months
        # month -> schools with a statement placed there (an ordered set, for determinism)
        self.month_schools: list[dict[int, None]] = [{} for _ in range(months)]
        self.fixed: list[bool] = [False] * len(schools)

    # -- state ----------------------------------------------------------------------------

    def place(self, statement: int, month: int) -> None:
        school = self.school_of[statement]
        self.members.setdefault(month * self.schools + school, []).append(statement)
        self.month_count[month] += 1
        self.month_schools[month][school] = None
        self.month_of[statement] = month

    def remove(self, statement: int) -> None:
        month = self.month_of[statement]
        school = self.school_of[statement]
        key = month * self.schools + school
        people = self.members[key]
        people.remove(statement)
        if not people:
            del self.members[key]
            del self.month_schools[month][school]
        self.month_count[month] -= 1
        self.month_of[statement] = -1

    def _reach(self, place: int) -> int:
        """The last month a statement that may move out of `place` could move to (-1: none)."""
        best = -1
        for statement in self.members.get(place, ()):
            if not self.fixed[statement] and self.last_month[statement] > best:
                best = self.last_month[statement]
        return best

    # -- search -----------------------------------------------------------------------------

    def find_path(self, school: int, first_months: range, dead: set[int]) -> list[int] | None:
        """A shortest augmenting path for one more statement of `school` whose own edges go to
        the places in `first_months`, as the list of nodes from the first place to a place with
        room in a month with room; None if there is none (then every node seen is added to
        `dead`). Breadth-first, months in ascending order, so earlier places are tried first.
        """
        schools = self.schools
        per_school = self.per_school
        capacity = self.capacity
        members = self.members
        month_count = self.month_count
        parent: dict[int, int] = {}
        expanded_to: dict[int, int] = {}  # school -> its months 0..n already discovered
        queue: deque[int] = deque()

        def discover(place: int, previous: int) -> bool:
            if place in parent or place in dead:
                return False
            parent[place] = previous
            if len(members.get(place, ())) < per_school and (
                month_count[place // schools] < capacity
            ):
                return True
            queue.append(place)
            return False

        def path_to(place: int) -> list[int]:
            nodes = [place]
            while parent[nodes[-1]] != _START:
                nodes.append(parent[nodes[-1]])
            nodes.reverse()
            return nodes

        for month in first_months:
            place = month * schools + school
            if discover(place, _START):
                return path_to(place)
        if first_months:
            expanded_to[school] = first_months.stop - 1 if first_months.start == 0 else -1

        while queue:
            place = queue.popleft()
            month, place_school = divmod(place, schools)
            # The place has room: its flow may go on to the month, and if the month is full,
            # back from the month into another place that must then move a statement out.
            if len(members.get(place, ())) < per_school:
                month_node = -(month + 2)
                if month_node not in parent and month_node not in dead:
                    parent[month_node] = place
                    for other_school in self.month_schools[month]:
                        other = month * schools + other_school
                        if other in parent or other in dead or self._reach(other) < 0:
                            continue
                        if discover(other, month_node):
                            return path_to(other)
            # Move a statement placed here to another month of the same school.
            reach = self._reach(place)
            done = expanded_to.get(place_school, -1)
            if reach > done:
                for other_month in range(done + 1, reach + 1):
                    other = other_month * schools + place_school
                    if discover(other, place):
                        return path_to(other)
                expanded_to[place_school] = reach
        dead.update(parent)
        return None

    def augment(self, statement: int, path: list[int]) -> None:
        """Place `statement` at the path's first place and make the path's moves."""
        schools = self.schools
        moves: list[tuple[int, int]] = []
        previous = None
        for node in path:
            if node >= 0 and previous is not None and previous >= 0:
                # previous -> node is a move between two places of one school: of the
                # statements there that may go, move the one with the latest last month (then
                # the latest in input order), the one that keeps most choices.
                target_month = node // schools
                movers = [
                    j
                    for j in self.members[previous]
                    if not self.fixed[j] and self.last_month[j] >= target_month
                ]
                moves.append((max(movers, key=lambda j: (self.last_month[j], j)), target_month))
            previous = node
        for mover, target_month in moves:
            self.remove(mover)
            self.place(mover, target_month)
        self.place(statement, path[0] // schools)

    def add(self, statement: int, dead: set[int]) -> bool:
        """Schedule one more statement if a flow still exists (one augmenting path)."""
        last = self.last_month[statement]
        if last < 0:
            return False
        path = self.find_path(self.school_of[statement], range(last + 1), dead)
        if path is None:
            return False
        self.augment(statement, path)
        return True

    def settle_earliest(self, order: Sequence[int]) -> None:
        """Give each placed statement, in preference order, the earliest month it can have
        while every statement not yet settled keeps a place (statements already settled stay
        where they are). The result: the start months, read in preference order, are the
        lexicographically earliest of all schedules of these statements.
        """
        for statement in order:
            current = self.month_of[statement]
            if current < 0:
                continue
            school = self.school_of[statement]
            self.remove(statement)
            # Nothing changes between failed tries, so what could not reach room stays so.
            dead: set[int] = set()
            for month in range(current):
                path = self.find_path(school, range(month, month + 1), dead)
                if path is not None:
                    self.augment(statement, path)
                    break
            else:
                self.place(statement, current)
            self.fixed[statement] = True


def _schedules_everyone(
    schools: Sequence[int],
    last_months: Sequence[int],
    school_count: int,
    order: Sequence[int],
    monthly_capacity: int,
    per_school: int,
) -> bool:
    flow = _Flow(schools, last_months, school_count, monthly_capacity, per_school)
    dead: set[int] = set()
    return all(flow.add(statement, dead) for statement in order)


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
) -> TransferPlan:
    """Schedule a transfer review for every statement within the limits, or say how close we get.

    When no schedule exists, `schedule` holds a largest set of statements that can be scheduled,
    preferring earlier `due`, then input order, and `monthly_capacity_needed` the least monthly
    capacity (other limits unchanged) that would schedule them all, or None if none would.
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
    flow = _Flow(
        schools, last_months, len(school_index), monthly_capacity, max_per_school_per_month
    )
    dead: set[int] = set()
    kept = [i for i in order if flow.add(i, dead)]
    # Start months: the lexicographically earliest in preference order (see settle_earliest),
    # so the most urgent statement starts as early as it can, then the next, and so on.
    flow.settle_earliest(kept)

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
    if not _schedules_everyone(schools, last_months, school_count, order, count, per_school):
        return None  # the per-school limit binds
    low, high = 1, count  # high always works
    while low < high:
        middle = (low + high) // 2
        if _schedules_everyone(schools, last_months, school_count, order, middle, per_school):
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


# ---------------------------------------------------------------------------------------------
# Reading the JSON input

_TOP_KEYS = (
    "start",
    "deadline",
    "monthly_capacity",
    "max_per_school_per_month",
    "review_weeks",
    "statements",
)


def _object(
    value: object, where: str, required: Sequence[str], optional: Sequence[str] = ()
) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise LawInputError(INPUT_OPTION, f"{where} must be a JSON object")
    for key in required:
        if key not in value:
            raise LawInputError(INPUT_OPTION, f"{_field(where, key)} is missing")
    for key in value:
        if key not in required and key not in optional:
            raise LawInputError(INPUT_OPTION, f"{_field(where, str(key))} is not a known key")
    return value


def _field(where: str, key: str) -> str:
    return key if where == "the input" else f"{where}.{key}"


def _whole_number(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LawInputError(INPUT_OPTION, f"{field} must be a whole number, not {value!r}")
    return value


def _date(value: object, field: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise LawInputError(
            INPUT_OPTION, f"{field} must be a date in YYYY-MM-DD form, not {value!r}"
        )
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise LawInputError(INPUT_OPTION, f"{field} {value!r} is not a real date") from error


def _name(value: object, field: str) -> StatementId:
    if isinstance(value, bool) or not isinstance(value, (str, int)) or value == "":
        raise LawInputError(
            INPUT_OPTION, f"{field} must be a non-empty string or a whole number, not {value!r}"
        )
    return value


def _statement(value: object, index: int) -> Statement:
    where = f"statements[{index}]"
    data = _object(value, where, ("id", "school"), ("phase_transfer",))
    transfer = data.get("phase_transfer")
    phase: PhaseTransfer | None = None
    if transfer is not None:
        where_transfer = f"{where}.phase_transfer"
        transfer = _object(transfer, where_transfer, ("year", "kind"))
        year = _whole_number(transfer["year"], f"{where_transfer}.year")
        if not 1 <= year <= 9999:
            raise LawInputError(INPUT_OPTION, f"{where_transfer}.year {year} is not a real year")
        kind = transfer["kind"]
        if kind not in PHASE_KINDS:
            raise LawInputError(
                INPUT_OPTION, f"{where_transfer}.kind must be 'school' or 'post16', not {kind!r}"
            )
        phase = PhaseTransfer(year=year, kind=kind)
    return Statement(
        id=_name(data["id"], f"{where}.id"),
        school=_name(data["school"], f"{where}.school"),
        phase_transfer=phase,
    )


def plan_from_json(data: object) -> TransferPlan:
    """The rule applied to the parsed JSON input of `opensend law transfer-plan --input`."""
    top = _object(data, "the input", _TOP_KEYS)
    statements = top["statements"]
    if not isinstance(statements, list):
        raise LawInputError(INPUT_OPTION, "statements must be a JSON list")
    return plan_transfers(
        start=_date(top["start"], "start"),
        deadline=_date(top["deadline"], "deadline"),
        monthly_capacity=_whole_number(top["monthly_capacity"], "monthly_capacity"),
        max_per_school_per_month=_whole_number(
            top["max_per_school_per_month"], "max_per_school_per_month"
        ),
        review_weeks=_whole_number(top["review_weeks"], "review_weeks"),
        statements=[_statement(item, index) for index, item in enumerate(statements)],
    )
