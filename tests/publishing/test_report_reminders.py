"""The SEN information report reminder sweep (CoP 6.79: published at least once a year): a
month before the year is up, once per due date, to the school's SENCO and head; and schools
that have never published, once a year until they do."""

from datetime import date

import pytest
from django.core import mail

from opensend.core.sweeps import sweeps
from opensend.publishing.models import InformationReport
from opensend.publishing.reminders.reports import SUBJECT, report_reminders
from tests.access.routes_publishing_public import publish_report

TODAY = date(2026, 11, 2)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(today=TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return report_reminders(today)

    return _run


@pytest.fixture
def all_published(demo):
    """Every school published recently, so only the school a test changes is reminded."""
    from opensend.organisations.models import Organisation, OrganisationKind

    for school in Organisation.objects.filter(kind=OrganisationKind.SCHOOL):
        publish_report(school, number=1, published_on=date(2026, 10, 1))


def _to(school_key, demo) -> list:
    return [m for m in mail.outbox if demo[school_key].email in m.to]


def test_the_sweep_is_registered():
    assert sweeps()["publishing_report_reminders"] is report_reminders


def test_a_report_due_within_a_month_is_reminded_once(demo, all_published, run):
    oak = demo["north_oak"]
    report = InformationReport.objects.get(school=oak)
    report.versions.all().delete()
    publish_report(oak, number=1, published_on=date(2025, 11, 20))  # due 20 November 2026
    assert run() == 1
    assert {to for m in mail.outbox for to in m.to} == {
        demo["oak_senco"].email,
        demo["oak_head"].email,
    }
    message = mail.outbox[0]
    assert message.subject == SUBJECT
    assert "Oakfield" in message.body and "is due on 20 November 2026" in message.body
    report.refresh_from_db()
    assert report.reminded_for == date(2026, 11, 20)
    mail.outbox.clear()
    assert run() == 0 and mail.outbox == []


def test_a_report_due_in_more_than_a_month_is_not_reminded(demo, all_published, run):
    oak = demo["north_oak"]
    InformationReport.objects.get(school=oak).versions.all().delete()
    publish_report(oak, number=1, published_on=date(2025, 12, 3))
    assert run() == 0
    assert run(date(2026, 11, 3)) == 1


def test_a_school_that_never_published_is_reminded_once_a_year(demo, all_published, run):
    oak = demo["north_oak"]
    InformationReport.objects.get(school=oak).versions.all().delete()
    assert run() == 1
    assert "has not published" in _to("oak_senco", demo)[0].body
    assert run(date(2027, 6, 1)) == 0
    mail.outbox.clear()
    run(date(2027, 11, 2))  # a year on (the other schools are due again by now, too)
    assert "has not published" in _to("oak_senco", demo)[0].body
    assert InformationReport.objects.get(school=oak).reminded_for == date(2027, 11, 2)


def test_no_child_is_named(demo, all_published, run):
    InformationReport.objects.get(school=demo["north_oak"]).versions.all().delete()
    run()
    text = " ".join(m.subject + m.body for m in mail.outbox)
    for key in ("ava", "leo"):
        assert demo[key].first_name not in text
