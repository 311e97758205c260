"""The council's pages for writing an EHC plan: start, edit, serve, consult, redraft, issue.

Mia's case (tests/ehc/conftest.py): request received Monday 2 March 2026, assessed with the
EP's advice, decided to issue on 2 March; the draft is written and served on 11 May.
"""

import uuid

import pytest
from django.urls import reverse

from opensend.ehc.models import CaseStage, PlanVersion, PlanVersionStatus
from opensend.ehc.plan_services import (
    draft_respond,
    plan_issue,
)
from tests.queries import assert_constant_queries
from tests.signin import sign_in

OUTSIDERS = ("south_caseworker", "hill_senco", "north_parent")


@pytest.fixture
def caseworker(client, demo):
    sign_in(client, demo["north_caseworker"])
    return client


def _edit(version):
    return reverse("ehc_plan_edit", args=[version.pk])


def _finalise(version):
    return reverse("ehc_plan_finalise", args=[version.pk])


def _remove(version, kind, row):
    return reverse("ehc_plan_row_remove", args=[version.pk, kind, row.pk])


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_the_pages_are_the_councils_only(client, demo, draft, served):
    pages = [_edit(served), _finalise(served)]
    sign_in(client, demo["north_caseworker"])
    for url in pages:
        assert client.get(url).status_code == 200
    for persona in OUTSIDERS:
        client.logout()
        sign_in(client, demo[persona])
        for url in pages:
            assert client.get(url).status_code == 404, (persona, url)
        response = client.post(reverse("ehc_plan_start", args=[draft.plan.case_id]), follow=False)
        assert response.status_code == 404


def test_the_draft_editor_renders_for_the_caseworker_and_404s_for_others(client, demo, draft):
    sign_in(client, demo["north_caseworker"])
    response = client.get(_edit(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Section B: Special educational needs" in page
    assert "High anxiety in unstructured times" in page
    assert "Preparing for adulthood (optional before Year 9)" in page
    for persona in OUTSIDERS:
        client.logout()
        sign_in(client, demo[persona])
        assert client.get(_edit(draft)).status_code == 404


def test_starting_the_draft_opens_the_editor(caseworker, drafting_case):
    response = caseworker.post(reverse("ehc_plan_start", args=[drafting_case.pk]))
    version = PlanVersion.objects.get(plan__case=drafting_case)
    assert response["Location"] == _edit(version)
    assert caseworker.get(response["Location"]).status_code == 200


def test_a_plan_is_not_started_while_assessing(caseworker, assessing_case):
    response = caseworker.post(reverse("ehc_plan_start", args=[assessing_case.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("ehc_case", args=[assessing_case.pk])
    assert "A plan is drafted after the council decides to issue one." in _messages(response)
    assert not PlanVersion.objects.filter(plan__case=assessing_case).exists()
    # A GET does nothing either: back to the case.
    response = caseworker.get(reverse("ehc_plan_start", args=[assessing_case.pk]))
    assert response.status_code == 302


def test_year_nine_shows_preparing_for_adulthood_as_required(caseworker, demo, draft):
    demo["mia"].enrolments.update(year_group="9")
    page = caseworker.get(_edit(draft)).content.decode()
    assert "Preparing for adulthood (required from Year 9)" in page


def test_saving_the_text_and_a_stale_edit(caseworker, draft):
    data = {
        "version": draft.version,
        "views_interests_aspirations": "Mia loves drawing.",
        "preparing_for_adulthood": "",
        "personal_budget": "",
        "change_reason": "First draft",
    }
    response = caseworker.post(_edit(draft), data)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.views_interests_aspirations == "Mia loves drawing."
    # The same form again, from the old version: refused, differences shown.
    response = caseworker.post(_edit(draft), {**data, "views_interests_aspirations": "Other"})
    assert response.status_code == 200
    assert "Someone else changed this while you were editing" in response.content.decode()
    draft.refresh_from_db()
    assert draft.views_interests_aspirations == "Mia loves drawing."


def test_a_vague_provision_line_shows_the_warnings(caseworker, draft):
    outcome = draft.outcomes.get()
    response = caseworker.post(
        reverse("ehc_plan_provision_add", args=[draft.pk]),
        {
            "provision-section": "F",
            "provision-what": "Regular small-group work as appropriate",
            "provision-outcomes": [str(outcome.pk)],
        },
        follow=True,
    )
    page = response.content.decode()
    assert any("It needs more detail" in message for message in _messages(response))
    assert "It does not say who provides it: name the role and expertise." in page
    assert "“regular” sets no frequency: say how often, e.g. 3 times a week." in page
    assert "“as appropriate” leaves it to someone" in page
    # Three lines need detail: the two pre-filled from the advice and this one.
    assert "3 lines of provision need more detail" in page
    assert draft.provision.filter(what__startswith="Regular").get().outcomes.get() == outcome


def test_a_specific_line_has_no_warnings(caseworker, draft):
    outcome = draft.outcomes.get()
    for line in draft.provision.all():
        caseworker.post(_remove(draft, "provision", line))
    response = caseworker.post(
        reverse("ehc_plan_provision_add", args=[draft.pk]),
        {
            "provision-section": "F",
            "provision-what": "Small-group social skills teaching",
            "provision-who": "A teacher trained in the programme",
            "provision-how_often": "2 × 45 minutes a week",
            "provision-how_long": "Until the next annual review",
            "provision-outcomes": [str(outcome.pk)],
        },
        follow=True,
    )
    assert _messages(response)[-1] == "Provision added"
    assert "govuk-warning-text" not in response.content.decode()


def test_adding_a_need_and_an_outcome_linked_to_it(caseworker, draft):
    response = caseworker.post(
        reverse("ehc_plan_need_add", args=[draft.pk]),
        {"need-section": "C", "need-description": "Asthma, needs an inhaler"},
    )
    assert response.status_code == 302
    need = draft.needs.get(section="C")
    response = caseworker.post(
        reverse("ehc_plan_outcome_add", args=[draft.pk]),
        {"outcome-description": "Takes part in PE every week", "outcome-needs": [str(need.pk)]},
    )
    assert response.status_code == 302
    assert draft.outcomes.get(description="Takes part in PE every week").needs.get() == need
    page = caseworker.get(_edit(draft)).content.decode()
    assert "C1: Asthma, needs an inhaler" in page


def test_an_empty_add_form_shows_its_errors(caseworker, draft):
    response = caseworker.post(reverse("ehc_plan_need_add", args=[draft.pk]), {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Choose section B, C or D" in page
    response = caseworker.post(
        reverse("ehc_plan_outcome_add", args=[draft.pk]),
        {"outcome-description": "x", "outcome-needs": [str(uuid.uuid4())]},
    )
    assert response.status_code == 200
    assert "Choose needs from this version of the plan" in response.content.decode()


def test_removing_rows(caseworker, draft):
    need = draft.needs.first()
    response = caseworker.post(_remove(draft, "need", need), follow=True)
    assert "Need removed" in _messages(response)
    assert not draft.needs.filter(pk=need.pk).exists()
    outcome = draft.outcomes.get()
    caseworker.post(_remove(draft, "outcome", outcome))
    assert not draft.outcomes.exists()
    # A GET removes nothing; an unknown kind or row is not found.
    line = draft.provision.first()
    assert caseworker.get(_remove(draft, "provision", line)).status_code == 302
    assert draft.provision.filter(pk=line.pk).exists()
    assert caseworker.post(_remove(draft, "advice", line)).status_code == 404
    assert caseworker.post(_remove(draft, "need", line)).status_code == 404


def test_bad_ids_are_not_found(caseworker, draft):
    assert caseworker.get("/ehc/plan-versions/not-a-uuid/edit/").status_code == 404
    assert caseworker.get(_edit(type("V", (), {"pk": uuid.uuid4()}))).status_code == 404
    other = uuid.uuid4()
    assert caseworker.post(reverse("ehc_plan_serve", args=[other])).status_code == 404
    assert caseworker.get(reverse("ehc_plan_finalise", args=[other])).status_code == 404


def test_serving_an_incomplete_draft_lists_the_problems(caseworker, demo, draft):
    for line in draft.provision.all():
        caseworker.post(_remove(draft, "provision", line))
    demo["mia"].enrolments.update(year_group="9")
    response = caseworker.post(reverse("ehc_plan_serve", args=[draft.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The draft cannot be sent to the family yet" in page
    assert "Section F has no special educational provision" in page
    assert "reg 12(3)" in page
    draft.refresh_from_db()
    assert draft.status == PlanVersionStatus.DRAFT


def test_issuing_after_comments_when_nothing_changed_takes_two_submissions(
    caseworker, demo, draft, frozen
):
    """The issue's target: serve (1), then issue with the placement pre-selected (2)."""
    frozen.move_to("2026-05-11 10:00")
    response = caseworker.post(reverse("ehc_plan_serve", args=[draft.pk]), follow=True)
    assert response.redirect_chain[-1][0] == _finalise(draft)
    assert (
        "Draft plan sent to the family. They have until 25 May 2026 to comment "
        "(SEND Regulations 2014 reg 13(1))" in _messages(response)
    )
    demo["mia"].parent_links.create(
        user=demo["north_parent"], full_name="Lucy", relationship="mother"
    )
    draft.refresh_from_db()
    draft_respond(actor=demo["north_parent"], version=draft, no_changes=True)
    form = caseworker.get(_finalise(draft)).context["issue_form"]
    assert form["placement"].value() == str(demo["north_hill"].pk)  # Mia's school
    response = caseworker.post(
        _finalise(draft), {"action": "issue", "issue-placement": form["placement"].value()}
    )
    final = PlanVersion.objects.get(plan=draft.plan, status=PlanVersionStatus.ISSUED)
    assert response["Location"] == reverse("ehc_plan_version", args=[final.pk])
    assert final.placement == demo["north_hill"] and final.number == 2
    draft.plan.case.refresh_from_db()
    assert draft.plan.case.stage == CaseStage.ISSUED


def test_the_final_plan_waits_for_the_familys_15_days(caseworker, demo, served):
    page = caseworker.get(_finalise(served)).content.decode()
    assert "The family has not answered yet." in page
    response = caseworker.post(
        _finalise(served),
        {"action": "issue", "issue-placement": str(demo["north_hill"].pk)},
    )
    assert response.status_code == 200
    assert "The family has until 25 May 2026 to comment" in response.content.decode()
    served.refresh_from_db()
    assert served.status == PlanVersionStatus.SERVED


def test_another_setting_needs_a_name_or_type(caseworker, demo, served, frozen):
    frozen.move_to("2026-05-26 10:00")
    response = caseworker.post(_finalise(served), {"action": "issue", "issue-placement": "other"})
    assert response.status_code == 200
    assert "Name the school or other institution" in response.content.decode()
    response = caseworker.post(
        _finalise(served),
        {"action": "issue", "issue-placement": "other", "issue-placement_type": "Special school"},
    )
    assert response.status_code == 302
    assert PlanVersion.objects.get(plan=served.plan, status="issued").placement_type == (
        "Special school"
    )


def test_making_changes_first_starts_a_new_draft(caseworker, served):
    response = caseworker.post(_finalise(served), {"action": "redraft"})
    assert "Say why the draft is changing" in response.content.decode()
    response = caseworker.post(
        _finalise(served), {"action": "redraft", "redraft-reason": "Add the lunchtime club"}
    )
    new = PlanVersion.objects.get(plan=served.plan, status=PlanVersionStatus.DRAFT)
    assert response["Location"] == _edit(new)
    assert new.change_reason == "Add the lunchtime club"


def test_consulting_a_school(caseworker, demo, served):
    response = caseworker.post(
        _finalise(served),
        {"action": "consult", "consult-school": str(demo["north_oak"].pk)},
        follow=True,
    )
    assert "Oak" in _messages(response)[-1]
    assert served.consultations.get().school == demo["north_oak"]
    page = response.content.decode()
    assert "Not answered yet" in page
    # The same school again: the service's refusal on the field.
    response = caseworker.post(
        _finalise(served), {"action": "consult", "consult-school": str(demo["north_oak"].pk)}
    )
    assert "has already been consulted" in response.content.decode()
    # A school outside the council's area is not in the list.
    response = caseworker.post(
        _finalise(served), {"action": "consult", "consult-school": str(demo["south_river"].pk)}
    )
    assert "Choose a school from the list" in response.content.decode()


def test_a_frozen_version_cannot_be_changed_through_the_pages(caseworker, demo, served, frozen):
    frozen.move_to("2026-05-26 10:00")
    final = plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])
    for version in (served, final):
        version.refresh_from_db()
        page = caseworker.get(_edit(version)).content.decode()
        assert "It cannot be changed" in page
        assert 'method="post"' not in page
        before = (version.needs.count(), version.outcomes.count(), version.provision.count())
        need, outcome, line = (
            version.needs.first(),
            version.outcomes.first(),
            version.provision.first(),
        )
        posts = [
            (_edit(version), {"version": version.version, "views_interests_aspirations": "x"}),
            (
                reverse("ehc_plan_need_add", args=[version.pk]),
                {"need-section": "B", "need-description": "x"},
            ),
            (reverse("ehc_plan_outcome_add", args=[version.pk]), {"outcome-description": "x"}),
            (
                reverse("ehc_plan_provision_add", args=[version.pk]),
                {"provision-section": "F", "provision-what": "x"},
            ),
            (_remove(version, "need", need), {}),
            (_remove(version, "outcome", outcome), {}),
            (_remove(version, "provision", line), {}),
            (reverse("ehc_plan_serve", args=[version.pk]), {}),
            (_finalise(version), {"action": "redraft", "redraft-reason": "x"}),
        ]
        for url, data in posts:
            response = caseworker.post(url, data)
            assert response.status_code == 302, url
            assert response["Location"] == _edit(version)
        after = PlanVersion.objects.get(pk=version.pk)
        assert (after.status, after.views_interests_aspirations) == (
            version.status,
            version.views_interests_aspirations,
        )
        assert (after.needs.count(), after.outcomes.count(), after.provision.count()) == before
    assert PlanVersion.objects.filter(plan=served.plan).count() == 2


def test_the_editor_runs_a_constant_number_of_queries(caseworker, demo, draft):
    caseworker_user = demo["north_caseworker"]
    from opensend.ehc.plan_services import plan_need_add, plan_outcome_add, plan_provision_add

    def grow():
        need = plan_need_add(actor=caseworker_user, version=draft, section="B", description="n")
        outcome = plan_outcome_add(
            actor=caseworker_user, version=draft, description="o", needs=[need]
        )
        plan_provision_add(
            actor=caseworker_user, version=draft, section="F", what="p", outcomes=[outcome]
        )

    assert_constant_queries(lambda: caseworker.get(_edit(draft)), grow)


def test_the_editor_has_one_h1_and_no_repeated_ids(caseworker, draft):
    """Several forms share one page: their prefixes keep every id unique (axe: duplicate-id)."""
    import re
    from collections import Counter

    page = caseworker.get(_edit(draft)).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert page.count("<h1") == 1
