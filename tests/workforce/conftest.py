"""Fixtures for the workforce tests: Oakfield's staff list, time frozen on a Monday in term.

`oak_staff` holds the staff members keyed by persona (oak_senco, oak_head, oak_teacher,
oak_ta, all linked to their accounts) and two teachers with no OpenSEND account
("teacher_no_account_1", "teacher_no_account_2"): most teachers never sign in, yet the Code of
Practice briefing is for every one of them.
"""

from datetime import datetime
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from opensend.workforce.models import Job, StaffMember

# Monday 2 November 2026, 10:00 UK time: autumn term, academic year 2026 to 2027.
FROZEN_AT = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def oak(demo):
    return demo["north_oak"]


def _member(school, name, job, user=None, email="", hours=0):
    return StaffMember.objects.create(
        school=school,
        full_name=name,
        job=job,
        user=user,
        email=email or (user.email if user else ""),
        key_worker_hours=Decimal(hours),
    )


@pytest.fixture
def oak_staff(demo, oak):
    return {
        "oak_senco": _member(oak, "Sarah Collins", Job.SENCO, demo["oak_senco"], hours=2),
        "oak_head": _member(oak, "Helen Price", Job.HEAD, demo["oak_head"]),
        "oak_teacher": _member(oak, "James Turner", Job.TEACHER, demo["oak_teacher"], hours=3),
        "oak_ta": _member(oak, "Amira Hassan", Job.TEACHING_ASSISTANT, demo["oak_ta"], hours=5),
        "teacher_no_account_1": _member(
            oak, "Priya Nair", Job.TEACHER, email="priya.nair@oakfield.example"
        ),
        "teacher_no_account_2": _member(oak, "Tom Fielding", Job.TEACHER),
    }
