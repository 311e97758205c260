"""The staff list's services: one person, a pasted list, colleagues' accounts, edits."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent
from opensend.core.services import StaleEditError
from opensend.organisations.models import Membership, Role
from opensend.workforce.models import Job, SencoAppointment, StaffMember
from opensend.workforce.selectors.staff import colleagues_not_listed, staff_for_school
from opensend.workforce.services.staff import (
    job_from_text,
    staff_add,
    staff_add_from_accounts,
    staff_add_many,
    staff_update,
)

pytestmark = pytest.mark.django_db


def test_senco_adds_a_person_with_one_audit_row(demo, oak, frozen):
    before = AuditEvent.objects.count()
    member = staff_add(
        actor=demo["oak_senco"],
        school=oak,
        full_name="  Grace   Lee ",
        job=Job.TEACHING_ASSISTANT,
        email="Grace.Lee@Oakfield.example",
        key_worker_hours=Decimal("2.5"),
    )
    assert (member.full_name, member.email, member.job) == (
        "Grace Lee",
        "grace.lee@oakfield.example",
        Job.TEACHING_ASSISTANT,
    )
    assert member.key_worker_hours == Decimal("2.5")
    assert member.user is None
    assert AuditEvent.objects.count() == before + 1


def test_adding_a_colleagues_email_links_their_account(demo, oak, frozen):
    member = staff_add(
        actor=demo["oak_head"],
        school=oak,
        full_name="James Turner",
        job=Job.TEACHER,
        email=demo["oak_teacher"].email.upper(),
    )
    assert member.user == demo["oak_teacher"]


def test_only_a_colleagues_account_can_be_linked(demo, oak, frozen):
    with pytest.raises(ValidationError) as error:
        staff_add(
            actor=demo["oak_head"],
            school=oak,
            full_name="Mark Evans",
            job=Job.TEACHER,
            user=demo["hill_senco"],
        )
    assert "works at this school" in error.value.message_dict["full_name"][0]
    member = staff_add(
        actor=demo["oak_head"], school=oak, full_name="J T", job=Job.TEACHER, user=demo["oak_ta"]
    )
    assert member.user == demo["oak_ta"]


def test_a_governors_email_is_not_linked(demo, oak, frozen):
    member = staff_add(
        actor=demo["oak_head"],
        school=oak,
        full_name="Robert King",
        job=Job.OTHER,
        email=demo["oak_governor"].email,
    )
    assert member.user is None


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"full_name": "  "}, "full_name"),
        ({"email": "not-an-email"}, "email"),
        ({"job": "chef"}, "job"),
        ({"key_worker_hours": Decimal("-1")}, "key_worker_hours"),
        ({"key_worker_hours": Decimal("41")}, "key_worker_hours"),
        ({"key_worker_hours": "lots"}, "key_worker_hours"),
    ],
)
def test_bad_details_are_refused_on_their_field(demo, oak, frozen, kwargs, field):
    values = {"full_name": "Grace Lee", "job": Job.TEACHER, **kwargs}
    with pytest.raises(ValidationError) as error:
        staff_add(actor=demo["oak_senco"], school=oak, **values)
    assert field in error.value.message_dict
    assert not StaffMember.objects.filter(school=oak).exists()


def test_the_same_email_twice_is_refused(demo, oak, oak_staff, frozen):
    with pytest.raises(ValidationError) as error:
        staff_add(
            actor=demo["oak_senco"],
            school=oak,
            full_name="P Nair",
            job=Job.TEACHER,
            email="priya.nair@oakfield.example",
        )
    assert error.value.message_dict["email"] == [
        "priya.nair@oakfield.example is already on the staff list"
    ]


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_governor", "hill_senco", "north_parent"])
def test_only_the_schools_senco_or_head_may_add(demo, oak, frozen, persona):
    with pytest.raises(PermissionDenied):
        staff_add(actor=demo[persona], school=oak, full_name="X", job=Job.TEACHER)


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("TA", Job.TEACHING_ASSISTANT),
        ("Class Teacher", Job.TEACHER),
        ("SENCo", Job.SENCO),
        ("Head-teacher", Job.HEAD),
        ("Deputy Head", Job.LEADER),
        ("hlta", Job.TEACHING_ASSISTANT),
        ("Pastoral", Job.SUPPORT),
        ("chef", None),
    ],
)
def test_jobs_in_peoples_own_words(text, job):
    assert job_from_text(text) == job


def test_a_pasted_list_adds_everyone(demo, oak, frozen):
    text = (
        "Grace Lee, grace@oakfield.example, TA\n"
        "\n"
        "Omar Ali\tomar@oakfield.example\tteacher\n"
        "Beth Cole, SENCO\n"
        f"James Turner, {demo['oak_teacher'].email}\n"
    )
    added = staff_add_many(actor=demo["oak_senco"], school=oak, text=text)
    rows = [(m.full_name, m.email, m.job, m.user) for m in added]
    assert rows == [
        ("Grace Lee", "grace@oakfield.example", Job.TEACHING_ASSISTANT, None),
        ("Omar Ali", "omar@oakfield.example", Job.TEACHER, None),
        ("Beth Cole", "", Job.SENCO, None),
        ("James Turner", demo["oak_teacher"].email, Job.TEACHER, demo["oak_teacher"]),
    ]


def test_a_bad_line_saves_nothing_and_names_each_line(demo, oak, frozen):
    text = "Grace Lee, grace@oakfield.example, TA\nOmar Ali, omar@, teacher\nBeth, chef\n"
    with pytest.raises(ValidationError) as error:
        staff_add_many(actor=demo["oak_senco"], school=oak, text=text)
    assert error.value.message_dict["text"] == [
        "Line 2: enter an email address like name@school.example",
        "Line 3: we do not recognise the job “chef”. Use SENCO, head, leader, teacher, TA, "
        "support or other",
    ]
    assert not StaffMember.objects.filter(school=oak).exists()


def test_a_pasted_duplicate_email_is_refused(demo, oak, frozen):
    text = "Grace Lee, grace@oakfield.example\nG Lee, GRACE@oakfield.example\n"
    with pytest.raises(ValidationError) as error:
        staff_add_many(actor=demo["oak_senco"], school=oak, text=text)
    assert error.value.message_dict["text"] == [
        "Line 2: grace@oakfield.example is already on the staff list"
    ]


def test_an_empty_paste_is_refused(demo, oak, frozen):
    with pytest.raises(ValidationError) as error:
        staff_add_many(actor=demo["oak_senco"], school=oak, text=" \n\n")
    assert "text" in error.value.message_dict


def test_colleagues_who_use_opensend_are_added_with_their_jobs(demo, oak, frozen):
    assert colleagues_not_listed(oak) == 4
    added = staff_add_from_accounts(actor=demo["oak_head"], school=oak)
    jobs = {m.user: m.job for m in added}
    assert jobs == {
        demo["oak_senco"]: Job.SENCO,
        demo["oak_head"]: Job.HEAD,
        demo["oak_teacher"]: Job.TEACHER,
        demo["oak_ta"]: Job.TEACHING_ASSISTANT,
    }
    assert demo["oak_governor"] not in jobs
    assert colleagues_not_listed(oak) == 0
    assert staff_add_from_accounts(actor=demo["oak_head"], school=oak) == []


def test_someone_listed_by_email_is_linked_not_added_twice(demo, oak, frozen):
    listed = staff_add(
        actor=demo["oak_head"], school=oak, full_name="J T", job=Job.TEACHER, email="j@x.example"
    )
    demo["oak_teacher"].email = "j@x.example"
    demo["oak_teacher"].save()
    staff_add_from_accounts(actor=demo["oak_head"], school=oak)
    listed.refresh_from_db()
    assert listed.user == demo["oak_teacher"]
    assert StaffMember.objects.filter(school=oak, user=demo["oak_teacher"]).count() == 1


def test_two_roles_give_the_more_senior_job(demo, oak, frozen):
    Membership.objects.create(user=demo["oak_teacher"], organisation=oak, role=Role.HEAD)
    added = staff_add_from_accounts(actor=demo["oak_head"], school=oak)
    assert {m.user: m.job for m in added}[demo["oak_teacher"]] == Job.HEAD


def _update(staff, actor, **changes):
    values = {
        "full_name": staff.full_name,
        "email": staff.email,
        "job": staff.job,
        "key_worker_hours": staff.key_worker_hours,
        "left_on": staff.left_on,
        **changes,
    }
    return staff_update(actor=actor, staff=staff, version=staff.version, **values)


def test_update_changes_details_and_bumps_the_version(demo, oak_staff, frozen):
    teacher = oak_staff["teacher_no_account_2"]
    updated = _update(teacher, demo["oak_senco"], job=Job.LEADER, key_worker_hours=Decimal(4))
    assert (updated.job, updated.key_worker_hours, updated.version) == (
        Job.LEADER,
        Decimal(4),
        2,
    )


def test_a_stale_update_is_refused(demo, oak_staff, frozen):
    teacher = oak_staff["teacher_no_account_2"]
    _update(teacher, demo["oak_senco"], full_name="Tom Fielding-Smith")
    with pytest.raises(StaleEditError) as stale:
        _update(teacher, demo["oak_head"], full_name="Thomas Fielding")
    assert stale.value.differences[0].theirs == "Tom Fielding-Smith"
    teacher.refresh_from_db()
    assert teacher.full_name == "Tom Fielding-Smith"


def test_leaving_in_the_future_is_refused(demo, oak_staff, frozen):
    with pytest.raises(ValidationError) as error:
        _update(oak_staff["oak_ta"], demo["oak_senco"], left_on=date(2026, 11, 3))
    assert "left_on" in error.value.message_dict


def test_a_senco_who_leaves_ends_their_appointment(demo, oak, oak_staff, frozen):
    senco = oak_staff["oak_senco"]
    appointment = SencoAppointment.objects.create(
        staff=senco, school=oak, appointed_on=date(2024, 9, 1)
    )
    _update(senco, demo["oak_head"], left_on=date(2026, 10, 31))
    appointment.refresh_from_db()
    assert appointment.ended_on == date(2026, 10, 31)
    assert senco not in staff_for_school(oak)
    assert senco in staff_for_school(oak, include_left=True)


def test_a_senco_whose_job_changes_stops_being_senco(demo, oak, oak_staff, frozen):
    senco = oak_staff["oak_senco"]
    appointment = SencoAppointment.objects.create(
        staff=senco, school=oak, appointed_on=date(2024, 9, 1)
    )
    _update(senco, demo["oak_head"], job=Job.TEACHER)
    appointment.refresh_from_db()
    assert appointment.ended_on == date(2026, 11, 2)
