"""The record of the meeting and the report to the council (reg 20(5)-(8))."""

import uuid
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.ehc.models import PlanVersion, PlanVersionStatus
from opensend.meetings.models import Invitee as MeetingInvitee
from opensend.meetings.models import Meeting, MeetingStatus
from opensend.reviews import messages
from opensend.reviews.models import (
    OutcomeProgress,
    ParticipantRole,
    Progress,
    Review,
    ReviewDecision,
    ReviewParticipant,
    ReviewStatus,
)
from opensend.reviews.services._base import (
    _audit,
    _day,
    _locked,
    _require_arranger,
    _require_status,
    _today,
)

# --- the report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomePrefill:
    outcome: object  # ehc.PlanOutcome of the plan in force
    last_progress: str  # Progress value at the previous review, or ""
    last_evidence: str  # what the previous review or the support plan review said


@dataclass(frozen=True)
class ReportPrefill:
    outcomes: list[OutcomePrefill]
    family_views: str
    child_views: str
    previous_recommendations: str
    support_plan_summary: str
    plan_version: PlanVersion | None = None
    advice: list = field(default_factory=list)


def plan_in_force(review: Review) -> PlanVersion | None:
    if not review.plan_id:
        return None
    return review.plan.versions.filter(status=PlanVersionStatus.ISSUED).first()


def report_prefill(review: Review) -> ReportPrefill:
    """What the SENCO need not retype: the outcomes of the plan in force with what the
    previous review said of each (matched by wording, as each version copies its rows), the
    latest SEN support plan review, the family's and child's views given as advice, and the
    previous review's recommendations."""
    from opensend.support.models import PlanReview

    version = plan_in_force(review)
    previous = (
        Review.objects.filter(child=review.child, held_on__isnull=False)
        .exclude(pk=review.pk)
        .order_by("-held_on")
        .first()
    )
    earlier: dict[str, tuple[str, str]] = {}
    if previous is not None:
        for row in previous.progress.select_related("outcome"):
            earlier[row.outcome.description.strip()] = (row.progress, row.evidence)
    support = PlanReview.objects.filter(plan__child=review.child).order_by("-review_date").first()
    support_summary = support.summary if support else ""
    outcomes = []
    if version is not None:
        for outcome in version.outcomes.order_by("order"):
            progress, evidence = earlier.get(outcome.description.strip(), ("", ""))
            outcomes.append(
                OutcomePrefill(
                    outcome=outcome,
                    last_progress=progress,
                    last_evidence=evidence or support_summary,
                )
            )
    advice = list(review.participants.exclude(advice=""))
    family = [p for p in advice if p.role == ParticipantRole.FAMILY]
    family_views = "\n\n".join(
        p.advice
        for p in family
        if not (review.child.account_id and p.user_id == review.child.account_id)
    )
    child_views = "\n\n".join(
        p.advice for p in family if review.child.account_id and p.user_id == review.child.account_id
    )
    return ReportPrefill(
        outcomes=outcomes,
        family_views=family_views,
        child_views=child_views,
        previous_recommendations=previous.recommended_amendments if previous else "",
        support_plan_summary=support_summary,
        plan_version=version,
        advice=advice,
    )


@transaction.atomic
def review_record(
    *,
    actor,
    review: Review,
    held_on: date,
    family_views: str = "",
    child_views: str = "",
    changes_since_last_review: str = "",
    recommended_amendments: str = "",
    disagreements: str = "",
    recommends: str,
    next_school_name: str = "",
    progress: dict[uuid.UUID, tuple[str, str]] | None = None,
    attended: dict[uuid.UUID, bool] | None = None,
) -> Review:
    """The record of the meeting (reg 20(5)-(6)): progress on each outcome, everyone's views,
    and what the meeting recommends. The parent meeting is marked held with who came."""
    _require_arranger(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.ARRANGED, ReviewStatus.HELD, what="record the meeting")
    today = _today()
    errors: dict[str, str] = {}
    meeting_day = timezone.localtime(review.meeting_at).date() if review.meeting_at else None
    if held_on is None:
        errors["held_on"] = "Enter the date the meeting was held"
    elif held_on > today:
        errors["held_on"] = "The meeting cannot be recorded before it is held"
    elif meeting_day and held_on < meeting_day:
        errors["held_on"] = (
            f"The meeting was arranged for {_day(meeting_day)}: it cannot have been held before"
        )
    if recommends not in ReviewDecision.values:
        errors["recommends"] = "Say whether the meeting recommends keeping, amending or ceasing"
    elif recommends == ReviewDecision.AMEND and not recommended_amendments.strip():
        errors["recommended_amendments"] = "Say which amendments the meeting recommends"
    version = plan_in_force(review)
    outcomes = {o.pk: o for o in version.outcomes.all()} if version else {}
    progress = progress or {}
    for outcome_id, (value, _evidence) in progress.items():
        if outcome_id not in outcomes:
            errors["progress"] = "Choose outcomes from the plan in force"
        elif value not in Progress.values:
            errors[f"progress_{outcome_id}"] = "Choose how far the outcome has been met"
    if errors:
        raise ValidationError(errors)
    first_time = review.status == ReviewStatus.ARRANGED
    review.held_on = held_on
    review.family_views = family_views.strip()
    review.child_views = child_views.strip()
    review.changes_since_last_review = changes_since_last_review.strip()
    review.recommended_amendments = recommended_amendments.strip()
    review.disagreements = disagreements.strip()
    review.recommends = recommends
    review.next_school_name = next_school_name.strip()[:200]
    review.status = ReviewStatus.HELD
    review.updated_by = actor
    review.save()
    for outcome_id, (value, evidence) in progress.items():
        OutcomeProgress.objects.update_or_create(
            review=review,
            outcome_id=outcome_id,
            defaults={
                "progress": value,
                "evidence": (evidence or "").strip(),
                "updated_by": actor,
            },
            create_defaults={
                "progress": value,
                "evidence": (evidence or "").strip(),
                "created_by": actor,
                "updated_by": actor,
            },
        )
    attended = attended or {}
    participants = list(review.participants.all())
    for participant in participants:
        if participant.pk in attended:
            ReviewParticipant.objects.filter(pk=participant.pk).update(
                attended=bool(attended[participant.pk]), updated_at=timezone.now()
            )
            participant.attended = bool(attended[participant.pk])
    _mark_parent_meeting_held(review, participants, actor)
    _audit(
        actor,
        AuditEventKind.UPDATED if not first_time else AuditEventKind.CREATED,
        review,
        review,
        new_values={"held_on": held_on, "recommends": recommends, "outcomes": len(progress)},
    )
    return review


def _mark_parent_meeting_held(review: Review, participants, actor) -> None:
    """DESIGN "Time": the annual review counts as a meeting with the parents when the family
    came (CoP 6.65)."""
    if not review.parent_meeting_id:
        return
    family = [p for p in participants if p.role == ParticipantRole.FAMILY]
    answered = [p.attended for p in family if p.attended is not None]
    came = any(answered) if answered else None
    now = timezone.now()
    Meeting.objects.filter(pk=review.parent_meeting_id).update(
        status=MeetingStatus.HELD,
        progress=review.changes_since_last_review,
        recorded_at=now,
        updated_at=now,
    )
    MeetingInvitee.objects.filter(meeting_id=review.parent_meeting_id, child=review.child).update(
        attended=came,
        family_views=review.family_views,
        child_views=review.child_views,
        updated_at=now,
    )


@transaction.atomic
def review_report_send(*, actor, review: Review) -> Review:
    """Reg 20(7)-(8): the report to the council and everyone invited, within 2 weeks of the
    meeting. Late is allowed and shown."""
    _require_arranger(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.HELD, what="send the report")
    today = _today()
    review.report_sent_on = today
    review.report_sent_by = actor
    review.status = ReviewStatus.REPORTED
    review.updated_by = actor
    review.save()
    _audit(
        actor,
        AuditEventKind.SENT,
        review,
        review,
        new_values={"report_sent_on": today, "on_time": today <= review.report_due},
    )
    messages.report_sent(review=review, actor=actor)
    return review
