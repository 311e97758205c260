"""How much work is it? Counting what a person does to get a task done in the browser.

For each named task (`with steps.task("Invite a colleague"):`) a `StepCounter` counts:

- **page submissions**: navigation requests with method POST, i.e. the person pressed a button
  that sent a form and loaded the next page. Seen with the browser context's "request" event,
  so every page of the context counts, and background `fetch` calls (which are not
  navigations) and the GET that follows a POST-redirect-GET do not.
- **typed fields**: distinct form fields the person changed. A small script installed in every
  page of the context listens for `input` events (capture phase, so nothing in the page can
  stop it) and reports the field to the test through an exposed binding. A field is keyed by
  the browser context (the person), the page's path and the field's name (or id), so typing
  letter by letter, correcting a field or re-filling it after a validation error still counts
  once, a radio group counts as one choice, and the same field on two different pages (or
  filled in by two different people) counts twice. Because the page
  itself reports what changed, it does not matter whether a test uses `fill`, `type`,
  `check` or the keyboard: nothing a test does can slip past the count. Fields the page
  fills in for the person (hidden fields, defaults) raise no `input` event and are not
  counted.

Both the binding and the script go in through the DevTools protocol, which the app's Content
Security Policy does not govern, so the policy stays as strict as in production.

The `steps` fixture (tests/browser/conftest.py) records every task; at the end of the run
they are written to build/steps.json and printed as a table in the terminal summary.
"""

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

BINDING = "__opensendStepField"
# Ids and tokens in paths differ on every run; the summary should not.
VARYING = re.compile(r"/(?:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})(?=/)")
LISTENER = f"""
(() => {{
  if (window.__opensendStepsInstalled) return;
  window.__opensendStepsInstalled = true;
  document.addEventListener("input", (event) => {{
    const el = event.target;
    if (!el || !["INPUT", "SELECT", "TEXTAREA"].includes(el.tagName)) return;
    const key = location.pathname + "|" + (el.name || el.id || el.tagName);
    if (window.{BINDING}) window.{BINDING}(key);
  }}, true);
}})();
"""


@dataclass
class TaskSteps:
    task: str
    page_submissions: int = 0
    typed_fields: int = 0
    fields: list[str] = field(default_factory=list)
    test: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


class StepCounter:
    """Counts page submissions and typed fields per task, across one or more browser contexts."""

    def __init__(self, test: str = ""):
        self.test = test
        self.tasks: dict[str, TaskSteps] = {}
        self._current: TaskSteps | None = None
        self._contexts: list = []

    def watch(self, page_or_context) -> None:
        """Start counting in a browser context (or the context of a page), including pages
        already open."""
        context = getattr(page_or_context, "context", page_or_context)
        if any(context is seen for seen in self._contexts):
            return
        self._contexts.append(context)
        context.on("request", self._on_request)
        context.expose_binding(BINDING, self._on_field)
        context.add_init_script(LISTENER)
        for page in context.pages:
            page.evaluate(LISTENER)

    @contextmanager
    def task(self, name: str) -> Iterator[TaskSteps]:
        assert self._current is None, f"task {name!r} started inside {self._current.task!r}"
        assert name not in self.tasks, f"task {name!r} counted twice"
        self._current = self.tasks[name] = TaskSteps(task=name, test=self.test)
        try:
            yield self._current
            # Let the page report anything still in flight before the task closes.
            for context in self._contexts:
                for page in context.pages:
                    if not page.is_closed():
                        page.evaluate("0")
        finally:
            self._current = None

    def _on_request(self, request) -> None:
        if self._current and request.is_navigation_request() and request.method == "POST":
            self._current.page_submissions += 1

    def _on_field(self, source, field: str) -> None:
        person = next(
            (n for n, seen in enumerate(self._contexts, 1) if seen is source["context"]), 0
        )
        key = f"{person}:{VARYING.sub('/<id>', field)}"
        if self._current and key not in self._current.fields:
            self._current.fields.append(key)
            self._current.typed_fields = len(self._current.fields)


def markdown_table(tasks: list[dict]) -> str:
    lines = ["| task | page submissions | typed fields |", "|---|---:|---:|"]
    lines += [f"| {t['task']} | {t['page_submissions']} | {t['typed_fields']} |" for t in tasks]
    return "\n".join(lines)


def write_summary(tasks: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"tasks": tasks}, indent=2) + "\n", encoding="utf-8")
