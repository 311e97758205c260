"""The policy-review reminder sweep: 28 days before the next review date, once per date."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from opensend.core.models import AuditEvent
from opensend.core.sweeps import sweeps
from opensend.workforce.models import Policy, PolicyKind
from opensend.workforce.reminders import SUBJECT, policy_review_reminders
from opensend.workforce.services.policies import policy_confirm_no_change
from tests.workforce.policy_fixtures import make_policy

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 2)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the sweep and deliver what it sends (messages go on commit)."""

    def _run(today=None):
        with django_capture_on_commit_callbacks(execute=True):
            return policy_review_reminders(today)

    return _run


def _addresses() -> set[str]:
    return {to for message in mail.outbox for to in message.to}


def test_the_sweep_is_registered():
    assert sweeps()["policy_review_reminders"] is policy_review_reminders


def test_a_policy_due_in_28_days_is_reminded_once(frozen, demo, oak, oak_staff, run):
    # Reviewed 30 November 2025, every 12 months: due 30 November 2026, 28 days from today.
    policy = make_policy(oak, reviewed_on=date(2025, 11, 30), owner=oak_staff["oak_teacher"])
    assert run() == 1
    assert _addresses() == {
        demo["oak_senco"].email,
        demo["oak_head"].email,
        demo["oak_teacher"].email,  # the owner
    }
    body = mail.outbox[0].body
    assert "The SEND policy at Oakfield" in body
    assert "is due on 30 November 2026 for review" in body
    assert "Reviewed: no change" in body
    policy.refresh_from_db()
    assert policy.reminded_for == date(2026, 11, 30)
    event = AuditEvent.objects.get(record_id=str(policy.pk), kind="sent")
    assert event.note == "workforce_policy_review_reminder due=2026-11-30 recipients=3"

    mail.outbox.clear()
    assert run() == 0
    assert mail.outbox == []


def test_a_policy_due_in_29_days_is_not_reminded_yet(frozen, demo, oak, run):
    policy = make_policy(oak, reviewed_on=date(2025, 12, 1))
    assert run() == 0
    assert mail.outbox == []
    assert run(date(2026, 11, 3)) == 1
    policy.refresh_from_db()
    assert policy.reminded_for == date(2025, 12, 1).replace(year=2026)


def test_the_next_due_date_gets_its_own_reminder(frozen, demo, oak, run):
    policy = make_policy(oak, reviewed_on=date(2025, 11, 30))
    assert run() == 1
    policy_confirm_no_change(actor=demo["oak_senco"], policy=policy)
    policy.refresh_from_db()
    assert policy.next_review_on == date(2027, 11, 2)
    mail.outbox.clear()
    assert run() == 0  # the new date is a year away
    with time_machine.travel(datetime(2027, 10, 5, 9, tzinfo=timezone.get_fixed_timezone(0))):
        assert run() == 1  # 28 days before 2 November 2027
        assert run() == 0
    policy.refresh_from_db()
    assert policy.reminded_for == date(2027, 11, 2)
    assert len(mail.outbox) == 2  # the SENCO and the head; no owner named


def test_an_overdue_policy_never_reminded_is_reminded_once_saying_so(frozen, demo, oak, run):
    make_policy(oak, kind=PolicyKind.COMPLAINTS, reviewed_on=date(2025, 6, 1))
    assert run() == 1
    assert "The Complaints procedure at Oakfield" in mail.outbox[0].body
    assert "was due on 1 June 2026 for review" in mail.outbox[0].body
    assert run() == 0


def test_a_retired_policy_is_not_reminded(frozen, demo, oak, run):
    policy = make_policy(oak, reviewed_on=date(2025, 6, 1))
    Policy.objects.filter(pk=policy.pk).update(retired_on=date(2026, 9, 1))
    assert run() == 0


def test_no_subject_names_anyone(frozen, demo, oak, oak_staff, run):
    make_policy(
        oak,
        reviewed_on=date(2025, 11, 10),
        title="Ava's and Leo's plan for Sarah Collins",
        owner=oak_staff["oak_senco"],
    )
    make_policy(demo["north_hill"], reviewed_on=date(2025, 11, 10))
    assert run() == 2
    names = [s.full_name for s in oak_staff.values()] + ["Ava", "Leo", "Oakfield", "Hillside"]
    names += [demo[key].email for key in ("oak_senco", "oak_head", "hill_senco")]
    assert {message.subject for message in mail.outbox} == {SUBJECT}
    for message in mail.outbox:
        assert not any(name.split(" ")[0] in message.subject for name in names)
