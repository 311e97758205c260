"""Pytest plugin: gathers the step counts of every journey and reports them at the end of a run.

Registered by tests/browser/conftest.py. The counts are written to build/steps.json and
printed as a table in the terminal summary.

Under pytest-xdist each worker merges its counts into build/steps.json itself (under a file
lock, keyed by the run's id), so the file is complete however the suite is run. The table is
printed by the controller, which only has this plugin if it was loaded there too: that happens
when the run names tests/browser (its conftest is then read at start-up), or when the plugin is
registered for the whole suite (`pytest_plugins = ["tests.browser.report"]` in
tests/conftest.py).
"""

import fcntl
import json
from pathlib import Path

import pytest

from tests.browser.steps import markdown_table

STEPS_KEY = pytest.StashKey[list]()
STEPS_JSON = Path("build") / "steps.json"


def record(config, tasks: list[dict]) -> None:
    config.stash.setdefault(STEPS_KEY, []).extend(tasks)


def recorded(config) -> list[dict]:
    return sorted(config.stash.get(STEPS_KEY, []), key=lambda task: task["test"])


def merge_into(path: Path, run: str | None, tasks: list[dict]) -> list[dict]:
    """Add `tasks` to the summary file for this run (replacing any earlier run's); return all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            summary = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            summary = {}
        known = summary.get("tasks", []) if run and summary.get("run") == run else []
        seen = {(task["test"], task["task"]) for task in tasks}
        merged = [t for t in known if (t["test"], t["task"]) not in seen] + tasks
        merged.sort(key=lambda task: task["test"])
        path.write_text(
            json.dumps({"run": run, "tasks": merged}, indent=2) + "\n", encoding="utf-8"
        )
    return merged


def pytest_sessionfinish(session):
    config = session.config
    tasks = recorded(config)
    if hasattr(config, "workerinput"):  # an xdist worker
        config.workeroutput["opensend_steps"] = json.dumps(tasks)
        if tasks:
            merge_into(config.rootpath / STEPS_JSON, config.workerinput.get("testrunuid"), tasks)
    elif tasks:
        merge_into(config.rootpath / STEPS_JSON, None, tasks)  # the whole run: replace the file


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    record(node.config, json.loads(getattr(node, "workeroutput", {}).get("opensend_steps", "[]")))


def pytest_terminal_summary(terminalreporter, config):
    tasks = recorded(config)
    if tasks:
        terminalreporter.section("How much work is it? (tests/browser/steps.py)")
        terminalreporter.write_line(markdown_table(tasks))
        terminalreporter.write_line(f"Written to {STEPS_JSON}")
