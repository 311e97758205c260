from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.api.models import ApiToken
from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.core.tokens import hash_token, new_token

TOKEN_PREFIX = "os_"


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    name = name.strip()
    if not name:
        raise ValidationError("Enter a name for the token, so you can recognise it later")
    token = new_token(prefix=TOKEN_PREFIX)
    api_token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=token[:8],
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(actor=actor, kind=AuditEventKind.CREATED, record=api_token)
    return api_token, token


@transaction.atomic
def api_token_revoke(*, actor, api_token: ApiToken) -> None:
    ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), updated_by=actor
    )
    audit_record(actor=actor, kind=AuditEventKind.REVOKED, record=api_token)


def api_token_authenticate(token: str):
    """The user a bearer token belongs to, or None. Marks the token as used."""
    now = timezone.now()
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(
            token_hash=hash_token(token),
            revoked_at__isnull=True,
            expires_at__gt=now,
            user__is_active=True,
        )
        .first()
    )
    if api_token is None:
        return None
    ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
    return api_token.user
