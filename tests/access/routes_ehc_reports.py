"""Access cases for the EHC timeliness report: an LA's SEND team sees its own figures only."""

from tests.access.cases import NORTH_LA, Case

SOUTH_LA = frozenset({"south_caseworker", "south_manager"})

EHC_REPORT_CASES: list[Case] = [
    Case("ehc_timeliness", NORTH_LA | SOUTH_LA, note="each LA sees only its own cases' figures"),
]
