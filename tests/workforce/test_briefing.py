"""The Code of Practice briefing (seed: "all teachers are informed about how the Code has
changed"): who has been briefed, who has not, and one action to remind those who have not.

Time is frozen on Monday 2 November 2026, 10:00. Oakfield's teachers (TEACHING_JOBS): Sarah
Collins (SENCO), Helen Price (head), James Turner, Priya Nair (email, no account) and Tom
Fielding (no email). Amira Hassan is a teaching assistant: the briefing is not tracked for her.
"""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.workforce.models import Job, StaffMember
from opensend.workforce.selectors.training import briefing_status
from opensend.workforce.services.training import briefing_remind
from tests.queries import assert_constant_queries
from tests.workforce.training_fixtures import held_session, plan

SUBJECT = "Reminder: the SEND Code of Practice briefing"


def names(members):
    return [member.full_name for member in members]


def brief(oak, oak_staff, *keys, briefing=True, day=date(2026, 10, 7)):
    return held_session(oak, day, attended=[oak_staff[k] for k in keys], briefing=briefing)


# --- who has been briefed ------------------------------------------------------------------------


def test_only_a_held_briefing_attended_counts(demo, oak, oak_staff, frozen):
    brief(oak, oak_staff, "oak_senco", "oak_teacher")
    brief(oak, oak_staff, "oak_head", briefing=False)  # other training does not count
    planned = plan(
        demo["oak_senco"], oak, date(2026, 11, 25), title="Code briefing", is_code_briefing=True
    )
    briefed, not_briefed, next_briefing = briefing_status(oak)
    assert names(briefed) == ["James Turner", "Sarah Collins"]
    assert names(not_briefed) == ["Helen Price", "Priya Nair", "Tom Fielding"]
    assert next_briefing == planned
    assert f"{briefed[0].briefed_at:%Y-%m-%d}" == "2026-10-07"


def test_teaching_assistants_and_leavers_are_not_tracked(oak, oak_staff, frozen):
    leaver = oak_staff["teacher_no_account_1"]
    leaver.left_on = date(2026, 10, 31)
    leaver.save()
    _briefed, not_briefed, next_briefing = briefing_status(oak)
    assert "Amira Hassan" not in names(not_briefed)
    assert "Priya Nair" not in names(not_briefed)
    assert next_briefing is None


def test_marking_someone_absent_unbriefs_them(demo, oak, oak_staff, frozen):
    session = brief(oak, oak_staff, "oak_teacher")
    session.attendance.update(attended=False)
    assert "James Turner" in names(briefing_status(oak)[1])


# --- the reminder --------------------------------------------------------------------------------


def test_the_reminder_goes_to_each_unbriefed_teacher_with_an_email(
    demo, oak, oak_staff, frozen, django_capture_on_commit_callbacks
):
    brief(oak, oak_staff, "oak_senco")
    plan(demo["oak_senco"], oak, date(2026, 11, 25), title="Code briefing", is_code_briefing=True)
    with django_capture_on_commit_callbacks(execute=True):
        sent = briefing_remind(actor=demo["oak_senco"], school=oak)
    assert sent == 3  # the head, James Turner, Priya Nair; not Tom Fielding (no email)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [demo["oak_head"].email, demo["oak_teacher"].email, "priya.nair@oakfield.example"]
    )
    for message in mail.outbox:
        assert message.subject == SUBJECT  # never names anyone
    priya = next(m for m in mail.outbox if m.to == ["priya.nair@oakfield.example"])
    assert priya.body.startswith("Hello Priya,")
    assert "Wednesday 25 November 2026, 13:30 to 15:30: Code briefing" in priya.body
    assert StaffMember.objects.get(full_name="Priya Nair").briefing_reminded_on == date(2026, 11, 2)
    assert StaffMember.objects.get(full_name="Tom Fielding").briefing_reminded_on is None


def test_nobody_is_reminded_twice_in_a_day(
    demo, oak, oak_staff, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert briefing_remind(actor=demo["oak_senco"], school=oak) == 4
        assert briefing_remind(actor=demo["oak_senco"], school=oak) == 0
    assert len(mail.outbox) == 4
    frozen.move_to("2026-11-03 10:00")
    with django_capture_on_commit_callbacks(execute=True):
        assert briefing_remind(actor=demo["oak_senco"], school=oak) == 4


def test_with_no_briefing_planned_the_email_says_so(
    demo, oak, oak_staff, frozen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        briefing_remind(actor=demo["oak_senco"], school=oak)
    assert "has not planned the next briefing yet" in mail.outbox[0].body


def test_the_reminder_is_audited_once_without_names(demo, oak, oak_staff, frozen):
    briefing_remind(actor=demo["oak_senco"], school=oak)
    event = AuditEvent.objects.get(record_type="code_of_practice_briefing_reminder")
    assert event.note == "reminded=4"
    assert event.organisation_id == oak.pk


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_governor", "hill_senco"])
def test_only_the_schools_managers_can_remind(demo, oak, oak_staff, frozen, persona):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        briefing_remind(actor=demo[persona], school=oak)
    assert not StaffMember.objects.exclude(briefing_reminded_on=None).exists()


# --- the pages -----------------------------------------------------------------------------------


def briefing_url(oak):
    return reverse("workforce_briefing", args=[oak.pk])


def remind_url(oak):
    return reverse("workforce_briefing_remind", args=[oak.pk])


def test_the_page_lists_both_groups_and_offers_one_button(oak, oak_staff, frozen, signed_in):
    brief(oak, oak_staff, "oak_senco")
    response = signed_in("oak_senco").get(briefing_url(oak))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Remind the 4 teachers not yet briefed" in html
    assert html.count('type="submit"') == 1
    assert "1 of 5" in html
    assert names(response.context["no_address"]) == ["Tom Fielding"]


def test_the_button_reminds_and_says_who_could_not_be_emailed(
    oak, oak_staff, frozen, signed_in, django_capture_on_commit_callbacks
):
    client = signed_in("oak_head")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind_url(oak), follow=True)
    html = response.content.decode()
    assert "Reminder emailed to 4 teachers" in html
    assert "1 teacher could not be emailed because there is no email address" in html
    assert "Tom Fielding" in html
    assert len(mail.outbox) == 4
    again = client.post(remind_url(oak), follow=True).content.decode()
    assert "4 teachers had already been reminded today" in again


def test_with_everyone_briefed_there_is_nothing_to_remind(oak, frozen, signed_in, demo):
    StaffMember.objects.create(school=oak, full_name="Only Teacher", job=Job.TEACHER)
    held_session(oak, date(2026, 10, 7), attended=StaffMember.objects.all(), briefing=True)
    client = signed_in("oak_senco")
    assert (
        "Every teacher on the staff list has been briefed"
        in client.get(briefing_url(oak)).content.decode()
    )
    response = client.post(remind_url(oak), follow=True)
    assert "there is nobody to remind" in response.content.decode()


def test_the_briefing_page_runs_a_constant_number_of_queries(oak, oak_staff, frozen, signed_in):
    client = signed_in("oak_senco")
    counter = iter(range(100))

    def grow():
        number = next(counter)
        briefed = StaffMember.objects.create(
            school=oak, full_name=f"Briefed {number}", job=Job.TEACHER
        )
        StaffMember.objects.create(school=oak, full_name=f"Waiting {number}", job=Job.LEADER)
        held_session(oak, date(2026, 10, 1 + number), attended=[briefed], briefing=True)

    assert_constant_queries(lambda: client.get(briefing_url(oak)), grow)


def test_a_governor_is_refused(oak, oak_staff, frozen, signed_in):
    client = signed_in("oak_governor")
    assert client.get(briefing_url(oak)).status_code == 403
    assert client.post(remind_url(oak)).status_code == 403
    assert not StaffMember.objects.exclude(briefing_reminded_on=None).exists()


@pytest.mark.parametrize("persona", ["hill_senco", "oak_teacher", "north_parent"])
def test_everyone_else_gets_404(oak, oak_staff, frozen, signed_in, persona):
    client = signed_in(persona)
    assert client.get(briefing_url(oak)).status_code == 404
    assert client.post(remind_url(oak)).status_code == 404
    assert not StaffMember.objects.exclude(briefing_reminded_on=None).exists()


def test_reminding_is_post_only(oak, frozen, signed_in):
    assert signed_in("oak_senco").get(remind_url(oak)).status_code == 405
