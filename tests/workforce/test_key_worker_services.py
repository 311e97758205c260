"""Key-worker services: the assessment first, then a key worker with time, never the SENCO by
default (guidance: "no automatic assumption that SENCOs ... will take lead responsibility";
"The key worker should be given adequate time to discharge their role").

Time is frozen on Monday 2 November 2026 (conftest `frozen`).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Enrolment
from opensend.workforce.models import (
    Job,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    SencoAppointment,
    StaffMember,
)
from opensend.workforce.services.keyworkers import (
    REPLACED,
    hours_label,
    key_worker_assess,
    key_worker_choose,
    key_worker_end,
)
from tests.workforce.key_worker_fixtures import assess

TODAY = date(2026, 11, 2)

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def senco(demo):
    return demo["oak_senco"]


@pytest.fixture
def ava_assessed(demo, oak, oak_staff, senco):
    return assess(senco, oak, demo["ava"])


def choose(actor, assessment, worker, hours, **kwargs):
    return key_worker_choose(
        actor=actor, assessment=assessment, worker=worker, hours_per_week=hours, **kwargs
    )


def errors_of(raised) -> dict:
    return {field: " ".join(messages) for field, messages in raised.value.message_dict.items()}


# --- the assessment ------------------------------------------------------------------------------


def test_the_assessment_is_recorded_with_the_services_in_list_order(demo, oak, oak_staff, senco):
    assessment = key_worker_assess(
        actor=senco,
        school=oak,
        child=demo["ava"],
        services=["social_care", "health", "health"],
        complexity="high",
        needs_summary="  Complex medical needs  ",
        family_preference="Her teaching assistant",
    )

    assert assessment.assessed_on == TODAY
    assert assessment.services == ["health", "social_care"]
    assert assessment.needs_summary == "Complex medical needs"
    assert assessment.senco_reason == ""
    event = AuditEvent.objects.get(record_id=str(assessment.pk))
    assert event.kind == AuditEventKind.CREATED
    assert event.subject_id == demo["ava"].pk
    assert event.organisation_id == oak.pk
    assert event.new_values["senco_reason_given"] is False


def test_the_assessment_needs_services_complexity_and_a_summary(demo, oak, oak_staff, senco):
    with pytest.raises(ValidationError) as raised:
        key_worker_assess(
            actor=senco,
            school=oak,
            child=demo["ava"],
            services=[],
            complexity="extreme",
            needs_summary="   ",
        )

    assert set(errors_of(raised)) == {"services", "complexity", "needs_summary"}
    assert not KeyWorkerAssessment.objects.exists()


def test_an_unknown_service_is_refused(demo, oak, oak_staff, senco):
    with pytest.raises(ValidationError) as raised:
        key_worker_assess(
            actor=senco,
            school=oak,
            child=demo["ava"],
            services=["health", "astrology"],
            complexity="low",
            needs_summary="Needs",
        )
    assert errors_of(raised) == {"services": "Select services from the list"}


def test_a_child_not_on_roll_cannot_be_assessed(demo, oak, oak_staff, senco):
    with pytest.raises(ValidationError, match="Mia .* is not on roll at Oakfield"):
        assess(senco, oak, demo["mia"])
    assert not KeyWorkerAssessment.objects.exists()


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_governor", "hill_senco"])
def test_only_the_schools_senco_or_head_may_assess(demo, oak, oak_staff, persona):
    with pytest.raises(PermissionDenied):
        assess(demo[persona], oak, demo["ava"])


def test_the_head_may_assess(demo, oak, oak_staff):
    assert assess(demo["oak_head"], oak, demo["ava"]).school == oak


# --- choosing the key worker ---------------------------------------------------------------------


def test_a_teacher_with_time_is_chosen(demo, oak_staff, senco, ava_assessed):
    teacher = oak_staff["oak_teacher"]

    allocation = choose(senco, ava_assessed, teacher, "1.5")

    assert allocation.worker == teacher
    assert allocation.child == demo["ava"]
    assert allocation.hours_per_week == Decimal("1.5")
    assert allocation.starts_on == TODAY
    assert allocation.ended_on is None
    event = AuditEvent.objects.get(record_id=str(allocation.pk))
    assert event.kind == AuditEventKind.CREATED
    assert event.subject_id == demo["ava"].pk
    assert event.new_values == {
        "worker": str(teacher.pk),
        "hours_per_week": "1.5",
        "starts_on": "2026-11-02",
    }


def test_the_senco_is_refused_without_a_reason_in_the_assessment(oak_staff, senco, ava_assessed):
    with pytest.raises(ValidationError) as raised:
        choose(senco, ava_assessed, oak_staff["oak_senco"], 1)

    message = errors_of(raised)["worker"]
    assert "Sarah Collins is the SENCO" in message
    assert "add to the assessment why the SENCO is best placed" in message
    assert not KeyWorkerAllocation.objects.exists()


def test_a_teacher_with_an_open_senco_appointment_counts_as_the_senco(
    oak, oak_staff, senco, ava_assessed
):
    teacher = oak_staff["oak_teacher"]
    SencoAppointment.objects.create(staff=teacher, school=oak, appointed_on=date(2026, 9, 1))

    with pytest.raises(ValidationError, match="James Turner is the SENCO"):
        choose(senco, ava_assessed, teacher, 1)


def test_an_ended_senco_appointment_does_not_count(oak, oak_staff, senco, ava_assessed):
    teacher = oak_staff["oak_teacher"]
    SencoAppointment.objects.create(
        staff=teacher, school=oak, appointed_on=date(2024, 9, 1), ended_on=date(2026, 8, 31)
    )
    assert choose(senco, ava_assessed, teacher, 1).worker == teacher


def test_the_senco_may_be_chosen_when_the_assessment_says_why(demo, oak, oak_staff, senco):
    assessment = assess(
        senco, oak, demo["ava"], senco_reason="The family has worked with her for 3 years"
    )

    allocation = choose(senco, assessment, oak_staff["oak_senco"], 2)

    assert allocation.worker == oak_staff["oak_senco"]


def test_a_worker_without_enough_time_left_is_refused_with_what_is_left(
    demo, oak, oak_staff, senco, ava_assessed
):
    ta = oak_staff["oak_ta"]  # 5 hours a week
    choose(senco, ava_assessed, ta, 4)
    leo = assess(senco, oak, demo["leo"])

    with pytest.raises(ValidationError) as raised:
        choose(senco, leo, ta, 2)

    assert errors_of(raised) == {
        "hours_per_week": "Amira Hassan has 1 hour a week of key-worker time left. "
        "Enter 1 or fewer, or choose someone else"
    }
    assert choose(senco, leo, ta, 1).hours_per_week == 1


def test_a_worker_with_no_time_left_is_refused_on_the_worker(
    demo, oak, oak_staff, senco, ava_assessed
):
    teacher = oak_staff["oak_teacher"]  # 3 hours a week
    choose(senco, ava_assessed, teacher, 3)
    leo = assess(senco, oak, demo["leo"])

    with pytest.raises(ValidationError) as raised:
        choose(senco, leo, teacher, Decimal("0.5"))

    assert "James Turner has no key-worker time left" in errors_of(raised)["worker"]


def test_staff_with_no_key_worker_hours_are_refused(oak_staff, senco, ava_assessed):
    with pytest.raises(ValidationError, match="Helen Price has no key-worker time left"):
        choose(senco, ava_assessed, oak_staff["oak_head"], 1)


def test_a_child_no_longer_on_roll_is_refused(demo, oak_staff, senco, ava_assessed):
    Enrolment.objects.filter(child=demo["ava"]).update(end=TODAY)

    with pytest.raises(ValidationError, match="Ava .* is not on roll at Oakfield"):
        choose(senco, ava_assessed, oak_staff["oak_teacher"], 1)
    assert not KeyWorkerAllocation.objects.exists()


def test_another_schools_staff_member_is_refused(demo, oak_staff, senco, ava_assessed):
    elsewhere = StaffMember.objects.create(
        school=demo["north_hill"], full_name="Mark Evans", job=Job.TEACHER, key_worker_hours=5
    )

    with pytest.raises(ValidationError) as raised:
        choose(senco, ava_assessed, elsewhere, 1)

    assert errors_of(raised) == {"worker": "Choose someone on this school's staff list"}


def test_a_worker_who_has_left_is_refused(oak_staff, senco, ava_assessed):
    ta = oak_staff["oak_ta"]
    ta.left_on = date(2026, 10, 23)
    ta.save()

    with pytest.raises(ValidationError) as raised:
        choose(senco, ava_assessed, ta, 1)

    assert errors_of(raised) == {"worker": "Amira Hassan left the school on 23 October 2026"}


def test_a_worker_leaving_later_may_still_be_chosen(oak_staff, senco, ava_assessed):
    ta = oak_staff["oak_ta"]
    ta.left_on = date(2026, 12, 18)
    ta.save()

    assert choose(senco, ava_assessed, ta, 1).worker == ta


def test_choosing_again_ends_the_current_allocation(demo, oak_staff, senco, ava_assessed):
    first = choose(senco, ava_assessed, oak_staff["oak_teacher"], 2)

    second = choose(senco, ava_assessed, oak_staff["oak_ta"], 1, starts_on=date(2026, 11, 9))

    first.refresh_from_db()
    assert first.ended_on == date(2026, 11, 9)
    assert first.end_reason == REPLACED
    assert first.version == 2
    assert list(KeyWorkerAllocation.objects.filter(ended_on__isnull=True)) == [second]
    event = AuditEvent.objects.get(record_id=str(second.pk))
    assert event.old_values == {"allocation": str(first.pk), "worker": str(first.worker_id)}


def test_choosing_the_same_worker_again_reuses_the_childs_own_hours(oak_staff, senco, ava_assessed):
    teacher = oak_staff["oak_teacher"]  # 3 hours, all given to Ava
    choose(senco, ava_assessed, teacher, 3)

    again = choose(senco, ava_assessed, teacher, 3)

    assert again.worker == teacher
    assert KeyWorkerAllocation.objects.filter(ended_on__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (0, "Enter the hours a week, more than 0"),
        ("-1", "Enter the hours a week, more than 0"),
        ("lots", "Enter the hours a week as a number, like 1.5"),
        ("1.255", "Enter the hours a week to 2 decimal places"),
    ],
)
def test_hours_must_be_a_positive_number(oak_staff, senco, ava_assessed, hours, message):
    with pytest.raises(ValidationError) as raised:
        choose(senco, ava_assessed, oak_staff["oak_ta"], hours)
    assert errors_of(raised) == {"hours_per_week": message}


def test_the_start_cannot_be_before_the_assessment(oak_staff, senco, ava_assessed):
    with pytest.raises(ValidationError) as raised:
        choose(senco, ava_assessed, oak_staff["oak_ta"], 1, starts_on=date(2026, 11, 1))
    assert errors_of(raised) == {
        "starts_on": "The start date must be on or after the assessment, 2 November 2026"
    }


def test_the_start_cannot_be_more_than_a_year_ahead(oak_staff, senco, ava_assessed):
    with pytest.raises(ValidationError, match="within the next year"):
        choose(senco, ava_assessed, oak_staff["oak_ta"], 1, starts_on=date(2027, 11, 3))


def test_a_new_key_worker_cannot_start_before_the_current_one(oak_staff, senco, ava_assessed):
    choose(senco, ava_assessed, oak_staff["oak_teacher"], 1, starts_on=date(2026, 11, 16))

    with pytest.raises(ValidationError, match="on or after 16 November 2026"):
        choose(senco, ava_assessed, oak_staff["oak_ta"], 1, starts_on=date(2026, 11, 9))


def test_only_a_manager_may_choose(demo, oak_staff, ava_assessed):
    with pytest.raises(PermissionDenied):
        choose(demo["oak_teacher"], ava_assessed, oak_staff["oak_ta"], 1)


# --- ending --------------------------------------------------------------------------------------


def test_ending_records_the_day_and_reason_and_frees_the_time(
    demo, oak, oak_staff, senco, ava_assessed
):
    teacher = oak_staff["oak_teacher"]
    allocation = choose(senco, ava_assessed, teacher, 3)

    key_worker_end(actor=senco, allocation=allocation, reason="  Support now settled ")

    allocation.refresh_from_db()
    assert allocation.ended_on == TODAY
    assert allocation.end_reason == "Support now settled"
    event = AuditEvent.objects.filter(record_id=str(allocation.pk)).latest("id")
    assert event.kind == AuditEventKind.UPDATED
    assert event.subject_id == demo["ava"].pk
    assert choose(senco, assess(senco, oak, demo["leo"]), teacher, 3).worker == teacher


def test_an_allocation_not_started_yet_ends_on_its_start_day(oak_staff, senco, ava_assessed):
    allocation = choose(senco, ava_assessed, oak_staff["oak_ta"], 1, starts_on=date(2026, 12, 1))

    key_worker_end(actor=senco, allocation=allocation, reason="Family moving away")

    allocation.refresh_from_db()
    assert allocation.ended_on == date(2026, 12, 1)


def test_ending_needs_a_reason(oak_staff, senco, ava_assessed):
    allocation = choose(senco, ava_assessed, oak_staff["oak_ta"], 1)

    with pytest.raises(ValidationError) as raised:
        key_worker_end(actor=senco, allocation=allocation, reason="  ")

    assert errors_of(raised) == {"reason": "Enter why the key worker allocation is ending"}
    allocation.refresh_from_db()
    assert allocation.ended_on is None


def test_an_ended_allocation_cannot_end_again(oak_staff, senco, ava_assessed):
    allocation = choose(senco, ava_assessed, oak_staff["oak_ta"], 1)
    key_worker_end(actor=senco, allocation=allocation, reason="Settled")

    with pytest.raises(ValidationError, match="already ended on 2 November 2026"):
        key_worker_end(actor=senco, allocation=allocation, reason="Again")


def test_the_end_cannot_be_before_the_start(oak_staff, senco, ava_assessed):
    allocation = choose(senco, ava_assessed, oak_staff["oak_ta"], 1)

    with pytest.raises(ValidationError, match="on or after the start, 2 November 2026"):
        key_worker_end(
            actor=senco, allocation=allocation, reason="Mistake", ended_on=date(2026, 11, 1)
        )


def test_only_a_manager_may_end(demo, oak_staff, senco, ava_assessed):
    allocation = choose(senco, ava_assessed, oak_staff["oak_ta"], 1)
    with pytest.raises(PermissionDenied):
        key_worker_end(actor=demo["oak_governor"], allocation=allocation, reason="No")


@pytest.mark.parametrize(
    ("hours", "label"), [("1", "1 hour"), ("2.50", "2.5 hours"), ("10.00", "10 hours")]
)
def test_hours_read_naturally(hours, label):
    assert hours_label(Decimal(hours)) == label
