"""Arranging the meeting (reg 20(1)-(3), 21) and its advice (reg 20(4))."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.ehc.models import AdviceKind
from opensend.ehc.selectors import school_manager_ids
from opensend.law import reviews as law
from opensend.law.dates import academic_year_of, add_days
from opensend.meetings.models import Invitee as MeetingInvitee
from opensend.meetings.models import Meeting, MeetingKind, MeetingStatus
from opensend.organisations.models import Membership, Organisation, Role
from opensend.organisations.selectors import terms_or_defaults_for
from opensend.people.models import ParentLink
from opensend.reviews import messages
from opensend.reviews.models import (
    ParticipantRole,
    Review,
    ReviewParticipant,
    ReviewStatus,
)
from opensend.reviews.services._base import (
    Invitee,
    _audit,
    _day,
    _locked,
    _require_arranger,
    _require_status,
    _today,
    can_arrange,
)

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
    # The review as it is now, not as the caller once read it with the participant.
    review = Review.objects.select_for_update().get(pk=participant.review_id)
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
