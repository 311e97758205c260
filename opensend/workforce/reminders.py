"""Reminders before a school policy is due for review (issue 10 item 4: "reminders before
review is due").

A sweep (`opensend sweep`, from cron), safe to run as often as cron likes. Each policy is
reminded once per due date: the sweep stores the date it reminded about (`Policy.reminded_for`),
so a second run sends nothing, and when a review moves the policy on to its next date, that
date gets its own reminder in its turn.

Who is told: the policy's owner (their account's address, else the one on the staff list) and
the school's SENCO and head, who keep the policies. The subject is fixed; the body names the
policy and the school, never a child (DESIGN "Look and feel").
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.core.sweeps import register_sweep
from opensend.ehc.messages import BODY, Recipient, send
from opensend.ehc.reminders import when_due
from opensend.organisations.models import Role
from opensend.reviews.messages import members_of
from opensend.workforce.models import Policy
from opensend.workforce.selectors.policies import DUE_SOON_DAYS

POLICY_REVIEW_REMINDER = "workforce_policy_review_reminder"
SUBJECT = "Reminder: a school policy is due for review"
register_message_kind(POLICY_REVIEW_REMINDER, MessageKind(subject=SUBJECT, body_template=BODY))

# The same 28 days as the policies list's "due" tag (selectors.policies.DUE_SOON_DAYS).
REMIND_BEFORE = timedelta(days=DUE_SOON_DAYS)

NEXT_STEP = (
    'Read it through. If nothing needs to change, press "Reviewed: no change" on the school\'s '
    "policies page: that records the review and sets the next date in one step. If it needs "
    "changing, record a full review with what changed, and take it to the governors."
)


def _owner_recipient(policy: Policy, page) -> list[Recipient]:
    owner = policy.owner
    if owner is None or (owner.left_on is not None and owner.left_on <= timezone.localdate()):
        return []
    user = owner.user
    email = user.email if user is not None and user.is_active and user.email else owner.email
    if not email:
        return []
    return [Recipient(email=email, name=owner.full_name.split(" ")[0], label="Owner", page=page)]


def recipients_for(policy: Policy, school_keepers: list[Recipient]) -> list[Recipient]:
    """The owner first, then the school's SENCOs and head; each address once."""
    page = ("workforce_policy", policy.pk)
    people = _owner_recipient(policy, page) + [
        Recipient(email=r.email, name=r.name, label=r.label, page=page) for r in school_keepers
    ]
    seen: dict[str, Recipient] = {}
    for person in people:
        seen.setdefault(person.email.lower(), person)
    return list(seen.values())


def _named(policy: Policy) -> str:
    kind = policy.get_kind_display()
    if policy.title.strip().lower() == kind.lower():
        return f"The {kind}"
    return f'The {kind} "{policy.title}"'


def _candidates(today: date):
    return (
        Policy.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(retired_on__isnull=True, next_review_on__lte=today + REMIND_BEFORE)
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("next_review_on")))
        .select_related("owner__user", "school")
        .order_by("school_id", "next_review_on", "pk")
    )


@transaction.atomic
def policy_review_reminders(today: date | None = None) -> int:
    """Sweep: tell who keeps a policy that its review is due within 28 days (or overdue), once
    per due date. Returns how many policies were reminded; a second run reminds none."""
    today = today or timezone.localdate()
    keepers: dict[object, list[Recipient]] = {}  # one query per school, not per policy
    reminded = 0
    for policy in _candidates(today):
        if policy.school_id not in keepers:
            keepers[policy.school_id] = members_of(
                policy.school_id, [Role.SENCO, Role.HEAD], label="School", page=None
            )
        recipients = recipients_for(policy, keepers[policy.school_id])
        due = policy.next_review_on
        send(
            recipients,
            kind=POLICY_REVIEW_REMINDER,
            what_changed=f"{_named(policy)} at {policy.school.name} {when_due(due, today)} "
            "for review.",
            next_step=NEXT_STEP,
        )
        Policy.objects.filter(pk=policy.pk).update(reminded_for=due)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=policy,
            organisation_id=policy.school_id,
            note=f"{POLICY_REVIEW_REMINDER} due={due} recipients={len(recipients)}",
        )
        reminded += 1
    return reminded


register_sweep("policy_review_reminders", policy_review_reminders)
