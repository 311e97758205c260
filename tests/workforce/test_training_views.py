"""The training pages: the year's plan, planning a session (checked before it is saved), a
session with its attendance, cancelling, a person's history and "Your SEND training".

Time is frozen on Monday 2 November 2026, 10:00 (tests/workforce/conftest.py).
"""

from datetime import date

import pytest
from django.urls import reverse

from opensend.workforce.models import SessionStatus, TrainingAttendance, TrainingSession
from tests.queries import assert_constant_queries
from tests.workforce.training_fixtures import held_session, plan

CLEAN = {
    "title": "Adaptive teaching",
    "purpose": "Ordinarily available provision",
    "provider": "Northshire SEND outreach",
    "audiences": ["all_teachers", "teaching_assistants"],
    "day_0": "25",
    "day_1": "11",
    "day_2": "2026",
    "start_time": "13:30",
    "end_time": "15:30",
}
EVENING = {**CLEAN, "day_0": "10", "start_time": "18:00", "end_time": "19:30"}


def new_url(oak):
    return reverse("workforce_training_new", args=[oak.pk])


def plan_url(oak):
    return reverse("workforce_training", args=[oak.pk])


# --- planning a session --------------------------------------------------------------------------


def test_the_form_offers_every_audience_and_the_briefing_box(oak, frozen, signed_in):
    response = signed_in("oak_senco").get(new_url(oak))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("All teachers", "Teaching assistants", "Governors"):
        assert label in html
    assert "This is a Code of Practice briefing" in html
    assert response.context["warnings"] == []


def test_a_clean_session_saves_straight_away(oak, frozen, signed_in):
    response = signed_in("oak_senco").post(new_url(oak), CLEAN)
    assert response.status_code == 302
    assert response["Location"] == plan_url(oak) + "?year=2026"
    session = TrainingSession.objects.get()
    assert session.audiences == ["all_teachers", "teaching_assistants"]
    assert session.problems == [] and session.keep_reason == ""
    assert f"{session.starts_at:%Y-%m-%d %H:%M}" == "2026-11-25 13:30"


def test_an_evening_session_is_shown_again_with_the_warning(oak, frozen, signed_in):
    response = signed_in("oak_senco").post(new_url(oak), EVENING)
    assert response.status_code == 200
    assert not TrainingSession.objects.exists()
    assert response.context["warnings"] == [
        "Tuesday 10 November 2026 18:00 to 19:30 is outside the school day (08:00 to 17:30)",
        "Only 8 days' notice: plan at least 14 days ahead",
    ]
    html = response.content.decode()
    assert "govuk-warning-text" in html
    assert "govuk-error-summary" in html
    assert "Give a reason to keep the session at this time" in html
    assert 'value="Adaptive teaching"' in html  # nothing typed is lost


def test_an_evening_session_with_a_reason_saves_and_keeps_it(oak, frozen, signed_in):
    data = {**EVENING, "keep_reason": "The speaker is only free after school."}
    response = signed_in("oak_senco").post(new_url(oak), data)
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.keep_reason == "The speaker is only free after school."
    assert session.in_directed_time is False


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start_time": "25:00"}, "Enter the start time as hours and minutes"),
        ({"start_time": "half past one"}, "Enter the start time as hours and minutes"),
        ({"end_time": ""}, "Enter the end time"),
        ({"end_time": "12:00"}, "The end time must be after the start time"),
        ({"day_0": "31", "day_1": "2"}, "The date must be a real date"),
        ({"day_0": "x"}, "The date must be a real date, in numbers"),
        ({"day_2": "26"}, "The year must include 4 numbers"),
        ({"day_2": "1900"}, "The date must be between 1 September 2000"),
        ({"day_0": ""}, "Enter the date"),
        ({"audiences": ["everyone"]}, "Choose who the session is for"),
        ({"audiences": []}, "Choose who the session is for"),
        ({"title": ""}, "Enter the title"),
        ({"keep_reason": "x" * 5001}, "The reason must be 5,000 characters or fewer"),
    ],
)
def test_bad_input_is_shown_clearly_and_nothing_is_saved(oak, frozen, signed_in, changes, message):
    response = signed_in("oak_senco").post(new_url(oak), {**CLEAN, **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert message in html
    assert not TrainingSession.objects.exists()


def test_13_30_with_a_dot_is_understood(oak, frozen, signed_in):
    data = {**CLEAN, "start_time": "13.30", "end_time": "15.30"}
    assert signed_in("oak_senco").post(new_url(oak), data).status_code == 302


def test_the_briefing_page_link_pre_ticks_the_briefing_box(oak, frozen, signed_in):
    response = signed_in("oak_senco").get(new_url(oak), {"briefing": "1"})
    assert response.context["form"].initial["is_code_briefing"] is True


# --- the plan ------------------------------------------------------------------------------------


def test_the_plan_lists_the_years_sessions_in_date_order_with_flags(demo, oak, frozen, signed_in):
    senco = demo["oak_senco"]
    late = plan(senco, oak, date(2027, 3, 3), title="Speech and language")
    evening = plan(senco, oak, date(2026, 11, 10), (18, 0), (19, 30), keep_reason="Guest speaker")
    clean = plan(senco, oak, date(2026, 11, 25))
    plan(senco, oak, date(2027, 9, 15), title="Next year")
    response = signed_in("oak_senco").get(plan_url(oak))
    assert response.status_code == 200
    assert [row["session"].pk for row in response.context["rows"]] == [
        evening.pk,
        clean.pk,
        late.pk,
    ]
    assert response.context["rows"][0]["flags"] == ["Outside the school day", "8 days' notice"]
    html = response.content.decode()
    assert "Flagged: Outside the school day, 8 days&#x27; notice" in html
    assert "Kept because: Guest speaker" in html
    plan_ = response.context["plan"]
    assert (plan_.inside, plan_.outside, plan_.short_notice) == (2, 1, 1)


def test_the_plan_switches_years(demo, oak, frozen, signed_in):
    later = plan(demo["oak_senco"], oak, date(2027, 9, 15), title="Next year")
    response = signed_in("oak_senco").get(plan_url(oak), {"year": "2027"})
    assert [row["session"].pk for row in response.context["rows"]] == [later.pk]
    assert "SEND training 2027 to 2028" in response.content.decode()


@pytest.mark.parametrize("year", ["nonsense", "99999", "-1", ""])
def test_a_nonsense_year_shows_this_year(oak, frozen, signed_in, year):
    response = signed_in("oak_senco").get(plan_url(oak), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == 2026


def test_a_cancelled_session_is_not_counted(demo, oak, frozen, signed_in):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    TrainingSession.objects.filter(pk=session.pk).update(status=SessionStatus.CANCELLED)
    plan_ = signed_in("oak_senco").get(plan_url(oak)).context["plan"]
    assert (plan_.inside, plan_.outside) == (0, 0)


def test_the_plan_runs_a_constant_number_of_queries(demo, oak, oak_staff, frozen, signed_in):
    client = signed_in("oak_senco")
    days = iter([date(2026, 11, 25), date(2026, 12, 2), date(2027, 1, 13), date(2027, 2, 3)])

    def grow():
        day = next(days)
        held_session(oak, day, attended=[oak_staff["oak_teacher"], oak_staff["oak_ta"]])
        plan(demo["oak_senco"], oak, day, (18, 0), (19, 0), keep_reason="Speaker")

    assert_constant_queries(lambda: client.get(plan_url(oak)), grow)


# --- one session ---------------------------------------------------------------------------------


def test_the_session_page_shows_the_check_and_waits_for_the_day(demo, oak, frozen, signed_in):
    session = plan(
        demo["oak_senco"], oak, date(2026, 11, 10), (18, 0), (19, 30), keep_reason="Speaker"
    )
    response = signed_in("oak_senco").get(reverse("workforce_training_session", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tuesday 10 November 2026 18:00 to 19:30 is outside the school day" in html
    assert "The school kept it at this time because: Speaker" in html
    assert response.context["can_record"] is False
    assert "once the session has started" in html


def test_attendance_is_recorded_after_the_start_and_pre_ticked(
    demo, oak, oak_staff, frozen, signed_in
):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    frozen.move_to("2026-11-25 16:00")
    client = signed_in("oak_senco")
    url = reverse("workforce_training_session", args=[session.pk])
    choices = [key for key, _ in client.get(url).context["form"].fields["attended"].choices]
    assert len(choices) == 6
    came = [str(oak_staff["oak_teacher"].pk), str(oak_staff["teacher_no_account_1"].pk)]
    response = client.post(url, {"attended": came})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert TrainingAttendance.objects.filter(session=session, attended=True).count() == 2
    assert sorted(client.get(url).context["form"].initial["attended"]) == sorted(came)


def test_attendance_for_someone_not_on_the_list_is_refused(demo, oak, oak_staff, frozen, signed_in):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    frozen.move_to("2026-11-25 16:00")
    url = reverse("workforce_training_session", args=[session.pk])
    response = signed_in("oak_senco").post(url, {"attended": ["not-a-person"]})
    assert response.status_code == 200
    assert "Choose people from the school" in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_attendance_posted_before_the_start_is_refused_not_a_crash(
    demo, oak, oak_staff, frozen, signed_in
):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    url = reverse("workforce_training_session", args=[session.pk])
    response = signed_in("oak_senco").post(url, {"attended": [str(oak_staff["oak_ta"].pk)]})
    assert response.status_code == 200
    assert "once the session has started" in response.content.decode()
    assert not TrainingAttendance.objects.exists()


def test_cancelling_a_session(demo, oak, frozen, signed_in):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    client = signed_in("oak_head")
    url = reverse("workforce_training_cancel", args=[session.pk])
    response = client.post(url)
    assert response["Location"] == plan_url(oak) + "?year=2026"
    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    again = client.post(url, follow=True)
    assert "only a planned session can be cancelled" in again.content.decode()


def test_cancelling_is_post_only(demo, oak, frozen, signed_in):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    url = reverse("workforce_training_cancel", args=[session.pk])
    assert signed_in("oak_senco").get(url).status_code == 405


# --- histories -----------------------------------------------------------------------------------


def test_a_persons_history_is_most_recent_first(oak, oak_staff, frozen, signed_in):
    teacher = oak_staff["oak_teacher"]
    first = held_session(oak, date(2026, 9, 9), attended=[teacher], title="Autism awareness")
    second = held_session(oak, date(2026, 10, 7), attended=[teacher], title="Dyslexia")
    held_session(oak, date(2026, 10, 14), attended=[oak_staff["oak_ta"]], title="Not theirs")
    url = reverse("workforce_staff_training", args=[teacher.pk])
    response = signed_in("oak_senco").get(url)
    assert response.status_code == 200
    assert [row.session.pk for row in response.context["history"]] == [second.pk, first.pk]
    assert "Not theirs" not in response.content.decode()


def test_my_training_shows_my_history_and_whats_coming_for_me(
    demo, oak, oak_staff, frozen, signed_in
):
    teacher = oak_staff["oak_teacher"]
    held_session(oak, date(2026, 10, 7), attended=[teacher], title="Dyslexia")
    for_teachers = plan(demo["oak_senco"], oak, date(2026, 11, 25), title="For teachers")
    plan(
        demo["oak_senco"],
        oak,
        date(2026, 11, 26),
        title="For TAs",
        audiences=["teaching_assistants"],
    )
    response = signed_in("oak_teacher").get(reverse("workforce_my_training"))
    assert response.status_code == 200
    mine = response.context["mine"]
    assert [row.session.title for row in mine.history] == ["Dyslexia"]
    assert [s.pk for s in mine.upcoming] == [for_teachers.pk]


def test_a_teacher_not_on_the_staff_list_sees_a_plain_explanation(demo, frozen, signed_in):
    # Riverside's teacher has an account but nobody has added them to the staff list.
    response = signed_in("river_teacher").get(reverse("workforce_my_training"))
    assert response.status_code == 200
    assert response.context["mine"].history == []
    assert "you are not on it yet" in response.content.decode()


def test_a_teacher_not_on_the_list_still_sees_sessions_for_teachers(demo, frozen, signed_in):
    session = plan(demo["river_senco"], demo["south_river"], date(2026, 11, 25))
    response = signed_in("river_teacher").get(reverse("workforce_my_training"))
    assert [s.pk for s in response.context["mine"].upcoming] == [session.pk]


# --- who may see what ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["north_parent", "north_health", "north_caseworker", "oak_governor"]
)
def test_my_training_is_only_for_school_staff(demo, frozen, signed_in, persona):
    assert signed_in(persona).get(reverse("workforce_my_training")).status_code == 404


def _urls(demo, oak, oak_staff):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    return [
        plan_url(oak),
        new_url(oak),
        reverse("workforce_training_session", args=[session.pk]),
        reverse("workforce_staff_training", args=[oak_staff["oak_teacher"].pk]),
    ]


def test_a_governor_is_refused_every_training_page(demo, oak, oak_staff, frozen, signed_in):
    client = signed_in("oak_governor")
    for url in _urls(demo, oak, oak_staff):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("persona", ["hill_senco", "oak_teacher", "north_parent", "south_manager"])
def test_everyone_else_gets_404(demo, oak, oak_staff, frozen, signed_in, persona):
    client = signed_in(persona)
    for url in _urls(demo, oak, oak_staff):
        assert client.get(url).status_code == 404, url


def test_another_schools_senco_cannot_cancel(demo, oak, frozen, signed_in):
    session = plan(demo["oak_senco"], oak, date(2026, 11, 25))
    response = signed_in("hill_senco").post(reverse("workforce_training_cancel", args=[session.pk]))
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_a_made_up_session_id_is_404(frozen, signed_in):
    url = reverse("workforce_training_session", args=["00000000-0000-0000-0000-000000000000"])
    assert signed_in("oak_senco").get(url).status_code == 404
