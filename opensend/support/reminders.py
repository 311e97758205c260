"""Reminders to SENCOs about support plan reviews that are due or overdue (issue 5 item 6).

A sweep (`opensend sweep`, from cron): at most one email a week to each school's SENCOs, and
only when something is due in the next two weeks or overdue, so a reminder saves the SENCO a
check rather than adding to their inbox. The email names no child (DESIGN "Look and feel"):
it gives counts and a link; the list itself is behind sign-in.
"""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.notifications import MessageKind, notify, register_message_kind
from opensend.core.services import audit_record
from opensend.organisations.models import Membership, Organisation, Role
from opensend.support.selectors import PlanFilter, review_counts_by_school

KIND = "support_reviews_due"

register_message_kind(
    KIND,
    MessageKind(
        subject="Support plan reviews are due",
        body_template="emails/support_reviews_due.txt",
    ),
)


def _week_marker(today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"{KIND}:{year}-W{week:02d}"


def review_reminders(today: date | None = None) -> int:
    """Email each school's SENCOs once a week about reviews due; returns schools reminded."""
    today = today or timezone.localdate()
    marker = _week_marker(today)
    reminded = 0
    for school_id, row in review_counts_by_school(None, today).items():
        already = AuditEvent.objects.filter(
            kind=AuditEventKind.SENT, organisation_id=school_id, note=marker
        ).exists()
        if already:
            continue
        school = Organisation.objects.get(pk=school_id)
        sencos = Membership.objects.filter(
            organisation_id=school_id, role=Role.SENCO, is_active=True
        ).select_related("user")
        for membership in sencos:
            notify(
                to=membership.user.email,
                kind=KIND,
                personalisation={
                    "name": membership.user.get_short_name(),
                    "school": school.name,
                    "due": str(row["due"]),
                    "overdue": str(row["overdue"]),
                    "link": settings.SITE_URL
                    + reverse("school_support_plans", args=[school_id])
                    + f"?show={PlanFilter.DUE}",
                },
            )
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record_type="support.reminder",
            organisation_id=school_id,
            note=marker,
        )
        reminded += 1
    return reminded
