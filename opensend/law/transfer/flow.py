"""The flow network behind `transfer-plan`, searched one augmenting path at a time.

Split from plan.py to keep each module readable; the reasoning is in the docstrings.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

# ---------------------------------------------------------------------------------------------
# The flow network, searched incrementally

_START = -1  # the new statement's own edges (the source side of an augmenting path)


class ReviewFlow:
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


def schedules_everyone(
    schools: Sequence[int],
    last_months: Sequence[int],
    school_count: int,
    order: Sequence[int],
    monthly_capacity: int,
    per_school: int,
) -> bool:
    flow = ReviewFlow(schools, last_months, school_count, monthly_capacity, per_school)
    dead: set[int] = set()
    return all(flow.add(statement, dead) for statement in order)


# ---------------------------------------------------------------------------------------------
# Levelling (issue 9, item 4: "levelled across the months rather than packed early")


def level_months(
    month_of: list[int],
    least_urgent_first: Sequence[int],
    schools: Sequence[int],
    last_months: Sequence[int],
    targets: Sequence[int],
    per_school: int,
) -> None:
    """Spread the placed statements evenly over the months, in place, keeping every limit.

    `month_of[j]` is statement j's month (every statement in `least_urgent_first` is placed, and
    the placement already meets the monthly capacity and the per-school limit); j may move to
    any month 0..last_months[j] (its due date). The rule, repeated until nothing moves: take
    the statements least urgent first, and move each one from its month (load a) to the month
    it may take with the least load b, if b + 1 < a and its school has room there. Ties go to
    the month with fewest of its own school's reviews (so each school's are spread too), then
    the month nearest `targets[j]` (its share of the programme in urgency order, so a sparse
    programme is spread out too, not just one a month from the start), then the earlier month.

    Why this way: it keeps every limit (a month only ever gains a review when it has at least
    two fewer than the month losing one, so never goes over the monthly capacity; the school's
    room is checked; a statement never goes past its own last month), and it stops: each move
    lowers the sum of the squared monthly loads by at least 2. Moving the least urgent first
    leaves the urgent (phase-transfer) children early, where they are often the only ones that
    fit. When nothing else binds (the same due dates, schools with room) it ends with every
    month's load within one of every other's. It is a local search, not an exact optimum: a
    month held only by urgent reviews may end one above an even share when only a chain of
    moves through another month could lower it. Deterministic: no randomness, fixed orders.
    """
    if not least_urgent_first:
        return
    months = max(last_months[j] for j in least_urgent_first) + 1
    school_count = max(schools[j] for j in least_urgent_first) + 1
    load = [0] * months
    at_place: dict[int, int] = {}
    for j in least_urgent_first:
        load[month_of[j]] += 1
        key = month_of[j] * school_count + schools[j]
        at_place[key] = at_place.get(key, 0) + 1

    moved = True
    while moved:
        moved = False
        for j in least_urgent_first:
            current = month_of[j]
            most = load[current] - 2  # a month may receive j only if its load is at most this
            if most < 0:
                continue
            school = schools[j]
            target = targets[j]
            best = -1
            best_key: tuple[int, int, int, int] | None = None
            for month in range(last_months[j] + 1):
                room = load[month]
                same_school = at_place.get(month * school_count + school, 0)
                if room > most or same_school >= per_school:
                    continue
                key = (room, same_school, abs(month - target), month)
                if best_key is None or key < best_key:
                    best, best_key = month, key
            if best < 0:
                continue
            load[current] -= 1
            load[best] += 1
            at_place[current * school_count + school] -= 1
            new_place = best * school_count + school
            at_place[new_place] = at_place.get(new_place, 0) + 1
            month_of[j] = best
            moved = True
