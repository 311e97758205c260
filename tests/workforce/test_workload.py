"""The workload figures (selectors.workload) against hand-built records (workload_fixtures).

Time is frozen on Monday 2 November 2026: autumn term of the academic year 2026 to 2027.
"""

from datetime import date
from decimal import Decimal

import pytest

from opensend.workforce.selectors.workload import (
    per_hour,
    school_workload,
    senco_ratio_by_term,
    term_label,
    training_by_term,
    workloads_for,
)
from opensend.workforce.selectors.workload_area import (
    area_median_by_term,
    area_totals,
    sort_workloads,
)
from tests.workforce.workload_fixtures import (
    appointment,
    build_oak,
    member,
    new_school,
    pupil,
    time_record,
)

TODAY = date(2026, 11, 2)


@pytest.fixture
def oak_built(demo, oak_staff, frozen):
    return build_oak(demo, oak_staff)


def test_the_register_now_counts_open_sen_of_pupils_on_roll(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    assert (workload.sen_support, workload.ehc_plans, workload.on_register) == (5, 1, 6)


def test_senco_time_now_is_the_latest_term_of_the_current_sencos(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    # The former SENCO's 8 hours in the same term are history, not today's time.
    assert workload.senco_now.label == "Autumn 2026"
    assert workload.senco_hours == Decimal(12)
    assert workload.pupils_per_hour == Decimal("0.5")  # 6 pupils / 12 hours
    assert workload.checks == "failed"


def test_senco_history_sums_hours_and_keeps_the_register_once_per_term(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    assert [(t.label, t.hours, t.pupils, t.ratio) for t in workload.senco_history] == [
        ("Spring 2026", Decimal(10), 20, Decimal("2.0")),
        ("Autumn 2026", Decimal(20), 6, Decimal("0.3")),
    ]
    assert senco_ratio_by_term(workload, hide_small=False) == [
        ("Spring 2026", Decimal("2.0")),
        ("Autumn 2026", Decimal("0.3")),
    ]


def test_governors_chart_leaves_out_terms_with_fewer_than_5_pupils(demo, oak_staff, frozen):
    senco = oak_staff["oak_senco"]
    time_record(senco, 2025, "autumn", senco_hours=10, pupils=(3, 1))
    time_record(senco, 2025, "summer", senco_hours=10, pupils=(4, 1))
    workload = school_workload(demo["north_oak"], TODAY)
    assert senco_ratio_by_term(workload, hide_small=True) == [("Summer 2026", Decimal("0.5"))]
    assert len(senco_ratio_by_term(workload, hide_small=False)) == 2


def test_senco_checks_passed_and_not_recorded(demo, oak_staff, frozen):
    assert school_workload(demo["north_oak"], TODAY).checks == "not_recorded"
    time_record(oak_staff["oak_senco"], 2026, "autumn", senco_hours=15)
    workload = school_workload(demo["north_oak"], TODAY)
    assert workload.checks == "passed"
    assert workload.pupils_per_hour == Decimal("0.1")  # ava and leo: 2 / 15


def test_the_head_with_an_open_appointment_counts_as_a_current_senco(demo, oak_staff, frozen):
    head = oak_staff["oak_head"]
    time_record(head, 2026, "autumn", senco_hours=4)
    assert school_workload(demo["north_oak"], TODAY).senco_now is None  # not a SENCO yet
    appointment(head, due_on=None)
    assert school_workload(demo["north_oak"], TODAY).senco_hours == Decimal(4)


def test_qualification_due_soon_and_overdue(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    assert (workload.qualification_due_soon, workload.qualification_overdue) == (1, 1)


def test_qualification_due_soon_ends_six_months_ahead(demo, oak, frozen):
    appointment(member(oak, "A"), due_on=date(2027, 5, 2))  # exactly 6 months: due soon
    appointment(member(oak, "B"), due_on=date(2027, 5, 3))  # a day later: not yet
    appointment(member(oak, "C"), due_on=TODAY)  # due today: not overdue yet
    workload = school_workload(oak, TODAY)
    assert (workload.qualification_due_soon, workload.qualification_overdue) == (2, 0)


def test_training_this_year_inside_and_outside_directed_time(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    # 15 Sep (held) and 10 Jan (planned) inside; 20 Oct 6pm outside; the briefings (2 Sep held,
    # 1 Dec planned) inside too. The cancelled session and last year's do not count.
    assert (workload.training_inside, workload.training_outside) == (4, 1)


def test_training_by_term_uses_the_default_terms(demo, oak_built):
    terms = training_by_term(demo["north_oak"], TODAY)
    assert [(t.label, t.inside, t.outside) for t in terms] == [
        ("Autumn 2025", 0, 0),
        ("Spring 2026", 0, 1),  # 10 March 2026, 6pm
        ("Summer 2026", 0, 0),
        ("Autumn 2026", 3, 1),
        ("Spring 2027", 1, 0),
        ("Summer 2027", 0, 0),
    ]


def test_training_by_term_shows_only_this_year_when_last_year_had_none(demo, oak, frozen):
    assert [t.label for t in training_by_term(oak, TODAY)] == [
        "Autumn 2026",
        "Spring 2027",
        "Summer 2027",
    ]


def test_code_of_practice_briefing_counts_current_teachers(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    # 6 current teachers (SENCO, head, James Turner, Priya Nair, Tom Fielding, the qualified
    # SENCO); only James attended a held briefing. Priya did not attend, Tom's is not held yet,
    # the teacher who left is not counted, and the TA is not a teacher.
    assert (workload.teachers_briefed, workload.teachers_not_briefed) == (1, 5)


def test_key_worker_caseloads(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    loads = {w.name: (w.children, w.hours, w.capacity) for w in workload.key_workers}
    assert loads == {
        "Amira Hassan": (2, Decimal(5), Decimal(5)),
        "James Turner": (1, Decimal(1), Decimal(3)),
        "Sarah Collins": (0, Decimal(0), Decimal(2)),
    }
    assert workload.largest_caseload == 2
    assert workload.average_caseload == Decimal("1.0")
    assert workload.workers_at_or_over_capacity == 1
    assert (workload.key_work_hours, workload.key_work_capacity) == (Decimal(6), Decimal(10))


def test_policies_overdue_and_due_within_28_days(demo, oak_built):
    workload = school_workload(demo["north_oak"], TODAY)
    assert (workload.policies_overdue, workload.policies_due_soon) == (1, 2)


def test_a_school_with_no_records_has_zeros(demo, frozen):
    workload = school_workload(demo["south_moor"], TODAY)
    assert workload.on_register == 0
    assert workload.senco_now is None and workload.pupils_per_hour is None
    assert workload.key_workers == [] and workload.average_caseload is None
    assert (workload.teachers_briefed, workload.teachers_not_briefed) == (0, 0)


def test_area_figures_sort_total_and_median(demo, oak_built):
    north = demo["north_la"]
    hill = demo["north_hill"]  # mia and jordan on the register
    time_record(member(hill, "Hill Senco", "senco"), 2026, "autumn", senco_hours=1, pupils=(1, 1))
    quiet = new_school(north, "Quiet School")
    busy = new_school(north, "Busy School")
    for _ in range(5):
        pupil(busy)
    time_record(member(busy, "Busy Senco", "senco"), 2026, "autumn", senco_hours=2, pupils=(5, 0))
    schools = [demo["north_oak"], hill, quiet, busy]
    workloads = workloads_for(schools, TODAY)

    by_ratio = sort_workloads(workloads, "-ratio")
    assert [(w.school.name, w.pupils_per_hour) for w in by_ratio] == [
        ("Busy School", Decimal("2.5")),
        ("Hillside Academy", Decimal("2.0")),
        ("Oakfield Primary School", Decimal("0.5")),
        ("Quiet School", None),  # no SENCO time: last either way
    ]
    assert [w.school.name for w in sort_workloads(workloads, "ratio")][-1] == "Quiet School"
    assert [w.school.name for w in sort_workloads(workloads, "name")][0] == "Busy School"

    totals = area_totals(workloads)
    assert totals.senco_hours == Decimal(15)
    assert totals.pupils == 6 + 2 + 5
    assert totals.pupils_per_hour == Decimal("0.9")  # 13 pupils / 15 hours
    assert (totals.checks_passed, totals.checks_failed, totals.checks_not_recorded) == (2, 1, 1)
    assert totals.largest_caseload == 2 and totals.policies_overdue == 1

    # The register as recorded each term. Autumn 2026: Oakfield 6/20 = 0.3, Hillside 2/1,
    # Busy 5/2: median 2.0.
    assert area_median_by_term(workloads) == [
        ("Spring 2026", Decimal("2.0")),
        ("Autumn 2026", Decimal("2.0")),
    ]


def test_small_helpers():
    assert term_label(2026, "autumn") == "Autumn 2026"
    assert term_label(2026, "summer") == "Summer 2027"
    assert per_hour(7, Decimal(0)) is None
    assert per_hour(7, Decimal(2)) == Decimal("3.5")
    assert workloads_for([], TODAY) == []
