"""Compliance at a glance (issue 6 item 4; CoP 6.65): statuses, counting rules and the pages.

Oakfield's real 2026 to 2027 terms: autumn 2 Sep-18 Dec 2026, spring 4 Jan-26 Mar 2027,
summer 12 Apr-21 Jul 2027. Time is frozen on Monday 1 February 2027 (spring term) unless a
test says otherwise: by then one term (autumn) has ended.
"""

import csv
import io
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.law.meetings import Status
from opensend.meetings import compliance
from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingSlot, MeetingStatus
from opensend.organisations.services import school_terms_set
from opensend.people.models import Child, Enrolment, SenStatus
from tests.queries import assert_constant_queries
from tests.signin import sign_in

LONDON = ZoneInfo("Europe/London")
AUTUMN = (date(2026, 9, 2), date(2026, 12, 18))
SPRING = (date(2027, 1, 4), date(2027, 3, 26))
SUMMER = (date(2027, 4, 12), date(2027, 7, 21))
TODAY = date(2027, 2, 1)


def frozen(day: date = TODAY, hour: int = 9):
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=LONDON), tick=False)


@pytest.fixture
def oak(demo):
    with frozen(date(2026, 7, 1)):
        school_terms_set(
            actor=demo["oak_head"],
            school=demo["north_oak"],
            academic_year=2026,
            terms={"autumn": AUTUMN, "spring": SPRING, "summer": SUMMER},
        )
    return demo["north_oak"]


@pytest.fixture
def now():
    with frozen():
        yield TODAY


def add_pupil(school, first, *, start=date(2025, 9, 1), end=None, provision="K", off=None):
    """A pupil on roll from `start` (to `end`), on the register from `start` (to `off`)."""
    child = Child.objects.create(
        first_name=first,
        last_name="Testpupil",
        date_of_birth=date(2018, 3, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(child=child, school=school, year_group="3", start=start, end=end)
    SenStatus.objects.create(child=child, provision=provision, start=start, end=off, school=school)
    if off is not None:
        SenStatus.objects.create(child=child, provision="N", start=off, school=school)
    return child


def add_meeting(school, day, places, *, status=MeetingStatus.HELD, kind=MeetingKind.INDIVIDUAL):
    """`places`: (child, response, attended) for each family invited."""
    term = "autumn" if day <= AUTUMN[1] else "spring" if day <= SPRING[1] else "summer"
    meeting = Meeting.objects.create(
        school=school,
        academic_year=2026,
        term=term,
        kind=kind,
        starts_at=datetime.combine(day, time(15, 30), tzinfo=LONDON),
        status=status,
    )
    for child, response, attended in places:
        Invitee.objects.create(meeting=meeting, child=child, response=response, attended=attended)
    return meeting


def held(school, day, child):
    return add_meeting(school, day, [(child, "accepted", True)])


def row_for(summary, child):
    return next(pupil for pupil in summary.pupils if pupil.child == child)


def test_each_status_is_reached(oak, now):
    met = add_pupil(oak, "Met")
    for day in (date(2026, 10, 1), date(2026, 11, 20), date(2027, 1, 20)):
        held(oak, day, met)
    on_track = add_pupil(oak, "Ontrack")
    held(oak, date(2026, 11, 5), on_track)
    offered = add_pupil(oak, "Offered")
    add_meeting(
        oak, date(2026, 11, 5), [(offered, "declined", None)], status=MeetingStatus.CONFIRMED
    )
    behind = add_pupil(oak, "Behind")

    summary = compliance.school_compliance(oak)

    assert not summary.uses_default_terms
    assert summary.invite_term.name == "spring"
    expected = {met: Status.MET, on_track: Status.ON_TRACK, offered: Status.OFFERED}
    expected[behind] = Status.BEHIND
    for child, status in expected.items():
        row = row_for(summary, child)
        assert row.status == status, child.first_name
        assert row.result.expected == 3
        assert row.result.expected_by_as_of == 1
    assert row_for(summary, met).result.held == 3
    assert row_for(summary, offered).result.declined == 1
    assert row_for(summary, offered).result.held == 0
    # Behind first, then pupils owed a spring meeting with none held or planned.
    needing = summary.needing_meeting
    statuses = [pupil.status for pupil in needing]
    assert statuses == sorted(statuses, key=lambda status: status != Status.BEHIND)
    assert behind in {pupil.child for pupil in needing if pupil.status == Status.BEHIND}
    assert {pupil.child for pupil in needing} >= {behind, on_track, offered}
    assert met not in {pupil.child for pupil in needing}


def test_a_meeting_planned_this_term_takes_the_pupil_off_the_list(oak, now):
    pupil = add_pupil(oak, "Planned")
    add_meeting(oak, date(2027, 2, 10), [(pupil, "pending", None)], status=MeetingStatus.CONFIRMED)
    row = row_for(compliance.school_compliance(oak), pupil)
    assert row.status == Status.BEHIND
    assert row.planned == (date(2027, 2, 10),)
    assert not row.needs_meeting


def test_declined_only_counts_once_invitations_are_sent(oak, now):
    pupil = add_pupil(oak, "Proposed")
    add_meeting(oak, date(2026, 11, 5), [(pupil, "declined", None)], status="proposed")
    assert row_for(compliance.school_compliance(oak), pupil).status == Status.BEHIND


def test_a_late_joiner_is_owed_only_the_terms_they_were_here_for(oak, now):
    # Joined 20 November: 29 of autumn's 108 days, under half, so autumn is not owed.
    late = add_pupil(oak, "Late", start=date(2026, 11, 20))
    row = row_for(compliance.school_compliance(oak), late)
    assert row.on_register_from == date(2026, 11, 20)
    assert row.result.expected == 2
    assert row.result.expected_by_as_of == 0
    assert row.status == Status.ON_TRACK
    assert row.owed_this_term and row.needs_meeting


def test_a_pupil_who_left_is_counted_for_their_time_here_and_not_invited(oak, now, client, demo):
    left = add_pupil(oak, "Left", end=date(2027, 1, 20))
    off = add_pupil(oak, "Offregister", off=date(2026, 10, 1))
    summary = compliance.school_compliance(oak)
    row = row_for(summary, left)
    assert row.enrolled_to == date(2027, 1, 20)
    assert row.result.expected == 1  # autumn only: 17 of spring's 82 days
    assert row.status == Status.BEHIND
    assert not row.can_be_invited and not row.needs_meeting
    off_row = row_for(summary, off)
    assert off_row.on_register_to == date(2026, 10, 1)
    assert off_row.result.expected == 0 and off_row.status == Status.MET
    # Not on roll any more: named in the table, but no link to a record staff can't open.
    sign_in(client, demo["oak_senco"])
    page = client.get(reverse("meetings_compliance", args=[oak.pk])).content.decode()
    assert "Testpupil, Left" in page
    assert reverse("child_detail", args=[left.pk]) not in page


def test_a_group_meeting_counts_for_the_families_who_came(oak, now):
    came, also_came, stayed_away = (add_pupil(oak, name) for name in ("Came", "Also", "Away"))
    add_meeting(
        oak,
        date(2026, 11, 12),
        [(came, "accepted", True), (also_came, "accepted", True), (stayed_away, "accepted", False)],
        kind=MeetingKind.GROUP,
    )
    summary = compliance.school_compliance(oak)
    assert row_for(summary, came).result.held == 1
    assert row_for(summary, also_came).status == Status.ON_TRACK
    assert row_for(summary, stayed_away).result.held == 0
    assert row_for(summary, stayed_away).status == Status.BEHIND


def test_without_the_schools_own_terms_the_law_defaults_are_used_and_said(demo, now, client):
    school = demo["north_oak"]  # no terms set
    pupil = add_pupil(school, "Default")
    summary = compliance.school_compliance(school)
    assert summary.uses_default_terms
    assert [term.start for term in summary.year_terms.terms][0] == date(2026, 9, 1)
    assert row_for(summary, pupil).result.expected == 3
    sign_in(client, demo["oak_senco"])
    page = client.get(reverse("meetings_compliance", args=[school.pk])).content.decode()
    assert "has not set its term dates" in page


def test_the_page_runs_the_same_queries_however_many_pupils(oak, now, client, demo):
    sign_in(client, demo["oak_senco"])
    url = reverse("meetings_compliance", args=[oak.pk])
    counter = iter(range(100))

    def grow():
        n = next(counter)
        pupil = add_pupil(oak, f"Grow{n}", start=date(2026, 11, 1) if n % 2 else date(2025, 9, 1))
        held(oak, date(2026, 10, 5), pupil)
        add_meeting(oak, date(2027, 2, 9), [(pupil, "declined", None)], status="confirmed")

    assert_constant_queries(lambda: client.get(url), grow)
    assert_constant_queries(lambda: client.get(url, {"format": "csv"}), grow)


def test_the_page_shows_counts_charts_and_the_table(oak, now, client, demo):
    add_pupil(oak, "Behind")
    sign_in(client, demo["oak_teacher"])
    response = client.get(reverse("meetings_compliance", args=[oak.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pupils owed a meeting and pupils met, by term" in page
    assert 'role="img"' in page
    assert "Testpupil, Behind" in page
    # Teachers read it but do not invite.
    assert reverse("meetings_invite_next", args=[oak.pk]) not in page


def test_governors_see_counts_with_small_numbers_hidden(oak, now, client, demo):
    for n in range(6):
        add_pupil(oak, f"Pupil{n}")  # 6 behind, plus Ava and Leo (2 behind)
    sign_in(client, demo["oak_governor"])
    response = client.get(reverse("meetings_compliance", args=[oak.pk]))
    page = response.content.decode()
    assert "Testpupil" not in page and "Ava" not in page
    assert ">8<" in page  # behind: 6 + Ava + Leo
    counts = response.context["counts"]["status"]
    assert [row.shown for row in counts] == ["0", "0", "0", "8"]
    assert (
        client.get(reverse("meetings_compliance", args=[oak.pk]), {"format": "csv"}).status_code
        == 403
    )


def test_governor_counts_under_five_are_suppressed(oak, now):
    pupil = add_pupil(oak, "Alone")
    held(oak, date(2026, 11, 5), pupil)
    counts = compliance.school_compliance(oak).suppressed_counts()["status"]
    assert [row.shown for row in counts] == ["0", "fewer than 5", "0", "fewer than 5"]


def test_the_csv_lists_every_pupil(oak, now, client, demo):
    pupil = add_pupil(oak, "=Formula")
    held(oak, date(2026, 11, 5), pupil)
    sign_in(client, demo["oak_ta"])
    response = client.get(reverse("meetings_compliance", args=[oak.pk]), {"format": "csv"})
    assert response["Content-Disposition"].startswith('attachment; filename="parent-meetings-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mine = next(row for row in rows if row["Last name"] == "Testpupil")
    assert mine["First name"] == "'=Formula"
    assert (mine["Held"], mine["Status"], mine["Meetings expected"]) == ("1", "On track", "3")


def test_inviting_proposes_after_school_meetings_led_by_the_senco(oak, now, client, demo):
    first, second = add_pupil(oak, "First"), add_pupil(oak, "Second")
    sign_in(client, demo["oak_head"])
    response = client.post(
        reverse("meetings_invite_next", args=[oak.pk]), {"children": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings_proposed", args=[oak.pk])
    meetings = list(Meeting.objects.filter(invitees__child__in=[first, second]).distinct())
    assert len(meetings) == 2
    for meeting in meetings:
        assert meeting.status == MeetingStatus.PROPOSED
        assert meeting.kind == MeetingKind.INDIVIDUAL
        assert meeting.slot == MeetingSlot.AFTER_SCHOOL
        assert meeting.staff == demo["oak_senco"]  # the head invites; the SENCO leads
        assert meeting.term == "spring" and meeting.academic_year == 2026
    # A week's notice: Monday 8 February, the first two after-school slots.
    times = sorted(m.starts_at.astimezone(LONDON) for m in meetings)
    assert [(t.date(), t.time()) for t in times] == [
        (date(2027, 2, 8), time(15, 30)),
        (date(2027, 2, 8), time(16, 0)),
    ]
    summary = compliance.school_compliance(oak)
    assert not row_for(summary, first).needs_meeting  # planned now


def test_inviting_with_no_pupil_chosen_shows_the_error(oak, now, client, demo):
    sign_in(client, demo["oak_senco"])
    response = client.post(reverse("meetings_invite_next", args=[oak.pk]), {})
    assert response.status_code == 200
    assert "Choose at least one pupil to invite." in response.content.decode()
    assert not Meeting.objects.exists()


def test_only_the_senco_and_head_invite(oak, now, demo):
    pupil = add_pupil(oak, "Someone")
    with pytest.raises(PermissionDenied):
        compliance.invite_next(actor=demo["oak_teacher"], school=oak, child_ids=[pupil.pk])
    with pytest.raises(PermissionDenied):
        compliance.invite_next(actor=demo["river_senco"], school=oak, child_ids=[pupil.pk])


def test_pupils_not_on_the_register_now_cannot_be_invited(oak, now, demo):
    left = add_pupil(oak, "Left", end=date(2027, 1, 20))
    with pytest.raises(ValidationError):
        compliance.invite_next(actor=demo["oak_senco"], school=oak, child_ids=[left.pk])
    mia = demo["mia"]  # Hillside's pupil
    with pytest.raises(ValidationError):
        compliance.invite_next(actor=demo["oak_senco"], school=oak, child_ids=[mia.pk])


def test_after_the_summer_term_there_is_nothing_left_to_invite_to(oak, demo):
    pupil = add_pupil(oak, "Late")
    with frozen(date(2027, 7, 25)), pytest.raises(ValidationError):
        compliance.invite_next(
            actor=demo["oak_senco"], school=oak, child_ids=[pupil.pk], as_of=date(2027, 7, 25)
        )


def test_a_declined_invitation_counts_as_offered_even_if_the_meeting_is_cancelled(oak, now):
    pupil = add_pupil(oak, "Cancelled")
    add_meeting(oak, date(2026, 11, 5), [(pupil, "declined", None)], status="cancelled")
    assert row_for(compliance.school_compliance(oak), pupil).status == Status.OFFERED
