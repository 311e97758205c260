"""Every change to an annual review: permitted, validated, audited and told to those it
concerns (subjects never name a child: `opensend.reviews.messages`).

The statutory dates come from `opensend.law.reviews`; this module applies them to the records:

- CFA 2014 s44(1): a plan is reviewed within 12 months of its issue, then of the previous
  review's meeting. A review is opened as soon as a plan is issued (`review_on_plan_issued`).
- Reg 20(12): the head teacher of the child's school arranges the meeting; reg 21: for a child
  not at a school the council does. The council's SEND team may always arrange it (reg 20(1)).
- Reg 20(3)-(4): at least 2 weeks' notice, and advice circulated at least 2 weeks before.
- Reg 20(7)-(8): the report within 2 weeks of the meeting; reg 20(10): the council decides
  within 4 weeks; reg 22 (R (L, M and P) v Devon CC 2022): the amended plan within 12 weeks.
  Late steps are allowed and shown, never blocked: the child's plan must not stall.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.ehc.models import AdviceKind, EhcPlan, PlanVersion, PlanVersionStatus
from opensend.ehc.plan_services import plan_amend_start
from opensend.ehc.selectors import school_manager_ids
from opensend.law import reviews as law
from opensend.law.dates import academic_year_of, add_days, age_on
from opensend.meetings.models import Invitee as MeetingInvitee
from opensend.meetings.models import Meeting, MeetingKind, MeetingStatus
from opensend.organisations.models import Membership, Organisation, Role
from opensend.organisations.selectors import terms_or_defaults_for
from opensend.people.models import Child, Enrolment, ParentLink
from opensend.people.selectors import la_ids
from opensend.reviews import messages, notice
from opensend.reviews.models import (
    NextPhase,
    OutcomeProgress,
    ParticipantRole,
    Progress,
    Review,
    ReviewDecision,
    ReviewKind,
    ReviewParticipant,
    ReviewStatus,
    TransferKind,
)

User = get_user_model()


@dataclass(frozen=True)
class Invitee:
    """Someone to invite to the meeting (reg 20(2))."""

    role: str  # ParticipantRole value
    name: str
    email: str = ""
    user: User | None = None
    organisation: Organisation | None = None


def _today() -> date:
    return timezone.localdate()


def _day(value: date) -> str:
    return f"{value:%-d %B %Y}"


def _audit(actor, kind, record, review: Review, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=review.child_id,
        organisation_id=review.local_authority_id,
        **extra,
    )


def _locked(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


# --- who may act --------------------------------------------------------------------------


def is_la_for(actor, review: Review) -> bool:
    return actor.is_authenticated and (
        actor.is_superuser or review.local_authority_id in la_ids(actor)
    )


def can_arrange(actor, review: Review) -> bool:
    """Reg 20(12): the head (we allow the SENCO too) of the child's school; reg 21: the council
    for a child not at a school; the council's SEND team may always arrange it (reg 20(1))."""
    if not actor.is_authenticated:
        return False
    if is_la_for(actor, review):
        return True
    return review.school_id is not None and review.school_id in school_manager_ids(actor)


def _require_arranger(actor, review: Review) -> None:
    if not can_arrange(actor, review):
        raise PermissionDenied(
            "Only the child's school (SENCO or head) or the council's SEND team can do this."
        )


def _require_la(actor, review: Review) -> None:
    if not is_la_for(actor, review):
        raise PermissionDenied("Only the council's SEND team can do this.")


def _require_status(review: Review, *statuses, what: str) -> None:
    if review.status not in statuses:
        raise ValidationError(
            f"This review is at the step “{review.get_status_display()}”, so you cannot {what}."
        )


# --- opening a review ---------------------------------------------------------------------


def current_school(child: Child) -> Organisation | None:
    enrolment = (
        Enrolment.objects.filter(child=child, end__isnull=True)
        .select_related("school")
        .order_by("-start")
        .first()
    )
    return enrolment.school if enrolment else None


def phase_transfer_for(child: Child, today: date) -> law.NextTransfer | None:
    """The child's next phase transfer (reg 2 "phase", reg 18): as entered (`NextPhase`), else
    from their year group and their school's phase; None when neither tells it."""
    entered = NextPhase.objects.filter(child=child).first()
    if entered is not None:
        return law.transfer_dates(entered.transfer_year, law.TransferKind(entered.kind))
    enrolment = (
        Enrolment.objects.filter(child=child, end__isnull=True)
        .select_related("school")
        .order_by("-start")
        .first()
    )
    if enrolment is None:
        return None
    return law.next_phase_transfer(
        year_group=enrolment.year_group, school_phase=enrolment.school.phase or "", today=today
    )


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


# --- arranging the meeting ----------------------------------------------------------------


def _person_invitee(role: str, user, organisation=None) -> Invitee:
    return Invitee(
        role=role,
        name=user.full_name or user.email,
        email=user.email,
        user=user,
        organisation=organisation,
    )


def _advice_givers(review: Review, kind: str) -> list[Invitee]:
    """Whoever gave this kind of advice for the plan's assessment, if it was a named person."""
    case = review.plan.case if review.plan_id else None
    if case is None:
        return []
    found = []
    for advice in case.advice_requests.filter(kind=kind).select_related(
        "recipient_user", "recipient_organisation"
    ):
        if advice.recipient_user_id and advice.recipient_user.is_active:
            found.append(advice.recipient_user)
    return found


def _services(review: Review, role: str, participant_role: str) -> list[Invitee]:
    """A health or social care service in the council's area (reg 20(2)(d)-(e)): its people in
    that role, or the service itself (at its contact address) when it has none."""
    services = Organisation.objects.filter(
        kind="professional_service",
        local_authority_id=review.local_authority_id,
        memberships__role=role,
        memberships__is_active=True,
    ).distinct()
    found = []
    for service in services:
        people = [
            m.user
            for m in Membership.objects.filter(
                organisation=service, role=role, is_active=True, user__is_active=True
            ).select_related("user")
        ]
        if people:
            found.extend(_person_invitee(participant_role, p, service) for p in people[:1])
        elif service.email:
            found.append(
                Invitee(
                    role=participant_role,
                    name=service.name,
                    email=service.email,
                    organisation=service,
                )
            )
    return found


def default_invitees(review: Review) -> list[Invitee]:
    """Reg 20(2): (a) the child's parent or the young person, (b) the school, (c) the council's
    SEN officer, (d) health and (e) social care."""
    invitees: list[Invitee] = []
    child = review.child
    for link in ParentLink.objects.filter(
        child=child, access_restricted=False, user__isnull=False, user__is_active=True
    ).select_related("user"):
        invitees.append(
            Invitee(
                role=ParticipantRole.FAMILY,
                name=link.full_name or link.user.full_name,
                email=link.user.email,
                user=link.user,
            )
        )
    if child.account_id and child.account.is_active:
        invitees.append(_person_invitee(ParticipantRole.FAMILY, child.account))
    if review.school_id:
        staff = list(
            Membership.objects.filter(
                organisation_id=review.school_id,
                role__in=[Role.SENCO, Role.HEAD],
                is_active=True,
                user__is_active=True,
            ).select_related("user", "organisation")
        )
        sencos = [m for m in staff if m.role == Role.SENCO] or staff
        invitees.extend(
            _person_invitee(ParticipantRole.SCHOOL, m.user, m.organisation) for m in sencos
        )
    case = review.plan.case if review.plan_id else None
    if case is not None and case.caseworker_id and case.caseworker.is_active:
        invitees.append(
            _person_invitee(ParticipantRole.LA, case.caseworker, review.local_authority)
        )
    else:
        managers = Membership.objects.filter(
            organisation_id=review.local_authority_id,
            role__in=[Role.LA_CASEWORKER, Role.LA_MANAGER],
            is_active=True,
            user__is_active=True,
        ).select_related("user")
        first = managers.order_by("role", "user__full_name").first()
        if first is not None:
            invitees.append(_person_invitee(ParticipantRole.LA, first.user, review.local_authority))
    for kind, role, participant_role in (
        (AdviceKind.MEDICAL, Role.HEALTH_PROFESSIONAL, ParticipantRole.HEALTH),
        (AdviceKind.SOCIAL_CARE, Role.SOCIAL_CARE_PROFESSIONAL, ParticipantRole.SOCIAL_CARE),
    ):
        givers = _advice_givers(review, kind)
        if givers:
            invitees.extend(_person_invitee(participant_role, user) for user in givers)
        else:
            invitees.extend(_services(review, role, participant_role))
    return invitees


def earliest_meeting(today: date) -> date:
    """Reg 20(3): at least 2 weeks' notice of the meeting, counted from today."""
    return add_days(today, law.NOTICE_DAYS)


def _term_of(school: Organisation, day: date) -> tuple[int, str]:
    """The academic year and term a day falls in (the school's own terms, else the defaults);
    a day in a holiday counts in the term before it (or the first term)."""
    year = academic_year_of(day)
    terms = terms_or_defaults_for(school, year).terms
    chosen = terms[0].name
    for term in terms:
        if term.start <= day:
            chosen = term.name
    return year, chosen


def _parent_meeting(review: Review, actor, meeting_at: datetime, location: str) -> Meeting:
    """CoP 6.65 and DESIGN "Time": the review meeting counts as one of the year's meetings with
    the parents, so it is a `meetings.Meeting` with the child's family invited."""
    day = timezone.localtime(meeting_at).date()
    year, term = _term_of(review.school, day)
    staff = actor if review.school_id in school_manager_ids(actor) else None
    if review.parent_meeting_id:
        meeting = review.parent_meeting
        Meeting.objects.filter(pk=meeting.pk).update(
            starts_at=meeting_at,
            academic_year=year,
            term=term,
            location=location[:300],
            updated_at=timezone.now(),
        )
        meeting.refresh_from_db()
        return meeting
    meeting = Meeting.objects.create(
        school=review.school,
        academic_year=year,
        term=term,
        kind=MeetingKind.INDIVIDUAL,
        starts_at=meeting_at,
        duration_minutes=60,
        staff=staff,
        location=location[:300],
        status=MeetingStatus.CONFIRMED,
        created_by=actor,
        updated_by=actor,
    )
    MeetingInvitee.objects.create(
        meeting=meeting,
        child=review.child,
        invited_at=timezone.now(),
        created_by=actor,
        updated_by=actor,
    )
    return meeting


@transaction.atomic
def review_arrange(
    *,
    actor,
    review: Review,
    meeting_at: datetime,
    location: str = "",
    invitees: list[Invitee] | None = None,
) -> Review:
    """Arrange (or move) the meeting in one action: the dates it sets, the invitations and the
    requests for advice to everyone in reg 20(2), and the parent meeting at a school."""
    _require_arranger(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.DUE, ReviewStatus.ARRANGED, what="arrange the meeting")
    today = _today()
    if meeting_at is None:
        raise ValidationError({"meeting_at": "Enter the date and time of the meeting"})
    if timezone.is_naive(meeting_at):
        meeting_at = timezone.make_aware(meeting_at)
    day = timezone.localtime(meeting_at).date()
    earliest = earliest_meeting(today)
    if day < earliest:
        raise ValidationError(
            {
                "meeting_at": "Everyone must have at least 2 weeks' notice of the meeting "
                f"(SEND Regulations 2014 regulation 20(3)): the earliest date is "
                f"{_day(earliest)}"
            }
        )
    if review.plan_id and review.plan.versions.filter(issued_on__gt=day).exists():
        raise ValidationError({"meeting_at": "The meeting cannot be before the plan was issued"})
    moved = review.status == ReviewStatus.ARRANGED
    dates = law.review_dates(day)
    review.meeting_at = meeting_at
    review.location = location.strip()[:300]
    review.invitations_due = dates["invitations_due"]
    review.advice_due = dates["advice_due"]
    review.report_due = dates["report_due"]
    review.decision_due = dates["decision_due"]
    review.amended_plan_due = dates["amended_plan_due"]
    review.status = ReviewStatus.ARRANGED
    if not moved:
        review.arranged_on = today
        review.arranged_by = actor
    if review.school_id:
        review.parent_meeting = _parent_meeting(review, actor, meeting_at, review.location)
    review.updated_by = actor
    review.save()
    if moved:
        participants = list(review.participants.all())
    else:
        chosen = default_invitees(review) if invitees is None else list(invitees)
        participants = [
            ReviewParticipant.objects.create(
                review=review,
                role=item.role,
                name=(item.name or "")[:150],
                email=item.email or (item.user.email if item.user else ""),
                user=item.user,
                organisation=item.organisation,
                invited_on=today,
                created_by=actor,
                updated_by=actor,
            )
            for item in chosen
        ]
    _audit(
        actor,
        AuditEventKind.UPDATED if moved else AuditEventKind.SENT,
        review,
        review,
        new_values={"meeting": day, "invited": len(participants), "moved": moved},
    )
    messages.invited(review=review, participants=participants, moved=moved, actor=actor)
    return review


# --- advice -------------------------------------------------------------------------------


@transaction.atomic
def review_advice_give(*, actor, participant: ReviewParticipant, advice: str) -> ReviewParticipant:
    """Reg 20(4): each invitee's advice and information, by them or, received by post or by
    phone, entered by whoever arranges the meeting."""
    review = participant.review
    own = participant.user_id is not None and participant.user_id == actor.pk
    if not (own or can_arrange(actor, review)):
        raise PermissionDenied("Only the person invited, or whoever arranges the meeting.")
    _require_status(review, ReviewStatus.ARRANGED, what="give advice")
    if not advice.strip():
        raise ValidationError({"advice": "Write the advice or views"})
    ReviewParticipant.objects.filter(pk=participant.pk).update(
        advice=advice.strip(),
        advice_given_on=_today(),
        updated_by=actor,
        updated_at=timezone.now(),
    )
    participant.refresh_from_db()
    _audit(actor, AuditEventKind.UPDATED, participant, review, new_values={"advice": True})
    return participant


@transaction.atomic
def review_advice_circulate(*, actor, review: Review) -> Review:
    """Reg 20(4): all the advice given goes to everyone invited at least 2 weeks before the
    meeting (late circulation is allowed and shown)."""
    _require_arranger(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.ARRANGED, what="circulate the advice")
    if not review.participants.exclude(advice="").exists():
        raise ValidationError("Nobody has given advice yet, so there is nothing to send.")
    today = _today()
    review.advice_circulated_on = today
    review.updated_by = actor
    review.save(update_fields=["advice_circulated_on", "updated_by", "updated_at"])
    _audit(
        actor,
        AuditEventKind.SENT,
        review,
        review,
        new_values={"circulated_on": today, "on_time": today <= review.advice_due},
    )
    messages.advice_circulated(review=review, actor=actor)
    return review


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


# --- the council's decision ---------------------------------------------------------------


@transaction.atomic
def review_decide(
    *, actor, review: Review, decision: str, reasons: str = "", amendments: str = ""
) -> Review:
    """Reg 20(10): within 4 weeks of the meeting the council keeps, amends or ceases the plan,
    with a notice to the family and the school; late is allowed and shown.

    keep or cease against the meeting's recommendation, and any cease, need reasons (with the
    right of appeal in the notice); amend starts the draft of proposed amendments (reg 22(2)),
    which the caseworker edits, serves and issues with the plan pages, within 12 weeks of the
    meeting (reg 22(3), Devon 2022)."""
    _require_la(actor, review)
    review = _locked(review)
    _require_status(review, ReviewStatus.REPORTED, what="record the decision")
    if decision not in ReviewDecision.values:
        raise ValidationError({"decision": "Choose keep, amend or cease"})
    reasons = reasons.strip()
    if decision == ReviewDecision.CEASE and not reasons:
        raise ValidationError({"reasons": "Give the reasons for ceasing to maintain the plan"})
    if decision != ReviewDecision.AMEND and review.recommends != decision and not reasons:
        raise ValidationError(
            {
                "reasons": "The meeting recommended "
                f"“{ReviewDecision(review.recommends).label.lower()}”: give the reasons for "
                "deciding otherwise"
                if review.recommends
                else "Give the reasons for the decision"
            }
        )
    today = _today()
    review.decision = decision
    review.decision_reasons = reasons
    review.decided_on = today
    review.decided_by = actor
    review.updated_by = actor
    if decision == ReviewDecision.AMEND:
        version = plan_in_force(review)
        if version is None:
            raise ValidationError("There is no plan in force to amend.")
        why = amendments.strip() or review.recommended_amendments or reasons
        review.proposed_version = plan_amend_start(
            actor=actor,
            version=version,
            reason=f"Amendments after the annual review meeting on {_day(review.held_on)}: "
            f"{why}".strip(),
        )
        review.status = ReviewStatus.AMENDING
    else:
        review.status = ReviewStatus.COMPLETE
        review.completed_on = today
    review.notice_html = notice.notice_html(review, sent_on=today)
    review.notice_sent_on = today
    review.save()
    _audit(
        actor,
        AuditEventKind.CREATED,
        review,
        review,
        new_values={"decision": decision, "on_time": today <= review.decision_due},
    )
    if decision == ReviewDecision.KEEP:
        # CFA s44(1): the next review within 12 months of this review's meeting.
        review_open(actor=actor, plan=review.plan, due_on=law.next_review_due(last=review.held_on))
    messages.decided(review=review, actor=actor)
    return review


# --- under-fives and phase transfers ------------------------------------------------------


@transaction.atomic
def interim_review_add(*, actor, plan: EhcPlan) -> Review:
    """CoP 9.178: for a child under 5 the council should consider a review every 3 to 6 months.
    Suggested, never forced: the council adds one when it chooses."""
    if not (
        actor.is_authenticated and (actor.is_superuser or plan.local_authority_id in la_ids(actor))
    ):
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
