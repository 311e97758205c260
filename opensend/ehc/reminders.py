"""Reminders before each statutory date of an EHC needs assessment (issue 7 item 9).

A sweep (`opensend sweep`, from cron), safe to run as often as cron likes: each reminder is
sent once, because the sweep records what it reminded about on the record itself.

- Advice asked for (reg 8(1): 6 weeks) that is due within a week, or overdue, and not yet
  reminded: the people who give it (`messages.responders_of`) are reminded once
  (`AdviceRequest.reminded_at`).
- An open case whose next statutory date (`EhcCase.next_due`, kept by the services) is within
  a week, or overdue: the caseworker (or the SEND team, while nobody owns the case) is reminded
  once for that date (`EhcCase.reminded_for`); when the services move the case on to its next
  date, that date gets its own reminder.

Subjects are fixed per kind (`opensend.ehc.messages`) and bodies are neutral: no child is named
in an inbox (DESIGN "Look and feel"); the link leads to the signed-in page.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.ehc import messages
from opensend.ehc.models import OPEN_STAGES, AdviceRequest, AdviceStatus, EhcCase

# Not statutory: a week is enough to chase advice or prepare a decision, and a reminder sent
# earlier would be forgotten by the day (the work tray warns two weeks ahead: law.assessment).
REMIND_BEFORE = timedelta(days=7)


def when_due(due: date, today: date) -> str:
    """How a reminder says the date: was due, is due today, is due on."""
    if due < today:
        return f"was due on {due:%-d %B %Y}"
    if due == today:
        return "is due today"
    return f"is due on {due:%-d %B %Y}"


def _remind_advice(today: date, now) -> int:
    due = list(
        AdviceRequest.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(
            status=AdviceStatus.REQUESTED,
            due__isnull=False,
            due__lte=today + REMIND_BEFORE,
            reminded_at__isnull=True,
        )
        .select_related("case", "case__child", "recipient_user")
        .order_by("due", "pk")
    )
    for advice in due:
        recipients = messages.responders_of(advice)
        messages.send(
            recipients,
            kind=messages.ADVICE_REMINDER,
            what_changed=f"Advice you were asked for, for an EHC needs assessment, "
            f"{when_due(advice.due, today)}.",
            next_step="Please give it as soon as you can (SEND Regulations 2014 reg 8: within "
            "6 weeks of being asked), or tell the council if something is stopping you.",
        )
        AdviceRequest.objects.filter(pk=advice.pk).update(reminded_at=now)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=advice,
            subject_id=advice.case.child_id,
            organisation_id=advice.case.local_authority_id,
            note=f"{messages.ADVICE_REMINDER} recipients={len(recipients)}",
        )
    return len(due)


def _remind_cases(today: date) -> int:
    due = list(
        EhcCase.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(
            stage__in=OPEN_STAGES,
            next_due__isnull=False,
            next_due__lte=today + REMIND_BEFORE,
        )
        .exclude(reminded_for=F("next_due"))
        .select_related("caseworker")
        .order_by("next_due", "pk")
    )
    for case in due:
        recipients = messages.la_team_of(case)
        messages.send(
            recipients,
            kind=messages.CASE_REMINDER,
            what_changed=f"A statutory date for an EHC needs assessment case "
            f"{when_due(case.next_due, today)}.",
            next_step=f"{case.next_step} by {case.next_due:%-d %B %Y}." if case.next_step else "",
        )
        EhcCase.objects.filter(pk=case.pk).update(reminded_for=case.next_due)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=case,
            subject_id=case.child_id,
            organisation_id=case.local_authority_id,
            note=f"{messages.CASE_REMINDER} due={case.next_due} recipients={len(recipients)}",
        )
    return len(due)


@transaction.atomic
def ehc_reminders() -> int:
    """Sweep: remind advice-givers and caseworkers of dates within a week (or missed).
    Returns how many advice requests and cases were reminded; a second run reminds none."""
    now = timezone.now()
    today = timezone.localdate()
    return _remind_advice(today, now) + _remind_cases(today)
