"""The family's meeting pages: their own places only, answers, views, and the notes after.

Time is frozen on Monday 9 November 2026, 9am; the upcoming meeting is a week later.
"""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from opensend.meetings.models import Invitee, Meeting
from opensend.support.models import SupportPlan
from tests.meetings.test_invitations import NOW, STARTS, make_meeting, place


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def held_group_meeting(demo) -> Meeting:
    meeting = make_meeting(demo, status="held", starts_at=STARTS - timedelta(days=30))
    Meeting.objects.filter(pk=meeting.pk).update(
        objectives="Shared objective SHARED-OBJ", progress="Shared progress"
    )
    Invitee.objects.filter(meeting=meeting, child=demo["ava"]).update(
        attended=True, notes="AVA-NOTES", family_views="AVA-VIEWS"
    )
    Invitee.objects.filter(meeting=meeting, child=demo["leo"]).update(
        attended=True, notes="LEO-NOTES", family_views="LEO-VIEWS", child_views="LEO-CHILD"
    )
    return meeting


def test_the_family_sees_its_own_upcoming_and_past_meetings_only(demo, signed_in):
    upcoming = make_meeting(demo)
    held = held_group_meeting(demo)
    plan = SupportPlan.objects.create(
        child=demo["ava"], school=demo["north_oak"], status="active", review_due=NOW.date()
    )
    page = signed_in("north_parent").get(reverse("family_meetings")).content.decode()
    assert reverse("family_meeting", args=[place(upcoming, demo).pk]) in page
    assert reverse("family_meeting", args=[place(held, demo).pk]) in page
    assert reverse("support_plan_detail", args=[plan.pk]) in page
    assert "Monday 16 November 2026" in page and "3:30pm" in page
    for other in ("Leo", "Patel", "LEO-NOTES"):
        assert other not in page


def test_after_the_meeting_the_family_reads_the_shared_record_and_their_own_notes(demo, signed_in):
    held = held_group_meeting(demo)
    page = (
        signed_in("north_parent")
        .get(reverse("family_meeting", args=[place(held, demo).pk]))
        .content.decode()
    )
    assert "SHARED-OBJ" in page and "AVA-NOTES" in page and "AVA-VIEWS" in page
    for other in ("Leo", "Patel", "LEO-NOTES", "LEO-VIEWS", "LEO-CHILD"):
        assert other not in page
    assert "Send your answer" not in page


def test_another_familys_place_is_not_found(demo, signed_in):
    invitee = place(make_meeting(demo), demo)
    client = signed_in("south_parent")
    url = reverse("family_meeting", args=[invitee.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"response": "accepted"}).status_code == 404


def test_the_family_accepts(demo, signed_in, mailoutbox):
    invitee = place(make_meeting(demo), demo)
    url = reverse("family_meeting", args=[invitee.pk])
    client = signed_in("north_parent")
    response = client.post(url, {"action": "answer", "response": "accepted"})
    assert response.status_code == 302 and response["Location"] == url
    invitee.refresh_from_db()
    assert invitee.response == "accepted"
    assert "Your answer is sent to the school" in client.get(url).content.decode()


def test_another_time_without_times_shows_the_error_on_the_form(demo, signed_in):
    invitee = place(make_meeting(demo), demo)
    response = signed_in("north_parent").post(
        reverse("family_meeting", args=[invitee.pk]),
        {"action": "answer", "response": "another_time"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Enter the days and times that suit you" in page
    assert 'href="#id_preferred_times"' in page
    invitee.refresh_from_db()
    assert invitee.response == "pending"


def test_no_answer_chosen_shows_the_error(demo, signed_in):
    invitee = place(make_meeting(demo), demo)
    response = signed_in("north_parent").post(
        reverse("family_meeting", args=[invitee.pk]), {"action": "answer"}
    )
    assert "Select whether you can come to the meeting" in response.content.decode()


def test_the_family_adds_views(demo, signed_in):
    invitee = place(make_meeting(demo), demo)
    response = signed_in("north_parent").post(
        reverse("family_meeting", args=[invitee.pk]),
        {"action": "views", "family_views": "Mornings are hard", "child_views": "I like maths"},
    )
    assert response.status_code == 302
    invitee.refresh_from_db()
    assert (invitee.family_views, invitee.child_views) == ("Mornings are hard", "I like maths")


def test_a_held_meeting_cannot_be_answered_through_the_page(demo, signed_in):
    invitee = place(held_group_meeting(demo), demo)
    response = signed_in("north_parent").post(
        reverse("family_meeting", args=[invitee.pk]), {"action": "answer", "response": "declined"}
    )
    assert response.status_code == 302
    invitee.refresh_from_db()
    assert invitee.response == "pending"


@pytest.mark.parametrize("persona, in_menu", [("north_parent", True), ("oak_teacher", False)])
def test_families_have_their_meetings_in_the_menu_and_staff_do_not(
    demo, signed_in, persona, in_menu
):
    from django.urls import reverse

    menu_link = f'class="govuk-service-navigation__link" href="{reverse("family_meetings")}"'
    html = signed_in(persona).get(reverse("accessibility")).content.decode()
    assert (menu_link in html) is in_menu


def test_the_family_page_runs_the_same_queries_however_many_meetings(demo, signed_in):
    from tests.queries import assert_constant_queries

    client = signed_in("north_parent")
    url = reverse("family_meetings")
    made = iter(range(1, 100))

    def grow():
        days = next(made)
        make_meeting(demo, ("ava",), starts_at=STARTS + timedelta(days=days))
        held = make_meeting(demo, ("ava",), status="held", starts_at=STARTS - timedelta(days=days))
        Invitee.objects.filter(meeting=held).update(attended=True, notes="Notes")

    grow()  # one upcoming and one past meeting to start with
    assert_constant_queries(lambda: client.get(url), grow)
