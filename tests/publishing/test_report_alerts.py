"""What the SENCO's and head's home page says about the SEN information report: never
published, due within a month, or overdue (CoP 6.79: at least once a year)."""

from datetime import date

from opensend.publishing.selectors.reports import report_alerts_for, report_status
from tests.access.routes_publishing_public import publish_report

TODAY = date(2026, 11, 2)


def _texts(user):
    return [alert["text"] for alert in report_alerts_for(user, TODAY)]


def test_a_report_never_published_is_flagged(demo):
    assert _texts(demo["oak_senco"]) == ["The SEN information report has not been published yet"]


def test_a_report_due_within_a_month_is_flagged(demo):
    publish_report(demo["north_oak"], published_on=date(2025, 11, 20))
    [alert] = report_alerts_for(demo["oak_head"], TODAY)
    assert alert["state"] == "due_soon" and alert["due"] == date(2026, 11, 20)
    assert alert["text"].endswith("by 20 November 2026")
    assert alert["url"].endswith(f"/schools/{demo['north_oak'].pk}/sen-information-report/")


def test_an_overdue_report_is_flagged(demo):
    publish_report(demo["north_oak"], published_on=date(2025, 10, 1))
    assert report_alerts_for(demo["oak_senco"], TODAY)[0]["state"] == "overdue"


def test_a_report_published_this_year_is_not_flagged(demo):
    publish_report(demo["north_oak"], published_on=date(2026, 9, 1))
    assert report_alerts_for(demo["oak_senco"], TODAY) == []
    status = report_status(demo["north_oak"], TODAY)
    assert status.state == "up_to_date" and status.next_due == date(2027, 9, 1)


def test_governors_teachers_and_families_get_no_alerts(demo):
    for persona in ("oak_governor", "oak_teacher", "north_parent"):
        assert report_alerts_for(demo[persona], TODAY) == []


def test_the_alerts_run_a_fixed_number_of_queries(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        report_alerts_for(demo["oak_senco"], TODAY)
