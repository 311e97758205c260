"""Legacy statements (issue 9 item 5): the transfer review is an EHC needs assessment with the
transitional time limits, and the statement stays in force until the EHC plan is issued."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from opensend.ehc.models import CaseStage, EhcCase, PlanNeed, PlanOutcome, PlanProvision
from opensend.ehc.plan_services import (
    draft_respond,
    plan_draft_serve,
    plan_draft_start,
    plan_issue,
)
from opensend.ehc.services import decision_record
from opensend.reviews import statements
from opensend.reviews.models import LegacyStatement, Review, ReviewStatus, StatementStatus

pytestmark = pytest.mark.django_db


def _statement(demo, child_key="ava", school_key="north_oak"):
    return LegacyStatement.objects.create(
        child=demo[child_key],
        local_authority=demo[school_key].local_authority,
        school=demo[school_key],
        made_on=date(2013, 6, 3),
        provision="20 hours a week of 1:1 support; speech and language therapy each week",
    )


def _start(demo, statement, actor=None):
    actor = actor or demo["north_caseworker"]
    review = statements.statement_review_open(actor=demo["north_caseworker"], statement=statement)
    return statements.statement_transfer_start(actor=actor, review=review)


@pytest.mark.parametrize(
    ("notice_on", "weeks", "final"),
    [
        (date(2015, 8, 31), 16, date(2015, 12, 21)),  # SI 2014/2270 arts 21-22: 2 + 14
        (date(2015, 9, 1), 20, date(2016, 1, 19)),  # SI 2015/1619 arts 3-4: 2 + 18
    ],
)
def test_the_transfer_case_dates_follow_the_2015_rule(demo, notice_on, weeks, final):
    import time_machine

    statement = _statement(demo)
    with time_machine.travel(f"{notice_on.isoformat()} 10:00", tick=False):
        case = _start(demo, statement)
    assert case.received == notice_on
    assert case.final_plan_due == final
    assert (case.final_plan_due - case.received).days == 7 * weeks
    assert case.decision_to_assess_due == date.fromordinal(notice_on.toordinal() + 14)
    assert case.decision_not_to_issue_due < case.final_plan_due
    assert case.draft_plan_recommended_by < case.decision_not_to_issue_due
    assert case.stage == CaseStage.ASSESSING


def test_the_statement_stays_in_force_until_the_plan_is_issued(demo, frozen, client):
    """reviews.hooks registers `statement_on_plan_issued` with ehc's plan-issued hook."""
    statement = _statement(demo)
    case = _start(demo, statement)
    statement.refresh_from_db()
    assert statement.transfer_case == case
    assert statement.status == StatementStatus.TRANSFERRING
    assert statements.in_force(statement)
    assert statement.ended_on is None
    assert list(statements.transfer_cases(EhcCase.objects.all())) == [case]
    assert statements.is_transfer(case)

    client.force_login(demo["north_caseworker"])
    page = client.get(reverse("reviews_la_statements")).content.decode()
    assert "In force" in page
    assert "stay in force until the EHC plan is issued" in page

    caseworker = demo["north_caseworker"]
    decision_record(actor=caseworker, case=case, kind="issue", agreed=True)
    case.refresh_from_db()
    draft = plan_draft_start(actor=caseworker, case=case)
    PlanNeed.objects.create(version=draft, section="B", order=1, description="Speech")
    PlanOutcome.objects.create(version=draft, order=1, description="Talks in class")
    PlanProvision.objects.create(version=draft, section="F", order=1, what="Therapy weekly")
    frozen.move_to("2026-04-06 10:00")
    served = plan_draft_serve(actor=caseworker, version=draft)
    statement.refresh_from_db()
    assert statements.in_force(statement)  # still in force with a draft out
    draft_respond(actor=demo["north_parent"], version=served, no_changes=True)
    frozen.move_to("2026-04-20 10:00")
    final = plan_issue(actor=caseworker, version=served, placement=demo["north_oak"])

    statement.refresh_from_db()
    assert statement.status == StatementStatus.TRANSFERRED
    assert statement.ended_on == date(2026, 4, 20)
    assert not statements.in_force(statement)
    review = Review.objects.get(statement=statement)
    assert review.status == ReviewStatus.COMPLETE
    assert review.amended_version == final


def test_start_transfer_from_the_page(demo, frozen, client):
    statement = _statement(demo)
    client.force_login(demo["north_caseworker"])
    response = client.post(reverse("reviews_statement_transfer_start", args=[statement.pk]))
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.status == StatementStatus.TRANSFERRING
    assert response["Location"] == reverse("ehc_case", args=[statement.transfer_case.pk])
    assert statement.transfer_case.final_plan_due == date(2026, 7, 20)  # 2 March + 20 weeks
    # A second press starts nothing new.
    again = client.post(reverse("reviews_statement_transfer_start", args=[statement.pk]))
    assert again.status_code == 302
    assert EhcCase.objects.filter(child=demo["ava"]).count() == 1


def test_only_the_councils_send_team_may_start_a_transfer(demo, frozen, client):
    statement = _statement(demo)
    review = statements.statement_review_open(actor=demo["north_caseworker"], statement=statement)
    for persona in ("oak_senco", "north_parent", "south_caseworker"):
        with pytest.raises(PermissionDenied):
            statements.statement_transfer_start(actor=demo[persona], review=review)
        client.force_login(demo[persona])
        url = reverse("reviews_statement_transfer_start", args=[statement.pk])
        assert client.post(url).status_code == 404
    client.force_login(demo["oak_senco"])
    assert client.get(reverse("reviews_la_statements")).status_code == 404
    statement.refresh_from_db()
    assert statement.status == StatementStatus.IN_FORCE


def test_no_transfer_over_an_open_assessment(demo, frozen):
    statement = _statement(demo)
    _start(demo, statement)
    other = LegacyStatement.objects.create(
        child=demo["ava"],
        local_authority=statement.local_authority,
        made_on=date(2014, 1, 6),
        provision="Another statement",
    )
    with pytest.raises(ValidationError):
        _start(demo, other)


def test_a_transfer_review_is_counted_apart_from_new_assessments(demo, frozen):
    """SEN2 counts transfers apart, and reg 10(1)'s 16 weeks do not apply to them: a transfer
    case's decision not to issue is left out of the council's timeliness figures."""
    from opensend.ehc.reports import timeliness

    case = _start(demo, _statement(demo))
    decision_record(
        actor=demo["north_caseworker"],
        case=case,
        kind="issue",
        agreed=False,
        reasons="Ava's needs can be met from the school's own resources.",
    )
    cases = EhcCase.objects.filter(local_authority=demo["north_la"])
    assert statements.is_transfer(case)
    assert list(statements.transfer_cases(cases)) == [case]
    report = timeliness(cases, today=date(2026, 3, 2))
    assert report.decisions_not_to_issue.made == 0
