import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from opensend.organisations.demo import load_demo_people
from opensend.people.demo import load_demo_children
from tests.signin import sign_in

# Property tests are judged on what they find, not how fast: a first call that loads the bank
# holiday tables can take longer than hypothesis's default 200 ms on a busy 2-core machine.
# The bounded example count keeps `make test` within its time budget (DESIGN "Conventions").
hypothesis_settings.register_profile("opensend", deadline=None, max_examples=100)
hypothesis_settings.load_profile("opensend")

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
    """Every demo organisation, person and named child, keyed (see tests/personas.py).

    Children: "ava" (EHC plan, Oakfield, north_parent's daughter), "leo" (SEN support,
    Oakfield), "mia" (SEN support, Hillside), "zara" (EHC plan, Riverside, south_parent's son)
    and "jordan" (17, EHC plan, Hillside, with his own account: north_young_person).
    """
    people = load_demo_people()
    return {**people, **load_demo_children(people)}


@pytest.fixture
def signed_in(client, demo):
    """Sign the test client in as a persona through the real sign-in and MFA screens."""

    def _sign_in(persona: str):
        sign_in(client, demo[persona])
        return client

    return _sign_in
