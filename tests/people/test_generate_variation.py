"""The generator's EHC records vary (issue 12 "Demo and done"): good and bad months, schools
and needs, refusals, exceptions, late advice; and every school has an area.

One `--scale demo` run, frozen on a school day, shared by the read-only tests of the class and
rolled back after them (as tests/people/test_generate_workforce.py does). Determinism is
checked on two `small` runs (the variation pass runs at every scale).
"""

from collections import Counter, defaultdict
from datetime import date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from opensend.ehc.models import AdviceRequest, CaseException, Decision, EhcCase, PlanVersion
from opensend.law.assessment import AdviceKind
from opensend.law.dates import add_months, add_weeks
from opensend.law.ehc import ehc_timeline
from opensend.law.sen2 import within_20_weeks
from opensend.organisations.demo import load_demo_people
from opensend.organisations.models import Organisation
from opensend.people.generate.areas import LOCALITY_SETS, area_for

TODAY = date(2026, 11, 20)  # a Friday in the autumn term of 2026 to 2027
YEAR_AGO = date(2025, 12, 1)  # the last 12 whole or part months: December 2025 to November 2026


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
def today(demo_run, db):
    with time_machine.travel(f"{TODAY} 12:00", tick=False):
        yield TODAY


def _assess_decisions(since: date):
    return Decision.objects.filter(kind="assess", decided_on__gte=since, decided_on__lte=TODAY)


def _on_time_by_month(since: date) -> dict:
    """(year, month) -> [decisions to assess, of which within 6 weeks of the request]."""
    months = defaultdict(lambda: [0, 0])
    for received, decided in _assess_decisions(since).values_list("case__received", "decided_on"):
        month = months[(decided.year, decided.month)]
        month[0] += 1
        month[1] += decided <= add_weeks(received, 6)  # reg 5(1)
    return months


class TestDemoVariation:
    def test_every_school_has_an_area_from_its_councils_localities(self, today):
        schools = Organisation.objects.filter(kind="school")
        assert schools.count() >= 14
        assert not schools.filter(area="").exists()
        names = {name for localities in LOCALITY_SETS for name in localities}
        areas = Counter(schools.values_list("area", flat=True))
        assert set(areas) <= names
        assert len(areas) >= 5  # several localities in each council, each with schools

    def test_the_last_year_has_a_good_month_and_a_bad_month(self, today):
        months = _on_time_by_month(YEAR_AGO)
        shares = {key: on_time / n for key, (n, on_time) in months.items() if n >= 4}
        assert len(shares) >= 10
        assert max(shares.values()) >= 0.8
        assert min(shares.values()) <= 0.5
        # The backlog is in the winter and spring, the good months in the autumn.
        assert shares[(2026, 2)] < shares[(2026, 10)]

    def test_plans_within_20_weeks_vary_by_school(self, today):
        by_school = defaultdict(lambda: [0, 0])
        for received, issued, school in PlanVersion.objects.filter(
            status="issued", issued_on__gte=add_months(TODAY, -18), issued_on__lte=TODAY
        ).values_list("plan__case__received", "issued_on", "placement_id"):
            by_school[school][0] += 1
            by_school[school][1] += within_20_weeks(received, issued)
        shares = [on_time / n for n, on_time in by_school.values() if n >= 5]
        assert len(shares) >= 3
        assert max(shares) - min(shares) >= 0.25
        assert min(shares) < 0.8  # some plans are late

    def test_refusals_to_assess_and_not_to_issue_at_a_realistic_share(self, today):
        decisions = _assess_decisions(YEAR_AGO)
        refused = decisions.filter(agreed=False).count() / decisions.count()
        assert 0.15 <= refused <= 0.3  # England: about one in five (SEN2)
        issue = Decision.objects.filter(kind="issue", decided_on__gte=YEAR_AGO)
        not_issued = issue.filter(agreed=False).count() / issue.count()
        assert 0.02 <= not_issued <= 0.1  # about one in twenty

    def test_stages_match_the_decisions(self, today):
        refused = set(
            Decision.objects.filter(kind="assess", agreed=False).values_list("case_id", flat=True)
        )
        no_plan = set(
            Decision.objects.filter(kind="issue", agreed=False).values_list("case_id", flat=True)
        )
        assert refused == set(
            EhcCase.objects.filter(stage="not_assessing").values_list("pk", flat=True)
        )
        assert no_plan == set(
            EhcCase.objects.filter(stage="not_issuing").values_list("pk", flat=True)
        )
        closed = EhcCase.objects.filter(pk__in=refused | no_plan)
        assert not closed.filter(closed_on__isnull=True).exists()

    def test_exceptions_of_each_kind_on_a_few_percent_of_cases(self, today):
        kinds = Counter(CaseException.objects.values_list("kind", flat=True))
        assert {"personal_circumstances", "absence_from_area", "school_closure"} <= set(kinds)
        share = sum(kinds.values()) / EhcCase.objects.count()
        assert 0.02 <= share <= 0.1
        for case_received, start, end in CaseException.objects.values_list(
            "case__received", "start", "end"
        ):
            assert case_received <= start <= end <= TODAY

    def test_dates_obey_the_law_and_each_other(self, today):
        for case in EhcCase.objects.all():
            timeline = ehc_timeline(received=case.received)
            assert case.decision_to_assess_due == timeline.decision_to_assess_due
            assert case.final_plan_due == timeline.final_plan_due
            assert case.decision_not_to_issue_due == timeline.decision_not_to_issue_due
        for received, decided, request_received in Decision.objects.values_list(
            "case__received", "decided_on", "case__requests__received"
        ):
            assert received <= decided <= TODAY
            assert request_received in (None, received)
        issue_days = dict(
            Decision.objects.filter(kind="issue").values_list("case_id", "decided_on")
        )
        for case_id, submitted in AdviceRequest.objects.filter(
            status="submitted", case_id__in=list(issue_days)
        ).values_list("case_id", "submitted_at"):
            assert timezone.localtime(submitted).date() < issue_days[case_id]

    def test_educational_psychology_is_often_late_and_health_mostly_on_time(self, today):
        def late_share(kind: str) -> float:
            rows = AdviceRequest.objects.filter(kind=kind, status="submitted").values_list(
                "due", "submitted_at"
            )
            late = [timezone.localtime(at).date() > due for due, at in rows]
            return sum(late) / len(late)

        assert late_share(AdviceKind.PSYCHOLOGICAL) >= 0.4
        assert late_share(AdviceKind.MEDICAL) <= 0.2


def test_localities_are_dealt_round_each_council():
    assert [area_for(0, i) for i in range(5)] == [
        "North",
        "Central",
        "Coastal",
        "Rural East",
        "North",
    ]
    assert area_for(1, 0) == "City Centre"


def _snapshot() -> dict:
    return {
        "cases": sorted(
            (str(pk), received, stage)
            for pk, received, stage in EhcCase.objects.values_list("pk", "received", "stage")
        ),
        "decisions": sorted(
            (str(pk), day, agreed)
            for pk, day, agreed in Decision.objects.values_list("pk", "decided_on", "agreed")
        ),
        "exceptions": sorted(
            (str(pk), kind, start)
            for pk, kind, start in CaseException.objects.values_list("pk", "kind", "start")
        ),
        "advice": sorted(
            (str(pk), at)
            for pk, at in AdviceRequest.objects.values_list("pk", "submitted_at")
            if isinstance(at, datetime)
        ),
        "areas": sorted(Organisation.objects.values_list("name", "area")),
        "late": sum(
            decided > add_weeks(received, 6)
            for received, decided in _assess_decisions(date(2000, 1, 1)).values_list(
                "case__received", "decided_on"
            )
        ),
    }


@pytest.mark.django_db(transaction=False)
def test_the_same_seed_gives_the_same_variation():
    def run() -> dict:
        with transaction.atomic():
            with time_machine.travel(f"{TODAY} 12:00", tick=False):
                call_command(
                    "generate", "--scale", "small", "--academic-year", "2026", stdout=StringIO()
                )
            snapshot = _snapshot()
            transaction.set_rollback(True)
        return snapshot

    # The personas first: their ids are not generated (uuid4), and the generator's choices
    # follow them.
    load_demo_people(with_mfa=False)
    first = run()
    assert first == run()
    # The run does have refusals and late decisions to repeat.
    assert any(stage == "not_assessing" for _, _, stage in first["cases"])
    assert first["late"] > 0
