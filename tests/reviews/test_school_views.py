"""The arranger's review pages (the SENCO's tray, the review, arrange, advice, record, send) and
the professionals' "invited" pages.

Mia's plan was issued on Monday 1 June 2026 naming Hillside; her first annual review is due by
1 June 2027 (CFA s44). On Monday 12 April 2027 it is due within 8 weeks: Hillside's SENCO
arranges the meeting for Monday 10 May 2027 at 2pm (at least 2 weeks' notice, reg 20(3): the
earliest date that day is 26 April), records it on the day and sends the report: the report
is then due by 24 May (reg 20(7)) and the decision by 7 June 2027 (reg 20(10)).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from opensend.people.models import Child
from opensend.reviews import services
from opensend.reviews.models import (
    ParticipantRole,
    Review,
    ReviewParticipant,
    ReviewStatus,
    TransferProgramme,
)
from tests.queries import assert_constant_queries
from tests.signin import sign_in

ARRANGE_DAY = "2027-04-12 10:00"
MEETING = {"day_0": "10", "day_1": "5", "day_2": "2027", "start_time": "14:00"}


def arrange_data(client, review, **changes):
    """The arrange form as the page offers it: every default invitee ticked."""
    page = client.get(reverse("reviews_arrange", args=[review.pk]))
    form = page.context["form"]
    data = {**MEETING, "location": "Hillside, the SENCO's room"}
    data["invitees"] = list(form.initial["invitees"])
    data.update(changes)
    return data


def arranged(demo, review, frozen):
    frozen.move_to(ARRANGE_DAY)
    return services.review_arrange(
        actor=demo["hill_senco"],
        review=review,
        meeting_at=datetime(2027, 5, 10, 14, 0, tzinfo=ZoneInfo("Europe/London")),
        location="Hillside",
    )


# --- the tray ---------------------------------------------------------------------------------


def test_the_senco_tray_shows_a_review_due_within_8_weeks(demo, review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    response = signed_in("hill_senco").get(reverse("reviews_school_tray"))
    assert response.status_code == 200
    due = response.context["due"]
    assert [row["review"].pk for row in due] == [review.pk]
    assert demo["mia"].full_name in response.content.decode()


def test_a_review_not_due_for_months_is_not_in_the_due_list(demo, review, frozen, signed_in):
    frozen.move_to("2026-09-01 10:00")
    response = signed_in("hill_senco").get(reverse("reviews_school_tray"))
    assert response.status_code == 200
    assert response.context["due"] == []


def test_another_schools_senco_sees_none_of_hillsides_reviews(review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    response = signed_in("oak_senco").get(reverse("reviews_school_tray"))
    assert response.status_code == 200
    shown = [
        row["review"].pk
        for key in ("due", "overdue", "in_progress")
        for row in response.context[key]
    ]
    assert review.pk not in shown


@pytest.mark.parametrize("persona", ["north_parent", "north_health"])
def test_the_school_tray_is_not_for_families_or_health(review, persona, signed_in):
    assert signed_in(persona).get(reverse("reviews_school_tray")).status_code == 404


# --- the review page --------------------------------------------------------------------------


def test_the_review_page_shows_every_date_with_its_source(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    response = signed_in("hill_senco").get(reverse("reviews_review", args=[review.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for source in (
        "section 44",
        "regulation 20(3)",
        "regulation 20(4)",
        "regulation 20(7)",
        "regulation 20(10)",
        "regulation 22(3)",
    ):
        assert source in html
    assert "24 May 2027" in html  # report due, reg 20(7)
    assert "7 June 2027" in html  # decision due, reg 20(10)
    assert "2 August 2027" in html  # amended plan due, reg 22(3) (meeting + 12 weeks)


def test_the_council_caseworker_can_open_the_review(review, signed_in):
    response = signed_in("north_caseworker").get(reverse("reviews_review", args=[review.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "persona", ["oak_senco", "south_caseworker", "north_parent", "south_parent", "north_health"]
)
def test_the_review_page_refuses_everyone_else(review, persona, signed_in):
    response = signed_in(persona).get(reverse("reviews_review", args=[review.pk]))
    assert response.status_code == 404


# --- arrange ------------------------------------------------------------------------------------


def test_the_arrange_form_ticks_every_default_invitee(demo, review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    response = signed_in("hill_senco").get(reverse("reviews_arrange", args=[review.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert len(form.initial["invitees"]) == len(services.default_invitees(review))
    roles = {key.split(":")[0] for key in form.initial["invitees"]}
    assert {ParticipantRole.FAMILY, ParticipantRole.SCHOOL, ParticipantRole.LA} <= roles


def test_one_submission_arranges_the_meeting_and_invites_everyone(demo, review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("hill_senco")
    data = arrange_data(client, review)
    response = client.post(reverse("reviews_arrange", args=[review.pk]), data)
    assert response.status_code == 302
    assert response.url == reverse("reviews_review", args=[review.pk])
    review.refresh_from_db()
    assert review.status == ReviewStatus.ARRANGED
    assert review.report_due == date(2027, 5, 24)
    assert review.participants.count() == len(data["invitees"])


def test_too_little_notice_is_a_form_error_naming_the_earliest_date(
    demo, review, frozen, signed_in
):
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("hill_senco")
    data = arrange_data(client, review, day_0="20", day_1="4")
    response = client.post(reverse("reviews_arrange", args=[review.pk]), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "26 April 2027" in html
    review.refresh_from_db()
    assert review.status == ReviewStatus.DUE


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"day_0": "31", "day_1": "2"}, "must be a real date"),
        ({"day_0": "", "day_1": "", "day_2": ""}, "Enter the date of the meeting"),
        ({"start_time": "2pm"}, "Enter the start time as hours and minutes"),
        ({"invitees": []}, "Choose at least one person to invite"),
    ],
)
def test_bad_input_gives_a_form_error_not_a_crash(
    demo, review, frozen, signed_in, changes, message
):
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("hill_senco")
    data = arrange_data(client, review, **changes)
    response = client.post(reverse("reviews_arrange", args=[review.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_another_school_cannot_arrange(review, signed_in):
    client = signed_in("oak_senco")
    assert client.get(reverse("reviews_arrange", args=[review.pk])).status_code == 404
    assert client.post(reverse("reviews_arrange", args=[review.pk]), MEETING).status_code == 404


# --- advice -------------------------------------------------------------------------------------


def test_the_senco_records_advice_on_someones_behalf_and_circulates_it(
    demo, review, frozen, signed_in
):
    arranged(demo, review, frozen)
    health = review.participants.exclude(role=ParticipantRole.FAMILY).first()
    client = signed_in("hill_senco")
    url = reverse("reviews_advice_record", args=[review.pk, health.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"advice": ""}).status_code == 200  # required: a form error
    response = client.post(url, {"advice": "Seen in clinic in March: going well ADVICE-BY-POST"})
    assert response.status_code == 302
    health.refresh_from_db()
    assert "ADVICE-BY-POST" in health.advice
    response = client.post(reverse("reviews_circulate", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.advice_circulated_on == date(2027, 4, 12)


def test_circulating_with_no_advice_is_a_message_not_a_crash(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    client = signed_in("hill_senco")
    response = client.post(reverse("reviews_circulate", args=[review.pk]), follow=True)
    assert response.status_code == 200
    assert "nothing to send" in response.content.decode()


def test_advice_of_another_review_is_not_found(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    participant = review.participants.first()
    url = reverse("reviews_advice_record", args=[review.pk, participant.pk])
    assert signed_in("oak_senco").get(url).status_code == 404


# --- record and send: the whole "nothing changed" report is two submissions ---------------------


def test_arrange_record_and_send_end_to_end(demo, review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("hill_senco")
    # 1. Arrange: one submission.
    response = client.post(
        reverse("reviews_arrange", args=[review.pk]), arrange_data(client, review)
    )
    assert response.status_code == 302
    # The family give their views before the meeting.
    family = ReviewParticipant.objects.get(
        review=review, role=ParticipantRole.FAMILY, user=demo["north_parent"]
    )
    services.review_advice_give(
        actor=demo["north_parent"], participant=family, advice="She is happier FAMILY-VIEWS"
    )
    # 2. On the day, the record: pre-filled; the SENCO confirms it as it is.
    frozen.move_to("2027-05-10 16:00")
    client = signed_in("hill_senco")  # a new day, a new session
    page = client.get(reverse("reviews_record", args=[review.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["recommends"] == "keep"
    assert form.initial["held_on"] == date(2027, 5, 10)
    assert "FAMILY-VIEWS" in form.initial["family_views"]
    assert form.outcome_rows  # every outcome in section E, its progress already chosen
    for _outcome, progress, _evidence in form.outcome_rows:
        assert form.initial[progress]
    data = _as_posted(form)
    response = client.post(reverse("reviews_record", args=[review.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    review.refresh_from_db()
    assert review.status == ReviewStatus.HELD
    assert review.recommends == "keep"
    assert review.progress.count() == len(form.outcome_rows)
    # 3. Send the report: one button on the review page.
    page = client.get(reverse("reviews_review", args=[review.pk]))
    assert reverse("reviews_report_send", args=[review.pk]) in page.content.decode()
    response = client.post(reverse("reviews_report_send", args=[review.pk]))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.REPORTED
    assert review.report_sent_on == date(2027, 5, 10)


def _as_posted(form) -> dict:
    """The form's initial values as a browser would post them (date as three boxes)."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "held_on":
            data.update({"held_on_0": value.day, "held_on_1": value.month, "held_on_2": value.year})
        elif value is None:
            continue
        else:
            data[name] = value
    return data


def test_a_meeting_recorded_before_it_is_held_is_a_form_error(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    client = signed_in("hill_senco")
    page = client.get(reverse("reviews_record", args=[review.pk]))
    data = _as_posted(page.context["form"])
    response = client.post(reverse("reviews_record", args=[review.pk]), data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_recommending_amendments_without_saying_which_is_a_form_error(
    demo, review, frozen, signed_in
):
    arranged(demo, review, frozen)
    frozen.move_to("2027-05-10 16:00")
    client = signed_in("hill_senco")
    page = client.get(reverse("reviews_record", args=[review.pk]))
    data = _as_posted(page.context["form"]) | {"recommends": "amend"}
    response = client.post(reverse("reviews_record", args=[review.pk]), data)
    assert response.status_code == 200
    assert "Say which amendments the meeting recommends" in response.content.decode()


def test_the_record_is_refused_to_another_school(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    client = signed_in("oak_senco")
    assert client.get(reverse("reviews_record", args=[review.pk])).status_code == 404
    assert client.post(reverse("reviews_report_send", args=[review.pk])).status_code == 404


# --- professionals invited ----------------------------------------------------------------------


def _invited_professional(review):
    return (
        review.participants.exclude(role=ParticipantRole.FAMILY)
        .exclude(user__isnull=True)
        .exclude(role=ParticipantRole.SCHOOL)
        .select_related("user")
        .first()
    )


def test_an_invited_professional_sees_the_review_and_gives_advice(demo, review, frozen, client):
    arranged(demo, review, frozen)
    invited = _invited_professional(review)
    assert invited is not None
    sign_in(client, invited.user)
    response = client.get(reverse("reviews_invited"))
    assert response.status_code == 200
    assert reverse("reviews_invited_advice", args=[invited.pk]) in response.content.decode()
    url = reverse("reviews_invited_advice", args=[invited.pk])
    assert client.get(url).status_code == 200
    assert "Enter the advice" in client.post(url, {"advice": ""}).content.decode()
    response = client.post(url, {"advice": "Doing well PRO-ADVICE"})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.advice == "Doing well PRO-ADVICE"


def test_someone_not_invited_cannot_open_an_invitation(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    invited = _invited_professional(review)
    url = reverse("reviews_invited_advice", args=[invited.pk])
    assert signed_in("south_caseworker").get(url).status_code == 404


# --- the tray's other lists, and its query count --------------------------------------------------


def test_an_under_five_gets_a_suggested_interim_review(demo, review, frozen, signed_in):
    """CoP 9.178: 3 to 6 months from the plan's issue on 1 June 2026: 1 September to
    1 December 2026. Shown, not forced: no review is created."""
    Child.objects.filter(pk=demo["mia"].pk).update(date_of_birth=date(2023, 1, 10))
    frozen.move_to("2026-09-15 10:00")
    response = signed_in("hill_senco").get(reverse("reviews_school_tray"))
    assert response.status_code == 200
    interim = response.context["interim"]
    assert [(row["earliest"], row["latest"]) for row in interim] == [
        (date(2026, 9, 1), date(2026, 12, 1))
    ]
    assert "9.178" in response.content.decode()
    assert Review.objects.filter(kind="interim").count() == 0


def test_a_review_a_programme_scheduled_is_listed_as_such(demo, review, frozen, signed_in):
    programme = TransferProgramme.objects.create(
        local_authority=review.local_authority,
        name="Clearing the backlog",
        purpose="backlog",
        status="accepted",
        start=date(2026, 9, 1),
        deadline=date(2027, 7, 31),
        monthly_capacity=10,
        per_school_limit=2,
        review_weeks=20,
    )
    Review.objects.filter(pk=review.pk).update(programme=programme)
    frozen.move_to("2026-09-15 10:00")
    response = signed_in("hill_senco").get(reverse("reviews_school_tray"))
    assert [row["review"].pk for row in response.context["programme"]] == [review.pk]


def test_the_tray_makes_the_same_queries_however_many_reviews(demo, review, frozen, signed_in):
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("hill_senco")
    url = reverse("reviews_school_tray")

    def grow():
        Review.objects.create(
            child=review.child,
            local_authority=review.local_authority,
            plan=review.plan,
            school=review.school,
            kind="interim",
            due_on=date(2027, 5, 3),
        )

    assert_constant_queries(lambda: client.get(url), grow)


def test_the_record_form_has_progress_already_chosen(demo, review, frozen, signed_in):
    arranged(demo, review, frozen)
    frozen.move_to("2027-05-10 16:00")
    html = signed_in("hill_senco").get(reverse("reviews_record", args=[review.pk])).content
    assert b"checked" in html
    assert b'value="keep"' in html


def test_the_council_may_arrange_the_meeting_too(demo, review, frozen, signed_in):
    """Reg 20(1), 21: the council's SEND team may always arrange the review."""
    frozen.move_to(ARRANGE_DAY)
    client = signed_in("north_caseworker")
    page = client.get(reverse("reviews_review", args=[review.pk]))
    assert reverse("reviews_la_tray") in page.content.decode()
    response = client.post(
        reverse("reviews_arrange", args=[review.pk]), arrange_data(client, review)
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.ARRANGED
