"""Key-worker pages: the caseloads page, the assessment, choosing (nobody pre-selected, the
SENCO only with a reason) and ending. Managers only: a governor gets 403, anyone else 404.

Time is frozen on Monday 2 November 2026 (conftest `frozen`).
"""

import re
from datetime import date

import pytest
from django.urls import reverse

from opensend.workforce.models import KeyWorkerAllocation, KeyWorkerAssessment, StaffMember
from tests.queries import assert_constant_queries
from tests.workforce.key_worker_fixtures import allocate, assess, pupil

pytestmark = pytest.mark.usefixtures("frozen")


def page_url(school):
    return reverse("workforce_key_workers", args=[school.pk])


def assess_url(school, child):
    return reverse("workforce_key_worker_assess", args=[school.pk, child.pk])


def choose_url(assessment):
    return reverse("workforce_key_worker_choose", args=[assessment.pk])


def end_url(allocation):
    return reverse("workforce_key_worker_end", args=[allocation.pk])


def choice_data(worker, hours="1", day=date(2026, 11, 2)) -> dict:
    return {
        "worker": str(worker.pk),
        "hours_per_week": hours,
        "starts_on_0": str(day.day),
        "starts_on_1": str(day.month),
        "starts_on_2": str(day.year),
    }


ASSESSMENT = {
    "services": ["health", "education"],
    "complexity": "medium",
    "needs_summary": "Medical needs and therapy to co-ordinate",
    "family_preference": "Someone she knows",
    "senco_reason": "",
}


# --- the key workers page ------------------------------------------------------------------------


def test_the_page_shows_caseloads_pupils_and_who_needs_a_key_worker(
    signed_in, demo, oak, oak_staff
):
    senco = demo["oak_senco"]
    allocate(assess(senco, oak, demo["leo"]), oak_staff["oak_teacher"], "3")

    page = signed_in("oak_senco").get(page_url(oak))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Caseload per key worker" in html
    caseload = html[
        html.index('id="caseload-table"') : html.index(
            "</table>", html.index('id="caseload-table"')
        )
    ]
    assert "James Turner" in caseload and "3 of 3" in caseload and "At capacity" in caseload
    assert "Amira Hassan" in caseload and "Has time" in caseload
    assert "Helen Price, Head teacher: no key-worker time" in html
    assert reverse("workforce_staff_edit", args=[oak_staff["oak_head"].pk]) in html
    assert end_url(KeyWorkerAllocation.objects.get()) in html
    plans = html[html.index('id="plan-table"') :]
    assert demo["ava"].full_name in plans and assess_url(oak, demo["ava"]) in plans


def test_a_search_finds_any_pupil_on_roll_without_a_name_in_the_url(
    signed_in, demo, oak, oak_staff
):
    page = signed_in("oak_head").post(page_url(oak), {"q": demo["leo"].first_name})

    html = page.content.decode()
    assert 'id="search-table"' in html
    assert assess_url(oak, demo["leo"]) in html


def test_a_search_with_no_match_says_so(signed_in, oak, oak_staff):
    client = signed_in("oak_senco")
    html = client.post(page_url(oak), {"q": "Nobody"}).content.decode()
    assert 'No pupil on roll without a key worker matches "Nobody"' in html
    assert (
        "Enter a pupil's name or UPN to find them"
        in client.post(page_url(oak), {}).content.decode()
    )
    assert 'method="post"' in client.get(page_url(oak)).content.decode()


def test_a_school_with_no_key_worker_time_is_told_where_to_give_it(signed_in, oak):
    html = signed_in("oak_senco").get(page_url(oak)).content.decode()
    assert "No one has key-worker time yet" in html
    assert reverse("workforce_staff", args=[oak.pk]) in html


def test_the_page_runs_the_same_queries_as_allocations_grow(signed_in, demo, oak, oak_staff):
    client = signed_in("oak_senco")
    senco = demo["oak_senco"]
    workers = [oak_staff["oak_ta"], oak_staff["oak_teacher"]]

    def grow():
        for worker in workers:
            allocate(assess(senco, oak, pupil(oak)), worker, "0.5")
            pupil(oak)
        StaffMember.objects.create(school=oak, full_name="New Starter", job="teacher")

    assert_constant_queries(lambda: client.get(page_url(oak)), grow)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("oak_governor", 403),
        ("oak_teacher", 404),
        ("hill_senco", 404),
        ("river_head", 404),
        ("north_parent", 404),
        ("north_caseworker", 404),
    ],
)
def test_only_the_schools_managers_see_the_page(signed_in, oak, persona, status):
    assert signed_in(persona).get(page_url(oak)).status_code == status


# --- the assessment ------------------------------------------------------------------------------


def test_the_assessment_comes_first_then_choosing(signed_in, demo, oak, oak_staff):
    client = signed_in("oak_senco")
    url = assess_url(oak, demo["ava"])

    page = client.get(url)
    assert page.status_code == 200
    assert "Why the SENCO should be the key worker (optional)" in page.content.decode()

    response = client.post(url, ASSESSMENT)

    assessment = KeyWorkerAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == choose_url(assessment)
    assert assessment.services == ["education", "health"]
    assert assessment.family_preference == "Someone she knows"


def test_a_reassessment_starts_from_the_last_answers(signed_in, demo, oak, oak_staff):
    assess(demo["oak_senco"], oak, demo["ava"], senco_reason="Knows the family well")

    html = signed_in("oak_senco").get(assess_url(oak, demo["ava"])).content.decode()

    assert "Filled in from the assessment of 2 November 2026" in html
    assert "Knows the family well" in html


def test_a_bad_assessment_shows_what_to_fix_and_keeps_the_answers(signed_in, demo, oak, oak_staff):
    response = signed_in("oak_senco").post(
        assess_url(oak, demo["ava"]),
        {**ASSESSMENT, "services": [], "needs_summary": "", "family_preference": "Keep me"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Select the services involved with the child&#x27;s support" in html
    assert "Enter a summary of the child&#x27;s needs" in html
    assert "Keep me" in html
    assert not KeyWorkerAssessment.objects.exists()


def test_a_pupil_of_another_school_cannot_be_assessed_here(signed_in, demo, oak):
    assert signed_in("oak_senco").get(assess_url(oak, demo["mia"])).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("oak_governor", 403), ("hill_senco", 404)])
def test_the_assessment_is_for_the_schools_managers(signed_in, demo, oak, persona, status):
    client = signed_in(persona)
    assert client.get(assess_url(oak, demo["ava"])).status_code == status
    assert client.post(assess_url(oak, demo["ava"]), ASSESSMENT).status_code == status
    assert not KeyWorkerAssessment.objects.exists()


# --- choosing ------------------------------------------------------------------------------------


def worker_radios(html: str) -> list[str]:
    return re.findall(r'<input[^>]*name="worker"[^>]*>', html, flags=re.S)


def test_nobody_is_pre_selected_and_the_senco_is_listed_last(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    page = signed_in("oak_senco").get(choose_url(assessment))

    html = page.content.decode()
    radios = worker_radios(html)
    assert len(radios) == 3
    assert not any("checked" in radio for radio in radios)
    assert str(oak_staff["oak_senco"].pk) in radios[-1]
    assert "Epilepsy care plan" in html  # the assessment summary comes first
    assert html.index("assessment-summary") < html.index('name="worker"')
    assert 'id="senco-needs-reason"' in html
    assert assess_url(oak, demo["ava"]) in html
    assert 'value="2"' in html and 'value="2026"' in html  # starts today


def test_choosing_a_worker_saves_and_returns_to_the_list(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])
    client = signed_in("oak_senco")

    response = client.post(choose_url(assessment), choice_data(oak_staff["oak_ta"], "2.5"))

    assert response.status_code == 302
    assert response["Location"] == page_url(oak)
    allocation = KeyWorkerAllocation.objects.get()
    assert (allocation.worker, str(allocation.hours_per_week)) == (oak_staff["oak_ta"], "2.50")
    html = client.get(response["Location"]).content.decode()
    assert "Amira Hassan is now Ava" in html and "2.5 hours a week" in html


def test_the_senco_without_a_reason_is_refused_on_the_form(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    response = signed_in("oak_senco").post(
        choose_url(assessment), choice_data(oak_staff["oak_senco"])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Sarah Collins is the SENCO" in html
    assert not KeyWorkerAllocation.objects.exists()


def test_the_senco_with_a_reason_can_be_chosen(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"], senco_reason="Trusted by family")

    response = signed_in("oak_head").post(
        choose_url(assessment), choice_data(oak_staff["oak_senco"])
    )

    assert response.status_code == 302
    assert KeyWorkerAllocation.objects.get().worker == oak_staff["oak_senco"]


def test_too_many_hours_are_refused_with_what_is_left(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    response = signed_in("oak_senco").post(
        choose_url(assessment), choice_data(oak_staff["oak_teacher"], "4")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "James Turner has 3 hours a week of key-worker time left" in html
    assert not KeyWorkerAllocation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"worker": ""}, "Select who will be the key worker"),
        ({"hours_per_week": "two"}, "Enter the hours a week as a number, like 1.5"),
        ({"starts_on_1": "13"}, "The start date must be a real date"),
    ],
)
def test_bad_choices_show_what_to_fix(signed_in, demo, oak, oak_staff, data, message):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    response = signed_in("oak_senco").post(
        choose_url(assessment), {**choice_data(oak_staff["oak_ta"]), **data}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not KeyWorkerAllocation.objects.exists()


def test_a_worker_from_another_school_is_not_a_choice(signed_in, demo, oak, oak_staff):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])
    elsewhere = StaffMember.objects.create(
        school=demo["north_hill"], full_name="Other School", job="teacher", key_worker_hours=5
    )

    response = signed_in("oak_senco").post(choose_url(assessment), choice_data(elsewhere))

    assert "Select who will be the key worker" in response.content.decode()
    assert not KeyWorkerAllocation.objects.exists()


def test_with_no_one_with_time_the_page_says_where_to_give_it(signed_in, demo, oak):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])

    html = signed_in("oak_senco").get(choose_url(assessment)).content.decode()

    assert 'id="no-candidates"' in html
    assert not worker_radios(html)


@pytest.mark.parametrize(("persona", "status"), [("oak_governor", 403), ("river_senco", 404)])
def test_choosing_is_for_the_schools_managers(signed_in, demo, oak, oak_staff, persona, status):
    assessment = assess(demo["oak_senco"], oak, demo["ava"])
    client = signed_in(persona)
    assert client.get(choose_url(assessment)).status_code == status
    data = choice_data(oak_staff["oak_ta"])
    assert client.post(choose_url(assessment), data).status_code == status
    assert not KeyWorkerAllocation.objects.exists()


# --- ending --------------------------------------------------------------------------------------


def test_ending_with_a_reason_returns_to_the_list(signed_in, demo, oak, oak_staff):
    allocation = allocate(assess(demo["oak_senco"], oak, demo["ava"]), oak_staff["oak_ta"], "1")
    client = signed_in("oak_senco")

    response = client.post(end_url(allocation), {"reason": "Support has settled"})

    assert response.status_code == 302
    assert response["Location"] == page_url(oak)
    allocation.refresh_from_db()
    assert (allocation.ended_on, allocation.end_reason) == (
        date(2026, 11, 2),
        "Support has settled",
    )
    assert "Amira Hassan is no longer Ava" in client.get(page_url(oak)).content.decode()


def test_ending_without_a_reason_shows_the_error(signed_in, demo, oak, oak_staff):
    allocation = allocate(assess(demo["oak_senco"], oak, demo["ava"]), oak_staff["oak_ta"], "1")

    response = signed_in("oak_senco").post(end_url(allocation), {"reason": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter why the key worker allocation is ending" in html
    allocation.refresh_from_db()
    assert allocation.ended_on is None


def test_ending_twice_says_it_already_ended(signed_in, demo, oak, oak_staff):
    allocation = allocate(assess(demo["oak_senco"], oak, demo["ava"]), oak_staff["oak_ta"], "1")
    client = signed_in("oak_senco")
    client.post(end_url(allocation), {"reason": "Settled"})

    response = client.post(end_url(allocation), {"reason": "Again"})

    assert response.status_code == 200
    assert "already ended on 2 November 2026" in response.content.decode()


def test_ending_is_post_only(signed_in, demo, oak, oak_staff):
    allocation = allocate(assess(demo["oak_senco"], oak, demo["ava"]), oak_staff["oak_ta"], "1")
    assert signed_in("oak_senco").get(end_url(allocation)).status_code == 405


@pytest.mark.parametrize(("persona", "status"), [("oak_governor", 403), ("hill_senco", 404)])
def test_ending_is_for_the_schools_managers(signed_in, demo, oak, oak_staff, persona, status):
    allocation = allocate(assess(demo["oak_senco"], oak, demo["ava"]), oak_staff["oak_ta"], "1")

    response = signed_in(persona).post(end_url(allocation), {"reason": "No"})

    assert response.status_code == status
    allocation.refresh_from_db()
    assert allocation.ended_on is None
