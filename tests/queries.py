"""Query-count helpers: list pages must run a constant number of queries as rows grow.

DESIGN "Data and scale": performance is measured by benchmarks, never by timed assertions;
tests assert query counts instead.
"""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(action: Callable[[], object]) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries), [q["sql"] for q in captured.captured_queries]


def assert_constant_queries(
    action: Callable[[], object], grow: Callable[[], object], rounds: int = 2
) -> int:
    """Run `action`, add rows with `grow`, run it again; the query count must not change.

    Returns the count so a test can also pin it (e.g. `== 9`) where that is useful.
    """
    action()  # warm up: sessions, content types and other one-off caches
    before, _ = count_queries(action)
    for _ in range(rounds):
        grow()
    after, sql = count_queries(action)
    assert before == after, (
        f"query count grew from {before} to {after} as rows were added "
        "(an N+1 query?). Queries:\n" + "\n".join(sql)
    )
    return after
