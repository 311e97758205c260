"""Routes for the shared services in core (calendar feeds and similar)."""

from django.urls import path

from opensend.core import feeds

urlpatterns: list = [
    path("calendar/<str:token>.ics", feeds.calendar_feed, name="calendar_feed"),
    path("account/calendar/", feeds.calendar_feeds, name="calendar_feeds"),
    path(
        "account/calendar/<uuid:feed_id>/revoke/",
        feeds.calendar_feed_revoke,
        name="calendar_feed_revoke",
    ),
]
