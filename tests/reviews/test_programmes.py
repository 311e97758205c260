"""Managed review programmes (issue 9 item 4): propose, level, limit, accept, and who may."""

from collections import Counter
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.law.transfer import plan_transfers
from opensend.people.models import Child, Enrolment
from opensend.reviews import programme_selectors, programmes
from opensend.reviews.models import (
    LegacyStatement,
    NextPhase,
    ProgrammeStatus,
    Review,
    ReviewKind,
    StatementStatus,
)

pytestmark = pytest.mark.django_db


def _child(demo, school_key, number, year_group="3"):
    school = demo[school_key]
    child = Child.objects.create(
        first_name=f"Pupil{number}",
        last_name="Test",
        date_of_birth=date(2017, 1, 1),
        home_local_authority=school.local_authority,
    )
    Enrolment.objects.create(
        child=child, school=school, year_group=year_group, start=date(2025, 9, 1)
    )
    return child


def _statements(demo, spec):
    """spec: [(school_key, how many)] -> the statements, in force."""
    made = []
    number = 0
    for school_key, count in spec:
        for _ in range(count):
            number += 1
            child = _child(demo, school_key, number)
            made.append(
                LegacyStatement.objects.create(
                    child=child,
                    local_authority=demo[school_key].local_authority,
                    school=demo[school_key],
                    made_on=date(2012, 3, 1),
                    provision="15 hours a week of teaching assistant support",
                )
            )
    return made


def _propose(demo, **changes):
    arguments = {
        "actor": demo["north_caseworker"],
        "local_authority": demo["north_oak"].local_authority,
        "name": "Statements 2026 to 2027",
        "purpose": "statements",
        "start": date(2026, 4, 1),
        "deadline": date(2027, 4, 1),
        "monthly_capacity": 6,
        "per_school_limit": 6,
        "review_weeks": 20,
    }
    return programmes.programme_propose(**{**arguments, **changes})


def _months(programme):
    return Counter(item.month for item in programme.items.all())


def test_the_schedule_is_levelled_not_packed_early(demo, frozen):
    _statements(demo, [("north_oak", 4), ("north_hill", 2)])
    programme = _propose(demo)
    assert programme.feasible
    assert programme.review_weeks == 20
    months = _months(programme)
    # Packed, all six would start in April 2026 (capacity 6); levelled, at most one a month.
    packed = plan_transfers(
        start=date(2026, 4, 1),
        deadline=date(2027, 4, 1),
        monthly_capacity=6,
        max_per_school_per_month=6,
        review_weeks=20,
        statements=[programmes.Statement(id=i, school="s") for i in range(6)],
    )
    assert Counter(r.start for r in packed.schedule) == {date(2026, 4, 1): 6}
    assert max(months.values()) == 1
    assert len(months) == 6
    for item in programme.items.all():
        assert item.finish_by <= date(2027, 3, 31)
        assert item.due == date(2027, 3, 31)


def test_phase_transfer_children_first(demo, frozen):
    statements = _statements(demo, [("north_oak", 4)])
    mover = statements[-1].child
    NextPhase.objects.create(child=mover, transfer_year=2027, kind="school")
    programme = _propose(demo, monthly_capacity=1, per_school_limit=1)
    item = programme.items.get(child=mover)
    assert item.transfer_year == 2027
    assert item.due == date(2027, 2, 14)  # before 15 February (art. 14(2)-(4); reg 18)
    assert item.finish_by < date(2027, 2, 15)
    assert programme.feasible


def test_infeasible_says_the_capacity_needed(demo, frozen, client):
    _statements(demo, [("north_oak", 3), ("north_hill", 3)])
    # 1 a month, 20 weeks each, deadline 1 Nov 2026: only April to June can start in time.
    programme = _propose(demo, deadline=date(2026, 11, 1), monthly_capacity=1, per_school_limit=6)
    assert not programme.feasible
    assert programme.capacity_needed == 2
    unscheduled = programme.items.filter(month__isnull=True)
    assert unscheduled.count() == 3
    with pytest.raises(ValidationError):
        programmes.programme_accept(actor=demo["north_caseworker"], programme=programme)

    client.force_login(demo["north_caseworker"])
    page = client.get(reverse("reviews_programme", args=[programme.pk])).content.decode()
    assert "cannot be done by 1 November 2026 with 1 a month: it needs 2 a month" in page
    assert "Children who could not be scheduled" in page
    assert "Accept the programme" not in page

    revised = programmes.programme_revise(
        actor=demo["north_caseworker"], programme=programme, monthly_capacity=2
    )
    assert revised.feasible
    assert revised.capacity_needed is None
    assert not revised.items.filter(month__isnull=True).exists()


def test_no_school_gets_more_than_its_limit_a_month(demo, frozen):
    _statements(demo, [("north_hill", 6), ("north_oak", 2)])
    programme = _propose(demo, monthly_capacity=4, per_school_limit=2, deadline=date(2027, 1, 1))
    assert programme.feasible
    per_school_month = Counter((item.school_id, item.month) for item in programme.items.all())
    assert max(per_school_month.values()) <= 2
    schedule = programme_selectors.programme_schedule(programme)
    assert schedule.schools[0][0] == demo["north_hill"].name  # the school with the most


def test_accept_schedules_the_reviews_and_tells_each_school(demo, frozen, client):
    statements = _statements(demo, [("north_oak", 3), ("north_hill", 2)])
    programme = _propose(demo)
    mail.outbox.clear()
    client.force_login(demo["north_caseworker"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(reverse("reviews_programme_accept", args=[programme.pk]))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.ACCEPTED
    assert programme.accepted_on == date(2026, 3, 2)
    reviews = Review.objects.filter(programme=programme)
    assert reviews.count() == 5
    for review in reviews:
        item = programme.items.get(child=review.child)
        assert review.kind == ReviewKind.TRANSFER
        assert review.statement.child_id == review.child_id
        # Held in its month: due by the month's last day.
        assert review.due_on.replace(day=1) == item.month
        assert review.due_on == programmes.month_end(item.month)
    # The statements are untouched: in force until the plan is issued.
    assert all(
        s.status == StatementStatus.IN_FORCE
        for s in LegacyStatement.objects.filter(pk__in=[s.pk for s in statements])
    )
    # Each school's SENCO and head told, with counts, no child named anywhere in a subject.
    assert mail.outbox
    names = {s.child.first_name for s in statements}
    oak_mail = [m for m in mail.outbox if demo["oak_senco"].email in m.to]
    assert oak_mail and "3 transfer reviews" in oak_mail[0].body
    hill_mail = [m for m in mail.outbox if demo["hill_senco"].email in m.to]
    assert hill_mail and "2 transfer reviews" in hill_mail[0].body
    for message in mail.outbox:
        assert not any(name in message.subject for name in names)
        assert not any(name in message.body for name in names)
    assert AuditEvent.objects.filter(record_id=str(programme.pk), kind="updated").exists()
    # Accepting twice changes nothing.
    with pytest.raises(ValidationError):
        programmes.programme_accept(actor=demo["north_caseworker"], programme=programme)

    # The school sees its own programme reviews by month; Oakfield only its own.
    client.force_login(demo["oak_senco"])
    page = client.get(reverse("reviews_school_programme")).content.decode()
    oak_children = [s.child.full_name for s in statements if s.school == demo["north_oak"]]
    hill_children = [s.child.full_name for s in statements if s.school == demo["north_hill"]]
    assert all(name in page for name in oak_children)
    assert not any(name in page for name in hill_children)


def test_a_backlog_review_is_scheduled_into_its_month_and_stays_late(demo, issued, frozen):
    review = issued.plan.reviews.filter(status="due").first() or Review.objects.create(
        child=demo["mia"],
        local_authority=issued.plan.local_authority,
        plan=issued.plan,
        school=demo["north_hill"],
        due_on=date(2027, 6, 1),
    )
    frozen.move_to("2027-07-05 10:00")  # a month overdue (CFA s44(1))
    programme = _propose(
        demo,
        name="Backlog 2027",
        purpose="backlog",
        start=date(2027, 8, 1),
        deadline=date(2028, 3, 1),
        review_weeks=None,
    )
    assert programme.review_weeks == programmes.BACKLOG_REVIEW_WEEKS
    item = programme.items.get()
    assert item.plan_id == issued.plan.pk
    programmes.programme_accept(actor=demo["north_caseworker"], programme=programme)
    review.refresh_from_db()
    assert review.programme_id == programme.pk
    # The programme's month is kept beside the statutory date, which does not move: a backlog
    # review held in its programme month is still counted late.
    assert review.scheduled_by == programmes.month_end(item.month)
    assert review.due_on == date(2027, 6, 1)
    assert review.kind == ReviewKind.ANNUAL


def test_only_the_councils_send_team_may(demo, frozen, client):
    _statements(demo, [("north_oak", 2)])
    for persona in ("oak_senco", "hill_senco", "north_parent", "south_caseworker"):
        with pytest.raises(PermissionDenied):
            _propose(demo, actor=demo[persona])
    programme = _propose(demo)
    for persona in ("oak_senco", "north_parent", "south_caseworker"):
        with pytest.raises(PermissionDenied):
            programmes.programme_accept(actor=demo[persona], programme=programme)
        client.force_login(demo[persona])
        assert client.get(reverse("reviews_programme", args=[programme.pk])).status_code == 404
        response = client.post(reverse("reviews_programme_accept", args=[programme.pk]))
        assert response.status_code == 404
        listing = client.get(reverse("reviews_programmes"))
        assert listing.status_code == 404 or programme.name not in listing.content.decode()
    client.force_login(demo["north_parent"])
    assert client.get(reverse("reviews_school_programme")).status_code == 404
    programme.refresh_from_db()
    assert programme.status == ProgrammeStatus.PROPOSED


def test_the_new_programme_form(demo, frozen, client):
    _statements(demo, [("north_oak", 2)])
    client.force_login(demo["north_caseworker"])
    page = client.get(reverse("reviews_programme_new")).content.decode()
    assert "20 weeks" in page
    bad = client.post(reverse("reviews_programme_new"), {"name": "", "purpose": "statements"})
    assert bad.status_code == 200
    assert "There is a problem" in bad.content.decode()
    good = client.post(
        reverse("reviews_programme_new"),
        {
            "name": "Statements",
            "purpose": "statements",
            "start_0": "1",
            "start_1": "4",
            "start_2": "2026",
            "deadline_0": "1",
            "deadline_1": "4",
            "deadline_2": "2027",
            "monthly_capacity": "2",
            "per_school_limit": "1",
            "review_weeks": "",
        },
    )
    assert good.status_code == 302
    page = client.get(good["Location"]).content.decode()
    assert "Schedule, month by month" in page
    assert "Accept the programme" in page
