"""The council's list of children changing phase (reg 18), and where each one's review stands.

Reg 18(1): a child moving from one phase of education to the next has their plan reviewed,
and amended to name the next school, by 15 February of the year of the move (31 March for a
move from secondary school to post-16). The review that names the next school must therefore
be held by `NextTransfer.latest_meeting` (the amended plan may take 12 weeks from the meeting:
reg 22(3) as read in R (L, M and P) v Devon CC 2022), and the list warns from the autumn term
before the move (`NextTransfer.warn_from`).

A child's next transfer is the one entered by their school or the council (`NextPhase`), else
the one their year group and their school's phase tell (`law.reviews.next_phase_transfer`).
Everything is read in a fixed number of queries, whatever the number of plans: the plans with
their children, the children's current schools, their reviews and their issued versions.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from opensend.ehc.models import EhcPlan, PlanVersion, PlanVersionStatus
from opensend.law.dates import academic_year_of, add_days
from opensend.law.reviews import NextTransfer
from opensend.people.models import Enrolment
from opensend.people.selectors import la_ids
from opensend.reviews.models import Review, ReviewDecision, ReviewKind, ReviewStatus
from opensend.reviews.services import next_transfer

# Status tags, words as well as colour (WCAG 1.4.1). Order: what needs doing first.
AMENDED_LATE = "amended_late"
DEADLINE_MISSED = "deadline_missed"
TOO_LATE = "too_late"
ARRANGED_LATE = "arranged_late"
NOT_ARRANGED = "not_arranged"
NOT_ARRANGED_YET = "not_arranged_yet"
HELD = "held"
ARRANGED = "arranged"
KEPT = "kept"
AMENDED = "amended"

STATUS_TAGS = {
    DEADLINE_MISSED: ("Not amended by the deadline", "govuk-tag--red"),
    TOO_LATE: ("Not arranged: too late for the deadline", "govuk-tag--red"),
    ARRANGED_LATE: ("Meeting too late for the deadline", "govuk-tag--red"),
    AMENDED_LATE: ("Plan amended late", "govuk-tag--red"),
    NOT_ARRANGED: ("Review not arranged", "govuk-tag--orange"),
    HELD: ("Review held: plan to amend", "govuk-tag--blue"),
    NOT_ARRANGED_YET: ("Review not arranged yet", "govuk-tag--grey"),
    ARRANGED: ("Review arranged in time", "govuk-tag--green"),
    KEPT: ("Reviewed: plan kept as it is", "govuk-tag--green"),
    AMENDED: ("Plan amended", "govuk-tag--green"),
}
_ORDER = {key: index for index, key in enumerate(STATUS_TAGS)}
# A review counts towards a move if its meeting falls in the year before the deadline.
_WINDOW_DAYS = 365


@dataclass
class TransferRow:
    child: object
    plan: EhcPlan
    school: object | None  # where the child is on roll now
    transfer: NextTransfer
    entered: bool  # entered by a person (NextPhase), not worked out from the year group
    next_school: str
    review: Review | None
    meeting: date | None
    held_on: date | None
    amended_on: date | None
    status: str

    @property
    def tag(self) -> dict:
        label, css = STATUS_TAGS[self.status]
        return {"key": self.status, "label": label, "css": css}

    @property
    def arranged(self) -> bool:
        return self.meeting is not None

    @property
    def in_time(self) -> bool | None:
        """Whether the meeting is on or before the latest date that still meets reg 18."""
        return None if self.meeting is None else self.meeting <= self.transfer.latest_meeting


@dataclass
class UnknownRow:
    """A child whose next move neither a person nor the year group tells (middle schools,
    no year group, not on roll): someone enters it (reviews_next_phase)."""

    child: object
    plan: EhcPlan
    school: object | None


def default_year(today: date) -> int:
    """The September coming: the end of the current academic year."""
    return academic_year_of(today) + 1


def plans_in_force(user) -> QuerySet[EhcPlan]:
    """The council's plans with an issued version that it has not decided to cease."""
    if not user.is_authenticated:
        return EhcPlan.objects.none()
    plans = EhcPlan.objects.all()
    if not user.is_superuser:
        plans = plans.filter(local_authority_id__in=la_ids(user))
    issued = PlanVersion.objects.filter(plan=OuterRef("pk"), status=PlanVersionStatus.ISSUED)
    ceased = Review.objects.filter(plan=OuterRef("pk"), decision=ReviewDecision.CEASE)
    return plans.filter(Exists(issued) & ~Exists(ceased))


def _with_everything(plans: QuerySet[EhcPlan]) -> QuerySet[EhcPlan]:
    return (
        plans.select_related("child", "child__next_phase", "child__next_phase__next_school")
        .prefetch_related(
            Prefetch(
                "child__enrolments",
                queryset=Enrolment.objects.filter(end__isnull=True).select_related("school"),
                to_attr="open_enrolments",
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.exclude(kind=ReviewKind.INTERIM)
                .exclude(status=ReviewStatus.CANCELLED)
                .order_by("-due_on", "-created_at"),
                to_attr="transfer_reviews",
            ),
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.filter(issued_on__isnull=False).only(
                    "pk", "plan_id", "issued_on", "number", "status"
                ),
                to_attr="issued_versions",
            ),
        )
        .order_by("child__last_name", "child__first_name", "pk")
    )


def _next_phase(child):
    try:
        return child.next_phase
    except ObjectDoesNotExist:
        return None


def transfer_for(child, today: date) -> tuple[NextTransfer | None, bool]:
    """(the child's next transfer, whether a person entered it). Reads only prefetched data."""
    entered = _next_phase(child)
    enrolment = child.open_enrolments[0] if child.open_enrolments else None
    return next_transfer(entered, enrolment, today), entered is not None


def _meeting_day(review: Review) -> date | None:
    if review.meeting_at is None:
        return None
    return timezone.localtime(review.meeting_at).date()


def _review_for(plan, transfer: NextTransfer) -> Review | None:
    """The review that names the next school: one for this move (its year, or its meeting in
    the year before the deadline), else the open review still to arrange."""
    start = add_days(transfer.deadline, -_WINDOW_DAYS)
    for review in plan.transfer_reviews:
        day = _meeting_day(review) or review.held_on
        if review.transfer_year == transfer.year or (day and start < day <= transfer.deadline):
            return review
    for review in plan.transfer_reviews:
        if review.status == ReviewStatus.DUE:
            return review
    return None


def _status(transfer: NextTransfer, review, meeting, amended_on, today) -> str:
    if amended_on is not None:
        # Reg 18(1): the amendments completed by 15 February (31 March).
        return AMENDED if amended_on <= transfer.deadline else AMENDED_LATE
    if review is not None and review.held_on is not None:
        if today > transfer.deadline:
            return DEADLINE_MISSED
        if review.decision == ReviewDecision.KEEP:
            return KEPT
        return HELD
    if meeting is not None:
        if meeting > transfer.latest_meeting:
            return ARRANGED_LATE
        return ARRANGED
    if today > transfer.latest_meeting:
        return TOO_LATE
    if today >= transfer.warn_from:
        return NOT_ARRANGED
    return NOT_ARRANGED_YET


def _row(plan, school, transfer: NextTransfer, entered: bool, today: date) -> TransferRow:
    child = plan.child
    review = _review_for(plan, transfer)
    meeting = _meeting_day(review) if review else None
    held_on = review.held_on if review else None
    amended_on = None
    if held_on is not None:
        # The amended plan: a version issued on or after the meeting (reg 22(3)).
        issued = [v.issued_on for v in plan.issued_versions if v.issued_on >= held_on]
        amended_on = min(issued) if issued else None
    next_phase = _next_phase(child)
    next_school = ""
    if next_phase is not None:
        next_school = (
            next_phase.next_school.name if next_phase.next_school else next_phase.next_school_name
        )
    if not next_school and review is not None:
        next_school = review.next_school_name
    return TransferRow(
        child=child,
        plan=plan,
        school=school,
        transfer=transfer,
        entered=entered,
        next_school=next_school,
        review=review,
        meeting=meeting,
        held_on=held_on,
        amended_on=amended_on,
        status=_status(transfer, review, meeting, amended_on, today),
    )


def phase_transfers(
    user, *, year: int, today: date, school_id=None
) -> tuple[list[TransferRow], list[UnknownRow]]:
    """Every child with a plan in force at the person's councils moving phase in September of
    `year`, most urgent first, and the children whose next move is not known."""
    plans = plans_in_force(user)
    if school_id:
        plans = plans.filter(
            Q(
                Exists(
                    Enrolment.objects.filter(
                        child=OuterRef("child_id"), school_id=school_id, end__isnull=True
                    )
                )
            )
        )
    rows: list[TransferRow] = []
    unknown: list[UnknownRow] = []
    for plan in _with_everything(plans):
        enrolments = plan.child.open_enrolments
        school = enrolments[0].school if enrolments else None
        transfer, entered = transfer_for(plan.child, today)
        if transfer is None:
            unknown.append(UnknownRow(child=plan.child, plan=plan, school=school))
        elif transfer.year == year:
            rows.append(_row(plan, school, transfer, entered, today))
    rows.sort(key=lambda row: (_ORDER[row.status], row.child.last_name, row.child.first_name))
    return rows, unknown


def not_arranged(rows: list[TransferRow]) -> list[TransferRow]:
    """The children whose review is not arranged yet (for the autumn-term warning)."""
    return [
        row
        for row in rows
        if row.meeting is None and row.held_on is None and row.amended_on is None
    ]
