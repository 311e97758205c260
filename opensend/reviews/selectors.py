"""Who sees which reviews (DESIGN "Who sees what"), and the work trays.

- The council's SEND team: every review of their councils.
- The SENCO and head of the school arranging it (reg 20(12)): the reviews at their school.
- The family (parents without restricted access, the young person): their own children's.
- A professional invited to the meeting (reg 20(2)(d)-(e)): only their own invitations.
Every getter returns 404 outside the person's reach, and the access is audited.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Max, Min, Q, QuerySet

from opensend.core.access import get_audited
from opensend.ehc.models import PlanVersion
from opensend.ehc.selectors import _own_child_filter, school_manager_ids
from opensend.law.assessment import Rag, rag
from opensend.law.dates import age_on
from opensend.law.reviews import (
    UNDER_FIVE_AGE,
    NextTransfer,
    interim_review_window,
    latest_meeting_for,
)
from opensend.people.selectors import la_ids
from opensend.reviews.models import (
    OPEN_REVIEW_STATUSES,
    ParticipantRole,
    Review,
    ReviewKind,
    ReviewParticipant,
    ReviewStatus,
)
from opensend.reviews.services import phase_transfer_for  # noqa: F401  (part of this API)

_RELATED = ("child", "local_authority", "school", "plan", "plan__case", "statement")


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def reviews_for_la(user) -> QuerySet[Review]:
    if not _signed_in(user):
        return Review.objects.none()
    if user.is_superuser:
        return Review.objects.all()
    return Review.objects.filter(local_authority_id__in=la_ids(user))


def reviews_for_school(user) -> QuerySet[Review]:
    if not _signed_in(user):
        return Review.objects.none()
    schools = school_manager_ids(user)
    if not schools:
        return Review.objects.none()
    return Review.objects.filter(school_id__in=schools)


def reviews_for_arranger(user) -> QuerySet[Review]:
    """Reg 20(12) and 21: the school's reviews for its SENCO and head, and the council's."""
    if not _signed_in(user):
        return Review.objects.none()
    if user.is_superuser:
        return Review.objects.all()
    return Review.objects.filter(
        Q(school_id__in=school_manager_ids(user)) | Q(local_authority_id__in=la_ids(user))
    )


def reviews_for_family(user) -> QuerySet[Review]:
    if not _signed_in(user):
        return Review.objects.none()
    return Review.objects.filter(_own_child_filter(user))


PROFESSIONAL_ROLES = (ParticipantRole.HEALTH, ParticipantRole.SOCIAL_CARE, ParticipantRole.OTHER)


def participations_for(user) -> QuerySet[ReviewParticipant]:
    """The invitations of a professional invited by name (reg 20(2)(d)-(e))."""
    if not _signed_in(user):
        return ReviewParticipant.objects.none()
    return ReviewParticipant.objects.filter(user=user, role__in=PROFESSIONAL_ROLES).exclude(
        review__status=ReviewStatus.CANCELLED
    )


def _get(queryset, user, review_id) -> Review:
    return get_audited(
        queryset.select_related(*_RELATED),
        review_id,
        user=user,
        subject_id=lambda review: review.child_id,
    )


def get_la_review_for(user, review_id) -> Review:
    return _get(reviews_for_la(user), user, review_id)


def get_school_review_for(user, review_id) -> Review:
    return _get(reviews_for_school(user), user, review_id)


def get_arranger_review_for(user, review_id) -> Review:
    return _get(reviews_for_arranger(user), user, review_id)


def get_family_review_for(user, review_id) -> Review:
    return _get(reviews_for_family(user), user, review_id)


def get_participation_for(user, participant_id) -> ReviewParticipant:
    return get_audited(
        participations_for(user).select_related(
            "review", "review__child", "review__local_authority", "review__school"
        ),
        participant_id,
        user=user,
        subject_id=lambda participant: participant.review.child_id,
    )


# --- the next step and the work trays -----------------------------------------------------

ARRANGE = "Arrange the meeting"
HOLD = "Hold the meeting"
REPORT = "Send the report"
DECIDE = "Decide"
ISSUE = "Issue the amended plan"


def meeting_due(review: Review) -> date:
    """CFA s44(1): the meeting by `due_on`; reg 18(1): earlier when a phase transfer's
    deadline needs the amended plan before it (12 weeks and a day, Devon 2022)."""
    if review.phase_transfer_deadline:
        return min(review.due_on, latest_meeting_for(review.phase_transfer_deadline))
    return review.due_on


def next_step(review: Review, today: date) -> tuple[str, date | None]:
    """What must happen next and the statutory date for it (no queries)."""
    status = review.status
    if status == ReviewStatus.DUE:
        return ARRANGE, meeting_due(review)
    if status == ReviewStatus.ARRANGED:
        return HOLD, review.meeting_at.date() if review.meeting_at else meeting_due(review)
    if status == ReviewStatus.HELD:
        return REPORT, review.report_due
    if status == ReviewStatus.REPORTED:
        return DECIDE, review.decision_due
    if status == ReviewStatus.AMENDING:
        return ISSUE, review.amended_plan_due
    return "", None


@dataclass
class TrayRow:
    review: Review
    step: str
    due: date | None
    rag: Rag | None
    late: bool


VIEWS = ("all", "due", "overdue", "decisions", "amendments")


def review_tray(
    reviews: QuerySet[Review], *, today: date, within_weeks: int = 8, view: str = "all"
) -> list[TrayRow]:
    """The open reviews as work, soonest date first, with the assessment tray's red/amber/green
    rules (`law.assessment.rag`). One query, whatever the number of reviews.

    view: "due" meetings to arrange in the next `within_weeks` weeks; "overdue" any step past
    its date; "decisions" reports awaiting the council's decision; "amendments" amended plans
    to issue; "all" every open review."""
    queryset = reviews.filter(status__in=OPEN_REVIEW_STATUSES)
    if view in _VIEW_STATUS:
        queryset = queryset.filter(status=_VIEW_STATUS[view])
    rows = []
    for review in queryset.select_related("child", "school", "local_authority", "plan"):
        step, due = next_step(review, today)
        late = due is not None and due < today
        row = TrayRow(
            review=review,
            step=step,
            due=due,
            rag=rag(due=due, today=today) if due else None,
            late=late,
        )
        if in_view(row, view, today=today, within_weeks=within_weeks):
            rows.append(row)
    rows.sort(key=lambda row: (row.due or date.max, str(row.review.pk)))
    return rows


_VIEW_STATUS = {
    "decisions": ReviewStatus.REPORTED,
    "amendments": ReviewStatus.AMENDING,
    "due": ReviewStatus.DUE,
}


def in_view(row: TrayRow, view: str, *, today: date, within_weeks: int = 8) -> bool:
    """Whether a tray row belongs under `view` (see `review_tray`), so one read of the open
    reviews can be split into every view."""
    if view in _VIEW_STATUS and row.review.status != _VIEW_STATUS[view]:
        return False
    if view == "due":
        horizon = today + timedelta(weeks=within_weeks)
        return row.due is not None and not row.late and row.due <= horizon
    if view == "overdue":
        return row.late
    return True


def interim_suggestions(reviews, today) -> list[dict]:
    """CoP 9.178: for an under-five, a review every 3 to 6 months is suggested, never forced.
    The window runs from the last review (or the plan's issue) by `law.reviews`."""
    under_five = [
        review
        for review in reviews
        if review.plan_id
        and review.child.date_of_birth
        and age_on(review.child.date_of_birth, today) < UNDER_FIVE_AGE
        and review.kind != ReviewKind.INTERIM
    ]
    if not under_five:
        return []
    plan_ids = {review.plan_id for review in under_five}
    last_held = dict(
        Review.objects.filter(plan_id__in=plan_ids, held_on__isnull=False)
        .values_list("plan_id")
        .annotate(last=Max("held_on"))
    )
    issued = dict(
        PlanVersion.objects.filter(plan_id__in=plan_ids, issued_on__isnull=False)
        .values_list("plan_id")
        .annotate(first=Min("issued_on"))
    )
    has_interim = set(
        Review.objects.filter(
            plan_id__in=plan_ids, kind=ReviewKind.INTERIM, status__in=OPEN_REVIEW_STATUSES
        ).values_list("plan_id", flat=True)
    )
    suggestions = []
    for review in under_five:
        last = last_held.get(review.plan_id) or issued.get(review.plan_id)
        if last is None or review.plan_id in has_interim:
            continue
        window = interim_review_window(last_review=last, dob=review.child.date_of_birth)
        if window is None:
            continue
        suggestions.append(
            {
                "review": review,
                "child": review.child,
                "last": last,
                "earliest": window[0],
                "latest": window[1],
            }
        )
    return suggestions


__all__ = [
    "NextTransfer",
    "TrayRow",
    "get_arranger_review_for",
    "get_family_review_for",
    "get_la_review_for",
    "get_participation_for",
    "get_school_review_for",
    "in_view",
    "interim_suggestions",
    "next_step",
    "participations_for",
    "phase_transfer_for",
    "review_tray",
    "reviews_for_arranger",
    "reviews_for_family",
    "reviews_for_la",
    "reviews_for_school",
]
