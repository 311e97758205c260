"""The school's SEND dashboard (issue 12 item 2): each figure against a hand-counted fixture.

Today is Monday 15 June 2026 (academic year 2025 to 2026), so the census days counted are those
of 2024 to 2025 and 2025 to 2026 up to today: 3 October 2024, 16 January 2025, 15 May 2025,
2 October 2025, 15 January 2026 and 21 May 2026. The demo's Ava (E) and Leo (K) are on roll at
Oakfield from 1 September 2025, with their provision and needs recorded from 6 October 2025.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from opensend.ehc.models import CaseStage
from opensend.meetings.compliance import school_compliance
from opensend.people.models import NEED_CHOICES, Child, Enrolment, Need, SenStatus
from opensend.reports.school_dashboard import build_governors_dashboard, build_school_dashboard
from opensend.reports.school_dashboard.figures import census_days_to
from opensend.reviews.models import Review, ReviewStatus
from opensend.support.models import PlanReview, SupportPlan, SupportPlanStatus
from opensend.workforce.models import Job, SencoTimeRecord, StaffMember
from tests.access.routes_reports_sen2 import make_case
from tests.queries import assert_constant_queries
from tests.signin import sign_in

TODAY = date(2026, 6, 15)
NOW = "2026-06-15 12:00"
LABEL = dict(NEED_CHOICES)
CENSUS = ["Autumn 2024", "Spring 2025", "Summer 2025", "Autumn 2025", "Spring 2026", "Summer 2026"]


def pupil(demo, name, *, rolls, statuses=(), needs=(), school=None):
    """A child with enrolments [(start, end)], statuses [(K/E/N, start, end)] and needs
    [(code, rank, start, end)] at `school` (Oakfield)."""
    first, last = name.split()
    school = school or demo["north_oak"]
    child = Child.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=date(2016, 1, 1),
        home_local_authority=school.local_authority,
    )
    for start, end in rolls:
        Enrolment.objects.create(child=child, school=school, year_group="5", start=start, end=end)
    for provision, start, end in statuses:
        SenStatus.objects.create(child=child, provision=provision, start=start, end=end)
    for code, rank, start, end in needs:
        Need.objects.create(child=child, code=code, rank=rank, start=start, end=end)
    return child


SEPT_2024 = date(2024, 9, 2)


@dataclass
class World:
    pupils: dict


def make_world(demo) -> World:
    """The hand-counted pupils (the governors' tests use the same)."""
    p = {}
    # All six census days, on SEN support, speech and language as primary need.
    p["p1"] = pupil(
        demo,
        "Penny Always",
        rolls=[(SEPT_2024, None)],
        statuses=[("K", SEPT_2024, None)],
        needs=[("SLCN", 1, SEPT_2024, None)],
    )
    # SEN support until the day before the summer 2025 census, a plan from that day; the
    # primary need changes the same day; a second-ranked need never counts.
    p["p2"] = pupil(
        demo,
        "Quentin Switcher",
        rolls=[(SEPT_2024, None)],
        statuses=[("K", SEPT_2024, date(2025, 5, 14)), ("E", date(2025, 5, 15), None)],
        needs=[
            ("ASD", 1, SEPT_2024, date(2025, 5, 14)),
            ("SEMH", 1, date(2025, 5, 15), None),
            ("SLCN", 2, SEPT_2024, None),
        ],
    )
    # Joined the day after the autumn 2025 census day: not counted on it.
    p["p3"] = pupil(
        demo,
        "Rosa Latejoiner",
        rolls=[(date(2025, 10, 3), None)],
        statuses=[("K", date(2025, 10, 3), None)],
        needs=[("SLCN", 1, date(2025, 10, 3), None)],
    )
    # Left on the spring 2026 census day: counted on it (the end is the last day on roll).
    p["p4"] = pupil(
        demo,
        "Sol Leaver",
        rolls=[(SEPT_2024, date(2026, 1, 15))],
        statuses=[("E", SEPT_2024, None)],
    )
    # Left the day before the spring 2025 census day.
    p["p5"] = pupil(
        demo,
        "Tam Earlyleaver",
        rolls=[(SEPT_2024, date(2025, 1, 15))],
        statuses=[("K", SEPT_2024, None)],
    )
    # At Hillside: never Oakfield's.
    p["p6"] = pupil(
        demo,
        "Uma Elsewhere",
        rolls=[(SEPT_2024, None)],
        statuses=[("K", SEPT_2024, None)],
        needs=[("MLD", 1, SEPT_2024, None)],
        school=demo["north_hill"],
    )
    # On roll with no SEN.
    p["p7"] = pupil(demo, "Vic Nosen", rolls=[(SEPT_2024, None)], statuses=[("N", SEPT_2024, None)])
    # On SEN support since 2024 but on roll here only from the day after spring 2026's census.
    p["p8"] = pupil(
        demo,
        "Wren Mover",
        rolls=[(date(2026, 1, 16), None)],
        statuses=[("K", SEPT_2024, None)],
    )
    # Away between January and June 2025, back again (two enrolments here).
    p["p9"] = pupil(
        demo,
        "Xan Returner",
        rolls=[(SEPT_2024, date(2025, 1, 10)), (date(2025, 6, 1), None)],
        statuses=[("K", SEPT_2024, None)],
    )
    return World(pupils=p)


@pytest.fixture
def world(demo):
    return make_world(demo)


def _section(report, key):
    return next(section for section in report.sections if section.key == key)


def _table(report, key):
    return next(tbl for tbl in report.tables if tbl.key == key)


def _build(demo, governors=False):
    build = build_governors_dashboard if governors else build_school_dashboard
    return build(demo["north_oak"], today=TODAY)


def test_the_census_days_are_this_school_year_and_the_last_up_to_today():
    days = census_days_to(TODAY)
    assert [census.label for census in days] == CENSUS
    assert [census.day for census in days] == [
        date(2024, 10, 3),
        date(2025, 1, 16),
        date(2025, 5, 15),
        date(2025, 10, 2),
        date(2026, 1, 15),
        date(2026, 5, 21),
    ]
    assert [c.day for c in census_days_to(date(2026, 5, 20))][-1] == date(2026, 1, 15)
    assert [c.day for c in census_days_to(date(2026, 5, 21))][-1] == date(2026, 5, 21)


def test_the_register_on_each_census_day_counts_who_was_on_roll_that_day(demo, world):
    rows = _table(_build(demo), "register").rows
    assert [(label, k, e, total) for label, _, k, e, total in rows] == [
        ("Autumn 2024", 4, 1, 5),  # p1 p2 p5 p9 K; p4 E
        ("Spring 2025", 2, 1, 3),  # p5 and p9 gone
        ("Summer 2025", 1, 2, 3),  # p2 E from the census day itself
        ("Autumn 2025", 2, 2, 4),  # p9 back; p3 joined the next day; Ava and Leo still N
        ("Spring 2026", 4, 3, 7),  # p3, Leo K; Ava E; p4 left that day, still counted
        ("Summer 2026", 5, 2, 7),  # p8 joined; p4 gone
    ]
    section = _section(_build(demo), "register")
    assert section.figures[0].value == "5" and section.figures[1].value == "2"
    chart = section.charts[0]
    assert chart.title == "Pupils on the SEN register on each census day"


def test_primary_needs_on_each_census_day(demo, world):
    rows = {row[0]: list(row[1:]) for row in _table(_build(demo), "primary-needs").rows}
    assert rows == {
        LABEL["SLCN"]: [1, 1, 1, 1, 2, 2],
        LABEL["SEMH"]: [0, 0, 1, 1, 1, 1],
        LABEL["ASD"]: [1, 1, 0, 0, 1, 1],  # p2, then Ava
        LABEL["SPLD"]: [0, 0, 0, 0, 1, 1],  # Leo
        "All pupils with a primary need recorded": [2, 2, 2, 2, 5, 5],
    }
    assert list(rows)[0] == LABEL["SLCN"]  # the most common need today first


@time_machine.travel(NOW, tick=False)
def test_parent_meetings_are_the_compliance_pages_counts(demo, world):
    table = _table(_build(demo), "parent-meetings")
    compliance = school_compliance(demo["north_oak"], as_of=TODAY)
    expected = [(label, count) for _, label, count in compliance.status_counts]
    assert list(table.rows[:-1]) == expected
    # On the register this school year: p1 p2 p3 p4 p8 p9, Ava and Leo (not p5, p6, p7).
    assert table.rows[-1] == ("All pupils on the register", 8)


def _plan(demo, child, *, due, status=SupportPlanStatus.REVIEWED, reviewed=None, cycle=1):
    plan = SupportPlan.objects.create(
        child=child, school=demo["north_oak"], status=status, review_due=due, cycle=cycle
    )
    if reviewed:
        PlanReview.objects.create(plan=plan, review_date=reviewed, next_step="continue")
    return plan


def test_support_plan_reviews_on_time_late_and_overdue(demo, world):
    p = world.pupils
    _plan(demo, p["p1"], due=date(2026, 1, 10), reviewed=date(2026, 1, 10), cycle=1)  # on time
    _plan(demo, p["p1"], due=date(2026, 3, 1), reviewed=date(2026, 3, 5), cycle=2)  # late
    _plan(demo, p["p2"], due=date(2025, 6, 1), reviewed=date(2025, 6, 15), cycle=1)  # > 12 months
    _plan(demo, p["p2"], due=date(2025, 9, 1), reviewed=date(2025, 6, 16), cycle=2)  # on time
    _plan(demo, p["p1"], due=date(2026, 6, 14), status=SupportPlanStatus.ACTIVE, cycle=3)
    _plan(demo, p["p2"], due=date(2026, 6, 15), status=SupportPlanStatus.ACTIVE, cycle=3)
    _plan(demo, p["p3"], due=date(2026, 6, 1), status=SupportPlanStatus.DRAFT)
    report = _build(demo)
    assert _table(report, "support-plan-reviews").rows == (
        ("Held by the review date", 2),
        ("Held after the review date", 1),
        ("All reviews held", 3),
        ("Active plans past their review date now", 1),
    )
    assert _section(report, "support-reviews").figures[0].value == "67%"


def test_ehc_assessments_and_plan_reviews_in_progress(demo, world):
    p, north = world.pupils, demo["north_la"]
    make_case(demo, p["p1"], received=date(2026, 5, 1), assess=None)
    assessing = make_case(demo, p["p3"], received=date(2026, 2, 2))
    assessing.next_due = date(2026, 6, 1)
    assessing.save()
    make_case(demo, p["p5"], received=date(2026, 2, 2), assess=None)  # left the school
    make_case(demo, p["p6"], received=date(2026, 2, 2), assess=None)  # another school's
    issued = make_case(demo, p["p2"], received=date(2025, 1, 6), issued_on=date(2025, 5, 15))
    plan_p2 = issued.plan
    plan_p4 = make_case(demo, p["p4"], received=date(2024, 1, 8), issued_on=date(2024, 5, 1)).plan

    def review(plan, child, **fields):
        return Review.objects.create(child=child, local_authority=north, plan=plan, **fields)

    review(plan_p2, p["p2"], school=demo["north_oak"], due_on=date(2026, 6, 1))  # overdue
    review(
        plan_p4,
        p["p4"],
        school=demo["north_oak"],
        status=ReviewStatus.HELD,
        due_on=date(2026, 5, 1),
        held_on=date(2026, 5, 1),
        report_due=date(2026, 6, 20),
    )
    # Due in December, but a phase transfer on 1 September 2026 needs the meeting by
    # 8 June (12 weeks and a day before: reg 18(1), Devon 2022): overdue on 15 June.
    plan_p9 = make_case(demo, p["p9"], received=date(2025, 1, 6), issued_on=date(2025, 5, 15)).plan
    review(
        plan_p9,
        p["p9"],
        school=demo["north_oak"],
        due_on=date(2026, 12, 1),
        phase_transfer_deadline=date(2026, 9, 1),
    )
    # Its deadline leaves time: not overdue.
    plan_p1 = make_case(demo, p["p1"], received=date(2024, 1, 8), issued_on=date(2024, 5, 2)).plan
    review(
        plan_p1,
        p["p1"],
        school=demo["north_oak"],
        due_on=date(2026, 12, 1),
        phase_transfer_deadline=date(2026, 9, 10),
    )
    review(
        plan_p4,
        p["p4"],
        school=demo["north_oak"],
        status=ReviewStatus.COMPLETE,
        due_on=date(2025, 5, 1),
        held_on=date(2025, 5, 1),
    )
    report = _build(demo)
    assert _table(report, "ehc-assessments").rows == (
        (CaseStage.REQUESTED.label, 1),
        (CaseStage.ASSESSING.label, 1),
        (CaseStage.DRAFTING.label, 0),
        ("All in progress", 2),
        ("Past their next statutory date", 1),
    )
    assert _table(report, "ehc-plan-reviews").rows == (
        (ReviewStatus.DUE.label, 3),
        (ReviewStatus.ARRANGED.label, 0),
        (ReviewStatus.HELD.label, 1),
        (ReviewStatus.REPORTED.label, 0),
        (ReviewStatus.AMENDING.label, 0),
        ("All in progress", 4),
        ("Past a statutory date", 2),
    )


def _senco_record(staff, year, term, hours, compliant):
    zero = Decimal(0)
    return SencoTimeRecord.objects.create(
        staff=staff,
        school=staff.school,
        academic_year=year,
        term=term,
        teaching_hours=zero,
        senco_hours=Decimal(hours),
        other_leadership_hours=zero,
        senco_hours_taken_from_leadership=zero,
        ppa_hours=zero,
        senco_duties_in_ppa_hours=zero,
        admin_support_hours=zero,
        compliant=compliant,
    )


def test_senco_time_is_the_latest_terms_hours_and_checks(demo):
    assert _section(_build(demo), "senco-time").figures[0].value == "Not recorded yet"
    oak = demo["north_oak"]
    first = StaffMember.objects.create(school=oak, full_name="Sarah Collins", job=Job.SENCO)
    second = StaffMember.objects.create(school=oak, full_name="Deputy Senco", job=Job.SENCO)
    _senco_record(first, 2025, "autumn", "10", False)
    _senco_record(first, 2025, "spring", "12.5", True)
    _senco_record(second, 2025, "spring", "2.5", True)
    section = _section(_build(demo), "senco-time")
    assert [figure.value for figure in section.figures] == ["15", "Yes"]
    assert section.figures[0].label == "SENCO hours a week (Spring 2026)"
    assert section.tables[0].rows == (("Spring 2026", 15.0, 2, "Yes"),)
    _senco_record(second, 2025, "summer", "3", False)
    assert [f.value for f in _section(_build(demo), "senco-time").figures] == ["3", "No"]


@time_machine.travel(NOW, tick=False)
def test_the_page_shows_every_section_and_links_to_the_schools_own_lists(client, demo, world):
    sign_in(client, demo["oak_senco"])
    oak = demo["north_oak"]
    response = client.get(reverse("school_dashboard", kwargs={"school_id": oak.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "SEND dashboard" in body
    assert "Oakfield Primary School, figures on 15 June 2026" in body
    assert "See what governors see" in body
    assert reverse("governors_dashboard", kwargs={"school_id": oak.pk}) in body
    assert reverse("register", args=[oak.pk]) in body
    assert reverse("ehc_school_requests_for", args=[oak.pk]) in body
    assert reverse("reviews_school_tray") in body
    assert "?format=pdf" in body
    assert "download=register&amp;format=csv" in body
    for section in response.context["report"].sections:
        assert f'id="{section.key}"' in body


def _grow(demo, counter=[0]):  # noqa: B006  (a counter across calls)
    """Another pupil with a bit of everything the dashboard counts."""
    counter[0] += 1
    child = pupil(
        demo,
        f"Grow Pupil{counter[0]}",
        rolls=[(SEPT_2024, None)],
        statuses=[("K", SEPT_2024, date(2025, 9, 30)), ("E", date(2025, 10, 1), None)],
        needs=[("HI", 1, SEPT_2024, None)],
    )
    _plan(demo, child, due=date(2026, 3, 1), reviewed=date(2026, 3, 2))
    _plan(demo, child, due=date(2026, 6, 1), status=SupportPlanStatus.ACTIVE, cycle=2)
    plan = make_case(demo, child, received=date(2025, 1, 6), issued_on=date(2025, 5, 15)).plan
    Review.objects.create(
        child=child,
        local_authority=demo["north_la"],
        plan=plan,
        school=demo["north_oak"],
        due_on=date(2026, 6, 1),
    )
    other = pupil(demo, f"Case Pupil{counter[0]}", rolls=[(SEPT_2024, None)])
    make_case(demo, other, received=date(2026, 5, 1), assess=None)


@pytest.mark.parametrize("governors", [False, True])
def test_the_number_of_queries_does_not_grow_with_pupils(demo, world, governors):
    assert_constant_queries(lambda: _build(demo, governors=governors), lambda: _grow(demo))


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("name", ["school_dashboard", "governors_dashboard"])
def test_the_pages_queries_do_not_grow_with_pupils(client, demo, world, name):
    sign_in(client, demo["oak_head"])
    url = reverse(name, kwargs={"school_id": demo["north_oak"].pk})
    assert_constant_queries(lambda: client.get(url), lambda: _grow(demo))
