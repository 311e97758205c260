"""Timeliness as DfE counts it: with and without exceptions, which never move a date."""

from datetime import date, timedelta

from django.urls import reverse

from opensend.ehc.reports import timeliness
from opensend.ehc.selectors import la_cases
from opensend.ehc.services import Views, decision_record, exception_record, paper_request_record

D = date.fromisoformat


def _paper_case(demo, child, received):
    return paper_request_record(
        actor=demo["north_caseworker"],
        child=demo[child],
        requester_kind="parent",
        requester_name="A parent",
        received=received,
        views=Views(family_difficulties="Reading"),
    ).case


def test_decisions_are_counted_on_time_with_and_without_exceptions(demo, frozen):
    # Frozen on 2 March 2026. Three requests, received on different days.
    on_time = _paper_case(demo, "leo", D("2026-02-20"))  # due 3 April
    late = _paper_case(demo, "mia", D("2026-01-05"))  # due 16 February
    late_with_exception = _paper_case(demo, "ava", D("2026-01-12"))  # due 23 February
    exception_record(
        actor=demo["north_caseworker"],
        case=late_with_exception,
        kind="absence_from_area",
        start=D("2026-01-13"),
        end=D("2026-02-20"),  # 39 days away inside the 6 weeks: reg 5(4)(d) applies
    )
    for case in (on_time, late, late_with_exception):
        decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)

    report = timeliness(la_cases(demo["north_caseworker"]), today=D("2026-03-02"))
    figures = report.decisions_to_assess
    assert (figures.made, figures.on_time, figures.percent) == (3, 1, 33)
    assert (figures.made_without_exception, figures.on_time_without_exception) == (2, 1)
    assert figures.percent_without_exception == 50
    assert report.by_month == [("Mar 2026", 33)]
    assert report.open_cases == 3
    # The exception moved nothing: the case's date is still 6 weeks from its request.
    late_with_exception.refresh_from_db()
    assert late_with_exception.decision_to_assess_due == D("2026-02-23")


def test_another_las_cases_are_not_counted(demo, frozen):
    case = _paper_case(demo, "leo", D("2026-02-20"))
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    report = timeliness(la_cases(demo["south_caseworker"]), today=D("2026-03-02"))
    assert report.decisions_to_assess.made == 0
    assert report.decisions_to_assess.percent is None


def test_the_page_shows_the_figures_to_the_la_and_nobody_else(demo, frozen, signed_in):
    case = _paper_case(demo, "leo", D("2026-02-20"))
    frozen.shift(timedelta(days=1))
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    client = signed_in("north_caseworker")
    response = client.get(reverse("ehc_timeliness"))
    assert response.status_code == 200
    assert "1 (100%)" in response.text
    client.logout()
    client = signed_in("oak_senco")
    assert client.get(reverse("ehc_timeliness")).status_code == 404
