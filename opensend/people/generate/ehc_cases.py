"""EHC needs assessment cases at every stage (issue 7 item 11).

A share of the pupils on SEN support in each local authority have a case, dated back from the
day of the run (`today`) so the work tray always shows every status: requests just in (on
time) and past their 6 weeks (reg 5(1)); assessments with advice partly in and some overdue
(reg 8(1)), some with exceptions recorded (regs 5(4), 8(2), 10(4)) and some just decided with
their advice requests not yet sent; refusals to assess with their reasons and sent letters;
decisions not to issue a plan (reg 10); plans being written (final plan due, reg 13(2)); and
a few requests withdrawn. Dates come from `opensend.law` (`ehc_timeline`, `advice_due`), and
`next_step`/`next_due` follow `opensend.ehc.services.next_statutory_step`.

The demo's people meet the cases: the LA's caseworker owns most of them, their manager some,
and new requests wait unassigned; the LA's educational psychologist, health and social care
professionals are asked for advice by name; each persona school (Oakfield, Hillside, …) has
two pupils being assessed whose educational advice the school still owes. The named demo
children have no case: Ava, Zara and Jordan have plans, and Leo and Mia are left for people
trying the demo to ask for.

`plan_cases` is plain Python on its own seeded stream (so nothing else the generator draws
moves); `write_ehc_cases` reads the pupils just written and stores the plan in bulk
(`store_cases`, which `variation.py` uses for its refusals too), with one audit row per case
(DESIGN "Audit and versions": bulk writes write their own).
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from opensend.law.assessment import AdviceKind, advice_due, minimum_advice
from opensend.law.ehc import ehc_timeline
from opensend.people.generate.scales import new_uuid

# About one pupil on SEN support in twelve has a case open or closed in the last months: a
# little above England's rate (~100,000 requests a year for ~1.3 million pupils on SEN
# support), so a caseworker's tray is full. At least enough in each LA for every stage to show
# in a small run.
CASE_SHARE = 0.08
MIN_CASES_PER_LA = 12
PERSONA_SCHOOL_CASES = 2  # pupils being assessed at each persona school, advice owed

# Stages in the order a small LA's cases get them: every stage within the first eight, then
# the usual mix (most cases are waiting for a decision or being assessed).
REQUESTED, REQUESTED_OVERDUE = "requested", "requested_overdue"
ASSESSING, ASSESSING_EXCEPTION, ASSESSING_UNSENT = (
    "assessing",
    "assessing_exception",
    "assessing_unsent",
)
NOT_ASSESSING, NOT_ISSUING, DRAFTING, WITHDRAWN = (
    "not_assessing",
    "not_issuing",
    "drafting",
    "withdrawn",
)
STAGE_CYCLE = (
    REQUESTED,
    # Second, so even a small LA's first cases include two plans (issue 8: every plan state);
    # persona schools' cases are all being assessed already.
    DRAFTING,
    REQUESTED_OVERDUE,
    ASSESSING_EXCEPTION,
    DRAFTING,
    NOT_ASSESSING,
    ASSESSING_UNSENT,
    NOT_ISSUING,
    REQUESTED,
    ASSESSING,
    ASSESSING,
    WITHDRAWN,
    REQUESTED,
    ASSESSING,
    DRAFTING,
    NOT_ASSESSING,
    REQUESTED_OVERDUE,
    ASSESSING_EXCEPTION,
)
CASE_STAGE = {
    REQUESTED: "requested",
    REQUESTED_OVERDUE: "requested",
    ASSESSING: "assessing",
    ASSESSING_EXCEPTION: "assessing",
    ASSESSING_UNSENT: "assessing",
    NOT_ASSESSING: "not_assessing",
    NOT_ISSUING: "not_issuing",
    DRAFTING: "drafting",
    WITHDRAWN: "withdrawn",
}

WHAT_IS_NEW = (
    "Three cycles of SEN support with a speech and language programme; progress has stalled "
    "and the gap with peers is widening.",
    "Despite small-group support and a key adult, attendance has fallen below 80% this term.",
    "Needs a level of adult support through the day that the school cannot keep up from its "
    "own resources.",
    "The educational psychologist's consultation last term recommended a statutory assessment.",
    "Increasing distress at transitions; two fixed-term suspensions this year despite a "
    "support plan.",
)
FAMILY_DIFFICULTIES = (
    "Noise, busy places and changes to routine.",
    "Reading and writing; gets very tired by the end of the day.",
    "Making and keeping friends; finds playtimes hard.",
    "Understanding what is said to them in class.",
)
FAMILY_HOPES = (
    "To be happy going to school and to have help that stays the same.",
    "To catch up with reading and feel confident.",
    "To have a plan everyone follows, at school and at home.",
)
CHILD_VIEWS = (
    "I like drawing and football. I don't like it when it is loud.",
    "I want help with my reading so I can read to my sister.",
    "I wish people would explain things more slowly.",
)
REFUSE_ASSESS_REASONS = (
    "The evidence shows good progress with the support the school already provides, and the "
    "school can meet the needs from its own resources with the changes we recommend.",
    "The school has not yet had time to put in place and review the support recommended by "
    "the specialist teacher; we will look again if progress remains limited after two cycles.",
)
REFUSE_ISSUE_REASONS = (
    "The assessment shows the needs can be met through the school's SEN support, with the "
    "provision the educational psychologist recommends and the outreach the council funds.",
    "The advice agrees that the support now in place meets the needs well; a plan is not "
    "necessary for it to continue.",
)
ADVICE_TEXT = {
    "needs": "Needs support with communication and interaction; finds unstructured times "
    "difficult and benefits from visual structure.",
    "outcomes": "By the end of the key stage, to take part in group work with the support "
    "of a visual timetable and a trusted adult.",
    "provision": "Daily small-group language work (20 minutes) with a trained teaching "
    "assistant; a quiet space available at transitions.",
    "other_information": "",
}
QUESTIONS = {
    AdviceKind.PSYCHOLOGICAL: "Please look at learning and attention in class.",
    AdviceKind.MEDICAL: "Please include the community paediatrician's view.",
}
WITHDRAWN_NOTE = "withdrawn by the family"


@dataclass(frozen=True)
class Candidate:
    """A pupil on SEN support who may have a case (read from the rows just written)."""

    child_id: object
    school_id: object
    la_id: object
    year_group: str
    first_name: str
    last_name: str
    date_of_birth: date


@dataclass
class AdvicePlan:
    id: object
    kind: str
    status: str  # draft, requested or submitted
    requested_on: date | None = None
    due: date | None = None
    submitted_on: date | None = None
    reminded: bool = False


@dataclass
class DecisionPlan:
    id: object
    letter_id: object
    kind: str  # assess or issue
    agreed: bool
    decided_on: date
    reasons: str = ""
    sent_on: date | None = None  # None: the letter is still a draft


@dataclass
class CasePlan:
    id: object
    candidate: Candidate
    variant: str
    stage: str
    received: date
    owner: str  # "caseworker", "manager" or "" (nobody yet)
    request_id: object
    by_school: bool
    online: bool
    texts: dict
    decisions: list[DecisionPlan] = field(default_factory=list)
    advice: list[AdvicePlan] = field(default_factory=list)
    exception: tuple | None = None  # (id, kind, start, end, advice index or None)
    closed_on: date | None = None
    next_step: str = ""
    next_due: date | None = None
    reminded_for: date | None = None


def _days(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def select_cases(
    rng: random.Random, candidates: list[Candidate], persona_schools: list
) -> list[tuple[Candidate, str]]:
    """(pupil, stage variant) for each case: a share of each LA's pupils on SEN support, with
    each persona school's first pupils assessed (so its SENCO has advice to give)."""
    by_la: dict[object, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_la[candidate.la_id].append(candidate)
    chosen: list[tuple[Candidate, str]] = []
    for la_id in sorted(by_la, key=str):
        pupils = by_la[la_id]
        forced = []
        for school_id in persona_schools:
            forced += [p for p in pupils if p.school_id == school_id][:PERSONA_SCHOOL_CASES]
        forced_ids = {p.child_id for p in forced}
        others = [p for p in pupils if p.child_id not in forced_ids]
        wanted = max(MIN_CASES_PER_LA, round(len(pupils) * CASE_SHARE)) - len(forced)
        picked = rng.sample(others, min(max(wanted, 0), len(others)))
        chosen += [(p, ASSESSING) for p in forced]
        chosen += [(p, STAGE_CYCLE[i % len(STAGE_CYCLE)]) for i, p in enumerate(picked)]
    return chosen


def _owner(rng: random.Random, variant: str) -> str:
    if variant == REQUESTED and rng.random() < 0.5:
        return ""  # new requests wait in the tray for someone to take them
    return "caseworker" if rng.random() < 0.75 else "manager"


def _texts(rng: random.Random) -> dict:
    return {
        "what_is_new": rng.choice(WHAT_IS_NEW),
        "family_difficulties": rng.choice(FAMILY_DIFFICULTIES),
        "family_hopes": rng.choice(FAMILY_HOPES),
        "child_views": rng.choice(CHILD_VIEWS),
    }


def plan_case(
    rng: random.Random, candidate: Candidate, variant: str, today: date, *, owes: bool = False
) -> CasePlan:
    """One case at `variant`'s stage, dated back from `today`. `owes`: the school's and the
    educational psychologist's advice are still to come (a persona school's pupils)."""
    received = (
        today
        - {
            REQUESTED: _days(rng, 0, 34),
            REQUESTED_OVERDUE: _days(rng, 43, 70),
            ASSESSING: _days(rng, 50, 100),
            ASSESSING_EXCEPTION: _days(rng, 50, 100),
            ASSESSING_UNSENT: _days(rng, 25, 45),
            NOT_ASSESSING: _days(rng, 45, 150),
            NOT_ISSUING: _days(rng, 115, 200),
            DRAFTING: _days(rng, 95, 160),
            WITHDRAWN: _days(rng, 20, 80),
        }[variant]
    )
    case = CasePlan(
        id=new_uuid(rng),
        candidate=candidate,
        variant=variant,
        stage=CASE_STAGE[variant],
        received=received,
        owner=_owner(rng, variant),
        request_id=new_uuid(rng),
        by_school=rng.random() < 0.75,
        online=rng.random() < 0.85,
        texts=_texts(rng),
    )
    timeline = ehc_timeline(received=received)
    if variant == WITHDRAWN:
        case.closed_on = min(received + _days(rng, 5, 20), today)
    if variant in (REQUESTED, REQUESTED_OVERDUE, WITHDRAWN):
        return _finish(case, timeline, today)
    if variant == NOT_ASSESSING:
        decided = min(received + _days(rng, 28, 42), today - timedelta(days=1))
        case.decisions.append(
            _decision(rng, "assess", False, decided, today, rng.choice(REFUSE_ASSESS_REASONS))
        )
        case.closed_on = decided
        return _finish(case, timeline, today)
    if variant == ASSESSING_UNSENT:
        decided = max(received + timedelta(days=1), today - _days(rng, 0, 3))
        decision = _decision(rng, "assess", True, decided, today)
        decision.sent_on = None  # the caseworker has still to read and send the letter
        case.decisions.append(decision)
        case.advice = [
            AdvicePlan(new_uuid(rng), kind, "draft")
            for kind in minimum_advice(year_group=candidate.year_group)
        ]
        return _finish(case, timeline, today)
    latest = today - timedelta(days=8)
    decided = max(received + timedelta(days=1), min(received + _days(rng, 21, 42), latest))
    assess = _decision(rng, "assess", True, decided, today)
    case.decisions.append(assess)
    asked = min(assess.sent_on + _days(rng, 0, 3), today)
    # After an assessment (reg 10: by week 16) every piece of advice is in before the decision.
    issue_on = None
    if variant == DRAFTING:
        issue_on = min(received + _days(rng, 84, 105), today - timedelta(days=1))
    elif variant == NOT_ISSUING:
        issue_on = min(received + _days(rng, 98, 112), today - timedelta(days=1))
    for kind in minimum_advice(year_group=candidate.year_group):
        case.advice.append(_advice(rng, kind, asked, today, issue_on, owes))
    if variant == DRAFTING:
        case.decisions.append(_decision(rng, "issue", True, issue_on, today))
    elif variant == NOT_ISSUING:
        reasons = rng.choice(REFUSE_ISSUE_REASONS)
        case.decisions.append(_decision(rng, "issue", False, issue_on, today, reasons))
        case.closed_on = issue_on
    elif variant == ASSESSING_EXCEPTION:
        case.exception = _exception(rng, case, asked, today)
    return _finish(case, timeline, today)


def _decision(rng, kind, agreed, decided: date, today: date, reasons: str = "") -> DecisionPlan:
    return DecisionPlan(
        id=new_uuid(rng),
        letter_id=new_uuid(rng),
        kind=kind,
        agreed=agreed,
        decided_on=decided,
        reasons=reasons,
        sent_on=min(decided + _days(rng, 0, 2), today),
    )


def _advice(
    rng, kind: str, asked: date, today: date, decided: date | None, owes: bool
) -> AdvicePlan:
    """Advice asked on `asked`: all given before a decision on a plan (`decided`); otherwise
    partly in, the psychologist's (the slowest) least often, and some of the rest overdue."""
    due = advice_due(asked)
    advice = AdvicePlan(new_uuid(rng), kind, "requested", asked, due)
    owed = owes and kind in (AdviceKind.EDUCATIONAL, AdviceKind.PSYCHOLOGICAL)
    if decided is not None:
        given = True
    elif owed or asked >= today - timedelta(days=7):
        given = False
    else:
        chance = 0.3 if kind == AdviceKind.PSYCHOLOGICAL else 0.7 if due < today else 0.4
        given = rng.random() < chance
    if given:
        latest = min(due + timedelta(days=14), (decided or today) - timedelta(days=1))
        advice.status = "submitted"
        advice.submitted_on = min(asked + _days(rng, 10, 44), latest)
    else:
        # Overdue before the run: the sweep would have reminded them already.
        advice.reminded = due < today
    return advice


def _exception(rng, case: CasePlan, asked: date, today: date) -> tuple:
    """Regs 5(4), 8(2), 10(4): a dated circumstance; it never moves a date."""
    kind = rng.choice(("personal_circumstances", "absence_from_area", "missed_appointment"))
    if kind == "missed_appointment":
        day = min(asked + _days(rng, 7, 21), today - timedelta(days=1))
        ep = next(
            (i for i, a in enumerate(case.advice) if a.kind == AdviceKind.PSYCHOLOGICAL), None
        )
        return (new_uuid(rng), kind, day, day, ep)
    start = case.received + _days(rng, 3, 20)
    length = rng.randint(28, 40) if kind == "absence_from_area" else rng.randint(7, 30)
    return (new_uuid(rng), kind, start, start + timedelta(days=length), None)


def _finish(case: CasePlan, timeline, today: date) -> CasePlan:
    """The next statutory step and date, as services.next_statutory_step sets them."""
    steps: list[tuple[str, date]] = []
    if case.stage == "requested":
        steps = [("Decide whether to assess", timeline.decision_to_assess_due)]
    elif case.stage == "assessing":
        steps = [("Decide whether to issue a plan", timeline.decision_not_to_issue_due)]
        if any(a.status == "draft" for a in case.advice):
            steps.append(("Send the advice requests", timeline.decision_to_assess_due))
        outstanding = sorted(a.due for a in case.advice if a.status == "requested")
        if outstanding:
            steps.append(("Advice due", outstanding[0]))
    elif case.stage == "drafting":
        steps = [("Issue the final plan", timeline.final_plan_due)]
    if steps:
        case.next_step, case.next_due = min(steps, key=lambda step: step[1])
        # Past dates would have been reminded a week before: the first sweep stays quiet.
        if case.next_due < today:
            case.reminded_for = case.next_due
    return case


def plan_cases(
    rng: random.Random, candidates: list[Candidate], persona_schools: list, today: date
) -> list[CasePlan]:
    persona = set(persona_schools)
    plans = [
        plan_case(
            rng,
            candidate,
            variant,
            today,
            owes=candidate.school_id in persona and variant == ASSESSING,
        )
        for candidate, variant in select_cases(rng, candidates, persona_schools)
    ]
    # Every LA's tray has a new request that nobody has taken yet.
    waiting = {p.candidate.la_id for p in plans if p.variant == REQUESTED and not p.owner}
    for plan in plans:
        if plan.variant == REQUESTED and plan.candidate.la_id not in waiting:
            plan.owner = ""
            waiting.add(plan.candidate.la_id)
    return plans


# Writing ----------------------------------------------------------------------------------------
# Django from here on: the pupils just written are read back, and the plan is stored in bulk.


def _candidates(named_upns) -> list[Candidate]:
    from opensend.ehc.models import EhcCase
    from opensend.people.models import Enrolment

    with_cases = set(EhcCase.objects.values_list("child_id", flat=True))
    rows = (
        Enrolment.objects.filter(
            end__isnull=True,
            child__sen_statuses__end__isnull=True,
            child__sen_statuses__provision="K",
        )
        .exclude(child__upn__in=named_upns)
        .values_list(
            "child_id",
            "school_id",
            "child__home_local_authority_id",
            "year_group",
            "child__first_name",
            "child__last_name",
            "child__date_of_birth",
        )
        .order_by("child_id", "school_id")
    )
    seen, candidates = set(), []
    for child_id, school_id, la_id, year_group, first, last, born in rows:
        if child_id in seen or child_id in with_cases or la_id is None:
            continue
        seen.add(child_id)
        candidates.append(Candidate(child_id, school_id, la_id, year_group, first, last, born))
    return candidates


@dataclass
class _People:
    """Who works the cases in each LA, and who is asked for advice."""

    team: dict  # la id -> {"caseworker": user, "manager": user}
    professionals: dict  # (la id, role) -> (user, service id)
    sencos: dict  # school id -> user
    las: dict  # la id -> Organisation
    schools: dict  # school id -> name
    parents: dict  # child id -> parent's name


ROLE_FOR_KIND = {
    AdviceKind.MEDICAL: "health_professional",
    AdviceKind.PSYCHOLOGICAL: "educational_psychologist",
    AdviceKind.SOCIAL_CARE: "social_care_professional",
    AdviceKind.ADULTHOOD: "social_care_professional",
}
SERVICE_NAMES = {
    "health_professional": "Community paediatrics",
    "educational_psychologist": "Educational Psychology Service",
    "social_care_professional": "Children's Social Care",
}


def _people(plans: list[CasePlan]) -> _People:
    from opensend.organisations.models import Membership, Organisation
    from opensend.people.models import ParentLink

    la_ids = {plan.candidate.la_id for plan in plans}
    school_ids = {plan.candidate.school_id for plan in plans}
    team: dict = defaultdict(dict)
    professionals: dict = {}
    sencos: dict = {}
    memberships = (
        Membership.objects.filter(is_active=True, user__is_active=True)
        .filter(organisation_id__in=la_ids | school_ids)
        .select_related("user")
        .order_by("user__email")
    )
    for m in memberships:
        if m.role == "la_caseworker":
            team[m.organisation_id].setdefault("caseworker", m.user)
        elif m.role == "la_manager":
            team[m.organisation_id].setdefault("manager", m.user)
        elif m.role == "senco":
            sencos.setdefault(m.organisation_id, m.user)
    for m in (
        Membership.objects.filter(
            is_active=True,
            organisation__kind="professional_service",
            organisation__local_authority_id__in=la_ids,
        )
        .select_related("user", "organisation")
        .order_by("user__email")
    ):
        professionals.setdefault(
            (m.organisation.local_authority_id, m.role), (m.user, m.organisation_id)
        )
    parents = dict(
        ParentLink.objects.filter(
            child_id__in=[plan.candidate.child_id for plan in plans], access_restricted=False
        )
        .order_by("child_id", "-full_name")
        .values_list("child_id", "full_name")
    )
    return _People(
        team=team,
        professionals=professionals,
        sencos=sencos,
        las={la.pk: la for la in Organisation.objects.filter(pk__in=la_ids)},
        schools=dict(Organisation.objects.filter(pk__in=school_ids).values_list("pk", "name")),
        parents=parents,
    )


def _at(day: date, hour: int = 10) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _recipient(advice: AdvicePlan, case: CasePlan, people: _People) -> dict:
    candidate = case.candidate
    if advice.kind == AdviceKind.FAMILY:
        return {"recipient_name": people.parents.get(candidate.child_id, "")}
    if advice.kind == AdviceKind.EDUCATIONAL:
        return {
            "recipient_organisation_id": candidate.school_id,
            "recipient_name": people.schools.get(candidate.school_id, ""),
        }
    role = ROLE_FOR_KIND.get(advice.kind, "health_professional")
    found = people.professionals.get((candidate.la_id, role))
    if found is not None:
        user, service_id = found
        return {
            "recipient_user": user,
            "recipient_organisation_id": service_id,
            "recipient_name": user.full_name,
            "recipient_email": user.email,
        }
    la = people.las[candidate.la_id]
    return {
        "recipient_name": SERVICE_NAMES[role],
        "recipient_email": f"{role.replace('_', '.')}@{la.la_code or 'la'}.opensend.example",
    }


def write_ehc_cases(rng: random.Random, persona_school_ids: list, named_upns, batch_size: int):
    """Plan and store the cases; returns {model label: rows written}."""
    from django.utils import timezone

    today = timezone.localdate()
    return store_cases(
        plan_cases(rng, _candidates(named_upns), persona_school_ids, today), batch_size
    )


def store_cases(plans: list[CasePlan], batch_size: int) -> dict:
    """Store planned cases in bulk (their requests, decisions with letters, advice requests,
    exceptions and one audit row each); returns {model label: rows written}."""
    from opensend.core.models import AuditEvent, AuditEventKind
    from opensend.ehc.letters import letter_html
    from opensend.ehc.models import (
        AdviceRequest,
        AssessmentRequest,
        CaseException,
        Decision,
        EhcCase,
        Letter,
    )
    from opensend.people.models import Child

    if not plans:
        return {}
    people = _people(plans)
    rows: dict = defaultdict(list)
    for plan in plans:
        c = plan.candidate
        staff = people.team.get(c.la_id, {})
        worker = staff.get(plan.owner) if plan.owner else None
        timeline = ehc_timeline(received=plan.received)
        child = Child(
            id=c.child_id,
            first_name=c.first_name,
            last_name=c.last_name,
            date_of_birth=c.date_of_birth,
        )
        case = EhcCase(
            id=plan.id,
            child=child,
            local_authority=people.las[c.la_id],
            stage=plan.stage,
            caseworker=worker,
            received=plan.received,
            decision_to_assess_due=timeline.decision_to_assess_due,
            decision_not_to_issue_due=timeline.decision_not_to_issue_due,
            draft_plan_recommended_by=timeline.draft_plan_recommended_by,
            final_plan_due=timeline.final_plan_due,
            next_step=plan.next_step,
            next_due=plan.next_due,
            reminded_for=plan.reminded_for,
            closed_on=plan.closed_on,
        )
        rows[EhcCase].append(case)
        rows[AssessmentRequest].append(_request(plan, people))
        school = people.schools.get(c.school_id, "")
        parent = people.parents.get(c.child_id)
        labels = ([f"Family: {parent}"] if parent else []) + [f"School: {school}"]
        for d in plan.decisions:
            decision = Decision(
                id=d.id,
                case=case,
                kind=d.kind,
                agreed=d.agreed,
                decided_on=d.decided_on,
                reasons=d.reasons,
                decided_by=worker,
            )
            letter = Letter(id=d.letter_id, case=case, decision=decision)
            if d.sent_on is not None:
                letter.body_html = letter_html(letter, sent_on=d.sent_on)
                letter.sent_on, letter.sent_at = d.sent_on, _at(d.sent_on)
                letter.sent_by, letter.recipients, letter.version = worker, labels, 2
            rows[Decision].append(decision)
            rows[Letter].append(letter)
        advice_ids = []
        for a in plan.advice:
            given = a.status == "submitted"
            rows[AdviceRequest].append(
                AdviceRequest(
                    id=a.id,
                    case=case,
                    kind=a.kind,
                    status=a.status,
                    question=QUESTIONS.get(a.kind, ""),
                    requested_on=a.requested_on,
                    due=a.due,
                    reminded_at=_at(a.due - timedelta(days=7)) if a.reminded else None,
                    submitted_at=_at(a.submitted_on, 15) if given else None,
                    version=3 if given else 2 if a.requested_on else 1,
                    **(ADVICE_TEXT if given else {}),
                    **_recipient(a, plan, people),
                )
            )
            advice_ids.append(a.id)
        if plan.exception is not None:
            exception_id, kind, start, end, advice_index = plan.exception
            rows[CaseException].append(
                CaseException(
                    id=exception_id,
                    case=case,
                    kind=kind,
                    start=start,
                    end=end,
                    advice_request_id=advice_ids[advice_index]
                    if advice_index is not None
                    else None,
                )
            )
        rows[AuditEvent].append(
            AuditEvent(
                actor=None,
                actor_label="system",
                kind=AuditEventKind.CREATED,
                record_type=EhcCase._meta.label_lower,
                record_id=str(plan.id),
                subject_id=c.child_id,
                organisation_id=c.la_id,
                note="generated" if plan.variant != WITHDRAWN else f"generated; {WITHDRAWN_NOTE}",
                new_values={"stage": plan.stage, "received": str(plan.received)},
            )
        )
    written = {}
    for model in (
        EhcCase,
        AssessmentRequest,
        Decision,
        Letter,
        AdviceRequest,
        CaseException,
        AuditEvent,
    ):
        if rows[model]:
            model.objects.bulk_create(rows[model], batch_size=batch_size)
            written[model._meta.label_lower] = len(rows[model])
    return written


def _request(plan: CasePlan, people: _People):
    from opensend.ehc.models import AssessmentRequest

    c = plan.candidate
    parent = people.parents.get(c.child_id)
    by_school = plan.by_school or not parent
    senco = people.sencos.get(c.school_id) if by_school else None
    texts = plan.texts
    return AssessmentRequest(
        id=plan.request_id,
        case_id=plan.id,
        requester_kind="school" if by_school else "parent",
        requester_name=(senco.full_name if senco else "SENCO") if by_school else parent,
        made_by=senco if plan.online else None,  # a parent's own account is not known here
        school_id=c.school_id if by_school else None,
        channel="online" if plan.online else "paper",
        received=plan.received,
        family_agrees=True,
        what_is_new=texts["what_is_new"] if by_school else "",
        family_difficulties=texts["family_difficulties"],
        family_hopes=texts["family_hopes"],
        child_views=texts["child_views"],
    )
