"""Signing in for tests, through the product's own screens: password, then the TOTP code.

There is deliberately no weaker path in the product for tests to use.
"""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.urls import reverse

from opensend.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET


def current_totp_code(secret: str = DEMO_TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user, password: str = DEMO_PASSWORD) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302, f"password step failed for {user.email}"
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        assert response["Location"] == reverse("mfa_authenticate"), response["Location"]
        # A TOTP code is accepted once; forget earlier uses so a test may sign in again.
        cache.clear()
        response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code()})
        assert response.status_code == 302, f"MFA step failed for {user.email}"
    assert client.session.get("_auth_user_id") == str(user.pk), (
        f"not signed in as {user.email}: ended at {response.get('Location')}"
    )
