"""Journey: Ava's mother, on a small phone (320px wide), accepts an invitation to a group
meeting at Oakfield, and afterwards reads the notes (issue 6 item 5).

Real time, not frozen: the live server answers from another thread. The meeting is set up
through the ORM, as the SENCO's planning pages would leave it; then it is recorded as held.
"""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from opensend.meetings.models import Invitee, Meeting
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

PHONE = {"width": 320, "height": 720}


def assert_fits_the_screen(page, where: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{where} scrolls sideways at 320px ({width}px wide)"


def test_a_parent_accepts_on_a_phone_and_reads_the_notes_after(page, live_server, demo):
    starts = timezone.now() + timedelta(days=5)
    meeting = Meeting.objects.create(
        school=demo["north_oak"],
        academic_year=2026,
        term="autumn",
        kind="group",
        starts_at=starts,
        staff=demo["oak_senco"],
        location="Library",
        status="confirmed",
    )
    ava = Invitee.objects.create(meeting=meeting, child=demo["ava"], invited_at=timezone.now())
    Invitee.objects.create(meeting=meeting, child=demo["leo"], invited_at=timezone.now())

    page.set_viewport_size(PHONE)
    browser_sign_in(page, live_server, demo["north_parent"])
    page.get_by_role("link", name="Meetings with school").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings with school")
    assert_no_serious_violations(page, "the family's meetings page at 320px")
    assert_fits_the_screen(page, "the family's meetings page")
    page.get_by_role("link", name="Answer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting about SEN support")
    assert_no_serious_violations(page, "the meeting page at 320px")
    assert_fits_the_screen(page, "the meeting page")
    page.get_by_label("Yes, I can come").check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text(
        "Your answer is sent to the school"
    )
    ava.refresh_from_db()
    assert ava.response == "accepted"

    # The meeting happens; the SENCO records it (as the record pages would).
    Meeting.objects.filter(pk=meeting.pk).update(
        status="held",
        starts_at=timezone.now() - timedelta(hours=2),
        objectives="Read with an adult every day",
        agreed_support="Phonics group three times a week",
    )
    Invitee.objects.filter(pk=ava.pk).update(attended=True, notes="Ava chose the quiet room")
    Invitee.objects.filter(meeting=meeting, child=demo["leo"]).update(notes="Leo's own notes")

    page.goto(live_server.url + reverse("family_meetings"))
    page.get_by_role("link", name=re.compile(r": Ava Martin$")).click()
    expect(page.get_by_role("heading", level=2, name="Notes from the meeting")).to_be_visible()
    expect(page.get_by_text("Read with an adult every day")).to_be_visible()
    expect(page.get_by_text("Ava chose the quiet room")).to_be_visible()
    expect(page.get_by_text("Leo's own notes")).to_have_count(0)
    assert_no_serious_violations(page, "the meeting notes at 320px")
    assert_fits_the_screen(page, "the meeting notes")
