from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opensend.core import sweeps
from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.tasks import send_notification
from opensend.organisations.models import Invitation
from opensend.organisations.services import invitation_create


def _invite(demo, email):
    invitation, _ = invitation_create(
        actor=demo["oak_head"],
        organisation=demo["north_oak"],
        email=email,
        full_name="New Teacher",
        role="teacher",
    )
    return invitation


def _revocations():
    return AuditEvent.objects.filter(
        kind=AuditEventKind.REVOKED, record_type="organisations.invitation"
    )


def test_expired_invitations_are_revoked_once_however_often_the_sweep_runs(demo):
    with time_machine.travel("2026-11-02 09:00 +00:00", tick=False):
        old = _invite(demo, "old@opensend.example")
    with time_machine.travel("2026-11-10 09:00 +00:00", tick=False):
        recent = _invite(demo, "recent@opensend.example")
    with time_machine.travel("2026-11-17 09:00 +00:00", tick=False):
        assert sweeps.expired_invitations() == 1
        assert sweeps.expired_invitations() == 0
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.revoked_at == datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    assert recent.revoked_at is None
    event = _revocations().get()
    assert event.record_id == str(old.pk)
    assert event.actor is None and event.actor_label == "system"
    assert event.organisation_id == demo["north_oak"].pk


def test_the_sweep_leaves_accepted_and_cancelled_invitations_alone(demo):
    with time_machine.travel("2026-11-02 09:00 +00:00", tick=False):
        accepted = _invite(demo, "accepted@opensend.example")
        cancelled = _invite(demo, "cancelled@opensend.example")
        cancelled_at = timezone.now()
        Invitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
        Invitation.objects.filter(pk=cancelled.pk).update(revoked_at=cancelled_at)
    with time_machine.travel("2026-12-01 09:00 +00:00", tick=False):
        assert sweeps.expired_invitations() == 0
    assert Invitation.objects.get(pk=accepted.pk).revoked_at is None
    assert Invitation.objects.get(pk=cancelled.pk).revoked_at == cancelled_at
    assert not _revocations().exists()
    assert Invitation.objects.count() == 2  # nothing is deleted


def _task_result(*, finished_days_ago, status="SUCCESSFUL"):
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="opensend.core.tasks.send_notification",
        backend_name="default",
        run_after=now,
        finished_at=None if finished_days_ago is None else now - timedelta(days=finished_days_ago),
        exception_class_path="",
        traceback="",
    )


def test_task_results_are_pruned_after_thirty_days(db):
    old = _task_result(finished_days_ago=31)
    old_failure = _task_result(finished_days_ago=45, status="FAILED")
    recent = _task_result(finished_days_ago=29)
    waiting = _task_result(finished_days_ago=None, status="READY")
    assert sweeps.prune_task_results() == 2
    assert sweeps.prune_task_results() == 0
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, waiting.pk}
    assert old.pk not in remaining and old_failure.pk not in remaining


def test_the_command_prints_one_count_per_sweep(demo):
    with time_machine.travel("2026-11-02 09:00 +00:00", tick=False):
        _invite(demo, "old@opensend.example")
        _invite(demo, "older@opensend.example")
    with time_machine.travel("2026-11-20 09:00 +00:00", tick=False):
        first, second = StringIO(), StringIO()
        call_command("sweep", stdout=first)
        call_command("sweep", stdout=second)
    first_lines, second_lines = first.getvalue().splitlines(), second.getvalue().splitlines()
    assert {"prune_task_results: 0", "expired_invitations: 2"} <= set(first_lines)
    assert {"prune_task_results: 0", "expired_invitations: 0"} <= set(second_lines)
    assert len(first_lines) == len(sweeps.sweeps())  # one line per registered sweep
    assert _revocations().count() == 2


def test_one_failing_sweep_does_not_stop_the_others(db, monkeypatch):
    ran = []

    def broken():
        raise RuntimeError("boom")

    def counting():
        ran.append(True)
        return 3

    monkeypatch.setattr(sweeps, "_SWEEPS", {"broken": broken, "counting": counting})
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="broken"):
        call_command("sweep", stdout=out, stderr=err)
    assert ran == [True]
    assert out.getvalue().splitlines() == ["counting: 3"]
    assert "broken: failed" in err.getvalue()


def test_a_notification_task_sends_the_message(db):
    send_notification.enqueue(
        to="parent@opensend.example",
        kind="invitation",
        personalisation={
            "name": "Sam",
            "organisation": "Oakfield Primary School",
            "role": "family member",
            "link": "http://127.0.0.1:8000/join/abc/",
            "days": "14",
        },
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["parent@opensend.example"]
    assert mail.outbox[0].subject == "You have been invited to join OpenSEND"
    assert AuditEvent.objects.filter(kind=AuditEventKind.SENT, note="invitation").count() == 1
