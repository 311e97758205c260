"""Annual reviews, phase transfers, legacy statements and programmes (issue 9, "Demo and done").

Every issued EHC plan gets its review history and its one open review (CFA s44(1): reviewed
at least every 12 months from its issue, then from the previous review):

- the plans the EHC generator just issued (`ehc_plans.py`): their first review, due 12 months
  after the issue;
- the children on the register with an EHC plan (provision E), who had no plan record: each
  gets the plan they hold (an EHC case closed as issued, its request, the plan and its issued
  version with needs, outcomes and provision), issued when their E status began, and a review
  every year since, each held before it was due and decided "keep".

Their open reviews are spread over every state a work tray shows, dated back from the day of
the run: due in the next 8 weeks (some arranged with the participants invited, reg 20(2)-(3),
some not), overdue (some badly, months late, the Ombudsman's commonest complaint), held with
the report to send (reg 20(7)), reported and waiting for the council's decision (reg 20(10),
some late), amending with the proposed amendments served (reg 22(2)-(3)), and recently
reviewed (held, reported, decided "keep", the next review opened).

Children in the last year of their phase (Year 6 at a primary school, Year 11 at a secondary
or all-through school, `law.reviews.next_phase_transfer`) move next September: their open
review carries the reg 18 deadline, and two have their next phase entered (`NextPhase`).

The records also hold a completed 2014-2018 statement-to-EHC-plan transfer programme in each
council (SI 2014/2270: every statement transferred by 1 April 2018), its months from
`law.transfer.plan_transfers`, each statement ended when its plan was issued; no statement is
still in force. And a live programme, accepted, clearing the backlog of overdue reviews in the
demo's first council, with one school holding many of them, so the per-school limit shows.

Plain Python plans the reviews on its own seeded stream (`plan_reviews`: the same stream,
plans and day give the same reviews); `write_reviews` reads the plans and pupils just written
and stores everything in bulk, with one audit row per record (DESIGN "Audit and versions").
The named demo children are left alone, as the EHC generator leaves them.
"""

import inspect
import math
import random
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from opensend.law.dates import academic_year_of, add_days, add_months, add_weeks
from opensend.law.ehc import draft_comment_period, ehc_timeline
from opensend.law.reviews import next_phase_transfer, next_review_due, review_dates
from opensend.law.transfer import Statement, plan_transfers, review_weeks_for
from opensend.people.generate.scales import new_uuid

# The states of a plan's open review.
NEW = "new"  # first review not due for over 8 weeks (a plan issued in the last ten months)
LATER = "later"  # due in more than 8 weeks
DUE = "due"  # due within 8 weeks, meeting not arranged
ARRANGED = "arranged"  # due within 8 weeks, meeting arranged, participants invited
OVERDUE = "overdue"  # due 1 to 7 weeks ago
BACKLOG = "backlog"  # due 3 to 14 months ago
HELD = "held"  # meeting held, report to send (reg 20(7))
REPORTED = "reported"  # report with the council, decision due (reg 20(10))
AMENDING = "amending"  # decided to amend, proposed amendments served (reg 22(2))
KEPT = "kept"  # recently reviewed: held, reported, decided keep; next review opened

# Older plans' open reviews in turn: most are simply due later in the year.
STATE_CYCLE = (
    DUE,
    KEPT,
    ARRANGED,
    OVERDUE,
    LATER,
    REPORTED,
    BACKLOG,
    HELD,
    LATER,
    KEPT,
    ARRANGED,
    LATER,
    REPORTED,
    AMENDING,
    LATER,
    DUE,
    BACKLOG,
    LATER,
)
# Children moving phase next September: their review names the next school (reg 18).
TRANSFER_CYCLE = (REPORTED, ARRANGED, AMENDING, HELD, KEPT, DUE)
NEXT_PHASE_ENTERED = 2

# The live backlog programme: one school holds many overdue reviews.
HEAVY_SCHOOL_BACKLOG = 8
BACKLOG_PER_SCHOOL = 2
BACKLOG_MONTHS = 8
# Weeks from a backlog review's notice to its amended plan: 2 weeks' notice (reg 20(3)) and
# 12 weeks from the meeting to the amended plan (reg 22(3), Devon 2022).
BACKLOG_REVIEW_WEEKS = 14

# The 2014-2018 transfer: SI 2014/2270 art. 14(5), everyone before 1 April 2018.
STATEMENTS_START = date(2014, 9, 1)
STATEMENTS_DEADLINE = date(2018, 4, 1)
STATEMENTS_LAST_MADE = date(2014, 8, 31)  # no new statements from 1 September 2014
STATEMENT_SHARE = 0.7  # of the older children with plans, those who had a statement
STATEMENTS_PER_SCHOOL = 2
EHC_PLANS_FROM = date(2014, 9, 1)

DECISION_WORDS = "The plan still describes the needs and provision well; no change needed."
FAMILY_VIEWS = "Happy with the support this year; would like more help with friendships."
CHILD_VIEWS = "I like my teaching assistant. I want to do more art."
CHANGES = "Good progress with reading; attendance is now above 95%."
AMENDMENTS = "Section F: add weekly speech and language therapy; update the outcomes."
NEEDS = (
    "Needs support with communication and interaction, and with changes to routine.",
    "Finds reading and writing hard; processes spoken language slowly.",
)
OUTCOMES = (
    "By the end of the key stage, to take part in group work with a visual timetable.",
    "By the next review, to read and follow a short set of written instructions.",
)
PROVISION = (
    "Daily small-group language work (20 minutes) with a trained teaching assistant.",
    "A quiet space and a visual timetable available at transitions.",
)
PROVISION_TEXT = "Part 3: 15 hours of teaching assistant support a week; speech therapy."


@dataclass(frozen=True)
class PlanSubject:
    """An issued plan (or a child with a plan on the register) whose reviews are planned."""

    child_id: object
    la_id: object
    school_id: object
    school_phase: str
    year_group: str
    date_of_birth: date
    since: date  # the plan's issue (an issued plan) or the E status's start (the register)
    plan_id: object = None  # set when the plan record exists already


@dataclass
class ReviewPlan:
    """One review of one plan: a past one (complete, kept) or the open one."""

    id: object
    state: str  # "past" or one of the states above
    due_on: date
    held_on: date | None = None
    meeting: date | None = None
    arranged_on: date | None = None
    report_sent_on: date | None = None
    decided_on: date | None = None
    decision: str = ""
    advice_circulated: bool = False
    programme: object = None  # the live programme's id, for backlog reviews in it
    kind: str = "annual"


@dataclass
class SubjectPlan:
    subject: PlanSubject
    state: str
    issued_on: date
    reviews: list[ReviewPlan] = field(default_factory=list)
    transfer: object = None  # law.reviews.NextTransfer, for a child moving next September
    statement: tuple | None = None  # (statement id, made on, school id, month, finish by)


def _days(rng: random.Random, low: int, high: int) -> int:
    return rng.randint(low, high) if high >= low else low


def _history(rng: random.Random, last: date, floor: date) -> tuple[date, list[date]]:
    """The plan's issue and the reviews held up to `last`, going back a year at a time: each
    review held within 12 months of the one before (CFA s44(1)), a few weeks early."""
    anchors = [last]
    while True:
        before = add_days(add_months(anchors[-1], -12), rng.randint(0, 21))
        if before < floor:
            break
        anchors.append(before)
    anchors.reverse()
    issued = min(floor, last)
    held = [day for day in anchors if day > issued]
    # A review weeks after the issue would not happen: the first one is the next year's.
    if len(held) > 1 and held[0] < add_months(issued, 3):
        held.pop(0)
    return issued, held


def _open_review(rng, state: str, today: date, since: date) -> tuple[date, ReviewPlan]:
    """The last review held (or the issue) and the open review, for an older plan's state."""
    rid = new_uuid(rng)
    if state in (DUE, ARRANGED, LATER, OVERDUE, BACKLOG):
        if state == DUE:
            due = add_days(today, rng.randint(0, 55))
        elif state == ARRANGED:
            due = add_days(today, rng.randint(10, 55))
        elif state == LATER:
            due = add_days(today, rng.randint(57, 300))
        elif state == OVERDUE:
            due = add_days(today, -rng.randint(7, 49))
        else:
            due = add_days(add_months(today, -rng.randint(3, 14)), -rng.randint(0, 20))
        # No earlier than 12 months after the plan began (plan_reviews keeps the state possible).
        due = max(due, add_days(add_months(since, 12), rng.randint(0, 10)))
        if state in (OVERDUE, BACKLOG):
            due = min(due, add_days(today, -7))
        last = add_months(due, -12)
        review = ReviewPlan(rid, state, due)
        if state == ARRANGED:
            review.meeting = add_days(today, rng.randint(1, (due - today).days))
            review.arranged_on = min(today, add_days(review.meeting, -14 - rng.randint(0, 10)))
            review.advice_circulated = review.meeting > add_days(today, 14) and rng.random() < 0.3
        return last, review
    if state == HELD:
        held = add_days(today, -rng.randint(1, 20))
    elif state == REPORTED:
        held = add_days(today, -rng.randint(12, 40))
    elif state == AMENDING:
        held = add_days(today, -rng.randint(35, 70))
    else:  # KEPT
        held = add_days(today, -rng.randint(30, 80))
    due = add_days(held, rng.randint(0, 25))
    last = max(since, add_months(due, -12))
    due = next_review_due(last=last)
    held = min(held, due)
    review = ReviewPlan(rid, state, due, held_on=held, meeting=held)
    review.arranged_on = add_days(held, -rng.randint(20, 40))
    review.advice_circulated = True
    if state != HELD:
        review.report_sent_on = min(today, add_days(held, rng.randint(4, 14)))
    if state in (AMENDING, KEPT):
        review.decided_on = min(today, add_days(review.report_sent_on, rng.randint(3, 12)))
        review.decision = "amend" if state == AMENDING else "keep"
    return last, review


def plan_subject(rng, subject: PlanSubject, state: str, today: date, floor: date) -> SubjectPlan:
    """The plan's issue, its past reviews and its open review (and, for KEPT, the next)."""
    if state == NEW:
        review = ReviewPlan(new_uuid(rng), NEW, next_review_due(last=subject.since))
        return SubjectPlan(subject, NEW, subject.since, [review])
    last, review = _open_review(rng, state, today, floor)
    issued, held = _history(rng, last, floor)
    reviews = []
    previous = issued
    for day in held:
        reviews.append(
            ReviewPlan(
                new_uuid(rng),
                "past",
                next_review_due(last=previous),
                held_on=day,
                meeting=day,
                arranged_on=add_days(day, -rng.randint(20, 40)),
                advice_circulated=True,
                report_sent_on=add_days(day, rng.randint(4, 14)),
                decided_on=add_days(day, rng.randint(18, 28)),
                decision="keep",
            )
        )
        previous = day
    review.due_on = next_review_due(last=previous)
    if review.held_on and review.held_on < previous:
        review.held_on = review.meeting = add_days(previous, 30)
    reviews.append(review)
    if state == KEPT:
        reviews.append(ReviewPlan(new_uuid(rng), LATER, next_review_due(last=review.held_on)))
    return SubjectPlan(subject, state, issued, reviews)


def plan_reviews(
    rng: random.Random,
    subjects: list[PlanSubject],
    today: date,
    heavy_school=None,
) -> list[SubjectPlan]:
    """Each plan's reviews: plain Python, the same stream, subjects and day give the same."""
    window = add_weeks(today, 8)
    next_september = academic_year_of(today) + 1
    plans, cycle, transfer_cycle, heavy = [], 0, 0, 0
    for subject in subjects:
        transfer = next_phase_transfer(
            year_group=subject.year_group, school_phase=subject.school_phase, today=today
        )
        if transfer is not None and transfer.year != next_september:
            transfer = None
        floor = max(subject.since, EHC_PLANS_FROM, add_months(subject.date_of_birth, 24))
        if subject.plan_id is not None or next_review_due(last=floor) > window:
            state = NEW
            if subject.plan_id is None:  # the register's plan: issued when its E status began
                subject = PlanSubject(**{**subject.__dict__, "since": floor})
        elif transfer is not None:
            state = TRANSFER_CYCLE[transfer_cycle % len(TRANSFER_CYCLE)]
            transfer_cycle += 1
        elif subject.school_id == heavy_school and heavy < HEAVY_SCHOOL_BACKLOG:
            state, heavy = BACKLOG, heavy + 1
        else:
            state = STATE_CYCLE[cycle % len(STATE_CYCLE)]
            cycle += 1
        # An overdue review needs a plan old enough to be overdue.
        if state == BACKLOG and add_months(floor, 12) > add_months(today, -15):
            state = OVERDUE
        if state == OVERDUE and add_months(floor, 12) > add_days(today, -50):
            state = DUE
        plan = plan_subject(rng, subject, state, today, floor)
        plan.transfer = transfer
        plans.append(plan)
    return plans


# Writing ----------------------------------------------------------------------------------------
# Django from here on: the plans and pupils just written are read back, the rest stored in bulk.


def _at(day: date, hour: int = 10) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _subjects(named_upns) -> tuple[list[PlanSubject], dict]:
    """The issued plans (from the EHC generator) and the children with plans on the register,
    and the schools' names (for participants and Section I)."""
    from opensend.ehc.models import EhcPlan, PlanVersion
    from opensend.people.models import Enrolment, SenStatus

    schools: dict = {}
    enrolled = {}
    for child_id, school_id, year_group, phase, name in (
        Enrolment.objects.filter(end__isnull=True)
        .exclude(child__upn__in=named_upns)
        .values_list("child_id", "school_id", "year_group", "school__phase", "school__name")
        .order_by("child_id", "-start", "school_id")
    ):
        enrolled.setdefault(child_id, (school_id, year_group, phase or ""))
        schools[school_id] = name
    subjects = []
    issued = (
        PlanVersion.objects.filter(status="issued")
        .values_list(
            "plan_id", "plan__child_id", "plan__local_authority_id", "plan__child__date_of_birth"
        )
        .order_by("plan__child_id", "plan_id")
    )
    with_plans = set(EhcPlan.objects.values_list("child_id", flat=True))
    issued_on = dict(
        PlanVersion.objects.filter(status="issued").values_list("plan_id", "issued_on")
    )
    for plan_id, child_id, la_id, born in issued:
        school_id, year_group, phase = enrolled.get(child_id, (None, "", ""))
        subjects.append(
            PlanSubject(
                child_id, la_id, school_id, phase, year_group, born, issued_on[plan_id], plan_id
            )
        )
    rows = (
        SenStatus.objects.filter(provision="E", end__isnull=True)
        .exclude(child__upn__in=named_upns)
        .exclude(child__home_local_authority__isnull=True)
        .values_list("child_id", "child__home_local_authority_id", "child__date_of_birth", "start")
        .order_by("child_id")
    )
    for child_id, la_id, born, start in rows:
        if child_id in with_plans or child_id not in enrolled:
            continue
        school_id, year_group, phase = enrolled[child_id]
        subjects.append(PlanSubject(child_id, la_id, school_id, phase, year_group, born, start))
    return subjects, schools


@dataclass
class _People:
    caseworker: dict  # la id -> user
    manager: dict  # la id -> user
    senco: dict  # school id -> user
    professionals: dict  # (la id, role) -> user
    parents: dict  # child id -> (name, email, user id)
    primaries: dict  # la id -> [school ids]
    secondaries: dict  # la id -> [(school id, name)]


def _people(la_ids, school_ids, child_ids) -> _People:
    from opensend.organisations.models import Membership, Organisation
    from opensend.people.models import ParentLink

    people = _People({}, {}, {}, {}, {}, defaultdict(list), defaultdict(list))
    for m in (
        Membership.objects.filter(is_active=True, user__is_active=True)
        .filter(organisation_id__in=set(la_ids) | set(school_ids))
        .select_related("user")
        .order_by("user__email")
    ):
        if m.role == "la_caseworker":
            people.caseworker.setdefault(m.organisation_id, m.user)
        elif m.role == "la_manager":
            people.manager.setdefault(m.organisation_id, m.user)
        elif m.role == "senco":
            people.senco.setdefault(m.organisation_id, m.user)
    for m in (
        Membership.objects.filter(
            is_active=True,
            organisation__kind="professional_service",
            organisation__local_authority_id__in=la_ids,
            role__in=["health_professional", "social_care_professional"],
        )
        .select_related("user", "organisation")
        .order_by("user__email")
    ):
        people.professionals.setdefault((m.organisation.local_authority_id, m.role), m.user)
    for child_id, name, email, user_id in (
        ParentLink.objects.filter(child_id__in=child_ids, access_restricted=False)
        .order_by("child_id", "-full_name")
        .values_list("child_id", "full_name", "email", "user_id")
    ):
        people.parents[child_id] = (name, email, user_id)
    for pk, la_id, phase, name in (
        Organisation.objects.filter(
            kind="school", local_authority_id__in=la_ids, phase__in=["primary", "secondary"]
        )
        .order_by("urn", "pk")
        .values_list("pk", "local_authority_id", "phase", "name")
    ):
        if phase == "primary":
            people.primaries[la_id].append(pk)
        else:
            people.secondaries[la_id].append((pk, name))
    return people


def _statements(rng, plans: list[SubjectPlan], people: _People, today: date) -> dict:
    """The 2014-2018 transfer in each council: the older children with plans who had a
    statement, its months from law.transfer; each plan issued when its transfer ended."""
    by_la: dict = defaultdict(list)
    for plan in plans:
        s = plan.subject
        made_from = add_months(s.date_of_birth, 36)
        if (
            s.plan_id is None
            and plan.state != NEW
            and made_from <= STATEMENTS_LAST_MADE
            and rng.random() < STATEMENT_SHARE
        ):
            by_la[s.la_id].append(plan)
    programmes = {}
    weeks = review_weeks_for(STATEMENTS_START)
    for la_id, chosen in sorted(by_la.items(), key=lambda item: str(item[0])):
        schools = {}
        statements = []
        for plan in chosen:
            # The school they were at then: a primary in the council (the register starts later).
            primaries = people.primaries.get(la_id) or [plan.subject.school_id]
            schools[plan.subject.child_id] = rng.choice(primaries)
            statements.append(
                Statement(str(plan.subject.child_id), str(schools[plan.subject.child_id]))
            )
        capacity = max(1, math.ceil(len(statements) / 36))
        result = _plan_transfers(
            start=STATEMENTS_START,
            deadline=STATEMENTS_DEADLINE,
            monthly_capacity=capacity,
            max_per_school_per_month=STATEMENTS_PER_SCHOOL,
            review_weeks=weeks,
            statements=statements,
        )
        if not result.feasible and result.monthly_capacity_needed:
            capacity = result.monthly_capacity_needed
            result = _plan_transfers(
                start=STATEMENTS_START,
                deadline=STATEMENTS_DEADLINE,
                monthly_capacity=capacity,
                max_per_school_per_month=STATEMENTS_PER_SCHOOL,
                review_weeks=weeks,
                statements=statements,
            )
        scheduled = {review.id: review for review in result.schedule}
        programme_id = new_uuid(rng)
        items = []
        for plan in chosen:
            review = scheduled.get(str(plan.subject.child_id))
            if review is None:
                continue
            s = plan.subject
            made_from = add_months(s.date_of_birth, 36)
            made_on = add_days(
                made_from, rng.randint(0, max(0, (STATEMENTS_LAST_MADE - made_from).days))
            )
            finish = add_days(review.final_plan_due, -rng.randint(0, 10))
            plan.statement = (new_uuid(rng), made_on, schools[s.child_id], review, finish)
            items.append(plan)
        programmes[la_id] = (programme_id, capacity, result, items, weeks)
    return programmes


def _plan_transfers(**kwargs):
    # Issue 9 item 4: levelled across the months, when law.transfer offers it.
    if "level" in inspect.signature(plan_transfers).parameters:
        kwargs["level"] = True
    return plan_transfers(**kwargs)


def _redo_with_statement(rng, plan: SubjectPlan, today: date) -> SubjectPlan:
    """A transferred child's plan was issued when the transfer ended; the reviews follow."""
    finish = plan.statement[4]
    subject = PlanSubject(**{**plan.subject.__dict__, "since": finish})
    again = plan_subject(rng, subject, plan.state, today, finish)
    again.transfer, again.statement = plan.transfer, plan.statement
    return again


def write_reviews(
    rng: random.Random, today: date, named_upns, batch_size: int, persona_school_ids=()
) -> dict:
    """Plan and store the reviews, plans, statements and programmes; {model label: rows}."""
    subjects, school_names = _subjects(named_upns)
    if not subjects:
        return {}
    la_ids = sorted({s.la_id for s in subjects}, key=str)
    people = _people(la_ids, set(school_names), [s.child_id for s in subjects])
    heavy, heavy_la = _heavy_school(subjects, today, list(persona_school_ids))
    plans = plan_reviews(rng, subjects, today, heavy)
    programmes = _statements(rng, plans, people, today)
    plans = [_redo_with_statement(rng, p, today) if p.statement else p for p in plans]
    writer = _Writer(rng, today, people, school_names, batch_size)
    writer.heavy_la = heavy_la
    return writer.write(plans, programmes, heavy)


def _heavy_school(subjects: list[PlanSubject], today: date, persona_school_ids=()):
    """(school, its council): the school with the most older plans holds the backlog. In the
    first persona school's council, and a persona school when one has older plans (so the
    demo's SENCO sees the programme spread over the months); else any school."""
    from opensend.organisations.models import Organisation

    older = Counter(
        s.school_id
        for s in subjects
        if s.plan_id is None and s.school_id is not None and add_months(s.since, 27) <= today
    )
    if not older:
        return None, None
    council = dict(
        Organisation.objects.filter(pk__in=list(older) + list(persona_school_ids)).values_list(
            "pk", "local_authority_id"
        )
    )
    first_la = council.get(persona_school_ids[0]) if persona_school_ids else None
    choices = [k for k in persona_school_ids if older[k] and council.get(k) == first_la]
    if not choices:
        first_la = first_la or min((council[k] for k in older if council.get(k)), key=str)
        choices = [k for k in older if council.get(k) == first_la]
    heavy = max(sorted(choices, key=str), key=lambda k: older[k])
    return heavy, council[heavy]


STATUS_OF = {
    "past": "complete",
    NEW: "due",
    LATER: "due",
    DUE: "due",
    OVERDUE: "due",
    BACKLOG: "due",
    ARRANGED: "arranged",
    HELD: "held",
    REPORTED: "reported",
    AMENDING: "amending",
    KEPT: "complete",
}
MET = (HELD, REPORTED, AMENDING, KEPT)  # open-review states whose meeting was held
PROGRESS = ("achieved", "on_track", "on_track", "some", "not_yet")


class _Writer:
    """Builds every row in memory, then writes each table in one bulk insert, in FK order."""

    def __init__(self, rng, today: date, people: _People, school_names: dict, batch_size: int):
        self.rng, self.today, self.people = rng, today, people
        self.school_names, self.batch_size = school_names, batch_size
        self.rows: dict = defaultdict(list)
        self.outcomes: dict = {}
        self.versions: dict = {}  # plan id -> its issued version (plans written here)
        self.cases: dict = {}  # plan id -> its case (plans written here)
        self.heavy_la = None  # the council of the school holding the backlog

    def add(self, obj, *, audit=None) -> None:
        """Queue a row; `audit` = (child id, organisation id, values) writes its audit row."""
        from opensend.core.models import AuditEvent
        from opensend.people.generate.write import generated_event

        self.rows[type(obj)].append(obj)
        if audit is not None:
            child_id, organisation_id, values = audit
            self.rows[AuditEvent].append(
                generated_event(type(obj), obj.pk, child_id, organisation_id, values)
            )

    def write(self, plans: list[SubjectPlan], programmes: dict, heavy) -> dict:
        from opensend.core.models import AuditEvent
        from opensend.ehc.models import (
            AssessmentRequest,
            Decision,
            EhcCase,
            EhcPlan,
            PlanNeed,
            PlanOutcome,
            PlanProvision,
            PlanVersion,
        )
        from opensend.reviews.models import (
            LegacyStatement,
            NextPhase,
            OutcomeProgress,
            ProgrammeItem,
            Review,
            ReviewParticipant,
            TransferProgramme,
        )

        self.outcomes = self._existing_outcomes(plans)
        plan_ids = [plan.subject.plan_id or self._plan(plan) for plan in plans]
        statement_programmes = self._statement_programmes(programmes)
        backlog = self._backlog_programme(plans, plan_ids, heavy)
        for plan, plan_id in zip(plans, plan_ids, strict=True):
            self._reviews(plan, plan_id, statement_programmes, backlog)
        self._next_phases(plans)
        order = (
            EhcCase,
            AssessmentRequest,
            Decision,
            EhcPlan,
            PlanVersion,
            PlanNeed,
            PlanOutcome,
            PlanProvision,
            PlanOutcome.needs.through,
            PlanProvision.outcomes.through,
            TransferProgramme,
            LegacyStatement,
            ProgrammeItem,
            Review,
            ReviewParticipant,
            OutcomeProgress,
            NextPhase,
            AuditEvent,
        )
        # Ids repeat with the seed: a programme left by an earlier run of the same seed whose
        # pupils were since removed (the council is not generated, so it stays) is replaced.
        stale = [programme.pk for programme in self.rows[TransferProgramme]]
        TransferProgramme.objects.filter(pk__in=stale).delete()
        written = {}
        for model in order:
            if self.rows[model]:
                model.objects.bulk_create(self.rows[model], batch_size=self.batch_size)
                written[model._meta.label_lower] = len(self.rows[model])
        return written

    # --- plans for the children with plans on the register -----------------------------------

    def _existing_outcomes(self, plans) -> dict:
        from opensend.ehc.models import PlanOutcome

        ids = [p.subject.plan_id for p in plans if p.subject.plan_id is not None]
        found: dict = defaultdict(list)
        for pk, plan_id in (
            PlanOutcome.objects.filter(version__plan_id__in=ids, version__status="issued")
            .order_by("version__plan_id", "order")
            .values_list("pk", "version__plan_id")
        ):
            found[plan_id].append(pk)
        return found

    def _plan(self, plan: SubjectPlan):
        """The case (closed as issued), its request, the plan and its issued version."""
        from opensend.ehc.models import AssessmentRequest, EhcCase, EhcPlan

        rng, s = self.rng, plan.subject
        issued = plan.issued_on
        # A transfer review ran as an assessment from its month (SI 2014/2270 Part 5).
        received = (
            plan.statement[3].start if plan.statement else add_days(issued, -rng.randint(110, 139))
        )
        timeline = ehc_timeline(received=received)
        case = EhcCase(
            id=new_uuid(rng),
            child_id=s.child_id,
            local_authority_id=s.la_id,
            stage="issued",
            caseworker=self.people.caseworker.get(s.la_id),
            received=received,
            decision_to_assess_due=timeline.decision_to_assess_due,
            decision_not_to_issue_due=timeline.decision_not_to_issue_due,
            draft_plan_recommended_by=timeline.draft_plan_recommended_by,
            final_plan_due=timeline.final_plan_due,
            closed_on=issued,
        )
        self.add(case, audit=(s.child_id, s.la_id, {"stage": "issued", "received": str(received)}))
        parent = self.people.parents.get(s.child_id)
        self.add(
            AssessmentRequest(
                id=new_uuid(rng),
                case=case,
                requester_kind="parent" if parent else "school",
                requester_name=parent[0] if parent else "SENCO",
                school_id=None if parent else s.school_id,
                channel="paper",
                received=received,
                family_agrees=True,
            )
        )
        self._decisions(case, received, issued)
        ehc_plan = EhcPlan(
            id=new_uuid(rng), case=case, child_id=s.child_id, local_authority_id=s.la_id
        )
        self.add(ehc_plan, audit=(s.child_id, s.la_id, {"state": "issued", "versions": 1}))
        self.cases[ehc_plan.pk] = case
        self.versions[ehc_plan.pk] = self._version(
            ehc_plan, 1, "issued", issued_on=issued, school_id=s.school_id
        )
        return ehc_plan.pk

    def _decisions(self, case, received: date, issued: date) -> None:
        """The council's decisions to assess (reg 5(1): within 6 weeks) and to issue, which a
        case closed as issued must have had (the SEN2 return reports their dates). Their ids
        come from the case's, so no other record's random draws move."""
        from opensend.ehc.models import Decision

        to_assess = min(add_weeks(received, 5), issued)
        to_issue = max(to_assess, add_weeks(received, 16))
        for kind, day in (("assess", to_assess), ("issue", min(to_issue, issued))):
            self.add(
                Decision(
                    id=uuid.uuid5(case.pk, kind), case=case, kind=kind, agreed=True, decided_on=day
                )
            )

    def _version(
        self,
        ehc_plan,
        number,
        status,
        *,
        issued_on=None,
        school_id=None,
        based_on=None,
        served_on=None,
    ):
        """A plan version with one need, two outcomes and two lines of provision."""
        from opensend.ehc.models import PlanNeed, PlanOutcome, PlanProvision, PlanVersion

        rng = self.rng
        fields: dict = {}
        if status == "issued":
            name = self.school_names.get(school_id, "")
            fields = {
                "issued_on": issued_on,
                "placement_id": school_id,
                "placement_name": name or "Mainstream school",
                "placement_type": "" if name else "Mainstream school",
            }
        if served_on is not None:
            fields["served_on"] = served_on
            fields["comments_close"] = draft_comment_period(served=served_on).comments_close
        version = PlanVersion(
            id=new_uuid(rng),
            plan=ehc_plan,
            number=number,
            status=status,
            based_on=based_on,
            change_reason="Amendments proposed after the annual review." if based_on else "",
            views_interests_aspirations="Loves being outdoors and wants to make friends.",
            **fields,
        )
        self.add(version)
        need = PlanNeed(
            id=new_uuid(rng), version=version, section="B", order=1, description=rng.choice(NEEDS)
        )
        self.add(need)
        outcome_ids = []
        for order, text in enumerate(OUTCOMES, start=1):
            outcome = PlanOutcome(id=new_uuid(rng), version=version, order=order, description=text)
            self.add(outcome)
            self.add(PlanOutcome.needs.through(planoutcome_id=outcome.pk, planneed_id=need.pk))
            outcome_ids.append(outcome.pk)
        for order, text in enumerate(PROVISION, start=1):
            line = PlanProvision(
                id=new_uuid(rng),
                version=version,
                section="F",
                order=order,
                what=text,
                who="A trained teaching assistant",
                how_often="Daily",
                how_long="Until the next annual review",
            )
            self.add(line)
            for outcome_id in outcome_ids:
                self.add(
                    PlanProvision.outcomes.through(
                        planprovision_id=line.pk, planoutcome_id=outcome_id
                    )
                )
        if status == "issued":
            self.outcomes[ehc_plan.pk] = outcome_ids
        return version

    # --- programmes ------------------------------------------------------------------------------

    def _statement_programmes(self, programmes: dict) -> dict:
        """The completed 2014-2018 transfer in each council; child id -> (programme, statement)."""
        from opensend.reviews.models import TransferProgramme

        found = {}
        for la_id, (programme_id, capacity, result, items, weeks) in programmes.items():
            if not items:
                continue
            programme = TransferProgramme(
                id=programme_id,
                local_authority_id=la_id,
                name="Transfer of statements of SEN to EHC plans, 2014 to 2018",
                purpose="statements",
                status="complete",
                start=STATEMENTS_START,
                deadline=STATEMENTS_DEADLINE,
                monthly_capacity=capacity,
                per_school_limit=STATEMENTS_PER_SCHOOL,
                review_weeks=weeks,
                feasible=result.feasible,
                capacity_needed=result.monthly_capacity_needed,
                accepted_on=date(2014, 7, 14),
                completed_on=max(plan.statement[4] for plan in items),
            )
            self.add(programme, audit=(None, la_id, {"purpose": "statements", "items": len(items)}))
            for plan in items:
                found[plan.subject.child_id] = programme
        return found

    def _backlog_programme(self, plans: list[SubjectPlan], plan_ids: list, heavy):
        """The live programme clearing the first council's overdue reviews (accepted)."""
        from opensend.law.transfer import first_month_start
        from opensend.reviews.models import ProgrammeItem, TransferProgramme

        if heavy is None:
            return {}
        la_id = self.heavy_la
        overdue = [
            (p, plan_id)
            for p, plan_id in zip(plans, plan_ids, strict=True)
            if p.subject.la_id == la_id and p.state in (BACKLOG, OVERDUE) and p.transfer is None
        ]
        start = first_month_start(add_days(self.today, 1))
        deadline = add_months(start, BACKLOG_MONTHS)
        # The months a review can start in and finish before the deadline: a school never has
        # more than the limit in each, so a school's further overdue reviews wait for the next
        # programme (at larger scales), and the programme stays feasible.
        months = sum(
            1
            for month in range(BACKLOG_MONTHS)
            if add_weeks(add_months(start, month), BACKLOG_REVIEW_WEEKS) < deadline
        )
        per_school: Counter = Counter()
        kept = []
        for p, plan_id in overdue:
            per_school[p.subject.school_id] += 1
            if per_school[p.subject.school_id] <= BACKLOG_PER_SCHOOL * months:
                kept.append((p, plan_id))
        overdue = kept
        if not overdue:
            return {}
        statements = [
            Statement(str(p.reviews[-1].id), str(p.subject.school_id)) for p, _ in overdue
        ]
        capacity = max(BACKLOG_PER_SCHOOL, math.ceil(len(statements) / months))
        limits = {
            "start": start,
            "deadline": deadline,
            "max_per_school_per_month": BACKLOG_PER_SCHOOL,
            "review_weeks": BACKLOG_REVIEW_WEEKS,
            "statements": statements,
        }
        result = _plan_transfers(monthly_capacity=capacity, **limits)
        if not result.feasible and result.monthly_capacity_needed:
            capacity = result.monthly_capacity_needed
            result = _plan_transfers(monthly_capacity=capacity, **limits)
        programme = TransferProgramme(
            id=new_uuid(self.rng),
            local_authority_id=la_id,
            name=f"Clearing overdue annual reviews, {start:%B %Y} to {deadline:%B %Y}",
            purpose="backlog",
            status="accepted",
            start=start,
            deadline=deadline,
            monthly_capacity=capacity,
            per_school_limit=BACKLOG_PER_SCHOOL,
            review_weeks=BACKLOG_REVIEW_WEEKS,
            feasible=result.feasible,
            capacity_needed=result.monthly_capacity_needed,
            accepted_on=add_days(self.today, -5),
            accepted_by=self.people.manager.get(la_id),
        )
        self.add(programme, audit=(None, la_id, {"purpose": "backlog", "items": len(overdue)}))
        scheduled = {review.id: review for review in result.schedule}
        in_programme = {}
        for plan, plan_id in overdue:
            review = plan.reviews[-1]
            slot = scheduled.get(str(review.id))
            self.add(
                ProgrammeItem(
                    id=new_uuid(self.rng),
                    programme=programme,
                    child_id=plan.subject.child_id,
                    school_id=plan.subject.school_id,
                    plan_id=plan_id,
                    due=slot.due if slot else add_days(deadline, -1),
                    month=slot.start if slot else None,
                    finish_by=slot.final_plan_due if slot else None,
                )
            )
            in_programme[review.id] = programme
        return in_programme

    # --- reviews ---------------------------------------------------------------------------------

    def _reviews(self, plan: SubjectPlan, plan_id, statement_programmes: dict, backlog: dict):
        from opensend.reviews.models import LegacyStatement, ProgrammeItem, Review

        rng, s, people = self.rng, plan.subject, self.people
        caseworker = people.caseworker.get(s.la_id)
        arranger = people.senco.get(s.school_id) or caseworker
        if plan.statement:
            statement_id, made_on, then_school, slot, finish = plan.statement
            programme = statement_programmes[s.child_id]
            statement = LegacyStatement(
                id=statement_id,
                child_id=s.child_id,
                local_authority_id=s.la_id,
                school_id=then_school,
                made_on=made_on,
                provision=PROVISION_TEXT,
                status="transferred",
                transfer_case=self.cases.get(plan_id),
                ended_on=finish,
            )
            self.add(statement, audit=(s.child_id, s.la_id, {"status": "transferred"}))
            self.add(
                ProgrammeItem(
                    id=new_uuid(rng),
                    programme=programme,
                    child_id=s.child_id,
                    school_id=then_school,
                    statement=statement,
                    plan_id=plan_id,
                    due=slot.due,
                    month=slot.start,
                    finish_by=slot.final_plan_due,
                )
            )
            transfer = Review(
                id=new_uuid(rng),
                child_id=s.child_id,
                local_authority_id=s.la_id,
                plan_id=plan_id,
                statement=statement,
                kind="transfer",
                status="complete",
                due_on=slot.final_plan_due,
                programme=programme,
                completed_on=finish,
                amended_version=self.versions.get(plan_id),
            )
            self.add(transfer, audit=(s.child_id, s.la_id, {"kind": "transfer"}))
        main = next((r for r in plan.reviews if r.state == plan.state), plan.reviews[-1])
        for review_plan in plan.reviews:
            review = self._review(plan, plan_id, review_plan, caseworker, arranger)
            if review_plan.id in backlog:
                review.programme = backlog[review_plan.id]
            if review_plan is main and plan.transfer is not None:
                t = plan.transfer
                review.transfer_year, review.transfer_kind = t.year, str(t.kind)
                review.phase_transfer_deadline = t.deadline
                if review.held_on:
                    review.next_school_name = self._next_school(plan)
            self._remind(review)
            self.add(review, audit=(s.child_id, s.la_id, {"status": review.status}))

    def _next_school(self, plan: SubjectPlan) -> str:
        if str(plan.transfer.kind) == "post16":
            return "Northshire College (further education)"
        secondaries = self.people.secondaries.get(plan.subject.la_id)
        return secondaries[0][1] if secondaries else "The local secondary school"

    def _review(self, plan, plan_id, rp: ReviewPlan, caseworker, arranger):
        from opensend.reviews.models import Review

        s, rng = plan.subject, self.rng
        status = STATUS_OF[rp.state]
        review = Review(
            id=rp.id,
            child_id=s.child_id,
            local_authority_id=s.la_id,
            plan_id=plan_id,
            school_id=s.school_id,
            kind=rp.kind,
            status=status,
            due_on=rp.due_on,
        )
        if rp.meeting is None:
            return review
        review.meeting_at = _at(rp.meeting, rng.choice((9, 10, 13, 14)))
        review.location = "At school" if s.school_id else "Council offices"
        review.arranged_on, review.arranged_by = rp.arranged_on, arranger
        for name, day in review_dates(rp.meeting).items():
            setattr(review, name, day)
        review.advice_circulated_on = (
            add_days(rp.meeting, -rng.randint(14, 18)) if rp.advice_circulated else None
        )
        if rp.held_on:
            review.held_on = rp.held_on
            review.family_views, review.child_views = FAMILY_VIEWS, CHILD_VIEWS
            review.changes_since_last_review = CHANGES
            review.recommends = "amend" if rp.state == AMENDING else "keep"
            if rp.state == AMENDING:
                review.recommended_amendments = AMENDMENTS
        if rp.report_sent_on:
            review.report_sent_on, review.report_sent_by = rp.report_sent_on, arranger
        if rp.decided_on:
            review.decision, review.decided_on = rp.decision, rp.decided_on
            review.decided_by, review.notice_sent_on = caseworker, rp.decided_on
            if rp.state != AMENDING:
                review.status = "complete"
                review.completed_on = rp.decided_on
        if rp.state == AMENDING and plan_id in self.versions:
            issued = self.versions[plan_id]
            review.proposed_version = self._version(
                issued.plan, 2, "served", based_on=issued, served_on=rp.decided_on
            )
        # The open review, and the last one held (its progress pre-fills the next report).
        if rp.state != "past" or rp.held_on >= add_months(self.today, -13):
            self._participants(review, plan, rp)
        return review

    def _participants(self, review, plan: SubjectPlan, rp: ReviewPlan) -> None:
        """Reg 20(2): the family, the school, the council, health and social care; advice
        given (reg 20(4)) by everyone once the meeting is held, by some before."""
        from opensend.reviews.models import OutcomeProgress, ReviewParticipant

        rng, s, people = self.rng, plan.subject, self.people
        invited = []
        parent = people.parents.get(s.child_id)
        if parent:
            invited.append(("family", parent[0], parent[1], parent[2], None))
        senco = people.senco.get(s.school_id)
        if senco is not None:
            invited.append(("school", senco.full_name, senco.email, senco.pk, s.school_id))
        elif s.school_id is not None:  # a school with nobody signed up yet: invited as a school
            invited.append(
                ("school", self.school_names.get(s.school_id, ""), "", None, s.school_id)
            )
        caseworker = people.caseworker.get(s.la_id)
        if caseworker is not None:
            invited.append(("la", caseworker.full_name, caseworker.email, caseworker.pk, s.la_id))
        for role, key in (
            ("health", "health_professional"),
            ("social_care", "social_care_professional"),
        ):
            user = people.professionals.get((s.la_id, key))
            if user is not None:
                invited.append((role, user.full_name, user.email, user.pk, None))
        met = rp.held_on is not None
        for role, name, email, user_id, organisation_id in invited:
            given = met or rng.random() < 0.4
            advice_day = None
            if given:
                latest = min(self.today, add_days(rp.meeting, -1))
                advice_day = min(latest, add_days(rp.arranged_on, rng.randint(3, 12)))
            self.add(
                ReviewParticipant(
                    id=new_uuid(rng),
                    review=review,
                    role=role,
                    name=name,
                    email=email or "",
                    user_id=user_id,
                    organisation_id=organisation_id,
                    invited_on=rp.arranged_on,
                    attending=True if met or rng.random() < 0.7 else None,
                    attended=True if met else None,
                    advice="Progress is good; the provision in the plan is working."
                    if given
                    else "",
                    advice_given_on=advice_day,
                )
            )
        if met:
            plan_id = review.plan_id
            for outcome_id in self.outcomes.get(plan_id, []):
                self.add(
                    OutcomeProgress(
                        id=new_uuid(rng),
                        review=review,
                        outcome_id=outcome_id,
                        progress=rng.choice(PROGRESS),
                        evidence="Seen in class work and the support plan reviews.",
                    )
                )

    def _remind(self, review) -> None:
        """Reminders whose window opened before the run were sent then: the first sweep stays
        quiet, and each later date gets its reminder (as the EHC generator does)."""
        from opensend.reviews.reminders import reminder_due

        due = reminder_due(review, self.today)
        if due is not None:
            review.reminded_for = due[1]

    def _next_phases(self, plans: list[SubjectPlan]) -> None:
        """Two children moving to secondary school next September have their next school
        entered by the council (reg 18: named in the plan by 15 February)."""
        from opensend.reviews.models import NextPhase

        entered = 0
        for plan in plans:
            t, s = plan.transfer, plan.subject
            if t is None or str(t.kind) != "school" or entered >= NEXT_PHASE_ENTERED:
                continue
            secondaries = self.people.secondaries.get(s.la_id)
            if not secondaries:
                continue
            school_id, name = secondaries[entered % len(secondaries)]
            self.add(
                NextPhase(
                    id=new_uuid(self.rng),
                    child_id=s.child_id,
                    transfer_year=t.year,
                    kind="school",
                    next_school_id=school_id,
                    next_school_name=name,
                    note="The family's preferred school; to be named in the amended plan.",
                ),
                audit=(s.child_id, s.la_id, {"transfer_year": t.year}),
            )
            entered += 1
