"""Planning the year's parent meetings in one action (issue 6 item 1; CoP 6.65).

Oakfield's real 2026 to 2027 terms: autumn 2 Sep-18 Dec 2026 with half term 26-30 Oct as
closure days, spring 4 Jan-26 Mar 2027, summer 12 Apr-21 Jul 2027. Time is frozen.
"""

from collections import Counter
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opensend.core.services import StaleEditError
from opensend.law.meetings import Term
from opensend.meetings import planning
from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingMode, MeetingStatus
from opensend.organisations.services import closure_day_add, school_terms_set
from opensend.people.models import Child, Enrolment, SenStatus

LONDON = ZoneInfo("Europe/London")
AUTUMN = (date(2026, 9, 2), date(2026, 12, 18))
SPRING = (date(2027, 1, 4), date(2027, 3, 26))
SUMMER = (date(2027, 4, 12), date(2027, 7, 21))
HALF_TERM = [date(2026, 10, 26) + timedelta(days=n) for n in range(5)]
ALL_SLOTS = [planning.SLOT_SCHOOL_DAY, planning.SLOT_AFTER_SCHOOL, planning.SLOT_ONLINE]


def frozen(day: date, hour: int = 9):
    return time_machine.travel(datetime.combine(day, time(hour), tzinfo=LONDON), tick=False)


@pytest.fixture
def oak(demo):
    """Oakfield with its 2026 to 2027 terms and half term set by the head."""
    school, head = demo["north_oak"], demo["oak_head"]
    with frozen(date(2026, 7, 1)):
        school_terms_set(
            actor=head,
            school=school,
            academic_year=2026,
            terms={"autumn": AUTUMN, "spring": SPRING, "summer": SUMMER},
        )
        for day in HALF_TERM:
            closure_day_add(actor=head, school=school, day=day, reason="Half term")
    return school


def add_pupil(demo, first, *, year_group="3", start=date(2025, 9, 1), provision="K"):
    school = demo["north_oak"]
    child = Child.objects.create(
        first_name=first,
        last_name="Testpupil",
        date_of_birth=date(2018, 3, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(child=child, school=school, year_group=year_group, start=start)
    SenStatus.objects.create(child=child, provision=provision, start=start, school=school)
    return child


def plan(demo, *, today, slots=None, group_size=1, staff=None, actor="oak_senco", year=2026):
    with frozen(today):
        return planning.plan_year(
            actor=demo[actor],
            school=demo["north_oak"],
            academic_year=year,
            slots=slots or ALL_SLOTS,
            group_size=group_size,
            staff=staff or [demo["oak_senco"]],
        )


def terms_of(child) -> list[str]:
    return sorted(
        Invitee.objects.filter(child=child).values_list("meeting__term", flat=True),
        key=["autumn", "spring", "summer"].index,
    )


def local_day(meeting) -> date:
    return timezone.localtime(meeting.starts_at).date()


def test_sen_support_pupil_gets_three_and_ehc_pupil_two(demo, oak):
    result = plan(demo, today=date(2026, 8, 20))
    assert terms_of(demo["leo"]) == ["autumn", "spring", "summer"]
    # CoP 6.65 with DESIGN "Time": Ava's annual review meeting is the third.
    assert terms_of(demo["ava"]) == ["autumn", "spring"]
    assert (result.pupils, result.places, result.ehc_pupils) == (2, 5, 1)
    assert Meeting.objects.filter(status=MeetingStatus.PROPOSED).count() == 5
    assert set(Invitee.objects.values_list("response", flat=True)) == {"pending"}
    assert set(Invitee.objects.values_list("invited_at", flat=True)) == {None}


def test_meetings_fall_on_teaching_days_away_from_the_ends_of_term(demo, oak):
    for n in range(30):
        add_pupil(demo, f"Pupil{n}", year_group=str(1 + n % 6))
    plan(demo, today=date(2026, 8, 20))
    terms = {"autumn": AUTUMN, "spring": SPRING, "summer": SUMMER}
    meetings = list(Meeting.objects.all())
    assert len(meetings) == 30 * 3 + 3 + 2
    for meeting in meetings:
        day = local_day(meeting)
        start, end = terms[meeting.term]
        assert start + timedelta(days=3) <= day <= end - timedelta(days=3), meeting
        assert day.weekday() < 5
        assert day not in HALF_TERM
    # Spread across the term, not piled on its first days.
    autumn_days = {local_day(m) for m in meetings if m.term == "autumn"}
    assert len(autumn_days) >= 20


def test_meeting_days_leave_out_weekends_closures_and_the_first_and_last_days():
    autumn = Term("autumn", *AUTUMN)
    days = planning.meeting_days(autumn, set(HALF_TERM), today=date(2026, 8, 20))
    assert days[0] == date(2026, 9, 7)  # 2, 3 and 4 September are the first teaching days
    assert days[-1] == date(2026, 12, 15)  # 16, 17 and 18 December the last
    assert not set(HALF_TERM) & set(days)
    assert all(day.weekday() < 5 for day in days)
    # Planning during the term: only days still to come.
    later = planning.meeting_days(autumn, set(HALF_TERM), today=date(2026, 11, 28))
    assert later[0] == date(2026, 11, 30)


def test_late_joiner_gets_fewer_and_no_meeting_in_an_ended_term(demo, oak):
    # Spring has 82 days: on the register from 20 January is 66 of them (counted); from
    # 20 February only 35 (under half: not counted).
    january = add_pupil(demo, "January", start=date(2027, 1, 20))
    february = add_pupil(demo, "February", start=date(2027, 2, 20))
    february_ehc = add_pupil(demo, "Ehc", start=date(2027, 1, 20), provision="E")
    plan(demo, today=date(2027, 2, 22))
    assert terms_of(january) == ["spring", "summer"]
    assert terms_of(february) == ["summer"]
    assert terms_of(february_ehc) == ["spring"]  # two owed, one of them the annual review
    # Leo has been on the register all year, but autumn has ended: spring and summer only.
    assert terms_of(demo["leo"]) == ["spring", "summer"]
    for meeting in Meeting.objects.filter(term="spring"):
        assert local_day(meeting) > date(2027, 2, 22)


def test_group_meetings_by_year_group_up_to_the_size_chosen(demo, oak):
    year3 = [add_pupil(demo, f"Three{n}", year_group="3") for n in range(4)]  # and Leo: 5
    year5 = [add_pupil(demo, f"Five{n}", year_group="5") for n in range(2)]
    plan(demo, today=date(2026, 8, 20), group_size=4)
    autumn = Meeting.objects.filter(term="autumn").prefetch_related("invitees__child")
    groups = sorted(
        sorted(place.child.first_name for place in meeting.invitees.all()) for meeting in autumn
    )
    # Five in Year 3 make groups of 3 and 2 (even sizes, none over 4); Ava is alone in Year 4.
    sizes = sorted(len(group) for group in groups)
    assert sizes == [1, 2, 2, 3]
    for meeting in autumn:
        years = {place.child.enrolments.get().year_group for place in meeting.invitees.all()}
        assert len(years) == 1
        assert meeting.kind == (MeetingKind.GROUP if meeting.invitees.count() > 1 else "individual")
        assert meeting.duration_minutes == (60 if meeting.kind == MeetingKind.GROUP else 30)
    for child in [*year3, *year5, demo["leo"]]:
        assert terms_of(child) == ["autumn", "spring", "summer"]


def test_staff_and_slots_taken_in_turn_without_double_booking(demo, oak):
    for n in range(40):
        add_pupil(demo, f"Pupil{n}")
    staff = [demo["oak_senco"], demo["oak_teacher"]]
    plan(
        demo,
        today=date(2026, 8, 20),
        slots=[planning.SLOT_SCHOOL_DAY, planning.SLOT_ONLINE],
        staff=staff,
    )
    meetings = list(Meeting.objects.all())
    leaders = Counter(meeting.staff_id for meeting in meetings)
    assert set(leaders) == {user.pk for user in staff}
    assert abs(leaders[staff[0].pk] - leaders[staff[1].pk]) <= 1
    kinds = Counter((meeting.slot, meeting.mode) for meeting in meetings)
    assert set(kinds) == {("school_day", MeetingMode.IN_PERSON), ("after_school", "online")}
    assert abs(kinds[("school_day", "in_person")] - kinds[("after_school", "online")]) <= 1
    for meeting in meetings:
        start = timezone.localtime(meeting.starts_at).time()
        if meeting.slot == "school_day":
            assert time(9, 30) <= start <= time(14, 30)
        else:
            assert time(15, 45) <= start <= time(18, 0)
    by_leader = {}
    for meeting in meetings:
        by_leader.setdefault(meeting.staff_id, []).append(meeting)
    for own in by_leader.values():
        own.sort(key=lambda m: m.starts_at)
        for first, second in zip(own, own[1:], strict=False):
            assert first.starts_at + timedelta(minutes=first.duration_minutes) <= second.starts_at


def test_planning_again_fills_only_the_gaps(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    assert Meeting.objects.count() == 5
    again = plan(demo, today=date(2026, 9, 10))
    assert again.meetings == [] and again.up_to_date == 2
    assert Meeting.objects.count() == 5
    # A pupil joins in October, and one of Leo's proposals is removed: only those are planned.
    newcomer = add_pupil(demo, "Newcomer", start=date(2026, 10, 5))
    leo_spring = Meeting.objects.get(term="spring", invitees__child=demo["leo"])
    with frozen(date(2026, 10, 6)):
        planning.proposed_meeting_remove(actor=demo["oak_senco"], meeting=leo_spring)
    third = plan(demo, today=date(2026, 10, 6))
    assert third.pupils == 2
    assert terms_of(newcomer) == ["autumn", "spring", "summer"]  # 75 of 108 autumn days
    assert terms_of(demo["leo"]) == ["autumn", "spring", "summer"]
    assert terms_of(demo["ava"]) == ["autumn", "spring"]


def test_a_cancelled_meeting_leaves_a_gap_to_fill(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    Meeting.objects.filter(term="autumn", invitees__child=demo["leo"]).update(status="cancelled")
    plan(demo, today=date(2026, 8, 21))
    assert Invitee.objects.filter(child=demo["leo"], meeting__term="autumn").count() == 2


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "river_senco"])
def test_only_the_senco_or_head_plans(demo, oak, persona):
    with pytest.raises(PermissionDenied):
        plan(demo, today=date(2026, 8, 20), actor=persona)
    assert not Meeting.objects.exists()


def test_the_head_may_plan(demo, oak):
    assert plan(demo, today=date(2026, 8, 20), actor="oak_head").places == 5


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"slots": []}, "slots", "Select at least one kind of meeting to offer"),
        ({"slots": ["evening"]}, "slots", "Select kinds of meeting from the list"),
        ({"group_size": 0}, "group_size", "Families in a meeting must be between 1 and 12"),
        ({"staff": []}, "staff", "Select at least one member of staff to lead meetings"),
        ({"staff": "river_senco"}, "staff", "Select staff who work at this school"),
        ({"year": 2028}, "academic_year", "Choose the 2026 to 2027 school year or the next one"),
    ],
)
def test_plan_input_is_checked(demo, oak, changes, field, message):
    kwargs = {
        "actor": demo["oak_senco"],
        "school": oak,
        "academic_year": changes.get("year", 2026),
        "slots": changes.get("slots", ALL_SLOTS),
        "group_size": changes.get("group_size", 1),
        "staff": changes.get("staff", [demo["oak_senco"]]),
    }
    if kwargs["staff"] == "river_senco":
        kwargs["staff"] = [demo["river_senco"]]
    with frozen(date(2026, 9, 10)), pytest.raises(ValidationError) as error:
        planning.plan_year(**kwargs)
    assert error.value.message_dict[field] == [message]
    assert not Meeting.objects.exists()


def test_school_defaults_when_no_terms_are_set(demo):
    # No term dates: the law's defaults (1 Sep-31 Dec, 1 Jan-31 Mar, 1 Apr-31 Aug).
    plan(demo, today=date(2026, 8, 20))
    assert terms_of(demo["leo"]) == ["autumn", "spring", "summer"]


# Adjusting and confirming ------------------------------------------------------------------


def _update(demo, meeting, **changes):
    values = {
        "actor": demo["oak_senco"],
        "meeting": meeting,
        "day": date(2026, 11, 12),
        "start_time": time(16, 0),
        "slot": "after_school",
        "mode": "online",
        "staff": demo["oak_teacher"],
        "duration_minutes": 45,
        "location": "  Video call link sent by email ",
        "expected_version": meeting.version,
    }
    values.update(changes)
    with frozen(date(2026, 9, 10)):
        return planning.proposed_meeting_update(**values)


def test_change_a_proposed_meeting(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    meeting = Meeting.objects.get(term="autumn", invitees__child=demo["leo"])
    updated = _update(demo, meeting)
    assert timezone.localtime(updated.starts_at) == datetime(2026, 11, 12, 16, 0, tzinfo=LONDON)
    assert (updated.slot, updated.mode, updated.staff, updated.duration_minutes) == (
        "after_school",
        "online",
        demo["oak_teacher"],
        45,
    )
    assert updated.location == "Video call link sent by email"
    with pytest.raises(StaleEditError):
        _update(demo, meeting, expected_version=meeting.version)


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 10, 27), "The school is closed on 27 October 2026: choose another day"),
        (date(2026, 11, 14), "14 November 2026 is a Saturday: choose a school day"),
        (
            date(2027, 1, 12),
            "The date must be in the autumn term, 2 September 2026 to 18 December 2026",
        ),
        (date(2026, 9, 9), "The date must be in the future"),
    ],
)
def test_a_changed_date_must_suit(demo, oak, day, message):
    plan(demo, today=date(2026, 8, 20))
    meeting = Meeting.objects.get(term="autumn", invitees__child=demo["leo"])
    with pytest.raises(ValidationError) as error:
        _update(demo, meeting, day=day)
    assert error.value.message_dict["day"] == [message]


def test_only_managers_change_proposals(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    meeting = Meeting.objects.get(term="autumn", invitees__child=demo["leo"])
    with pytest.raises(PermissionDenied):
        _update(demo, meeting, actor=demo["oak_teacher"])
    with pytest.raises(PermissionDenied):
        planning.proposed_meeting_remove(actor=demo["oak_ta"], meeting=meeting)


def test_move_a_family_into_a_group_and_out_again(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    leo_meeting = Meeting.objects.get(term="autumn", invitees__child=demo["leo"])
    ava_meeting = Meeting.objects.get(term="autumn", invitees__child=demo["ava"])
    leo_place = leo_meeting.invitees.get()
    with frozen(date(2026, 9, 10)):
        target = planning.invitee_move(
            actor=demo["oak_senco"], invitee=leo_place, to_meeting=ava_meeting
        )
    target.refresh_from_db()
    assert target.kind == MeetingKind.GROUP and target.invitees.count() == 2
    assert not Meeting.objects.filter(pk=leo_meeting.pk).exists()  # left empty: removed
    leo_place.refresh_from_db()
    with frozen(date(2026, 9, 10)):
        own = planning.invitee_move(actor=demo["oak_senco"], invitee=leo_place, to_meeting=None)
    target.refresh_from_db()
    assert target.kind == MeetingKind.INDIVIDUAL
    assert own.kind == MeetingKind.INDIVIDUAL and own.starts_at == target.starts_at
    assert own.term == "autumn"


def test_a_family_moves_only_within_the_term(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    leo_place = Invitee.objects.get(child=demo["leo"], meeting__term="autumn")
    ava_spring = Meeting.objects.get(term="spring", invitees__child=demo["ava"])
    with pytest.raises(ValidationError) as error:
        planning.invitee_move(actor=demo["oak_senco"], invitee=leo_place, to_meeting=ava_spring)
    assert error.value.message_dict["to_meeting"] == ["Choose a meeting in the autumn term"]


def test_confirm_the_year_in_one_step_and_invite_the_families(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    with frozen(date(2026, 8, 21)):
        meetings, invited = planning.confirm_year(
            actor=demo["oak_senco"], school=oak, academic_year=2026
        )
    assert len(meetings) == 5
    assert set(Meeting.objects.values_list("status", flat=True)) == {"confirmed"}
    assert invited == 5
    assert not Invitee.objects.filter(invited_at__isnull=True).exists()
    # Confirmed meetings are no longer proposals: they cannot be changed here.
    with pytest.raises(ValidationError):
        planning.proposed_meeting_remove(actor=demo["oak_senco"], meeting=meetings[0])
    with frozen(date(2026, 8, 22)), pytest.raises(ValidationError) as error:
        planning.confirm_year(actor=demo["oak_senco"], school=oak, academic_year=2026)
    assert error.value.messages == ["There are no proposed meetings to confirm"]


def test_confirm_refuses_proposals_in_the_past(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    with frozen(date(2026, 12, 1)), pytest.raises(ValidationError) as error:
        planning.confirm_year(actor=demo["oak_senco"], school=oak, academic_year=2026)
    assert "in the past" in error.value.messages[0]
    assert not Meeting.objects.filter(status="confirmed").exists()


def test_only_managers_confirm(demo, oak):
    plan(demo, today=date(2026, 8, 20))
    with frozen(date(2026, 8, 21)), pytest.raises(PermissionDenied):
        planning.confirm_year(actor=demo["oak_teacher"], school=oak, academic_year=2026)
