"""The SENCO's and head's home page says what workforce work is due (issue 10): the SENCO
qualification (reg 49) and policy reviews, with a link to the workforce page. Teachers and
other schools see nothing of it."""

from datetime import date

from opensend.workforce.models import (
    Job,
    Policy,
    PolicyKind,
    SencoAppointment,
    StaffMember,
)
from opensend.workforce.selectors.workload import workforce_alerts
from tests.queries import count_queries


def _due_things(oak):
    senco = StaffMember.objects.create(school=oak, full_name="Sarah Collins", job=Job.SENCO)
    # Appointed 1 September 2024: due by 1 September 2027 (reg 49(4)); 2 Nov 2026 is 10 months
    # before, outside the 6-month warning. Appointed 1 March 2024: due 1 March 2027, inside it.
    SencoAppointment.objects.create(
        staff=senco,
        school=oak,
        appointed_on=date(2024, 3, 1),
        qualification_due_on=date(2027, 3, 1),
    )
    for title, next_review in (
        ("SEND policy", date(2026, 10, 1)),
        ("SEN report", date(2026, 11, 20)),
    ):
        Policy.objects.create(
            school=oak, kind=PolicyKind.OTHER, title=title, next_review_on=next_review
        )


def test_the_senco_home_page_lists_what_is_due(frozen, oak, signed_in):
    _due_things(oak)
    page = signed_in("oak_senco").get("/home/").content.decode()
    assert "The SENCO qualification is due within 6 months; 1 policy overdue for review; " in page
    assert "1 policy due for review within 28 days" in page
    assert f"/schools/{oak.pk}/workforce/" in page


def test_a_teacher_home_page_has_no_workforce_section(frozen, oak, signed_in):
    _due_things(oak)
    page = signed_in("oak_teacher").get("/home/").content.decode()
    assert "policy overdue" not in page


def test_nothing_due_means_no_alert_and_two_queries_for_any_number_of_schools(frozen, demo):
    schools = [demo["north_oak"], demo["north_hill"], demo["south_river"]]
    count, _ = count_queries(lambda: workforce_alerts(schools, date(2026, 11, 2)))
    assert count == 2
    assert workforce_alerts(schools, date(2026, 11, 2)) == []
