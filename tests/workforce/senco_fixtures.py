"""Shared for the SENCO tests: a week of SENCO time that passes every check, and a record."""

from decimal import Decimal

import pytest

from opensend.workforce.services.senco import senco_time_record

GOOD_HOURS = {
    "teaching_hours": Decimal(20),
    "senco_hours": Decimal(8),
    "other_leadership_hours": Decimal(2),
    "senco_hours_taken_from_leadership": Decimal(0),
    "ppa_hours": Decimal(2),
    "senco_duties_in_ppa_hours": Decimal(0),
    "admin_support_hours": Decimal("2.5"),
}
DEPUTY = [{"role": "Deputy head", "leadership_hours": Decimal(8)}]


@pytest.fixture
def record_time(demo, oak_staff):
    def _record(year=2026, term="autumn", staff="oak_senco", actor="oak_senco", **changes):
        return senco_time_record(
            actor=demo[actor],
            staff=oak_staff[staff],
            academic_year=year,
            term=term,
            hours={**GOOD_HOURS, **changes},
            senior_roles=DEPUTY,
        )

    return _record
