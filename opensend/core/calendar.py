"""Calendar feeds: the events other apps offer, gathered into one iCalendar file per person.

Apps with dates worth a calendar entry (meetings, annual reviews, statutory deadlines) register
an event source in their `AppConfig.ready()`:

    register_event_source(annual_review_events)

where `annual_review_events(user)` yields `CalendarEvent`s for the records that user may see.

A feed leaves OpenSEND for phones, shared mailboxes and calendar servers we do not control, so
**an event never names a child** (DESIGN "Look and feel"). `CalendarEvent` deliberately has no
field for a child or any other free-text person detail: a source gives a neutral summary such as
"Annual review meeting" or "EHC plan due", and the `url` leads to the signed-in page where the
details are. The summary and description must stay neutral: no names, initials, dates of birth
or needs. The builder also refuses multi-line or overlong summaries, which is where such details
tend to creep in.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

SUMMARY_MAX_LENGTH = 80
PRODID = "-//OpenSEND//Calendar feed//EN"


@dataclass(frozen=True)
class CalendarEvent:
    """One entry in a calendar. A `date` start is an all-day event; a `datetime` is timed."""

    uid: str
    start: date | datetime
    summary: str
    end: date | datetime | None = None
    description: str = ""
    url: str = ""

    def __post_init__(self):
        if not self.uid:
            raise ValueError("A calendar event needs a stable uid, so calendars can update it.")
        if not self.summary or "\n" in self.summary or len(self.summary) > SUMMARY_MAX_LENGTH:
            raise ValueError(
                "A calendar event's summary is one short, neutral line such as "
                "'Annual review meeting' (it must never name a child)."
            )
        if isinstance(self.start, datetime) and timezone.is_naive(self.start):
            raise ValueError("A timed calendar event needs a timezone-aware start.")


EventSource = Callable[[object], Iterable[CalendarEvent]]

_EVENT_SOURCES: list[EventSource] = []


def register_event_source(fn: EventSource) -> EventSource:
    """Add a source of events; usable as a decorator. Registering twice adds it once."""
    if fn not in _EVENT_SOURCES:
        _EVENT_SOURCES.append(fn)
    return fn


def unregister_event_source(fn: EventSource) -> None:
    """For tests, which register a source for one test only."""
    if fn in _EVENT_SOURCES:
        _EVENT_SOURCES.remove(fn)


def event_sources() -> tuple[EventSource, ...]:
    return tuple(_EVENT_SOURCES)


def events_for(user) -> list[CalendarEvent]:
    """Every registered source's events for `user`, in date order."""
    events = [event for source in _EVENT_SOURCES for event in source(user)]
    return sorted(events, key=lambda event: _sort_key(event.start))


def _sort_key(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime(value.year, value.month, value.day, tzinfo=UTC)


def _ical_time(value: date | datetime) -> date | datetime:
    # UTC times need no VTIMEZONE block, which some calendar apps handle badly.
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def _absolute_url(url: str) -> str:
    return settings.SITE_URL + url if url.startswith("/") else url


def _vevent(event: CalendarEvent, stamp: datetime):
    vevent = Event()
    # Namespaced so one source's ids cannot collide with another calendar's.
    vevent.add("uid", f"{event.uid}@opensend")
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _ical_time(event.start))
    if event.end is not None:
        vevent.add("dtend", _ical_time(event.end))
    vevent.add("summary", event.summary)
    if event.description:
        vevent.add("description", event.description)
    if event.url:
        vevent.add("url", _absolute_url(event.url))
    # Calendar servers that share free/busy with colleagues must not show the entry itself.
    vevent.add("class", "PRIVATE")
    return vevent


def build_calendar(*, name: str, events: Iterable[CalendarEvent]) -> bytes:
    """An iCalendar (RFC 5545) file of `events`, titled `name` in the person's calendar app."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    return calendar.to_ical()
