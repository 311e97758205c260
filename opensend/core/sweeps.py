"""Sweeps: small, idempotent housekeeping jobs that `opensend sweep` runs from cron.

Every sweep is safe to run twice in a row (the second run changes nothing) and safe to run
while people use the service, so cron can call it as often as every 15 minutes:

    */15 * * * *  opensend sweep

A sweep is a function taking no arguments and returning how many records it changed. Apps add
their own in `AppConfig.ready()` with `register_sweep("name", fn)`.
"""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record

Sweep = Callable[[], int]

_SWEEPS: dict[str, Sweep] = {}

TASK_RESULT_DAYS = 30


def register_sweep(name: str, fn: Sweep) -> Sweep:
    _SWEEPS[name] = fn
    return fn


def sweeps() -> dict[str, Sweep]:
    return dict(_SWEEPS)


def prune_task_results() -> int:
    """Delete background-task results that finished over 30 days ago (they hold arguments)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=TASK_RESULT_DAYS)
    deleted, _ = DBTaskResult.objects.finished().filter(finished_at__lte=cutoff).delete()
    return deleted


@transaction.atomic
def expired_invitations() -> int:
    """Mark open invitations past their expiry date as revoked, with one audit event each.

    The links already stop working at `expires_at`; this makes the list of invitations say so
    and records when it happened. Rows are kept: the audit trail refers to them.
    """
    # Imported here: organisations builds on core, so core must not import it at load time.
    from opensend.organisations.models import Invitation

    now = timezone.now()
    open_and_expired = Invitation.objects.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now
    )
    # Locked, so two sweeps running at once cannot both revoke (and audit) the same row.
    expired = list(
        open_and_expired.select_for_update(skip_locked=True).values_list("pk", "organisation_id")
    )
    if not expired:
        return 0
    open_and_expired.filter(pk__in=[pk for pk, _ in expired]).update(revoked_at=now, updated_at=now)
    for pk, organisation_id in expired:
        audit_record(
            actor=None,
            kind=AuditEventKind.REVOKED,
            record_type="organisations.invitation",
            record_id=str(pk),
            organisation_id=organisation_id,
            note="expired",
        )
    return len(expired)


register_sweep("prune_task_results", prune_task_results)
register_sweep("expired_invitations", expired_invitations)
