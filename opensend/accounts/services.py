"""Writes about accounts themselves."""

from allauth.account.models import EmailAddress


def email_mark_verified(*, user) -> None:
    """Record that the person controls their address: they opened a link sent to it."""
    EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )
