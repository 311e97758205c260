"""Managed review programmes: the council's plan of many reviews over months (issue 9 item 4).

The seed's statement-to-EHC-plan transfer (SI 2014/2270 Part 5; the DfE's transition guidance,
August 2014, revised September 2015: a managed, phased transfer, no school swamped, no demand to
transfer everyone at once) and today's backlogs of overdue annual reviews (CFA s44(1): every
plan reviewed within 12 months; overdue reviews are the Ombudsman's most upheld complaint) are
the same problem: many reviews, a deadline, a council with so many caseworkers and schools that
can hold so many meetings a month. `opensend.law.transfer.plan_transfers` gives each child a
month, children changing phase first (SI 2014/2270 art. 14(2)-(4); SEND Regulations 2014 reg 18:
15 February, 31 March for post-16), no school over its monthly limit, levelled across the months.

The services (`programme_propose`, `programme_revise`, `programme_accept`) are for the council's
SEND team only; the selectors read only what the user may see. Accepting is one action: it
schedules every review and tells each school its own months and counts (never a child's name in
a subject), well ahead of the first month.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.ehc.messages import BODY, Recipient, send
from opensend.law.dates import add_months
from opensend.law.transfer import (
    PhaseTransfer,
    Statement,
    first_month_start,
    phase_transfer_date,
    plan_transfers,
    review_weeks_for,
    statement_due,
)
from opensend.organisations.models import Membership, Organisation, Role
from opensend.people.selectors import is_la_staff
from opensend.reviews.models import (
    OPEN_REVIEW_STATUSES,
    LegacyStatement,
    ProgrammeItem,
    ProgrammePurpose,
    ProgrammeStatus,
    Review,
    ReviewKind,
    ReviewStatus,
    StatementStatus,
    TransferProgramme,
)
from opensend.reviews.services import current_school, phase_transfer_for

# A backlog review: its meeting any day of its month (a month is at most 31 days, so 5 weeks)
# and then, at worst, an amended plan within 12 weeks of the meeting (reg 22(3); R (L, M and P)
# v Devon CC 2022). Not a statutory total: the planner's "review weeks" for a backlog.
BACKLOG_REVIEW_WEEKS = 5 + 12
# Not statutory: schools are told of their months at acceptance; the page warns when the first
# month is less than this far away (the DfE's transition guidance asked for notice well ahead).
WELL_AHEAD_WEEKS = 4

SCHOOL_PROGRAMME = "reviews_programme_school"
register_message_kind(
    SCHOOL_PROGRAMME,
    MessageKind(
        subject="The council has scheduled reviews at your school",
        body_template=BODY,
    ),
)

NO_SCHOOL = "none"  # a child not at a school (reg 21): the council arranges, no school limit


def _today() -> date:
    return timezone.localdate()


def default_review_weeks(purpose: str, start: date) -> int:
    """The weeks from a review's start to its final plan: a statement transfer is an EHC needs
    assessment with 2 weeks' notice (20 weeks from 1 September 2015, 16 before:
    `law.transfer.review_weeks_for`); a backlog review is `BACKLOG_REVIEW_WEEKS`."""
    if purpose == ProgrammePurpose.STATEMENTS:
        first = first_month_start(start) or start
        return review_weeks_for(first)
    return BACKLOG_REVIEW_WEEKS


def month_end(month: date) -> date:
    """The last day of the month `month` falls in: the day by which its review is held."""
    return add_months(month.replace(day=1), 1) - timedelta(days=1)


def _require_la_staff(actor, local_authority_id) -> None:
    if not is_la_staff(actor, local_authority_id):
        raise PermissionDenied("Only the council's SEND team can plan a review programme.")


def _audit(actor, kind, record, programme: TransferProgramme, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        organisation_id=programme.local_authority_id,
        **extra,
    )


# --- the cohort -----------------------------------------------------------------------------


def phase_transfer_of(child, today: date) -> PhaseTransfer | None:
    """The child's next phase transfer (`services.phase_transfer_for`: entered, else from the
    year group and the school's phase; reg 18) in the terms `law.transfer` schedules by."""
    found = phase_transfer_for(child, today)
    if found is None:
        return None
    return PhaseTransfer(year=found.year, kind=str(found.kind))


def _phase_transfer_before(child, deadline: date, today: date) -> PhaseTransfer | None:
    """The child's phase transfer if its date falls before the programme's deadline (so it
    makes the review due earlier), else None."""
    transfer = phase_transfer_of(child, today)
    if transfer is None or phase_transfer_date(transfer) > deadline:
        return None
    return transfer


def _cohort(
    local_authority, purpose: str, deadline: date, today: date, include_upcoming: bool, children
) -> list[ProgrammeItem]:
    """Unsaved items: every statement in force not yet transferring, or every annual review not
    yet arranged that is overdue (and, if asked, due before the deadline)."""
    only = None if children is None else {getattr(c, "pk", c) for c in children}
    items = []
    if purpose == ProgrammePurpose.STATEMENTS:
        statements = (
            LegacyStatement.objects.filter(
                local_authority=local_authority, status=StatementStatus.IN_FORCE
            )
            .exclude(reviews__status__in=OPEN_REVIEW_STATUSES)
            .select_related("child", "school")
            .distinct()
        )
        for statement in statements:
            if only is not None and statement.child_id not in only:
                continue
            items.append(
                ProgrammeItem(
                    child=statement.child,
                    school=statement.school or current_school(statement.child),
                    statement=statement,
                )
            )
    else:
        # CFA s44(1): the review is overdue once its due date has passed. A review whose
        # meeting is already arranged keeps its date: the programme does not move it.
        reviews = Review.objects.filter(
            local_authority=local_authority,
            kind=ReviewKind.ANNUAL,
            status=ReviewStatus.DUE,
            plan__isnull=False,
        ).select_related("child", "school")
        if include_upcoming:
            reviews = reviews.filter(due_on__lt=deadline)
        else:
            reviews = reviews.filter(due_on__lt=today)
        for review in reviews:
            if only is not None and review.child_id not in only:
                continue
            items.append(
                ProgrammeItem(
                    child=review.child,
                    school=review.school or current_school(review.child),
                    plan_id=review.plan_id,
                )
            )
    for item in items:
        transfer = _phase_transfer_before(item.child, deadline, today)
        item.transfer_year = transfer.year if transfer else None
        item.transfer_kind = transfer.kind if transfer else ""
    return items


# --- scheduling -----------------------------------------------------------------------------


def _plan(programme: TransferProgramme, items: list[ProgrammeItem]):
    statements = [
        Statement(
            id=index,
            school=str(item.school_id) if item.school_id else f"{NO_SCHOOL}:{item.child_id}",
            phase_transfer=(
                PhaseTransfer(year=item.transfer_year, kind=item.transfer_kind)
                if item.transfer_year
                else None
            ),
        )
        for index, item in enumerate(items)
    ]
    arguments = {
        "start": programme.start,
        "deadline": programme.deadline,
        "monthly_capacity": programme.monthly_capacity,
        "max_per_school_per_month": programme.per_school_limit,
        "review_weeks": programme.review_weeks,
        "statements": statements,
        # Levelled across the months rather than packed early (issue 9 item 4).
        "level": True,
    }
    return plan_transfers(**arguments)


def _schedule(programme: TransferProgramme, items: list[ProgrammeItem]) -> None:
    """Run the planner and write each item's month and finish-by date, and the verdict."""
    result = _plan(programme, items)
    by_index = {review.id: review for review in result.schedule}
    for index, item in enumerate(items):
        transfer = (
            PhaseTransfer(year=item.transfer_year, kind=item.transfer_kind)
            if item.transfer_year
            else None
        )
        item.due = statement_due(programme.deadline, transfer)
        scheduled = by_index.get(index)
        item.month = scheduled.start if scheduled else None
        item.finish_by = scheduled.final_plan_due if scheduled else None
    programme.feasible = result.feasible
    programme.capacity_needed = result.monthly_capacity_needed


def _check(
    *, purpose, start, deadline, monthly_capacity, per_school_limit, review_weeks, today
) -> None:
    errors = {}
    if purpose not in ProgrammePurpose.values:
        errors["purpose"] = "Choose what the programme is for"
    if start < today:
        errors["start"] = "The programme must start today or later"
    if deadline <= start:
        errors["deadline"] = "The deadline must be after the start"
    if monthly_capacity < 1:
        errors["monthly_capacity"] = "The council must be able to hold at least 1 review a month"
    if per_school_limit < 1:
        errors["per_school_limit"] = "Each school must be able to hold at least 1 review a month"
    if review_weeks is not None and not 1 <= review_weeks <= 52:
        errors["review_weeks"] = "Review weeks must be between 1 and 52"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def programme_propose(
    *,
    actor,
    local_authority: Organisation,
    name: str,
    purpose: str,
    start: date,
    deadline: date,
    monthly_capacity: int,
    per_school_limit: int,
    review_weeks: int | None = None,
    children: Iterable | None = None,
    include_upcoming: bool = False,
) -> TransferProgramme:
    """Pick the cohort, schedule it month by month, and store the proposal (not yet accepted).

    `children` narrows the cohort to those children (or ids); `include_upcoming` adds, to a
    backlog, the reviews falling due before the deadline. `review_weeks` defaults to
    `default_review_weeks`.
    """
    _require_la_staff(actor, local_authority.pk)
    today = _today()
    _check(
        purpose=purpose,
        start=start,
        deadline=deadline,
        monthly_capacity=monthly_capacity,
        per_school_limit=per_school_limit,
        review_weeks=review_weeks,
        today=today,
    )
    if not name.strip():
        raise ValidationError({"name": "Give the programme a name"})
    items = _cohort(local_authority, purpose, deadline, today, include_upcoming, children)
    if not items:
        raise ValidationError(
            "There is nobody to schedule: no statements in force waiting for a transfer review"
            if purpose == ProgrammePurpose.STATEMENTS
            else "There is nobody to schedule: no overdue annual reviews waiting to be arranged"
        )
    programme = TransferProgramme(
        local_authority=local_authority,
        name=name.strip(),
        purpose=purpose,
        start=start,
        deadline=deadline,
        monthly_capacity=monthly_capacity,
        per_school_limit=per_school_limit,
        review_weeks=review_weeks or default_review_weeks(purpose, start),
        created_by=actor,
        updated_by=actor,
    )
    _schedule(programme, items)
    programme.save()
    for item in items:
        item.programme = programme
        item.created_by = actor
        item.updated_by = actor
    ProgrammeItem.objects.bulk_create(items)
    _audit(
        actor,
        AuditEventKind.CREATED,
        programme,
        programme,
        new_values={
            "purpose": purpose,
            "children": len(items),
            "feasible": programme.feasible,
            "capacity_needed": programme.capacity_needed,
        },
    )
    return programme


def _require_proposed(programme: TransferProgramme) -> None:
    if programme.status != ProgrammeStatus.PROPOSED:
        raise ValidationError(
            f"This programme is {programme.get_status_display().lower()}: it cannot change."
        )


@transaction.atomic
def programme_revise(
    *,
    actor,
    programme: TransferProgramme,
    start: date | None = None,
    deadline: date | None = None,
    monthly_capacity: int | None = None,
    per_school_limit: int | None = None,
    review_weeks: int | None = None,
) -> TransferProgramme:
    """Change the limits of a proposed programme and schedule the same children again."""
    _require_la_staff(actor, programme.local_authority_id)
    programme = TransferProgramme.objects.select_for_update().get(pk=programme.pk)
    _require_proposed(programme)
    old = {
        "start": programme.start,
        "deadline": programme.deadline,
        "monthly_capacity": programme.monthly_capacity,
        "per_school_limit": programme.per_school_limit,
        "review_weeks": programme.review_weeks,
    }
    new = {
        "start": start if start is not None else programme.start,
        "deadline": deadline if deadline is not None else programme.deadline,
        "monthly_capacity": (
            monthly_capacity if monthly_capacity is not None else programme.monthly_capacity
        ),
        "per_school_limit": (
            per_school_limit if per_school_limit is not None else programme.per_school_limit
        ),
        "review_weeks": review_weeks if review_weeks is not None else programme.review_weeks,
    }
    _check(purpose=programme.purpose, today=_today(), **new)
    for key, value in new.items():
        setattr(programme, key, value)
    items = list(programme.items.select_related("child").order_by("created_at"))
    today = _today()
    for item in items:
        # A later deadline may bring a phase transfer into the programme's span, or take it out.
        transfer = _phase_transfer_before(item.child, programme.deadline, today)
        item.transfer_year = transfer.year if transfer else None
        item.transfer_kind = transfer.kind if transfer else ""
    _schedule(programme, items)
    programme.updated_by = actor
    programme.save()
    ProgrammeItem.objects.bulk_update(
        items, ["due", "month", "finish_by", "transfer_year", "transfer_kind"]
    )
    _audit(
        actor,
        AuditEventKind.UPDATED,
        programme,
        programme,
        old_values=old,
        new_values={**new, "feasible": programme.feasible},
    )
    return programme


@transaction.atomic
def programme_accept(*, actor, programme: TransferProgramme) -> TransferProgramme:
    """ONE action: schedule every review in its month and tell each school its own dates.

    A backlog review keeps its record: it joins the programme and is due by the end of its
    month (the meeting is held in that month). A statement gets a transfer review (kind
    TRANSFER) due by the end of its month: the month its notice is given and the assessment
    starts (SI 2014/2270 Part 5). An infeasible programme is not accepted: it would leave
    children without a date.
    """
    _require_la_staff(actor, programme.local_authority_id)
    programme = TransferProgramme.objects.select_for_update().get(pk=programme.pk)
    _require_proposed(programme)
    if not programme.feasible:
        raise ValidationError(
            "This programme cannot be done by its deadline with these limits. Change the "
            "monthly capacity, the per-school limit or the deadline first."
        )
    today = _today()
    items = list(programme.items.select_related("child", "school", "statement", "plan"))
    this_month = today.replace(day=1)
    if any(item.month is None or item.month < this_month for item in items):
        raise ValidationError(
            "Some reviews are scheduled in a month that has passed. Change the start date first."
        )
    reviews = []
    for item in items:
        due_on = month_end(item.month)
        transfer = _transfer_fields(item)
        if item.statement_id:
            review = Review.objects.create(
                child=item.child,
                local_authority_id=programme.local_authority_id,
                statement=item.statement,
                school=item.school,
                kind=ReviewKind.TRANSFER,
                due_on=due_on,
                scheduled_by=due_on,
                programme=programme,
                created_by=actor,
                updated_by=actor,
                **transfer,
            )
            old_due = None
        else:
            review = (
                Review.objects.select_for_update()
                .filter(plan=item.plan, status__in=OPEN_REVIEW_STATUSES)
                .exclude(kind=ReviewKind.INTERIM)
                .first()
            )
            if review is None:
                continue  # held or ended since the proposal: nothing left to schedule
            old_due = review.scheduled_by
            Review.objects.filter(pk=review.pk).update(
                programme=programme,
                scheduled_by=due_on,
                updated_by=actor,
                updated_at=timezone.now(),
                **transfer,
            )
        audit_record(
            actor=actor,
            kind=AuditEventKind.UPDATED if item.plan_id else AuditEventKind.CREATED,
            record=review,
            subject_id=item.child_id,
            organisation_id=programme.local_authority_id,
            old_values={"scheduled_by": old_due} if old_due else None,
            new_values={"scheduled_by": due_on, "programme": str(programme.pk)},
        )
        reviews.append((item, due_on))
    TransferProgramme.objects.filter(pk=programme.pk).update(
        status=ProgrammeStatus.ACCEPTED,
        accepted_on=today,
        accepted_by=actor,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    programme.refresh_from_db()
    _audit(
        actor,
        AuditEventKind.UPDATED,
        programme,
        programme,
        new_values={"status": "accepted", "reviews": len(reviews)},
    )
    _tell_schools(programme, [item for item, _ in reviews], actor)
    return programme


def _transfer_fields(item: ProgrammeItem) -> dict:
    if not item.transfer_year:
        return {}
    transfer = PhaseTransfer(year=item.transfer_year, kind=item.transfer_kind)
    return {
        "transfer_year": item.transfer_year,
        "transfer_kind": item.transfer_kind,
        "phase_transfer_deadline": phase_transfer_date(transfer),
    }


def school_letter(programme: TransferProgramme, items: list[ProgrammeItem]) -> str:
    """What a school is told: its months and how many reviews in each, no names."""
    counts = Counter(item.month for item in items)
    months = "; ".join(
        f"{month:%B %Y}: {count} review{'s' if count != 1 else ''}"
        for month, count in sorted(counts.items())
    )
    kind = (
        "transfer reviews of statements of SEN"
        if programme.purpose == ProgrammePurpose.STATEMENTS
        else "annual reviews of EHC plans"
    )
    return (
        f"The council has scheduled {len(items)} {kind} at your school, spread over the "
        f"programme so that no month holds more than {programme.per_school_limit}. {months}."
    )


def _tell_schools(programme: TransferProgramme, items: list[ProgrammeItem], actor) -> None:
    """Each school's SENCOs and heads get their own months and counts, never names."""
    by_school: dict = defaultdict(list)
    for item in items:
        if item.school_id:
            by_school[item.school_id].append(item)
    staff = list(
        Membership.objects.filter(
            organisation_id__in=by_school,
            role__in=[Role.SENCO, Role.HEAD],
            is_active=True,
            user__is_active=True,
        ).select_related("user")
    )
    page = ("reviews_school_programme", None)
    for school_id, school_items in by_school.items():
        send(
            [
                Recipient(m.user.email, m.user.get_short_name(), "School", page)
                for m in staff
                if m.organisation_id == school_id
            ],
            kind=SCHOOL_PROGRAMME,
            what_changed=school_letter(programme, school_items),
            next_step="Arrange each review's meeting in its month, with at least 2 weeks' notice "
            "to everyone invited (SEND Regulations 2014 reg 20(3)).",
            actor=actor,
        )
