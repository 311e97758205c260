"""The planning pages: plan the year in one submission, adjust the proposals, confirm them."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.meetings import planning
from opensend.meetings.models import Invitee, Meeting
from tests.meetings.test_planning import ALL_SLOTS, LONDON, add_pupil, frozen, oak  # noqa: F401
from tests.queries import assert_constant_queries
from tests.signin import sign_in

TODAY = date(2026, 8, 20)


@pytest.fixture
def senco_client(client, demo, oak):  # noqa: F811
    with frozen(TODAY):
        sign_in(client, demo["oak_senco"])
    return client


def post_plan(client, demo, **changes):
    data = {
        "academic_year": "2026",
        "slots": ALL_SLOTS,
        "group_size": "1",
        "staff": [str(demo["oak_senco"].pk)],
    }
    data.update(changes)
    with frozen(TODAY):
        return client.post(reverse("meetings_plan", args=[demo["north_oak"].pk]), data)


def test_the_plan_page_offers_the_choices(senco_client, demo):
    with frozen(TODAY):
        response = senco_client.get(reverse("meetings_plan", args=[demo["north_oak"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Pupils with an EHC plan are offered two meetings" in page
    for label in ("In person during the school day", "In person after school", "Online"):
        assert label in page
    assert demo["oak_teacher"].full_name in page
    assert demo["oak_governor"].full_name not in page


def test_one_submission_plans_the_year(senco_client, demo):
    response = post_plan(senco_client, demo)
    school = demo["north_oak"]
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings_proposed", args=[school.pk]) + "?year=2026"
    assert Meeting.objects.filter(status="proposed").count() == 5
    with frozen(TODAY):
        page = senco_client.get(response["Location"]).content.decode()
    assert "5 meetings proposed for 2 pupils" in page
    assert "Autumn term" in page and "Leo Patel" in page and "Ava Martin" in page
    assert "Confirm 5 meetings and invite families" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slots": []}, "Select at least one kind of meeting to offer"),
        ({"staff": []}, "Select at least one member of staff to lead meetings"),
        ({"group_size": "lots"}, "Families in a meeting must be a whole number, like 4"),
        ({"group_size": "20"}, "Families in a meeting must be between 1 and 12"),
        ({"academic_year": "2030"}, "Select a valid choice"),
    ],
)
def test_bad_choices_are_shown_with_an_error_summary(senco_client, demo, changes, message):
    response = post_plan(senco_client, demo, **changes)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not Meeting.objects.exists()


def test_change_move_remove_and_confirm(senco_client, demo):
    post_plan(senco_client, demo)
    leo_autumn = Meeting.objects.get(term="autumn", invitees__child=demo["leo"])
    ava_autumn = Meeting.objects.get(term="autumn", invitees__child=demo["ava"])
    edit = reverse("meeting_proposal_edit", args=[leo_autumn.pk])
    data = {
        "version": leo_autumn.version,
        "day_0": "27",
        "day_1": "10",
        "day_2": "2026",
        "start_time": "16:00",
        "duration_minutes": "30",
        "slot": "after_school",
        "mode": "online",
        "staff": str(demo["oak_teacher"].pk),
        "location": "",
    }
    with frozen(TODAY):
        closed = senco_client.post(edit, data)
    assert closed.status_code == 200
    assert "The school is closed on 27 October 2026: choose another day" in closed.content.decode()
    with frozen(TODAY):
        saved = senco_client.post(edit, {**data, "day_0": "12", "day_1": "11"})
    assert saved.status_code == 302
    leo_autumn.refresh_from_db()
    assert timezone.localtime(leo_autumn.starts_at) == datetime(2026, 11, 12, 16, 0, tzinfo=LONDON)
    assert leo_autumn.staff == demo["oak_teacher"]

    place = leo_autumn.invitees.get()
    move = reverse("meeting_place_move", args=[place.pk])
    with frozen(TODAY):
        assert senco_client.get(move).status_code == 200
        empty = senco_client.post(move, {})
        assert "Select where to move the family" in empty.content.decode()
        assert senco_client.post(move, {"to_meeting": str(ava_autumn.pk)}).status_code == 302
    assert ava_autumn.invitees.count() == 2
    assert not Meeting.objects.filter(pk=leo_autumn.pk).exists()

    summer = Meeting.objects.get(term="summer")
    with frozen(TODAY):
        remove = reverse("meeting_proposal_remove", args=[summer.pk])
        assert "Remove the meeting" in senco_client.get(remove).content.decode()
        assert senco_client.post(remove).status_code == 302
    assert Meeting.objects.count() == 3

    proposed = reverse("meetings_proposed", args=[demo["north_oak"].pk])
    with frozen(TODAY):
        response = senco_client.post(proposed, {"year": "2026"})
    assert response.status_code == 302
    assert response["Location"] == reverse("school_meetings", args=[demo["north_oak"].pk])
    assert set(Meeting.objects.values_list("status", flat=True)) == {"confirmed"}
    assert not Invitee.objects.filter(invited_at__isnull=True).exists()
    with frozen(TODAY):
        listing = senco_client.get(response["Location"]).content.decode()
        assert "3 meetings confirmed. 4 families invited" in listing
        assert "Upcoming meetings" in listing and "Leo Patel" in listing
        # A confirmed meeting is no longer a proposal: its change page sends the SENCO back.
        assert (
            senco_client.get(edit.replace(str(leo_autumn.pk), str(ava_autumn.pk))).status_code
            == 302
        )


def test_confirming_with_a_past_proposal_says_what_to_do(senco_client, demo):
    post_plan(senco_client, demo)
    proposed = reverse("meetings_proposed", args=[demo["north_oak"].pk])
    with frozen(date(2026, 12, 1)):
        sign_in(senco_client, demo["oak_senco"])  # a new day, a new session
        response = senco_client.post(proposed, {"year": "2026"})
    assert response.status_code == 200
    assert "in the past. Change the date or remove it before confirming" in (
        response.content.decode()
    )
    assert not Meeting.objects.filter(status="confirmed").exists()


def test_teachers_see_the_meetings_but_cannot_plan(client, demo, oak):  # noqa: F811
    with frozen(TODAY):
        sign_in(client, demo["oak_teacher"])
        school = demo["north_oak"]
        listing = client.get(reverse("school_meetings", args=[school.pk]))
        assert listing.status_code == 200
        assert "Plan the year" not in listing.content.decode()
        assert client.get(reverse("meetings_plan", args=[school.pk])).status_code == 403
        assert client.get(reverse("meetings_proposed", args=[school.pk])).status_code == 403
        home = client.get(reverse("meetings_index"))
        assert home.status_code == 302 and home["Location"] == reverse(
            "school_meetings", args=[school.pk]
        )


def test_parent_meetings_is_in_the_menu_for_school_staff(client, demo):
    with frozen(TODAY):
        sign_in(client, demo["oak_senco"])
        page = client.get(reverse("school_meetings", args=[demo["north_oak"].pk]))
    assert f'href="{reverse("meetings_index")}"' in page.content.decode()
    assert "Parent meetings" in page.content.decode()


def test_the_lists_run_a_constant_number_of_queries(senco_client, demo):
    school = demo["north_oak"]
    pupils = iter(range(100))

    def grow():
        add_pupil(demo, f"Pupil{next(pupils)}", year_group="5")
        response = post_plan(senco_client, demo)
        senco_client.get(response["Location"])  # shows (and so clears) the "proposed" message

    def grow_confirmed():
        grow()
        planning.confirm_year(actor=demo["oak_senco"], school=school, academic_year=2026)

    with frozen(TODAY):
        grow()  # some meetings to start with: an empty list skips the prefetches
        proposed = reverse("meetings_proposed", args=[school.pk])
        assert_constant_queries(lambda: senco_client.get(proposed, {"year": "2026"}), grow)
        planning.confirm_year(actor=demo["oak_senco"], school=school, academic_year=2026)
        listing = reverse("school_meetings", args=[school.pk])
        assert_constant_queries(lambda: senco_client.get(listing), grow_confirmed)
