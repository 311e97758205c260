"""The people who carry the SEND system at every school (issue 10, "Demo and done").

Every school, generated or a persona's, gets:

- its staff list: a SENCO (two at the largest schools), the head, other senior leaders,
  teachers (about one for every 20 pupils, more in special schools), teaching assistants and a
  family support worker; most with a work email, some without (most teachers never sign in).
  At a persona school the persona accounts (SENCO, head, teacher, TA) are on the list, linked.
- each SENCO's appointment and statutory qualification (SEND Regs 2014 reg 49, due date from
  `law.senco_qualification`): most hold the NPQ or NASENCO or need none, some are studying,
  a few are due soon or late; at Hillside the SENCO's qualification is due within 6 months.
- each SENCO's weekly hours in the last three terms, checked with `law.senco.senco_time`
  (guidance "SENCOs"), with the register's size in each term: Oakfield compliant, Hillside not
  (SENCO duties in PPA time and no administrative support), the rest a mix, some changing.
- key workers for some children with EHC plans, each chosen after an assessment of the
  child's needs from staff with key-worker hours to spare; the SENCO is chosen once (at
  Oakfield), with the reason the assessment gives (guidance: "no automatic assumption").
- a year of SEND training (6 to 9 sessions from the start of the academic year), each checked
  with `law.training.training_slot`: in school hours on school days, planned weeks ahead,
  except one evening session at each persona school (and at a few others) kept with a reason;
  a Code of Practice briefing in the autumn that most teachers attended, so some are not yet
  briefed; attendance for the sessions already held.
- the four core SEND-related policies, each with one to three versions: some overdue for
  review, some due within 28 days (Oakfield's SEND policy is overdue).

`plan_school` is plain Python on its own seeded stream: the same stream, school facts and day
give the same rows, ids included. `write_workforce` reads the facts for every school in one
set of queries and stores the rows in bulk with one audit row per record (DESIGN "Audit and
versions"). A school that already has a staff list (entered through the pages, or by an
earlier run) is left alone; each school has its own stream, so that moves no other school's.
"""

import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from opensend.law.dates import academic_year_of, add_days, add_months
from opensend.law.senco import SencoHours, SeniorRole, senco_time
from opensend.law.senco import median as law_median
from opensend.law.senco_qualification import NASENCO_START_BEFORE, senco_qualification
from opensend.law.training import Closure, training_slot
from opensend.people.generate.dates import school_day_on_or_after, term_dates
from opensend.people.generate.names import NAME_POOLS, POOL_NAMES, POOL_WEIGHTS
from opensend.people.generate.scales import new_uuid

UK = ZoneInfo("Europe/London")
OAKFIELD, HILLSIDE = "north_oak", "north_hill"

# Job values (opensend.workforce.models.Job), kept as text so planning needs no Django.
SENCO, HEAD, LEADER, TEACHER, TA, SUPPORT = (
    "senco",
    "head",
    "leader",
    "teacher",
    "teaching_assistant",
    "support",
)
TEACHING = (SENCO, HEAD, LEADER, TEACHER)  # workforce.models.TEACHING_JOBS
ROLE_JOBS = {"senco": SENCO, "head": HEAD, "teacher": TEACHER, "teaching_assistant": TA}

# --- the staff list ------------------------------------------------------------------------------

TWO_SENCOS_FROM = 950  # pupils: the largest schools share the role between two SENCOs
PUPILS_PER_TEACHER = {"not_applicable": 6}  # special schools and PRUs: small classes
TAS_PER_TEACHER = {
    "primary": 1.0,
    "nursery": 1.5,
    "all_through": 0.6,
    "not_applicable": 2.0,
    "secondary": 0.35,
    "16_plus": 0.2,
}
# Share of women by job (DfE "School workforce in England": about 3 in 4 teachers, most TAs).
WOMEN = {TA: 0.9, TEACHER: 0.76, SENCO: 0.8, SUPPORT: 0.85}
EMAIL_SHARE = 0.85  # the rest have no work email on the list yet
LEAVER_SHARE = 0.3  # schools where a teacher left at the end of last year


def _school_slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _email_part(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


@dataclass(frozen=True)
class Member:
    """A persona account with a role at the school."""

    role: str
    user_id: object
    full_name: str
    email: str


@dataclass
class SchoolFacts:
    """What the plan of one school draws on, read from the database by `write_workforce`."""

    id: object
    name: str
    phase: str
    establishment_type: str
    pupils: int
    persona: str = ""  # organisations.demo key of a persona school
    members: list[Member] = field(default_factory=list)
    # (academic year, term name) -> (pupils on SEN support, pupils with EHC plans) then
    register: dict = field(default_factory=dict)
    # (child id, on roll here with a plan since), in UPN order
    children_with_plans: list = field(default_factory=list)
    # [(academic year, term name, first day, last day)], last year's and this year's, in order
    terms: list = field(default_factory=list)
    closed: frozenset = frozenset()  # the school's closure days


@dataclass
class Row:
    """One record to store: a workforce model's name and its fields, and its audit row."""

    model: str
    fields: dict
    audit: dict | None = None  # the audit row's new values; None: no audit row of its own
    subject_id: object = None  # the child, for key-worker records


@dataclass
class Staff:
    id: object
    full_name: str
    job: str
    email: str = ""
    user_id: object = None
    key_worker_hours: Decimal = Decimal(0)
    left_on: date | None = None
    role_title: str = ""  # a leader's title in the SENCO time comparators

    @property
    def current(self) -> bool:
        return self.left_on is None


def _jobs(pupils: int, phase: str) -> list[str]:
    """The school's posts, in list order: SENCOs, head, leaders, teachers, TAs, support."""
    sencos = 2 if pupils >= TWO_SENCOS_FROM else 1
    leaders = 1 + min(4, pupils // 400)
    teachers = max(2, round(pupils / PUPILS_PER_TEACHER.get(phase, 20)))
    tas = max(1, round(teachers * TAS_PER_TEACHER.get(phase, 0.6)))
    support = 0 if pupils < 200 else 1 if pupils < 900 else 2
    return (
        [SENCO] * sencos
        + [HEAD]
        + [LEADER] * leaders
        + [TEACHER] * teachers
        + [TA] * tas
        + [SUPPORT] * support
    )


def _name(rng: random.Random, job: str, taken: set[str]) -> tuple[str, str]:
    """A first name and surname not yet on the school's list."""
    while True:
        pool = rng.choices(POOL_NAMES, weights=POOL_WEIGHTS)[0]
        _, girls, boys, surnames = NAME_POOLS[pool]
        first = rng.choice(girls if rng.random() < WOMEN.get(job, 0.65) else boys)
        last = rng.choice(surnames)
        if f"{first} {last}" not in taken:
            taken.add(f"{first} {last}")
            return first, last


def _key_worker_hours(rng: random.Random, job: str) -> Decimal:
    """Hours a week for key-worker roles: family support workers most, some TAs and teachers."""
    if job == SUPPORT:
        return Decimal(rng.choice((6, 8, 10)))
    if job == TA and rng.random() < 0.45:
        return Decimal(rng.choice((2, 3, 4, 5)))
    if job == TEACHER and rng.random() < 0.15:
        return Decimal(rng.choice((1, 2, 3)))
    return Decimal(0)


def plan_staff(rng: random.Random, school: SchoolFacts, today: date) -> list[Staff]:
    """The staff list, with the persona accounts in the posts their roles name."""
    domain = f"{_school_slug(school.name)}.example"
    taken: set[str] = set()
    staff = []
    leaders = 0
    for job in _jobs(school.pupils, school.phase):
        first, last = _name(rng, job, taken)
        email = f"{_email_part(first)}.{_email_part(last)}@{domain}"
        has_email = job in (SENCO, HEAD) or rng.random() < EMAIL_SHARE
        person = Staff(
            new_uuid(rng),
            f"{first} {last}",
            job,
            email if has_email else "",
            key_worker_hours=_key_worker_hours(rng, job),
        )
        if job == LEADER:
            person.role_title = "Deputy head" if leaders == 0 else "Assistant head"
            leaders += 1
        staff.append(person)
    _link_members(rng, school, staff)
    if rng.random() < LEAVER_SHARE:
        _a_teacher_left(rng, school, staff, today)
    if school.persona == OAKFIELD:
        # The one SENCO chosen as a key worker has time for it (see plan_key_workers).
        staff[0].key_worker_hours = Decimal(2)
    return staff


def _link_members(rng: random.Random, school: SchoolFacts, staff: list[Staff]) -> None:
    """Each persona account takes the first unlinked post of its role (or a post of its own)."""
    for member in school.members:
        job = ROLE_JOBS[member.role]
        post = next((s for s in staff if s.job == job and s.user_id is None), None)
        if post is None:
            post = Staff(new_uuid(rng), member.full_name, job)
            staff.append(post)
        post.full_name, post.email, post.user_id = member.full_name, member.email, member.user_id


def _a_teacher_left(rng: random.Random, school: SchoolFacts, staff: list[Staff], today: date):
    """A teacher who left at the end of last summer term (still on the list, as left)."""
    teachers = [s for s in staff if s.job == TEACHER and s.user_id is None]
    last_summers = [t[3] for t in school.terms if t[1] == "summer" and t[3] < today]
    if teachers and last_summers:
        leaver = rng.choice(teachers)
        leaver.left_on, leaver.key_worker_hours = last_summers[-1], Decimal(0)


# --- the SENCO's appointment and qualification ---------------------------------------------------

HELD, NOT_REQUIRED, IN_PROGRESS, DUE_SOON, OVERDUE = (
    "held",
    "not_required",
    "in_progress",
    "due_soon",
    "overdue",
)
QUALIFICATION_MIX = (
    (HELD, 0.5),
    (NOT_REQUIRED, 0.12),
    (IN_PROGRESS, 0.28),
    (DUE_SOON, 0.06),
    (OVERDUE, 0.04),
)
REG_49_FROM = date(2009, 9, 1)  # reg 49(4): SENCOs appointed after 1 September 2009


def _course_for(started: date) -> str:
    # Reg 49(7) (as amended 2024): the NASENCO only for courses started before 1 September 2024.
    return "nasenco" if started < NASENCO_START_BEFORE else "npq"


def _appointment_dates(rng: random.Random, state: str, today: date) -> dict:
    """Appointment and course dates giving the state (the law then says when it is due)."""
    if state == NOT_REQUIRED:  # reg 49(4): appointed before 1 September 2009
        return {"appointed_on": date(rng.randint(1998, 2008), 9, 1)}
    if state == HELD:
        appointed = add_days(add_months(today, -rng.randint(40, 180)), -rng.randint(0, 27))
        appointed = max(appointed, REG_49_FROM)
        started = add_months(appointed, rng.randint(2, 10))
        finished = add_months(started, 18 if _course_for(started) == "npq" else 14)
        return {
            "appointed_on": appointed,
            "course": _course_for(started),
            "course_started_on": started,
            "course_completed_on": finished,
        }
    months = {IN_PROGRESS: (6, 26), DUE_SOON: (31, 34), OVERDUE: (37, 48)}[state]
    appointed = add_days(add_months(today, -rng.randint(*months)), -rng.randint(0, 20))
    if state == OVERDUE or (state == DUE_SOON and rng.random() < 0.4):
        return {"appointed_on": appointed}  # no course started yet
    started = min(today, add_months(appointed, rng.randint(1, 5)))
    return {"appointed_on": appointed, "course": _course_for(started), "course_started_on": started}


def plan_appointment(rng: random.Random, school: SchoolFacts, senco: Staff, first: bool, today):
    """The SENCO's open appointment, with the date the law says the qualification is due."""
    if school.persona == HILLSIDE and first:
        # The demo's SENCO whose qualification falls due within 6 months: no course started.
        dates = {"appointed_on": add_days(add_months(today, -32), -10)}
    elif school.persona == OAKFIELD and first:
        appointed = date(2019, 9, 1)
        dates = {
            "appointed_on": appointed,
            "course": "nasenco",
            "course_started_on": date(2019, 10, 7),
            "course_completed_on": date(2021, 7, 16),
        }
    else:
        states, weights = zip(*QUALIFICATION_MIX, strict=True)
        state = IN_PROGRESS if not first else rng.choices(states, weights=weights)[0]
        dates = _appointment_dates(rng, state, today)
    fields = {
        "id": new_uuid(rng),
        "staff_id": senco.id,
        "school_id": school.id,
        "qualified_teacher": True,
        "is_head": False,
        "previous_senco_months": 0,
        "course": "",
        "course_started_on": None,
        "course_completed_on": None,
        **dates,
    }
    law = {key: fields[key] for key in dates if key != "appointed_on"}
    due = senco_qualification(appointed_on=fields["appointed_on"], today=today, **law)
    fields["qualification_due_on"] = due.due_on
    return Row("SencoAppointment", fields, {"appointed_on": str(fields["appointed_on"])})


# --- SENCO time, term by term --------------------------------------------------------------------

# What can be wrong with a SENCO's week (guidance "SENCOs"; STPCD for PPA).
LOW_TIME, IN_PPA, NO_ADMIN, FROM_LEADERSHIP, SHORT_PPA = (
    "low_time",
    "in_ppa",
    "no_admin",
    "from_leadership",
    "short_ppa",
)
FAILINGS = (LOW_TIME, IN_PPA, NO_ADMIN, FROM_LEADERSHIP, SHORT_PPA)
COMPLIANT_SHARE = 0.6  # schools whose SENCO time usually meets every check
CHANGE_SHARE = 0.15  # a term that went the other way (a new timetable, a vacancy)
WEEK_HOURS = 24  # teaching, SENCO and leadership time in a week, before PPA


def _half(value: float) -> Decimal:
    """Hours to the nearest half hour."""
    return Decimal(math.floor(value * 2 + 0.5)) / 2


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _senior_roles(rng: random.Random, staff: list[Staff]) -> list[dict]:
    """The comparators: the other senior leaders' weekly leadership time."""
    roles = []
    for person in staff:
        if person.job == LEADER and person.current:
            low, high = (8, 14) if person.role_title == "Deputy head" else (5, 9)
            roles.append({"role": person.role_title, "leadership_hours": rng.randint(low, high)})
    return roles


def _week(rng, roles: list[dict], caseload: int, failings: tuple[str, ...]) -> dict:
    """A SENCO's week, meeting every check but the failings named."""
    comparators = [Decimal(role["leadership_hours"]) for role in roles]
    median = law_median(comparators) if comparators else Decimal(0)
    senco = max(median, _half(max(3, caseload / 8))) + _half(rng.choice((0, 0.5, 1, 2)))
    senco = min(senco, Decimal(20))
    if LOW_TIME in failings and median > 2:
        senco = max(Decimal(1), median - rng.choice((2, 3, 4)))
    other = Decimal(rng.choice((0, 0, 2, 3))) if FROM_LEADERSHIP not in failings else Decimal(3)
    taken = Decimal(rng.choice((1, 2))) if FROM_LEADERSHIP in failings else Decimal(0)
    teaching = max(Decimal(0), WEEK_HOURS - senco - other)
    ppa = _half(math.ceil(float(teaching) * 0.2) / 2) + _half(rng.choice((0, 0.5)))
    if SHORT_PPA in failings and teaching >= 10:
        ppa = _half(math.floor(float(teaching) * 0.2) / 2 - 0.5)
    return {
        "teaching_hours": teaching,
        "senco_hours": senco,
        "other_leadership_hours": other,
        "senco_hours_taken_from_leadership": taken,
        "ppa_hours": ppa,
        "senco_duties_in_ppa_hours": _half(rng.choice((0.5, 1, 1.5)))
        if IN_PPA in failings
        else Decimal(0),
        "admin_support_hours": Decimal(0)
        if NO_ADMIN in failings
        else _half(rng.choice((2, 3, 4, 5, 7.5))),
    }


def _failings(rng: random.Random, school: SchoolFacts, good: bool, oldest: bool) -> tuple:
    if school.persona == OAKFIELD:
        return ()
    if school.persona == HILLSIDE:  # duties in PPA, no admin support; too little time at first
        return (IN_PPA, NO_ADMIN, LOW_TIME) if oldest else (IN_PPA, NO_ADMIN)
    if good != (rng.random() < CHANGE_SHARE):
        return ()
    return tuple(rng.sample(FAILINGS, rng.choice((1, 1, 2, 3))))


def record_terms(school: SchoolFacts, today: date) -> list[tuple]:
    """The last three terms up to today (the current one included)."""
    return [term for term in school.terms if term[2] <= today][-3:]


def plan_senco_time(rng: random.Random, school: SchoolFacts, staff: list[Staff], today):
    """Each current SENCO's week in each of the last three terms, checked with the law."""
    sencos = [s for s in staff if s.job == SENCO and s.current]
    roles = _senior_roles(rng, staff)
    good = rng.random() < COMPLIANT_SHARE
    rows = []
    terms = record_terms(school, today)
    for senco in sencos:
        for index, (year, term, _, _) in enumerate(terms):
            support, plans = school.register.get((year, term), (0, 0))
            failings = _failings(rng, school, good, index == 0)
            hours = _week(rng, roles, math.ceil((support + plans) / len(sencos)), failings)
            result = senco_time(
                SencoHours(**{key: _number(value) for key, value in hours.items()}),
                [SeniorRole(r["role"], r["leadership_hours"]) for r in roles],
            )
            failed = [check.code for check in result.checks if not check.passed]
            fields = {
                "id": new_uuid(rng),
                "staff_id": senco.id,
                "school_id": school.id,
                "academic_year": year,
                "term": term,
                **hours,
                "senior_roles": roles,
                "compliant": result.compliant,
                "failed_checks": failed,
                "pupils_on_sen_support": support,
                "pupils_with_plans": plans,
            }
            audit = {"term": f"{term} {year}", "compliant": result.compliant}
            rows.append(Row("SencoTimeRecord", fields, audit))
    return rows


# --- key workers ---------------------------------------------------------------------------------

KEY_WORKER_SHARE = 0.35  # of the children with plans, those assessed for a key worker
KEY_WORKER_CAP = 12  # a school's assessments at most (special schools: mostly plans)
ALLOCATED_SHARE = 0.8  # the rest are assessed and waiting for a key worker to be chosen
OTHER_SERVICES = ("health", "social_care", "educational_psychology", "early_help", "voluntary")
HOURS_BY_COMPLEXITY = {"low": Decimal(1), "medium": Decimal("1.5"), "high": Decimal(2)}
# Who suits each complexity best: the objective assessment, not the SENCO by default.
PREFERRED_JOBS = {
    "high": (SUPPORT, TEACHER, TA),
    "medium": (SUPPORT, TA, TEACHER),
    "low": (TA, TEACHER, SUPPORT),
}
NEEDS_SUMMARIES = (
    "Autism and anxiety; health (CAMHS) and the school work together on a shared plan.",
    "Complex medical needs: the community nursing team trains staff; daily care plan.",
    "Speech and language needs; therapy targets carried into class by a trained adult.",
    "Social, emotional and mental health needs; early help supports the family at home.",
    "Physical disability: physiotherapy, occupational therapy and a moving and handling plan.",
    "Hearing impairment: the sensory support service visits; radio aid in every lesson.",
    "Severe learning difficulties; short breaks from social care; health reviews twice a year.",
)
FAMILY_PREFERENCES = (
    "",
    "",
    "Would like someone who already knows them well in class.",
    "Would like one person to contact about appointments, not several.",
    "Prefers someone who can meet after school on Fridays.",
    "No preference; wants the key worker to attend the health reviews.",
)
SENCO_REASON = (
    "Health, social care and the educational psychology service are all involved, and the "
    "family asked for the SENCO, who has led the multi-agency meetings since Reception. No "
    "other member of staff with key-worker time knows the services as well; reviewed next term."
)


def _assessment(rng: random.Random, school: SchoolFacts, child, today, senco=False) -> Row:
    child_id, since = child
    others = rng.sample(OTHER_SERVICES, rng.randint(1, 4))
    if senco:
        others = ["health", "social_care", "educational_psychology"]
    services = ["education", *others]
    complexity = "low" if len(services) <= 2 else "medium" if len(services) <= 3 else "high"
    fields = {
        "id": new_uuid(rng),
        "child_id": child_id,
        "school_id": school.id,
        # Within the last ten months, and since the child has been here with a plan.
        "assessed_on": add_days(today, -rng.randint(0, max(0, min(300, (today - since).days)))),
        "services": services,
        "complexity": complexity,
        "needs_summary": rng.choice(NEEDS_SUMMARIES),
        "family_preference": rng.choice(FAMILY_PREFERENCES),
        "senco_reason": SENCO_REASON if senco else "",
    }
    audit = {"complexity": complexity, "services": services}
    return Row("KeyWorkerAssessment", fields, audit, subject_id=child_id)


def _allocation(rng: random.Random, assessment: Row, worker: Staff, hours: Decimal, today):
    a = assessment.fields
    fields = {
        "id": new_uuid(rng),
        "assessment_id": a["id"],
        "child_id": a["child_id"],
        "school_id": a["school_id"],
        "worker_id": worker.id,
        "hours_per_week": hours,
        "starts_on": min(today, add_days(a["assessed_on"], rng.randint(3, 21))),
        "ended_on": None,
        "end_reason": "",
    }
    audit = {"hours_per_week": str(hours), "senco": worker.job == SENCO}
    return Row("KeyWorkerAllocation", fields, audit, subject_id=a["child_id"])


def _choose(candidates: list[Staff], remaining: dict, complexity: str, hours: Decimal):
    """The candidate of the best-suited job with the most time left (None: nobody has time)."""
    for job in PREFERRED_JOBS[complexity]:
        fits = [c for c in candidates if c.job == job and remaining[c.id] >= hours]
        if fits:
            return max(fits, key=lambda c: remaining[c.id])
    return None


def plan_key_workers(rng: random.Random, school: SchoolFacts, staff: list[Staff], today):
    """Assessments for some children with plans, then key workers chosen from them."""
    children = school.children_with_plans
    count = min(KEY_WORKER_CAP, round(len(children) * KEY_WORKER_SHARE))
    if school.persona == OAKFIELD:
        count = max(count, min(2, len(children)))
    chosen = rng.sample(children, count) if count else []
    candidates = [s for s in staff if s.current and s.key_worker_hours > 0 and s.job != SENCO]
    remaining = {s.id: s.key_worker_hours for s in staff}
    rows = []
    for index, child in enumerate(chosen):
        # At Oakfield, once: the assessment gives the reason the SENCO is the right person.
        by_senco = school.persona == OAKFIELD and index == 0
        assessment = _assessment(rng, school, child, today, senco=by_senco)
        rows.append(assessment)
        if not by_senco and rng.random() >= ALLOCATED_SHARE:
            continue
        complexity = assessment.fields["complexity"]
        hours = HOURS_BY_COMPLEXITY[complexity]
        worker = staff[0] if by_senco else _choose(candidates, remaining, complexity, hours)
        if by_senco:
            hours = Decimal("1.5")
        if worker is None:
            continue
        remaining[worker.id] -= hours
        rows.append(_allocation(rng, assessment, worker, hours, today))
    return rows


# --- training ------------------------------------------------------------------------------------

# (title, purpose, provider, audiences)
BRIEFING = (
    "Code of Practice briefing: what has changed",
    "Every teacher informed about how the SEND Code of Practice has changed and what it means "
    "for their classroom: the graduated approach, reviews with families, the register.",
    "The school's SENCO",
    ["all_teachers"],
)
CATCH_UP = (
    "Code of Practice briefing (catch-up)",
    "The Code of Practice briefing again, for teachers who missed it or joined since.",
    "The school's SENCO",
    ["all_teachers"],
)
CATALOGUE = (
    (
        "Supporting autistic pupils in the classroom",
        "Practical adjustments for autistic pupils: visual timetables, transitions, sensory needs.",
        "Local authority autism outreach team",
        ["all_staff"],
    ),
    (
        "Speech, language and communication needs: first steps",
        "Spotting language needs early and carrying therapy targets into lessons.",
        "NHS speech and language therapy service",
        ["teaching_assistants", "all_teachers"],
    ),
    (
        "Precision teaching for reading",
        "Running short daily precision teaching sessions and recording progress.",
        "Educational psychology service",
        ["teaching_assistants"],
    ),
    (
        "Adaptive teaching: planning for every pupil",
        "Planning lessons every pupil can access, before reaching for extra support.",
        "Teaching school hub",
        ["all_teachers"],
    ),
    (
        "Writing SEN support plans with families",
        "Outcomes that mean something to the child and family; reviewing them each term.",
        "The school's SENCO",
        ["all_teachers", "senco"],
    ),
    (
        "Emotional wellbeing and mental health: spotting the signs",
        "Recognising anxiety and low mood, and when and how to refer to the mental health team.",
        "Mental health support team",
        ["all_staff"],
    ),
    (
        "Positive behaviour support and de-escalation",
        "Understanding behaviour as communication; calm, consistent responses.",
        "Local authority inclusion team",
        ["all_staff"],
    ),
    (
        "Dyslexia-friendly classrooms",
        "Reading and writing adjustments that help every pupil, and screening that helps some.",
        "Specialist teacher service",
        ["all_teachers", "teaching_assistants"],
    ),
    (
        "SENCO network: the local authority's updates",
        "Changes to the local offer, the EHC process and banding; sharing practice.",
        "Local authority SEND team",
        ["senco"],
    ),
    (
        "Medical needs and moving and handling",
        "Care plans, medicines and safe moving and handling for pupils who need them.",
        "Community nursing team",
        ["teaching_assistants", "leaders"],
    ),
)
SESSIONS = (6, 9)  # a school's sessions in the year, the briefing included
SCHOOL_HOURS = (
    (time(9, 0), time(12, 0)),
    (time(13, 30), time(15, 30)),
    (time(15, 45), time(17, 15)),
)
EVENING = (time(18, 0), time(19, 30))
EVENING_SHARE = 0.12  # generated schools with one evening session, kept with a reason
KEEP_REASON = (
    "The visiting specialist could only come in the evening this year; staff who attend take "
    "the time back from directed time the following week, and the session is recorded for "
    "anyone who cannot stay."
)
ATTENDED_SHARE = 0.85
BRIEFED_SHARE = 0.8  # teachers at the autumn briefing; the others are not yet briefed
CATCH_UP_SHARE = 0.5  # schools planning a catch-up briefing in the spring


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=UK)


def year_calendar(school: SchoolFacts, year: int) -> tuple[list[tuple], list[Closure]]:
    """This year's terms and every day the school is shut: its closure days and the holidays
    around and between its terms (as the training service checks a session)."""
    terms = [t for t in school.terms if t[0] == year]
    closures = [Closure(day, day) for day in sorted(school.closed)]
    holiday_from = date(year, 9, 1)
    for _, _, start, end in terms:
        if start > holiday_from:
            closures.append(Closure(holiday_from, add_days(start, -1)))
        holiday_from = add_days(end, 1)
    if holiday_from <= date(year + 1, 8, 31):
        closures.append(Closure(holiday_from, date(year + 1, 8, 31)))
    return terms, closures


def _slot(rng, day: date, last: date, hours: tuple, closures, today: date):
    """The first school day from `day` (to `last`) whose session passes the check."""
    while day <= last:
        day = school_day_on_or_after(day)
        start, end = _at(day, hours[0]), _at(day, hours[1])
        planned = min(today, add_days(day, -rng.randint(21, 70)))
        check = training_slot(start=start, end=end, planned_on=planned, closures=closures)
        if day <= last and not check.problems and check.planned_in_advance:
            return check
        day = add_days(day, 1)
    return None


def _session(rng, school, spec, check, today, *, briefing=False, keep_reason="") -> Row:
    title, purpose, provider, audiences = spec
    status = "held" if check.start.date() < today else "planned"
    fields = {
        "id": new_uuid(rng),
        "school_id": school.id,
        "title": title,
        "purpose": purpose,
        "provider": provider,
        "audiences": list(audiences),
        "starts_at": check.start.replace(tzinfo=UK),
        "ends_at": check.end.replace(tzinfo=UK),
        "planned_on": check.planned_on,
        "problems": list(check.problems),
        "notice_days": check.notice_days,
        "in_directed_time": check.in_directed_time,
        "planned_in_advance": check.planned_in_advance,
        "keep_reason": keep_reason,
        "is_code_briefing": briefing,
        "status": status,
    }
    return Row("TrainingSession", fields, {"status": status, "problems": list(check.problems)})


def _audience(staff: list[Staff], audiences: list[str]) -> list[Staff]:
    jobs = set()
    for audience in audiences:
        jobs |= {
            "all_staff": {SENCO, HEAD, LEADER, TEACHER, TA, SUPPORT},
            "all_teachers": set(TEACHING),
            "senco": {SENCO},
            "teaching_assistants": {TA},
            "leaders": {HEAD, LEADER, SENCO},
        }.get(audience, set())
    return [s for s in staff if s.job in jobs and s.current]


def _attendance(rng, session: Row, staff: list[Staff], briefed: set) -> list[Row]:
    """Who came to a session already held: most of its audience (a register of everyone)."""
    fields = session.fields
    if fields["status"] != "held":
        return []
    people = _audience(staff, fields["audiences"])
    if fields["is_code_briefing"]:
        # Most teachers not yet briefed, never all: the seed's "all teachers are informed"
        # is still to do at every school.
        people = [p for p in people if p.id not in briefed]
        missed = max(1, round(len(people) * rng.uniform(0.1, 1 - BRIEFED_SHARE)))
        away = set(rng.sample(range(len(people)), min(missed, len(people))))
        came = [index not in away for index in range(len(people))]
    else:
        came = [rng.random() < ATTENDED_SHARE for _ in people]
    rows = []
    for person, attended in zip(people, came, strict=True):
        if attended and fields["is_code_briefing"]:
            briefed.add(person.id)
        row = {"id": new_uuid(rng), "session_id": fields["id"], "staff_id": person.id}
        rows.append(Row("TrainingAttendance", {**row, "attended": attended}))
    session.audit["attended"] = sum(came)
    return rows


def _term_day(rng: random.Random, term: tuple, low: int = 0, high: int | None = None) -> date:
    length = (term[3] - term[2]).days
    high = length - 3 if high is None else min(high, length - 3)
    return add_days(term[2], rng.randint(min(low, high), high))


def plan_training(rng: random.Random, school: SchoolFacts, staff: list[Staff], today: date):
    """A year of sessions from the start of this academic year, checked with the law."""
    year = academic_year_of(today)
    terms, closures = year_calendar(school, year)
    if len(terms) != 3:
        return []
    autumn, spring, _ = terms
    # (spec, first day to try, last day, is a briefing)
    wanted = [(BRIEFING, _term_day(rng, autumn, 5, 40), autumn[3], True)]
    if school.persona or rng.random() < CATCH_UP_SHARE:
        wanted.append((CATCH_UP, _term_day(rng, spring, 10, 60), spring[3], True))
    total = rng.randint(*SESSIONS)
    for spec in rng.sample(CATALOGUE, total - len(wanted)):
        term = rng.choice(terms)
        wanted.append((spec, _term_day(rng, term), term[3], False))
    # The last session drawn is the evening one, where there is one.
    evening = bool(school.persona) or rng.random() < EVENING_SHARE
    rows = []
    for index, (spec, day, last, briefing) in enumerate(wanted):
        if evening and index == len(wanted) - 1:
            row = _evening(rng, school, spec, day, closures, today)
        else:
            check = _slot(rng, day, last, rng.choice(SCHOOL_HOURS), closures, today)
            row = (
                None
                if check is None
                else _session(rng, school, spec, check, today, briefing=briefing)
            )
        if row is not None:
            rows.append(row)
    rows.sort(key=lambda row: row.fields["starts_at"])
    briefed: set = set()
    for session in list(rows):
        rows.extend(_attendance(rng, session, staff, briefed))
    return rows


def _evening(rng, school, spec, day: date, closures, today: date) -> Row:
    """The evening session: the check warns (outside the school day), kept with a reason."""
    day = school_day_on_or_after(day)
    while any(c.start <= day <= c.end for c in closures):
        day = school_day_on_or_after(add_days(day, 1))
    planned = min(today, add_days(day, -rng.randint(21, 70)))
    check = training_slot(
        start=_at(day, EVENING[0]), end=_at(day, EVENING[1]), planned_on=planned, closures=closures
    )
    return _session(rng, school, spec, check, today, keep_reason=KEEP_REASON)


# --- policies ------------------------------------------------------------------------------------

# (kind, title, months between reviews, owner's job)
POLICIES = (
    # SEND Code of Practice 6.79: the SEN information report is updated annually.
    ("send_policy", "SEND policy", 12, SENCO),
    # Equality Act 2010 Sch 10 para 3: an accessibility plan covers three years.
    ("accessibility_plan", "Accessibility plan", 36, HEAD),
    ("sen_information_report", "SEN information report", 12, SENCO),
    ("complaints", "Complaints procedure", 24, HEAD),
)
OVERDUE_SHARE, DUE_SOON_SHARE = 0.15, 0.15
REMIND_DAYS = 28  # the reminders sweep's window before a review is due
CHANGES = {
    "send_policy": "Updated for the revised Code of Practice; new section on key workers.",
    "accessibility_plan": "New three-year plan: ramps to the field, a sensory room, signage.",
    "sen_information_report": "This year's numbers, training and provision map added.",
    "complaints": "Timescales brought into line with the DfE's model procedure.",
}
NO_CHANGE = "Checked against the Code of Practice and this year's practice: no change needed."


def _review_due(rng: random.Random, school: SchoolFacts, kind: str, months: int, today: date):
    if school.persona == OAKFIELD and kind == "send_policy":
        return add_days(today, -24)
    if school.persona == OAKFIELD and kind == "sen_information_report":
        return add_days(today, 19)
    draw = rng.random()
    if draw < OVERDUE_SHARE:
        return add_days(today, -rng.randint(5, 120))
    if draw < OVERDUE_SHARE + DUE_SOON_SHARE:
        return add_days(today, rng.randint(1, REMIND_DAYS))
    return add_days(today, rng.randint(REMIND_DAYS + 1, months * 30))


def plan_policies(rng: random.Random, school: SchoolFacts, staff: list[Staff], today: date):
    site = f"https://{_school_slug(school.name)}.example/policies"
    owners = {
        job: next((s for s in staff if s.job == job and s.current), None) for job in (SENCO, HEAD)
    }
    rows = []
    for kind, title, months, owner_job in POLICIES:
        due = _review_due(rng, school, kind, months, today)
        versions = rng.randint(1, 3)
        reviewed = [add_months(due, -months * (versions - n)) for n in range(versions)]
        owner = owners[owner_job]
        policy = {
            "id": new_uuid(rng),
            "school_id": school.id,
            "kind": kind,
            "title": title,
            "owner_id": owner.id if owner else None,
            "review_every_months": months,
            "next_review_on": due,
            # Reminders whose window opened before the run were sent then (the sweep stays quiet).
            "reminded_for": due if add_days(due, -REMIND_DAYS) <= today else None,
            "retired_on": None,
        }
        rows.append(Row("Policy", policy, {"kind": kind, "next_review_on": str(due)}))
        for number, day in enumerate(reviewed, start=1):
            outcome = "first" if number == 1 else rng.choice(("changed", "no_change"))
            approved = add_days(day, rng.randint(7, 42))
            version = {
                "id": new_uuid(rng),
                "policy_id": policy["id"],
                "number": number,
                "reviewed_on": day,
                "outcome": outcome,
                "summary": {"changed": CHANGES[kind], "no_change": NO_CHANGE}.get(outcome, ""),
                "document_url": f"{site}/{kind.replace('_', '-')}-v{number}.pdf",
                "approved_by_governors_on": approved if approved <= today else None,
            }
            rows.append(Row("PolicyVersion", version, {"number": number, "outcome": outcome}))
    return rows


# --- one school ----------------------------------------------------------------------------------


def _staff_rows(school: SchoolFacts, staff: list[Staff]) -> list[Row]:
    rows = []
    for person in staff:
        fields = {
            "id": person.id,
            "school_id": school.id,
            "full_name": person.full_name,
            "email": person.email,
            "job": person.job,
            "user_id": person.user_id,
            "key_worker_hours": person.key_worker_hours,
            "left_on": person.left_on,
        }
        rows.append(Row("StaffMember", fields, {"job": person.job}))
    return rows


def plan_school(rng: random.Random, school: SchoolFacts, today: date) -> list[Row]:
    """Every workforce record of one school: plain Python, the same stream gives the same."""
    staff = plan_staff(rng, school, today)
    rows = _staff_rows(school, staff)
    sencos = [s for s in staff if s.job == SENCO and s.current]
    for index, senco in enumerate(sencos):
        rows.append(plan_appointment(rng, school, senco, index == 0, today))
    rows += plan_senco_time(rng, school, staff, today)
    rows += plan_key_workers(rng, school, staff, today)
    rows += plan_training(rng, school, staff, today)
    rows += plan_policies(rng, school, staff, today)
    return rows


# Writing ----------------------------------------------------------------------------------------
# Django from here on: the schools' facts read in a few queries, the rows stored in bulk.

ORDER = (
    "StaffMember",
    "SencoAppointment",
    "SencoTimeRecord",
    "KeyWorkerAssessment",
    "KeyWorkerAllocation",
    "TrainingSession",
    "TrainingAttendance",
    "Policy",
    "PolicyVersion",
)


def _persona_keys(persona_school_ids) -> dict:
    from opensend.organisations.demo import ORGANISATIONS
    from opensend.organisations.models import Organisation

    by_urn = {spec.urn: spec.key for spec in ORGANISATIONS if spec.urn}
    urns = Organisation.objects.filter(pk__in=list(persona_school_ids)).values_list("pk", "urn")
    return {pk: by_urn.get(urn, "") for pk, urn in urns}


def _register_by_term(school_ids, terms: list[tuple]) -> dict:
    """School id -> {(year, term): (on SEN support, with plans)} on each term's last day (or
    today), from the register's dated history: one query a term."""
    from django.db.models import Count, Q

    from opensend.people.models import Enrolment

    found: dict = defaultdict(dict)
    for year, term, day in terms:
        rows = (
            Enrolment.objects.filter(
                Q(end__isnull=True) | Q(end__gte=day),
                Q(child__sen_statuses__end__isnull=True) | Q(child__sen_statuses__end__gte=day),
                school_id__in=school_ids,
                start__lte=day,
                child__sen_statuses__start__lte=day,
                child__sen_statuses__provision__in=("K", "E"),
            )
            .values_list("school_id", "child__sen_statuses__provision")
            .annotate(n=Count("child_id", distinct=True))
        )
        counts: dict = defaultdict(Counter)
        for school_id, provision, n in rows:
            counts[school_id][provision] += n
        for school_id in school_ids:
            found[school_id][(year, term)] = (counts[school_id]["K"], counts[school_id]["E"])
    return found


def _calendars(school_ids, today: date) -> tuple[dict, dict]:
    """School id -> [(year, term, start, end)] for last year and this (the school's own terms,
    or the usual ones), and school id -> closure days."""
    from opensend.organisations.models import ClosureDay, SchoolTerm

    year = academic_year_of(today)
    own: dict = defaultdict(dict)
    for school_id, ay, name, start, end in SchoolTerm.objects.filter(
        school_id__in=school_ids, academic_year__in=(year - 1, year)
    ).values_list("school_id", "academic_year", "name", "start", "end"):
        own[school_id][(ay, name)] = (start, end)
    terms = {}
    for school_id in school_ids:
        rows = []
        for ay in (year - 1, year):
            for name, start, end in term_dates(ay):
                start, end = own[school_id].get((ay, name), (start, end))
                rows.append((ay, name, start, end))
        terms[school_id] = sorted(rows, key=lambda row: row[2])
    closed: dict = defaultdict(set)
    for school_id, day in ClosureDay.objects.filter(school_id__in=school_ids).values_list(
        "school_id", "date"
    ):
        closed[school_id].add(day)
    return terms, closed


def _facts(today: date, persona_school_ids) -> list[SchoolFacts | None]:
    """Every school in URN order: what its plan draws on, or None when it has a staff list."""
    from django.db.models import Count

    from opensend.organisations.models import Membership, Organisation
    from opensend.people.demo import CHILDREN
    from opensend.people.models import Enrolment, SenStatus
    from opensend.workforce.models import StaffMember

    has_staff = set(StaffMember.objects.values_list("school_id", flat=True).distinct())
    schools = list(
        Organisation.objects.filter(kind="school")
        .order_by("urn", "name")
        .values_list("pk", "name", "phase", "establishment_type")
    )
    ids = [row[0] for row in schools if row[0] not in has_staff]
    personas = _persona_keys(persona_school_ids)
    pupils = dict(
        Enrolment.objects.filter(school_id__in=ids, end__isnull=True)
        .values_list("school_id")
        .annotate(n=Count("id"))
    )
    members = defaultdict(list)
    for school_id, role, user_id, name, email in (
        Membership.objects.filter(
            organisation_id__in=ids, is_active=True, user__is_active=True, role__in=ROLE_JOBS
        )
        .order_by("user__email")
        .values_list("organisation_id", "role", "user_id", "user__full_name", "user__email")
    ):
        members[school_id].append(Member(role, user_id, name, email))
    with_plans = defaultdict(list)
    for school_id, child_id, on_roll, plan_from in (
        SenStatus.objects.filter(
            provision="E",
            end__isnull=True,
            child__enrolments__end__isnull=True,
            child__enrolments__school_id__in=ids,
        )
        .exclude(child__upn__in=[child.upn for child in CHILDREN])  # the named children
        .order_by("child__upn")
        .values_list(
            "child__enrolments__school_id", "child_id", "child__enrolments__start", "start"
        )
    ):
        with_plans[school_id].append((child_id, max(on_roll, plan_from)))
    terms, closed = _calendars(ids, today)
    register = _register_by_term(ids, _record_days(today)) if ids else {}
    return [
        SchoolFacts(
            id=pk,
            name=name,
            phase=phase or "",
            establishment_type=establishment_type or "",
            pupils=pupils.get(pk, 0),
            persona=personas.get(pk, ""),
            members=members[pk],
            register=register.get(pk, {}),
            children_with_plans=with_plans[pk],
            terms=terms[pk],
            closed=frozenset(closed[pk]),
        )
        if pk not in has_staff
        else None
        for pk, name, phase, establishment_type in schools
    ]


def _record_days(today: date) -> list[tuple]:
    """The last three terms up to today, as (year, term, day counted on): the usual term
    dates' last day, or today for the current term (one query a term for every school)."""
    year = academic_year_of(today)
    usual = [
        (ay, name, start, end) for ay in (year - 1, year) for name, start, end in term_dates(ay)
    ]
    started = [t for t in usual if t[2] <= today][-3:]
    # A school whose own term started a little later is counted on the same day.
    return [(ay, name, min(end, today)) for ay, name, _, end in started]


def write_workforce(
    rng: random.Random, today: date, persona_school_ids, batch_size: int
) -> Counter:
    """Plan and store every school's workforce records; {model label: rows}."""
    schools = _facts(today, list(persona_school_ids))
    writer = _Writer(batch_size)
    for school in schools:
        # Each school its own stream, drawn in URN order whether or not it is planned: a
        # school left alone moves no other school's records (ids included).
        school_rng = random.Random(rng.getrandbits(64))
        if school is not None:
            writer.add(school, plan_school(school_rng, school, today))
    writer.flush()
    return writer.written


class _Writer:
    """Model rows and their audit rows, stored in FK order every few batches (a school's
    records refer only to each other, so any whole number of schools can go at once)."""

    def __init__(self, batch_size: int):
        from django.apps import apps

        self.batch_size = batch_size
        self.models = {name: apps.get_model("workforce", name) for name in ORDER}
        self.pending: dict = defaultdict(list)
        self.size = 0
        self.written: Counter = Counter()

    def add(self, school: SchoolFacts, rows: list[Row]) -> None:
        from opensend.people.generate.write import generated_event

        for row in rows:
            obj = self.models[row.model](**row.fields)
            self.pending[row.model].append(obj)
            if row.audit is not None:
                self.pending["AuditEvent"].append(
                    generated_event(type(obj), obj.pk, row.subject_id, school.id, row.audit)
                )
        self.size += len(rows)
        if self.size >= self.batch_size * 10:
            self.flush()

    def flush(self) -> None:
        from opensend.core.models import AuditEvent

        for name, model in [*self.models.items(), ("AuditEvent", AuditEvent)]:
            objects = self.pending.pop(name, [])
            if objects:
                model.objects.bulk_create(objects, batch_size=self.batch_size)
                self.written[model._meta.label_lower] += len(objects)
        self.size = 0
