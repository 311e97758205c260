"""The generator's workforce records (issue 10 "Demo and done"): every school, the demo's promises.

One `--scale demo` run, frozen on a school day, shared by the read-only tests of the class (as
tests/reviews/test_generate.py does) and rolled back after them. The plan alone is plain
Python, tested without the database; `write_workforce` on the personas alone is quick.
"""

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from opensend.core.models import AuditEvent
from opensend.law.senco import SencoHours, SeniorRole, senco_time
from opensend.law.senco_qualification import senco_qualification
from opensend.law.training import Closure, training_slot
from opensend.organisations.models import ClosureDay, Organisation
from opensend.people.generate.dates import term_dates
from opensend.people.generate.workforce import (
    KEEP_REASON,
    SENCO_REASON,
    Member,
    SchoolFacts,
    plan_school,
    write_workforce,
    year_calendar,
)
from opensend.people.models import Enrolment
from opensend.workforce.models import (
    TEACHING_JOBS,
    Job,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    Policy,
    PolicyKind,
    PolicyVersion,
    SencoAppointment,
    SencoTimeRecord,
    StaffMember,
    TrainingAttendance,
    TrainingSession,
)

TODAY = date(2026, 11, 20)  # a Friday in the autumn term of 2026 to 2027
PERSONA_SCHOOLS = {
    "north_oak": "Oakfield Primary School",
    "north_hill": "Hillside Academy",
    "south_river": "Riverside Primary School",
    "south_moor": "Moorgate High School",
}
CORE_POLICIES = {
    PolicyKind.SEND_POLICY,
    PolicyKind.ACCESSIBILITY_PLAN,
    PolicyKind.SEN_INFORMATION_REPORT,
    PolicyKind.COMPLAINTS,
}


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


def _school(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _current(school) -> list[StaffMember]:
    return list(StaffMember.objects.filter(school=school, left_on__isnull=True))


class TestDemoScale:
    def test_every_school_has_a_staff_list_of_its_size(self, today):
        schools = Organisation.objects.filter(kind="school")
        assert schools.count() == 14
        pupils = dict(
            Enrolment.objects.filter(end__isnull=True)
            .values_list("school_id")
            .annotate(n=Count("id"))
        )
        for school in schools:
            jobs = Counter(s.job for s in _current(school))
            assert jobs[Job.HEAD] == 1, school
            assert jobs[Job.SENCO] in (1, 2) and jobs[Job.LEADER] >= 1, school
            assert jobs[Job.TEACHING_ASSISTANT] >= 1, school
            if school.phase != "not_applicable":  # special schools and PRUs: smaller classes
                assert abs(jobs[Job.TEACHER] - pupils[school.pk] / 20) <= 2, school
        # Two SENCOs at the largest schools only.
        two = StaffMember.objects.filter(job=Job.SENCO).values("school").annotate(n=Count("id"))
        assert {row["school"] for row in two if row["n"] == 2} == {
            _school("Moorgate High School").pk
        }

    def test_names_and_emails_and_some_without_email(self, today):
        oak = _school("Oakfield Primary School")
        staff = StaffMember.objects.filter(school=oak, user__isnull=True)
        with_email = [s for s in staff if s.email]
        assert 0 < len(with_email) < staff.count()  # some have no work email on the list
        for person in with_email:
            first, last = person.full_name.lower().split(" ", 1)
            assert person.email.endswith("@oakfield-primary-school.example")
            assert person.email.startswith(first.replace("'", "") + ".")
        names = list(StaffMember.objects.filter(school=oak).values_list("full_name", flat=True))
        assert len(names) == len(set(names))

    def test_persona_accounts_are_on_their_schools_lists(self, today, django_user_model):
        expected = {
            "oak.senco@opensend.example": ("Oakfield Primary School", Job.SENCO),
            "oak.head@opensend.example": ("Oakfield Primary School", Job.HEAD),
            "oak.teacher@opensend.example": ("Oakfield Primary School", Job.TEACHER),
            "oak.ta@opensend.example": ("Oakfield Primary School", Job.TEACHING_ASSISTANT),
            "hill.senco@opensend.example": ("Hillside Academy", Job.SENCO),
            "river.head@opensend.example": ("Riverside Primary School", Job.HEAD),
            "moor.senco@opensend.example": ("Moorgate High School", Job.SENCO),
        }
        linked = StaffMember.objects.filter(user__isnull=False).select_related("user", "school")
        found = {s.user.email: (s.school.name, s.job) for s in linked}
        for email, where in expected.items():
            assert found[email] == where
        for person in linked:
            assert person.email == person.user.email
            assert person.full_name == person.user.full_name
        # Governors are not staff.
        assert "oak.governor@opensend.example" not in found

    def test_senco_qualifications_come_from_the_law_and_one_is_due_soon(self, today):
        statuses = Counter()
        for appointment in SencoAppointment.objects.select_related("staff"):
            assert appointment.staff.job == Job.SENCO and appointment.ended_on is None
            law = senco_qualification(
                appointed_on=appointment.appointed_on,
                today=today,
                course=appointment.course,
                course_started_on=appointment.course_started_on,
                course_completed_on=appointment.course_completed_on,
            )
            assert appointment.qualification_due_on == law.due_on
            statuses[law.status] += 1
        assert statuses["held"] + statuses["not_required"] >= 5
        assert statuses["in_progress"] >= 1
        hill = SencoAppointment.objects.get(staff__user__email="hill.senco@opensend.example")
        assert today < hill.qualification_due_on <= today + timedelta(days=183)  # reg 49(4)
        assert not hill.course_completed_on
        assert SencoAppointment.objects.count() == StaffMember.objects.filter(job="senco").count()

    def test_senco_time_for_the_last_three_terms_compliant_and_not(self, today):
        records = SencoTimeRecord.objects.select_related("school")
        assert {(r.academic_year, r.term) for r in records} == {
            (2025, "spring"),
            (2025, "summer"),
            (2026, "autumn"),
        }
        assert records.count() == 3 * StaffMember.objects.filter(job="senco").count()
        for record in records:
            hours = {
                key: float(getattr(record, key))
                for key in SencoHours.__dataclass_fields__  # the law's seven keys
            }
            roles = [SeniorRole(r["role"], r["leadership_hours"]) for r in record.senior_roles]
            law = senco_time(SencoHours(**hours), roles)
            assert record.compliant == law.compliant
            assert record.failed_checks == [c.code for c in law.checks if not c.passed]
        oak = records.filter(school__name="Oakfield Primary School")
        assert oak.count() == 3 and all(r.compliant for r in oak)
        hill = records.filter(school__name="Hillside Academy")
        assert hill.count() == 3 and not any(r.compliant for r in hill)
        for record in hill:
            assert {"ppa_protected", "admin_support"} <= set(record.failed_checks)
            assert record.senco_duties_in_ppa_hours > 0 and record.admin_support_hours == 0
        others = records.exclude(school__name__in=PERSONA_SCHOOLS.values())
        assert others.filter(compliant=True).exists() and others.filter(compliant=False).exists()

    def test_senco_time_records_the_register_each_term(self, today):
        autumn = SencoTimeRecord.objects.get(
            school__name="Oakfield Primary School", academic_year=2026, term="autumn"
        )
        oak = _school("Oakfield Primary School")
        on_roll = Enrolment.objects.filter(school=oak, end__isnull=True).values("child")
        from opensend.people.models import SenStatus

        open_statuses = SenStatus.objects.filter(child__in=on_roll, end__isnull=True)
        assert autumn.pupils_on_sen_support == open_statuses.filter(provision="K").count()
        assert autumn.pupils_with_plans == open_statuses.filter(provision="E").count()
        assert autumn.pupils_on_sen_support > 10 and autumn.pupils_with_plans > 3

    def test_key_workers_are_chosen_by_assessment_and_the_senco_once_with_reasons(self, today):
        allocations = KeyWorkerAllocation.objects.select_related("assessment", "worker")
        assert allocations.count() >= 10
        # Some children are assessed and still waiting for their key worker.
        assert KeyWorkerAssessment.objects.filter(allocations__isnull=True).exists()
        sencos = set(
            SencoAppointment.objects.filter(ended_on__isnull=True).values_list(
                "staff_id", flat=True
            )
        )
        chosen_sencos = [
            a for a in allocations if a.worker.job == Job.SENCO or a.worker_id in sencos
        ]
        assert len(chosen_sencos) == 1
        (by_senco,) = chosen_sencos
        assert by_senco.school.name == "Oakfield Primary School"
        assert by_senco.assessment.senco_reason == SENCO_REASON
        assert by_senco.worker.user.email == "oak.senco@opensend.example"
        for allocation in allocations:
            assessment = allocation.assessment
            assert allocation.child_id == assessment.child_id
            assert allocation.school_id == assessment.school_id == allocation.worker.school_id
            assert assessment.assessed_on <= allocation.starts_on <= today
            assert "education" in assessment.services and assessment.needs_summary
            assert allocation.worker.left_on is None
        # Nobody is given more key-worker time than they have.
        load = Counter()
        for allocation in allocations:
            load[allocation.worker] += allocation.hours_per_week
        assert all(hours <= worker.key_worker_hours for worker, hours in load.items())

    def test_key_worker_children_have_plans_and_are_not_the_named_children(self, today):
        from opensend.people.demo import CHILDREN
        from opensend.people.models import SenStatus

        named = {child.upn for child in CHILDREN}
        for assessment in KeyWorkerAssessment.objects.select_related("child"):
            assert assessment.child.upn not in named
            assert SenStatus.objects.filter(
                child=assessment.child, provision="E", end__isnull=True
            ).exists()
            assert Enrolment.objects.filter(
                child=assessment.child,
                school=assessment.school,
                end__isnull=True,
                start__lte=assessment.assessed_on,  # assessed while on roll here
            ).exists()

    def test_a_year_of_training_in_directed_time_but_one_flagged_evening(self, today):
        for school in Organisation.objects.filter(kind="school"):
            sessions = list(TrainingSession.objects.filter(school=school))
            assert 6 <= len(sessions) <= 9, school
            assert all(
                date(2026, 9, 1) <= s.starts_at.date() <= date(2027, 7, 31) for s in sessions
            )
            flagged = [s for s in sessions if s.has_warnings]
            assert all(s.keep_reason for s in flagged)  # never a warning kept without a reason
            assert all(
                s.problems == [] and s.in_directed_time for s in sessions if s not in flagged
            )
            if school.name in PERSONA_SCHOOLS.values():
                (evening,) = flagged
                assert evening.problems == ["outside_school_day"]
                assert evening.keep_reason == KEEP_REASON
                assert evening.starts_at.hour >= 17 and evening.starts_at.weekday() < 5

    def test_sessions_are_checked_by_the_law_against_the_schools_calendar(self, today):
        hill = _school("Hillside Academy")
        closed = set(ClosureDay.objects.filter(school=hill).values_list("date", flat=True))
        facts = SchoolFacts(
            hill.pk, hill.name, "all_through", "academy", 0, terms=_terms(hill), closed=closed
        )
        _, closures = year_calendar(facts, 2026)
        assert Closure(date(2026, 12, 19), date(2027, 1, 4)) in closures  # Christmas
        for session in TrainingSession.objects.filter(school=hill):
            check = training_slot(
                start=session.starts_at,
                end=session.ends_at,
                planned_on=session.planned_on,
                closures=closures,
            )
            assert list(check.problems) == session.problems
            assert check.notice_days == session.notice_days >= 21
            assert session.planned_on <= today

    def test_held_sessions_have_attendance_and_planned_ones_none(self, today):
        for session in TrainingSession.objects.all():
            if session.starts_at.date() < today:
                assert session.status == "held"
                assert session.attendance.exists(), session
            else:
                assert session.status == "planned"
                assert not session.attendance.exists()
        attended = TrainingAttendance.objects.values_list("attended", flat=True)
        assert True in attended and False in attended

    def test_a_code_of_practice_briefing_in_the_autumn_and_teachers_not_yet_briefed(self, today):
        for school in Organisation.objects.filter(kind="school"):
            briefing = TrainingSession.objects.get(
                school=school, is_code_briefing=True, starts_at__month__in=(9, 10, 11, 12)
            )
            assert briefing.status == "held" and briefing.audiences == ["all_teachers"]
            teachers = [s for s in _current(school) if s.job in TEACHING_JOBS]
            briefed = set(
                TrainingAttendance.objects.filter(
                    session__school=school, session__is_code_briefing=True, attended=True
                ).values_list("staff_id", flat=True)
            )
            not_briefed = [t for t in teachers if t.pk not in briefed]
            assert briefed and not_briefed, school
            assert len(briefed) > len(teachers) / 2  # most teachers were there
        # At the persona schools a catch-up briefing is planned for the others.
        oak = _school("Oakfield Primary School")
        assert TrainingSession.objects.filter(
            school=oak, is_code_briefing=True, status="planned"
        ).exists()

    def test_policies_four_core_kinds_versions_and_reviews_due(self, today):
        for school in Organisation.objects.filter(kind="school"):
            kinds = set(Policy.objects.filter(school=school).values_list("kind", flat=True))
            assert kinds == CORE_POLICIES
        for policy in Policy.objects.annotate(n=Count("versions")):
            numbers = sorted(policy.versions.values_list("number", flat=True))
            assert numbers == list(range(1, policy.n + 1)) and 1 <= policy.n <= 3
            latest = policy.versions.first()
            assert latest.reviewed_on <= today
            assert policy.next_review_on > latest.reviewed_on
            assert policy.owner is None or policy.owner.school_id == policy.school_id
            in_window = policy.next_review_on - timedelta(days=28) <= today
            assert (policy.reminded_for == policy.next_review_on) == in_window
        assert policy.versions.filter(outcome="first").count() == 1
        send = Policy.objects.get(school__name="Oakfield Primary School", kind="send_policy")
        assert send.next_review_on < today  # overdue
        assert send.owner.user.email == "oak.senco@opensend.example"
        overdue = Policy.objects.filter(next_review_on__lt=today)
        due_soon = Policy.objects.filter(
            next_review_on__gte=today, next_review_on__lte=today + timedelta(days=28)
        )
        assert overdue.count() >= 3 and due_soon.count() >= 3
        approved = PolicyVersion.objects.filter(approved_by_governors_on__isnull=False)
        assert all(v.approved_by_governors_on <= today for v in approved)

    def test_each_record_has_one_audit_row(self, today):
        for model in (
            StaffMember,
            SencoAppointment,
            SencoTimeRecord,
            KeyWorkerAssessment,
            KeyWorkerAllocation,
            TrainingSession,
            Policy,
            PolicyVersion,
        ):
            label = model._meta.label_lower
            events = AuditEvent.objects.filter(record_type=label, note="generated")
            assert events.count() == model.objects.count(), label
            assert set(events.values_list("record_id", flat=True)) == {
                str(pk) for pk in model.objects.values_list("pk", flat=True)
            }
        # Key-worker rows name the child; the rest name none. Every row names the school.
        for allocation in KeyWorkerAllocation.objects.all()[:5]:
            event = AuditEvent.objects.get(record_id=str(allocation.pk))
            assert event.subject_id == allocation.child_id
            assert event.organisation_id == allocation.school_id
        staff_events = AuditEvent.objects.filter(record_type="workforce.staffmember")
        assert not staff_events.filter(subject_id__isnull=False).exists()

    def test_a_second_run_changes_nothing(self, today):
        before = StaffMember.objects.count(), AuditEvent.objects.count()
        call_command("generate", "--scale", "demo", "--academic-year", "2026", stdout=StringIO())
        assert (StaffMember.objects.count(), AuditEvent.objects.count()) == before


def _terms(school) -> list[tuple]:
    from opensend.organisations.models import SchoolTerm

    own = {
        (t.academic_year, t.name): (t.start, t.end)
        for t in SchoolTerm.objects.filter(school=school)
    }
    rows = []
    for year in (2025, 2026):
        for name, start, end in term_dates(year):
            rows.append((year, name, *own.get((year, name), (start, end))))
    return rows


# --- write_workforce on the personas alone: quick ------------------------------------------------


def _ids() -> dict:
    models = (StaffMember, SencoAppointment, SencoTimeRecord, TrainingSession, Policy)
    return {m.__name__: sorted(map(str, m.objects.values_list("pk", flat=True))) for m in models}


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_the_same_stream_gives_the_same_records_and_another_differs(demo):
    schools = [demo[key].pk for key in PERSONA_SCHOOLS]

    def run(seed: str) -> tuple[dict, list]:
        written = write_workforce(random.Random(seed), TODAY, schools, 500)
        ids = _ids()
        names = sorted(StaffMember.objects.values_list("full_name", "email", "job"))
        assert written["workforce.staffmember"] == StaffMember.objects.count()
        for model in (PolicyVersion, Policy, TrainingSession, SencoAppointment, StaffMember):
            model.objects.all().delete()
        return ids, names

    first = run("demo:2026:workforce")
    assert first == run("demo:2026:workforce")
    assert first != run("demo:2026:other")


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_a_school_removed_and_generated_again_gets_the_same_records_and_moves_no_other(demo):
    schools = [demo[key].pk for key in PERSONA_SCHOOLS]
    oak = demo["north_oak"]

    def staff():
        return sorted(StaffMember.objects.values_list("id", "school_id", "full_name", "email"))

    write_workforce(random.Random("demo:2026:workforce"), TODAY, schools, 500)
    before, ids = staff(), _ids()
    PolicyVersion.objects.filter(policy__school=oak).delete()
    for model in (Policy, TrainingSession, SencoAppointment, StaffMember):
        model.objects.filter(school=oak).delete()
    written = write_workforce(random.Random("demo:2026:workforce"), TODAY, schools, 500)
    assert written["workforce.policy"] == 4  # Oakfield's alone
    assert (staff(), _ids()) == (before, ids)


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_a_school_that_has_its_own_staff_list_is_left_alone(demo):
    oak, hill = demo["north_oak"], demo["north_hill"]
    StaffMember.objects.create(school=oak, full_name="Sarah Collins", job=Job.SENCO)
    write_workforce(random.Random(1), TODAY, [oak.pk, hill.pk], 500)
    assert list(StaffMember.objects.filter(school=oak).values_list("full_name", flat=True)) == [
        "Sarah Collins"
    ]
    assert not Policy.objects.filter(school=oak).exists()
    # No pupils in the personas-only database: the smallest list a school can have.
    jobs = Counter(StaffMember.objects.filter(school=hill).values_list("job", flat=True))
    assert jobs == {"senco": 1, "head": 1, "leader": 1, "teacher": 2, "teaching_assistant": 1}
    assert Policy.objects.filter(school=hill).count() == 4
    # Only the named children on roll: no key workers for them, still the SENCO's hours.
    assert not KeyWorkerAssessment.objects.exists()
    records = SencoTimeRecord.objects.filter(school=hill)
    assert records.count() == 3 and not any(r.compliant for r in records)


# --- the plan alone: plain Python ----------------------------------------------------------------


def _facts(persona: str = "", pupils: int = 420) -> SchoolFacts:
    terms = [(year, *term) for year in (2025, 2026) for term in term_dates(year)]
    return SchoolFacts(
        id="school-1",
        name="Larkrise Primary School",
        phase="primary",
        establishment_type="academy",
        pupils=pupils,
        persona=persona,
        members=[Member("senco", "user-1", "Sarah Collins", "oak.senco@opensend.example")],
        register={
            (2025, "spring"): (50, 12),
            (2025, "summer"): (52, 13),
            (2026, "autumn"): (55, 14),
        },
        children_with_plans=[(f"child-{n}", date(2024, 9, 2)) for n in range(14)],
        terms=terms,
        closed=frozenset({date(2026, 10, 12)}),
    )


def test_the_plan_is_the_same_for_the_same_stream_and_day():
    def plan(seed):
        return [
            (row.model, row.fields) for row in plan_school(random.Random(seed), _facts(), TODAY)
        ]

    assert plan("x") == plan("x")
    assert plan("x") != plan("y")


@pytest.mark.parametrize("day", [date(2026, 9, 3), date(2027, 2, 10), date(2027, 7, 20)])
def test_the_plan_keeps_the_rules_on_any_day_of_the_year(day):
    rows = plan_school(random.Random(day.isoformat()), _facts("north_oak"), day)
    by_model = Counter(row.model for row in rows)
    assert by_model["Policy"] == 4 and 6 <= by_model["TrainingSession"] <= 9
    staff = {r.fields["id"]: r.fields for r in rows if r.model == "StaffMember"}
    senco = next(f for f in staff.values() if f["user_id"] == "user-1")
    assert senco["job"] == Job.SENCO and senco["email"] == "oak.senco@opensend.example"
    for row in rows:
        f = row.fields
        if row.model == "TrainingSession":
            assert f["planned_on"] <= day and (f["status"] == "held") == (
                f["starts_at"].date() < day
            )
            assert not f["problems"] or f["keep_reason"]
        if row.model == "KeyWorkerAllocation":
            worker = staff[f["worker_id"]]
            assessment = next(r.fields for r in rows if r.fields["id"] == f["assessment_id"])
            assert (worker["job"] == Job.SENCO) == bool(assessment["senco_reason"])
            assert f["starts_on"] <= day
        if row.model == "SencoTimeRecord":
            assert f["compliant"]  # Oakfield's SENCO time meets every check
    assert (
        sum(
            1
            for r in rows
            if r.model == "KeyWorkerAllocation" and staff[r.fields["worker_id"]]["job"] == "senco"
        )
        == 1
    )
    assert all(Decimal(0) <= f["key_worker_hours"] for f in staff.values())
