"""Access cases (see cases.py for the format)."""

from tests.access.cases import Case

PASSPORT_CASES: list[Case] = []
