import pytest
from django.core.cache import cache

from opensend.organisations.demo import load_demo_people
from tests.signin import sign_in

# The browser journeys' "how much work is it?" table, printed however the suite is run.
pytest_plugins = ["tests.browser.report"]


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and used-TOTP markers live in the cache; each test starts afresh.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    """Every demo organisation and person, keyed by persona (see tests/personas.py)."""
    return load_demo_people()


@pytest.fixture
def signed_in(client, demo):
    """Sign the test client in as a persona through the real sign-in and MFA screens."""

    def _sign_in(persona: str):
        sign_in(client, demo[persona])
        return client

    return _sign_in
