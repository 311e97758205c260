"""Sign-in, sign-out and failed attempts go into the audit log (who and when, no passwords)."""

from allauth.account.signals import user_logged_in, user_logged_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    audit_record(actor=user, kind=AuditEventKind.SIGNED_IN, record=user)


@receiver(user_logged_out)
def record_sign_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, kind=AuditEventKind.SIGNED_OUT, record=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    # The attempted address is not stored: it may be mistyped personal data of someone else.
    audit_record(actor=None, kind=AuditEventKind.SIGN_IN_FAILED, record_type="accounts.user")
