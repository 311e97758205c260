"""Recording a meeting with parents: attendance, the record, and the pupils' support plans.

Time is frozen on Friday 27 November 2026, 4pm (autumn term); the meeting was the day before.
"""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent
from opensend.core.services import StaleEditError
from opensend.meetings.models import Invitee, MeetingKind, MeetingStatus
from opensend.meetings.records import (
    FamilyRecord,
    attended_field,
    meeting_cancel,
    meeting_record,
)
from opensend.support.models import SupportPlan, SupportPlanStatus
from tests.meetings.records_helpers import LONDON, active_plan, meeting_for, pupil_on_support

TODAY = date(2026, 11, 27)
YESTERDAY_AFTER_SCHOOL = datetime(2026, 11, 26, 15, 30, tzinfo=LONDON)
RECORD = {
    "objectives": "Read with an adult every day",
    "progress": "Reading age up six months",
    "agreed_support": "Phonics group three times a week",
    "parent_responsibilities": "Read together for ten minutes each evening",
    "pupil_responsibilities": "Bring the reading book to school every day",
    "school_responsibilities": "Send a new book home each Monday",
}


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel("2026-11-27 16:00", tick=False):
        yield


def places(meeting):
    return list(meeting.invitees.select_related("child").order_by("child__last_name"))


def came(invitee, yes=True, **views):
    return FamilyRecord(invitee_id=invitee.pk, attended=yes, **views)


def record(demo, meeting, families, *, actor="oak_senco", data=None, version=None):
    return meeting_record(
        actor=demo[actor],
        meeting=meeting,
        record=RECORD if data is None else data,
        families=families,
        expected_version=meeting.version if version is None else version,
    )


def test_recording_a_group_meeting_marks_it_held_and_saves_each_family(demo):
    children = [pupil_on_support(demo) for _ in range(3)]
    meeting = meeting_for(demo, children, starts_at=YESTERDAY_AFTER_SCHOOL)
    first, second, third = places(meeting)

    saved = record(
        demo,
        meeting,
        [
            came(first, family_views="Happier this term", child_views="I like the group"),
            came(second, notes="Dad came; mum sends her views by email"),
            came(third, yes=False),
        ],
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.recorded_at.astimezone(LONDON) == datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)
    assert meeting.objectives == RECORD["objectives"]
    assert meeting.version == saved.version == 2
    first.refresh_from_db()
    assert (first.attended, first.family_views, first.child_views) == (
        True,
        "Happier this term",
        "I like the group",
    )
    assert Invitee.objects.get(pk=third.pk).attended is False
    # An audit row per child, against the child and the school.
    rows = AuditEvent.objects.filter(record_type="meetings.invitee")
    assert {row.subject_id for row in rows} == {child.pk for child in children}
    assert {row.organisation_id for row in rows} == {demo["north_oak"].pk}
    assert AuditEvent.objects.filter(
        record_type="meetings.meeting", record_id=str(meeting.pk), kind="updated"
    ).exists()


def test_attendance_must_be_answered_for_every_family(demo):
    children = [pupil_on_support(demo) for _ in range(2)]
    meeting = meeting_for(demo, children, starts_at=YESTERDAY_AFTER_SCHOOL)
    first, second = places(meeting)

    with pytest.raises(ValidationError) as error:
        record(demo, meeting, [came(first), FamilyRecord(invitee_id=second.pk, attended=None)])

    assert error.value.message_dict == {
        attended_field(second.pk): [
            f"Say whether {second.child.full_name}'s family came to the meeting"
        ]
    }
    with pytest.raises(ValidationError):
        record(demo, meeting, [came(first)])  # a family left out altogether
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONFIRMED
    assert not AuditEvent.objects.filter(record_type="meetings.invitee").exists()


def test_objectives_are_needed_when_anyone_came_but_not_when_nobody_did(demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    (only,) = places(meeting)
    with pytest.raises(ValidationError) as error:
        record(demo, meeting, [came(only)], data={"objectives": "  "})
    assert error.value.message_dict == {"objectives": ["Enter the objectives set at the meeting"]}

    record(demo, meeting, [came(only, yes=False)], data={})
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_a_meeting_in_the_future_cannot_be_recorded(demo):
    later_today = datetime(2026, 11, 27, 16, 30, tzinfo=LONDON)
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=later_today)
    with pytest.raises(ValidationError, match="has not started yet"):
        record(demo, meeting, [came(places(meeting)[0])])
    assert meeting.__class__.objects.get(pk=meeting.pk).status == MeetingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("status", "message"),
    [(MeetingStatus.CANCELLED, "was cancelled"), (MeetingStatus.PROPOSED, "only proposed")],
)
def test_a_cancelled_or_proposed_meeting_cannot_be_recorded(demo, status, message):
    meeting = meeting_for(
        demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL, status=status
    )
    with pytest.raises(ValidationError, match=message):
        record(demo, meeting, [came(places(meeting)[0])])


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "river_senco"])
def test_only_the_senco_or_head_of_the_school_records(demo, persona):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    with pytest.raises(PermissionDenied):
        record(demo, meeting, [came(places(meeting)[0])], actor=persona)
    record(demo, meeting, [came(places(meeting)[0])], actor="oak_head")


def test_a_stale_record_is_refused(demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    (only,) = places(meeting)
    record(demo, meeting, [came(only)])
    with pytest.raises(StaleEditError) as stale:
        record(demo, meeting, [came(only)], data={**RECORD, "objectives": "Other"}, version=1)
    assert [d.field for d in stale.value.differences] == ["objectives"]


def test_a_family_changing_their_views_meanwhile_is_not_overwritten(demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    (only,) = places(meeting)
    page_version = only.version
    Invitee.objects.filter(pk=only.pk).update(family_views="Sent late", version=page_version + 1)
    with pytest.raises(StaleEditError) as stale:
        record(
            demo,
            meeting,
            [FamilyRecord(invitee_id=only.pk, attended=True, expected_version=page_version)],
        )
    assert stale.value.differences[0].theirs == "Sent late"
    assert Invitee.objects.get(pk=only.pk).attended is None


def test_the_attending_pupils_plans_get_the_views_and_who_does_what(demo):
    came_child, absent_child, no_plan_child = (pupil_on_support(demo) for _ in range(3))
    plan = active_plan(
        demo,
        came_child,
        TODAY,
        parent_views="Worried about spelling",
        school_responsibilities="Weekly phonics group",
    )
    absent_plan = active_plan(demo, absent_child, TODAY)
    meeting = meeting_for(
        demo, [came_child, absent_child, no_plan_child], starts_at=YESTERDAY_AFTER_SCHOOL
    )
    by_child = {invitee.child_id: invitee for invitee in places(meeting)}

    saved = record(
        demo,
        meeting,
        [
            came(by_child[came_child.pk], family_views="Much happier", child_views=""),
            came(by_child[absent_child.pk], yes=False, family_views="By email: fine"),
            came(by_child[no_plan_child.pk]),
        ],
    )

    heading = "From the group meeting with parents on 26 November 2026"
    plan.refresh_from_db()
    # Added after what the plan said, never replacing it; a blank answer adds nothing.
    assert plan.parent_views == f"Worried about spelling\n\n{heading}: Much happier"
    assert plan.pupil_views == ""
    assert plan.school_responsibilities == (
        f"Weekly phonics group\n\n{heading}: Send a new book home each Monday"
    )
    assert plan.parent_responsibilities == (
        f"{heading}: Read together for ten minutes each evening"
    )
    assert plan.version == 3  # started, made active, then this meeting
    plan_audit = AuditEvent.objects.get(
        record_type="support.supportplan",
        record_id=str(plan.pk),
        kind="updated",
        new_values__has_key="parent_views",
    )
    assert plan_audit.subject_id == came_child.pk
    # The family who did not come: their plan is left alone. No plan: nothing to change.
    absent_plan.refresh_from_db()
    assert (absent_plan.version, absent_plan.parent_views) == (2, "")
    assert [p.pk for p in saved.updated_plans] == [plan.pk]
    assert SupportPlan.objects.filter(child=no_plan_child).count() == 0


def test_an_individual_meeting_says_so_on_the_plan(demo):
    child = pupil_on_support(demo)
    plan = active_plan(demo, child, TODAY)
    meeting = meeting_for(
        demo, [child], starts_at=YESTERDAY_AFTER_SCHOOL, kind=MeetingKind.INDIVIDUAL
    )
    record(demo, meeting, [came(places(meeting)[0], child_views="I want to read comics")])
    plan.refresh_from_db()
    assert plan.pupil_views == (
        "From the meeting with parents on 26 November 2026: I want to read comics"
    )


def test_correcting_the_record_does_not_add_to_the_plan_twice(demo):
    child, late = pupil_on_support(demo), pupil_on_support(demo)
    plan, late_plan = active_plan(demo, child, TODAY), active_plan(demo, late, TODAY)
    meeting = meeting_for(demo, [child, late], starts_at=YESTERDAY_AFTER_SCHOOL)
    by_child = {invitee.child_id: invitee for invitee in places(meeting)}
    saved = record(
        demo,
        meeting,
        [came(by_child[child.pk], family_views="Fine"), came(by_child[late.pk], yes=False)],
    )
    recorded_at = saved.recorded_at

    # Corrected: a spelling, and the second family did come after all.
    corrected = record(
        demo,
        saved,
        [
            came(by_child[child.pk], family_views="Fine, thanks"),
            came(by_child[late.pk], family_views="Came late"),
        ],
        data={**RECORD, "objectives": "Read with an adult every day (15 minutes)"},
    )

    plan.refresh_from_db()
    late_plan.refresh_from_db()
    assert plan.version == 3  # once, at the first record
    assert "Came late" in late_plan.parent_views
    assert corrected.recorded_at == recorded_at
    assert corrected.version == 3


def test_a_reviewed_plan_is_left_as_it_was(demo):
    child = pupil_on_support(demo)
    plan = active_plan(demo, child, TODAY)
    SupportPlan.objects.filter(pk=plan.pk).update(status=SupportPlanStatus.REVIEWED)
    meeting = meeting_for(demo, [child], starts_at=YESTERDAY_AFTER_SCHOOL)
    saved = record(demo, meeting, [came(places(meeting)[0], family_views="Fine")])
    assert saved.updated_plans == []
    assert SupportPlan.objects.get(pk=plan.pk).parent_views == ""


def test_cancelling_needs_a_reason_and_keeps_it_in_the_audit_trail(demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    with pytest.raises(ValidationError) as error:
        meeting_cancel(actor=demo["oak_senco"], meeting=meeting, reason=" ", expected_version=1)
    assert error.value.message_dict == {"reason": ["Enter why the meeting is cancelled"]}
    with pytest.raises(PermissionDenied):
        meeting_cancel(actor=demo["oak_teacher"], meeting=meeting, reason="x", expected_version=1)

    meeting_cancel(
        actor=demo["oak_senco"], meeting=meeting, reason="Staff illness", expected_version=1
    )

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert AuditEvent.objects.filter(
        record_id=str(meeting.pk), new_values={"cancelled_because": "Staff illness"}
    ).exists()
    with pytest.raises(ValidationError, match="was cancelled"):
        record(demo, meeting, [came(places(meeting)[0])])


def test_a_held_meeting_cannot_be_cancelled(demo):
    meeting = meeting_for(demo, [pupil_on_support(demo)], starts_at=YESTERDAY_AFTER_SCHOOL)
    saved = record(demo, meeting, [came(places(meeting)[0])])
    with pytest.raises(ValidationError, match="cannot be cancelled"):
        meeting_cancel(
            actor=demo["oak_senco"], meeting=saved, reason="Oops", expected_version=saved.version
        )
