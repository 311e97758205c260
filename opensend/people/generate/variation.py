"""Good and bad months, schools and needs in the EHC records (issue 12, "Demo and done").

The other EHC modules write every closed case on time: a dashboard of them is a flat line.
Real councils' timeliness swings with the year (SEND2 returns, the Ombudsman's reports): the
autumn's requests pile up over Christmas, so decisions and final plans run late through the
winter and spring and recover by the autumn; some schools' requests and some needs (autism,
social, emotional and mental health: the assessments that wait longest for specialists) run
later than others. This pass, on its own seeded stream (nothing any other module draws
moves), gives the last 18 months that shape:

- a share of the closed cases decided in the window had their request earlier than written
  (so the decision to assess came after the 6 weeks of reg 5(1), and often the final plan after
  the 20 weeks of reg 13(2)); the chance is the decision's month's, times its school's and its
  need's. Only the request date moves (earlier): every decision, plan, review and letter keeps
  its date, so every later record stays as it was. The case's statutory due dates are
  recomputed by `law.ehc.ehc_timeline`;
- refusals to assess, new closed cases for pupils on SEN support, until about REFUSE_SHARE of
  the window's decisions to assess are refusals (England: about one in five, SEN2 2024), and
  decisions not to issue until about NOT_ISSUE_SHARE of decisions on a plan (about 1 in 20);
- recorded exceptions (regs 5(4), 8(2), 10(4)) on a few of the late cases: personal
  circumstances, an absence from the area, a school closure;
- advice given late by the services that are often late (educational psychology), and on time
  by those that mostly are (health), reg 8(1).

Every date obeys the model: a decision on or after its request, advice in before the decision
on a plan, nothing after today. The SEN2 checks (law.sen2) find nothing new: no date moves
after another it must precede.
"""

import random
from collections import defaultdict
from datetime import date, datetime, timedelta

from opensend.law.assessment import AdviceKind
from opensend.law.dates import add_months
from opensend.law.ehc import ehc_timeline
from opensend.people.generate.ehc_cases import (
    NOT_ASSESSING,
    NOT_ISSUING,
    REFUSE_ASSESS_REASONS,
    CasePlan,
    _candidates,
    _decision,
    _finish,
    _owner,
    _texts,
    plan_case,
    store_cases,
)
from opensend.people.generate.scales import new_uuid

WINDOW_MONTHS = 18

# The chance a closed case decided in each month was late: a winter and spring backlog, a
# good autumn (the teams catch up over the summer).
MONTH_LATE = {
    1: 0.6,
    2: 0.75,
    3: 0.65,
    4: 0.5,
    5: 0.3,
    6: 0.2,
    7: 0.2,
    8: 0.15,
    9: 0.04,
    10: 0.04,
    11: 0.08,
    12: 0.35,
}
# A school's requests: most as the month goes, some always quicker (the SENCO sends complete
# evidence), some slower. Drawn once per school, in id order.
SCHOOL_FACTORS = (0.3, 0.6, 1.0, 1.0, 1.0, 1.3, 1.6)
# Needs whose assessments wait longest for specialists (autism diagnostic pathways, CAMHS).
NEED_FACTORS = {"ASD": 1.4, "SEMH": 1.3, "SLCN": 0.8, "SPLD": 0.7}
MAX_LATE = 0.95

# Days a late decision's request was earlier than written: after week 6, up to week 13.
LATE_DAYS = (8, 56)

REFUSE_SHARE = 0.22
NOT_ISSUE_SHARE = 0.05

EXCEPTION_SHARE = 0.2  # of the late cases: a few percent of all cases
EXCEPTION_KINDS = ("personal_circumstances", "absence_from_area", "school_closure")

# The chance a piece of advice came in late (reg 8(1): 6 weeks), by who gives it.
ADVICE_LATE = {
    AdviceKind.PSYCHOLOGICAL: 0.6,
    AdviceKind.MEDICAL: 0.08,
    AdviceKind.SOCIAL_CARE: 0.3,
    AdviceKind.EDUCATIONAL: 0.2,
}

CLOSED = ("issued", "not_assessing", "not_issuing")


def write_variation(rng: random.Random, today: date, named_upns, batch_size: int) -> dict:
    """Add the window's refusals, then make its closed cases late by month, school and need;
    returns {model label: rows written} (the new cases' rows: changed rows were counted)."""
    start = add_months(today, -WINDOW_MONTHS)
    written = _add_refusals(rng, today, start, named_upns, batch_size)
    late = _make_late(rng, today, start, batch_size)
    written.update(_add_exceptions(rng, today, late, batch_size))
    _advice_late(rng, today, start, batch_size)
    return written


def _in_stable_order(organisation_ids) -> list:
    """Councils and schools ordered by their codes (LA code, URN), then id: the persona
    organisations' ids are random, so ordering by id alone would give another database's run
    other draws."""
    from opensend.organisations.models import Organisation

    ids = set(organisation_ids)
    codes = {
        pk: (la_code, urn)
        for pk, la_code, urn in Organisation.objects.filter(pk__in=ids).values_list(
            "pk", "la_code", "urn"
        )
    }
    return sorted(ids, key=lambda pk: (codes.get(pk, ("", "")), str(pk)))


# --- refusals ---------------------------------------------------------------------------------


def _decisions_in_window(start: date, today: date) -> dict:
    """(la id, kind, agreed) -> decisions dated in the window, one grouped query."""
    from django.db.models import Count

    from opensend.ehc.models import Decision

    rows = (
        Decision.objects.filter(decided_on__gte=start, decided_on__lte=today)
        .values("case__local_authority_id", "kind", "agreed")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(r["case__local_authority_id"], r["kind"], r["agreed"]): r["n"] for r in rows}


def _wanted(counts: dict, la_id, kind: str, share: float) -> int:
    """More refusals of `kind` needed for them to be `share` of the council's decisions."""
    agreed = counts.get((la_id, kind, True), 0)
    refused = counts.get((la_id, kind, False), 0)
    return max(0, round(agreed * share / (1 - share)) - refused)


def _add_refusals(rng, today: date, start: date, named_upns, batch_size: int) -> dict:
    counts = _decisions_in_window(start, today)
    by_la = defaultdict(list)
    for candidate in _candidates(named_upns):
        by_la[candidate.la_id].append(candidate)
    plans: list[CasePlan] = []
    days = (today - start).days
    for la_id in _in_stable_order(by_la):
        pupils = by_la[la_id]
        refuse = _wanted(counts, la_id, "assess", REFUSE_SHARE)
        no_plan = _wanted(counts, la_id, "issue", NOT_ISSUE_SHARE)
        chosen = rng.sample(pupils, min(refuse + no_plan, len(pupils)))
        for index, candidate in enumerate(chosen):
            decided = start + timedelta(days=rng.randint(1, days - 1))
            if index < refuse:
                plans.append(_refusal(rng, candidate, decided, today))
            else:
                # Dated back from the day after its decision not to issue (within the window).
                anchor = min(decided + timedelta(days=1), today)
                plans.append(plan_case(rng, candidate, NOT_ISSUING, anchor))
    return store_cases(plans, batch_size)


def _refusal(rng, candidate, decided: date, today: date) -> CasePlan:
    """A request refused within 6 weeks (reg 5(1)); the lateness pass may move it earlier."""
    received = decided - timedelta(days=rng.randint(21, 42))
    case = CasePlan(
        id=new_uuid(rng),
        candidate=candidate,
        variant=NOT_ASSESSING,
        stage="not_assessing",
        received=received,
        owner=_owner(rng, NOT_ASSESSING),
        request_id=new_uuid(rng),
        by_school=rng.random() < 0.75,
        online=rng.random() < 0.85,
        texts=_texts(rng),
    )
    reasons = rng.choice(REFUSE_ASSESS_REASONS)
    case.decisions.append(_decision(rng, "assess", False, decided, today, reasons))
    case.closed_on = decided
    return _finish(case, ehc_timeline(received=received), today)


# --- late requests ----------------------------------------------------------------------------


def _window_cases(start: date, today: date) -> list[tuple]:
    """(case id, received, assess decided on, child id, request's school id) of the closed
    cases whose decision to assess is in the window, in id order (the draws follow it)."""
    from opensend.ehc.models import Decision

    return list(
        Decision.objects.filter(
            kind="assess",
            decided_on__gte=start,
            decided_on__lte=today,
            case__stage__in=CLOSED,
            case__closed_on__isnull=False,
        )
        .order_by("case_id")
        .values_list(
            "case_id", "case__received", "decided_on", "case__child_id", "case__requests__school_id"
        )
    )


def _schools_and_needs(start: date) -> tuple[dict, dict]:
    """Child id -> current school, and -> main need, for the children with a case closed in
    the window (two joined queries, however many cases)."""
    from opensend.people.models import Enrolment, Need

    recent = {"child__ehc_cases__closed_on__gte": start}
    schools = dict(
        Enrolment.objects.filter(end__isnull=True, **recent)
        .order_by("child_id", "start")
        .values_list("child_id", "school_id")
    )
    needs = dict(
        Need.objects.filter(rank=1, end__isnull=True, **recent)
        .order_by("child_id", "start")
        .values_list("child_id", "code")
    )
    return schools, needs


def _make_late(rng, today: date, start: date, batch_size: int) -> list[tuple]:
    """Move the request of a share of the window's closed cases earlier; returns the late
    cases as (case id, new received, decided on)."""
    from opensend.ehc.models import AssessmentRequest, EhcCase

    rows = _window_cases(start, today)
    schools, needs = _schools_and_needs(start)
    factors = {
        school_id: rng.choice(SCHOOL_FACTORS) for school_id in _in_stable_order(schools.values())
    }
    late, cases, requests = [], [], []
    for case_id, received, decided, child_id, request_school in rows:
        school = request_school or schools.get(child_id)
        chance = MONTH_LATE[decided.month] * factors.get(school, 1.0)
        chance = min(MAX_LATE, chance * NEED_FACTORS.get(needs.get(child_id, ""), 1.0))
        if rng.random() >= chance:
            continue
        # After week 6 (reg 5(1)) by LATE_DAYS: the request was in earlier than written.
        on_time_by = (decided - received).days
        shift = max(0, 42 - on_time_by) + rng.randint(*LATE_DAYS)
        moved = received - timedelta(days=shift)
        timeline = ehc_timeline(received=moved)
        cases.append(
            EhcCase(
                id=case_id,
                received=moved,
                decision_to_assess_due=timeline.decision_to_assess_due,
                decision_not_to_issue_due=timeline.decision_not_to_issue_due,
                draft_plan_recommended_by=timeline.draft_plan_recommended_by,
                final_plan_due=timeline.final_plan_due,
            )
        )
        late.append((case_id, moved, decided))
    fields = [
        "received",
        "decision_to_assess_due",
        "decision_not_to_issue_due",
        "draft_plan_recommended_by",
        "final_plan_due",
    ]
    EhcCase.objects.bulk_update(cases, fields, batch_size=batch_size)
    moved_by_case = {case.id: case.received for case in cases}
    for request_id, case_id in AssessmentRequest.objects.filter(
        case_id__in=list(moved_by_case)
    ).values_list("id", "case_id"):
        requests.append(AssessmentRequest(id=request_id, received=moved_by_case[case_id]))
    AssessmentRequest.objects.bulk_update(requests, ["received"], batch_size=batch_size)
    return late


# --- exceptions -------------------------------------------------------------------------------


def _add_exceptions(rng, today: date, late: list[tuple], batch_size: int) -> dict:
    """Regs 5(4), 8(2), 10(4): a dated circumstance recorded on a few late cases, inside the
    case's weeks (whether it lifts a limit is the law's to say, `ehc_timeline`)."""
    from opensend.ehc.models import CaseException

    rows = []
    for index, (case_id, received, _decided) in enumerate(late):
        if rng.random() >= EXCEPTION_SHARE:
            continue
        kind = EXCEPTION_KINDS[index % len(EXCEPTION_KINDS)]
        begins = received + timedelta(days=rng.randint(3, 20))
        length = {
            "personal_circumstances": rng.randint(7, 30),
            "absence_from_area": rng.randint(28, 40),
            "school_closure": rng.randint(28, 35),  # the end is the day it reopens
        }[kind]
        ends = min(begins + timedelta(days=length), today)
        if ends <= begins:
            continue
        rows.append(
            CaseException(id=new_uuid(rng), case_id=case_id, kind=kind, start=begins, end=ends)
        )
    CaseException.objects.bulk_create(rows, batch_size=batch_size)
    return {CaseException._meta.label_lower: len(rows)} if rows else {}


# --- advice -----------------------------------------------------------------------------------


def _advice_late(rng, today: date, start: date, batch_size: int) -> None:
    """Advice given in the window's closed cases: late by who gives it, always in before the
    decision on a plan (reg 10: it is what the decision rests on) and before today."""
    from django.utils import timezone

    from opensend.ehc.models import AdviceRequest, Decision

    issue_days = dict(
        Decision.objects.filter(
            kind="issue", case__closed_on__gte=start, case__stage__in=CLOSED
        ).values_list("case_id", "decided_on")
    )
    changed = []
    for advice_id, case_id, kind, asked, due, submitted in (
        AdviceRequest.objects.filter(
            status="submitted",
            case__closed_on__gte=start,
            case__stage__in=CLOSED,
            due__isnull=False,
            submitted_at__isnull=False,
        )
        .order_by("id")
        .values_list("id", "case_id", "kind", "requested_on", "due", "submitted_at")
    ):
        latest = min(issue_days.get(case_id, today), today) - timedelta(days=1)
        given = timezone.localtime(submitted).date()
        if rng.random() < ADVICE_LATE.get(kind, 0.2):
            day = min(due + timedelta(days=rng.randint(1, 35)), latest)
        elif given >= due:
            # On time this time: before the due day (given at 15:00, so not on the day itself,
            # which a report comparing times with the due date could count as late).
            day = due - timedelta(days=rng.randint(1, 10))
        else:
            day = given
        day = max(day, asked + timedelta(days=1))
        if day != given and day <= latest:
            at = datetime(day.year, day.month, day.day, 15)
            changed.append(AdviceRequest(id=advice_id, submitted_at=timezone.make_aware(at)))
    AdviceRequest.objects.bulk_update(changed, ["submitted_at"], batch_size=batch_size)
