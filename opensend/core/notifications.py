"""Sending messages to people: GOV.UK Notify when configured, Django's email otherwise.

Subjects are fixed per message kind and never carry personalisation, so an email subject can
never name a child (DESIGN "Look and feel"; special category data stays out of inboxes' lists).
The body may greet the recipient and link to the service, where the details sit behind sign-in.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.template.loader import render_to_string

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MessageKind:
    subject: str
    body_template: str


MESSAGE_KINDS: dict[str, MessageKind] = {
    "invitation": MessageKind(
        subject="You have been invited to join OpenSEND",
        body_template="emails/invitation.txt",
    ),
}


def register_message_kind(name: str, kind: MessageKind) -> None:
    """Later apps add their own messages here, each with its own fixed subject."""
    MESSAGE_KINDS[name] = kind


def _send_with_notify(*, to: str, kind: str, personalisation: dict[str, str]) -> None:
    template_id = settings.NOTIFY_TEMPLATE_IDS.get(kind)
    if not template_id:
        raise ImproperlyConfigured(
            f"GOV.UK Notify is configured but has no template id for {kind!r} "
            "(set GOVUK_NOTIFY_TEMPLATES)."
        )
    # Imported here: the Notify client is only needed where Notify is configured.
    from notifications_python_client.notifications import NotificationsAPIClient

    options = {"base_url": settings.NOTIFY_BASE_URL} if settings.NOTIFY_BASE_URL else {}
    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, **options)
    client.send_email_notification(
        email_address=to, template_id=template_id, personalisation=personalisation
    )


def notify(*, to: str, kind: str, personalisation: dict[str, str], actor=None) -> None:
    """Send one message of a registered kind, and record that it was sent (not its content)."""
    message = MESSAGE_KINDS[kind]
    if settings.NOTIFY_API_KEY:
        _send_with_notify(to=to, kind=kind, personalisation=personalisation)
    else:
        body = render_to_string(
            message.body_template,
            {**personalisation, "service_name": settings.SERVICE_NAME},
        )
        send_mail(
            subject=message.subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )
    logger.info("sent message kind=%s", kind)
    audit_record(actor=actor, kind=AuditEventKind.SENT, record_type="message", note=kind)
