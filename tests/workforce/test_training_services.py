"""Planning SEND training in directed time (DfE SEND implementation guidance, "Training and
Support": planned in advance, no evenings or weekends), cancelling, and attendance.

Time is frozen on Monday 2 November 2026, 10:00 (tests/workforce/conftest.py): the plans are
made that day. Oakfield uses the law's default terms unless a test sets its own.
"""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent
from opensend.law.training import (
    BANK_HOLIDAY,
    OUTSIDE_SCHOOL_DAY,
    SCHOOL_CLOSURE,
    WEEKEND,
    Closure,
)
from opensend.organisations.models import ClosureDay
from opensend.organisations.selectors import terms_or_defaults_for
from opensend.organisations.services import school_terms_set
from opensend.workforce.models import SessionStatus, TrainingAttendance, TrainingSession
from opensend.workforce.selectors.training import check_warnings
from opensend.workforce.services.training import (
    holidays_of,
    training_attendance_record,
    training_check,
    training_session_cancel,
)
from tests.workforce.training_fixtures import at, plan

EVENING = date(2026, 11, 10)  # a Tuesday
SATURDAY = date(2026, 11, 14)
BOXING_DAY_SUBSTITUTE = date(2026, 12, 28)  # Monday: Boxing Day (Saturday 26th) moves here
CLEAN_DAY = date(2026, 11, 25)  # a Wednesday, 23 days ahead


def check(school, day, start=(13, 30), end=(15, 30)):
    return training_check(school=school, starts_at=at(day, *start), ends_at=at(day, *end))


def set_oak_terms(demo):
    school_terms_set(
        actor=demo["oak_head"],
        school=demo["north_oak"],
        academic_year=2026,
        terms={
            "autumn": (date(2026, 9, 2), date(2026, 12, 18)),
            "spring": (date(2027, 1, 4), date(2027, 3, 26)),
            "summer": (date(2027, 4, 12), date(2027, 7, 21)),
        },
    )


# --- the check -----------------------------------------------------------------------------------


def test_an_evening_session_is_outside_the_school_day(oak, frozen):
    slot = check(oak, EVENING, (18, 0), (19, 30))
    assert slot.problems == (OUTSIDE_SCHOOL_DAY,)
    assert slot.problem_days[OUTSIDE_SCHOOL_DAY] == (EVENING,)
    assert slot.in_directed_time is False
    assert check_warnings(oak, slot)[0] == (
        "Tuesday 10 November 2026 18:00 to 19:30 is outside the school day (08:00 to 17:30)"
    )


def test_a_session_ending_at_the_end_of_the_school_day_is_inside_it(oak, frozen):
    slot = check(oak, CLEAN_DAY, (15, 30), (17, 30))
    assert slot.problems == ()


def test_a_saturday_session_is_at_the_weekend(oak, frozen):
    slot = check(oak, SATURDAY, (9, 0), (12, 0))
    assert slot.problems == (WEEKEND,)
    assert check_warnings(oak, slot) == [
        "Saturday 14 November 2026 is at the weekend",
        "Only 12 days' notice: plan at least 14 days ahead",
    ]


def test_a_bank_holiday_is_flagged(oak, frozen):
    slot = check(oak, BOXING_DAY_SUBSTITUTE)
    # Default terms: the Christmas holiday is not known, but the bank holiday is.
    assert slot.problems == (BANK_HOLIDAY,)
    assert check_warnings(oak, slot) == ["Monday 28 December 2026 is a bank holiday"]


def test_a_closure_day_is_flagged_with_its_reason(demo, oak, frozen):
    ClosureDay.objects.create(school=oak, date=date(2026, 11, 26), reason="Polling station")
    slot = check(oak, date(2026, 11, 26))
    assert slot.problems == (SCHOOL_CLOSURE,)
    assert slot.closures == (Closure(date(2026, 11, 26), date(2026, 11, 26)),)
    assert check_warnings(oak, slot) == [
        "Thursday 26 November 2026: the school is closed (Polling station)"
    ]


def test_another_schools_closure_day_does_not_count(demo, oak, frozen):
    ClosureDay.objects.create(school=demo["north_hill"], date=date(2026, 11, 26))
    assert check(oak, date(2026, 11, 26)).problems == ()


def test_three_days_notice_is_short(oak, frozen):
    slot = check(oak, date(2026, 11, 5))
    assert slot.problems == ()
    assert slot.notice_days == 3
    assert slot.planned_in_advance is False
    assert check_warnings(oak, slot) == ["Only 3 days' notice: plan at least 14 days ahead"]


def test_fourteen_days_notice_is_enough(oak, frozen):
    slot = check(oak, date(2026, 11, 16))
    assert (slot.notice_days, slot.planned_in_advance) == (14, True)


def test_a_session_already_past_was_not_planned_ahead(oak, frozen):
    slot = check(oak, date(2026, 10, 21))
    assert slot.notice_days == -12
    assert check_warnings(oak, slot) == [
        "Wednesday 21 October 2026 has passed: it was not planned ahead "
        "(plan at least 14 days ahead)"
    ]


def test_a_clean_session_has_nothing_to_say(oak, frozen):
    slot = check(oak, CLEAN_DAY)
    assert slot.problems == ()
    assert slot.planned_in_advance is True
    assert check_warnings(oak, slot) == []


def test_the_days_between_the_schools_own_terms_are_holidays(demo, oak, frozen):
    set_oak_terms(demo)
    assert holidays_of(terms_or_defaults_for(oak, 2026)) == [
        Closure(date(2026, 9, 1), date(2026, 9, 1)),
        Closure(date(2026, 12, 19), date(2027, 1, 3)),
        Closure(date(2027, 3, 27), date(2027, 4, 11)),
        Closure(date(2027, 7, 22), date(2027, 8, 31)),
    ]
    slot = check(oak, date(2026, 12, 22))
    assert slot.problems == (SCHOOL_CLOSURE,)
    assert check_warnings(oak, slot) == [
        "Tuesday 22 December 2026 is in the school holidays: the school is closed"
    ]
    assert check(oak, date(2026, 12, 16)).problems == ()


def test_default_terms_have_no_holidays(oak):
    assert holidays_of(terms_or_defaults_for(oak, 2026)) == []


def test_a_session_across_midnight_is_flagged_on_both_days(oak, frozen):
    slot = training_check(
        school=oak, starts_at=at(CLEAN_DAY, 16, 0), ends_at=at(date(2026, 11, 26), 9, 0)
    )
    assert slot.problem_days[OUTSIDE_SCHOOL_DAY] == (CLEAN_DAY, date(2026, 11, 26))
    assert check_warnings(oak, slot) == [
        "Wednesday 25 November 2026 16:00 to midnight is outside the school day (08:00 to 17:30)",
        "Thursday 26 November 2026 00:00 to 09:00 is outside the school day (08:00 to 17:30)",
    ]


def test_the_check_refuses_an_end_before_the_start(oak, frozen):
    with pytest.raises(ValidationError) as raised:
        check(oak, CLEAN_DAY, (15, 0), (14, 0))
    assert raised.value.message_dict == {"ends_at": ["The end time must be after the start time"]}


# --- planning ------------------------------------------------------------------------------------


def test_a_clean_session_is_saved_with_no_reason(demo, oak, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert session.planned_on == date(2026, 11, 2)
    assert (session.problems, session.notice_days) == ([], 23)
    assert session.in_directed_time and session.planned_in_advance
    assert session.has_warnings is False
    assert session.keep_reason == ""
    assert AuditEvent.objects.filter(record_id=str(session.pk), kind="created").count() == 1


def test_an_evening_session_needs_a_reason(demo, oak, frozen):
    with pytest.raises(ValidationError) as raised:
        plan(demo["oak_senco"], oak, EVENING, (18, 0), (19, 30))
    assert list(raised.value.message_dict) == ["keep_reason"]
    assert not TrainingSession.objects.exists()


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (SATURDAY, (9, 0), (12, 0)),
        (BOXING_DAY_SUBSTITUTE, (13, 30), (15, 30)),
        (date(2026, 11, 5), (13, 30), (15, 30)),
    ],
    ids=["weekend", "bank holiday", "short notice"],
)
def test_every_warning_needs_a_reason(demo, oak, frozen, day, start, end):
    with pytest.raises(ValidationError):
        plan(demo["oak_senco"], oak, day, start, end, keep_reason="   ")
    assert not TrainingSession.objects.exists()


def test_a_flagged_session_with_a_reason_is_saved_and_keeps_it(demo, oak, frozen):
    session = plan(
        demo["oak_senco"],
        oak,
        EVENING,
        (18, 0),
        (19, 30),
        keep_reason="  The speaker can only come in the evening; staff are paid for it.  ",
    )
    session.refresh_from_db()
    assert session.problems == [OUTSIDE_SCHOOL_DAY]
    assert session.notice_days == 8
    assert session.in_directed_time is False
    assert session.planned_in_advance is False
    assert session.keep_reason == (
        "The speaker can only come in the evening; staff are paid for it."
    )


def test_a_reason_is_not_kept_for_a_clean_session(demo, oak, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY, keep_reason="Just in case")
    assert session.keep_reason == ""


def test_only_the_schools_senco_or_head_can_plan(demo, oak, frozen):
    for persona in ("oak_teacher", "oak_governor", "hill_senco"):
        with pytest.raises(PermissionDenied):
            plan(demo[persona], oak, CLEAN_DAY)
    assert plan(demo["oak_head"], oak, CLEAN_DAY).school == oak


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"purpose": ""}, "purpose"),
        ({"provider": ""}, "provider"),
        ({"audiences": []}, "audiences"),
        ({"audiences": ["all_teachers", "everyone"]}, "audiences"),
        ({"title": "x" * 201}, "title"),
    ],
)
def test_bad_input_is_refused_against_its_field(demo, oak, frozen, changes, field):
    with pytest.raises(ValidationError) as raised:
        plan(demo["oak_senco"], oak, CLEAN_DAY, **changes)
    assert list(raised.value.message_dict) == [field]


def test_a_session_longer_than_a_week_is_refused(demo, oak, frozen):
    from opensend.workforce.services.training import training_session_plan

    with pytest.raises(ValidationError) as raised:
        training_session_plan(
            actor=demo["oak_senco"],
            school=oak,
            title="Residential",
            purpose="Course",
            provider="Provider",
            audiences=["senco"],
            starts_at=at(CLEAN_DAY, 9),
            ends_at=at(date(2026, 12, 9), 9),
        )
    assert list(raised.value.message_dict) == ["ends_at"]


# --- cancelling ----------------------------------------------------------------------------------


def test_a_planned_session_can_be_cancelled_once(demo, oak, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    training_session_cancel(actor=demo["oak_head"], session=session)
    session.refresh_from_db()
    assert (session.status, session.version) == (SessionStatus.CANCELLED, 2)
    with pytest.raises(ValidationError, match="only a planned session"):
        training_session_cancel(actor=demo["oak_head"], session=session)


def test_cancelling_is_for_the_schools_managers(demo, oak, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    with pytest.raises(PermissionDenied):
        training_session_cancel(actor=demo["hill_senco"], session=session)


# --- attendance ----------------------------------------------------------------------------------


def test_attendance_is_recorded_once_the_session_has_started(demo, oak, oak_staff, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    came = [oak_staff["oak_teacher"], oak_staff["teacher_no_account_2"]]
    with pytest.raises(ValidationError, match="once the session has started"):
        training_attendance_record(actor=demo["oak_senco"], session=session, attended=came)
    frozen.move_to("2026-11-25 14:00")
    assert training_attendance_record(actor=demo["oak_senco"], session=session, attended=came) == 2
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    present = TrainingAttendance.objects.filter(session=session, attended=True)
    assert {row.staff_id for row in present} == {member.pk for member in came}


def test_correcting_attendance_unticks_who_did_not_come(demo, oak, oak_staff, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    frozen.move_to("2026-11-26 09:00")
    senco = demo["oak_senco"]
    teacher, ta = oak_staff["oak_teacher"], oak_staff["oak_ta"]
    training_attendance_record(actor=senco, session=session, attended=[teacher, ta])
    training_attendance_record(actor=senco, session=session, attended=[ta])
    rows = {row.staff_id: row.attended for row in TrainingAttendance.objects.all()}
    assert rows == {teacher.pk: False, ta.pk: True}


def test_attendance_of_another_schools_staff_is_refused(demo, oak, oak_staff, frozen):
    from opensend.workforce.models import Job, StaffMember

    stranger = StaffMember.objects.create(
        school=demo["north_hill"], full_name="Mark Evans", job=Job.SENCO
    )
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    frozen.move_to("2026-11-26 09:00")
    with pytest.raises(ValidationError) as raised:
        training_attendance_record(actor=demo["oak_senco"], session=session, attended=[stranger])
    assert list(raised.value.message_dict) == ["attended"]
    assert not TrainingAttendance.objects.exists()


def test_a_cancelled_session_has_no_attendance(demo, oak, oak_staff, frozen):
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    training_session_cancel(actor=demo["oak_senco"], session=session)
    frozen.move_to("2026-11-26 09:00")
    with pytest.raises(ValidationError, match="cancelled"):
        training_attendance_record(
            actor=demo["oak_senco"], session=session, attended=[oak_staff["oak_ta"]]
        )


def test_someone_who_left_before_the_session_cannot_be_marked_present(demo, oak, oak_staff, frozen):
    leaver = oak_staff["oak_ta"]
    leaver.left_on = date(2026, 11, 20)
    leaver.save()
    session = plan(demo["oak_senco"], oak, CLEAN_DAY)
    frozen.move_to("2026-11-26 09:00")
    with pytest.raises(ValidationError):
        training_attendance_record(actor=demo["oak_senco"], session=session, attended=[leaver])
