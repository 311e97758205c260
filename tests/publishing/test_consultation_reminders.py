"""The "You said, we did" reminder sweep: 28 days before the response is due (reg 56(2): at
least annually), or once it is overdue; once per due date."""

from datetime import date

import pytest
import time_machine
from django.core import mail

from opensend.core.sweeps import sweeps
from opensend.publishing.models import Consultation, LocalOffer
from opensend.publishing.reminders.responses import SUBJECT, response_reminders
from opensend.publishing.services.offers import local_offer_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(today=TODAY):
        with django_capture_on_commit_callbacks(execute=True):
            return response_reminders(today)

    return _run


@pytest.fixture
def offer(demo):
    return local_offer_for(demo["north_la"])


def _consultation(offer, opens_on, closes_on, published_on=None):
    return Consultation.objects.create(
        local_offer=offer,
        title="Short breaks",
        description="x",
        audiences=["families"],
        opens_on=opens_on,
        closes_on=closes_on,
        response_published_on=published_on,
    )


def _addresses() -> set[str]:
    return {to for message in mail.outbox for to in message.to}


def test_the_sweep_is_registered():
    assert sweeps()["publishing_response_reminders"] is response_reminders


def test_a_response_due_within_28_days_is_reminded_once(offer, demo, run):
    _consultation(offer, date(2025, 10, 1), date(2025, 10, 31), published_on=date(2025, 12, 20))
    assert run() == 1
    assert _addresses() == {demo["north_caseworker"].email, demo["north_manager"].email}
    message = mail.outbox[0]
    assert message.subject.endswith(SUBJECT)
    assert "is due on 20 December 2026" in message.body
    offer.refresh_from_db()
    assert offer.response_reminded_for == date(2026, 12, 20)
    mail.outbox.clear()
    assert run() == 0
    assert mail.outbox == []


def test_a_response_due_in_more_than_28_days_is_not_reminded_yet(offer, run):
    _consultation(offer, date(2025, 10, 1), date(2025, 10, 31), published_on=date(2026, 1, 5))
    assert run() == 0
    assert mail.outbox == []


def test_a_response_never_published_after_a_closed_consultation_is_overdue(offer, run):
    _consultation(offer, date(2026, 9, 1), date(2026, 10, 31))
    assert run() == 1
    assert "was due on 31 October 2026" in mail.outbox[0].body
    assert run() == 0


def test_an_open_consultation_with_no_response_ever_is_not_reminded(offer, run):
    _consultation(offer, date(2026, 11, 1), date(2026, 12, 31))
    assert run() == 0


def test_the_next_due_date_gets_its_own_reminder(offer, run):
    consultation = _consultation(
        offer, date(2025, 10, 1), date(2025, 10, 31), published_on=date(2025, 12, 20)
    )
    assert run() == 1
    Consultation.objects.filter(pk=consultation.pk).update(response_published_on=date(2025, 12, 1))
    assert run() == 1
    assert LocalOffer.objects.get(pk=offer.pk).response_reminded_for == date(2026, 12, 1)


def test_the_other_authority_is_not_told(offer, demo, run):
    _consultation(offer, date(2026, 9, 1), date(2026, 10, 31))
    local_offer_for(demo["south_la"])
    run()
    assert demo["south_manager"].email not in _addresses()
