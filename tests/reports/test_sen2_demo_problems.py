"""The demo data hold a few deliberate slips (opensend.people.generate.sen2_problems) and the
demo councils' SEN2 returns find exactly those; the pages showing those records still work.
One `--scale demo` run shared by the class, rolled back after it."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.ehc.models import PlanVersion
from opensend.law import sen2 as law
from opensend.organisations.demo import load_demo_people
from opensend.people.generate.sen2_problems import NO_URN_SETTING, PROBLEMS
from opensend.people.models import Child
from opensend.reports.sen2 import build_sen2
from tests.signin import sign_in

TODAY = date(2026, 11, 20)
CENSUS = date(2027, 1, 21)  # the third Thursday of January 2027, the page's default
PLANTED = Counter({law.PLAN_NO_PLACEMENT: 1, law.PLACEMENT_NO_URN: 1, law.MISSING_UPN: 1})


@pytest.fixture(scope="class")
def demo_run(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(f"{TODAY} 12:00", tick=False):
            call_command(
                "generate", "--scale", "demo", "--academic-year", "2026", stdout=StringIO()
            )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def generated(demo_run, db):
    return load_demo_people(with_mfa=False)


def _planted(la) -> list[tuple[str, str]]:
    """(problem, record id) of the generator's audit rows for one council's slips."""
    rows = AuditEvent.objects.filter(
        organisation_id=la.pk, note="generated", new_values__has_key="sen2_problem"
    ).values_list("new_values", "record_id")
    return sorted((values["sen2_problem"], record_id) for values, record_id in rows)


def _failures(la, census=CENSUS):
    return build_sen2(local_authority=la, census_date=census).failures


class TestPlantedProblems:
    @pytest.mark.parametrize("key", ["north_la", "south_la"])
    def test_each_demo_council_gets_one_of_each_planted_problem(self, generated, key):
        assert sorted(problem for problem, _ in _planted(generated[key])) == sorted(PROBLEMS)

    @pytest.mark.parametrize("census", [date(2026, 1, 15), CENSUS])
    @pytest.mark.parametrize("key", ["north_la", "south_la"])
    def test_the_return_lists_exactly_the_planted_problems(self, generated, key, census):
        failures = _failures(generated[key], census)
        # Exactly the planted problems: the rest of the generated data is a clean return.
        assert Counter(f.code for f in failures) == PLANTED

    def test_each_failure_points_at_the_planted_record(self, generated):
        la = generated["north_la"]
        planted = dict(_planted(la))
        failures = {f.code: f for f in _failures(la)}
        assert failures[law.MISSING_UPN].child_key == planted["person_upn"]
        for code in (law.PLAN_NO_PLACEMENT, law.PLACEMENT_NO_URN):
            version = PlanVersion.objects.select_related("plan").get(pk=planted[code])
            assert failures[code].case_key == str(version.plan.case_id)
        no_urn = PlanVersion.objects.get(pk=planted[law.PLACEMENT_NO_URN])
        assert no_urn.placement is None and no_urn.placement_name == NO_URN_SETTING
        assert Child.objects.get(pk=planted["person_upn"]).upn == ""

    def test_the_pages_showing_the_planted_records_work(self, generated, client):
        la = generated["north_la"]
        planted = dict(_planted(la))
        sign_in(client, generated["north_caseworker"])
        for code in (law.PLAN_NO_PLACEMENT, law.PLACEMENT_NO_URN):
            version = PlanVersion.objects.select_related("plan").get(pk=planted[code])
            for url in (
                reverse("ehc_plan_version", args=[version.pk]),
                reverse("ehc_case", args=[version.plan.case_id]),
            ):
                assert client.get(url).status_code == 200, url
        child = planted["person_upn"]
        assert client.get(reverse("child_detail", args=[child])).status_code == 200
        page = client.get(reverse("sen2_return", args=[la.pk]), {"date": CENSUS.isoformat()})
        assert page.status_code == 200
        html = page.content.decode()
        assert "No UPN is recorded" in html
        assert "names no school or setting" in html
        assert "has no URN" in html

    def test_the_school_census_pages_show_the_child_with_no_upn(self, generated, client):
        """Northshire's child with no UPN is on Oakfield's roll: the school's census pages
        still open with a blank UPN among its pupils."""
        child = Child.objects.get(pk=dict(_planted(generated["north_la"]))["person_upn"])
        oak = generated["north_oak"]
        assert child.enrolments.filter(school=oak, end__isnull=True).exists()
        sign_in(client, generated["oak_senco"])
        for name in ("census_check", "census_export"):
            page = client.get(reverse(name, args=[oak.pk]))
            assert page.status_code == 200, name
