"""SENCO time (law.senco) and the SENCO's appointment (reg 49) through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from opensend.core.models import AuditEvent
from opensend.workforce.models import SencoAppointment
from opensend.workforce.selectors.senco import (
    current_term,
    qualification_for,
    senco_time_checks,
    senco_time_history,
    sencos_of,
    term_label,
    term_totals,
)
from opensend.workforce.services.senco import (
    register_sizes,
    senco_appointment_save,
    senco_time_record,
)
from tests.workforce import senco_fixtures
from tests.workforce.senco_fixtures import GOOD_HOURS

record_time = senco_fixtures.record_time  # the fixture, shared with the view tests

pytestmark = pytest.mark.django_db


def test_recording_good_hours_stores_a_pass_and_the_register(oak, record_time, frozen):
    before = AuditEvent.objects.count()
    record = record_time()
    assert record.compliant is True
    assert record.failed_checks == []
    assert record.senior_roles == [{"role": "Deputy head", "leadership_hours": 8}]
    # The demo: Ava has an EHC plan and Leo is on SEN support at Oakfield.
    assert register_sizes(oak) == (1, 1)
    assert (record.pupils_on_sen_support, record.pupils_with_plans) == (1, 1)
    assert AuditEvent.objects.count() == before + 1


def test_failed_checks_are_stored_by_code(record_time, frozen):
    record = record_time(
        senco_hours=Decimal(4),
        senco_hours_taken_from_leadership=Decimal(1),
        senco_duties_in_ppa_hours=Decimal(1),
        admin_support_hours=Decimal(0),
    )
    assert record.compliant is False
    assert record.failed_checks == [
        "comparable_to_senior_roles",
        "additional_to_leadership_time",
        "ppa_protected",
        "admin_support",
    ]
    details = {c.code: c.detail for c in senco_time_checks(record).checks}
    assert details["comparable_to_senior_roles"].endswith("Timetable at least 4 more hours.")


def test_recording_the_same_term_again_corrects_it(record_time, frozen):
    first = record_time()
    second = record_time(senco_hours=Decimal("9.5"))
    assert second.pk == first.pk
    second.refresh_from_db()
    assert second.senco_hours == Decimal("9.5")
    assert second.version == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"senco_hours": Decimal(-1)}, "senco_hours"),
        ({"ppa_hours": Decimal(61)}, "ppa_hours"),
        ({"teaching_hours": None}, "teaching_hours"),
        ({"admin_support_hours": "a lot"}, "admin_support_hours"),
        ({"senco_duties_in_ppa_hours": Decimal(3)}, "senco_duties_in_ppa_hours"),
        ({"senco_hours_taken_from_leadership": Decimal(9)}, "senco_hours_taken_from_leadership"),
    ],
)
def test_bad_hours_are_refused_on_their_field(record_time, frozen, changes, field):
    with pytest.raises(ValidationError) as error:
        record_time(**changes)
    assert field in error.value.message_dict


def test_a_bad_senior_role_is_refused(demo, oak_staff, frozen):
    with pytest.raises(ValidationError) as error:
        senco_time_record(
            actor=demo["oak_senco"],
            staff=oak_staff["oak_senco"],
            academic_year=2026,
            term="autumn",
            hours=GOOD_HOURS,
            senior_roles=[{"role": "", "leadership_hours": 3}],
        )
    assert error.value.message_dict["senior_roles"] == [
        "Senior role 1: enter the role's name (up to 100 characters)"
    ]


def test_a_bad_term_is_refused(record_time, frozen):
    with pytest.raises(ValidationError) as error:
        record_time(term="winter")
    assert "term" in error.value.message_dict


def test_only_a_senco_or_head_has_senco_time(record_time, frozen):
    with pytest.raises(ValidationError) as error:
        record_time(staff="oak_teacher")
    assert "not the SENCO or head" in error.value.messages[0]


def test_the_head_may_record_their_own_senco_time(record_time, frozen):
    assert record_time(staff="oak_head", actor="oak_head").compliant


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_governor", "hill_senco"])
def test_only_managers_record_senco_time(record_time, frozen, persona):
    with pytest.raises(PermissionDenied):
        record_time(actor=persona)


def _appoint(demo, oak_staff, **kwargs):
    values = {"appointed_on": date(2024, 9, 1), **kwargs}
    return senco_appointment_save(actor=demo["oak_head"], staff=oak_staff["oak_senco"], **values)


def test_an_appointment_stores_when_the_qualification_is_due(demo, oak_staff, frozen):
    appointment = _appoint(demo, oak_staff)
    assert appointment.qualification_due_on == date(2027, 9, 1)
    result = qualification_for(appointment, date(2026, 11, 2))
    assert result.status == "in_progress"


def test_saving_again_updates_the_open_appointment(demo, oak_staff, frozen):
    first = _appoint(demo, oak_staff)
    second = _appoint(demo, oak_staff, course="nasenco", course_started_on=date(2024, 1, 15))
    assert second.pk == first.pk
    assert second.qualification_due_on == date(2027, 8, 31)
    assert SencoAppointment.objects.filter(staff=oak_staff["oak_senco"]).count() == 1


def test_a_nasenco_started_in_september_2024_is_a_problem_not_an_error(demo, oak_staff, frozen):
    appointment = _appoint(demo, oak_staff, course="nasenco", course_started_on=date(2024, 9, 1))
    result = qualification_for(appointment, date(2026, 11, 2))
    assert [p.code for p in result.problems] == ["nasenco_started_too_late"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"appointed_on": date(2026, 11, 3)}, "appointed_on"),
        ({"previous_senco_months": -1}, "previous_senco_months"),
        ({"course": "npq"}, "course_started_on"),
        ({"course_started_on": date(2025, 1, 1)}, "course"),
        (
            {
                "course": "npq",
                "course_started_on": date(2025, 1, 1),
                "course_completed_on": date(2026, 12, 1),
            },
            "course_completed_on",
        ),
        (
            {
                "course": "npq",
                "course_started_on": date(2025, 1, 1),
                "course_completed_on": date(2024, 12, 1),
            },
            "course_completed_on",
        ),
    ],
)
def test_bad_appointment_details_are_refused(demo, oak_staff, frozen, kwargs, field):
    with pytest.raises(ValidationError) as error:
        _appoint(demo, oak_staff, **kwargs)
    assert field in error.value.message_dict


def test_a_teacher_cannot_be_appointed_without_the_job(demo, oak_staff, frozen):
    with pytest.raises(ValidationError):
        senco_appointment_save(
            actor=demo["oak_head"], staff=oak_staff["oak_teacher"], appointed_on=date(2025, 9, 1)
        )


def test_the_head_as_senco_is_recorded_as_head(demo, oak_staff, oak, frozen):
    appointment = senco_appointment_save(
        actor=demo["oak_head"],
        staff=oak_staff["oak_head"],
        appointed_on=date(2025, 9, 1),
        qualified_teacher=False,
    )
    assert appointment.is_head is True
    assert qualification_for(appointment, date(2026, 11, 2)).problems == ()
    assert [s.full_name for s in sencos_of(oak)] == ["Helen Price", "Sarah Collins"]


def test_history_and_totals_by_term(record_time, oak, frozen):
    record_time(year=2026, term="autumn", senco_hours=Decimal(8))
    record_time(year=2025, term="summer", senco_hours=Decimal(4))
    record_time(year=2025, term="spring", senco_hours=Decimal(0))
    record_time(year=2026, term="autumn", staff="oak_head", actor="oak_head")
    history = list(senco_time_history(oak))
    assert [(r.academic_year, r.term) for r in history] == [
        (2025, "spring"),
        (2025, "summer"),
        (2026, "autumn"),
        (2026, "autumn"),
    ]
    totals = term_totals(history)
    assert [(t.label, t.senco_hours, t.pupils, t.pupils_per_hour) for t in totals] == [
        ("Spring 2026", Decimal(0), 2, None),
        ("Summer 2026", Decimal(4), 2, Decimal("0.5")),
        ("Autumn 2026", Decimal(16), 2, Decimal("0.1")),
    ]


def test_term_labels_use_the_calendar_year():
    assert term_label(2026, "autumn") == "Autumn 2026"
    assert term_label(2026, "summer") == "Summer 2027"


def test_the_current_term_by_the_default_dates(oak):
    assert current_term(oak, date(2026, 11, 2)) == (2026, "autumn")
    assert current_term(oak, date(2027, 2, 1)) == (2026, "spring")
    assert current_term(oak, date(2027, 8, 31)) == (2026, "summer")
