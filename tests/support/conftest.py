"""Fixtures for the support plan tests (the data itself is in plans.py)."""

import pytest
import time_machine

from tests.support.plans import make_active_plan


@pytest.fixture
def frozen():
    with time_machine.travel("2026-03-02 10:00", tick=False) as traveller:
        yield traveller


@pytest.fixture
def active_plan(demo, frozen):
    """Leo's first plan: three outcomes, provision for two of them and one for none."""
    return make_active_plan(demo)
