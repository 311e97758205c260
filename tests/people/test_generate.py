"""`opensend generate` and `opensend demo`: shapes, census rules, determinism, idempotency."""

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import F

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.law.codes import NEED_BY_CODE
from opensend.law.upn import upn_problem
from opensend.organisations.demo import ORGANISATIONS
from opensend.organisations.models import ClosureDay, Organisation, SchoolTerm
from opensend.people.demo import CHILDREN
from opensend.people.generate.dates import easter_sunday, term_dates, year_group_for
from opensend.people.generate.pupils import UpnAllocator
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus

YEAR = 2026
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
        yield generate("--scale", "small")
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
        events = AuditEvent.objects.filter(note="generated")
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
    ]
    text = repr([sorted(map(repr, query)) for query in rows])
    return hashlib.sha256(text.encode()).hexdigest()


def remove_generated() -> None:
    Child.objects.all().delete()
    SchoolTerm.objects.all().delete()
    ClosureDay.objects.all().delete()
    Organisation.objects.exclude(name__in=PERSONA_ORGS).delete()


def test_the_same_seed_gives_identical_data_and_another_seed_differs(db):
    generate("--scale", "small", "--seed", "11")
    first = digest()
    remove_generated()
    generate("--scale", "small", "--seed", "11")
    assert digest() == first
    remove_generated()
    generate("--scale", "small", "--seed", "12")
    assert digest() != first


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
