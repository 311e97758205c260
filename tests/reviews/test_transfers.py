"""Children changing phase (reg 18) and entering a child's next move.

Time is frozen on Thursday 1 October 2026, in the autumn term before a September 2027 move:
the plan must be amended by 15 February 2027 (reg 18(1)(b)), so the review meeting is held by
22 November 2026 (12 weeks and a day before, reg 22(3) and Devon 2022), and the list warns from
1 September 2026.
"""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.ehc.models import PlanVersion, PlanVersionStatus
from opensend.organisations.models import Organisation
from opensend.reviews import transfers
from opensend.reviews.models import NextPhase, ReviewStatus
from tests.queries import assert_constant_queries
from tests.reviews.test_la_views import plan_for, review_for

TODAY = date(2026, 10, 1)


@pytest.fixture
def autumn(frozen):
    frozen.move_to("2026-10-01 10:00")
    return frozen


def meeting(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def page(client, **params):
    return client.get(reverse("reviews_la_phase_transfers"), params)


def status_of(rows, plan):
    return next(row.status for row in rows if row.plan.pk == plan.pk)


def test_the_status_of_each_child_moving_next_september(demo, autumn):
    not_arranged = plan_for(demo)
    review_for(not_arranged, due_on=date(2027, 6, 2))
    in_time = plan_for(demo)
    review_for(
        in_time,
        due_on=date(2027, 6, 2),
        status=ReviewStatus.ARRANGED,
        meeting_at=meeting(date(2026, 11, 2)),
    )
    too_late = plan_for(demo)
    review_for(
        too_late,
        due_on=date(2027, 6, 2),
        status=ReviewStatus.ARRANGED,
        meeting_at=meeting(date(2026, 12, 7)),
    )
    amended = plan_for(demo)
    review_for(
        amended,
        due_on=date(2027, 6, 2),
        status=ReviewStatus.COMPLETE,
        meeting_at=meeting(date(2026, 9, 14)),
        held_on=date(2026, 9, 14),
        decision="amend",
    )
    PlanVersion.objects.filter(plan=amended).update(status=PlanVersionStatus.SUPERSEDED)
    PlanVersion.objects.create(
        plan=amended,
        number=2,
        status=PlanVersionStatus.ISSUED,
        issued_on=date(2026, 9, 28),
        placement=demo["north_oak"],
    )
    next_year = plan_for(demo, year_group="5")
    south = plan_for(demo, school="south_river", la="south_la")

    rows, unknown = transfers.phase_transfers(demo["north_caseworker"], year=2027, today=TODAY)

    listed = {row.plan.pk for row in rows}
    assert listed == {not_arranged.pk, in_time.pk, too_late.pk, amended.pk}
    assert next_year.pk not in listed and south.pk not in listed
    assert status_of(rows, not_arranged) == transfers.NOT_ARRANGED
    assert status_of(rows, in_time) == transfers.ARRANGED
    assert status_of(rows, too_late) == transfers.ARRANGED_LATE
    assert status_of(rows, amended) == transfers.AMENDED
    assert rows[0].transfer.deadline == date(2027, 2, 15)
    assert rows[0].transfer.latest_meeting == date(2026, 11, 22)
    assert [row.plan for row in transfers.not_arranged(rows)] == [not_arranged]
    assert unknown == []


def test_before_the_autumn_term_not_arranged_is_not_yet_a_warning(demo, frozen):
    frozen.move_to("2026-06-15 10:00")  # summer term: Year 5 moves in September 2027
    plan = plan_for(demo, year_group="5")
    rows, _ = transfers.phase_transfers(
        demo["north_caseworker"], year=2027, today=date(2026, 6, 15)
    )
    assert status_of(rows, plan) == transfers.NOT_ARRANGED_YET


def test_the_page_lists_warns_and_shows_the_deadlines(signed_in, demo, autumn):
    waiting = plan_for(demo)
    middle = Organisation.objects.create(
        kind="school",
        name="Northshire Middle School",
        local_authority=demo["north_la"],
        phase="middle_primary",
    )
    unknown = plan_for(demo, school="north_oak", year_group="6")
    enrolment = unknown.child.enrolments.get()
    enrolment.school = middle
    enrolment.save()
    response = page(signed_in("north_caseworker"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "September 2027" in html
    assert "15 February 2027" in html and "31 March 2027" in html
    assert "reg 18(1)" in html
    assert 'id="transfer-warning"' in html
    assert waiting.child.full_name in html
    assert reverse("reviews_next_phase", args=[unknown.child.pk]) in html
    assert "Next move not known" in html


def test_no_warning_before_the_autumn_term(signed_in, demo, frozen):
    frozen.move_to("2026-06-15 10:00")
    plan_for(demo, year_group="5")
    html = page(signed_in("north_caseworker"), year=2027).content.decode()
    assert 'id="transfer-warning"' not in html


def test_a_hand_edited_year_is_explained(signed_in, autumn):
    client = signed_in("north_caseworker")
    for year in ("soon", "1900"):
        response = page(client, year=year)
        assert response.status_code == 200
        assert "Enter a year from" in response.content.decode()


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_ep"])
def test_the_list_is_for_a_councils_send_team(signed_in, persona):
    assert page(signed_in(persona)).status_code == 404


def test_another_council_sees_none_of_ours(signed_in, demo, autumn):
    plan = plan_for(demo)
    html = page(signed_in("south_caseworker")).content.decode()
    assert plan.child.last_name not in html


def test_the_list_runs_a_constant_number_of_queries(signed_in, demo, autumn):
    client = signed_in("north_caseworker")
    review_for(plan_for(demo), due_on=date(2027, 6, 2))

    def grow():
        for year_group in ("6", "6", "5"):
            plan = plan_for(demo, year_group=year_group)
            review_for(
                plan,
                due_on=date(2027, 6, 2),
                status=ReviewStatus.ARRANGED,
                meeting_at=meeting(date(2026, 11, 2)),
            )

    def action():
        assert page(client).status_code == 200

    assert_constant_queries(action, grow)


# --- entering the next move ---------------------------------------------------------------------


def next_phase_url(child):
    return reverse("reviews_next_phase", args=[child.pk])


def test_the_school_enters_the_next_move(signed_in, demo, review, autumn):
    mia = demo["mia"]
    client = signed_in("hill_senco")
    assert client.get(next_phase_url(mia)).status_code == 200
    response = client.post(
        next_phase_url(mia),
        {"transfer_year": "2027", "kind": "school", "next_school": str(demo["north_oak"].pk)},
    )
    assert response.status_code == 302
    entered = NextPhase.objects.get(child=mia)
    assert (entered.transfer_year, entered.kind, entered.next_school) == (
        2027,
        "school",
        demo["north_oak"],
    )


def test_the_council_enters_it_and_the_child_joins_the_list(signed_in, demo, review, autumn):
    mia = demo["mia"]
    client = signed_in("north_caseworker")
    response = client.post(
        next_phase_url(mia),
        {"transfer_year": "2027", "kind": "school", "next_school_name": "Seaview Academy"},
    )
    assert response["Location"] == reverse("reviews_la_phase_transfers") + "?year=2027"
    html = client.get(response["Location"]).content.decode()
    assert "Hughes, Mia" in html and "Seaview Academy" in html


def test_bad_input_is_explained(signed_in, demo, review, autumn):
    client = signed_in("hill_senco")
    response = client.post(
        next_phase_url(demo["mia"]),
        {"transfer_year": "20x7", "kind": "sideways", "next_school": "not-a-school"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter the year of the move as a number" in html
    assert "Choose the kind of move" in html
    assert "Choose a school from the list" in html
    response = client.post(next_phase_url(demo["mia"]), {"transfer_year": "1999", "kind": "school"})
    assert "Enter a year from 2027" in response.content.decode()
    assert not NextPhase.objects.filter(child=demo["mia"]).exists()


@pytest.mark.parametrize(
    "persona", ["oak_senco", "south_caseworker", "south_parent", "north_ep", "north_health"]
)
def test_the_next_move_is_for_the_childs_school_and_council(signed_in, demo, review, persona):
    client = signed_in(persona)
    assert client.get(next_phase_url(demo["mia"])).status_code == 404
    response = client.post(next_phase_url(demo["mia"]), {"transfer_year": "2027", "kind": "school"})
    assert response.status_code == 404
