"""Writing a plan to the database in batches, with the audit rows bulk writes owe.

DESIGN "Audit and versions": bulk writes write their own audit rows. Each generated child gets
one CREATED event by "system" (no actor) with the note "generated", bulk-inserted alongside the
child; the audit table refuses updates and deletes, not inserts. Each generated intervention and
support plan gets one too.

Support plans, their outcomes, provision and reviews, and the interventions keep the dates they
stand for in `created_at` (a plan was written on the day its cycle began): the review service
refuses a review dated before the plan was written, so a plan stamped with the day of the run
could not be reviewed on the real date of a meeting held the week before.
"""

import random
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.db import models
from django.utils import timezone

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.meetings.models import Invitee, Meeting
from opensend.organisations.models import ClosureDay, Organisation, OrganisationKind, SchoolTerm
from opensend.people.generate.areas import area_for
from opensend.people.generate.dates import closure_days, term_dates
from opensend.people.generate.interventions import InterventionPlan
from opensend.people.generate.meetings import RECORD, MeetingPlan
from opensend.people.generate.pupils import Pupil
from opensend.people.generate.scales import Plan, SchoolPlan, new_uuid
from opensend.people.generate.support_plans import CyclePlan
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus
from opensend.provision.models import Intervention
from opensend.support.models import (
    Outcome,
    OutcomeReview,
    PlanReview,
    SupportPlan,
    SupportProvision,
)

DEMO_DOMAIN = "opensend.example"
GENERATED_NOTE = "generated"
REPORT_EVERY_SECONDS = 5

# Parents before children, so each batch's foreign keys point at rows already written.
WRITE_ORDER = (
    Organisation,
    SchoolTerm,
    ClosureDay,
    Child,
    Enrolment,
    SenStatus,
    Need,
    ParentLink,
    Intervention,
    SupportPlan,
    Outcome,
    SupportProvision,
    PlanReview,
    OutcomeReview,
    Meeting,
    Invitee,
    AuditEvent,
)
# Rows written with the timestamps they stand for, not the time of the run (see above).
DATED_MODELS = frozenset(
    {Intervention, SupportPlan, Outcome, SupportProvision, PlanReview, OutcomeReview}
)
# Plans start at the end of the school day, just after the review that closed the last cycle.
WRITTEN_AT, REVIEWED_AT = (16, 15), (16, 0)
_THREE_WEEKS, _TWO_DAYS = timedelta(weeks=3), timedelta(days=2)
# Each service step moves a plan's version on: started 1, agreed 2, reviewed 3.
PLAN_VERSIONS = {"draft": 1, "active": 2, "reviewed": 3}


class BulkWriter:
    """Buffers new rows and writes them with bulk_create once enough children are waiting."""

    def __init__(self, batch_size: int, report: Callable[[int, float], None] | None = None):
        self.batch_size = batch_size
        self.report = report
        self.buffers: dict[type[models.Model], list[models.Model]] = {m: [] for m in WRITE_ORDER}
        self.counts: Counter = Counter()
        self.started = time.perf_counter()
        self.last_report = 0.0

    def add(self, row: models.Model) -> None:
        self.buffers[type(row)].append(row)

    def child_done(self) -> None:
        if len(self.buffers[Child]) >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for model in WRITE_ORDER:
            rows = self.buffers[model]
            if rows:
                with _given_timestamps(model):
                    model.objects.bulk_create(rows, batch_size=self.batch_size)
                self.counts[model._meta.label_lower] += len(rows)
                self.buffers[model] = []
        self._report()

    def _report(self, *, final: bool = False) -> None:
        # A line every few seconds is enough to see progress and the rate without a flood.
        elapsed = time.perf_counter() - self.started
        if self.report and (final or elapsed - self.last_report >= REPORT_EVERY_SECONDS):
            self.report(self.rows, elapsed)
            self.last_report = elapsed

    def finish(self) -> None:
        self.flush()
        self._report(final=True)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


@contextmanager
def _given_timestamps(model: type[models.Model]):
    """Let bulk_create keep the created_at and updated_at set on dated rows.

    auto_now and auto_now_add overwrite any given value on insert; the generator is the one
    writer that knows better, so they are switched off for its own insert and back on after.
    """
    if model not in DATED_MODELS:
        yield
        return
    fields = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@lru_cache(maxsize=4096)
def _at(day: date, hour_minute: tuple[int, int]) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, *hour_minute))


class Ids:
    """Database ids of the plan's LAs and schools (existing ones for the demo's personas)."""

    def __init__(self, plan: Plan, objects: dict):
        self.la = {la.key: la.id or objects[la.persona].pk for la in plan.las}
        self.school = {s.key: s.id or objects[s.persona].pk for s in plan.schools}


def write_organisations(plan: Plan, ids: Ids, writer: BulkWriter) -> None:
    """New LAs and schools; persona schools get the phase and type the plan gives them."""
    for la in plan.las:
        if la.id is not None:
            writer.add(
                Organisation(
                    id=la.id,
                    kind=OrganisationKind.LOCAL_AUTHORITY,
                    name=la.name,
                    la_code=la.la_code,
                    email=f"send@{la.la_code}.{DEMO_DOMAIN}",
                )
            )
    la_index = {la.key: i for i, la in enumerate(plan.las)}
    in_la: dict[str, int] = {}  # schools of each council so far: its next school's place
    for index, school in enumerate(plan.schools):
        place = in_la[school.la.key] = in_la.get(school.la.key, -1) + 1
        area = area_for(la_index[school.la.key], place)
        if school.id is None:
            _fill_persona_school(school, ids, area)
            continue
        writer.add(
            Organisation(
                id=school.id,
                kind=OrganisationKind.SCHOOL,
                name=school.name,
                urn=school.urn,
                local_authority_id=ids.la[school.la.key],
                phase=school.kind.phase,
                establishment_type=school.establishment_type,
                area=area,
                email=f"office@{school.urn}.{DEMO_DOMAIN}",
                # Ofcom keeps 01632 960000 to 960999 for drama: never a real number.
                telephone=f"01632 960{index % 1000:03d}",
            )
        )


def _fill_persona_school(school: SchoolPlan, ids: Ids, area: str) -> None:
    # Only blanks are filled: whoever set a persona school's phase knew better than the plan.
    Organisation.objects.filter(pk=ids.school[school.key], phase="").update(phase=school.kind.phase)
    Organisation.objects.filter(pk=ids.school[school.key], establishment_type="").update(
        establishment_type=school.establishment_type
    )
    Organisation.objects.filter(pk=ids.school[school.key], area="").update(area=area)


def write_calendar(rng: random.Random, plan: Plan, ids: Ids, year: int, writer: BulkWriter) -> None:
    """This academic year's three terms and two closure days for every school of the plan.

    A persona school may already have some (entered through the pages): those are kept.
    """
    school_ids = list(ids.school.values())
    terms_there = set(
        SchoolTerm.objects.filter(school_id__in=school_ids, academic_year=year).values_list(
            "school_id", "name"
        )
    )
    closures_there = set(
        ClosureDay.objects.filter(school_id__in=school_ids).values_list("school_id", "date")
    )
    for school in plan.schools:
        school_id = ids.school[school.key]
        terms = term_dates(year, school.term_offset)
        for name, start, end in terms:
            row_id = new_uuid(rng)
            if (school_id, name) not in terms_there:
                writer.add(
                    SchoolTerm(
                        id=row_id,
                        school_id=school_id,
                        academic_year=year,
                        name=name,
                        start=start,
                        end=end,
                    )
                )
        for day, reason in closure_days(rng, terms):
            row_id = new_uuid(rng)
            if (school_id, day) not in closures_there:
                writer.add(ClosureDay(id=row_id, school_id=school_id, date=day, reason=reason))


def write_pupil(rng: random.Random, pupil: Pupil, school_id, ids: Ids, writer: BulkWriter):
    """The child and everything about them, plus their audit row; returns the child's id."""
    child_id = new_uuid(rng)
    writer.add(
        Child(
            id=child_id,
            upn=pupil.upn,
            first_name=pupil.first_name,
            last_name=pupil.last_name,
            date_of_birth=pupil.date_of_birth,
            home_local_authority_id=ids.la[pupil.home_la.key],
        )
    )
    writer.add(
        Enrolment(
            id=new_uuid(rng),
            child_id=child_id,
            school_id=school_id,
            year_group=pupil.year_group,
            start=pupil.on_roll,
        )
    )
    for period in pupil.periods:
        writer.add(
            SenStatus(
                id=new_uuid(rng),
                child_id=child_id,
                provision=period.provision,
                start=period.start,
                end=period.end,
                school_id=school_id,
                reason=period.reason,
            )
        )
    for need in pupil.needs:
        writer.add(
            Need(
                id=new_uuid(rng),
                child_id=child_id,
                code=need.code,
                rank=need.rank,
                start=need.start,
                end=need.end,
            )
        )
    for carer in pupil.carers:
        writer.add(ParentLink(id=new_uuid(rng), child_id=child_id, **asdict(carer)))
    provision = pupil.periods[-1].provision
    writer.add(_audit_row(child_id, school_id, pupil.year_group, provision))
    writer.child_done()
    return child_id


def write_interventions(
    interventions: list[InterventionPlan], school_id, writer: BulkWriter
) -> None:
    """A school's provision map, each intervention with its audit row."""
    for iv in interventions:
        writer.add(
            Intervention(
                id=iv.id,
                school_id=school_id,
                name=iv.name,
                description=iv.description,
                delivery=iv.delivery,
                staff=iv.staff,
                hours_per_week=iv.hours_per_week,
                hourly_cost=iv.hourly_cost,
                other_costs_per_term=iv.other_costs_per_term,
                max_pupils=iv.max_pupils,
                start=iv.start,
                created_at=_at(iv.start, WRITTEN_AT),
                updated_at=_at(iv.start, WRITTEN_AT),
            )
        )
        writer.add(
            generated_event(
                Intervention, iv.id, None, school_id, {"name": iv.name, "start": str(iv.start)}
            )
        )


def write_support_plans(plans: list[CyclePlan], child_id, school_id, writer: BulkWriter) -> None:
    """A pupil's chain of support plans, oldest cycle first, with one audit row per plan."""
    for plan in plans:
        written = _at(plan.written, WRITTEN_AT)
        changed = _at(plan.review.review_date, REVIEWED_AT) if plan.review else written
        writer.add(
            SupportPlan(
                id=plan.id,
                child_id=child_id,
                school_id=school_id,
                status=plan.status,
                cycle=plan.cycle,
                previous_id=plan.previous_id,
                review_due=plan.review_due,
                created_at=written,
                updated_at=changed,
                version=PLAN_VERSIONS[plan.status],
                **plan.fields,
            )
        )
        for outcome in plan.outcomes:
            writer.add(
                Outcome(
                    id=outcome.id,
                    plan_id=plan.id,
                    order=outcome.order,
                    description=outcome.description,
                    success_criteria=outcome.success_criteria,
                    carried_from_id=outcome.carried_from,
                    created_at=written,
                    updated_at=written,
                )
            )
        for line in plan.provisions:
            writer.add(
                SupportProvision(
                    id=line.id,
                    plan_id=plan.id,
                    outcome_id=line.outcome_id,
                    intervention_id=line.intervention_id,
                    what=line.what,
                    who=line.who,
                    frequency=line.frequency,
                    start=line.start,
                    end=line.end,
                    created_at=written,
                    updated_at=written,
                )
            )
        if plan.review is not None:
            _write_review(plan, changed, writer)
        new_values = {
            "cycle": plan.cycle,
            "status": plan.status,
            "review_due": str(plan.review_due),
        }
        writer.add(generated_event(SupportPlan, plan.id, child_id, school_id, new_values))


def _write_review(plan: CyclePlan, at: datetime, writer: BulkWriter) -> None:
    review = plan.review
    writer.add(
        PlanReview(
            id=review.id,
            plan_id=plan.id,
            review_date=review.review_date,
            summary=review.summary,
            parent_contributed=review.parent_contributed,
            pupil_contributed=review.pupil_contributed,
            next_step=review.next_step,
            created_at=at,
            updated_at=at,
        )
    )
    for outcome in plan.outcomes:
        writer.add(
            OutcomeReview(
                id=outcome.review_id,
                plan_review_id=review.id,
                outcome_id=outcome.id,
                progress=outcome.progress,
                notes=outcome.notes,
                created_at=at,
                updated_at=at,
            )
        )


def generated_event(model, record_id, subject_id, organisation_id, new_values) -> AuditEvent:
    return AuditEvent(
        actor=None,
        actor_label="system",
        kind=AuditEventKind.CREATED,
        record_type=model._meta.label_lower,
        record_id=str(record_id),
        subject_id=subject_id,
        organisation_id=organisation_id,
        note=GENERATED_NOTE,
        new_values=new_values,
    )


def _audit_row(child_id, school_id, year_group: str, provision: str) -> AuditEvent:
    return AuditEvent(
        actor=None,
        actor_label="system",
        kind=AuditEventKind.CREATED,
        record_type=Child._meta.label_lower,
        record_id=str(child_id),
        subject_id=child_id,
        organisation_id=school_id,
        note=GENERATED_NOTE,
        new_values={"school": str(school_id), "year_group": year_group, "provision": provision},
    )


# Meetings start after school, or mid-afternoon for a group in the school day.
MEETING_TIMES = {"after_school": (15, 30), "school_day": (14, 0)}


def write_meetings(
    rng: random.Random, plans: list[MeetingPlan], school_id, writer: BulkWriter
) -> None:
    """A school's parent meetings and each family's place, with one audit row per meeting."""
    for plan in plans:
        meeting_id = new_uuid(rng)
        starts_at = _at(plan.day, MEETING_TIMES[plan.slot])
        held = plan.status == "held"
        writer.add(
            Meeting(
                id=meeting_id,
                school_id=school_id,
                academic_year=plan.academic_year,
                term=plan.term,
                kind=plan.kind,
                slot=plan.slot,
                starts_at=starts_at,
                duration_minutes=60 if plan.kind == "group" else 30,
                location="Group room" if plan.kind == "group" else "SENCO's office",
                status=plan.status,
                recorded_at=starts_at if held else None,
                **(RECORD if held else {}),
            )
        )
        invited = None if plan.status == "proposed" else _at(plan.day, (9, 0)) - _THREE_WEEKS
        for place in plan.places:
            answered = place.response != "pending"
            writer.add(
                Invitee(
                    id=new_uuid(rng),
                    meeting_id=meeting_id,
                    child_id=place.child_id,
                    response=place.response,
                    preferred_times=place.preferred_times,
                    responded_at=invited + _TWO_DAYS if invited and answered else None,
                    invited_at=invited,
                    attended=place.attended if held else None,
                    family_views=place.family_views,
                )
            )
        subject_id = plan.places[0].child_id if plan.kind == "individual" else None
        writer.add(
            generated_event(
                Meeting,
                meeting_id,
                subject_id,
                school_id,
                {"term": plan.term, "kind": plan.kind, "status": plan.status},
            )
        )
