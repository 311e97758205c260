"""A pupil's SEN support plans: assess, plan, do, review cycles chained one after another.

Plain Python, no Django. Most pupils on SEN support and some with EHC plans get a chain of
plans at their school (CoP 6.44–6.56): a few reviewed cycles, termly, then the current plan,
agreed (active) or still a draft, due for review soon or a little overdue, so the SENCO's
reminders and "overdue" lists have something to show. A chain starts no earlier than the
pupil went on the register (K or E) and a few weeks of assessment after it; a pupil who came
off SEN support keeps the plans of that time, the last review ending support.

Each cycle's outcomes come from text suited to the pupil's needs and age. At a review every
outcome gets a progress level; the ones not achieved carry over into the next cycle (the new
outcome points back at the old through `carried_from`, as the review service does) and new
ones take the place of those achieved. Provision serves an outcome, often through one of the
school's interventions that works on the same area, never beyond the group's `max_pupils`.

Dates are counted from `as_of`, the day the data stand for: reviews are on or before it, on
school days in term time, and review dates fall within six months of the plan (CoP 6.52 and
the support services' own limit).
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from opensend.law.dates import academic_year_of
from opensend.people.generate import support_texts as texts
from opensend.people.generate.dates import school_day_on_or_after, term_dates
from opensend.people.generate.interventions import InterventionPlan
from opensend.people.generate.register import NeedRow, Period
from opensend.people.generate.scales import new_uuid

PLAN_CHANCE = {"K": 0.85, "E": 0.4}
AFTER_SUPPORT_CHANCE = 0.75  # an EHC plan that followed SEN support: its plans go on
ENDED_SUPPORT_CHANCE = 0.6  # a pupil who came off SEN support has their old plans
REVIEWED_CYCLES = ((0, 15), (1, 35), (2, 30), (3, 20))
OUTCOMES_PER_CYCLE = ((1, 25), (2, 45), (3, 30))
DRAFT_SHARE = 0.05
OVERDUE_SHARE = 0.12
LINK_CHANCE = 0.7  # an outcome's main provision is one of the school's interventions
MAX_REVIEW_DAYS = 182  # six months (CoP 6.52; the support services refuse later dates)
EHC_REQUEST_WINDOW_DAYS = 210  # a request made at a review leads to a plan within ~30 weeks
# Progress weights (not started, some, good, achieved); outcomes running longer get achieved more.
PROGRESS = ("not_started", "some_progress", "good_progress", "achieved")
PROGRESS_WEIGHTS = (6, 40, 34, 20)
ENDING_PROGRESS_WEIGHTS = (0, 5, 35, 60)

DRAFT, ACTIVE, REVIEWED = "draft", "active", "reviewed"
CONTINUE, NEW_OUTCOMES = "continue", "new_outcomes"
MOVE_TO_EHC_REQUEST, END_SUPPORT = "move_to_ehc_request", "end_support"


@dataclass(frozen=True)
class Subject:
    """What a chain needs to know of a pupil (a generated `Pupil` has the same attributes)."""

    first_name: str
    year_group: str
    periods: list[Period]
    needs: list[NeedRow]


@dataclass(frozen=True)
class NamedPlan:
    """The plans a named demo child gets: how many reviewed cycles, when the current is due."""

    child_key: str
    reviewed: int
    due_in_days: int
    interventions: tuple[str, ...]  # catalogue keys their school runs and they take part in
    strengths: str
    what_helps: str
    what_to_avoid: str
    pupil_views: str
    parent_views: str


@dataclass
class OutcomeRow:
    id: object
    order: int
    description: str
    success_criteria: str
    carried_from: object | None
    progress: str = ""  # set when the cycle was reviewed
    notes: str = ""
    review_id: object | None = None  # the OutcomeReview row's id


@dataclass
class ProvisionRow:
    id: object
    outcome_id: object | None
    intervention_id: object | None
    what: str
    who: str
    frequency: str
    start: date
    end: date | None


@dataclass
class ReviewRow:
    id: object
    review_date: date
    summary: str
    parent_contributed: bool
    pupil_contributed: bool
    next_step: str


@dataclass
class CyclePlan:
    """One SupportPlan row and everything on it."""

    id: object
    cycle: int
    previous_id: object | None
    status: str
    written: date
    review_due: date
    fields: dict[str, str]
    outcomes: list[OutcomeRow] = field(default_factory=list)
    provisions: list[ProvisionRow] = field(default_factory=list)
    review: ReviewRow | None = None


@dataclass
class _Line:
    what: str
    who: str
    frequency: str
    start: date
    intervention_id: object | None = None


@dataclass
class _Thread:
    """One outcome followed across the cycles it runs in (carried over at each review)."""

    area: str
    description: str
    success_criteria: str
    first: int
    last: int | None = None  # the cycle whose review ended it; None: still running
    progress: dict[int, str] = field(default_factory=dict)
    lines: list[_Line] = field(default_factory=list)


@dataclass
class _Timeline:
    written: list[date]
    due: list[date]
    reviewed: list[date | None]  # None for the current (open) cycle
    ends_support: bool = False
    ehc_from: date | None = None  # when an EHC plan followed SEN support within the chain
    draft: bool = False  # the current cycle is still a draft


# fmt: off
NAMED_PLANS = {
    plan.child_key: plan
    for plan in [
        NamedPlan(
            "leo", 2, 18, ("phonics", "precision"),
            "Knows the name of every dinosaur\nBrilliant at building with Lego\n"
            "Kind to younger children",
            "A sound mat on the desk\nReading books matched to the sounds he knows\n"
            "A printed copy of anything on the board",
            "Reading aloud to the class without warning\nCopying long passages from the board",
            "I like the phonics group. Reading about dinosaurs is my favourite.",
            "Leo gets tired by the end of the day, but bedtime reading is getting easier.",
        ),
        NamedPlan(
            "ava", 1, 40, ("language_group", "lego"),
            "Loves drawing animals in detail\nA very good memory for songs and rhymes",
            "A visual timetable and a warning before changes\nInstructions one at a time, "
            "with a picture\nEar defenders in assembly",
            "Sudden changes to the routine\nThe busy dining hall without a quiet option",
            "I like the Lego group. I don't like it when it is loud.",
            "Ava is happier coming to school this year; transitions are still hard.",
        ),
        NamedPlan(
            "mia", 1, -6, ("zones", "nurture"),
            "Caring: looks after the class pets\nEnjoys dancing and music",
            "A calm greeting from a key adult at the door\nA job with responsibility\n"
            "Praise given quietly",
            "Raised voices\nBeing sent out of class as a first step",
            "I like nurture because we have toast.",
            "Mornings are still difficult; we would like to keep the meet and greet.",
        ),
        NamedPlan(
            "zara", 0, 9, ("teacher_of_the_deaf",),
            "Confident and chatty in small groups\nA keen swimmer",
            "The radio aid worn by the teacher in every lesson\nA seat at the front, away "
            "from the projector\nSubtitles on every video",
            "Talking with your back turned\nGroup work in a noisy room without the radio aid",
            "I want people to face me when they talk.",
            "We would like the new teachers to know how to use the radio aid from day one.",
        ),
        NamedPlan(
            "jordan", 1, 60, ("travel_training", "mentoring"),
            "Reliable and polite\nGood with his hands: enjoys the construction course\n"
            "Knows every bus route in town",
            "Tasks broken into small steps with a checklist\nTime to practise new routines\n"
            "Talking plans through with his mentor",
            "Too much text on a page\nBeing rushed into something new",
            "I want to get the bus to college on my own and get a job in building.",
            "We want Jordan to be as independent as he can be by the time he leaves.",
        ),
    ]
}
# fmt: on


def support_plans(
    rng: random.Random,
    pupil: Subject,
    interventions: list[InterventionPlan],
    as_of: date,
    named: NamedPlan | None = None,
) -> list[CyclePlan]:
    """The pupil's chain of plans at their school, oldest first ([] for most pupils on N)."""
    run = _register_run(pupil.periods)
    if run is None:
        return []
    since, until, ehc_from = run
    if named is None:
        if until is not None:
            chance = ENDED_SUPPORT_CHANCE
        elif ehc_from is not None:
            chance = AFTER_SUPPORT_CHANCE
        else:
            chance = PLAN_CHANCE[pupil.periods[-1].provision]
        if rng.random() >= chance:
            return []
    timeline = _timeline(rng, since, until, ehc_from, as_of, named)
    if timeline is None:
        return []
    stage = _stage(pupil.year_group)
    threads = _threads(rng, pupil, timeline, stage, named)
    chain_open = timeline.reviewed[-1] is None
    _provide(rng, threads, timeline, interventions, chain_open, named, as_of)
    general = _general_line(rng, timeline)
    return _cycles(rng, pupil, threads, general, timeline, stage, named)


def _register_run(periods: list[Period]):
    """(first day, last day or None while open, EHC plan start) of the last K/E run, or None.

    A run is consecutive K and E periods: SEN support, perhaps followed by an EHC plan.
    """
    runs: list[list] = []
    current: list | None = None
    for period in periods:
        if period.provision not in ("K", "E"):
            current = None
            continue
        if current is None:
            current = [period.start, period.end, None]
            runs.append(current)
        elif period.provision == "E" and current[2] is None:
            current[2] = period.start
        current[1] = period.end
    return tuple(runs[-1]) if runs else None


def _timeline(rng, since, until, ehc_from, as_of, named) -> _Timeline | None:
    """Write, due and review dates of every cycle, fitted inside the register run."""
    earliest = _term_day_on_or_after(since + timedelta(days=rng.randint(10, 35)))
    if until is not None:
        return _ended_timeline(rng, earliest, until)
    if earliest > as_of - timedelta(days=7):
        return None  # on the register only days ago: still being assessed
    wanted = named.reviewed if named else _weighted(rng, REVIEWED_CYCLES)
    draft = named is None and rng.random() < DRAFT_SHARE
    if named is not None:
        due = as_of + timedelta(days=named.due_in_days)
    elif rng.random() < OVERDUE_SHARE:
        due = as_of - timedelta(days=rng.randint(1, 35))
    else:
        due = as_of + timedelta(days=rng.randint(1, 110))
    if draft:
        # Written in the last few days and not yet agreed; its review date is still ahead.
        written = as_of - timedelta(days=rng.randint(1, 10))
        due = max(due, as_of + timedelta(days=21))
    else:
        length = timedelta(days=rng.randint(70, 119))
        written = min(due - length, as_of - timedelta(days=rng.randint(3, 25)))
    written = max(_term_day(written, rng, as_of - timedelta(days=1)), earliest)
    due = min(max(due, written + timedelta(days=42)), written + timedelta(days=MAX_REVIEW_DAYS))
    timeline = _Timeline([written], [due], [None], ehc_from=ehc_from, draft=draft)
    _add_reviewed_cycles(rng, timeline, wanted, earliest, written)
    return timeline


def _ended_timeline(rng, earliest: date, until: date) -> _Timeline | None:
    """Plans from a spell of SEN support that has ended: the last review ended support."""
    last_review = _term_day_on_or_before(until, rng)
    if (last_review - earliest).days < 56:
        return None
    timeline = _Timeline([], [], [], ends_support=True)
    _add_reviewed_cycles(rng, timeline, rng.randint(1, 3), earliest, last_review)
    return timeline if timeline.written else None


def _add_reviewed_cycles(rng, timeline: _Timeline, wanted: int, earliest: date, review) -> None:
    """Earlier cycles, going back a term at a time from `review` (the next cycle's start)."""
    for _ in range(wanted):
        written = review - timedelta(days=rng.randint(77, 119))
        written = _term_day(written, rng, review - timedelta(days=42))
        if written < earliest:
            if (review - earliest).days < 56:
                return
            written = earliest  # a shorter first cycle, starting once assessment was done
        due = review + timedelta(days=rng.randint(-21, 14))
        due = min(max(due, written + timedelta(days=42)), written + timedelta(MAX_REVIEW_DAYS))
        timeline.written.insert(0, written)
        timeline.due.insert(0, due)
        timeline.reviewed.insert(0, review)
        if written == earliest:
            return
        review = written


def _threads(rng, pupil: Subject, timeline: _Timeline, stage: str, named) -> list[_Thread]:
    """The outcomes of every cycle: set, reviewed, carried over or replaced."""
    used: set[str] = set()
    threads: list[_Thread] = []
    cycles = len(timeline.written)
    wanted = _weighted(rng, OUTCOMES_PER_CYCLE)
    _new_outcomes(rng, pupil, threads, used, 0, wanted, timeline.written[0], stage)
    for k in range(cycles - 1 if timeline.reviewed[-1] is None else cycles):
        ending = timeline.ends_support and k == cycles - 1
        running = [t for t in threads if t.last is None]
        for thread in running:
            thread.progress[k] = _progress(rng, k - thread.first, ending)
            achieved = thread.progress[k] == "achieved"
            if ending or achieved or (len(running) > 1 and rng.random() < 0.05):
                thread.last = k
        if named is not None and running and "achieved" not in [t.progress[k] for t in running]:
            # A named child's plan shows the cycle working: something is met at each review.
            running[0].progress[k], running[0].last = "achieved", k
        if ending:
            break
        carried = sum(1 for t in threads if t.last is None)
        wanted = max(_weighted(rng, OUTCOMES_PER_CYCLE), 1 if carried == 0 else 0)
        if wanted > carried:
            day = timeline.written[k + 1]
            _new_outcomes(rng, pupil, threads, used, k + 1, wanted - carried, day, stage)
    return threads


def _new_outcomes(rng, pupil, threads, used, cycle: int, count: int, on: date, stage: str):
    primary, secondary = _families(pupil.needs, on)
    for _ in range(count):
        family = secondary if secondary and rng.random() < 0.25 else primary
        # Suited to the need and age; else the need at any age; else general learning ones.
        options = [o for o in texts.OUTCOMES[family] if stage in o[3] and o[1] not in used]
        options = options or [o for o in texts.OUTCOMES[family] if o[1] not in used]
        options = options or [o for o in texts.OUTCOMES["learning"] if o[1] not in used]
        if not options:
            return
        area, description, criteria, _ = rng.choice(options)
        used.add(description)
        name = pupil.first_name
        threads.append(
            _Thread(area, description.format(name=name), criteria.format(name=name), cycle)
        )


def _progress(rng, cycles_run: int, ending: bool) -> str:
    if ending:
        return rng.choices(PROGRESS, weights=ENDING_PROGRESS_WEIGHTS)[0]
    weights = list(PROGRESS_WEIGHTS)
    weights[3] += 15 * cycles_run  # the longer an outcome runs, the likelier it is met
    weights[0] = weights[0] if cycles_run == 0 else 1
    return rng.choices(PROGRESS, weights=weights)[0]


def _provide(rng, threads, timeline, interventions, chain_open, named, as_of) -> None:
    """Each outcome's provision: often a place in one of the school's interventions."""
    preferred = set(named.interventions) if named else set()
    for index, thread in enumerate(threads):
        written = timeline.written[thread.first]
        start = _term_day_on_or_after(written + timedelta(days=rng.randint(0, 10)))
        start = min(start, as_of, _end_of_cycle(timeline, thread.first))
        runs_on = chain_open and thread.last is None
        # A pupil is in a group once at a time; a place freed at a review can be reused.
        taken = {
            line.intervention_id
            for other in threads[:index]
            if other.last is None or other.last >= thread.first
            for line in other.lines
        }
        fits = [
            iv
            for iv in interventions
            if thread.area in iv.areas
            and iv.start <= start
            and iv.id not in taken
            and (iv.has_room or not runs_on)
        ]
        wanted_first = [iv for iv in fits if iv.key in preferred]
        chosen = None
        if wanted_first:
            chosen = wanted_first[0]
        elif fits and (named is None or not preferred) and rng.random() < LINK_CHANCE:
            chosen = rng.choice(fits)
        if chosen is not None:
            if runs_on:
                chosen.members += 1
            thread.lines.append(
                _Line(chosen.name, chosen.staff, chosen.frequency, start, chosen.id)
            )
        if chosen is None or rng.random() < 0.2:
            what, who, frequency = rng.choice(texts.CLASSROOM_PROVISION[thread.area])
            thread.lines.append(_Line(what, who, frequency, start))


def _end_of_cycle(timeline: _Timeline, cycle: int) -> date:
    return timeline.reviewed[cycle] or timeline.due[cycle]


def _general_line(rng, timeline: _Timeline) -> _Line | None:
    if rng.random() >= 0.5:
        return None
    what, who, frequency = rng.choice(texts.GENERAL_PROVISION)
    return _Line(what, who, frequency, timeline.written[0])


def _cycles(rng, pupil, threads, general, timeline, stage, named) -> list[CyclePlan]:
    """The plan rows, oldest first, each pointing back at the one its review replaced."""
    primary, _ = _families(pupil.needs, timeline.written[-1])
    fields = _plan_fields(rng, pupil, primary, named)
    quiet = stage == "e" or primary == "severe"
    plans: list[CyclePlan] = []
    outcome_ids: dict[tuple[int, int], object] = {}
    last = len(timeline.written) - 1
    for k, written in enumerate(timeline.written):
        reviewed = timeline.reviewed[k]
        status = REVIEWED if reviewed else (DRAFT if timeline.draft else ACTIVE)
        plan = CyclePlan(
            id=new_uuid(rng),
            cycle=k + 1,
            previous_id=plans[-1].id if plans else None,
            status=status,
            written=written,
            review_due=timeline.due[k],
            fields={**fields, **_views(rng, pupil, quiet, named)},
        )
        active = [
            (index, t)
            for index, t in enumerate(threads)
            if t.first <= k and (t.last is None or t.last >= k)
        ]
        for order, (index, thread) in enumerate(active, start=1):
            outcome = OutcomeRow(
                id=new_uuid(rng),
                order=order,
                description=thread.description,
                success_criteria=thread.success_criteria,
                carried_from=outcome_ids.get((index, k - 1)),
            )
            outcome_ids[(index, k)] = outcome.id
            if reviewed:
                outcome.progress = thread.progress[k]
                outcome.notes = rng.choice(texts.PROGRESS_NOTES[outcome.progress])
                outcome.review_id = new_uuid(rng)
            plan.outcomes.append(outcome)
            ended = reviewed if thread.last == k else None
            for line in thread.lines:
                plan.provisions.append(_provision_row(rng, line, outcome.id, ended))
        if general is not None:
            ended = reviewed if timeline.ends_support and k == last else None
            plan.provisions.append(_provision_row(rng, general, None, ended))
        if reviewed:
            plan.review = _review(rng, pupil, timeline, k, threads, quiet)
        plans.append(plan)
    return plans


def _provision_row(rng, line: _Line, outcome_id, ended: date | None) -> ProvisionRow:
    return ProvisionRow(
        id=new_uuid(rng),
        outcome_id=outcome_id,
        intervention_id=line.intervention_id,
        what=line.what,
        who=line.who,
        frequency=line.frequency,
        start=line.start,
        end=max(ended, line.start) if ended else None,
    )


def _review(rng, pupil, timeline: _Timeline, k: int, threads, quiet: bool) -> ReviewRow:
    reviewed = timeline.reviewed[k]
    next_written = timeline.written[k + 1] if k + 1 < len(timeline.written) else None
    if timeline.ends_support and next_written is None:
        step = END_SUPPORT
    elif _last_review_before_ehc_plan(timeline, k):
        step = MOVE_TO_EHC_REQUEST
    elif any(t.first == k + 1 for t in threads):
        step = NEW_OUTCOMES
    else:
        step = CONTINUE
    summary = rng.choice(texts.REVIEW_SUMMARIES[step]).format(name=pupil.first_name)
    return ReviewRow(
        id=new_uuid(rng),
        review_date=reviewed,
        summary=summary,
        parent_contributed=rng.random() < 0.85,
        pupil_contributed=rng.random() < (0.2 if quiet else 0.65),
        next_step=step,
    )


def _last_review_before_ehc_plan(timeline: _Timeline, k: int) -> bool:
    """Whether cycle k's review asked for the EHC needs assessment that led to the plan."""
    if timeline.ehc_from is None:
        return False
    reviewed = timeline.reviewed[k]
    following = timeline.reviewed[k + 1] if k + 1 < len(timeline.reviewed) else None
    return (
        reviewed < timeline.ehc_from
        and (following is None or following >= timeline.ehc_from)
        and (timeline.ehc_from - reviewed).days <= EHC_REQUEST_WINDOW_DAYS
    )


def _plan_fields(rng, pupil: Subject, family: str, named: NamedPlan | None) -> dict[str, str]:
    name = pupil.first_name
    strengths = "\n".join(rng.sample(texts.STRENGTHS, 2))
    helps = "\n".join(rng.sample(texts.WHAT_HELPS[family], 3))
    avoid = "\n".join(rng.sample(texts.WHAT_TO_AVOID[family], 2))
    if named is not None:
        strengths, helps, avoid = named.strengths, named.what_helps, named.what_to_avoid
    return {
        "assessment": texts.ASSESSMENTS[family],
        "assessed_by": texts.ASSESSED_BY[family],
        "parent_responsibilities": texts.PARENT_RESPONSIBILITIES[family].format(name=name),
        "pupil_responsibilities": texts.PUPIL_RESPONSIBILITIES[family].format(name=name),
        "school_responsibilities": rng.choice(texts.SCHOOL_RESPONSIBILITIES).format(name=name),
        "strengths": strengths,
        "what_helps": helps,
        "what_to_avoid": avoid,
    }


def _views(rng, pupil: Subject, quiet: bool, named: NamedPlan | None) -> dict[str, str]:
    """The pupil's and parents' views, gathered afresh each cycle."""
    if named is not None:
        return {"pupil_views": named.pupil_views, "parent_views": named.parent_views}
    pupil_views = rng.choice(texts.SHOWN_VIEWS if quiet else texts.PUPIL_VIEWS)
    parent_views = rng.choice(texts.PARENT_VIEWS)
    return {
        "pupil_views": pupil_views.format(name=pupil.first_name),
        "parent_views": parent_views.format(name=pupil.first_name),
    }


def _families(needs: list[NeedRow], on: date) -> tuple[str, str | None]:
    """The family of the primary need on `on` (or the latest), and of a second need if any."""
    current = [n for n in needs if n.start <= on and (n.end is None or n.end >= on)]
    current = current or [n for n in needs if n.end is None] or needs
    if not current:
        return "learning", None
    ranked = sorted(current, key=lambda n: n.rank)
    primary = texts.FAMILY_OF_NEED[ranked[0].code]
    second = texts.FAMILY_OF_NEED[ranked[1].code] if len(ranked) > 1 else None
    return primary, (second if second != primary else None)


def _stage(year_group: str) -> str:
    if year_group in ("N1", "N2", "R"):
        return "e"
    number = int(year_group)
    return "p" if number <= 6 else "s" if number <= 11 else "f"


def _weighted(rng: random.Random, options) -> int:
    return rng.choices([value for value, _ in options], weights=[w for _, w in options])[0]


@lru_cache(maxsize=64)
def _terms(academic_year: int) -> tuple[tuple[date, date], ...]:
    return tuple((start, end) for _, start, end in term_dates(academic_year))


def _term_list(day: date) -> list[tuple[date, date]]:
    year = academic_year_of(day)
    return [*_terms(year - 1), *_terms(year), *_terms(year + 1)]


def _term_day(day: date, rng: random.Random, latest: date) -> date:
    """A school day in term near `day`, and no later than `latest`.

    In a holiday: one of the last days of the term before or of the first weeks of the term
    after, as schools fit meetings around holidays; at a weekend, the Monday after.
    """
    day = min(day, latest)
    for start, end in _term_list(day):
        if day < start:  # in the holiday before this term
            after = school_day_on_or_after(start + timedelta(days=rng.randint(0, 14)))
            if after <= latest and rng.random() < 0.5:
                return after
            return _term_day_on_or_before(day, rng)
        if day <= end:
            after = school_day_on_or_after(day)
            return after if after <= min(end, latest) else _term_day_on_or_before(day, rng)
    return _term_day_on_or_before(day, rng)


def _term_day_on_or_before(day: date, rng: random.Random | None = None) -> date:
    """The school day on or before `day`; in a holiday, one of the last days of the term
    before (meetings bunch up at the end of term, but not all on its last day)."""
    for start, end in reversed(_term_list(day)):
        if start <= day:
            if day > end:
                day = end - timedelta(days=rng.randint(0, 9) if rng else 0)
            while school_day_on_or_after(day) != day:
                day -= timedelta(days=1)
            return max(day, start)
    raise ValueError(f"No term before {day}")


def _term_day_on_or_after(day: date) -> date:
    """The school day on or after `day` (the first day of the next term in a holiday)."""
    for start, end in _term_list(day):
        if day <= end:
            return school_day_on_or_after(max(day, start))
    raise ValueError(f"No term after {day}")
