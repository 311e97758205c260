"""Reads of core's own records (calendar feeds), always scoped to the person asking."""

from django.db.models import QuerySet
from django.http import Http404

from opensend.core.models import CalendarFeed
from opensend.core.tokens import hash_token


def calendar_feeds_visible_to(user) -> QuerySet[CalendarFeed]:
    """Your own feeds, revoked ones included, so you can see what you have switched off."""
    if not user.is_authenticated:
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(user=user)


def get_calendar_feed_for(user, feed_id) -> CalendarFeed:
    try:
        return calendar_feeds_visible_to(user).get(pk=feed_id)
    except (CalendarFeed.DoesNotExist, ValueError) as error:
        raise Http404("No such calendar feed.") from error


def get_calendar_feed_for_token(token: str) -> CalendarFeed:
    """The live feed a private address refers to; 404 if unknown, revoked or its owner left.

    The same 404 for every failure, so the address reveals nothing about why it stopped.
    """
    try:
        return CalendarFeed.objects.select_related("user").get(
            token_hash=hash_token(token),
            revoked_at__isnull=True,
            user__is_active=True,
        )
    except CalendarFeed.DoesNotExist as error:
        raise Http404("No such calendar feed.") from error
