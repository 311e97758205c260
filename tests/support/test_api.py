"""SEN support plans through /api/v1/: scoped like the pages, stale edits refused, a constant
number of queries on the lists, and every problem in the API's one error shape.

Time is frozen at real school dates (tests/support/plans.py): plans are written on Monday
2 March 2026 and reviewed on Monday 15 June 2026.
"""

from datetime import date

import pytest

from opensend.api.services import api_token_create
from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Child, Enrolment, ParentLink
from opensend.provision.models import Intervention
from opensend.support import api as support_api
from opensend.support.models import (
    NextStep,
    OutcomeProgress,
    PlanReview,
    SupportPlan,
    SupportPlanStatus,
)
from opensend.support.services import EDITABLE_FIELDS, provision_add
from tests.queries import assert_constant_queries
from tests.support.plans import WRITTEN, review_plan, start_plan

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}


@pytest.fixture
def api(client, demo):
    """A client that calls the API as a persona, with a personal token made "now"."""

    class Api:
        def __init__(self, persona):
            _, token = api_token_create(actor=demo[persona], name="Script")
            self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

        def get(self, url, **params):
            return client.get(f"/api/v1{url}", params, **self.headers)

        def post(self, url, body):
            return client.post(
                f"/api/v1{url}", body, content_type="application/json", **self.headers
            )

        def patch(self, url, body):
            return client.patch(
                f"/api/v1{url}", body, content_type="application/json", **self.headers
            )

    return Api


@pytest.fixture
def plan(active_plan):
    return active_plan[0]


@pytest.fixture
def reviewed(demo, frozen, active_plan):
    """Leo's first plan reviewed on 15 June 2026; returns (first plan, next cycle's draft)."""
    plan, outcomes = active_plan
    frozen.move_to("2026-06-15 15:30")
    return SupportPlan.objects.get(pk=plan.pk), review_plan(demo, plan, outcomes)


def make_plans(school, count, *, status=SupportPlanStatus.ACTIVE, review_due=date(2026, 5, 1)):
    """`count` more pupils on roll at `school`, each with one plan; reviewed ones get a review."""
    children = Child.objects.bulk_create(
        Child(
            first_name=f"Pupil{Child.objects.count() + i:04}",
            last_name="Zed",
            date_of_birth=date(2016, 1, 1),
            home_local_authority=school.local_authority,
        )
        for i in range(count)
    )
    Enrolment.objects.bulk_create(
        Enrolment(child=c, school=school, year_group="5", start=date(2025, 9, 1)) for c in children
    )
    plans = SupportPlan.objects.bulk_create(
        SupportPlan(child=c, school=school, status=status, review_due=review_due) for c in children
    )
    if status == SupportPlanStatus.REVIEWED:
        PlanReview.objects.bulk_create(
            PlanReview(plan=p, review_date=review_due, next_step=NextStep.END_SUPPORT)
            for p in plans
        )
    return plans


def _error(response, status):
    assert response.status_code == status, response.content
    return response.json()["error"]


# Reading one plan -------------------------------------------------------------------------------


def test_a_senco_reads_a_plan_with_its_outcomes_provision_and_passport(api, demo, plan):
    oak = demo["north_oak"]
    group = Intervention.objects.create(
        school=oak,
        name="Phonics catch-up",
        staff="TA (Mrs Khan)",
        hours_per_week=3,
        start=WRITTEN,
    )
    provision_add(
        actor=demo["oak_senco"],
        plan=plan,
        what="Phonics group",
        who="Mrs Khan",
        frequency="3 × 20 minutes a week",
        start=date(2026, 3, 9),
        intervention=group,
    )
    SupportPlan.objects.filter(pk=plan.pk).update(strengths="Dinosaurs", what_helps="Visuals")

    response = api("oak_senco").get(f"/support-plans/{plan.pk}")

    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in ("child_first_name", "status", "cycle", "review_due")} == {
        "child_first_name": "Leo",
        "status": "active",
        "cycle": 1,
        "review_due": "2026-06-19",
    }
    assert (body["school_id"], body["previous_id"], body["next_id"], body["review"]) == (
        str(oak.pk),
        None,
        None,
        None,
    )
    assert (body["strengths"], body["what_helps"], body["what_to_avoid"]) == (
        "Dinosaurs",
        "Visuals",
        "",
    )
    assert body["parent_responsibilities"] == "Read with Leo for ten minutes each evening"
    assert [(o["order"], o["description"]) for o in body["outcomes"]] == [
        (1, "Read 40 high-frequency words"),
        (2, "Spell CVC words"),
        (3, "Write two sentences"),
    ]
    reading = body["outcomes"][0]
    assert reading["success_criteria"] == "Reads them aloud without help"
    lines = {line["what"]: line for line in body["provision"]}
    assert lines["Phonics catch-up group"]["outcome_id"] == reading["id"]
    assert lines["Coloured overlay"]["outcome_id"] is None
    assert (
        lines["Phonics group"]["intervention_id"],
        lines["Phonics group"]["intervention_name"],
    ) == (
        str(group.pk),
        "Phonics catch-up",
    )
    assert lines["Spelling practice"]["intervention_name"] is None
    event = AuditEvent.objects.get(kind=AuditEventKind.VIEWED, record_id=str(plan.pk))
    assert (event.actor, event.subject_id) == (demo["oak_senco"], demo["leo"].pk)


def test_a_reviewed_plan_has_its_review_and_links_to_the_next_cycle(api, reviewed):
    first, second = reviewed
    senco = api("oak_senco")

    body = senco.get(f"/support-plans/{first.pk}").json()

    assert (body["status"], body["reviewed_on"], body["next_id"]) == (
        "reviewed",
        "2026-06-15",
        str(second.pk),
    )
    review = body["review"]
    assert (review["review_date"], review["next_step"], review["parent_contributed"]) == (
        "2026-06-15",
        "continue",
        True,
    )
    ids = [outcome["id"] for outcome in body["outcomes"]]
    assert [(r["outcome_id"], r["progress"]) for r in review["outcome_reviews"]] == [
        (ids[0], OutcomeProgress.ACHIEVED),
        (ids[1], OutcomeProgress.SOME_PROGRESS),
        (ids[2], OutcomeProgress.GOOD_PROGRESS),
    ]
    following = senco.get(f"/support-plans/{second.pk}").json()
    assert (following["cycle"], following["previous_id"], following["status"]) == (
        2,
        str(first.pk),
        "draft",
    )
    carried = {o["carried_from_id"] for o in following["outcomes"]}
    assert carried == {ids[1], ids[2]}  # the achieved outcome is not carried over


@pytest.mark.parametrize("persona", ["oak_senco", "oak_teacher", "oak_ta", "oak_head"])
def test_the_schools_staff_read_a_pupils_plan(api, plan, persona):
    assert api(persona).get(f"/support-plans/{plan.pk}").status_code == 200


@pytest.mark.parametrize(
    "persona",
    [
        "oak_governor",  # governors see no named child
        "north_caseworker",  # Leo is on SEN support with no statutory case: not the LA's
        "north_manager",
        "north_parent",  # Ava's mother, not Leo's
        "river_senco",
        "north_ep",
    ],
)
def test_everyone_else_gets_the_same_404_for_leos_plan(api, plan, persona):
    client = api(persona)
    for url in (
        f"/support-plans/{plan.pk}",
        f"/children/{plan.child_id}/support-plans",
    ):
        response = client.get(url)
        assert (response.status_code, response.json()) == (404, NOT_FOUND), url
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


def test_a_parent_and_the_la_read_a_plan_for_a_child_with_an_ehc_plan(api, demo, frozen):
    avas = start_plan(demo, child="ava")
    for persona in ("north_parent", "north_caseworker"):
        assert api(persona).get(f"/support-plans/{avas.pk}").status_code == 200
    assert api("south_parent").get(f"/support-plans/{avas.pk}").status_code == 404
    ParentLink.objects.filter(user=demo["north_parent"]).update(access_restricted=True)
    assert api("north_parent").get(f"/support-plans/{avas.pk}").status_code == 404


# A child's plans ---------------------------------------------------------------------------------


def test_a_childs_plans_are_its_version_history_newest_first(api, demo, reviewed):
    first, second = reviewed
    response = api("oak_teacher").get(f"/children/{demo['leo'].pk}/support-plans")
    assert response.status_code == 200
    assert [
        (p["id"], p["cycle"], p["status"], p["reviewed_on"], p["previous_id"])
        for p in response.json()
    ] == [
        (str(second.pk), 2, "draft", None, str(first.pk)),
        (str(first.pk), 1, "reviewed", "2026-06-15", None),
    ]


def test_a_parent_lists_their_own_childs_plans_only(api, demo, frozen):
    avas = start_plan(demo, child="ava")
    parent = api("north_parent")
    assert [p["id"] for p in parent.get(f"/children/{demo['ava'].pk}/support-plans").json()] == [
        str(avas.pk)
    ]
    response = parent.get(f"/children/{demo['zara'].pk}/support-plans")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_a_childs_plans_run_a_constant_number_of_queries(api, demo, frozen):
    leo, oak = demo["leo"], demo["north_oak"]
    teacher = api("oak_teacher")
    cycle = iter(range(1, 100))

    def grow():
        # Earlier, reviewed cycles of Leo's plan at Oak.
        number = next(cycle)
        plan = SupportPlan.objects.create(
            child=leo, school=oak, status="reviewed", cycle=number, review_due=WRITTEN
        )
        PlanReview.objects.create(plan=plan, review_date=WRITTEN, next_step=NextStep.CONTINUE)

    assert_constant_queries(lambda: teacher.get(f"/children/{leo.pk}/support-plans"), grow)


# A school's plans --------------------------------------------------------------------------------


def _school_plans(client, school, **params):
    response = client.get(f"/schools/{school.pk}/support-plans", **params)
    assert response.status_code == 200, response.content
    return response.json()


def test_a_schools_plans_are_listed_soonest_review_first_and_filtered(api, demo, frozen):
    oak = demo["north_oak"]
    leos = start_plan(demo)  # draft, due 19 June 2026
    soon = make_plans(oak, 2, review_due=date(2026, 4, 1))
    make_plans(oak, 1, status=SupportPlanStatus.REVIEWED, review_due=date(2026, 2, 1))
    make_plans(demo["south_river"], 1)
    ta = api("oak_ta")

    body = _school_plans(ta, oak)

    assert (body["count"], body["page"], body["pages"]) == (4, 1, 1)
    assert [(p["status"], p["review_due"]) for p in body["results"]] == [
        ("reviewed", "2026-02-01"),
        ("active", "2026-04-01"),
        ("active", "2026-04-01"),
        ("draft", "2026-06-19"),
    ]
    assert body["results"][0]["reviewed_on"] == "2026-02-01"
    assert body["results"][3]["child_first_name"] == "Leo"
    active = _school_plans(ta, oak, status="active")["results"]
    assert {p["id"] for p in active} == {str(p.pk) for p in soon}
    due = _school_plans(ta, oak, status="draft", review_due_before="2026-06-20")["results"]
    assert [p["id"] for p in due] == [str(leos.pk)]
    assert _school_plans(ta, oak, review_due_before="2026-02-01")["count"] == 0


def test_bad_filters_are_a_422_naming_the_parameter(api, demo):
    response = api("oak_senco").get(
        f"/schools/{demo['north_oak'].pk}/support-plans",
        status="closed",
        review_due_before="next week",
        page=0,
    )
    error = _error(response, 422)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"query.status", "query.review_due_before", "query.page"}


@pytest.mark.parametrize(
    ("persona", "school"),
    [
        ("oak_governor", "north_oak"),  # counts only, never names
        ("north_caseworker", "north_oak"),  # SEN support stays with the school
        ("north_parent", "north_oak"),
        ("river_senco", "north_oak"),
        ("oak_senco", "south_river"),
        ("oak_senco", "north_la"),
    ],
)
def test_only_a_schools_own_staff_list_its_plans(api, demo, frozen, persona, school):
    start_plan(demo)
    response = api(persona).get(f"/schools/{demo[school].pk}/support-plans")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_the_schools_plans_are_paginated_50_a_page(api, demo, frozen):
    oak = demo["north_oak"]
    make_plans(oak, 120)
    senco = api("oak_senco")
    pages = [_school_plans(senco, oak, page=n) for n in (1, 2, 3)]
    assert [(p["count"], p["page"], p["pages"]) for p in pages] == [(120, n, 3) for n in (1, 2, 3)]
    assert [len(p["results"]) for p in pages] == [50, 50, 20]
    assert len({row["id"] for p in pages for row in p["results"]}) == 120
    beyond = _school_plans(senco, oak, page=4)
    assert (beyond["count"], beyond["results"]) == (120, [])


def test_the_schools_plans_run_a_constant_number_of_queries(api, demo, frozen):
    oak = demo["north_oak"]
    start_plan(demo)
    senco = api("oak_senco")

    def grow():
        make_plans(oak, 5)
        make_plans(oak, 3, status=SupportPlanStatus.REVIEWED)

    assert_constant_queries(lambda: _school_plans(senco, oak), grow)


# Changing a plan ---------------------------------------------------------------------------------


def test_the_senco_changes_a_plan_and_the_change_is_audited(api, demo, plan):
    response = api("oak_senco").patch(
        f"/support-plans/{plan.pk}",
        {
            "version": plan.version,
            "what_helps": "  Visual timetable  ",
            "review_due": "2026-06-26",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["version"], body["what_helps"], body["review_due"]) == (
        plan.version + 1,
        "Visual timetable",
        "2026-06-26",
    )
    assert body["assessment"] == "Phonics screening and a reading age test"  # left alone
    assert len(body["outcomes"]) == 3
    changes = AuditEvent.objects.filter(kind=AuditEventKind.UPDATED, record_id=str(plan.pk))
    assert {"what_helps": "Visual timetable", "review_due": "2026-06-26"} in [
        event.new_values for event in changes
    ]
    assert {event.subject_id for event in changes} == {demo["leo"].pk}


def test_a_stale_edit_is_refused_with_409_naming_what_changed(api, plan):
    senco, head = api("oak_senco"), api("oak_head")
    url = f"/support-plans/{plan.pk}"
    assert head.patch(url, {"version": plan.version, "strengths": "Lego"}).status_code == 200

    error = _error(senco.patch(url, {"version": plan.version, "strengths": "Football"}), 409)

    assert f"now version {plan.version + 1}" in error["message"]
    assert "strengths changed" in error["message"]
    assert SupportPlan.objects.get(pk=plan.pk).strengths == "Lego"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"review_due": "2026-03-01"}, {"review_due"}),  # in the past
        ({"review_due": "2027-01-04"}, {"review_due"}),  # beyond six months
        ({"assessed_by": "x" * 301}, {"assessed_by"}),
        ({"what_helps": None}, {"what_helps"}),
        ({"status": "reviewed"}, {"status"}),  # not changed here
        ({"review_due": "soon", "strengths": 3}, {"review_due", "strengths"}),
    ],
)
def test_bad_changes_are_a_422_naming_the_fields(api, plan, body, fields):
    response = api("oak_senco").patch(
        f"/support-plans/{plan.pk}", {"version": plan.version, **body}
    )
    error = _error(response, 422)
    assert error["code"] == "invalid"
    assert set(error["fields"]) == fields
    assert SupportPlan.objects.get(pk=plan.pk).version == plan.version


def test_a_change_without_the_version_is_a_422(api, plan):
    error = _error(api("oak_senco").patch(f"/support-plans/{plan.pk}", {"strengths": "x"}), 422)
    assert set(error["fields"]) == {"version"}


@pytest.mark.parametrize(("persona", "status"), [("oak_teacher", 403), ("oak_ta", 403)])
def test_teachers_read_but_do_not_change_a_plan(api, plan, persona, status):
    url = f"/support-plans/{plan.pk}"
    client = api(persona)
    assert _error(client.patch(url, {"version": plan.version, "strengths": "x"}), status)
    assert _error(client.post(f"{url}/outcomes", {"description": "x"}), status)
    assert SupportPlan.objects.get(pk=plan.pk).version == plan.version


@pytest.mark.parametrize("persona", ["oak_governor", "north_caseworker", "river_senco"])
def test_those_who_cannot_see_the_plan_cannot_change_it(api, plan, persona):
    url = f"/support-plans/{plan.pk}"
    client = api(persona)
    assert client.patch(url, {"version": plan.version, "strengths": "x"}).json() == NOT_FOUND
    assert client.post(f"{url}/outcomes", {"description": "x"}).json() == NOT_FOUND


def test_a_reviewed_plan_is_kept_as_it_was(api, reviewed):
    first, _ = reviewed
    senco = api("oak_senco")
    url = f"/support-plans/{first.pk}"
    error = _error(senco.patch(url, {"version": first.version, "strengths": "x"}), 422)
    assert "kept as it was" in error["message"]
    error = _error(senco.post(f"{url}/outcomes", {"description": "Another"}), 422)
    assert "kept as it was" in error["message"]


def test_the_patch_offers_exactly_the_services_editable_fields():
    offered = set(support_api.SupportPlanPatch.model_fields) - {"version"}
    assert offered == set(EDITABLE_FIELDS)
    assert set(support_api.TEXT_FIELDS) == EDITABLE_FIELDS - {"review_due"}


# Adding an outcome -------------------------------------------------------------------------------


def test_the_head_adds_an_outcome_after_the_others(api, demo, plan):
    response = api("oak_head").post(
        f"/support-plans/{plan.pk}/outcomes",
        {"description": " Tie shoelaces ", "success_criteria": "Without help"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["order"], body["description"], body["success_criteria"]) == (
        4,
        "Tie shoelaces",
        "Without help",
    )
    event = AuditEvent.objects.get(kind=AuditEventKind.CREATED, record_id=body["id"])
    assert (event.actor, event.subject_id) == (demo["oak_head"], demo["leo"].pk)


@pytest.mark.parametrize("body", [{"description": "   "}, {}, {"description": 7}])
def test_an_outcome_needs_a_description(api, plan, body):
    error = _error(api("oak_senco").post(f"/support-plans/{plan.pk}/outcomes", body), 422)
    assert set(error["fields"]) == {"description"}
    assert plan.outcomes.count() == 3


def test_the_api_statuses_are_the_models():
    assert set(support_api.PlanStatus.__args__) == set(SupportPlanStatus.values)
    assert set(support_api.NextStepCode.__args__) == set(NextStep.values)
    assert set(support_api.Progress.__args__) == set(OutcomeProgress.values)
