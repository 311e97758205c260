"""Browser tests: headless Debian Chromium driven by Playwright against Django's live server.

Never `playwright install` (it downloads browsers); the system's Chromium is used, and without
it these tests are skipped (CI installs the `chromium` package).
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread, and Django refuses ORM calls
# from a thread with a running loop unless told that this is safe. Here it is: the loop only
# drives the browser.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from opensend.organisations.demo import load_demo_people
from opensend.people.demo import load_demo_children  # noqa: E402
from tests.access.test_matrix import world  # noqa: E402, F401  (the matrix's test world)
from tests.browser import report  # noqa: E402
from tests.browser.steps import StepCounter  # noqa: E402

HERE = Path(__file__).parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.access(found, os.X_OK) else None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright):
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Open further browser contexts (separate cookie jars: another person, another device).

    Each gets the live server as its base URL; all are closed at the end of the test.
    """
    contexts = []

    def _new_context(**options):
        context = browser.new_context(base_url=live_server.url, locale="en-GB", **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield _new_context
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def demo(live_server, transactional_db):
    """Every demo organisation and person, keyed by persona, in the database the live server
    reads: a transactional database, since the server answers from another thread.

    Overrides tests/conftest.py's `demo`, so fixtures built on it (such as the access matrix's
    `world`) work here unchanged.
    """
    people = load_demo_people()
    return {**people, **load_demo_children(people)}


@pytest.fixture
def steps(request):
    """Count page submissions and typed fields per task; reported at the end of the run."""
    counter = StepCounter(test=request.node.nodeid)
    yield counter
    # Only a journey that got to the end has counts worth reporting.
    if getattr(request.node, "browser_call_passed", False):
        report.record(request.config, [task.as_dict() for task in counter.tasks.values()])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    result = yield
    if result.when == "call":
        item.browser_call_passed = result.passed
    return result


def pytest_configure(config):
    if not config.pluginmanager.has_plugin("tests.browser.report"):
        config.pluginmanager.register(report, "tests.browser.report")
