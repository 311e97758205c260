"""Reads for key working: caseloads, who may be chosen, and the pupils who may need one.

Statutory guidance on key working for disabled children and young people (the seed,
"Key workers"): "there should be no automatic assumption that SENCOs or other school staff will
take lead responsibility for these arrangements, including taking on the role of key worker";
"The allocation of key worker ... should be determined by an objective assessment of the needs
of the disabled child or young person and how these needs can best be provided for. The key
worker should be given adequate time to discharge their role." So each worker's time is a
capacity (StaffMember.key_worker_hours) that allocations use up, and the SENCO is listed last.

Every read here runs a fixed number of queries whatever the number of staff or pupils.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    BooleanField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.workforce.models import (
    Job,
    KeyWorkerAllocation,
    KeyWorkerAssessment,
    SencoAppointment,
    StaffMember,
)
from opensend.workforce.selectors._access import manager_school_ids, reader_school_ids

ZERO = Decimal("0")
HOURS_SUM = DecimalField(max_digits=7, decimal_places=2)
# Pupils shown for one search of the roll: enough to find a name, few enough to read.
SEARCH_LIMIT = 20


# --- capacity ------------------------------------------------------------------------------------


def _current(day) -> Q:
    """Staff still at the school on `day` (left_on is their last day or later)."""
    return Q(left_on__isnull=True) | Q(left_on__gt=day)


def _open_allocations(**filters) -> QuerySet[KeyWorkerAllocation]:
    return KeyWorkerAllocation.objects.filter(ended_on__isnull=True, **filters)


def _allocated_hours(exclude_child=None):
    """Hours a week a worker gives to their current allocations (0 when none). The child being
    re-allocated is left out: choosing again ends that child's current allocation, so its hours
    are free for whoever is chosen next."""
    allocations = _open_allocations(worker=OuterRef("pk"))
    if exclude_child is not None:
        allocations = allocations.exclude(child=exclude_child)
    total = (
        allocations.order_by()
        .values("worker")
        .annotate(total=Sum("hours_per_week"))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=HOURS_SUM), Value(ZERO), output_field=HOURS_SUM)


def _is_senco() -> Q:
    """The SENCO: their job on the staff list, or an open SENCO appointment (reg 49)."""
    return Q(job=Job.SENCO) | Q(
        Exists(SencoAppointment.objects.filter(staff=OuterRef("pk"), ended_on__isnull=True))
    )


def is_senco(worker: StaffMember) -> bool:
    return StaffMember.objects.filter(_is_senco(), pk=worker.pk).exists()


def remaining_hours(worker: StaffMember, *, child=None) -> Decimal:
    """The key-worker time this person has left a week (their capacity less their current
    allocations, not counting `child`'s own, which a new choice ends)."""
    allocated = (
        StaffMember.objects.filter(pk=worker.pk)
        .annotate(allocated=_allocated_hours(exclude_child=child))
        .values_list("allocated", flat=True)
        .get()
    )
    return worker.key_worker_hours - Decimal(allocated)


# --- caseloads -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Caseload:
    worker: StaffMember
    children: int
    hours_allocated: Decimal
    capacity: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.capacity - self.hours_allocated

    @property
    def at_capacity(self) -> bool:
        return self.remaining <= 0

    @property
    def over_capacity(self) -> bool:
        return self.remaining < 0

    @property
    def has_left(self) -> bool:
        return self.worker.left_on is not None and self.worker.left_on <= timezone.localdate()


def key_worker_caseloads(school: Organisation) -> list[Caseload]:
    """Each key worker's caseload: staff still at the school with key-worker time, and anyone
    (even someone who has left or whose time was taken away) still holding an allocation, so
    the page shows who needs a new key worker. One query."""
    open_here = Q(key_work__ended_on__isnull=True, key_work__school=school)
    workers = (
        StaffMember.objects.filter(school=school)
        .annotate(
            children=Count("key_work", filter=open_here),
            allocated=Coalesce(
                Sum("key_work__hours_per_week", filter=open_here),
                Value(ZERO),
                output_field=HOURS_SUM,
            ),
        )
        .filter(Q(children__gt=0) | (Q(key_worker_hours__gt=0) & _current(timezone.localdate())))
        .order_by("full_name")
    )
    return [
        Caseload(
            worker=worker,
            children=worker.children,
            hours_allocated=Decimal(worker.allocated),
            capacity=worker.key_worker_hours,
        )
        for worker in workers
    ]


def staff_without_key_worker_time(school: Organisation) -> QuerySet[StaffMember]:
    """Current staff with no key-worker hours: they could be given some on the staff list."""
    return (
        StaffMember.objects.filter(
            _current(timezone.localdate()), school=school, key_worker_hours=0
        )
        .exclude(Exists(_open_allocations(worker=OuterRef("pk"))))
        .order_by("full_name")
    )


def key_worker_allocations(school: Organisation) -> QuerySet[KeyWorkerAllocation]:
    """The school's pupils with a key worker now (one current allocation each)."""
    return (
        _open_allocations(school=school)
        .select_related("child", "worker")
        .order_by("child__last_name", "child__first_name")
    )


# --- pupils who may need a key worker -------------------------------------------------------------


def _on_roll(school: Organisation) -> QuerySet[Child]:
    return Child.objects.filter(
        Exists(Enrolment.objects.filter(child=OuterRef("pk"), school=school, end__isnull=True))
    )


def _without_key_worker(children: QuerySet[Child], school: Organisation) -> QuerySet[Child]:
    """Pupils with no current key worker here, with their latest assessment's id and date so a
    pupil already assessed goes straight to choosing."""
    latest = KeyWorkerAssessment.objects.filter(child=OuterRef("pk"), school=school).order_by(
        "-assessed_on", "-created_at"
    )
    return (
        children.exclude(Exists(_open_allocations(child=OuterRef("pk"), school=school)))
        .annotate(
            latest_assessment_id=Subquery(latest.values("pk")[:1]),
            latest_assessed_on=Subquery(latest.values("assessed_on")[:1]),
        )
        .order_by("last_name", "first_name")
    )


def children_for_key_work(school: Organisation) -> QuerySet[Child]:
    """Pupils on roll with an EHC plan and no current key worker: a plan means support from
    education, health and care is most likely to need co-ordinating."""
    with_plan = _on_roll(school).filter(
        Exists(
            SenStatus.objects.filter(
                child=OuterRef("pk"), end__isnull=True, provision=Provision.EHC_PLAN
            )
        )
    )
    return _without_key_worker(with_plan, school)


def search_roll(school: Organisation, query: str) -> list[Child]:
    """Any pupil on roll whose name (or UPN) contains what was typed, for a pupil without a
    plan whose support still needs co-ordinating."""
    words = query.split()
    if not words:
        return []
    children = _on_roll(school)
    for word in words[:4]:
        children = children.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(upn__iexact=word)
        )
    return list(_without_key_worker(children, school)[:SEARCH_LIMIT])


def get_child_on_roll_for(user, school: Organisation, child_id) -> Child:
    """A pupil on roll at the school, for its SENCO or head (the caller has checked the
    school); 404 otherwise. Reading the child's record is audited."""
    return get_audited(_on_roll(school), child_id, user=user, subject_id=lambda child: child.pk)


def latest_assessment(school: Organisation, child: Child) -> KeyWorkerAssessment | None:
    return (
        KeyWorkerAssessment.objects.filter(school=school, child=child)
        .order_by("-assessed_on", "-created_at")
        .first()
    )


def current_allocation(school: Organisation, child: Child) -> KeyWorkerAllocation | None:
    return _open_allocations(school=school, child=child).select_related("worker").first()


# --- choosing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    worker: StaffMember
    remaining: Decimal
    is_senco: bool

    @property
    def has_time(self) -> bool:
        return self.remaining > 0


def candidates_for(assessment: KeyWorkerAssessment) -> list[Candidate]:
    """Who may be chosen: current staff with key-worker time, most time left first, and the
    SENCO last whatever their time (guidance: "no automatic assumption that SENCOs ... will
    take lead responsibility"). Nobody is pre-selected; that is the page's job not to do."""
    workers = (
        StaffMember.objects.filter(
            _current(timezone.localdate()), school_id=assessment.school_id, key_worker_hours__gt=0
        )
        .annotate(
            allocated=_allocated_hours(exclude_child=assessment.child_id),
            senco=ExpressionWrapper(_is_senco(), output_field=BooleanField()),
        )
        .order_by("full_name")
    )
    candidates = [
        Candidate(
            worker=worker,
            remaining=worker.key_worker_hours - Decimal(worker.allocated),
            is_senco=worker.senco,
        )
        for worker in workers
    ]
    return sorted(candidates, key=lambda c: (c.is_senco, -c.remaining, c.worker.full_name))


# --- one record ----------------------------------------------------------------------------------


def _get_for(queryset: QuerySet, user, record_id, *, manage: bool):
    """A record of a school the person may read, else 404; a governor asking for a page that
    names a child or changes something gets 403 (they read aggregates only)."""
    try:
        record = queryset.get(pk=record_id, school_id__in=reader_school_ids(user))
    except (queryset.model.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("Not found.") from error
    if manage and record.school_id not in manager_school_ids(user):
        raise PermissionDenied("Only the school's SENCO or head can do this.")
    return record


def get_assessment_for(user, assessment_id, *, manage: bool = True) -> KeyWorkerAssessment:
    """An assessment, for its school's SENCO or head; the view of a named child is audited
    (DESIGN "Who sees what"), after the permission checks so a refusal writes nothing."""
    assessment = _get_for(
        KeyWorkerAssessment.objects.select_related("child", "school"),
        user,
        assessment_id,
        manage=manage,
    )
    audit_record(
        actor=user,
        kind=AuditEventKind.VIEWED,
        record=assessment,
        subject_id=assessment.child_id,
        organisation_id=assessment.school_id,
    )
    return assessment


def get_allocation_for(user, allocation_id, *, manage: bool = True) -> KeyWorkerAllocation:
    return _get_for(
        KeyWorkerAllocation.objects.select_related("child", "worker", "school"),
        user,
        allocation_id,
        manage=manage,
    )
