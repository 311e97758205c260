"""One run of the generator: personas first, then the plan, then every pupil, in one transaction.

Same scale and seed, same data (ids included): everything is drawn from one random.Random
seeded with the scale and the seed (so `small` and `demo` never share a stream), never the
global one. The data depend on the academic year too (ages and year groups are counted from
it); it defaults to the current one. Support plans and provision maps come from a second stream
seeded the same way (so they never change the pupils drawn), and their dates are counted back
from the day of the run, kept inside that academic year, so that reviews are always in the past
and current plans fall due in the weeks ahead: the same scale, seed and day give the same plans.

Idempotent: the first new school's id is fixed by the scale and seed, so finding it means this
run already happened (all of it: the run is one transaction) and there is nothing to do. Any
other generated data (a school with one of the planned URNs) means another seed or scale was
loaded, and mixing two would duplicate the population, so the run is refused.
"""

import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from opensend.law.dates import academic_year_of
from opensend.organisations.demo import load_demo_people
from opensend.organisations.models import ClosureDay, Organisation, SchoolTerm
from opensend.people.demo import CHILDREN, ON_ROLL_FROM, STATUS_FROM, load_demo_children
from opensend.people.generate.dates import term_dates
from opensend.people.generate.ehc_cases import write_ehc_cases
from opensend.people.generate.ehc_plans import write_ehc_plans
from opensend.people.generate.interventions import school_interventions
from opensend.people.generate.meetings import meeting_subject, school_meetings
from opensend.people.generate.publishing import write_publishing
from opensend.people.generate.pupils import Context, UpnAllocator, school_pupils
from opensend.people.generate.register import NeedRow, Period
from opensend.people.generate.reviews import write_reviews
from opensend.people.generate.scales import SCALES, Plan, Scale, assign_urns, plan
from opensend.people.generate.sen2_problems import plant_sen2_problems
from opensend.people.generate.support_plans import NAMED_PLANS, Subject, support_plans
from opensend.people.generate.variation import write_variation
from opensend.people.generate.workforce import write_workforce
from opensend.people.generate.write import (
    BulkWriter,
    Ids,
    write_calendar,
    write_interventions,
    write_meetings,
    write_organisations,
    write_pupil,
    write_support_plans,
)
from opensend.people.models import Child
from opensend.support.models import SupportPlan

DEFAULT_SEED = 2026
SQLITE_CACHE_KIB = -262_144  # negative: KiB rather than pages


class GenerateRefused(Exception):
    """The generator will not run on this database; the message says why and what to do."""


@dataclass
class GenerateResult:
    scale: str
    seed: int
    academic_year: int
    skipped: bool = False
    local_authorities: int = 0
    schools: int = 0
    provisions: Counter = field(default_factory=Counter)
    rows: int = 0
    seconds: float = 0.0
    as_of: date | None = None  # the day support plans' dates are counted from

    @property
    def pupils(self) -> int:
        return sum(self.provisions.values())

    def share(self, provision: str) -> float:
        return self.provisions[provision] / self.pupils if self.pupils else 0.0


def generate(
    scale_name: str,
    *,
    seed: int = DEFAULT_SEED,
    academic_year: int | None = None,
    report: Callable[[int, float], None] | None = None,
) -> GenerateResult:
    """Load the personas and named children, then the scale's generated data (once)."""
    scale = SCALES[scale_name]
    _refuse_unsuitable_database(scale)
    year = academic_year or academic_year_of(timezone.localdate())
    started = time.perf_counter()
    result = GenerateResult(scale.name, seed, year)
    objects = load_demo_people()
    children = load_demo_children(objects)
    rng = random.Random(f"{scale.name}:{seed}")
    the_plan = plan(rng, scale)
    assign_urns(
        the_plan.schools, {s.persona: objects[s.persona].urn for s in the_plan.schools if s.persona}
    )
    if Organisation.objects.filter(pk=the_plan.new_schools[0].id).exists():
        result.skipped = True
        return result
    _refuse_if_generated_before(the_plan)
    result.as_of = _plans_as_of(year)
    support = _Support(
        random.Random(f"{scale.name}:{seed}:support"),
        result.as_of,
        children,
        random.Random(f"{scale.name}:{seed}:meetings"),  # its own stream: nothing else moves
    )
    with transaction.atomic(), _large_sqlite_cache():
        writer = _write(rng, support, the_plan, objects, year, result, report)
        # EHC needs assessment cases, on their own stream, for pupils just written.
        writer.counts.update(
            write_ehc_cases(
                random.Random(f"{scale.name}:{seed}:ehc"),
                [objects[school.persona].pk for school in the_plan.schools if school.persona],
                {child.upn for child in CHILDREN},
                scale.batch_size,
            )
        )
        # EHC plans for the cases the council decided to issue, on their own stream too.
        writer.counts.update(
            write_ehc_plans(random.Random(f"{scale.name}:{seed}:ehc-plans"), timezone.localdate())
        )
        # Reviews of every issued plan, the plans of the children on the register with one,
        # phase transfers, legacy statements and programmes (issue 9), on their own stream.
        writer.counts.update(
            write_reviews(
                random.Random(f"{scale.name}:{seed}:reviews"),
                timezone.localdate(),
                {child.upn for child in CHILDREN},
                scale.batch_size,
                [objects[school.persona].pk for school in the_plan.schools if school.persona],
            )
        )
        # Every school's staff, SENCO time, key workers, training and policies (issue 10),
        # on their own stream.
        writer.counts.update(
            write_workforce(
                random.Random(f"{scale.name}:{seed}:workforce"),
                timezone.localdate(),
                [objects[school.persona].pk for school in the_plan.schools if school.persona],
                scale.batch_size,
            )
        )
        # SEN information reports, the Local Offer and its consultations (issue 11), on their
        # own stream.
        writer.counts.update(
            write_publishing(
                random.Random(f"{scale.name}:{seed}:publishing"),
                timezone.localdate(),
                [objects[school.persona].pk for school in the_plan.schools if school.persona],
                scale.batch_size,
            )
        )
        # A few deliberate slips in the demo councils' plans for the SEN2 checks to find
        # (issue 12); chosen without drawing, so no stream moves.
        if scale.name == "demo":
            writer.counts.update(
                plant_sen2_problems([objects["north_la"].pk, objects["south_la"].pk])
            )
        # Good and bad months, schools and needs in the last 18 months' EHC work (issue 12),
        # on its own stream, after everything it varies is written (so nothing else moves).
        writer.counts.update(
            write_variation(
                random.Random(f"{scale.name}:{seed}:ehc-variation"),
                timezone.localdate(),
                {child.upn for child in CHILDREN},
                scale.batch_size,
            )
        )
    result.local_authorities = len(the_plan.las)
    result.schools = len(the_plan.schools)
    result.rows = writer.rows
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _large_sqlite_cache():
    """A 256 MB page cache while writing: SQLite's 2 MB default spills every few batches of
    the one big transaction to disk, which made large-la twice as slow."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (previous,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def _refuse_unsuitable_database(scale: Scale) -> None:
    if scale.postgresql_only and connection.vendor != "postgresql":
        raise GenerateRefused(
            f"--scale {scale.name} needs PostgreSQL: its 900,000 pupils (about 7 million rows) "
            "are too many for SQLite. Set DATABASE_URL to a PostgreSQL database and run it again."
        )


def _refuse_if_generated_before(the_plan: Plan) -> None:
    urns = [school.urn for school in the_plan.new_schools]
    la_codes = [la.la_code for la in the_plan.las if la.id is not None]
    clash = Organisation.objects.filter(Q(urn__in=urns) | Q(la_code__in=la_codes)).first()
    if clash is not None:
        raise GenerateRefused(
            f"This database already holds generated data from another seed or scale "
            f"({clash.name} exists). The generator fills a database once: to start again, "
            "run `opensend flush` and `opensend migrate`, then generate."
        )


def _plans_as_of(year: int) -> date:
    """Today, kept within the academic year's terms (a past or future year's data stand for
    its last or first school day)."""
    terms = term_dates(year)
    return min(max(timezone.localdate(), terms[0][1]), terms[-1][2])


@dataclass
class _Support:
    """What the support plans and provision maps of a run draw on."""

    rng: random.Random
    as_of: date
    children: dict  # the named demo children, keyed
    meetings: random.Random  # parent meetings (opensend.people.generate.meetings)


def _write(rng, support: _Support, the_plan: Plan, objects, year, result: GenerateResult, report):
    ids = Ids(the_plan, objects)
    writer = BulkWriter(the_plan.scale.batch_size, report)
    write_organisations(the_plan, ids, writer)
    write_calendar(rng, the_plan, ids, year, writer)
    writer.flush()
    ctx = _context(the_plan, year)
    calendars = _meeting_calendars(the_plan, ids, year)
    named = _named_plans(the_plan, support.children)
    for school in the_plan.schools:
        school_id = ids.school[school.key]
        here = named.get(school.key, [])
        must_have = tuple(dict.fromkeys(key for _, spec, _ in here for key in spec.interventions))
        interventions = school_interventions(support.rng, school, support.as_of, must_have)
        write_interventions(interventions, school_id, writer)
        # The named children first, so the groups they are meant to be in have room.
        subjects = []
        for child, spec, subject in here:
            chain = support_plans(support.rng, subject, interventions, support.as_of, spec)
            write_support_plans(chain, child.pk, school_id, writer)
            subjects.append(meeting_subject(child.pk, subject.periods, ON_ROLL_FROM))
        for pupil in school_pupils(rng, school, ctx):
            child_id = write_pupil(rng, pupil, school_id, ids, writer)
            result.provisions[pupil.periods[-1].provision] += 1
            chain = support_plans(support.rng, pupil, interventions, support.as_of)
            write_support_plans(chain, child_id, school_id, writer)
            subjects.append(meeting_subject(child_id, pupil.periods, pupil.on_roll))
        years, closed = calendars[school.key]
        meetings = school_meetings(
            support.meetings, [s for s in subjects if s], years, closed, support.as_of
        )
        write_meetings(support.meetings, meetings, school_id, writer)
    writer.finish()
    return writer


def _named_plans(the_plan: Plan, children: dict) -> dict[str, list]:
    """School key -> (child, plan spec, register history) for the named children's plans.

    A named child who already has a plan (someone started one by hand) is left alone.
    """
    if not the_plan.scale.named_plans:
        return {}
    has_plans = set(
        SupportPlan.objects.filter(child__in=children.values()).values_list("child_id", flat=True)
    )
    named: dict[str, list] = {}
    for spec in CHILDREN:
        child = children[spec.key]
        if spec.key in NAMED_PLANS and child.pk not in has_plans:
            periods = [
                Period("N", ON_ROLL_FROM, STATUS_FROM - timedelta(days=1), ""),
                Period(spec.provision, STATUS_FROM, None, ""),
            ]
            needs = [NeedRow(code, rank, STATUS_FROM, None) for code, rank in spec.needs]
            subject = Subject(spec.first_name, spec.year_group, periods, needs)
            named.setdefault(spec.school_key, []).append((child, NAMED_PLANS[spec.key], subject))
    return named


def _meeting_calendars(the_plan: Plan, ids: Ids, year: int) -> dict:
    """School key -> ([(academic year, terms)], closure days) for the parent meetings: last
    year's and this year's terms (this year's as written, a persona school's own included)."""
    school_ids = {ids.school[school.key]: school for school in the_plan.schools}
    own = {}
    for row in SchoolTerm.objects.filter(school_id__in=school_ids, academic_year=year):
        own.setdefault(row.school_id, []).append((row.name, row.start, row.end))
    closed = {}
    for school_id, day in ClosureDay.objects.filter(school_id__in=school_ids).values_list(
        "school_id", "date"
    ):
        closed.setdefault(school_id, set()).add(day)
    calendars = {}
    for school_id, school in school_ids.items():
        terms = sorted(own.get(school_id, []), key=lambda term: term[1])
        if len(terms) != 3:
            terms = term_dates(year, school.term_offset)
        years = [(year - 1, term_dates(year - 1, school.term_offset)), (year, terms)]
        calendars[school.key] = (years, closed.get(school_id, set()))
    return calendars


def _context(the_plan: Plan, year: int) -> Context:
    # UPNs already in use (the named children's, or anyone added by hand) are never reissued.
    reserved = {child.upn for child in CHILDREN}
    reserved |= set(Child.objects.exclude(upn="").values_list("upn", flat=True))
    primaries = {
        la.key: [
            s.school_number for s in the_plan.schools if s.la is la and s.kind.key == "primary"
        ]
        for la in the_plan.las
    }
    history_from = date(year - the_plan.scale.history_years, 9, 1)
    return Context(year, the_plan.las, primaries, UpnAllocator(reserved), history_from)
