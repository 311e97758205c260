"""Reminders that a school's SEN information report is due to be published again (issue 11
item 1: "an annual review reminder (published at least yearly)"; CoP 6.79).

A sweep (`opensend sweep`), safe to run as often as cron likes. A school is reminded a month
before its report's year is up (law.information_report.reminder_due), once per due date: the
sweep stores the date it reminded about (`InformationReport.reminded_for`) with a conditional
update, so a second run, or two runs at once, send nothing more. A school that has never
published is reminded once, then again a year later if it still has not.

Who is told: the school's SENCOs and head, who write the report. The subject is fixed; the body
names the school, never a child.
"""

from datetime import date

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.core.sweeps import register_sweep
from opensend.ehc.messages import BODY, send
from opensend.ehc.reminders import when_due
from opensend.law.dates import add_months
from opensend.law.information_report import next_publication_due, reminder_due
from opensend.organisations.models import Membership, Organisation, OrganisationKind, Role
from opensend.publishing.models import InformationReport
from opensend.reviews.messages import members_of

REPORT_REMINDER = "publishing_report_reminder"
SUBJECT = "Reminder: your SEN information report is due to be published again"
register_message_kind(REPORT_REMINDER, MessageKind(subject=SUBJECT, body_template=BODY))

NEXT_STEP = (
    "Open the report in OpenSEND. If last year's report is still right, press \"Publish it "
    'for this year": that publishes it again in one step. Otherwise change what needs '
    "changing, then publish."
)
FIRST_STEP = (
    "Open the SEN information report in OpenSEND: most of it is already written from the "
    "school's records. Check it, answer the items still blank, and publish it."
)


def _schools(today: date):
    """Schools with a SENCO or head to tell, each with its report's last publication date."""
    keepers = Membership.objects.filter(
        organisation=OuterRef("pk"), role__in=[Role.SENCO, Role.HEAD], is_active=True
    )
    return (
        Organisation.objects.filter(kind=OrganisationKind.SCHOOL)
        .filter(Exists(keepers))
        .annotate(last_published=Max("information_report__versions__published_on"))
        .order_by("name")
    )


def _due(school, today: date) -> date | None:
    """The due date to remind about now, or None if no reminder is due today."""
    if school.last_published is None:
        return today  # never published: due now
    if reminder_due(school.last_published) > today:
        return None
    return next_publication_due(school.last_published)


def _claim(school, due: date, today: date) -> InformationReport | None:
    """Record the reminder before sending it (a conditional update, so two runs at once send
    one); None if it was already sent for this date."""
    report, _ = InformationReport.objects.get_or_create(school=school)
    claimed = InformationReport.objects.filter(pk=report.pk)
    if school.last_published is None:
        # Never published: once now, then once a year while it stays unpublished.
        claimed = claimed.filter(
            Q(reminded_for__isnull=True) | Q(reminded_for__lte=add_months(today, -12))
        )
    else:
        claimed = claimed.exclude(reminded_for=due)
    return report if claimed.update(reminded_for=due) == 1 else None


@transaction.atomic
def report_reminders(today: date | None = None) -> int:
    """Sweep: tell each school's SENCO and head when its report is due again (a month ahead,
    or overdue), or has never been published. Returns how many schools were reminded."""
    today = today or timezone.localdate()
    reminded = 0
    for school in _schools(today):
        due = _due(school, today)
        report = _claim(school, due, today) if due is not None else None
        if report is None:
            continue
        page = ("publishing_report", school.pk)
        recipients = members_of(school.pk, [Role.SENCO, Role.HEAD], label="School", page=page)
        if school.last_published is None:
            what = f"{school.name} has not published an SEN information report in OpenSEND yet."
            step = FIRST_STEP
        else:
            what = (
                f"The SEN information report of {school.name} {when_due(due, today)} to be "
                "published again (it is updated at least once a year)."
            )
            step = NEXT_STEP
        send(recipients, kind=REPORT_REMINDER, what_changed=what, next_step=step)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=report,
            organisation_id=school.pk,
            note=f"{REPORT_REMINDER} due={due} recipients={len(recipients)}",
        )
        reminded += 1
    return reminded


register_sweep("publishing_report_reminders", report_reminders)
