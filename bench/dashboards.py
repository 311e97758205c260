"""Time the dashboards on generated data: queries run and wall time per builder.

    .venv/bin/python bench/dashboards.py [--scale small|demo|large-la] [--runs 3]

Generates the scale into a temporary SQLite file (or into the database DATABASE_URL names, if
set: the generator fills a database once, so a second run there reuses what it holds), then
builds each dashboard `--runs` times for the first demo council and its first school, and
prints the number of queries and the median wall time of each. The results are written to
build/bench-dashboards.json as well, so two runs can be compared.

A benchmark, not a test: wall time depends on the machine, so no test asserts it. The tests
assert what does not (tests/queries.py: a dashboard's queries do not grow with its cases).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "build" / "bench-dashboards.json"
SCALES = ("small", "demo", "large-la")


@dataclass
class Result:
    builder: str
    queries: int | None = None
    median_seconds: float | None = None
    runs: list[float] | None = None
    skipped: str = ""  # why it was not timed (its builder could not be imported)


def _django(sqlite_path: str | None) -> None:
    if sqlite_path and not os.environ.get("DATABASE_URL"):
        os.environ["OPENSEND_SQLITE_PATH"] = sqlite_path
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _generate(scale: str) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", "--no-input", verbosity=0)
    call_command("generate", "--scale", scale, stdout=StringIO())
    return time.perf_counter() - started


def _touch(report) -> None:
    """Read every table's rows, so a builder that returns lazy querysets is timed in full."""
    for section in getattr(report, "sections", ()) or ():
        for table in getattr(section, "tables", ()) or ():
            list(getattr(table, "rows", ()) or ())


def _builders(today) -> list[tuple[str, Callable[[], object] | str]]:
    """(name, a function building it once) per dashboard, or (name, why it is skipped). The
    dashboards are imported here, not at the top, so the bench runs before all exist."""
    from opensend.organisations.demo import load_demo_people

    people = load_demo_people(with_mfa=False)
    la, school = people["north_la"], people["north_oak"]
    builders: list[tuple[str, Callable[[], object] | str]] = []

    try:
        from opensend.reports.la_dashboard import build_la_dashboard, parse_filters
    except ImportError as error:
        builders.append(("LA dashboard", f"not available ({error})"))
    else:
        filters, _ = parse_filters({}, la, today)  # the default period: the last 12 months
        builders.append(
            ("LA dashboard", lambda: build_la_dashboard(la, today=today, filters=filters))
        )
    try:
        from opensend.reports.school_dashboard import (
            build_governors_dashboard,
            build_school_dashboard,
        )
    except ImportError as error:
        builders.append(("School dashboard", f"not available ({error})"))
        builders.append(("Governors' dashboard", f"not available ({error})"))
    else:
        builders.append(("School dashboard", lambda: build_school_dashboard(school, today=today)))
        builders.append(
            ("Governors' dashboard", lambda: build_governors_dashboard(school, today=today))
        )
    try:
        from opensend.ehc.models import EhcCase
        from opensend.ehc.reports import timeliness
    except ImportError as error:
        builders.append(("EHC timeliness", f"not available ({error})"))
    else:
        cases = EhcCase.objects.filter(local_authority=la)
        builders.append(("EHC timeliness", lambda: timeliness(cases, today=today)))
    try:
        from opensend.people.census import next_spring_census_day
        from opensend.reports.sen2 import build_sen2
    except ImportError as error:
        builders.append(("SEN2 return", f"not available ({error})"))
    else:
        census = next_spring_census_day(today)
        builders.append(("SEN2 return", lambda: build_sen2(local_authority=la, census_date=census)))
    return builders


def _time(name: str, build: Callable[[], object], runs: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    seconds, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            _touch(build())
            seconds.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    rounded = [round(s, 4) for s in seconds]
    return Result(name, queries, round(statistics.median(seconds), 4), rounded)


def _table(results: list[Result]) -> str:
    lines = [f"{'Dashboard':<24} {'Queries':>8} {'Median (s)':>11}"]
    for r in results:
        if r.skipped:
            lines.append(f"{r.builder:<24} skipped: {r.skipped}")
        else:
            lines.append(f"{r.builder:<24} {r.queries:>8} {r.median_seconds:>11.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=SCALES, default="small")
    parser.add_argument("--runs", type=int, default=3, help="runs per dashboard (the median)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="opensend-bench-") as folder:
        _django(str(Path(folder) / "bench.sqlite3"))
        from django.db import connection
        from django.utils import timezone

        print(f"Generating --scale {args.scale} on {connection.vendor}...", flush=True)
        generate_seconds = _generate(args.scale)
        today = timezone.localdate()
        results = []
        for name, build in _builders(today):
            if isinstance(build, str):
                print(f"{name}: skipped, {build}", flush=True)
                results.append(Result(name, skipped=build))
            else:
                results.append(_time(name, build, args.runs))
        print(f"\nGenerated in {generate_seconds:.1f} s; each dashboard built {args.runs} times.")
        print(_table(results))
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(
            json.dumps(
                {
                    "scale": args.scale,
                    "database": connection.vendor,
                    "today": today.isoformat(),
                    "runs": args.runs,
                    "generate_seconds": round(generate_seconds, 2),
                    "results": [asdict(r) for r in results],
                },
                indent=2,
            )
            + "\n"
        )
        print(f"Written to {RESULTS.relative_to(ROOT)}")
        connection.close()  # before the temporary folder (and its SQLite file) goes
    return 0


if __name__ == "__main__":
    sys.exit(main())
