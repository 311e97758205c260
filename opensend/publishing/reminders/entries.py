"""Flagging Local Offer entries nobody has checked for 12 months (issue 11 item 3: "entries not
updated in 12 months flagged to the provider and the LA"; CFA 2014 s30(9): the authority keeps
its Local Offer under review).

A sweep (`opensend sweep`, from cron), safe to run as often as cron likes: each entry is
flagged once per stale date (`Service.stale_reminded_for`), so a second run sends nothing, and
an entry confirmed again gets its own reminder a year later. A school's entry is skipped: it
follows the school's SEN information report, whose own annual reminder covers it.

Who is told: the provider's accounts and the authority's SEND team. The subject is fixed; the
body names the service and the provider, never a child.
"""

from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.core.sweeps import register_sweep
from opensend.ehc.messages import BODY, send
from opensend.law.dates import long_date
from opensend.law.local_offer import entry_stale_on
from opensend.organisations.models import Role
from opensend.publishing.models import Service
from opensend.publishing.selectors.directory import stale_entries
from opensend.reviews.messages import members_of

ENTRY_STALE_REMINDER = "publishing_entry_stale_reminder"
SUBJECT = "Reminder: a Local Offer entry needs checking"
register_message_kind(ENTRY_STALE_REMINDER, MessageKind(subject=SUBJECT, body_template=BODY))

LA_TEAM = [Role.LA_CASEWORKER, Role.LA_MANAGER]
PROVIDER_STEP = (
    'Read the entry. If it is still right, press "Still correct" on your Local Offer entries '
    "page: that is all. If not, change it and send it for approval."
)
AUTHORITY_STEP = (
    "The provider has been asked to check it. You can confirm or change it yourself from the "
    "Local Offer's entries page."
)


def _candidates(today: date):
    return (
        Service.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(stale_entries(today))
        .exclude(Q(stale_reminded_for__isnull=False) & Q(stale_reminded_for__gte=F("confirmed_on")))
        .select_related("provider", "local_offer__local_authority")
        .order_by("local_offer_id", "provider_id", "pk")
    )


@transaction.atomic
def entry_stale_reminders(today: date | None = None) -> int:
    """Sweep: tell the provider and the authority about each entry not confirmed for 12
    months, once per stale date. Returns how many entries were flagged."""
    today = today or timezone.localdate()
    people: dict[tuple, list] = {}  # one query per organisation, not per entry
    flagged = 0
    for service in _candidates(today):
        stale_on = entry_stale_on(service.confirmed_on)
        if service.stale_reminded_for == stale_on:
            continue
        provider_key = ("provider", service.provider_id)
        if provider_key not in people:
            people[provider_key] = members_of(
                service.provider_id,
                [Role.LOCAL_OFFER_PROVIDER],
                label="Provider",
                page=("publishing_provider_entries", service.provider_id),
            )
        la = service.local_offer.local_authority_id
        la_key = ("la", service.local_offer_id)
        if la_key not in people:
            people[la_key] = members_of(
                la,
                LA_TEAM,
                label="Local Offer",
                page=("publishing_la_offer", service.local_offer_id),
            )
        what = (
            f"The Local Offer entry {service.name} ({service.provider.name}) was last checked on "
            f"{long_date(service.confirmed_on)}, over a year ago."
        )
        send(
            people[provider_key],
            kind=ENTRY_STALE_REMINDER,
            what_changed=what,
            next_step=PROVIDER_STEP,
        )
        send(people[la_key], kind=ENTRY_STALE_REMINDER, what_changed=what, next_step=AUTHORITY_STEP)
        Service.objects.filter(pk=service.pk).update(stale_reminded_for=stale_on)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=service,
            organisation_id=la,
            note=f"{ENTRY_STALE_REMINDER} stale_on={stale_on} "
            f"recipients={len(people[provider_key]) + len(people[la_key])}",
        )
        flagged += 1
    return flagged


register_sweep("entry_stale_reminders", entry_stale_reminders)
