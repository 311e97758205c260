"""`opensend generate` and `opensend demo`: shapes, census rules, determinism, idempotency."""

import hashlib
import os
import random
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.law.codes import NEED_BY_CODE
from opensend.law.meetings import Status, Term, parent_meetings
from opensend.law.upn import upn_problem
from opensend.meetings.compliance import school_compliance
from opensend.meetings.models import Invitee, Meeting
from opensend.organisations.demo import ORGANISATIONS
from opensend.organisations.models import ClosureDay, Organisation, SchoolTerm
from opensend.people.demo import CHILDREN, ON_ROLL_FROM, STATUS_FROM
from opensend.people.generate import scales
from opensend.people.generate.dates import easter_sunday, term_dates, year_group_for
from opensend.people.generate.interventions import CATALOGUE, school_interventions
from opensend.people.generate.meetings import MeetingSubject, school_meetings
from opensend.people.generate.pupils import Context, UpnAllocator, school_pupils
from opensend.people.generate.register import NeedRow, Period
from opensend.people.generate.support_plans import NAMED_PLANS, Subject, support_plans
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus
from opensend.provision.models import Intervention
from opensend.support.models import (
    NextStep,
    Outcome,
    OutcomeReview,
    PlanReview,
    SupportPlan,
    SupportPlanStatus,
    SupportProvision,
)

YEAR = 2026
# The day generated support plans are dated from (reviews before it, current plans due around it).
AS_OF = date(2026, 11, 20)
NAMED_UPNS = {child.upn for child in CHILDREN}
PERSONA_ORGS = {org.name for org in ORGANISATIONS}
OPENSEND = Path(sys.executable).with_name("opensend")
# Year groups each phase teaches (special schools and PRUs, "not applicable", take any).
PHASE_YEARS = {
    "nursery": {"N1", "N2"},
    "primary": {"N2", "R", "1", "2", "3", "4", "5", "6"},
    "secondary": {"7", "8", "9", "10", "11", "12", "13"},
    "16_plus": {"12", "13"},
    "all_through": {"R", *map(str, range(1, 14))},
}


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, "--academic-year", str(YEAR), stdout=out)
    return out.getvalue()


def generated_children():
    return Child.objects.exclude(upn__in=NAMED_UPNS)


def open_provisions() -> dict:
    return dict(SenStatus.objects.filter(end__isnull=True).values_list("child_id", "provision"))


@pytest.fixture(scope="class")
def small_run(django_db_setup, django_db_blocker):
    """One `--scale small` run shared by a class of read-only tests, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(f"{AS_OF} 12:00"):
            output = generate("--scale", "small")
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def small(small_run, db):
    return small_run


class TestSmallScale:
    """`--scale small`: shapes, census rules and audit rows of one run."""

    def test_small_makes_a_few_hundred_pupils_in_the_demo_las_and_schools(self, small):
        assert "Generated 400 pupils" in small
        schools = Organisation.objects.filter(kind="school")
        assert {"Oakfield Primary School", "Moorgate High School"} <= set(
            schools.values_list("name", flat=True)
        )
        assert 300 <= Child.objects.count() <= 500
        assert set(schools.values_list("local_authority__la_code", flat=True)) == {"990", "991"}
        assert Enrolment.objects.filter(school__name="Oakfield Primary School").count() > 20

    def test_about_14_percent_on_sen_support_and_5_percent_with_plans(self, small):
        shares = Counter(open_provisions().values())
        total = sum(shares.values())
        assert 0.10 <= shares["K"] / total <= 0.18
        assert 0.035 <= shares["E"] / total <= 0.08

    def test_special_schools_are_mostly_plans_and_mainstream_much_less(self, small):
        provisions = open_provisions()
        special, mainstream = Counter(), Counter()
        rows = Enrolment.objects.values_list(
            "child_id", "school__phase", "school__establishment_type"
        )
        for child_id, phase, establishment_type in rows:
            if establishment_type.endswith("special"):
                special[provisions[child_id]] += 1
            elif phase in ("primary", "secondary"):
                mainstream[provisions[child_id]] += 1
        assert special["E"] / special.total() > 0.7
        assert mainstream["E"] / mainstream.total() < 0.05

    def test_every_child_has_exactly_one_open_status_and_an_unbroken_history(self, small):
        statuses = {}
        for row in SenStatus.objects.order_by("start").values(
            "child_id", "provision", "start", "end"
        ):
            statuses.setdefault(row["child_id"], []).append(row)
        assert set(statuses) == set(Child.objects.values_list("id", flat=True))
        for history in statuses.values():
            assert [row["end"] is None for row in history].count(True) == 1
            assert history[-1]["end"] is None
            for earlier, later in zip(history, history[1:], strict=False):
                assert (later["start"] - earlier["end"]).days == 1  # each closes the day before
                assert earlier["provision"] != later["provision"]
        assert SenStatus.objects.exclude(end=None).exists()  # some pupils have moved N -> K -> E

    def test_every_upn_is_valid_and_unique(self, small):
        upns = list(Child.objects.values_list("upn", flat=True))
        assert all(upn_problem(upn) is None for upn in upns)
        assert len(set(upns)) == len(upns)

    def test_needs_follow_the_census_rules(self, small):
        provisions = open_provisions()
        open_needs: dict = {}
        for child_id, code, rank in Need.objects.filter(end=None).values_list(
            "child_id", "code", "rank"
        ):
            assert NEED_BY_CODE[code].status == "current"
            open_needs.setdefault(child_id, []).append((code, rank))
        for child_id, needs in open_needs.items():
            assert provisions[child_id] in ("K", "E")  # needs only while on the register
            assert [rank for _, rank in needs].count(1) == 1
            assert len({code for code, _ in needs}) == len(needs)
            if "NSA" in {code for code, _ in needs}:
                assert provisions[child_id] == "K" and len(needs) == 1
        on_register = {child for child, provision in provisions.items() if provision != "N"}
        assert on_register == set(open_needs)  # every pupil on K or E has a primary need
        assert Need.objects.filter(rank=2, end=None).exists()

    def test_closed_needs_lie_within_a_k_or_e_period(self, small):
        for need in Need.objects.exclude(end=None).select_related("child"):
            periods = need.child.sen_statuses.filter(start__lte=need.start, provision__in="KE")
            assert periods.exists()
            if need.code == "NSA":
                assert periods.order_by("-start").first().provision == "K"

    def test_enrolments_match_ages_and_school_phases(self, small):
        enrolments = Enrolment.objects.exclude(child__upn__in=NAMED_UPNS).select_related(
            "child", "school"
        )
        assert enrolments.count() == generated_children().count()
        for enrolment in enrolments:
            assert enrolment.year_group == year_group_for(enrolment.child.date_of_birth, YEAR)
            assert enrolment.year_group in PHASE_YEARS.get(
                enrolment.school.phase, {enrolment.year_group}
            )
            assert enrolment.start <= date(YEAR, 9, 1) and enrolment.end is None

    def test_most_pupils_live_in_their_schools_la_and_a_few_in_the_other(self, small):
        elsewhere = Enrolment.objects.exclude(
            school__local_authority=F("child__home_local_authority")
        )
        assert 0 < elsewhere.count() < 0.1 * Enrolment.objects.count()

    def test_families_are_one_or_two_parents_with_some_foster_carers(self, small):
        links = Counter(
            ParentLink.objects.exclude(child__upn__in=NAMED_UPNS).values_list("child_id", flat=True)
        )
        assert set(links) == set(generated_children().values_list("id", flat=True))
        sizes = Counter(links.values())
        assert (sizes[1] + sizes[2]) / sum(sizes.values()) > 0.9
        for foster in ParentLink.objects.filter(relationship="foster_carer"):
            assert foster.has_care and not foster.parental_responsibility
        for restricted in ParentLink.objects.filter(access_restricted=True):
            assert restricted.restriction_note

    def test_every_school_has_this_years_terms_and_two_closures(self, small):
        for school in Organisation.objects.filter(kind="school"):
            terms = list(
                SchoolTerm.objects.filter(school=school, academic_year=YEAR).order_by("start")
            )
            assert [term.name for term in terms] == ["autumn", "spring", "summer"]
            assert all(a.end < b.start for a, b in zip(terms, terms[1:], strict=False))
            closures = ClosureDay.objects.filter(school=school)
            assert closures.count() == 2
            for closure in closures:
                assert closure.date.weekday() < 5
                assert any(term.start <= closure.date <= term.end for term in terms)

    def test_schools_have_phases_and_types_of_several_kinds(self, small):
        schools = Organisation.objects.filter(kind="school")
        assert schools.filter(phase="").count() == 0
        assert len(set(schools.values_list("phase", flat=True))) >= 4
        assert len(set(schools.values_list("establishment_type", flat=True))) >= 5

    def test_an_audit_row_is_written_for_each_generated_child(self, small):
        events = AuditEvent.objects.filter(note="generated", record_type="people.child")
        children = set(generated_children().values_list("id", flat=True))
        assert events.count() == len(children)
        assert set(events.values_list("subject_id", flat=True)) == children
        assert set(events.values_list("kind", "actor", "actor_label", "record_type")) == {
            (AuditEventKind.CREATED, None, "system", "people.child")
        }

    def test_the_personas_and_named_children_are_there(self, small):
        assert Child.objects.filter(upn__in=NAMED_UPNS).count() == len(CHILDREN)
        assert ParentLink.objects.filter(child__first_name="Ava", user__isnull=False).exists()

    def test_a_second_run_with_the_same_seed_changes_nothing(self, small):
        before = Child.objects.count(), AuditEvent.objects.count()
        assert "already loaded: nothing to do" in generate("--scale", "small")
        assert (Child.objects.count(), AuditEvent.objects.count()) == before

    def test_another_seed_or_scale_on_generated_data_is_refused(self, small):
        for args in (("--scale", "small", "--seed", "7"), ("--scale", "demo")):
            with pytest.raises(CommandError, match="already holds generated data") as raised:
                generate(*args)
            assert raised.value.returncode == 1

    def test_every_school_has_a_provision_map_suited_to_its_phase(self, small):
        schools = Organisation.objects.filter(kind="school")
        settings_by_name = {kind.name: set(kind.settings) for kind in CATALOGUE.values()}
        for school in schools.annotate(n=Count("interventions")):
            assert 4 <= school.n <= 10
        for intervention in Intervention.objects.select_related("school"):
            assert intervention.hours_per_week > 0 and intervention.start <= AS_OF
            assert intervention.hourly_cost == 0 or 15 <= intervention.hourly_cost <= 35
            # Staff time, or an outside provider's fee, or a service the LA pays for.
            assert (
                intervention.hourly_cost
                or intervention.other_costs_per_term
                or ("sensory support service" in intervention.staff)
            )
        oak = Intervention.objects.filter(school__name="Oakfield Primary School")
        moor = Intervention.objects.filter(school__name="Moorgate High School")
        assert all("primary" in settings_by_name[i.name] for i in oak)
        assert all("secondary" in settings_by_name[i.name] for i in moor)
        counselling = Intervention.objects.filter(name="School counselling")
        assert all(i.hourly_cost == 0 and i.other_costs_per_term > 0 for i in counselling)
        assert not Intervention.objects.filter(
            school__name="Moorgate High School",
            name__in=["Phonics catch-up group", "Nurture group"],
        ).exists()

    def test_most_pupils_on_sen_support_and_some_with_plans_have_support_plans(self, small):
        provisions = open_provisions()
        with_open_plan = set(
            SupportPlan.objects.filter(
                status__in=[SupportPlanStatus.DRAFT, SupportPlanStatus.ACTIVE]
            ).values_list("child_id", flat=True)
        )
        on_k = [child for child, provision in provisions.items() if provision == "K"]
        on_e = [child for child, provision in provisions.items() if provision == "E"]
        assert 0.6 <= len(with_open_plan & set(on_k)) / len(on_k) <= 0.95
        assert 0.15 <= len(with_open_plan & set(on_e)) / len(on_e) <= 0.7
        assert with_open_plan <= set(on_k) | set(on_e)  # no open plan for a pupil now on N
        # Several cycles, and current plans due soon, later and a little overdue.
        assert SupportPlan.objects.filter(cycle__gte=3).exists()
        active = SupportPlan.objects.filter(status=SupportPlanStatus.ACTIVE)
        assert active.filter(review_due__lt=AS_OF, review_due__gte=AS_OF - timedelta(60)).exists()
        assert active.filter(review_due__gte=AS_OF, review_due__lte=AS_OF + timedelta(14)).exists()
        assert active.filter(review_due__gt=AS_OF + timedelta(14)).exists()
        # The named children are the tests' own: at this scale they get no plans.
        assert not SupportPlan.objects.filter(child__upn__in=NAMED_UPNS).exists()

    def test_plans_chain_cycle_after_cycle_and_only_the_last_is_open(self, small):
        chains: dict = {}
        plans = SupportPlan.objects.select_related("review").order_by("cycle")
        for plan in plans:
            chains.setdefault((plan.child_id, plan.school_id), []).append(plan)
        outcomes = {o.pk: o for o in Outcome.objects.all()}
        by_plan: dict = {}
        for outcome in outcomes.values():
            by_plan.setdefault(outcome.plan_id, []).append(outcome)
        reviewed = set(OutcomeReview.objects.values_list("outcome_id", flat=True))
        for chain in chains.values():
            assert [plan.cycle for plan in chain] == list(range(1, len(chain) + 1))
            assert chain[0].previous_id is None
            for earlier, later in zip(chain, chain[1:], strict=False):
                assert later.previous_id == earlier.pk
                # The review that closed a cycle is the day the next one was written.
                assert earlier.review.review_date == later.created_at.date()
                for outcome in by_plan[later.pk]:
                    if outcome.carried_from_id:
                        assert outcomes[outcome.carried_from_id].plan_id == earlier.pk
            for plan in chain[:-1]:
                assert plan.status == SupportPlanStatus.REVIEWED
            for plan in chain:
                written = plan.created_at.date()
                assert 1 <= len(by_plan[plan.pk]) <= 3
                assert written < plan.review_due <= written + timedelta(days=182)
                if plan.status == SupportPlanStatus.REVIEWED:
                    assert written <= plan.review.review_date <= AS_OF
                    assert {o.pk for o in by_plan[plan.pk]} <= reviewed
                else:
                    assert not PlanReview.objects.filter(plan=plan).exists()
                    assert written <= AS_OF
            last = chain[-1]
            if last.status == SupportPlanStatus.REVIEWED:  # support ended: the pupil is on N
                assert last.review.next_step == NextStep.END_SUPPORT
        steps = set(PlanReview.objects.values_list("next_step", flat=True))
        assert {NextStep.CONTINUE, NextStep.NEW_OUTCOMES} <= steps
        assert Outcome.objects.exclude(carried_from=None).exists()
        assert set(OutcomeReview.objects.values_list("progress", flat=True)) >= {
            "some_progress",
            "good_progress",
            "achieved",
        }

    def test_no_plan_or_review_falls_outside_the_pupils_time_on_the_register(self, small):
        statuses: dict = {}
        for row in SenStatus.objects.values("child_id", "provision", "start", "end"):
            statuses.setdefault(row["child_id"], []).append(row)

        def provision_on(child_id, day):
            for row in statuses[child_id]:
                if row["start"] <= day and (row["end"] is None or day <= row["end"]):
                    return row["provision"]
            return None

        for plan in SupportPlan.objects.select_related("review"):
            assert provision_on(plan.child_id, plan.created_at.date()) in ("K", "E")
            if hasattr(plan, "review"):
                assert provision_on(plan.child_id, plan.review.review_date) in ("K", "E")
            assert Enrolment.objects.filter(
                child_id=plan.child_id, school_id=plan.school_id, start__lte=plan.created_at
            ).exists()
        for line in SupportProvision.objects.select_related("plan", "intervention"):
            assert line.end is None or line.end >= line.start
            if line.intervention is not None:
                assert line.intervention.school_id == line.plan.school_id
                assert line.intervention.start <= line.start

    def test_interventions_never_hold_more_pupils_than_their_places(self, small):
        running = SupportProvision.objects.filter(
            plan__status__in=[SupportPlanStatus.DRAFT, SupportPlanStatus.ACTIVE],
            intervention__isnull=False,
        ).filter(Q(end=None) | Q(end__gte=AS_OF))
        pupils = running.values("intervention").annotate(n=Count("plan__child", distinct=True))
        places = dict(Intervention.objects.values_list("pk", "max_pupils"))
        assert pupils.count() > 10
        for row in pupils:
            assert places[row["intervention"]] is None or row["n"] <= places[row["intervention"]]
        assert SupportProvision.objects.filter(intervention=None).exists()  # classroom support

    def test_passports_and_responsibilities_are_filled_in(self, small):
        for plan in SupportPlan.objects.select_related("child"):
            for name in ("strengths", "what_helps", "what_to_avoid", "assessment"):
                assert getattr(plan, name)
            assert plan.parent_responsibilities and plan.school_responsibilities
            assert plan.pupil_responsibilities
        assert Outcome.objects.filter(description__contains=" will ").count() == (
            Outcome.objects.count()
        )

    def test_an_audit_row_is_written_for_each_plan_and_intervention(self, small):
        events = AuditEvent.objects.filter(note="generated")
        assert events.filter(record_type="support.supportplan").count() == (
            SupportPlan.objects.count()
        )
        assert events.filter(record_type="provision.intervention").count() == (
            Intervention.objects.count()
        )


def digest() -> str:
    """Everything generated, ids included (the named children's ids are random: left out)."""
    rows = [
        Child.objects.exclude(upn__in=NAMED_UPNS).values_list(
            "id", "upn", "first_name", "last_name", "date_of_birth", "home_local_authority__name"
        ),
        Enrolment.objects.exclude(child__upn__in=NAMED_UPNS).values_list(
            "id", "child_id", "school__urn", "year_group", "start"
        ),
        SenStatus.objects.exclude(child__upn__in=NAMED_UPNS).values_list(
            "id", "child_id", "provision", "start", "end", "reason"
        ),
        Need.objects.exclude(child__upn__in=NAMED_UPNS).values_list(
            "id", "child_id", "code", "rank", "start", "end"
        ),
        ParentLink.objects.exclude(child__upn__in=NAMED_UPNS).values_list(
            "id", "child_id", "full_name", "email", "relationship", "access_restricted"
        ),
        Organisation.objects.exclude(name__in=PERSONA_ORGS).values_list("id", "name", "urn"),
        SchoolTerm.objects.values_list("school__urn", "name", "start", "end"),
        ClosureDay.objects.values_list("school__urn", "date", "reason"),
        Intervention.objects.values_list(
            "id", "school__urn", "name", "staff", "hours_per_week", "hourly_cost", "max_pupils"
        ),
        SupportPlan.objects.values_list(
            "id",
            "child_id",
            "cycle",
            "previous_id",
            "status",
            "review_due",
            "created_at",
            "strengths",
        ),
        Outcome.objects.values_list("id", "plan_id", "order", "description", "carried_from_id"),
        SupportProvision.objects.values_list(
            "id", "plan_id", "outcome_id", "intervention_id", "what", "start", "end"
        ),
        PlanReview.objects.values_list("id", "plan_id", "review_date", "next_step"),
        OutcomeReview.objects.values_list("id", "outcome_id", "progress", "notes"),
        Meeting.objects.values_list("id", "school__urn", "term", "kind", "starts_at", "status"),
        Invitee.objects.values_list("id", "meeting_id", "child_id", "response", "attended"),
    ]
    text = repr([sorted(map(repr, query)) for query in rows])
    return hashlib.sha256(text.encode()).hexdigest()


def remove_generated() -> None:
    # Plans point back at the cycle before, and provision at interventions, through protected
    # keys: unchain and remove them before the children and schools.
    SupportProvision.objects.all().delete()
    Meeting.objects.all().delete()  # the persona schools' too
    SupportPlan.objects.update(previous=None)
    SupportPlan.objects.all().delete()
    Intervention.objects.all().delete()  # the persona schools' too: those schools stay
    Child.objects.all().delete()
    SchoolTerm.objects.all().delete()
    ClosureDay.objects.all().delete()
    Organisation.objects.exclude(name__in=PERSONA_ORGS).delete()


@time_machine.travel(f"{AS_OF} 12:00")
def test_the_same_seed_gives_identical_data_and_another_seed_differs(db):
    with CaptureQueriesContext(connection) as queries:
        generate("--scale", "small", "--seed", "11")
    first = digest()
    assert SupportPlan.objects.exists() and Intervention.objects.exists()
    # Plans are written in bulk: many rows to an INSERT (SQLite caps the parameters of one).
    support_inserts = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT") and ('"support_' in q["sql"] or '"provision_' in q["sql"])
    ]
    rows = sum(
        model.objects.count()
        for model in (Intervention, SupportPlan, Outcome, SupportProvision, PlanReview)
    )
    assert rows > 500 and len(support_inserts) <= rows / 20
    remove_generated()
    generate("--scale", "small", "--seed", "11")
    assert digest() == first
    remove_generated()
    generate("--scale", "small", "--seed", "12")
    assert digest() != first


def test_adding_plans_leaves_the_pupils_drawn_unchanged(db):
    """Plans have their own random stream, so the pupils of a seed are what they always were."""
    with time_machine.travel(f"{AS_OF} 12:00"):
        generate("--scale", "small", "--seed", "11")
    pupils = sorted(generated_children().values_list("id", "upn"))
    remove_generated()
    with time_machine.travel("2027-03-01 12:00"):  # another day: other plan dates
        generate("--scale", "small", "--seed", "11")
    assert sorted(generated_children().values_list("id", "upn")) == pupils
    assert SupportPlan.objects.filter(status=SupportPlanStatus.ACTIVE).exists()
    assert not PlanReview.objects.filter(review_date__gt=date(2027, 3, 1)).exists()


def test_demo_scale_and_the_demo_command_twice(db):
    out = StringIO()
    call_command("demo", stdout=out)
    children, events = Child.objects.count(), AuditEvent.objects.count()
    call_command("demo", stdout=out)  # a second run loads nothing new
    assert (Child.objects.count(), AuditEvent.objects.count()) == (children, events)
    output = out.getvalue()
    assert "already loaded" in output and "north.parent@opensend.example" in output
    assert 3_800 <= children <= 4_600
    schools = Organisation.objects.filter(kind="school")
    assert schools.count() >= 12
    names = set(schools.values_list("name", flat=True))
    assert {spec.name for spec in ORGANISATIONS if spec.kind == "school"} <= names
    assert len(set(schools.values_list("phase", flat=True))) >= 5
    shares = Counter(open_provisions().values())
    assert 0.12 <= shares["K"] / children <= 0.16
    assert 0.04 <= shares["E"] / children <= 0.07
    # The SENCO at Oakfield sees a register of realistic size.
    oakfield = Enrolment.objects.filter(school__name="Oakfield Primary School", end=None)
    assert oakfield.count() > 200
    assert (
        SenStatus.objects.filter(child__enrolments__in=oakfield, end=None, provision="K").count()
        > 20
    )
    # Big enough for the rarer families: foster carers and court-ordered restrictions.
    assert ParentLink.objects.filter(relationship="foster_carer").count() > 10
    assert ParentLink.objects.filter(access_restricted=True).exclude(restriction_note="").exists()
    # Support plans in several cycles, drafts among them, and every school's provision map.
    assert SupportPlan.objects.filter(status=SupportPlanStatus.DRAFT).exists()
    assert SupportPlan.objects.filter(cycle=4).exists()
    assert not Organisation.objects.filter(kind="school", interventions=None).exists()
    # The named children have plans: Leo two reviewed cycles and a third, on Oak's groups.
    leo = SupportPlan.objects.filter(child__first_name="Leo", child__upn__in=NAMED_UPNS)
    assert list(leo.order_by("cycle").values_list("status", flat=True)) == [
        "reviewed",
        "reviewed",
        "active",
    ]
    groups = SupportProvision.objects.filter(plan__in=leo, plan__status="active")
    assert set(groups.exclude(intervention=None).values_list("intervention__name", flat=True)) & {
        "Phonics catch-up group",
        "Precision teaching",
    }
    for spec in CHILDREN:
        assert (
            SupportPlan.objects.filter(child__upn=spec.upn, status__in=["draft", "active"]).count()
            == 1
        )


def test_the_tests_demo_fixture_has_the_named_children_without_plans(demo):
    # Tests start their own plans (one open plan per pupil and school): none is there already.
    assert not SupportPlan.objects.exists()
    assert not Intervention.objects.exists()


def test_england_sample_needs_postgresql(db, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="needs PostgreSQL") as raised:
        generate("--scale", "england-sample")
    assert raised.value.returncode == 1
    assert not Child.objects.exists()  # refused before anything was written


def test_england_sample_exits_1_on_sqlite_from_the_command_line(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environment["OPENSEND_SQLITE_PATH"] = str(tmp_path / "empty.sqlite3")
    result = subprocess.run(
        [str(OPENSEND), "generate", "--scale", "england-sample"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 1
    assert "needs PostgreSQL" in result.stderr


def test_an_unknown_scale_is_an_argparse_error():
    with pytest.raises(CommandError, match="invalid choice: 'huge'"):
        call_command("generate", "--scale", "huge")


def test_year_groups_follow_age_on_31_august():
    assert year_group_for(date(2021, 9, 1), 2026) == "R"
    assert year_group_for(date(2022, 8, 31), 2026) == "R"
    assert year_group_for(date(2022, 9, 1), 2026) == "N2"
    assert year_group_for(date(2009, 3, 9), 2025) == "12"  # Jordan, the demo's young person


def test_easter_and_term_dates():
    assert [easter_sunday(y) for y in (2025, 2026, 2027)] == [
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
    ]
    (_, autumn, _), (_, _, spring_end), (_, summer, _) = term_dates(2026)
    assert autumn.month == 9 and spring_end < date(2027, 3, 28) < summer


def test_upn_allocation_skips_upns_in_use():
    taken = UpnAllocator(set()).allocate("990", ["0101"], 2025)
    assert UpnAllocator({taken}).allocate("990", ["0101"], 2025) != taken
    assert upn_problem(taken) is None and taken[1:] == "990010125001"


def _provision_on(periods, day):
    for period in periods:
        if period.start <= day and (period.end is None or day <= period.end):
            return period.provision
    return None


def _check_chain(chain, periods, as_of):
    assert [plan.cycle for plan in chain] == list(range(1, len(chain) + 1))
    assert chain[0].previous_id is None
    for earlier, later in zip(chain, chain[1:], strict=False):
        assert later.previous_id == earlier.id
        assert earlier.review.review_date == later.written
        earlier_outcomes = {outcome.id for outcome in earlier.outcomes}
        assert all(o.carried_from in earlier_outcomes for o in later.outcomes if o.carried_from)
    for plan in chain:
        assert 1 <= len(plan.outcomes) <= 3
        assert plan.written < plan.review_due <= plan.written + timedelta(days=182)
        assert plan.written.weekday() < 5
        assert _provision_on(periods, plan.written) in ("K", "E")
        if plan.review is not None:
            assert plan.written < plan.review.review_date < as_of
            assert _provision_on(periods, plan.review.review_date) in ("K", "E")
            assert all(outcome.progress and outcome.review_id for outcome in plan.outcomes)
        else:
            assert plan is chain[-1] and plan.written < as_of
            if plan.status == "draft":
                assert plan.review_due > as_of
        for line in plan.provisions:
            assert line.end is None or line.start <= line.end
    assert all(plan.status == "reviewed" for plan in chain[:-1])
    if chain[-1].status == "reviewed":
        assert chain[-1].review.next_step == "end_support"
        assert _provision_on(periods, as_of) == "N"


@pytest.mark.parametrize(
    "as_of", [date(2026, 9, 3), AS_OF, date(2027, 2, 15), date(2027, 7, 21)], ids=str
)
def test_support_plan_chains_keep_their_rules_on_any_day_of_the_year(as_of):
    """The plain-Python plans for every pupil of a small run, on days across the year."""
    rng = random.Random("small:5")
    the_plan = scales.plan(rng, scales.SCALES["small"])
    personas = {s.persona: f"99{n}100" for n, s in enumerate(the_plan.schools) if s.persona}
    scales.assign_urns(the_plan.schools, personas)
    ctx = Context(YEAR, the_plan.las, {}, UpnAllocator(set()), date(YEAR - 5, 9, 1))
    support = random.Random(f"plans:{as_of}")
    chains = 0
    for school in the_plan.schools:
        interventions = school_interventions(support, school, as_of)
        assert 4 <= len(interventions) <= 10
        for pupil in school_pupils(rng, school, ctx):
            chain = support_plans(support, pupil, interventions, as_of)
            if chain:
                chains += 1
                _check_chain(chain, pupil.periods, as_of)
        for intervention in interventions:
            assert intervention.max_pupils is None or (
                intervention.members <= intervention.max_pupils
            )
    assert chains > 40


def test_the_named_childrens_plans_have_the_cycles_they_are_written_for():
    the_plan = scales.plan(random.Random("demo:1"), scales.SCALES["demo"])
    schools = {school.key: school for school in the_plan.schools}
    rng = random.Random(1)
    for spec in CHILDREN:
        named = NAMED_PLANS[spec.key]
        periods = [
            Period("N", ON_ROLL_FROM, STATUS_FROM - timedelta(days=1), ""),
            Period(spec.provision, STATUS_FROM, None, ""),
        ]
        needs = [NeedRow(code, rank, STATUS_FROM, None) for code, rank in spec.needs]
        subject = Subject(spec.first_name, spec.year_group, periods, needs)
        maps = school_interventions(rng, schools[spec.school_key], AS_OF, named.interventions)
        chain = support_plans(rng, subject, maps, AS_OF, named)
        _check_chain(chain, periods, AS_OF)
        assert len(chain) == named.reviewed + 1 and chain[-1].status == "active"
        assert chain[-1].review_due == AS_OF + timedelta(days=named.due_in_days)
        linked = {line.intervention_id for line in chain[-1].provisions} - {None}
        keys = {iv.key for iv in maps if iv.id in linked}
        assert keys and keys <= set(named.interventions)
        assert all(plan.fields["strengths"] == named.strengths for plan in chain)


# Parent meetings (issue 6 item 7) -------------------------------------------------------------


def _meeting_subjects(count: int):
    late = [MeetingSubject(f"late-{n}", date(2026, 11, 25), None) for n in range(count // 10)]
    return [MeetingSubject(f"pupil-{n}", date(2025, 9, 1), None) for n in range(count)] + late


def _law_statuses(plans, subjects, as_of):
    held, declined = {}, {}
    for plan in plans:
        if plan.academic_year != YEAR:
            continue
        for place in plan.places:
            if plan.status == "held" and place.attended:
                held.setdefault(place.child_id, []).append(plan.day)
            if place.response == "declined":
                declined.setdefault(place.child_id, []).append(plan.day)
    terms = [Term(*term) for term in term_dates(YEAR)]
    return Counter(
        parent_meetings(
            academic_year=YEAR,
            on_register_from=subject.on_from,
            as_of=as_of,
            held=held.get(subject.child_id, []),
            declined=declined.get(subject.child_id, []),
            terms=terms,
        ).status
        for subject in subjects
    )


def test_meetings_are_deterministic_and_reach_every_status():
    subjects = _meeting_subjects(120)
    years = [(YEAR - 1, term_dates(YEAR - 1)), (YEAR, term_dates(YEAR))]
    as_of = date(2027, 2, 15)
    first = school_meetings(random.Random("m:1"), subjects, years, set(), as_of)
    again = school_meetings(random.Random("m:1"), subjects, years, set(), as_of)
    assert first == again
    assert first != school_meetings(random.Random("m:2"), subjects, years, set(), as_of)
    assert set(_law_statuses(first, subjects, as_of)) == set(Status)
    kinds = Counter((plan.kind, plan.status) for plan in first)
    assert kinds[("group", "held")] and kinds[("individual", "cancelled")]
    assert {"proposed", "confirmed", "held", "cancelled"} <= {plan.status for plan in first}
    responses = Counter(place.response for plan in first for place in plan.places)
    assert responses["another_time"] and responses["declined"] and responses["pending"]
    for plan in first:
        if plan.status == "held":
            assert plan.day < as_of
        if plan.status in ("proposed", "confirmed"):
            assert plan.day >= as_of
        assert plan.day.weekday() < 5


def test_a_generated_school_shows_every_compliance_status(db):
    with time_machine.travel("2027-02-15 12:00"):
        generate("--scale", "small", "--seed", "5")
        statuses = Counter()
        for school in Organisation.objects.filter(kind="school"):
            summary = school_compliance(school, YEAR)
            statuses.update(pupil.status for pupil in summary.pupils)
    assert set(statuses) == set(Status)
    assert Meeting.objects.filter(kind="group", status="held").exists()
    assert Invitee.objects.filter(response="another_time").exists()
    assert Invitee.objects.filter(response="declined").exists()
    assert Meeting.objects.filter(academic_year=YEAR - 1).exists()
