"""The sweep that flags entries nobody has checked for 12 months: once per stale date, to the
provider and the council's SEND team; a school's entry is left to its report's reminder."""

from datetime import date, timedelta

import pytest
from django.core import mail

from opensend.core.sweeps import sweeps
from opensend.publishing.models import InformationReport, Service
from opensend.publishing.reminders.entries import SUBJECT, entry_stale_reminders
from opensend.publishing.services.directory import service_confirm
from tests.access.routes_publishing_directory import make_service, publishing_directory_world

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


@pytest.fixture
def world(demo):
    world = {**demo, **publishing_directory_world(demo)}
    # Only one stale entry: the provider's, confirmed exactly a year ago.
    Service.objects.update(confirmed_on=TODAY - timedelta(days=30))
    Service.objects.filter(pk=world["north_entry"].pk).update(confirmed_on=date(2025, 11, 27))
    return world


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(today=TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return entry_stale_reminders(today)

    return _run


def test_the_sweep_is_registered():
    assert sweeps()["entry_stale_reminders"] is entry_stale_reminders


def test_a_stale_entry_is_flagged_once_to_the_provider_and_the_council(world, run):
    assert run(TODAY - timedelta(days=1)) == 0  # 364 days: not yet
    assert run() == 1
    assert {to for m in mail.outbox for to in m.to} == {
        world["north_provider"].email,
        world["north_caseworker"].email,
        world["north_manager"].email,
    }
    assert {m.subject for m in mail.outbox} == {SUBJECT}
    assert "Sensory play sessions" in mail.outbox[0].body
    mail.outbox.clear()
    assert run() == 0 and run(TODAY + timedelta(days=5)) == 0
    assert mail.outbox == []


def test_confirming_starts_a_new_year(world, run):
    run()
    entry = Service.objects.get(pk=world["north_entry"].pk)
    service_confirm(actor=world["north_provider"], service=entry)
    assert run() == 0
    entry.refresh_from_db()
    a_year_on = entry.confirmed_on + timedelta(days=366)
    assert run(a_year_on) == 3  # every entry in the world is a year old by then
    entry.refresh_from_db()
    assert entry.stale_reminded_for == date(2027, 11, 28)


def test_a_schools_entry_is_left_to_its_report(world, run):
    report = InformationReport.objects.create(school=world["north_oak"])
    make_service(
        world["north_offer"],
        world["north_oak"],
        name="Oakfield Primary",
        information_report=report,
        confirmed_on=date(2024, 1, 1),
    )
    assert run() == 1  # the provider's only
