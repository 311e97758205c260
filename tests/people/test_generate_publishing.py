"""The generator's publishing data (issue 11 "Demo and done"): reports, Local Offer, consultations.

`write_publishing` on the personas alone is quick and carries most promises; one `--scale demo`
run, shared by the read-only tests of its class (as tests/people/test_generate_workforce.py
does) and rolled back after them, checks every school and that no child is named.
"""

import random
import time
from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from opensend.core.models import AuditEvent
from opensend.law.information_report import missing_items
from opensend.law.local_offer import entry_stale_on
from opensend.organisations.demo import ORGANISATIONS
from opensend.organisations.models import Organisation
from opensend.people.generate.publishing import write_publishing
from opensend.people.generate.publishing_reports import HILLSIDE_GAPS
from opensend.people.models import Child
from opensend.publishing.models import (
    ChangeStatus,
    Consultation,
    ConsultationComment,
    ConsultationTheme,
    InformationReport,
    LocalOffer,
    ReportVersion,
    Service,
    ServiceCategory,
    ServiceChange,
)
from opensend.publishing.school_entry import is_mainstream

TODAY = date(2026, 11, 20)
PERSONA_SCHOOLS = ("north_oak", "north_hill", "south_river", "south_moor")
PERSONA_NAMES = {spec.name for spec in ORGANISATIONS}


def _write(demo, seed: str = "demo:2026:publishing"):
    schools = [demo[key].pk for key in PERSONA_SCHOOLS]
    return write_publishing(random.Random(seed), TODAY, schools, 500)


def _remove() -> None:
    Service.objects.all().delete()
    Consultation.objects.all().delete()
    LocalOffer.objects.all().delete()
    InformationReport.objects.all().delete()
    Organisation.objects.filter(kind="local_offer_provider").exclude(
        name__in=PERSONA_NAMES
    ).delete()


def _ids() -> dict:
    models = (LocalOffer, InformationReport, ReportVersion, Service, ServiceChange, Consultation)
    found = {m.__name__: sorted(map(str, m.objects.values_list("pk", flat=True))) for m in models}
    found["comments"] = sorted(ConsultationComment.objects.values_list("pk", "text"))
    found["providers"] = sorted(
        Organisation.objects.filter(kind="local_offer_provider").values_list("pk", "name")
    )
    return found


# --- write_publishing on the personas alone: quick ------------------------------------------------


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_the_same_stream_gives_the_same_records_and_another_differs(demo):
    _write(demo)
    first = _ids()
    assert first["Service"]
    _remove()
    _write(demo)
    assert _ids() == first
    _remove()
    _write(demo, "demo:2026:other")
    assert _ids() != first


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_a_second_run_writes_nothing(demo):
    _write(demo)
    before = _ids(), AuditEvent.objects.count()
    assert not _write(demo)
    assert (_ids(), AuditEvent.objects.count()) == before


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_oakfield_complete_with_two_versions_and_hillside_overdue_with_gaps(demo):
    _write(demo)
    oak = InformationReport.objects.get(school=demo["north_oak"])
    assert not missing_items(oak.answers, mainstream=True)
    versions = list(oak.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert (TODAY - versions[0].published_on).days > 365 > (TODAY - versions[1].published_on).days
    assert oak.answers == versions[1].answers
    hill = InformationReport.objects.get(school=demo["north_hill"])
    assert {i.key for i in missing_items(hill.answers, mainstream=True)} == set(HILLSIDE_GAPS)
    (only,) = hill.versions.all()
    assert (TODAY - only.published_on).days > 365  # due again (CoP 6.79)
    assert not missing_items(only.answers, mainstream=True)
    for key in ("south_river", "south_moor"):
        report = InformationReport.objects.get(school=demo[key])
        assert report.versions.count() == 1 and not missing_items(report.answers, mainstream=True)


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_each_school_entry_is_drawn_from_its_newest_version(demo):
    _write(demo)
    for key in PERSONA_SCHOOLS:
        school = demo[key]
        entry = Service.objects.get(provider=school)
        newest = school.information_report.versions.first()
        assert entry.information_report == school.information_report
        assert entry.is_published and entry.confirmed_on == newest.published_on
        assert entry.local_offer.local_authority_id == school.local_authority_id
        assert entry.answers["who_for"] == newest.answers["kinds_of_sen"]


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_each_persona_authority_has_100_published_services_in_every_category(demo):
    _write(demo)
    for key, slug in (("north_la", "northshire-county"), ("south_la", "southmoor-city")):
        offer = LocalOffer.objects.get(local_authority=demo[key])
        assert offer.slug == slug
        assert offer.offline_access and offer.sendiass_email and offer.mediation_contact
        assert 4 <= offer.areas.count() <= 6
        published = offer.services.filter(is_published=True, information_report=None)
        assert published.count() >= 100
        assert set(published.values_list("category", flat=True)) == set(ServiceCategory.values)
        names = list(offer.services.values_list("name", flat=True))
        assert len(names) == len(set(names))
        assert offer.services.filter(for_all_needs=False, needs__isnull=False).exists()
        assert offer.services.filter(status="temporarily closed").count() == 2
        assert offer.services.filter(status="defunct").count() == 1
        providers = set(offer.services.values_list("provider__kind", flat=True))
        assert providers >= {"local_authority", "professional_service", "local_offer_provider"}
        charged = offer.services.exclude(cost="free")
        assert charged.exists() and not charged.filter(fees="").exists()


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_stale_entries_pending_changes_and_a_new_entry_awaiting_approval(demo):
    _write(demo)
    play_club = Organisation.objects.get(name="Northshire Sensory Support Play Club")
    for key in ("north_la", "south_la"):
        services = Service.objects.filter(local_offer__local_authority=demo[key])
        stale = [s for s in services if entry_stale_on(s.confirmed_on) <= TODAY]
        assert len(stale) >= 1
        pending = ServiceChange.objects.filter(service__in=services, status=ChangeStatus.PENDING)
        assert 3 <= pending.filter(service__is_published=True).count() <= 4
        new = pending.get(service__is_published=False, service__status="active")
        assert new.proposed["name"] == new.service.name
    mine = ServiceChange.objects.filter(service__provider=play_club)
    assert mine.exists()
    assert set(mine.values_list("created_by", flat=True)) == {demo["north_provider"].pk}


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_a_closed_consultation_with_its_response_and_an_open_one(demo):
    _write(demo)
    for key in ("north_la", "south_la"):
        offer = LocalOffer.objects.get(local_authority=demo[key])
        closed = offer.consultations.get(closes_on__lt=TODAY)
        assert closed.response_published_on < TODAY and closed.response_summary
        themes = ConsultationTheme.objects.filter(consultation=closed)
        assert 3 <= themes.count() <= 4
        assert not themes.filter(you_said="").exists() and not themes.filter(we_did="").exists()
        assert not themes.filter(planned_action="").exists()
        comments = closed.comments.all()
        assert 12 <= comments.count() <= 16
        assert comments.filter(theme__isnull=False).count() > comments.count() / 2
        excluded = comments.exclude(excluded_reason="")
        assert set(excluded.values_list("excluded_reason", flat=True)) == {
            "vexatious",
            "individual_case",
        }
        assert not excluded.filter(exclusion_note="").exists()
        edited = comments.exclude(published_text="").get()
        assert "01632" in edited.text and "01632" not in edited.published_text
        opened = offer.consultations.get(opens_on__lte=TODAY, closes_on__gte=TODAY)
        assert opened.response_published_on is None
        assert opened.comments.count() == 5 and not opened.comments.filter(theme__isnull=False)


@time_machine.travel(f"{TODAY} 12:00", tick=False)
def test_an_audit_row_for_each_record_of_note(demo):
    written = _write(demo)
    for model in (LocalOffer, InformationReport, ReportVersion, Service, ServiceChange):
        label = model._meta.label_lower
        events = AuditEvent.objects.filter(record_type=label, note="generated")
        assert events.count() == model.objects.count() == written[label], label
        assert not events.filter(subject_id__isnull=False).exists()


# --- one demo run: every school, and no child named ----------------------------------------------


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


class TestDemoScale:
    def test_every_school_has_a_report_and_a_published_version(self, today):
        schools = Organisation.objects.filter(kind="school")
        assert schools.count() == 14
        for school in schools:
            report = InformationReport.objects.get(school=school)
            assert report.versions.exists(), school
            newest = report.versions.first()
            assert not missing_items(newest.answers, mainstream=is_mainstream(school)), school
            if not is_mainstream(school):  # Sch 1 items 2 and 4: mainstream only
                assert "senco" not in newest.answers and "identification" not in newest.answers
            assert Service.objects.filter(information_report=report, is_published=True).exists()
        hill = InformationReport.objects.get(school__name="Hillside Academy")
        assert missing_items(hill.answers, mainstream=True)
        oak = InformationReport.objects.get(school__name="Oakfield Primary School")
        assert oak.versions.count() == 2 and not missing_items(oak.answers, mainstream=True)

    def test_the_senco_is_named_by_initial_and_surname_from_the_staff_list(self, today):
        oak = InformationReport.objects.get(school__name="Oakfield Primary School")
        assert "S. Collins" in oak.answers["senco"]

    def test_nothing_published_names_a_child(self, today):
        names = {
            f"{first} {last}"
            for first, last in Child.objects.values_list("first_name", "last_name")
        }
        assert len(names) > 3000
        published = [str(v.answers) for v in ReportVersion.objects.all()]
        published += [str(r.answers) for r in InformationReport.objects.all()]
        published += [
            f"{s.name} {s.summary} {s.description} {s.answers}" for s in Service.objects.all()
        ]
        published += [f"{c.text} {c.published_text}" for c in ConsultationComment.objects.all()]
        published += [
            f"{t.you_said} {t.we_did} {t.planned_action}" for t in ConsultationTheme.objects.all()
        ]
        text = "\n".join(published)
        assert not [name for name in names if name in text]

    def test_a_second_run_changes_nothing(self, today):
        before = Service.objects.count(), AuditEvent.objects.count()
        call_command("generate", "--scale", "demo", "--academic-year", "2026", stdout=StringIO())
        assert (Service.objects.count(), AuditEvent.objects.count()) == before


def test_publishing_adds_well_under_a_second_to_the_personas(demo):
    started = time.perf_counter()
    with time_machine.travel(f"{TODAY} 12:00", tick=False):
        written = _write(demo)
    assert sum(written.values()) > 500
    assert time.perf_counter() - started < 3  # generous: a busy test machine
