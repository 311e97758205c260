"""Opening reviews (CFA 2014 s44), under-fives' interim reviews (CoP 9.178) and the next
phase transfer (reg 18)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.ehc.models import EhcPlan, PlanVersion
from opensend.ehc.selectors import school_manager_ids
from opensend.law import reviews as law
from opensend.law.dates import add_days, age_on
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment
from opensend.people.selectors import is_la_staff, la_ids
from opensend.reviews import messages
from opensend.reviews.models import (
    NextPhase,
    Review,
    ReviewKind,
    ReviewStatus,
    TransferKind,
)
from opensend.reviews.services._base import (
    _audit,
    _today,
)

# --- opening a review ---------------------------------------------------------------------


def _open_enrolment(child: Child) -> Enrolment | None:
    return (
        Enrolment.objects.filter(child=child, end__isnull=True)
        .select_related("school")
        .order_by("-start")
        .first()
    )


def current_school(child: Child) -> Organisation | None:
    enrolment = _open_enrolment(child)
    return enrolment.school if enrolment else None


def next_transfer(
    entered: NextPhase | None, enrolment: Enrolment | None, today: date
) -> law.NextTransfer | None:
    """The child's next phase transfer (reg 2 "phase", reg 18): as entered (`NextPhase`), else
    from their year group and their school's phase; None when neither tells it. Reads only
    what it is given, so a list page can pass prefetched rows."""
    if entered is not None:
        return law.transfer_dates(entered.transfer_year, law.TransferKind(entered.kind))
    if enrolment is None:
        return None
    return law.next_phase_transfer(
        year_group=enrolment.year_group, school_phase=enrolment.school.phase or "", today=today
    )


def phase_transfer_for(child: Child, today: date) -> law.NextTransfer | None:
    entered = NextPhase.objects.filter(child=child).first()
    return next_transfer(entered, None if entered else _open_enrolment(child), today)


def transfer_applies(transfer: law.NextTransfer | None, due_on: date, today: date) -> bool:
    """Reg 18(1): the transfer is this review's when the meeting that meets its deadline must
    come before this review's due date (a later one is the next review's), and the deadline has
    not passed."""
    return transfer is not None and transfer.deadline >= today and transfer.latest_meeting < due_on


def _transfer_fields(child: Child, due_on: date, today: date) -> dict:
    transfer = phase_transfer_for(child, today)
    if transfer_applies(transfer, due_on, today):
        return {
            "transfer_year": transfer.year,
            "transfer_kind": str(transfer.kind),
            "phase_transfer_deadline": transfer.deadline,
        }
    return {"transfer_year": None, "transfer_kind": "", "phase_transfer_deadline": None}


@transaction.atomic
def review_open(
    *, actor, plan: EhcPlan, due_on: date, kind=ReviewKind.ANNUAL, programme=None
) -> Review:
    """A review to arrange (status DUE), arranged by the child's current school, or by the
    council when the child is not at a school (reg 21)."""
    if (
        kind != ReviewKind.INTERIM
        and plan.reviews.filter(status__in=[s.value for s in _open_statuses()])
        .exclude(kind=ReviewKind.INTERIM)
        .exists()
    ):
        raise ValidationError("This plan already has an open review.")
    today = _today()
    review = Review.objects.create(
        child=plan.child,
        local_authority_id=plan.local_authority_id,
        plan=plan,
        school=current_school(plan.child),
        kind=kind,
        due_on=due_on,
        programme=programme,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        updated_by=actor if getattr(actor, "is_authenticated", False) else None,
        **_transfer_fields(plan.child, due_on, today),
    )
    _audit(actor, AuditEventKind.CREATED, review, review, new_values={"due_on": due_on})
    return review


def _open_statuses():
    from opensend.reviews.models import OPEN_REVIEW_STATUSES

    return OPEN_REVIEW_STATUSES


def review_on_plan_issued(*, final: PlanVersion, actor) -> None:
    """`ehc.plan_services.on_plan_issued`: when a plan is issued, either it is the amended plan
    a review asked for (reg 22(3)): that review is complete and the next one opened, 12 months
    from that review's meeting (CFA s44); or it is a first plan: its first review is due 12
    months from today (CFA s44(1))."""
    plan = final.plan
    today = final.issued_on or _today()
    amending = (
        Review.objects.select_for_update()
        .filter(plan=plan, status=ReviewStatus.AMENDING)
        .exclude(kind=ReviewKind.INTERIM)
        .first()
    )
    if amending is not None:
        Review.objects.filter(pk=amending.pk).update(
            status=ReviewStatus.COMPLETE,
            amended_version=final,
            completed_on=today,
            updated_at=timezone.now(),
        )
        amending.refresh_from_db()
        _audit(
            actor,
            AuditEventKind.UPDATED,
            amending,
            amending,
            new_values={
                "amended_version": final.number,
                "on_time": today <= _amended_due(amending),
            },
        )
        due = law.next_review_due(last=amending.held_on or today)
        nxt = review_open(actor=actor, plan=plan, due_on=due)
        messages.amended_plan_issued(review=nxt, actor=actor)
        return
    open_review = (
        plan.reviews.filter(status__in=_open_statuses()).exclude(kind=ReviewKind.INTERIM).first()
    )
    if open_review is None:
        review_open(actor=actor, plan=plan, due_on=law.next_review_due(last=today))


def _amended_due(review: Review) -> date:
    return review.amended_plan_due or date.max


# --- under-fives and phase transfers ------------------------------------------------------


@transaction.atomic
def interim_review_add(*, actor, plan: EhcPlan) -> Review:
    """CoP 9.178: for a child under 5 the council should consider a review every 3 to 6 months.
    Suggested, never forced: the council adds one when it chooses."""
    if not is_la_staff(actor, plan.local_authority_id):
        raise PermissionDenied("Only the council's SEND team can add an interim review.")
    today = _today()
    if age_on(plan.child.date_of_birth, today) >= law.UNDER_FIVE_AGE:
        raise ValidationError("Interim reviews are for children under 5 (Code of Practice 9.178).")
    if plan.reviews.filter(kind=ReviewKind.INTERIM, status__in=_open_statuses()).exists():
        raise ValidationError("This plan already has an interim review to hold.")
    last = (
        plan.reviews.filter(held_on__isnull=False)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
        or plan.versions.filter(issued_on__isnull=False)
        .order_by("issued_on")
        .values_list("issued_on", flat=True)
        .first()
        or today
    )
    window = law.interim_review_window(last_review=last, dob=plan.child.date_of_birth)
    due = window[1] if window else add_days(today, 28)
    return review_open(actor=actor, plan=plan, due_on=max(due, today), kind=ReviewKind.INTERIM)


@transaction.atomic
def next_phase_set(
    *,
    actor,
    child: Child,
    transfer_year: int,
    kind: str,
    next_school: Organisation | None = None,
    next_school_name: str = "",
    note: str = "",
) -> NextPhase:
    """The child's next phase transfer as the school or council knows it (reg 18), where the
    year group and the school's phase do not tell it. The open review takes it up."""
    schools = school_manager_ids(actor)
    at_school = Enrolment.objects.filter(
        child=child, school_id__in=schools, end__isnull=True
    ).exists()
    councils = la_ids(actor)
    own_la = (
        child.home_local_authority_id in councils
        or Review.objects.filter(child=child, local_authority_id__in=councils).exists()
    )
    if not (actor.is_superuser or at_school or own_la):
        raise PermissionDenied("Only the child's school or council can enter the next phase.")
    today = _today()
    errors = {}
    if kind not in TransferKind.values:
        errors["kind"] = "Choose the kind of move"
    if not isinstance(transfer_year, int) or not (
        today.year - 1 <= transfer_year <= today.year + 20
    ):
        errors["transfer_year"] = "Enter the year the child moves, for example 2027"
    if errors:
        raise ValidationError(errors)
    values = {
        "transfer_year": transfer_year,
        "kind": kind,
        "next_school": next_school,
        "next_school_name": (next_school.name if next_school else next_school_name.strip())[:200],
        "note": note.strip()[:300],
        "updated_by": actor,
    }
    phase, created = NextPhase.objects.update_or_create(
        child=child, defaults=values, create_defaults={**values, "created_by": actor}
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED if created else AuditEventKind.UPDATED,
        record=phase,
        subject_id=child.pk,
        new_values={"transfer_year": transfer_year, "kind": kind},
    )
    for review in Review.objects.filter(
        child=child, status__in=[ReviewStatus.DUE, ReviewStatus.ARRANGED]
    ).exclude(kind=ReviewKind.INTERIM):
        Review.objects.filter(pk=review.pk).update(
            **_transfer_fields(child, review.due_on, today), updated_at=timezone.now()
        )
    return phase
