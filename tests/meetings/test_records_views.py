"""The staff pages for one meeting: seeing it, recording it on one page, cancelling it.

Time is frozen on Friday 27 November 2026, 4pm; the meeting was the day before.
"""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from opensend.meetings.models import MeetingStatus
from opensend.meetings.records import attended_field
from tests.meetings.records_helpers import LONDON, meeting_for, pupil_on_support
from tests.queries import assert_constant_queries

YESTERDAY = datetime(2026, 11, 26, 15, 30, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-27 16:00", tick=False):
        yield


def form_data(meeting, answers: dict, **record) -> dict:
    data = {"version": meeting.version, "objectives": "Read every day", **record}
    for invitee in meeting.invitees.all():
        data[f"version_{invitee.pk}"] = invitee.version
        if invitee.pk in answers:
            data[attended_field(invitee.pk)] = answers[invitee.pk]
            data[f"notes_{invitee.pk}"] = f"Note {invitee.child.first_name}"
    return data


def test_the_senco_records_a_group_meeting_in_one_submission(signed_in, demo):
    children = [pupil_on_support(demo) for _ in range(6)]
    meeting = meeting_for(demo, children, starts_at=YESTERDAY)
    client = signed_in("oak_senco")
    url = reverse("meeting_record", args=[meeting.pk])

    page = client.get(url)
    assert page.status_code == 200
    for child in children:
        assert f"Did {child.full_name}'s family come?" in page.content.decode()

    answers = {invitee.pk: "yes" for invitee in meeting.invitees.all()}
    response = client.post(url, form_data(meeting, answers))

    assert response.status_code == 302
    assert response["Location"] == reverse("meeting_detail", args=[meeting.pk])
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert all(invitee.attended for invitee in meeting.invitees.all())
    detail = client.get(response["Location"]).content.decode()
    assert "Meeting recorded" in detail
    assert "Read every day" in detail
    assert "6 of 6 families came" in detail


def test_a_family_left_unanswered_is_shown_again_with_the_error(signed_in, demo):
    children = [pupil_on_support(demo) for _ in range(2)]
    meeting = meeting_for(demo, children, starts_at=YESTERDAY)
    first, second = meeting.invitees.order_by("child__last_name")
    client = signed_in("oak_senco")

    response = client.post(
        reverse("meeting_record", args=[meeting.pk]), form_data(meeting, {first.pk: "yes"})
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"Say whether {second.child.full_name}&#x27;s family came to the meeting" in page
    assert f'href="#id_{attended_field(second.pk)}_1"' in page
    assert "Note " + first.child.first_name in page  # what was typed is kept
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_a_stale_record_is_shown_with_the_other_persons_changes(signed_in, demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY)
    (only,) = meeting.invitees.all()
    client = signed_in("oak_senco")
    url = reverse("meeting_record", args=[meeting.pk])
    stale = form_data(meeting, {only.pk: "yes"}, objectives="Mine")
    client.post(url, form_data(meeting, {only.pk: "yes"}, objectives="Theirs"))

    response = client.post(url, stale)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this while you were editing" in page
    assert "Theirs" in page
    meeting.refresh_from_db()
    assert meeting.objectives == "Theirs"
    # Saving again keeps this person's changes on top.
    again = client.post(url, form_data(meeting, {only.pk: "yes"}, objectives="Mine"))
    assert again.status_code == 302


def test_a_future_meeting_sends_the_senco_back_with_the_reason(signed_in, demo):
    later = datetime(2026, 11, 30, 15, 30, tzinfo=LONDON)
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=later)
    client = signed_in("oak_senco")
    response = client.get(reverse("meeting_record", args=[meeting.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("meeting_detail", args=[meeting.pk])
    assert "has not started yet" in response.content.decode()
    assert "Record the meeting" not in response.content.decode()


def test_cancelling_a_meeting(signed_in, demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY)
    client = signed_in("oak_head")
    url = reverse("meeting_cancel", args=[meeting.pk])
    assert "Enter why the meeting is cancelled" in client.post(url, {"version": 1}).content.decode()
    response = client.post(url, {"version": 1, "reason": "Snow day"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    follow = client.get(reverse("meeting_record", args=[meeting.pk]), follow=True)
    assert "was cancelled" in follow.content.decode()


@pytest.mark.parametrize(
    ("persona", "detail", "record"),
    [
        ("oak_teacher", 200, 403),
        ("oak_ta", 200, 403),
        ("river_senco", 404, 404),
        ("north_parent", 404, 404),
        ("oak_governor", 404, 404),
    ],
)
def test_who_sees_and_records_a_meeting(signed_in, demo, persona, detail, record):
    meeting = meeting_for(demo, [demo["ava"]], starts_at=YESTERDAY)  # north_parent's daughter
    client = signed_in(persona)
    assert client.get(reverse("meeting_detail", args=[meeting.pk])).status_code == detail
    record_url = reverse("meeting_record", args=[meeting.pk])
    assert client.get(record_url).status_code == record
    assert client.post(record_url, {"version": 1}).status_code == record
    cancel_url = reverse("meeting_cancel", args=[meeting.pk])
    assert client.post(cancel_url, {"version": 1, "reason": "x"}).status_code == record
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED


def test_the_meeting_page_takes_the_same_queries_however_many_families(signed_in, demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY)
    client = signed_in("oak_senco")

    def grow():
        from opensend.meetings.models import Invitee

        Invitee.objects.create(meeting=meeting, child=pupil_on_support(demo))

    for name in ("meeting_detail", "meeting_record"):
        url = reverse(name, args=[meeting.pk])
        assert_constant_queries(lambda url=url: client.get(url), grow)
