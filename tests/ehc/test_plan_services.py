"""Writing and issuing an EHC plan, through the services, with real dates and frozen time.

Mia's case: request received Monday 2 March 2026 (final plan due 20 July 2026), assessed with
the EP's advice, decided to issue on 2 March. The draft is written and served later.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from opensend.ehc.models import (
    CaseStage,
    NeedSection,
    PlanNeed,
    PlanVersion,
    PlanVersionStatus,
    ProvisionSection,
)
from opensend.ehc.plan_services import (
    consultation_respond,
    consultation_send,
    draft_respond,
    plan_draft_serve,
    plan_draft_start,
    plan_issue,
    plan_need_add,
    plan_outcome_add,
    plan_provision_add,
    plan_redraft,
    plan_row_remove,
    plan_version_update,
)

D = date.fromisoformat


def test_the_first_draft_is_pre_filled_from_the_advice(demo, draft):
    assert draft.number == 1 and draft.status == PlanVersionStatus.DRAFT
    assert [n.description for n in draft.needs.all()] == [
        "High anxiety in unstructured times",
        "Difficulty with change",
    ]
    assert {n.section for n in draft.needs.all()} == {NeedSection.B}
    assert [o.description for o in draft.outcomes.all()] == ["Attends full days, four days a week"]
    assert [p.what for p in draft.provision.all()] == [
        "A key adult check-in each morning",
        "Access to a quiet space",
    ]
    assert draft.advice.count() == 1  # Section K: the EP's advice
    assert draft.placement_name == ""  # Section I blank in a draft


def test_a_draft_is_started_only_after_deciding_to_issue(demo, assessing_case):
    with pytest.raises(ValidationError):
        plan_draft_start(actor=demo["north_caseworker"], case=assessing_case)


def test_only_the_las_team_writes_the_plan(demo, draft):
    for persona in ("hill_senco", "north_parent", "south_caseworker", "north_ep"):
        with pytest.raises(PermissionDenied):
            plan_need_add(actor=demo[persona], version=draft, section="B", description="x")


def test_provision_comes_back_with_specificity_warnings(demo, draft):
    outcome = draft.outcomes.get()
    vague = plan_provision_add(
        actor=demo["north_caseworker"],
        version=draft,
        section=ProvisionSection.F,
        what="Access to regular small-group work",
        outcomes=[outcome],
    )
    assert {f.field for f in vague.findings} >= {"who", "how_often", "how_long", "what"}
    specific = plan_provision_add(
        actor=demo["north_caseworker"],
        version=draft,
        section=ProvisionSection.F,
        what="Small-group social skills teaching",
        who="A teacher trained in the programme",
        how_often="2 × 45 minutes a week",
        how_long="Until the next annual review",
        outcomes=[outcome],
    )
    assert specific.findings == []


def test_outcomes_link_to_needs_and_provision_to_outcomes_of_the_same_version(demo, draft):
    need = draft.needs.first()
    outcome = plan_outcome_add(
        actor=demo["north_caseworker"],
        version=draft,
        description="Joins a lunchtime club twice a week",
        needs=[need],
    )
    assert list(outcome.needs.all()) == [need]
    foreign = PlanNeed(version_id=None, section="B", order=1, description="another plan's")
    with pytest.raises(ValidationError):
        plan_outcome_add(
            actor=demo["north_caseworker"], version=draft, description="x", needs=[foreign]
        )


def test_serving_freezes_the_draft_and_gives_the_family_15_days(demo, served):
    # Reg 13(1): 15 days beginning with the day served: 11 May to 25 May 2026.
    assert (served.served_on, served.comments_close) == (D("2026-05-11"), D("2026-05-25"))
    assert served.status == PlanVersionStatus.SERVED
    with pytest.raises(ValidationError):
        plan_need_add(actor=demo["north_caseworker"], version=served, section="B", description="x")
    with pytest.raises(ValidationError):
        plan_version_update(
            actor=demo["north_caseworker"],
            version=served,
            data={"views_interests_aspirations": "Changed"},
            expected_version=served.version,
        )
    with pytest.raises(ValidationError):
        plan_row_remove(actor=demo["north_caseworker"], row=served.needs.first())


def test_a_draft_without_provision_cannot_be_served(demo, draft):
    for line in draft.provision.all():
        plan_row_remove(actor=demo["north_caseworker"], row=line)
    with pytest.raises(ValidationError) as error:
        plan_draft_serve(actor=demo["north_caseworker"], version=draft)
    assert "Section F has no special educational provision" in error.value.messages


def test_from_year_nine_a_draft_must_say_how_it_prepares_for_adulthood(demo, draft):
    demo["mia"].enrolments.update(year_group="9")
    with pytest.raises(ValidationError) as error:
        plan_draft_serve(actor=demo["north_caseworker"], version=draft)
    assert any("reg 12(3)" in message for message in error.value.messages)
    draft = plan_version_update(
        actor=demo["north_caseworker"],
        version=draft,
        data={"preparing_for_adulthood": "Travel training to college from Year 10."},
        expected_version=draft.version,
    )
    assert plan_draft_serve(actor=demo["north_caseworker"], version=draft).status == "served"


def test_the_database_refuses_a_draft_that_names_a_school(demo, draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.filter(pk=draft.pk).update(placement_name="Hillside Academy")


def test_the_family_responds_and_asks_for_a_school(demo, served):
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy", relationship="mother"
    )
    response = draft_respond(
        actor=demo["north_parent"],
        version=served,
        comments="Please add the lunchtime club.",
        requested_school=demo["north_oak"],
        wants_meeting=True,
    )
    assert response.requested_school == demo["north_oak"]
    with pytest.raises(PermissionDenied):
        draft_respond(actor=demo["hill_senco"], version=served, no_changes=True)
    with pytest.raises(ValidationError):
        draft_respond(actor=demo["north_parent"], version=served)


def test_a_school_is_consulted_and_answers_within_15_days(demo, served):
    consultation = consultation_send(
        actor=demo["north_caseworker"], version=served, school=demo["north_hill"]
    )
    assert (consultation.sent_on, consultation.respond_by) == (D("2026-05-11"), D("2026-05-25"))
    with pytest.raises(PermissionDenied):
        consultation_respond(
            actor=demo["oak_senco"], consultation=consultation, can_meet_needs=True, response=""
        )
    with pytest.raises(ValidationError):
        consultation_respond(
            actor=demo["hill_senco"], consultation=consultation, can_meet_needs=False, response=""
        )
    answered = consultation_respond(
        actor=demo["hill_senco"], consultation=consultation, can_meet_needs=True, response=""
    )
    assert answered.can_meet_needs is True


def test_the_final_plan_waits_for_the_familys_15_days(demo, served, frozen):
    with pytest.raises(ValidationError) as error:
        plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    assert "25 May 2026" in error.value.messages[0]
    frozen.move_to("2026-05-26 10:00")
    final = plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    assert final.status == PlanVersionStatus.ISSUED
    assert (final.number, final.issued_on, final.placement_name) == (
        2,
        D("2026-05-26"),
        "Hillside Academy",
    )
    served.refresh_from_db()
    assert served.status == PlanVersionStatus.SUPERSEDED
    final.plan.case.refresh_from_db()
    assert final.plan.case.stage == CaseStage.ISSUED
    # The final plan has the same content as the draft the family saw.
    assert [n.description for n in final.needs.all()] == [n.description for n in served.needs.all()]
    assert final.outcomes.count() == served.outcomes.count() == 1


def test_when_the_family_is_content_the_plan_is_issued_at_once(demo, served):
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy", relationship="mother"
    )
    draft_respond(actor=demo["north_parent"], version=served, no_changes=True)
    final = plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    assert final.issued_on == D("2026-05-11")


def test_an_issued_plan_cannot_be_changed_by_any_service(demo, served, frozen):
    frozen.move_to("2026-05-26 10:00")
    final = plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    caseworker = demo["north_caseworker"]
    attempts = [
        lambda: plan_need_add(actor=caseworker, version=final, section="B", description="x"),
        lambda: plan_outcome_add(actor=caseworker, version=final, description="x"),
        lambda: plan_provision_add(actor=caseworker, version=final, section="F", what="x"),
        lambda: plan_row_remove(actor=caseworker, row=final.needs.first()),
        lambda: plan_version_update(
            actor=caseworker,
            version=final,
            data={"personal_budget": "x"},
            expected_version=final.version,
        ),
        lambda: plan_draft_serve(actor=caseworker, version=final),
        lambda: plan_issue(actor=caseworker, version=final, placement_name="Elsewhere"),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError):
            attempt()


def test_a_new_version_copies_the_links_between_needs_outcomes_and_provision(demo, draft):
    caseworker = demo["north_caseworker"]
    need = draft.needs.first()
    outcome = plan_outcome_add(
        actor=caseworker, version=draft, description="Joins a club", needs=[need]
    )
    plan_provision_add(
        actor=caseworker, version=draft, section="F", what="Lunch club", outcomes=[outcome]
    )
    served = plan_draft_serve(actor=caseworker, version=draft)
    copy = plan_redraft(actor=caseworker, version=served, reason="Comments")
    line = copy.provision.get(what="Lunch club")
    linked = line.outcomes.get()
    assert linked.version == copy and linked.description == "Joins a club"
    assert linked.needs.get().version == copy


def test_a_new_draft_after_comments_copies_the_served_one_and_says_why(demo, served):
    draft = plan_redraft(
        actor=demo["north_caseworker"], version=served, reason="Added the lunchtime club"
    )
    assert (draft.number, draft.status, draft.based_on) == (2, "draft", served)
    assert draft.needs.count() == served.needs.count()
    with pytest.raises(ValidationError):
        plan_redraft(actor=demo["north_caseworker"], version=draft, reason="again")


def test_a_late_plan_is_still_issued_and_its_lateness_recorded(demo, served, frozen):
    from opensend.core.models import AuditEvent

    frozen.move_to("2026-07-21 10:00")  # the day after the 20-week limit (reg 13(2))
    final = plan_issue(
        actor=demo["north_caseworker"], version=served, placement_type="Special school"
    )
    event = AuditEvent.objects.get(record_id=str(final.pk), kind="created")
    assert event.new_values["on_time"] is False
    assert final.issued_on - served.plan.case.received == timedelta(weeks=20, days=1)
