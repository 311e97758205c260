"""Reads about the signed-in person."""

from allauth.mfa.models import Authenticator


def user_has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_requires_mfa(user) -> bool:
    """Staff and professionals (anyone who belongs to an organisation) must use MFA.

    DESIGN "Security and privacy": staff sign in with MFA from the first release. Families may
    turn it on but are not made to, so a parent is never locked out of their child's case.
    """
    return user.is_superuser or user.memberships.filter(is_active=True).exists()
