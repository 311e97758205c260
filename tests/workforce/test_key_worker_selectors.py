"""Key-worker reads: caseloads in numbers, who may be chosen (the SENCO last), the pupils who
may need a key worker, and who may open an assessment or allocation.

Time is frozen on Monday 2 November 2026 (conftest `frozen`).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.workforce.models import Job, StaffMember
from opensend.workforce.selectors.keyworkers import (
    candidates_for,
    children_for_key_work,
    get_allocation_for,
    get_assessment_for,
    key_worker_allocations,
    key_worker_caseloads,
    remaining_hours,
    search_roll,
    staff_without_key_worker_time,
)
from tests.workforce.key_worker_fixtures import allocate, assess, pupil

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def senco(demo):
    return demo["oak_senco"]


def by_name(caseloads):
    return {row.worker.full_name: row for row in caseloads}


def test_caseloads_count_children_and_hours_per_worker(demo, oak, oak_staff, senco):
    teacher = oak_staff["oak_teacher"]  # 3 hours a week
    allocate(assess(senco, oak, demo["ava"]), teacher, "1.5")
    allocate(assess(senco, oak, demo["leo"]), teacher, "1")
    ended = allocate(assess(senco, oak, pupil(oak)), teacher, "0.5")
    ended.ended_on = date(2026, 10, 20)
    ended.save()

    rows = by_name(key_worker_caseloads(oak))

    assert list(rows) == ["Amira Hassan", "James Turner", "Sarah Collins"]
    row = rows["James Turner"]
    assert (row.children, row.hours_allocated, row.capacity) == (2, Decimal("2.5"), Decimal("3"))
    assert row.remaining == Decimal("0.5")
    assert not row.at_capacity
    ta = rows["Amira Hassan"]
    assert (ta.children, ta.hours_allocated, ta.remaining) == (0, Decimal("0"), Decimal("5"))


def test_a_worker_with_all_time_allocated_is_at_capacity(demo, oak, oak_staff, senco):
    allocate(assess(senco, oak, demo["ava"]), oak_staff["oak_teacher"], "3")

    row = by_name(key_worker_caseloads(oak))["James Turner"]

    assert row.at_capacity
    assert not row.over_capacity


def test_a_worker_whose_time_was_cut_is_over_capacity(demo, oak, oak_staff, senco):
    teacher = oak_staff["oak_teacher"]
    allocate(assess(senco, oak, demo["ava"]), teacher, "3")
    StaffMember.objects.filter(pk=teacher.pk).update(key_worker_hours=Decimal("2"))

    row = by_name(key_worker_caseloads(oak))["James Turner"]

    assert row.over_capacity
    assert row.remaining == Decimal("-1")


def test_someone_who_left_stays_on_the_caseloads_while_they_hold_a_child(
    demo, oak, oak_staff, senco
):
    ta, teacher = oak_staff["oak_ta"], oak_staff["oak_teacher"]
    allocate(assess(senco, oak, demo["ava"]), ta, "1")
    StaffMember.objects.filter(pk__in=[ta.pk, teacher.pk]).update(left_on=date(2026, 10, 30))

    rows = by_name(key_worker_caseloads(oak))

    assert rows["Amira Hassan"].has_left
    assert "James Turner" not in rows  # left, holding no child


def test_staff_without_key_worker_time_are_listed_for_giving_them_hours(oak, oak_staff):
    names = [member.full_name for member in staff_without_key_worker_time(oak)]
    assert names == ["Helen Price", "Priya Nair", "Tom Fielding"]


def test_current_allocations_list_each_pupil_once(demo, oak, oak_staff, senco):
    ended = allocate(assess(senco, oak, demo["ava"]), oak_staff["oak_ta"], "1")
    ended.ended_on = date(2026, 10, 1)
    ended.save()
    current = allocate(assess(senco, oak, demo["ava"]), oak_staff["oak_teacher"], "1")

    assert list(key_worker_allocations(oak)) == [current]


def test_pupils_with_a_plan_and_no_key_worker_may_need_one(demo, oak, oak_staff, senco):
    other = pupil(oak, first_name="Zed")
    pupil(demo["north_hill"], first_name="Elsewhere")
    assessment = assess(senco, oak, other)

    children = list(children_for_key_work(oak))

    assert children == [demo["ava"], other]  # Leo is on SEN support; Hillside's are not here
    assert children[0].latest_assessment_id is None
    assert children[1].latest_assessment_id == assessment.pk
    assert children[1].latest_assessed_on == date(2026, 11, 2)

    allocate(assessment, oak_staff["oak_ta"], "1")
    assert list(children_for_key_work(oak)) == [demo["ava"]]


def test_any_pupil_on_roll_can_be_found_by_name_or_upn(demo, oak, oak_staff, senco):
    leo = demo["leo"]

    assert search_roll(oak, leo.first_name.lower()) == [leo]
    assert search_roll(oak, leo.upn) == [leo]
    assert search_roll(oak, demo["mia"].first_name) == []  # at Hillside
    assert search_roll(oak, "   ") == []

    allocate(assess(senco, oak, leo), oak_staff["oak_ta"], "1")
    assert search_roll(oak, leo.first_name) == []  # has a key worker now


def test_candidates_have_time_most_left_first_and_the_senco_last(demo, oak, oak_staff, senco):
    ava = assess(senco, oak, demo["ava"])
    allocate(assess(senco, oak, demo["leo"]), oak_staff["oak_ta"], "4.5")

    candidates = candidates_for(ava)

    assert [(c.worker.full_name, c.remaining, c.is_senco) for c in candidates] == [
        ("James Turner", Decimal("3"), False),
        ("Amira Hassan", Decimal("0.5"), False),
        ("Sarah Collins", Decimal("2"), True),
    ]


def test_candidates_leave_out_staff_who_left_or_have_no_time(demo, oak, oak_staff, senco):
    StaffMember.objects.filter(pk=oak_staff["oak_ta"].pk).update(left_on=date(2026, 11, 2))

    names = [c.worker.full_name for c in candidates_for(assess(senco, oak, demo["ava"]))]

    assert names == ["James Turner", "Sarah Collins"]


def test_a_childs_own_allocation_does_not_use_up_the_time_shown_for_them(
    demo, oak, oak_staff, senco
):
    teacher = oak_staff["oak_teacher"]
    ava = assess(senco, oak, demo["ava"])
    allocate(ava, teacher, "3")

    mine = {c.worker.full_name: c for c in candidates_for(ava)}["James Turner"]
    for_leo = {c.worker.full_name: c for c in candidates_for(assess(senco, oak, demo["leo"]))}

    assert mine.remaining == Decimal("3")
    assert not for_leo["James Turner"].has_time
    assert remaining_hours(teacher) == Decimal("0")
    assert remaining_hours(teacher, child=demo["ava"]) == Decimal("3")


def test_a_staff_member_with_a_senco_job_is_flagged_without_an_appointment(
    demo, oak, oak_staff, senco
):
    StaffMember.objects.create(
        school=oak, full_name="Second Senco", job=Job.SENCO, key_worker_hours=1
    )
    flagged = [
        c.worker.full_name for c in candidates_for(assess(senco, oak, demo["ava"])) if c.is_senco
    ]
    assert flagged == ["Sarah Collins", "Second Senco"]


# --- one record ----------------------------------------------------------------------------------


def test_the_schools_manager_opens_an_assessment_and_the_view_is_audited(
    demo, oak, oak_staff, senco
):
    assessment = assess(senco, oak, demo["ava"])

    assert get_assessment_for(demo["oak_head"], assessment.pk) == assessment

    viewed = AuditEvent.objects.get(record_id=str(assessment.pk), kind=AuditEventKind.VIEWED)
    assert viewed.subject_id == demo["ava"].pk
    assert viewed.actor == demo["oak_head"]


@pytest.mark.parametrize("persona", ["hill_senco", "river_senco", "oak_teacher", "north_parent"])
def test_anyone_outside_the_school_gets_404_for_an_assessment(demo, oak, oak_staff, persona):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])
    with pytest.raises(Http404):
        get_assessment_for(demo[persona], assessment.pk)


def test_a_governor_gets_403_for_an_assessment_and_nothing_is_audited(demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    with pytest.raises(PermissionDenied):
        get_assessment_for(demo["oak_governor"], assessment.pk)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


def test_a_bad_id_is_404(demo, oak_staff):
    with pytest.raises(Http404):
        get_assessment_for(demo["oak_senco"], "not-a-uuid")
    with pytest.raises(Http404):
        get_allocation_for(demo["oak_senco"], "not-a-uuid")


def test_allocations_are_for_the_schools_managers_only(demo, oak, oak_staff, senco):
    allocation = allocate(assess(senco, oak, demo["ava"]), oak_staff["oak_ta"], "1")

    assert get_allocation_for(senco, allocation.pk) == allocation
    with pytest.raises(PermissionDenied):
        get_allocation_for(demo["oak_governor"], allocation.pk)
    with pytest.raises(Http404):
        get_allocation_for(demo["river_senco"], allocation.pk)
