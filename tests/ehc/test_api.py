"""EHC needs assessments through /api/v1/ehc/: scoped like the pages, changes through the
services, every problem in the API's one error shape, constant queries on the lists.

Time is frozen on Monday 2 March 2026 (tests/ehc/conftest.py): Mia's case is received that
day, so the council's decision is due on 13 April.
"""

import base64
from datetime import date

import pytest

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.ehc.models import (
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    CaseStage,
    EhcCase,
)
from opensend.ehc.services import (
    advice_request_add,
    advice_requests_send,
    advice_share_set,
    advice_submit,
    exception_record,
    letter_send,
)
from opensend.law.ehc import ehc_timeline
from opensend.people.models import Child, Enrolment, ParentLink
from tests.ehc.conftest import school_request_for_mia
from tests.queries import assert_constant_queries

NOT_FOUND = {"error": {"code": "not_found", "message": "Not found.", "fields": {}}}


@pytest.fixture
def mia_parent(demo):
    return ParentLink.objects.create(
        child=demo["mia"], user=demo["north_parent"], full_name="Lucy Martin", relationship="mother"
    )


@pytest.fixture
def advice_round(demo, assessing_case, mia_parent):
    """Advice asked of the family, Hillside and the EP; the family's and school's given; the
    school's withheld from the family; a draft for health not sent yet."""
    caseworker = demo["north_caseworker"]
    family = advice_request_add(actor=caseworker, case=assessing_case, kind=AdviceKind.FAMILY)
    school = advice_request_add(
        actor=caseworker,
        case=assessing_case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    ep = advice_request_add(
        actor=caseworker,
        case=assessing_case,
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_user=demo["north_ep"],
    )
    draft = advice_request_add(
        actor=caseworker,
        case=assessing_case,
        kind=AdviceKind.MEDICAL,
        recipient_user=demo["north_health"],
    )
    advice_requests_send(actor=caseworker, advice_requests=[family, school, ep])
    advice_submit(actor=demo["north_parent"], advice=family, needs="She needs calm and routine.")
    advice_submit(actor=demo["hill_senco"], advice=school, needs="Struggles in busy lessons.")
    advice_share_set(actor=caseworker, advice=school, shared=False, reason="Names other pupils")
    return {"family": family, "school": school, "ep": ep, "draft": draft}


def _error(response, status):
    assert response.status_code == status, response.content
    return response.json()["error"]


# Reading cases ----------------------------------------------------------------------------------


def test_the_caseworker_lists_their_las_cases_with_the_statutory_dates(api, demo, requested_case):
    body = api("north_caseworker").get("/cases").json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    [row] = body["results"]
    assert row["id"] == str(requested_case.pk)
    assert (row["view"], row["stage"], row["stage_label"]) == (
        "la",
        "requested",
        "Deciding whether to assess",
    )
    assert (row["received"], row["decision_to_assess_due"], row["final_plan_due"]) == (
        "2026-03-02",
        "2026-04-13",
        "2026-07-20",
    )
    assert (row["next_step"], row["next_due"]) == ("Decide whether to assess", "2026-04-13")
    assert (row["child_first_name"], row["local_authority_name"]) == (
        "Mia",
        "Northshire County Council",
    )


@pytest.mark.parametrize(
    "persona", ["south_caseworker", "oak_senco", "oak_teacher", "north_ep", "north_health"]
)
def test_others_list_no_case(api, requested_case, persona):
    assert api(persona).get("/cases").json()["count"] == 0


def test_the_school_and_family_list_the_case_through_their_own_door(
    api, requested_case, mia_parent
):
    [school] = api("hill_senco").get("/cases").json()["results"]
    [family] = api("north_parent").get("/cases").json()["results"]
    assert (school["id"], school["view"]) == (str(requested_case.pk), "school")
    assert (family["id"], family["view"]) == (str(requested_case.pk), "family")


def test_the_list_filters_by_stage(api, assessing_case):
    caseworker = api("north_caseworker")
    assert caseworker.get("/cases", stage="assessing").json()["count"] == 1
    assert caseworker.get("/cases", stage="requested").json()["count"] == 0
    error = _error(caseworker.get("/cases", stage="lost"), 422)
    assert "query.stage" in error["fields"]


def test_the_la_reads_the_whole_case_and_the_read_is_audited(api, demo, assessing_case):
    exception_record(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind="personal_circumstances",
        start=date(2026, 3, 2),
        end=date(2026, 3, 20),
    )
    body = api("north_manager").get(f"/cases/{assessing_case.pk}").json()
    assert body["view"] == "la"
    timeline = ehc_timeline(received=date(2026, 3, 2))
    assert [(s["step"], s["due"]) for s in body["timeline"]] == [
        (stage.step, stage.due.isoformat()) for stage in timeline.stages
    ]
    [request] = body["requests"]
    assert request["requester_kind"] == "school" and "attendance" in request["what_is_new"]
    [decision] = body["decisions"]
    assert (decision["kind"], decision["agreed"], decision["letter_sent_on"]) == (
        "assess",
        True,
        None,  # drafted, not yet sent: the LA sees it
    )
    [exception] = body["exceptions"]
    assert exception["kind"] == "personal_circumstances"
    assert "decision_to_assess" in exception["applies_to"]
    event = AuditEvent.objects.filter(
        kind=AuditEventKind.VIEWED, record_id=str(assessing_case.pk)
    ).get()
    assert (event.actor, event.subject_id) == (demo["north_manager"], demo["mia"].pk)


def test_school_and_family_see_a_decision_once_its_letter_is_sent(
    api, demo, assessing_case, mia_parent
):
    school = api("hill_senco").get(f"/cases/{assessing_case.pk}").json()
    family = api("north_parent").get(f"/cases/{assessing_case.pk}").json()
    assert (school["view"], school["decisions"], school["exceptions"]) == ("school", [], None)
    assert len(school["requests"]) == 1
    assert (family["view"], family["decisions"], family["requests"]) == ("family", [], None)
    assert family["timeline"][0]["due"] == "2026-03-02"

    letter_send(actor=demo["north_caseworker"], letter=assessing_case.decisions.get().letter)

    [decision] = api("north_parent").get(f"/cases/{assessing_case.pk}").json()["decisions"]
    assert (decision["agreed"], decision["letter_sent_on"]) == (True, "2026-03-02")


@pytest.mark.parametrize(
    "persona", ["south_caseworker", "oak_senco", "oak_head", "north_ep", "south_parent"]
)
def test_a_case_outside_your_reach_is_not_found(api, requested_case, persona):
    response = api(persona).get(f"/cases/{requested_case.pk}")
    assert response.status_code == 404 and response.json() == NOT_FOUND
    assert api(persona).get(f"/cases/{requested_case.pk}/advice").status_code == 404


def test_each_door_shows_its_own_advice(api, advice_round, assessing_case):
    url = f"/cases/{assessing_case.pk}/advice"

    def kinds(persona):
        return {(row["kind"], row["status"]) for row in api(persona).get(url).json()}

    assert kinds("north_caseworker") == {
        ("family", "submitted"),
        ("educational", "submitted"),
        ("psychological", "requested"),
        ("medical", "draft"),
    }
    assert kinds("hill_senco") == {("educational", "submitted")}
    # The school's advice was withheld from the family; the EP's is not given yet.
    assert kinds("north_parent") == {("family", "submitted")}
    rows = api("north_caseworker").get(url).json()
    [ep] = [row for row in rows if row["kind"] == "psychological"]
    assert (ep["requested_on"], ep["due"], ep["recipient_name"]) == (
        "2026-03-02",
        "2026-04-13",  # reg 8(1): 6 weeks
        "Dr Anna Lewis",
    )


def test_the_case_list_runs_a_constant_number_of_queries(api, demo, requested_case):
    caseworker = api("north_caseworker")
    received = date(2026, 3, 2)
    timeline = ehc_timeline(received=received)

    def grow():
        children = Child.objects.bulk_create(
            Child(
                first_name=f"Pupil{Child.objects.count() + i}",
                last_name="Zed",
                date_of_birth=date(2016, 1, 1),
                home_local_authority=demo["north_la"],
            )
            for i in range(3)
        )
        Enrolment.objects.bulk_create(
            Enrolment(child=c, school=demo["north_oak"], year_group="4", start=date(2025, 9, 1))
            for c in children
        )
        EhcCase.objects.bulk_create(
            EhcCase(
                child=c,
                local_authority=demo["north_la"],
                caseworker=demo["north_caseworker"] if i % 2 else None,
                received=received,
                decision_to_assess_due=timeline.decision_to_assess_due,
                decision_not_to_issue_due=timeline.decision_not_to_issue_due,
                draft_plan_recommended_by=timeline.draft_plan_recommended_by,
                final_plan_due=timeline.final_plan_due,
            )
            for i, c in enumerate(children)
        )

    assert_constant_queries(lambda: caseworker.get("/cases"), grow)
    assert caseworker.get("/cases").json()["count"] == 7


# Requests ---------------------------------------------------------------------------------------


def test_a_senco_asks_for_an_assessment_and_the_clock_starts_today(api, demo, frozen):
    response = api("hill_senco").post(
        "/requests",
        {
            "child_id": str(demo["mia"].pk),
            "school_id": str(demo["north_hill"].pk),
            "what_is_new": "Attendance has fallen to 70% despite two terms of support.",
            "family_agrees": True,
            "views": {"family_difficulties": "Busy classrooms."},
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["requester_kind"], body["received"], body["case_opened"]) == (
        "school",
        "2026-03-02",
        True,
    )
    case = EhcCase.objects.get(pk=body["case_id"])
    assert (case.child, case.decision_to_assess_due) == (demo["mia"], date(2026, 4, 13))
    assert case.requests.get().school_evidence  # what OpenSEND holds, frozen on the request


def test_a_parents_request_joins_the_open_case(api, demo, requested_case, mia_parent):
    response = api("north_parent").post(
        "/requests",
        {
            "child_id": str(demo["mia"].pk),
            "views": {"family_difficulties": "Noise and change.", "child_views": "Too loud."},
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["case_id"], body["case_opened"], body["requester_kind"]) == (
        str(requested_case.pk),
        False,
        "parent",
    )


def test_a_school_request_without_the_familys_agreement_is_refused(api, demo, frozen):
    response = api("hill_senco").post(
        "/requests",
        {
            "child_id": str(demo["mia"].pk),
            "school_id": str(demo["north_hill"].pk),
            "what_is_new": "Attendance has fallen.",
        },
    )
    error = _error(response, 422)
    assert error["code"] == "invalid" and "family_agrees" in error["fields"]
    assert not EhcCase.objects.exists()


def test_a_family_request_needs_what_the_child_finds_hard(api, demo, frozen, mia_parent):
    error = _error(api("north_parent").post("/requests", {"child_id": str(demo["mia"].pk)}), 422)
    assert list(error["fields"]) == ["family_difficulties"]


def test_a_missing_child_id_is_a_field_error(api, frozen):
    error = _error(api("hill_senco").post("/requests", {"views": {}}), 422)
    assert "child_id" in error["fields"]


def test_a_teacher_cannot_ask_for_the_school(api, demo, frozen):
    body = {
        "child_id": str(demo["leo"].pk),
        "school_id": str(demo["north_oak"].pk),
        "what_is_new": "Reading has not moved in a year.",
        "family_agrees": True,
    }
    assert _error(api("oak_teacher").post("/requests", body), 403)["code"] == "forbidden"
    # Another school's SENCO does not see the child at all.
    assert api("hill_senco").post("/requests", body).status_code == 404
    assert not EhcCase.objects.exists()


def test_a_parent_cannot_ask_for_someone_elses_child(api, demo, frozen):
    body = {"child_id": str(demo["leo"].pk), "views": {"family_difficulties": "Reading."}}
    assert api("north_parent").post("/requests", body).status_code == 404


# Decisions --------------------------------------------------------------------------------------


def test_the_caseworker_decides_to_assess_and_a_letter_is_drafted(api, demo, requested_case):
    response = api("north_caseworker").post(
        f"/cases/{requested_case.pk}/decisions", {"kind": "assess", "agreed": True}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["kind"], body["agreed"], body["decided_on"], body["letter_sent_on"]) == (
        "assess",
        True,
        "2026-03-02",
        None,
    )
    assert body["letter_id"]
    requested_case.refresh_from_db()
    assert requested_case.stage == CaseStage.ASSESSING


def test_a_refusal_without_reasons_is_refused(api, requested_case):
    response = api("north_caseworker").post(
        f"/cases/{requested_case.pk}/decisions", {"kind": "assess", "agreed": False}
    )
    error = _error(response, 422)
    assert list(error["fields"]) == ["reasons"]
    requested_case.refresh_from_db()
    assert requested_case.stage == CaseStage.REQUESTED


def test_a_decision_dated_in_the_future_is_refused(api, requested_case):
    response = api("north_caseworker").post(
        f"/cases/{requested_case.pk}/decisions",
        {"kind": "assess", "agreed": True, "decided_on": "2026-03-03"},
    )
    assert list(_error(response, 422)["fields"]) == ["decided_on"]


def test_a_decision_at_the_wrong_stage_is_refused(api, requested_case):
    response = api("north_caseworker").post(
        f"/cases/{requested_case.pk}/decisions", {"kind": "issue", "agreed": True}
    )
    error = _error(response, 422)
    assert "cannot be made now" in error["message"]


@pytest.mark.parametrize("persona", ["hill_senco", "south_manager", "north_ep"])
def test_only_the_la_decides(api, requested_case, persona):
    response = api(persona).post(
        f"/cases/{requested_case.pk}/decisions", {"kind": "assess", "agreed": True}
    )
    assert response.status_code == 404
    assert not requested_case.decisions.exists()


# Advice -----------------------------------------------------------------------------------------


def test_the_ep_sees_only_the_advice_asked_of_them(api, demo, ep_advice):
    body = api("north_ep").get("/advice").json()
    assert body["count"] == 1
    [row] = body["results"]
    assert (row["id"], row["kind"], row["status"], row["due"], row["can_give"]) == (
        str(ep_advice.pk),
        "psychological",
        "requested",
        "2026-04-13",
        True,
    )
    assert (row["child_first_name"], row["question"]) == ("Mia", ep_advice.question)
    assert api("north_health").get("/advice").json()["count"] == 0
    assert api("north_caseworker").get("/advice").json()["count"] == 0


def test_the_ep_gives_advice_with_a_report_and_keeps_read_only_sight_of_it(api, demo, ep_advice):
    ep = api("north_ep")
    report = base64.b64encode(b"%PDF-1.4 report").decode()
    response = ep.post(
        f"/advice/{ep_advice.pk}",
        {
            "needs": "Anxiety in busy rooms.",
            "outcomes": "Stays in class for whole lessons.",
            "attachments": [
                {"filename": "report.pdf", "content_type": "application/pdf", "data_base64": report}
            ],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["needs"], body["can_give"]) == (
        "submitted",
        "Anxiety in busy rooms.",
        False,
    )
    [attachment] = body["attachments"]
    assert (attachment["filename"], attachment["size"]) == ("report.pdf", 15)
    assert ep.get(f"/advice/{ep_advice.pk}").json()["outcomes"] == (
        "Stays in class for whole lessons."
    )
    again = ep.post(f"/advice/{ep_advice.pk}", {"needs": "Changed my mind."})
    assert _error(again, 403)["code"] == "forbidden"
    ep_advice.refresh_from_db()
    assert ep_advice.needs == "Anxiety in busy rooms."


def test_advice_needs_the_childs_needs_or_a_report(api, ep_advice):
    error = _error(api("north_ep").post(f"/advice/{ep_advice.pk}", {"needs": "  "}), 422)
    assert list(error["fields"]) == ["needs"]


def test_an_attachment_that_is_not_base64_is_a_field_error(api, ep_advice):
    response = api("north_ep").post(
        f"/advice/{ep_advice.pk}",
        {
            "needs": "Anxiety.",
            "attachments": [
                {"filename": "a.pdf", "content_type": "application/pdf", "data_base64": "%%%"}
            ],
        },
    )
    assert list(_error(response, 422)["fields"]) == ["attachments.0.data_base64"]
    assert AdviceRequest.objects.get(pk=ep_advice.pk).status == AdviceStatus.REQUESTED


def test_a_file_of_the_wrong_type_is_refused(api, ep_advice):
    response = api("north_ep").post(
        f"/advice/{ep_advice.pk}",
        {
            "needs": "Anxiety.",
            "attachments": [
                {
                    "filename": "run.exe",
                    "content_type": "application/x-msdownload",
                    "data_base64": base64.b64encode(b"MZ").decode(),
                }
            ],
        },
    )
    assert list(_error(response, 422)["fields"]) == ["attachments"]


@pytest.mark.parametrize("persona", ["north_health", "south_ep", "north_caseworker", "hill_senco"])
def test_advice_asked_of_someone_else_is_not_found(api, ep_advice, persona):
    assert api(persona).get(f"/advice/{ep_advice.pk}").status_code == 404
    response = api(persona).post(f"/advice/{ep_advice.pk}", {"needs": "Not mine."})
    assert response.status_code == 404 and response.json() == NOT_FOUND


def test_the_senco_gives_the_schools_advice(api, demo, assessing_case):
    school = advice_request_add(
        actor=demo["north_caseworker"],
        case=assessing_case,
        kind=AdviceKind.EDUCATIONAL,
        recipient_organisation=demo["north_hill"],
    )
    advice_requests_send(actor=demo["north_caseworker"], advice_requests=[school])
    senco = api("hill_senco")
    [row] = senco.get("/advice", status="requested").json()["results"]
    assert row["id"] == str(school.pk)
    response = senco.post(f"/advice/{school.pk}", {"needs": "Reading age 6."})
    assert response.status_code == 200, response.content
    assert senco.get("/advice", status="requested").json()["count"] == 0
    assert senco.get("/advice", status="submitted").json()["count"] == 1


def test_a_second_request_from_the_school_adds_its_views(api, demo, frozen):
    school_request_for_mia(demo)
    response = api("hill_senco").post(
        "/requests",
        {
            "child_id": str(demo["mia"].pk),
            "school_id": str(demo["north_hill"].pk),
            "what_is_new": "Now refusing to come in on Mondays.",
            "family_agrees": True,
        },
    )
    assert response.json()["case_opened"] is False
    assert EhcCase.objects.get().requests.count() == 2
