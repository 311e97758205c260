"""The plain-English timeline (opensend.ehc.timeline): each step, its date, done/now/later.

Real dates: a request received on Monday 2 March 2026 must be decided by 13 April 2026
(6 weeks, reg 5(1)); a decision not to issue by 22 June 2026 (16 weeks, reg 10(1)); a draft is
recommended by 8 June 2026 (14 weeks, not statutory); the final plan is due by 20 July 2026
(20 weeks, reg 13(2)).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opensend.ehc.models import AdviceRequest, Decision, EhcCase
from opensend.ehc.services import Views, request_submit
from opensend.ehc.timeline import DONE, LATER, NOW, case_timeline, what_happens_next
from opensend.law.ehc import ehc_timeline
from opensend.organisations.models import Organisation

RECEIVED = date(2026, 3, 2)
LONDON = ZoneInfo("Europe/London")


def make_case(stage="requested", received=RECEIVED, **extra) -> EhcCase:
    """An unsaved case with the law's dates, as services.request_submit stores them."""
    law = ehc_timeline(received=received)
    return EhcCase(
        stage=stage,
        received=received,
        decision_to_assess_due=law.decision_to_assess_due,
        decision_not_to_issue_due=law.decision_not_to_issue_due,
        draft_plan_recommended_by=law.draft_plan_recommended_by,
        final_plan_due=law.final_plan_due,
        local_authority=Organisation(name="Northshire County Council", email="send@north"),
        **extra,
    )


def steps_of(case, *, today=date(2026, 3, 10), decisions=(), advice=(), for_family=True):
    return case_timeline(
        case, today=today, decisions=decisions, advice_requests=advice, for_family=for_family
    )


def by_title(steps):
    return {step.title: step for step in steps}


def test_a_new_request_shows_the_decision_due_six_weeks_after_it_was_received():
    steps = steps_of(make_case())
    assert [(s.title, s.date, s.state) for s in steps] == [
        ("Request received", date(2026, 3, 2), DONE),
        ("Decision whether to assess", date(2026, 4, 13), NOW),
        ("Advice gathered", None, LATER),
        ("Decision whether to issue an EHC plan", date(2026, 6, 22), LATER),
        ("Draft EHC plan", date(2026, 6, 8), LATER),
        ("Final EHC plan", date(2026, 7, 20), LATER),
    ]
    assert "13 April 2026" in steps[1].detail and not steps[1].late


def test_the_draft_plan_date_says_it_is_not_a_legal_deadline():
    draft = by_title(steps_of(make_case()))["Draft EHC plan"]
    assert draft.date_label == "Recommended by"
    assert "not a legal deadline" in draft.detail


def test_a_decision_past_its_date_is_late():
    steps = steps_of(make_case(), today=date(2026, 4, 14))
    decision = by_title(steps)["Decision whether to assess"]
    assert decision.state == NOW and decision.late
    assert "contact the council" in decision.detail


def test_while_advice_is_gathered_each_advice_shows_its_status_without_an_email():
    case = make_case("assessing")
    assess = Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1))
    family = AdviceRequest(
        kind="family",
        status="requested",
        requested_on=date(2026, 4, 2),
        due=date(2026, 5, 14),
    )
    ep = AdviceRequest(
        kind="psychological",
        status="submitted",
        recipient_name="Dr Anna Lewis",
        recipient_email="anna.lewis@ep.example",
        requested_on=date(2026, 4, 2),
        due=date(2026, 5, 14),
        submitted_at=datetime(2026, 4, 20, 11, tzinfo=LONDON),
        shared_with_family=False,
    )
    withdrawn = AdviceRequest(kind="social_care", status="withdrawn")
    steps = steps_of(
        case, today=date(2026, 4, 21), decisions=[assess], advice=[family, ep, withdrawn]
    )
    titles = by_title(steps)
    assert titles["Decision whether to assess"].state == DONE
    assert titles["Decision whether to assess"].date == date(2026, 4, 1)
    advice = titles["Advice gathered"]
    assert advice.state == NOW and advice.date == date(2026, 5, 14)
    assert [line.label for line in advice.advice] == [
        "The family's advice and views",
        "Psychological advice (educational psychologist)",
    ]
    assert advice.advice[0].status == "Asked on 2 April 2026, due by 14 May 2026"
    assert advice.advice[1].status.startswith("Given on 20 April 2026")
    assert "has not shared this advice with you" in advice.advice[1].status
    assert titles["Decision whether to issue an EHC plan"].state == LATER
    everything = repr(steps)
    assert "anna.lewis@ep.example" not in everything
    # The school's view words it for the school, and does not say "not shared with you".
    school = by_title(
        steps_of(case, today=date(2026, 4, 21), decisions=[assess], advice=[ep], for_family=False)
    )
    assert "not shared" not in school["Advice gathered"].advice[0].status


def test_late_advice_is_marked():
    case = make_case("assessing")
    assess = Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1))
    late = AdviceRequest(
        kind="medical", status="requested", requested_on=date(2026, 4, 2), due=date(2026, 5, 14)
    )
    steps = steps_of(case, today=date(2026, 5, 15), decisions=[assess], advice=[late])
    advice = by_title(steps)["Advice gathered"]
    assert advice.late and advice.advice[0].late and "(late)" in advice.advice[0].status


def test_once_all_advice_is_in_the_decision_whether_to_issue_is_next():
    case = make_case("assessing")
    assess = Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1))
    given = AdviceRequest(
        kind="educational",
        status="submitted",
        submitted_at=datetime(2026, 5, 1, 9, tzinfo=LONDON),
    )
    steps = steps_of(case, today=date(2026, 5, 2), decisions=[assess], advice=[given])
    titles = by_title(steps)
    assert titles["Advice gathered"].state == DONE
    assert titles["Advice gathered"].date == date(2026, 5, 1)
    assert titles["Decision whether to issue an EHC plan"].state == NOW
    assert "will now decide whether to issue" in what_happens_next(case, steps)


def test_when_writing_the_plan_the_draft_is_happening_now():
    case = make_case("drafting")
    decisions = [
        Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1)),
        Decision(kind="issue", agreed=True, decided_on=date(2026, 5, 20)),
    ]
    steps = steps_of(case, today=date(2026, 5, 21), decisions=decisions)
    states = {step.title: step.state for step in steps}
    assert states == {
        "Request received": DONE,
        "Decision whether to assess": DONE,
        "Advice gathered": DONE,
        "Decision whether to issue an EHC plan": DONE,
        "Draft EHC plan": NOW,
        "Final EHC plan": LATER,
    }
    assert "20 July 2026" in what_happens_next(case, steps)


def test_a_refusal_to_assess_ends_the_timeline_with_the_decision():
    case = make_case("not_assessing", closed_on=date(2026, 4, 10))
    refusal = Decision(kind="assess", agreed=False, reasons="x", decided_on=date(2026, 4, 10))
    steps = steps_of(case, today=date(2026, 4, 11), decisions=[refusal])
    assert [s.title for s in steps] == ["Request received", "Decision whether to assess"]
    assert "decided not to carry out" in steps[-1].detail
    assert "appeal" in what_happens_next(case, steps)


def test_a_decision_not_to_issue_ends_the_timeline_there():
    case = make_case("not_issuing", closed_on=date(2026, 6, 1))
    decisions = [
        Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1)),
        Decision(kind="issue", agreed=False, reasons="x", decided_on=date(2026, 6, 1)),
    ]
    steps = steps_of(case, today=date(2026, 6, 2), decisions=decisions)
    assert steps[-1].title == "Decision whether to issue an EHC plan"
    assert steps[-1].state == DONE and steps[-1].date == date(2026, 6, 1)
    assert all(step.state == DONE for step in steps)


def test_a_withdrawn_request_says_so():
    case = make_case("withdrawn", closed_on=date(2026, 3, 20))
    steps = steps_of(case, today=date(2026, 3, 21))
    assert [s.title for s in steps] == ["Request received", "Request withdrawn"]
    assert steps[-1].date == date(2026, 3, 20)
    assert "withdrawn" in what_happens_next(case, steps)


def test_exactly_one_step_is_happening_now_in_an_open_case():
    for stage in ("requested", "assessing", "drafting"):
        decisions = []
        if stage != "requested":
            decisions.append(Decision(kind="assess", agreed=True, decided_on=date(2026, 4, 1)))
        if stage == "drafting":
            decisions.append(Decision(kind="issue", agreed=True, decided_on=date(2026, 5, 1)))
        steps = steps_of(make_case(stage), decisions=decisions)
        assert [step.state for step in steps].count(NOW) == 1, stage


@pytest.mark.django_db
def test_a_request_made_on_2_march_2026_has_the_statutory_dates(demo):
    with time_machine.travel(datetime(2026, 3, 2, 16, 30, tzinfo=LONDON), tick=False):
        request = request_submit(
            actor=demo["hill_senco"],
            child=demo["mia"],
            school=demo["north_hill"],
            views=Views(),
            what_is_new="Not attending full days",
            family_agrees=True,
        )
    case = request.case
    steps = case_timeline(case, today=date(2026, 3, 3))
    titles = by_title(steps)
    assert titles["Request received"].date == date(2026, 3, 2)
    assert titles["Decision whether to assess"].date == date(2026, 4, 13)
    assert titles["Final EHC plan"].date == date(2026, 7, 20)
    assert what_happens_next(case, steps) == (
        "The council will decide whether to carry out an EHC needs assessment by 13 April 2026."
    )
