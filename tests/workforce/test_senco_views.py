"""The SENCO time page, recording a term's hours, and the SENCO's appointment."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from opensend.workforce.models import Job, SencoAppointment, SencoTimeRecord, StaffMember
from opensend.workforce.services.senco import senco_appointment_save
from tests.queries import assert_constant_queries
from tests.workforce import senco_fixtures

pytestmark = pytest.mark.django_db
record_time = senco_fixtures.record_time  # the fixture


def page_url(school):
    return reverse("workforce_senco_time", args=[school.pk])


def record_url(member):
    return reverse("workforce_senco_time_record", args=[member.pk])


def appointment_url(member):
    return reverse("workforce_senco_appointment", args=[member.pk])


def _appoint(demo, oak_staff, **kwargs):
    return senco_appointment_save(
        actor=demo["oak_head"],
        staff=oak_staff["oak_senco"],
        **{"appointed_on": date(2024, 9, 1), **kwargs},
    )


def test_the_page_shows_the_checks_and_the_qualification(
    signed_in, demo, oak, oak_staff, record_time, frozen
):
    record_time(senco_duties_in_ppa_hours=Decimal(1))
    _appoint(demo, oak_staff)
    html = signed_in("oak_senco").get(page_url(oak)).content.decode()
    assert 'data-check="ppa_protected" data-passed="false"' in html
    assert "Move these duties out of PPA time." in html
    assert 'data-check="admin_support" data-passed="true"' in html
    assert 'data-status="in_progress"' in html
    assert "1 September 2027" in html
    assert "qualification-warning" not in html
    assert reverse("workforce_senco_time_record", args=[oak_staff["oak_senco"].pk]) in html
    assert reverse("workforce_senco_appointment", args=[oak_staff["oak_senco"].pk]) in html
    assert "SENCO hours a week, by term" in html


def test_a_qualification_due_soon_is_a_warning(signed_in, demo, oak, oak_staff, frozen):
    _appoint(demo, oak_staff, appointed_on=date(2024, 1, 10))
    html = signed_in("oak_head").get(page_url(oak)).content.decode()
    assert 'id="qualification-warning-1"' in html
    assert "The SENCO qualification is due by 10 January 2027." in html


def test_a_problem_is_a_warning(signed_in, demo, oak, oak_staff, frozen):
    _appoint(demo, oak_staff, course="nasenco", course_started_on=date(2024, 9, 1))
    html = signed_in("oak_head").get(page_url(oak)).content.decode()
    assert 'id="qualification-warning-1"' in html
    assert "must be the NPQ for SENCOs" in html


def test_governors_read_it_without_edit_links(signed_in, oak, oak_staff, record_time, frozen):
    record_time()
    page = signed_in("oak_governor").get(page_url(oak))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-check="senco_time_timetabled" data-passed="true"' in html
    assert "senco-time/" not in html.split("SENCO time and qualification</h1>")[1]
    assert "senco-appointment/" not in html
    # One pupil on SEN support and one with a plan: too few to show a governor.
    assert html.count("fewer than 5") == 2


def test_managers_see_the_exact_register_sizes(signed_in, oak, record_time, frozen):
    record_time()
    html = signed_in("oak_head").get(page_url(oak)).content.decode()
    assert "fewer than 5" not in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "hill_senco", "north_parent"])
def test_others_may_not_see_the_page(signed_in, oak, frozen, persona):
    assert signed_in(persona).get(page_url(oak)).status_code == 404


def test_no_senco_on_the_list_says_so(signed_in, oak, frozen):
    html = signed_in("oak_senco").get(page_url(oak)).content.decode()
    assert "Nobody on the staff list has the job of SENCO." in html
    assert reverse("workforce_staff", args=[oak.pk]) in html


def test_the_page_runs_a_constant_number_of_queries(signed_in, demo, oak, oak_staff, frozen):
    client = signed_in("oak_senco")
    years = iter(range(2010, 2026))

    def grow():
        year = next(years)
        member = StaffMember.objects.create(school=oak, full_name=f"SENCO {year}", job=Job.SENCO)
        SencoAppointment.objects.create(staff=member, school=oak, appointed_on=date(2024, 9, 1))
        for staff in (member, oak_staff["oak_senco"]):
            SencoTimeRecord.objects.create(
                staff=staff,
                school=oak,
                academic_year=year,
                term="autumn",
                senior_roles=[{"role": "Deputy", "leadership_hours": 5}],
                **senco_fixtures.GOOD_HOURS,
            )

    assert_constant_queries(lambda: client.get(page_url(oak)), grow)


def test_the_record_form_is_prefilled_from_the_previous_term(
    signed_in, oak_staff, record_time, frozen
):
    record_time(year=2025, term="summer", senco_hours=Decimal("7.5"))
    page = signed_in("oak_senco").get(record_url(oak_staff["oak_senco"]))
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["senco_hours"] == Decimal("7.5")
    assert form.initial["role_1"] == "Deputy head"
    assert (form.initial["academic_year"], form.initial["term"]) == (2026, "autumn")
    assert "Filled in from Summer 2026" in page.content.decode()


def _post_data(**changes):
    data = {"academic_year": "2026", "term": "autumn"}
    data.update({key: str(value) for key, value in senco_fixtures.GOOD_HOURS.items()})
    data.update({"role_1": "Deputy head", "role_hours_1": "8"})
    data.update(changes)
    return data


def test_recording_hours_then_shows_the_checks(signed_in, oak_staff, frozen):
    client = signed_in("oak_senco")
    url = record_url(oak_staff["oak_senco"])
    response = client.post(url, _post_data(admin_support_hours="0"))
    assert response.status_code == 302
    assert response["Location"] == url + "?academic_year=2026&term=autumn#checks"
    record = SencoTimeRecord.objects.get(staff=oak_staff["oak_senco"])
    assert record.failed_checks == ["admin_support"]
    html = client.get(response["Location"]).content.decode()
    assert "does not pass every check" in html
    assert "Give the SENCO administrative support hours each week." in html


def test_bad_numbers_are_field_errors(signed_in, oak_staff, frozen):
    response = signed_in("oak_senco").post(
        record_url(oak_staff["oak_senco"]),
        _post_data(senco_hours="eight", ppa_hours="-1", role_2="Bursar", role_hours_1=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "SENCO hours a week must be a number, like 2.5" in html
    assert "PPA hours a week cannot be negative" in html
    assert "Enter the leadership hours for Bursar" in html
    assert "Enter the leadership hours for Deputy head" in html
    assert not SencoTimeRecord.objects.exists()


def test_a_service_rule_shows_on_its_field(signed_in, oak_staff, frozen):
    response = signed_in("oak_senco").post(
        record_url(oak_staff["oak_senco"]), _post_data(senco_duties_in_ppa_hours="5")
    )
    assert response.status_code == 200
    assert "SENCO duties in PPA time cannot be more than the PPA hours" in response.content.decode()


def test_a_teacher_has_no_senco_time(signed_in, oak_staff, frozen):
    response = signed_in("oak_senco").get(record_url(oak_staff["oak_teacher"]))
    assert response.status_code == 404
    assert "James Turner is not the SENCO" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("oak_governor", 403), ("oak_teacher", 404), ("river_head", 404)]
)
def test_only_managers_record_time(signed_in, oak_staff, frozen, persona, status):
    client = signed_in(persona)
    assert client.get(record_url(oak_staff["oak_senco"])).status_code == status
    assert client.get(appointment_url(oak_staff["oak_senco"])).status_code == status


def _appointment_data(**changes):
    data = {
        "appointed_on_0": "1",
        "appointed_on_1": "9",
        "appointed_on_2": "2024",
        "qualified_teacher": "yes",
        "previous_senco_months": "0",
        "course": "npq",
        "course_started_on_0": "1",
        "course_started_on_1": "10",
        "course_started_on_2": "2024",
        "course_completed_on_0": "",
        "course_completed_on_1": "",
        "course_completed_on_2": "",
    }
    data.update(changes)
    return data


def test_saving_the_appointment(signed_in, oak, oak_staff, frozen):
    client = signed_in("oak_head")
    assert client.get(appointment_url(oak_staff["oak_senco"])).status_code == 200
    response = client.post(appointment_url(oak_staff["oak_senco"]), _appointment_data())
    assert response.status_code == 302
    assert response["Location"] == page_url(oak)
    appointment = SencoAppointment.objects.get(staff=oak_staff["oak_senco"])
    assert appointment.qualification_due_on == date(2027, 9, 1)
    assert appointment.course == "npq"
    page = client.get(appointment_url(oak_staff["oak_senco"]))
    assert page.context["form"].initial["appointed_on"] == date(2024, 9, 1)


def test_a_bad_appointment_shows_errors(signed_in, oak_staff, frozen):
    response = signed_in("oak_head").post(
        appointment_url(oak_staff["oak_senco"]),
        _appointment_data(appointed_on_0="31", appointed_on_1="2", course_started_on_0=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The date they became SENCO must be a real date" in html
    assert not SencoAppointment.objects.exists()


def test_a_course_without_a_start_date_is_a_field_error(signed_in, oak_staff, frozen):
    response = signed_in("oak_head").post(
        appointment_url(oak_staff["oak_senco"]),
        _appointment_data(course_started_on_0="", course_started_on_1="", course_started_on_2=""),
    )
    assert response.status_code == 200
    assert "Enter the date the course started" in response.content.decode()
