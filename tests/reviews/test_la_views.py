"""The council's review pages: the work tray, a review, the decision, interim reviews.

Mia's plan was issued on 1 June 2026 (tests/reviews/conftest.py); her first review is due on
1 June 2027. `reported` takes it through a meeting on Monday 10 May 2027 to the report sent
the same day: the decision is due on 7 June 2027 (reg 20(10)), the amended plan on 2 August
2027 (reg 22(3), Devon 2022).
"""

import itertools
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from opensend.ehc.models import EhcCase, EhcPlan, PlanVersion, PlanVersionStatus
from opensend.people.models import Child, Enrolment
from opensend.reviews.models import Review, ReviewKind, ReviewStatus
from opensend.reviews.services import review_arrange, review_record, review_report_send
from tests.queries import assert_constant_queries

_numbers = itertools.count(1)


def plan_for(demo, *, school="north_oak", year_group="6", la="north_la", dob=date(2015, 10, 1)):
    """A child on roll at `school` with a plan in force issued on 2 June 2025 (written
    directly: the services are tested in test_services.py)."""
    number = next(_numbers)
    child = Child.objects.create(
        first_name=f"Child{number}",
        last_name=f"Plan{number:03d}",
        date_of_birth=dob,
        home_local_authority=demo[la],
    )
    Enrolment.objects.create(
        child=child, school=demo[school], year_group=year_group, start=date(2024, 9, 2)
    )
    case = EhcCase.objects.create(
        child=child,
        local_authority=demo[la],
        stage="issued",
        received=date(2025, 1, 6),
        decision_to_assess_due=date(2025, 2, 17),
        decision_not_to_issue_due=date(2025, 4, 28),
        draft_plan_recommended_by=date(2025, 4, 14),
        final_plan_due=date(2025, 5, 26),
    )
    plan = EhcPlan.objects.create(case=case, child=child, local_authority=demo[la])
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        status=PlanVersionStatus.ISSUED,
        issued_on=date(2025, 6, 2),
        placement=demo[school],
    )
    return plan


def review_for(plan, *, due_on, status=ReviewStatus.DUE, **fields):
    return Review.objects.create(
        child=plan.child,
        local_authority=plan.local_authority,
        plan=plan,
        school=plan.child.enrolments.get().school,
        due_on=due_on,
        status=status,
        **fields,
    )


@pytest.fixture
def reported(demo, review, frozen):
    """Mia's review: meeting on 10 May 2027, amendments recommended, report sent that day."""
    senco = demo["hill_senco"]
    frozen.move_to("2027-04-12 10:00")
    review_arrange(
        actor=senco,
        review=review,
        meeting_at=timezone.make_aware(datetime(2027, 5, 10, 10, 0)),
        location="Hillside Academy",
    )
    frozen.move_to("2027-05-10 15:00")
    review.refresh_from_db()
    review_record(
        actor=senco,
        review=review,
        held_on=date(2027, 5, 10),
        family_views="Mia is happier at school.",
        child_views="I like reading now.",
        recommends="amend",
        recommended_amendments="Add weekly speech and language therapy.",
        disagreements="The family would like more time in the nurture group.",
    )
    review.refresh_from_db()
    review_report_send(actor=senco, review=review)
    review.refresh_from_db()
    return review


def get(client, name, *args, **params):
    return client.get(reverse(name, args=args), params)


# --- the work tray --------------------------------------------------------------------------------


def test_the_tray_lists_the_councils_reviews_with_rag_tags(signed_in, demo, reported, frozen):
    frozen.move_to("2027-06-01 10:00")  # the decision was due on 7 June: within 14 days
    client = signed_in("north_caseworker")
    response = get(client, "reviews_la_tray")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hughes, Mia" in html
    assert reverse("reviews_la_review", args=[reported.pk]) in html
    assert "Due within 14 days" in html
    assert "Decide" in html
    decisions = get(client, "reviews_la_tray", view="decisions")
    assert "Hughes, Mia" in decisions.content.decode()
    due = get(client, "reviews_la_tray", view="due")
    assert "Hughes, Mia" not in due.content.decode()


def test_the_tray_tabs_and_school_filter(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    at_oak = review_for(plan_for(demo), due_on=date(2026, 11, 2))  # within 8 weeks
    late = review_for(plan_for(demo, school="north_hill"), due_on=date(2026, 9, 1))
    client = signed_in("north_caseworker")

    def shown(**params):
        html = get(client, "reviews_la_tray", **params).content.decode()
        return {r for r in (at_oak, late) if r.child.last_name in html}

    assert shown() == {at_oak, late}
    assert shown(view="due") == {at_oak}
    assert shown(view="overdue") == {late}
    assert shown(view="decisions") == set()
    assert shown(school=str(demo["north_hill"].pk)) == {late}
    html = get(client, "reviews_la_tray", view="overdue").content.decode()
    assert "Overdue" in html


def test_a_hand_edited_filter_is_explained(signed_in):
    response = get(signed_in("north_caseworker"), "reviews_la_tray", view="lost", school="x")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose which reviews to show from the list" in html
    assert "Choose a school from the list" in html


def test_each_council_sees_only_its_own_reviews(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    north = review_for(plan_for(demo), due_on=date(2026, 11, 2))
    south_plan = plan_for(demo, school="south_river", la="south_la")
    south = review_for(south_plan, due_on=date(2026, 11, 2))
    html = get(signed_in("north_caseworker"), "reviews_la_tray").content.decode()
    assert north.child.last_name in html and south.child.last_name not in html


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_ep", "north_health"])
def test_the_tray_is_for_a_councils_send_team(signed_in, persona):
    assert get(signed_in(persona), "reviews_la_tray").status_code == 404


def test_the_tray_runs_a_constant_number_of_queries(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    client = signed_in("north_caseworker")
    review_for(plan_for(demo), due_on=date(2026, 11, 2))

    def grow():
        for _ in range(5):
            review_for(plan_for(demo), due_on=date(2026, 11, 2))

    def action():
        assert get(client, "reviews_la_tray").status_code == 200

    assert_constant_queries(action, grow)


# --- one review ---------------------------------------------------------------------------------


def test_the_review_page_shows_the_report_dates_and_decision_status(signed_in, reported):
    response = get(signed_in("north_caseworker"), "reviews_la_review", reported.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mia is happier at school." in html
    assert "I like reading now." in html
    assert "Add weekly speech and language therapy." in html
    assert "more time in the nurture group" in html
    assert "7 June 2027" in html  # reg 20(10)
    assert "reg 20(10)" in html
    assert reverse("reviews_la_decide", args=[reported.pk]) in html


@pytest.mark.parametrize("persona", ["south_caseworker", "oak_senco", "north_parent", "north_ep"])
def test_a_review_is_404_for_anyone_but_its_council(signed_in, reported, persona):
    client = signed_in(persona)
    assert get(client, "reviews_la_review", reported.pk).status_code == 404
    assert get(client, "reviews_la_decide", reported.pk).status_code == 404
    assert client.post(reverse("reviews_la_decide", args=[reported.pk])).status_code == 404


# --- the decision -------------------------------------------------------------------------------


def decide(client, review, **data):
    return client.post(reverse("reviews_la_decide", args=[review.pk]), data)


def test_the_decision_page_shows_the_notices(signed_in, reported):
    response = get(signed_in("north_caseworker"), "reviews_la_decide", reported.pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The notice that will be sent" in html
    assert 'data-decision="cease"' in html
    assert "Add weekly speech and language therapy." in html  # pre-filled amendments


def test_amend_goes_to_the_plan_editor_with_the_15_days(signed_in, reported):
    client = signed_in("north_caseworker")
    response = decide(client, reported, decision="amend", amendments="Add weekly therapy.")
    reported.refresh_from_db()
    assert reported.status == ReviewStatus.AMENDING
    assert response.status_code == 302
    assert response["Location"] == reverse("ehc_plan_edit", args=[reported.proposed_version_id])
    page = client.get(response["Location"]).content.decode()
    assert "15 days" in page and "reg 22(2)" in page
    html = get(client, "reviews_la_review", reported.pk).content.decode()
    assert reverse("ehc_plan_edit", args=[reported.proposed_version_id]) in html
    assert reverse("ehc_plan_version", args=[reported.proposed_version_id]) in html
    assert "2 August 2027" in html  # reg 22(3): 12 weeks from 10 May


def test_keep_against_the_recommendation_needs_reasons(signed_in, reported):
    response = decide(signed_in("north_caseworker"), reported, decision="keep")
    assert response.status_code == 200
    assert "give the reasons for keeping it" in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == ReviewStatus.REPORTED


def test_cease_needs_reasons_and_amend_needs_amendments(signed_in, reported):
    client = signed_in("north_caseworker")
    html = decide(client, reported, decision="cease").content.decode()
    assert "Give the reasons for ceasing to maintain the plan" in html
    html = decide(client, reported, decision="amend", amendments=" ").content.decode()
    assert "Say what the council proposes to amend" in html
    html = decide(client, reported, decision="maybe").content.decode()
    assert "Choose whether to keep, amend or cease the plan" in html


def test_keep_with_reasons_sends_the_notice(signed_in, reported):
    client = signed_in("north_caseworker")
    response = decide(client, reported, decision="keep", reasons="Therapy is already in F.")
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews_la_review", args=[reported.pk])
    reported.refresh_from_db()
    assert reported.status == ReviewStatus.COMPLETE and reported.notice_sent_on
    html = client.get(response["Location"]).content.decode()
    assert "Read the notice sent" in html


def test_a_review_not_reported_cannot_be_decided(signed_in, review):
    client = signed_in("north_caseworker")
    response = get(client, "reviews_la_decide", review.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews_la_review", args=[review.pk])


# --- interim reviews ----------------------------------------------------------------------------


def test_an_interim_review_for_an_under_five(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    plan = plan_for(demo, year_group="N2", dob=date(2022, 6, 1))
    client = signed_in("north_caseworker")
    response = client.post(reverse("reviews_la_interim_add", args=[plan.pk]))
    added = Review.objects.get(plan=plan, kind=ReviewKind.INTERIM)
    assert response["Location"] == reverse("reviews_la_review", args=[added.pk])


def test_no_interim_review_for_a_child_of_five(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    plan = plan_for(demo)
    client = signed_in("north_caseworker")
    response = client.post(reverse("reviews_la_interim_add", args=[plan.pk]))
    assert response.status_code == 302
    assert not Review.objects.filter(plan=plan, kind=ReviewKind.INTERIM).exists()


def test_interim_reviews_are_post_only_and_for_the_council(client, signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    plan = plan_for(demo, year_group="N2", dob=date(2022, 6, 1))
    url = reverse("reviews_la_interim_add", args=[plan.pk])
    assert signed_in("north_caseworker").get(url).status_code == 405
    for persona in ("south_caseworker", "oak_senco", "north_parent"):
        client.logout()
        assert signed_in(persona).post(url).status_code == 404
    assert not Review.objects.filter(plan=plan, kind=ReviewKind.INTERIM).exists()


def test_an_under_fives_review_page_offers_an_interim_review_with_its_window(
    signed_in, demo, frozen
):
    frozen.move_to("2026-10-01 10:00")
    plan = plan_for(demo, year_group="N2", dob=date(2022, 6, 1))
    annual = review_for(plan, due_on=date(2026, 6, 2))
    page = get(signed_in("north_caseworker"), "reviews_la_review", annual.pk).content.decode()
    # CoP 9.178: 3 to 6 months from the plan's issue on 2 June 2025.
    assert "between 2 September 2025 and 2 December 2025" in page
    assert reverse("reviews_la_interim_add", args=[plan.pk]) in page


def test_an_older_childs_review_page_offers_no_interim_review(signed_in, demo, frozen):
    frozen.move_to("2026-10-01 10:00")
    plan = plan_for(demo)
    annual = review_for(plan, due_on=date(2026, 6, 2))
    page = get(signed_in("north_caseworker"), "reviews_la_review", annual.pk).content.decode()
    assert reverse("reviews_la_interim_add", args=[plan.pk]) not in page
