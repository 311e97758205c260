"""Access cases (see cases.py for the format)."""

from tests.access.cases import Case

PROVISION_CASES: list[Case] = []
