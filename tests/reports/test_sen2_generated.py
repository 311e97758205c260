"""The SEN2 return on the generator's data (`--scale small`): it builds, every record is valid
XML, and the checks find what the data holds. One generator run shared by the class, rolled back
after it (as tests/ehc/test_generate.py does)."""

import xml.etree.ElementTree as ET
from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opensend.law import sen2 as law
from opensend.organisations.demo import load_demo_people
from opensend.reports.sen2 import build_sen2
from opensend.reports.sen2_xml import sen2_xml
from tests.queries import count_queries

TODAY = date(2026, 11, 20)
CENSUS = date(2027, 1, 21)  # the third Thursday of January 2027


@pytest.fixture(scope="class")
def small_run(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(f"{TODAY} 12:00", tick=False):
            call_command(
                "generate", "--scale", "small", "--academic-year", "2026", stdout=StringIO()
            )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def small(small_run, db):
    return load_demo_people(with_mfa=False)


class TestGeneratedReturn:
    def test_the_demo_councils_return_builds_in_a_few_queries(self, small):
        queries, _ = count_queries(
            lambda: build_sen2(local_authority=small["north_la"], census_date=CENSUS)
        )
        sen2 = build_sen2(local_authority=small["north_la"], census_date=CENSUS)
        assert queries <= 7
        counts = sen2.counts
        assert counts["1"] > 0 and counts["2"] > 0 and counts["3"] > 0, counts
        outcomes = {r.outcome for r in sen2.requests}
        assert {law.REQUEST_ASSESSED, law.REQUEST_REFUSED, law.REQUEST_ONGOING} <= outcomes

    def test_every_record_is_in_the_xml(self, small):
        sen2 = build_sen2(local_authority=small["north_la"], census_date=CENSUS)
        root = ET.fromstring(sen2_xml(sen2, generated=datetime(2026, 11, 20, 12)))
        assert len(root.findall("Persons/Person")) == len(sen2.persons)
        assert len(root.findall("Persons/Person/Requests/Request")) == len(sen2.requests)

    def test_each_failure_belongs_to_a_person_and_case_in_the_return(self, small):
        sen2 = build_sen2(local_authority=small["north_la"], census_date=CENSUS)
        cases = {r.case_key for r in sen2.requests}
        people = {p.child_key for p in sen2.persons}
        for failure in sen2.failures:
            assert failure.child_key in people and failure.case_key in cases
