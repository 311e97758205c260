import dataclasses
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from icalendar import Calendar

from opensend.core.calendar import (
    CalendarEvent,
    event_sources,
    register_event_source,
    unregister_event_source,
)
from opensend.core.models import AuditEvent, AuditEventKind, CalendarFeed
from opensend.core.services import (
    calendar_feed_create,
    calendar_feed_revoke,
)
from opensend.core.tokens import hash_token
from tests.queries import assert_constant_queries

LONDON = ZoneInfo("Europe/London")


def _feed_url(token):
    return reverse("calendar_feed", kwargs={"token": token})


@pytest.fixture
def review_source():
    """A source like the reviews app will register: neutral summaries, one per owner."""
    seen = []

    def annual_reviews(user):
        seen.append(user)
        yield CalendarEvent(
            uid=f"review-{user.pk}",
            start=datetime(2026, 3, 4, 10, 0, tzinfo=LONDON),
            end=datetime(2026, 3, 4, 11, 0, tzinfo=LONDON),
            summary="Annual review meeting",
            url="/reviews/123/",
        )
        yield CalendarEvent(uid=f"deadline-{user.pk}", start=date(2026, 2, 1), summary="Plan due")

    register_event_source(annual_reviews)
    yield seen
    unregister_event_source(annual_reviews)


def test_production_registers_each_apps_source_once():
    from opensend.ehc.events import ehc_events
    from opensend.meetings.events import meeting_events
    from opensend.reviews.events import review_events
    from opensend.support.events import support_review_events

    assert sorted(source.__name__ for source in event_sources()) == sorted(
        [
            meeting_events.__name__,
            support_review_events.__name__,
            ehc_events.__name__,
            review_events.__name__,
        ]
    )


def test_creating_a_feed_keeps_only_a_hash_of_the_token(demo):
    feed, token = calendar_feed_create(actor=demo["oak_senco"], name="  Work phone ")
    assert len(token) >= 40
    assert feed.name == "Work phone"
    assert feed.token_hash == hash_token(token)
    assert token not in feed.token_hash
    event = AuditEvent.objects.get(record_id=str(feed.pk))
    assert (event.kind, event.record_type, event.actor) == (
        AuditEventKind.CREATED,
        "core.calendarfeed",
        demo["oak_senco"],
    )


def test_a_feed_needs_a_name(demo):
    with pytest.raises(ValidationError):
        calendar_feed_create(actor=demo["oak_senco"], name="   ")
    assert not CalendarFeed.objects.exists()


def test_the_feed_lists_the_owners_events(client, demo, review_source):
    feed, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    with time_machine.travel("2026-01-10 08:00 +00:00", tick=False):
        response = client.get(_feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    calendar = Calendar.from_ical(response.content)
    assert calendar["X-WR-CALNAME"] == "Work phone"
    assert "OpenSEND" in calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Plan due", "Annual review meeting"]
    review = events[1]
    # Stored in UTC: 10:00 in London on 4 March is 10:00 GMT.
    assert review.decoded("DTSTART") == datetime(2026, 3, 4, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert str(review["URL"]) == "http://127.0.0.1:8000/reviews/123/"
    assert str(review["CLASS"]) == "PRIVATE"
    assert events[0].decoded("DTSTART") == date(2026, 2, 1)  # an all-day event
    assert review_source == [demo["oak_senco"]]  # the source was asked for the owner's events


def test_a_summer_time_event_is_converted_to_utc(client, demo):
    def source(user):
        return [
            CalendarEvent(
                uid="m1", start=datetime(2026, 7, 1, 9, 30, tzinfo=LONDON), summary="Parent meeting"
            )
        ]

    register_event_source(source)
    try:
        _, token = calendar_feed_create(actor=demo["oak_senco"], name="Work")
        body = client.get(_feed_url(token)).content
    finally:
        unregister_event_source(source)
    assert b"DTSTART:20260701T083000Z" in body


def test_a_feed_with_no_sources_is_a_valid_empty_calendar(client, demo):
    _, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    calendar = Calendar.from_ical(client.get(_feed_url(token)).content)
    assert calendar.walk("VEVENT") == []
    assert calendar["VERSION"] == "2.0"


def test_each_fetch_is_recorded_and_audited_as_a_download(client, demo):
    feed, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    with time_machine.travel("2026-01-10 08:00 +00:00", tick=False):
        client.get(_feed_url(token))
    feed.refresh_from_db()
    assert feed.last_fetched_at == datetime(2026, 1, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    download = AuditEvent.objects.get(kind=AuditEventKind.DOWNLOADED)
    assert download.record_type == "core.calendarfeed"
    assert download.record_id == str(feed.pk)
    assert download.actor == demo["oak_senco"]


def test_an_unknown_token_is_not_found(client, demo):
    calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    assert client.get(_feed_url("not-a-real-token")).status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED).exists()


def test_a_revoked_feed_stops_working(client, demo):
    feed, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    assert client.get(_feed_url(token)).status_code == 200
    calendar_feed_revoke(actor=demo["oak_senco"], feed=feed)
    assert client.get(_feed_url(token)).status_code == 404


def test_a_feed_stops_when_its_owner_is_deactivated(client, demo):
    _, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    type(demo["oak_senco"]).objects.filter(pk=demo["oak_senco"].pk).update(is_active=False)
    assert client.get(_feed_url(token)).status_code == 404


def test_revoking_twice_records_one_revocation(demo):
    feed, _ = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    calendar_feed_revoke(actor=demo["oak_senco"], feed=feed)
    calendar_feed_revoke(actor=demo["oak_senco"], feed=feed)
    assert AuditEvent.objects.filter(kind=AuditEventKind.REVOKED).count() == 1


def test_nobody_else_can_revoke_a_feed(demo):
    feed, _ = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    with pytest.raises(PermissionDenied):
        calendar_feed_revoke(actor=demo["oak_head"], feed=feed)
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_a_calendar_event_has_nowhere_to_put_a_child():
    fields = {field.name for field in dataclasses.fields(CalendarEvent)}
    assert fields == {"uid", "start", "end", "summary", "description", "url"}


@pytest.mark.parametrize(
    "summary",
    ["", "Annual review\nfor Jamie Smith, Year 4", "Annual review meeting " + "x" * 80],
)
def test_a_summary_must_be_one_short_line(summary):
    with pytest.raises(ValueError, match="never name a child"):
        CalendarEvent(uid="r1", start=date(2026, 3, 4), summary=summary)


def test_a_timed_event_needs_a_timezone():
    with pytest.raises(ValueError, match="timezone"):
        CalendarEvent(uid="r1", start=datetime(2026, 3, 4, 10, 0), summary="Meeting")


def test_the_page_shows_a_new_address_once(signed_in):
    client = signed_in("oak_senco")
    response = client.post(reverse("calendar_feeds"), {"name": "Work phone"})
    assert response.status_code == 200
    feed = CalendarFeed.objects.get()
    page = response.content.decode()
    assert "govuk-panel--confirmation" in page
    token = re.search(r"/calendar/([\w-]+)\.ics", page).group(1)
    assert feed.token_hash == hash_token(token)
    assert "Outlook" in page and "Google Calendar" in page
    assert "no-store" in response["Cache-Control"]
    again = client.get(reverse("calendar_feeds")).content.decode()
    assert token not in again
    assert "Work phone" in again
    assert "govuk-panel" not in again


def test_a_blank_name_shows_the_error_summary(signed_in):
    client = signed_in("oak_senco")
    response = client.post(reverse("calendar_feeds"), {"name": ""})
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "Enter a name for the calendar" in page
    assert not CalendarFeed.objects.exists()


def test_the_page_lists_only_your_own_feeds(signed_in, demo):
    calendar_feed_create(actor=demo["oak_head"], name="Head's laptop")
    client = signed_in("oak_senco")
    client.post(reverse("calendar_feeds"), {"name": "Work phone"})
    page = client.get(reverse("calendar_feeds")).content.decode()
    assert "Work phone" in page
    assert "Head&#x27;s laptop" not in page and "Head's laptop" not in page


def test_revoking_from_the_page(signed_in, demo):
    feed, token = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    client = signed_in("oak_senco")
    response = client.post(reverse("calendar_feed_revoke", kwargs={"feed_id": feed.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("calendar_feeds")
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    page = client.get(reverse("calendar_feeds")).content.decode()
    assert "Revoked" in page
    assert reverse("calendar_feed_revoke", kwargs={"feed_id": feed.pk}) not in page


def test_someone_elses_feed_cannot_be_revoked_from_the_page(signed_in, demo):
    feed, _ = calendar_feed_create(actor=demo["oak_senco"], name="Work phone")
    client = signed_in("oak_head")
    response = client.post(reverse("calendar_feed_revoke", kwargs={"feed_id": feed.pk}))
    assert response.status_code == 404
    feed.refresh_from_db()
    assert feed.revoked_at is None


def test_the_feed_list_runs_the_same_queries_however_many_feeds(signed_in, demo):
    client = signed_in("oak_senco")
    count = 0

    def add_feed():
        nonlocal count
        count += 1
        feed, _ = calendar_feed_create(actor=demo["oak_senco"], name=f"Device {count}")
        if count % 2:
            calendar_feed_revoke(actor=demo["oak_senco"], feed=feed)

    add_feed()
    assert_constant_queries(lambda: client.get(reverse("calendar_feeds")), add_feed)
