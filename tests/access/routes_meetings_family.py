"""Access cases (see cases.py for the format)."""

from tests.access.cases import Case

MEETING_FAMILY_CASES: list[Case] = []
