"""Calendar feeds: the private .ics address, and the account page that makes and revokes them.

Thin views: fetch through a selector, validate a form, call a service, redirect.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from opensend.core import selectors, services
from opensend.core.calendar import build_calendar, events_for


class CalendarFeedForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Name the calendar",
        help_text=(
            "Say where you will use it, for example 'Work phone'. "
            "Do not use a child's name: calendar apps show this name to anyone who can see "
            "your calendar."
        ),
        error_messages={"required": "Enter a name for the calendar"},
    )


def feed_url(token: str) -> str:
    return settings.SITE_URL + reverse("calendar_feed", kwargs={"token": token})


@require_safe
def calendar_feed(request, token):
    """The iCalendar file a calendar app fetches. The unguessable address is the credential."""
    feed = selectors.get_calendar_feed_for_token(token)
    body = build_calendar(name=feed.name, events=events_for(feed.user))
    services.calendar_feed_record_fetch(feed=feed)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # Shared caches and proxies must never keep a copy of someone's calendar.
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="opensend.ics"'
    return response


@login_required
@never_cache  # the page shows a new feed's secret address once; no cache may keep it
def calendar_feeds(request):
    form = CalendarFeedForm(request.POST or None)
    new_url = None
    if request.method == "POST" and form.is_valid():
        try:
            _, token = services.calendar_feed_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            new_url = feed_url(token)
            form = CalendarFeedForm()
    return render(
        request,
        "core/calendar_feeds.html",
        {
            "form": form,
            "new_url": new_url,
            "feeds": selectors.calendar_feeds_visible_to(request.user),
        },
    )


@login_required
@require_POST
def calendar_feed_revoke(request, feed_id):
    feed = selectors.get_calendar_feed_for(request.user, feed_id)
    services.calendar_feed_revoke(actor=request.user, feed=feed)
    messages.success(request, f"Calendar {feed.name} revoked. The address no longer works.")
    return redirect("calendar_feeds")
