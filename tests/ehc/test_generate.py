"""The generator's EHC needs assessment cases: every stage, the law's dates, the demo's people.

One `--scale small` run, frozen on a school day, shared by the read-only tests of a class (as
tests/people/test_generate.py does) and rolled back after them.
"""

import random
from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opensend.core.models import AuditEvent
from opensend.ehc.letters import missing_elements
from opensend.ehc.models import (
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    AssessmentRequest,
    CaseException,
    CaseStage,
    Decision,
    EhcCase,
    Letter,
)
from opensend.ehc.selectors import advice_for_responder, la_cases, school_cases
from opensend.ehc.services import next_statutory_step
from opensend.law.assessment import advice_due
from opensend.law.ehc import ehc_timeline
from opensend.organisations.demo import load_demo_people
from opensend.people.demo import CHILDREN
from opensend.people.generate import ehc_cases
from opensend.people.generate.ehc_cases import Candidate, plan_cases

TODAY = date(2026, 11, 20)
NAMED_UPNS = {child.upn for child in CHILDREN}


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", "--scale", "small", "--academic-year", "2026", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def small_run(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(f"{TODAY} 12:00", tick=False):
            generate()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def small(small_run, db):
    return {key: value for key, value in load_demo_people(with_mfa=False).items()}


@pytest.fixture
def today():
    with time_machine.travel(f"{TODAY} 12:00", tick=False):
        yield TODAY


class TestSmallScale:
    def test_cases_at_every_stage_in_each_local_authority(self, small, today):
        for la in ("north_la", "south_la"):
            cases = EhcCase.objects.filter(local_authority=small[la])
            stages = Counter(cases.values_list("stage", flat=True))
            assert {
                CaseStage.REQUESTED,
                CaseStage.ASSESSING,
                CaseStage.DRAFTING,
                CaseStage.NOT_ASSESSING,
                CaseStage.NOT_ISSUING,
            } <= set(stages), (la, stages)
        requested = EhcCase.objects.filter(stage=CaseStage.REQUESTED)
        assert requested.filter(decision_to_assess_due__gte=today).exists()  # on time
        assert requested.filter(decision_to_assess_due__lt=today).exists()  # overdue

    def test_assessments_have_advice_partly_in_and_some_overdue(self, small, today):
        assessing = AdviceRequest.objects.filter(case__stage=CaseStage.ASSESSING)
        assert assessing.filter(status=AdviceStatus.SUBMITTED).exists()
        assert assessing.filter(status=AdviceStatus.REQUESTED, due__gte=today).exists()
        assert assessing.filter(status=AdviceStatus.REQUESTED, due__lt=today).exists()
        # Just decided: the advice requests wait to be sent, the letter to be read.
        assert assessing.filter(status=AdviceStatus.DRAFT, due=None).exists()
        assert Letter.objects.filter(sent_at=None, case__stage=CaseStage.ASSESSING).exists()
        # Given advice has its words; the minimum of reg 6(1) is asked in each case.
        given = assessing.filter(status=AdviceStatus.SUBMITTED).first()
        assert given.needs and given.submitted_at
        for case in EhcCase.objects.filter(stage=CaseStage.ASSESSING):
            kinds = set(case.advice_requests.values_list("kind", flat=True))
            assert {"family", "educational", "medical", "psychological", "social_care"} <= kinds

    def test_exceptions_are_recorded_and_never_move_a_date(self, small):
        exceptions = CaseException.objects.select_related("case")
        assert exceptions.exists()
        for exception in exceptions:
            case = exception.case
            assert exception.start >= case.received and exception.end >= exception.start
            timeline = ehc_timeline(received=case.received)
            assert case.final_plan_due == timeline.final_plan_due
            if exception.kind == "missed_appointment":
                assert exception.start == exception.end
                assert exception.advice_request.case_id == case.pk

    def test_refusals_give_reasons_in_a_sent_letter_with_every_required_element(self, small):
        refusals = Decision.objects.filter(agreed=False).select_related("letter", "case")
        assert {d.kind for d in refusals} == {"assess", "issue"}
        for decision in refusals:
            assert decision.reasons
            letter = decision.letter
            assert letter.is_sent and letter.body_html
            assert missing_elements(decision, letter.body_html) == []
            assert decision.case.closed_on == decision.decided_on
            assert decision.case.next_step == "" and decision.case.next_due is None

    def test_dates_come_from_the_law_and_the_next_step_from_the_services(self, small):
        for case in EhcCase.objects.all():
            timeline = ehc_timeline(received=case.received)
            assert case.decision_to_assess_due == timeline.decision_to_assess_due
            assert case.decision_not_to_issue_due == timeline.decision_not_to_issue_due
            assert case.final_plan_due == timeline.final_plan_due
            assert (case.next_step, case.next_due) == next_statutory_step(case)
            for decision in case.decisions.all():
                assert decision.decided_on >= case.received
        for advice in AdviceRequest.objects.exclude(requested_on=None):
            assert advice.due == advice_due(advice.requested_on)
            if advice.submitted_at:
                assert advice.submitted_at.date() >= advice.requested_on

    def test_each_case_has_its_request_and_an_audit_row(self, small):
        cases = EhcCase.objects.count()
        assert AssessmentRequest.objects.count() == cases
        assert (
            AuditEvent.objects.filter(
                record_type="ehc.ehccase", note__startswith="generated"
            ).count()
            == cases
        )
        kinds = set(AssessmentRequest.objects.values_list("requester_kind", flat=True))
        assert kinds == {"school", "parent"}
        school = AssessmentRequest.objects.filter(requester_kind="school").first()
        assert school.school_id and school.what_is_new and school.family_agrees

    def test_the_demo_people_have_cases_to_work_on(self, small, today):
        caseworker = small["north_caseworker"]
        mine = la_cases(caseworker).filter(caseworker=caseworker)
        assert mine.filter(stage__in=["requested", "assessing", "drafting"]).exists()
        assert la_cases(caseworker).filter(caseworker=None, stage="requested").exists()
        assert not la_cases(caseworker).filter(local_authority=small["south_la"]).exists()
        ep = advice_for_responder(small["north_ep"]).filter(status=AdviceStatus.REQUESTED)
        assert ep.exists()
        assert advice_for_responder(small["north_health"]).exists()
        for senco in ("oak_senco", "hill_senco"):
            owed = advice_for_responder(small[senco]).filter(
                status=AdviceStatus.REQUESTED, kind=AdviceKind.EDUCATIONAL
            )
            assert owed.count() >= 2, senco
            assert school_cases(small[senco]).count() >= 2

    def test_the_named_children_have_no_case(self, small):
        assert not EhcCase.objects.filter(child__upn__in=NAMED_UPNS).exists()

    def test_plans_are_written_served_issued_on_time_and_late_and_in_versions(self, small):
        from opensend.ehc.models import EhcPlan, PlanVersion

        statuses = Counter(PlanVersion.objects.values_list("status", flat=True))
        assert statuses["draft"] and statuses["served"] and statuses["issued"]
        issued = PlanVersion.objects.filter(status="issued").select_related("plan__case")
        on_time = [v.issued_on <= v.plan.case.final_plan_due for v in issued]
        assert True in on_time and False in on_time  # reg 13(2): 20 weeks
        assert EhcPlan.objects.filter(versions__number=3).exists()
        for version in issued:
            assert version.placement_name  # Section I is named in a final plan
            assert version.plan.case.stage == CaseStage.ISSUED
            assert version.provision.exists() and version.needs.exists()
        for version in PlanVersion.objects.filter(status="served"):
            assert version.comments_close == version.served_on + timedelta(days=14)

    def test_a_second_run_adds_no_case(self, small, today):
        counts = [m.objects.count() for m in (EhcCase, AdviceRequest, Decision, Letter)]
        assert "already" in generate()
        assert [m.objects.count() for m in (EhcCase, AdviceRequest, Decision, Letter)] == counts


def _candidates(count: int) -> list[Candidate]:
    rng = random.Random(1)
    las, schools = ["la-a", "la-b"], ["oak", "hill", "elm"]
    return [
        Candidate(
            child_id=f"child-{i:04}",
            school_id=schools[i % 3],
            la_id=las[i % 2],
            year_group=str(rng.randint(1, 11)),
            first_name="A",
            last_name="B",
            date_of_birth=date(2015, 1, 1),
        )
        for i in range(count)
    ]


def test_the_plan_is_the_same_for_the_same_seed_and_day():
    def plan(seed):
        return [
            (p.id, p.variant, p.received, p.next_due)
            for p in plan_cases(random.Random(seed), _candidates(400), ["oak"], TODAY)
        ]

    assert plan("x") == plan("x")
    assert plan("x") != plan("y")


@pytest.mark.parametrize("day", [date(2026, 1, 1), date(2026, 8, 15), date(2027, 3, 1)])
def test_plans_keep_the_rules_on_any_day(day):
    plans = plan_cases(random.Random(day.isoformat()), _candidates(600), ["oak", "hill"], day)
    for plan in plans:
        assert plan.received <= day
        for decision in plan.decisions:
            assert plan.received <= decision.decided_on <= day
            assert decision.agreed or decision.reasons
            if decision.sent_on:
                assert decision.decided_on <= decision.sent_on <= day
        for advice in plan.advice:
            if advice.submitted_on:
                assert advice.requested_on <= advice.submitted_on < day
        if plan.exception:
            _, _, start, end, _ = plan.exception
            assert plan.received <= start <= end
    # Each persona school's first pupils are being assessed and owe the school's advice.
    owed = [
        p
        for p in plans
        if p.candidate.school_id == "oak"
        and any(a.kind == "educational" and a.status == "requested" for a in p.advice)
    ]
    assert len(owed) >= ehc_cases.PERSONA_SCHOOL_CASES
