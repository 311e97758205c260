"""EHC plans for the generated cases the council decided to issue (issue 8 item 7).

Of the cases at "writing the plan", in order, a quarter each become:
- a first draft still being written (pre-filled from the advice, as the services do);
- a draft served to the family, their 15 days running (reg 13(1));
- a plan issued from the served draft, on time or late against the 20 weeks (reg 13(2));
- a plan with three versions: a draft served, a second draft after the family's comments,
  served again, and the final plan.
Rows are written straight through the ORM (the services would stamp everything "today");
the dates and rules are the law's: `draft_comment_period` and the case's stored limits.
"""

import random
from datetime import date, timedelta

from opensend.law.ehc import draft_comment_period

# Oldest cases first: the oldest have had time to reach a final plan, late or not.
STATES = ("three_versions", "issued", "served", "writing")


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", "\n").splitlines() if part.strip()]


def _content(version, advice, rng: random.Random) -> None:
    from opensend.ehc.models import PlanNeed, PlanOutcome, PlanProvision

    needs, outcomes, lines = [], [], []
    for item in advice:
        needs += _lines(item.needs)
        outcomes += _lines(item.outcomes)
        lines += _lines(item.provision)
    made_needs = [
        PlanNeed.objects.create(version=version, section="B", order=i, description=text)
        for i, text in enumerate(dict.fromkeys(needs) or ["Needs to be described"], start=1)
    ]
    made_outcomes = []
    for i, text in enumerate(dict.fromkeys(outcomes) or ["Outcome to be agreed"], start=1):
        outcome = PlanOutcome.objects.create(version=version, order=i, description=text)
        outcome.needs.set(made_needs)
        made_outcomes.append(outcome)
    for i, text in enumerate(dict.fromkeys(lines) or ["Provision to be agreed"], start=1):
        line = PlanProvision.objects.create(
            version=version,
            section="F",
            order=i,
            what=text,
            who="A trained teaching assistant" if rng.random() < 0.7 else "",
            how_often="Daily" if rng.random() < 0.7 else "",
            how_long="Until the next annual review",
        )
        line.outcomes.set(made_outcomes)
    version.advice.set(advice)


def _version(plan, number: int, status: str, advice, rng, **fields):
    from opensend.ehc.models import PlanVersion

    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        status=status,
        views_interests_aspirations="Loves being outdoors and wants to make friends.",
        **fields,
    )
    _content(version, advice, rng)
    return version


def _issue_day(case, today: date, rng: random.Random, *, late: bool) -> date:
    """On or before the 20-week limit (reg 13(2)); or after it, for a plan that went through a
    second draft, when the case is old enough for that to have happened by today."""
    due = case.final_plan_due
    if late and today > due:
        return due + timedelta(days=rng.randint(1, min(30, (today - due).days)))
    return min(today, due) - timedelta(days=rng.randint(0, 7))


def _served(day: date) -> dict:
    return {"served_on": day, "comments_close": draft_comment_period(served=day).comments_close}


def write_ehc_plans(rng: random.Random, today: date) -> dict:
    """Plans for the generated cases at "drafting"; returns {model label: rows written}."""
    from opensend.core.models import AuditEvent, AuditEventKind
    from opensend.ehc.models import (
        COMPLETE_ADVICE,
        DraftResponse,
        EhcCase,
        EhcPlan,
    )

    cases = list(
        EhcCase.objects.filter(stage="drafting", plan__isnull=True)
        .select_related("child")
        .prefetch_related("advice_requests")
        .order_by("received", "pk")
    )
    counts = {"ehc.ehcplan": 0, "ehc.planversion": 0}
    for index, case in enumerate(cases):
        state = STATES[index % len(STATES)]
        advice = [a for a in case.advice_requests.all() if a.status in COMPLETE_ADVICE]
        plan = EhcPlan.objects.create(
            case=case, child=case.child, local_authority_id=case.local_authority_id
        )
        counts["ehc.ehcplan"] += 1
        school = (
            case.child.enrolments.filter(end__isnull=True)
            .values_list("school_id", "school__name")
            .first()
        ) or (None, "")
        if state == "writing":
            _version(plan, 1, "draft", advice, rng)
            versions = 1
        elif state == "served":
            served_on = today - timedelta(days=rng.randint(1, 12))
            _version(plan, 1, "served", advice, rng, **_served(served_on))
            versions = 1
        else:
            issued_on = _issue_day(case, today, rng, late=state == "three_versions")
            first_served = issued_on - timedelta(days=rng.randint(20, 35))
            first = _version(plan, 1, "superseded", advice, rng, **_served(first_served))
            previous, number = first, 1
            if state == "three_versions":
                DraftResponse.objects.create(
                    version=first, comments="Please add speech and language therapy."
                )
                number = 2
                previous = _version(
                    plan,
                    2,
                    "superseded",
                    advice,
                    rng,
                    based_on=first,
                    change_reason="Speech and language therapy added after the family's comments.",
                    **_served(first_served + timedelta(days=16)),
                )
            DraftResponse.objects.create(version=previous, no_changes=True)
            _version(
                plan,
                number + 1,
                "issued",
                advice,
                rng,
                based_on=previous,
                change_reason="Final plan.",
                issued_on=issued_on,
                placement_id=school[0],
                placement_name=school[1],
                placement_type="" if school[0] else "Mainstream school",
            )
            EhcCase.objects.filter(pk=case.pk).update(
                stage="issued", closed_on=issued_on, next_step="", next_due=None
            )
            versions = number + 1
        counts["ehc.planversion"] += versions
        AuditEvent.objects.create(
            actor=None,
            actor_label="system",
            kind=AuditEventKind.CREATED,
            record_type=EhcPlan._meta.label_lower,
            record_id=str(plan.pk),
            subject_id=case.child_id,
            organisation_id=case.local_authority_id,
            note="generated",
            new_values={"state": state, "versions": versions},
        )
    return {label: n for label, n in counts.items() if n}
