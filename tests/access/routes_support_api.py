"""Access cases (see cases.py for the format)."""

from tests.access.cases import Case

SUPPORT_API_CASES: list[Case] = []
