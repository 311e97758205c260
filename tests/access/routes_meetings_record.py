"""Access cases (see cases.py for the format)."""

from tests.access.cases import Case

MEETING_RECORD_CASES: list[Case] = []
