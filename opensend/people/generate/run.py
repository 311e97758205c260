"""One run of the generator: personas first, then the plan, then every pupil, in one transaction.

Same scale and seed, same data (ids included): everything is drawn from one random.Random
seeded with the scale and the seed (so `small` and `demo` never share a stream), never the
global one. The data depend on the academic year too (ages and year groups are counted from
it); it defaults to the current one.

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
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from opensend.law.dates import academic_year_of
from opensend.organisations.demo import load_demo_people
from opensend.organisations.models import Organisation
from opensend.people.demo import CHILDREN, load_demo_children
from opensend.people.generate.pupils import Context, UpnAllocator, school_pupils
from opensend.people.generate.scales import SCALES, Plan, Scale, assign_urns, plan
from opensend.people.generate.write import (
    BulkWriter,
    Ids,
    write_calendar,
    write_organisations,
    write_pupil,
)
from opensend.people.models import Child

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
    load_demo_children(objects)
    rng = random.Random(f"{scale.name}:{seed}")
    the_plan = plan(rng, scale)
    assign_urns(
        the_plan.schools, {s.persona: objects[s.persona].urn for s in the_plan.schools if s.persona}
    )
    if Organisation.objects.filter(pk=the_plan.new_schools[0].id).exists():
        result.skipped = True
        return result
    _refuse_if_generated_before(the_plan)
    with transaction.atomic(), _large_sqlite_cache():
        writer = _write(rng, the_plan, objects, year, result, report)
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


def _write(rng, the_plan: Plan, objects: dict, year: int, result: GenerateResult, report):
    ids = Ids(the_plan, objects)
    writer = BulkWriter(the_plan.scale.batch_size, report)
    write_organisations(the_plan, ids, writer)
    write_calendar(rng, the_plan, ids, year, writer)
    writer.flush()
    ctx = _context(the_plan, year)
    for school in the_plan.schools:
        school_id = ids.school[school.key]
        for pupil in school_pupils(rng, school, ctx):
            result.provisions[write_pupil(rng, pupil, school_id, ids, writer)] += 1
    writer.finish()
    return writer


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
