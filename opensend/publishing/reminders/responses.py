"""Reminding an authority that its "You said, we did" is due (SEND Regs 2014 reg 56(2): the
response to comments is published "at least annually").

A sweep (`opensend sweep`), safe to run as often as cron likes. The due date is 12 months after
the last published response (law.local_offer.response_due) or, if none was ever published,
the day the offer's first consultation closed. Each offer is reminded once per due date
(`LocalOffer.response_reminded_for`), 28 days before or any time after.

Who is told: the authority's SEND team (caseworkers and managers), who run consultations. The
subject is fixed; the body names the authority, never anyone who commented.
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.core.sweeps import register_sweep
from opensend.ehc.messages import BODY, send
from opensend.ehc.reminders import when_due
from opensend.organisations.models import Role
from opensend.publishing.models import Consultation, LocalOffer
from opensend.publishing.selectors.consultations import DUE_SOON_DAYS, response_status
from opensend.reviews.messages import members_of

RESPONSE_REMINDER = "publishing_response_reminder"
SUBJECT = 'Reminder: your Local Offer "You said, we did" is due'
register_message_kind(RESPONSE_REMINDER, MessageKind(subject=SUBJECT, body_template=BODY))

REMIND_BEFORE = timedelta(days=DUE_SOON_DAYS)

NEXT_STEP = (
    "Open the Local Offer's consultations. Sort the comments of any closed consultation into "
    "themes, write what you did and plan to do for each, and publish the response. If nothing "
    'has closed since the last one, start a consultation now so the next "You said, we did" '
    "has comments to answer."
)


def _due_offers(today: date):
    """(offer, due date) for every offer whose response is due within 28 days or overdue and
    not yet reminded for that date."""
    offers = (
        LocalOffer.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(Exists(Consultation.objects.filter(local_offer=OuterRef("pk"))))
        .select_related("local_authority")
        .order_by("local_authority__name")
    )
    for offer in offers:
        due = response_status(offer, today).due
        if due is None or due > today + REMIND_BEFORE or offer.response_reminded_for == due:
            continue
        yield offer, due


@transaction.atomic
def response_reminders(today: date | None = None) -> int:
    """Sweep: tell each authority's SEND team its reg 56 response is due, once per due date.
    Returns how many offers were reminded; a second run reminds none."""
    today = today or timezone.localdate()
    reminded = 0
    for offer, due in list(_due_offers(today)):
        recipients = members_of(
            offer.local_authority_id,
            [Role.LA_CASEWORKER, Role.LA_MANAGER],
            label="Local authority",
            page=("publishing_consultations", offer.pk),
        )
        send(
            recipients,
            kind=RESPONSE_REMINDER,
            what_changed=f'The "You said, we did" response for the {offer.local_authority.name} '
            f"Local Offer {when_due(due, today)} (SEND Regulations 2014 regulation 56: at "
            "least once a year).",
            next_step=NEXT_STEP,
        )
        LocalOffer.objects.filter(pk=offer.pk).update(response_reminded_for=due)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=offer,
            organisation_id=offer.local_authority_id,
            note=f"{RESPONSE_REMINDER} due={due} recipients={len(recipients)}",
        )
        reminded += 1
    return reminded


register_sweep("publishing_response_reminders", response_reminders)
