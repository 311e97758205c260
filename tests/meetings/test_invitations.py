"""Inviting families, their answers and views, reminders, and the calendar (issue 6 items 2, 6).

Time is frozen on Monday 9 November 2026, 9am; the meeting is a week later, at 3:30pm.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.calendar import build_calendar, events_for
from opensend.core.models import AuditEvent
from opensend.meetings.events import meeting_events
from opensend.meetings.invitations import (
    add_views,
    invite_families,
    meeting_reminders,
    respond,
)
from opensend.meetings.models import Invitee, Meeting, MeetingStatus
from opensend.people.models import ParentLink
from opensend.support.events import support_review_events
from opensend.support.models import SupportPlan

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 9, 9, 0, tzinfo=LONDON)
STARTS = datetime(2026, 11, 16, 15, 30, tzinfo=LONDON)
CHILD_NAMES = ("Ava", "Leo", "Martin", "Patel", "Jordan", "Ellis")


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def make_meeting(demo, keys=("ava", "leo"), *, school="north_oak", status="confirmed", **extra):
    meeting = Meeting.objects.create(
        school=demo[school],
        academic_year=2026,
        term="autumn",
        kind="group" if len(keys) > 1 else "individual",
        starts_at=extra.pop("starts_at", STARTS),
        staff=extra.pop("staff", demo["oak_senco"]),
        location="Library",
        status=status,
        **extra,
    )
    for key in keys:
        Invitee.objects.create(meeting=meeting, child=demo[key])
    return meeting


def place(meeting, demo, key="ava") -> Invitee:
    return meeting.invitees.get(child=demo[key])


def assert_neutral(messages):
    for message in messages:
        for name in CHILD_NAMES:
            assert name not in message.subject


# Invitations


def test_invitations_go_once_to_each_family_member_who_may_see_the_child(demo, mailoutbox):
    meeting = make_meeting(demo)
    assert invite_families(actor=demo["oak_senco"], meetings=[meeting]) == 2
    # Ava's mother only: Leo has no parent with an account, but his place counts as invited.
    assert [m.to for m in mailoutbox] == [[demo["north_parent"].email]]
    message = mailoutbox[0]
    assert message.subject == "Invitation to a meeting about SEN support"
    assert "Monday 16 November 2026" in message.body and "3:30pm" in message.body
    assert f"/family/meetings/{place(meeting, demo).pk}/" in message.body
    assert "Ava" not in message.body
    assert all(p.invited_at == NOW for p in meeting.invitees.all())
    assert AuditEvent.objects.filter(
        kind="sent", record_type="meetings.invitee", subject_id=demo["ava"].pk
    ).exists()

    assert invite_families(actor=demo["oak_senco"], meetings=[meeting]) == 0
    assert len(mailoutbox) == 1


def test_a_parent_whose_access_is_restricted_gets_no_invitation(demo, mailoutbox):
    ParentLink.objects.filter(child=demo["ava"]).update(access_restricted=True)
    invite_families(actor=demo["oak_senco"], meetings=[make_meeting(demo, ["ava"])])
    assert mailoutbox == []


def test_a_young_person_with_an_account_is_invited_themselves(demo, mailoutbox):
    meeting = make_meeting(demo, ["jordan"], school="north_hill", staff=demo["hill_senco"])
    invite_families(actor=demo["hill_senco"], meetings=[meeting])
    assert [m.to for m in mailoutbox] == [[demo["north_young_person"].email]]
    assert_neutral(mailoutbox)


def test_only_the_senco_or_head_invite_and_only_to_confirmed_meetings(demo, mailoutbox):
    meeting = make_meeting(demo)
    with pytest.raises(PermissionDenied):
        invite_families(actor=demo["oak_teacher"], meetings=[meeting])
    with pytest.raises(PermissionDenied):
        invite_families(actor=demo["river_senco"], meetings=[meeting])
    proposed = make_meeting(demo, status="proposed", starts_at=STARTS + timedelta(days=1))
    assert invite_families(actor=demo["oak_head"], meetings=[proposed]) == 0
    assert mailoutbox == []


# Answers


def test_accepting_tells_the_meeting_lead_with_a_neutral_subject(demo, mailoutbox):
    meeting = make_meeting(demo)
    answered = respond(
        actor=demo["north_parent"], invitee=place(meeting, demo), response="accepted"
    )
    assert answered.response == "accepted"
    assert answered.responded_by_id == demo["north_parent"].pk
    assert answered.responded_at == NOW
    assert [m.to for m in mailoutbox] == [[demo["oak_senco"].email]]
    assert mailoutbox[0].subject == "A family has answered a meeting invitation"
    assert "Accepted" in mailoutbox[0].body and "Ava" not in mailoutbox[0].body
    assert f"/meetings/{meeting.pk}/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(
        kind="updated", record_type="meetings.invitee", subject_id=demo["ava"].pk
    ).exists()


def test_with_no_lead_the_schools_senco_is_told(demo, mailoutbox):
    meeting = make_meeting(demo, staff=None)
    respond(actor=demo["north_parent"], invitee=place(meeting, demo), response="declined")
    assert [m.to for m in mailoutbox] == [[demo["oak_senco"].email]]


def test_asking_for_another_time_needs_the_times_that_suit(demo):
    invitee = place(make_meeting(demo), demo)
    with pytest.raises(ValidationError) as error:
        respond(actor=demo["north_parent"], invitee=invitee, response="another_time")
    assert "preferred_times" in error.value.message_dict
    answered = respond(
        actor=demo["north_parent"],
        invitee=invitee,
        response="another_time",
        preferred_times="Thursdays after 3pm",
    )
    assert answered.preferred_times == "Thursdays after 3pm"
    # Accepting later clears the times asked for.
    answered = respond(actor=demo["north_parent"], invitee=answered, response="accepted")
    assert answered.preferred_times == ""


def test_an_unknown_answer_is_refused(demo):
    with pytest.raises(ValidationError):
        respond(actor=demo["north_parent"], invitee=place(make_meeting(demo), demo), response="x")


def test_other_families_and_staff_cannot_answer(demo):
    invitee = place(make_meeting(demo), demo)
    for persona in ("south_parent", "oak_senco"):
        with pytest.raises(PermissionDenied):
            respond(actor=demo[persona], invitee=invitee, response="accepted")
    with pytest.raises(PermissionDenied):
        respond(
            actor=demo["north_parent"],
            invitee=place(make_meeting(demo), demo, "leo"),
            response="accepted",
        )


def test_a_proposed_meeting_cannot_be_answered(demo):
    invitee = place(make_meeting(demo, status="proposed"), demo)
    with pytest.raises(PermissionDenied):
        respond(actor=demo["north_parent"], invitee=invitee, response="accepted")


@pytest.mark.parametrize("status", [MeetingStatus.HELD, MeetingStatus.CANCELLED])
def test_a_held_or_cancelled_meeting_cannot_be_answered(demo, status):
    invitee = place(make_meeting(demo, status=status), demo)
    with pytest.raises(ValidationError):
        respond(actor=demo["north_parent"], invitee=invitee, response="accepted")
    with pytest.raises(ValidationError):
        add_views(actor=demo["north_parent"], invitee=invitee, family_views="x", child_views="")


def test_a_meeting_that_has_started_cannot_be_answered(demo, frozen):
    invitee = place(make_meeting(demo), demo)
    frozen.move_to(STARTS + timedelta(minutes=1))
    with pytest.raises(ValidationError):
        respond(actor=demo["north_parent"], invitee=invitee, response="accepted")


def test_the_family_adds_their_views_and_their_childs_before_the_meeting(demo):
    invitee = place(make_meeting(demo), demo)
    saved = add_views(
        actor=demo["north_parent"],
        invitee=invitee,
        family_views=" Reading is going well ",
        child_views="I like the quiet room",
    )
    assert (saved.family_views, saved.child_views) == (
        "Reading is going well",
        "I like the quiet room",
    )
    with pytest.raises(PermissionDenied):
        add_views(actor=demo["south_parent"], invitee=invitee, family_views="x", child_views="")


# Reminders


def test_reminders_go_once_two_days_before_to_families_coming_or_not_answered(
    demo, mailoutbox, frozen
):
    meeting = make_meeting(demo, ["ava", "leo", "mia"], school="north_oak")
    invite_families(actor=demo["oak_senco"], meetings=[meeting])
    ava, mia = place(meeting, demo), place(meeting, demo, "mia")
    Invitee.objects.filter(pk=mia.pk).update(response="declined")
    mailoutbox.clear()

    assert meeting_reminders() == 0  # a week before: too early
    frozen.move_to(STARTS - timedelta(days=2))
    assert meeting_reminders() == 2  # Ava (pending) and Leo (pending), not Mia (declined)
    assert [m.to for m in mailoutbox] == [[demo["north_parent"].email]]
    assert mailoutbox[0].subject == "Reminder: a meeting about SEN support"
    ava.refresh_from_db()
    assert ava.reminded_at is not None

    frozen.move_to(STARTS - timedelta(hours=3))
    assert meeting_reminders() == 0
    assert len(mailoutbox) == 1


def test_no_reminder_for_a_family_never_invited_or_a_cancelled_meeting(demo, mailoutbox, frozen):
    make_meeting(demo)  # not invited
    cancelled = make_meeting(demo, starts_at=STARTS + timedelta(hours=1))
    invite_families(actor=demo["oak_senco"], meetings=[cancelled])
    Meeting.objects.filter(pk=cancelled.pk).update(status="cancelled")
    mailoutbox.clear()
    frozen.move_to(STARTS - timedelta(days=1))
    assert meeting_reminders() == 0
    assert mailoutbox == []


def test_the_reminder_sweep_is_registered():
    from opensend.core.sweeps import sweeps

    assert sweeps()["meeting_reminders"] is meeting_reminders


# Calendar


def test_calendar_entries_are_neutral_and_reach_the_right_people(demo):
    group = make_meeting(demo)
    individual = make_meeting(
        demo, ["leo"], staff=demo["oak_teacher"], starts_at=STARTS + timedelta(days=1)
    )
    make_meeting(demo, ["ava"], status="proposed", starts_at=STARTS + timedelta(days=2))

    parent = meeting_events(demo["north_parent"])
    assert [(e.summary, e.start) for e in parent] == [("Group parent meeting", STARTS)]
    assert parent[0].url == f"/family/meetings/{place(group, demo).pk}/"

    assert {e.uid for e in meeting_events(demo["oak_senco"])} == {
        f"meeting-{group.pk}",
        f"meeting-{individual.pk}",
    }
    teacher = meeting_events(demo["oak_teacher"])
    assert [(e.uid, e.summary) for e in teacher] == [(f"meeting-{individual.pk}", "Parent meeting")]
    assert meeting_events(demo["oak_ta"]) == []
    assert meeting_events(demo["river_senco"]) == []
    assert meeting_events(demo["south_parent"]) == []
    assert meeting_events(demo["north_caseworker"]) == []


def test_support_plan_reviews_are_in_school_staff_calendars_without_names(demo):
    plan = SupportPlan.objects.create(
        child=demo["leo"], school=demo["north_oak"], status="active", review_due=NOW.date()
    )
    events = support_review_events(demo["oak_teacher"])
    assert [(e.uid, e.summary) for e in events] == [
        (f"support-review-{plan.pk}", "Support plan review")
    ]
    assert support_review_events(demo["river_senco"]) == []
    assert support_review_events(demo["north_parent"]) == []


def test_no_child_name_anywhere_in_a_feed(demo):
    make_meeting(demo)
    SupportPlan.objects.create(
        child=demo["ava"], school=demo["north_oak"], status="active", review_due=NOW.date()
    )
    for persona in ("oak_senco", "north_parent"):
        feed = build_calendar(name="Test", events=events_for(demo[persona])).decode()
        assert "parent meeting" in feed.lower()
        for name in CHILD_NAMES:
            assert name not in feed, (persona, name)
