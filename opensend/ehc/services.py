"""Every change to an EHC needs assessment: permitted, validated, audited, and told to those
it concerns (notification subjects never name a child: `opensend.ehc.messages`).

The rules come from `opensend.law` (dates, advice, notices); this module applies them to the
records. Nothing here ends a child's existing support: a support plan or an EHC plan (or a
legacy statement recorded as one) stays as it is while the case runs (issue 7 item 7).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record, model_update
from opensend.ehc import messages
from opensend.ehc.models import (
    OPEN_STAGES,
    OUTSTANDING_ADVICE,
    AdviceAttachment,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    AssessmentRequest,
    CaseException,
    CaseStage,
    Channel,
    Decision,
    DecisionKind,
    EhcCase,
    Letter,
    RequesterKind,
)
from opensend.ehc.selectors import (
    can_give_advice,
    is_la_staff_for,
    open_case_for,
    school_manager_ids,
)
from opensend.law.assessment import advice_due
from opensend.law.ehc import ExceptionKind as LawExceptionKind
from opensend.law.ehc import TimeLimitException, ehc_timeline, validate_exception
from opensend.law.errors import LawInputError
from opensend.organisations.models import Organisation, Role
from opensend.organisations.services import professional_invitation_create
from opensend.people.models import Child, ParentLink
from opensend.people.selectors import is_on_roll, la_ids

# Attachments: documents professionals already write (reports, letters, scans).
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "text/plain": ".txt",
}
# How far back a paper request's received date may go: further is almost surely a typing
# mistake, and a request that old should have had its decision long ago.
PAPER_REQUEST_MAX_AGE_DAYS = 366

# The professional role asked for each kind of advice (reg 6(1)(c)-(e)).
ROLE_FOR_KIND = {
    AdviceKind.MEDICAL: Role.HEALTH_PROFESSIONAL,
    AdviceKind.PSYCHOLOGICAL: Role.EDUCATIONAL_PSYCHOLOGIST,
    AdviceKind.SOCIAL_CARE: Role.SOCIAL_CARE_PROFESSIONAL,
    AdviceKind.ADULTHOOD: Role.SOCIAL_CARE_PROFESSIONAL,
    AdviceKind.OTHER: Role.HEALTH_PROFESSIONAL,
    AdviceKind.FAMILY_REQUESTED: Role.HEALTH_PROFESSIONAL,
}


def _today() -> date:
    return timezone.localdate()


def _audit(actor, kind: AuditEventKind, record, case: EhcCase, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=case.child_id,
        organisation_id=case.local_authority_id,
        **extra,
    )


def _require_la_staff(actor, case: EhcCase) -> None:
    if not is_la_staff_for(actor, case):
        raise PermissionDenied("Only the local authority's SEND team can do this.")


def _require_open(case: EhcCase) -> None:
    if case.stage not in OPEN_STAGES:
        raise ValidationError(
            f"This case is closed ({case.get_stage_display().lower()}), so it cannot change."
        )


def _locked(case: EhcCase) -> EhcCase:
    return EhcCase.objects.select_for_update().get(pk=case.pk)


# --- the clock ------------------------------------------------------------------------------


def _set_due_dates(case: EhcCase) -> None:
    """Statutory dates from the law, counted from the day the LA received the request."""
    timeline = ehc_timeline(received=case.received)
    case.decision_to_assess_due = timeline.decision_to_assess_due
    case.decision_not_to_issue_due = timeline.decision_not_to_issue_due
    case.draft_plan_recommended_by = timeline.draft_plan_recommended_by
    case.final_plan_due = timeline.final_plan_due


def next_statutory_step(case: EhcCase) -> tuple[str, date | None]:
    """What the LA must do next, and by when: the earliest date still to be met."""
    if case.stage == CaseStage.REQUESTED:
        return "Decide whether to assess", case.decision_to_assess_due
    if case.stage == CaseStage.ASSESSING:
        steps = [("Decide whether to issue a plan", case.decision_not_to_issue_due)]
        unsent = case.advice_requests.filter(status=AdviceStatus.DRAFT).exists()
        if unsent:
            steps.append(("Send the advice requests", case.decision_to_assess_due))
        first_due = (
            case.advice_requests.filter(status=AdviceStatus.REQUESTED)
            .order_by("due")
            .values_list("due", flat=True)
            .first()
        )
        if first_due:
            steps.append(("Advice due", first_due))
        return min(steps, key=lambda step: step[1])
    if case.stage == CaseStage.DRAFTING:
        return "Issue the final plan", case.final_plan_due
    return "", None


def _refresh_next(case: EhcCase) -> None:
    step, due = next_statutory_step(case)
    EhcCase.objects.filter(pk=case.pk).update(next_step=step, next_due=due)
    case.next_step, case.next_due = step, due


# --- requests -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Views:
    """The plain-English questions a request asks the family and the child."""

    family_about: str = ""
    family_difficulties: str = ""
    family_help_so_far: str = ""
    family_hopes: str = ""
    child_views: str = ""


def _requester_kind_for(actor, child: Child, school: Organisation | None) -> str:
    """Who the actor is, for this child: the school, a parent, or the young person."""
    if school is not None:
        if school.pk not in school_manager_ids(actor) or not is_on_roll(child, school):
            raise PermissionDenied("Only the SENCO or head of the child's school can ask for it.")
        return RequesterKind.SCHOOL
    if child.account_id and child.account_id == actor.pk:
        return RequesterKind.YOUNG_PERSON
    if ParentLink.objects.filter(child=child, user=actor, access_restricted=False).exists():
        return RequesterKind.PARENT
    raise PermissionDenied("You can ask for an assessment for your own child only.")


def _check_views(kind: str, views: Views, what_is_new: str) -> None:
    errors = {}
    if kind == RequesterKind.SCHOOL and not what_is_new.strip():
        errors["what_is_new"] = "Say why the school is asking for an assessment now"
    if kind != RequesterKind.SCHOOL and not views.family_difficulties.strip():
        errors["family_difficulties"] = "Tell us what your child finds hard"
    if errors:
        raise ValidationError(errors)


def _open_or_attach(child: Child, received: date, actor) -> tuple[EhcCase, bool]:
    """The child's open case (a second request joins it, clock unchanged), or a new one."""
    case = open_case_for(child)
    if case is not None:
        return case, False
    case = EhcCase(
        child=child,
        local_authority_id=child.home_local_authority_id,
        received=received,
        created_by=actor,
        updated_by=actor,
    )
    _set_due_dates(case)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # Two requests for one child at the same moment: the other opened the case first.
        return open_case_for(child), False
    _refresh_next(case)
    return case, True


def _save_request(
    *,
    actor,
    case,
    kind,
    school,
    channel,
    received,
    views,
    what_is_new,
    family_agrees,
    requester_name="",
    evidence=None,
) -> AssessmentRequest:
    return AssessmentRequest.objects.create(
        case=case,
        requester_kind=kind,
        requester_name=requester_name or (actor.full_name if channel == Channel.ONLINE else ""),
        made_by=actor if channel == Channel.ONLINE else None,
        school=school,
        channel=channel,
        received=received,
        family_agrees=family_agrees,
        what_is_new=what_is_new.strip(),
        school_evidence=evidence or {},
        family_about=views.family_about.strip(),
        family_difficulties=views.family_difficulties.strip(),
        family_help_so_far=views.family_help_so_far.strip(),
        family_hopes=views.family_hopes.strip(),
        child_views=views.child_views.strip(),
        created_by=actor,
        updated_by=actor,
    )


def _announce_request(actor, request: AssessmentRequest, opened: bool) -> AssessmentRequest:
    """Audit the request (with the date received, which starts the clock) and tell the LA."""
    case = request.case
    _audit(
        actor,
        AuditEventKind.CREATED,
        request,
        case,
        new_values={
            "requester": request.requester_kind,
            "channel": request.channel,
            "received": request.received,
        },
        note="opened case" if opened else "added to open case",
    )
    messages.request_received(case=case, request=request, opened=opened, actor=actor)
    return request


@transaction.atomic
def request_submit(
    *,
    actor,
    child: Child,
    views: Views,
    school: Organisation | None = None,
    what_is_new: str = "",
    family_agrees: bool = False,
) -> AssessmentRequest:
    """A request made online by the school (SENCO or head), a parent or the young person.

    CFA 2014 s36(1): the request is received the day it is submitted, which starts the clock.
    A school's request carries what OpenSEND already holds about the child (`evidence`), so
    the SENCO adds only what is new; CoP 9.8: a school asks with the family's knowledge and
    agreement, so it must confirm it.
    """
    from opensend.ehc.evidence import school_evidence

    kind = _requester_kind_for(actor, child, school)
    _check_views(kind, views, what_is_new)
    if kind == RequesterKind.SCHOOL and not family_agrees:
        raise ValidationError(
            {"family_agrees": "Confirm the family knows about the request and agrees to it"}
        )
    today = _today()
    case, opened = _open_or_attach(child, today, actor)
    request = _save_request(
        actor=actor,
        case=case,
        kind=kind,
        school=school,
        channel=Channel.ONLINE,
        received=today,
        views=views,
        what_is_new=what_is_new,
        family_agrees=family_agrees or kind != RequesterKind.SCHOOL,
        evidence=school_evidence(child, school, today) if school else None,
    )
    return _announce_request(actor, request, opened)


@transaction.atomic
def paper_request_record(
    *,
    actor,
    child: Child,
    requester_kind: str,
    requester_name: str,
    received: date,
    views: Views,
    school: Organisation | None = None,
    what_is_new: str = "",
) -> AssessmentRequest:
    """A request that reached the LA on paper (or by email or phone), typed in by its team.

    The clock starts on the day the LA received it, not the day it was typed in; that date is
    written to the audit log with who entered it.
    """
    if not (actor.is_superuser or child.home_local_authority_id in la_ids(actor)):
        raise PermissionDenied("Only the child's local authority can record a request.")
    if requester_kind not in RequesterKind.values:
        raise ValidationError({"requester_kind": "Choose who made the request"})
    if not requester_name.strip():
        raise ValidationError({"requester_name": "Enter the name of the person who asked"})
    today = _today()
    if received > today:
        raise ValidationError({"received": "The date received must be today or in the past"})
    if (today - received).days > PAPER_REQUEST_MAX_AGE_DAYS:
        raise ValidationError({"received": "The date received must be within the last year"})
    case, opened = _open_or_attach(child, received, actor)
    request = _save_request(
        actor=actor,
        case=case,
        kind=requester_kind,
        school=school,
        channel=Channel.PAPER,
        received=received,
        views=views,
        what_is_new=what_is_new,
        family_agrees=True,
        requester_name=requester_name.strip(),
    )
    return _announce_request(actor, request, opened)


@transaction.atomic
def child_for_paper_request(
    *,
    actor,
    local_authority: Organisation,
    first_name: str,
    last_name: str,
    date_of_birth: date,
    upn: str = "",
) -> Child:
    """The child a paper request is about: found by UPN, or by name and date of birth in the
    LA's area; otherwise added, since a family may ask before any school has told us of them."""
    if local_authority.pk not in la_ids(actor) and not actor.is_superuser:
        raise PermissionDenied("Only the local authority's SEND team can do this.")
    if upn:
        found = Child.objects.filter(upn=upn.strip().upper()).first()
        if found is not None:
            return found
    found = Child.objects.filter(
        first_name__iexact=first_name.strip(),
        last_name__iexact=last_name.strip(),
        date_of_birth=date_of_birth,
        home_local_authority=local_authority,
    ).first()
    if found is not None:
        return found
    child = Child.objects.create(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        date_of_birth=date_of_birth,
        upn=upn.strip().upper(),
        home_local_authority=local_authority,
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=child,
        subject_id=child.pk,
        organisation_id=local_authority.pk,
        note="added for a paper request",
    )
    return child


@transaction.atomic
def case_assign(*, actor, case: EhcCase, caseworker) -> EhcCase:
    """Give the case to a member of the LA's SEND team (or take it oneself)."""
    _require_la_staff(actor, case)
    if caseworker is not None and not (
        caseworker.memberships.filter(
            organisation_id=case.local_authority_id,
            role__in=[Role.LA_CASEWORKER, Role.LA_MANAGER],
            is_active=True,
        ).exists()
    ):
        raise ValidationError({"caseworker": "Choose someone in this council's SEND team"})
    old = case.caseworker_id
    EhcCase.objects.filter(pk=case.pk).update(
        caseworker=caseworker, updated_by=actor, updated_at=timezone.now()
    )
    case.caseworker = caseworker
    _audit(
        actor,
        AuditEventKind.UPDATED,
        case,
        case,
        old_values={"caseworker": str(old) if old else None},
        new_values={"caseworker": str(caseworker.pk) if caseworker else None},
    )
    return case


# --- decisions and letters --------------------------------------------------------------------

_NEXT_STAGE = {
    (DecisionKind.ASSESS, True): CaseStage.ASSESSING,
    (DecisionKind.ASSESS, False): CaseStage.NOT_ASSESSING,
    (DecisionKind.ISSUE, True): CaseStage.DRAFTING,
    (DecisionKind.ISSUE, False): CaseStage.NOT_ISSUING,
}
_STAGE_FOR_DECISION = {
    DecisionKind.ASSESS: CaseStage.REQUESTED,
    DecisionKind.ISSUE: CaseStage.ASSESSING,
}


@transaction.atomic
def decision_record(
    *,
    actor,
    case: EhcCase,
    kind: str,
    agreed: bool,
    reasons: str = "",
    decided_on: date | None = None,
) -> Decision:
    """Whether to assess (reg 5) or whether to issue a plan (reg 10), with its draft letter.

    CFA s36(5) and regs 5(3), 10(2): a refusal gives reasons, so one without them is refused
    here (and by a database constraint). The letter is drafted now and sent separately, after
    the caseworker has read it (`letter_send`).
    """
    _require_la_staff(actor, case)
    given, case = case, _locked(case)
    if kind not in DecisionKind.values:
        raise ValidationError({"kind": "Choose which decision this is"})
    if case.stage != _STAGE_FOR_DECISION[kind]:
        raise ValidationError(
            f"This case is at the stage '{case.get_stage_display()}', so this decision "
            "cannot be made now."
        )
    reasons = reasons.strip()
    if not agreed and not reasons:
        raise ValidationError(
            {"reasons": "Give the reasons for the decision: the family must be told why"}
        )
    today = _today()
    decided_on = decided_on or today
    if decided_on > today:
        raise ValidationError({"decided_on": "The date of the decision cannot be in the future"})
    if decided_on < case.received:
        raise ValidationError(
            {"decided_on": "The decision cannot be before the request was received"}
        )
    decision = Decision.objects.create(
        case=case,
        kind=kind,
        agreed=agreed,
        reasons=reasons,
        decided_on=decided_on,
        decided_by=actor,
        created_by=actor,
        updated_by=actor,
    )
    Letter.objects.create(case=case, decision=decision, created_by=actor, updated_by=actor)
    stage = _NEXT_STAGE[(kind, agreed)]
    changes = {"stage": stage, "updated_by": actor, "updated_at": timezone.now()}
    if stage not in OPEN_STAGES:
        changes["closed_on"] = decided_on
    EhcCase.objects.filter(pk=case.pk).update(**changes)
    case.stage = stage
    case.closed_on = changes.get("closed_on")
    _refresh_next(case)
    given.refresh_from_db()
    _audit(
        actor,
        AuditEventKind.CREATED,
        decision,
        case,
        new_values={"kind": kind, "agreed": agreed, "decided_on": decided_on},
    )
    return decision


def _unsent(letter: Letter) -> Letter:
    if letter.is_sent:
        raise ValidationError("This letter has been sent: it cannot change.")
    return letter


@transaction.atomic
def letter_update(*, actor, letter: Letter, own_words: str, expected_version: int) -> Letter:
    _require_la_staff(actor, letter.case)
    _unsent(letter)
    return model_update(
        instance=letter,
        data={"own_words": own_words.strip()},
        actor=actor,
        expected_version=expected_version,
        subject_id=letter.case.child_id,
    )


@transaction.atomic
def letter_send(*, actor, letter: Letter) -> Letter:
    """Freeze the letter as sent and tell everyone the law says must be told.

    Regs 4(2) and 5(2): the decision whether to assess goes to the family and to those told the
    LA was considering it (the school, health and social care); reg 10(3): a decision not to
    issue also goes to them. A refusal's letter must carry every element of reg 5(3): the
    letter is checked for each before it goes.
    """
    from opensend.ehc.letters import letter_html, missing_elements, recipients_for

    _require_la_staff(actor, letter.case)
    letter = Letter.objects.select_for_update().select_related("decision", "case").get(pk=letter.pk)
    _unsent(letter)
    today = _today()
    html = letter_html(letter, sent_on=today)
    missing = missing_elements(letter.decision, html)
    if missing:
        raise ValidationError("The letter is missing what the law requires: " + ", ".join(missing))
    recipients = recipients_for(letter.case)
    Letter.objects.filter(pk=letter.pk).update(
        body_html=html,
        sent_at=timezone.now(),
        sent_on=today,
        sent_by=actor,
        recipients=[recipient.label for recipient in recipients],
        version=letter.version + 1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    letter.refresh_from_db()
    _audit(
        actor,
        AuditEventKind.SENT,
        letter,
        letter.case,
        new_values={"recipients": len(recipients), "decision": str(letter.decision_id)},
    )
    messages.letter_sent(letter=letter, recipients=recipients, actor=actor)
    return letter


# --- advice ---------------------------------------------------------------------------------


def _require_assessing(case: EhcCase) -> None:
    if case.stage != CaseStage.ASSESSING:
        raise ValidationError(
            "Advice is asked for once the council has decided to assess (SEND Regulations "
            "2014 reg 6)."
        )


def _check_recipient(case, kind, recipient_user, recipient_organisation, email) -> None:
    if kind in (AdviceKind.FAMILY,):
        return
    if kind == AdviceKind.EDUCATIONAL:
        if recipient_organisation is None or recipient_organisation.kind != "school":
            raise ValidationError({"recipient_organisation": "Choose the child's school"})
        return
    if recipient_user is None and not email:
        raise ValidationError(
            {"recipient_user": "Choose who to ask, or enter the name and email of someone new"}
        )
    if (
        recipient_user is not None
        and not recipient_user.memberships.filter(
            organisation__kind="professional_service",
            organisation__local_authority_id=case.local_authority_id,
            is_active=True,
        ).exists()
    ):
        raise ValidationError({"recipient_user": "Choose a professional in this council's area"})


@transaction.atomic
def advice_request_add(
    *,
    actor,
    case: EhcCase,
    kind: str,
    recipient_user=None,
    recipient_organisation: Organisation | None = None,
    recipient_name: str = "",
    recipient_email: str = "",
    question: str = "",
) -> AdviceRequest:
    """Add one request for advice, not yet sent (so several can be sent together)."""
    _require_la_staff(actor, case)
    _require_assessing(case)
    if kind not in AdviceKind.values:
        raise ValidationError({"kind": "Choose the kind of advice"})
    recipient_email = recipient_email.strip().lower()
    if recipient_email and not recipient_name.strip():
        raise ValidationError({"recipient_name": "Enter the name of the person to ask"})
    _check_recipient(case, kind, recipient_user, recipient_organisation, recipient_email)
    if recipient_email and recipient_user is None:
        recipient_user = (
            get_user_model().objects.filter(email__iexact=recipient_email, is_active=True).first()
        )
    advice = AdviceRequest.objects.create(
        case=case,
        kind=kind,
        recipient_user=recipient_user,
        recipient_organisation=recipient_organisation,
        recipient_name=recipient_name.strip()
        or (recipient_user.full_name if recipient_user else ""),
        recipient_email=recipient_email or (recipient_user.email if recipient_user else ""),
        question=question.strip(),
        created_by=actor,
        updated_by=actor,
    )
    _audit(actor, AuditEventKind.CREATED, advice, case, new_values={"kind": kind})
    _refresh_next(case)
    return advice


def _invite_if_needed(actor, advice: AdviceRequest) -> None:
    """A professional with no account is invited to join their service, with the role this
    kind of advice needs; the request waits for them and is theirs when they join."""
    if advice.recipient_user_id or advice.kind in (AdviceKind.FAMILY, AdviceKind.EDUCATIONAL):
        return
    service = advice.recipient_organisation
    if service is None or service.kind != "professional_service":
        raise ValidationError(
            f"Choose the service {advice.recipient_name} works for, so they can be invited"
        )
    invitation, _token = professional_invitation_create(
        actor=actor,
        organisation=service,
        email=advice.recipient_email,
        full_name=advice.recipient_name,
        role=ROLE_FOR_KIND.get(advice.kind, Role.HEALTH_PROFESSIONAL),
    )
    advice.invitation = invitation


@transaction.atomic
def advice_requests_send(*, actor, advice_requests: Iterable[AdviceRequest]) -> int:
    """Send the draft requests: each body's 6 weeks start today (reg 8(1)). Returns how many."""
    today = _today()
    sent = 0
    touched: dict = {}
    for advice in advice_requests:
        advice = AdviceRequest.objects.select_for_update().select_related("case").get(pk=advice.pk)
        _require_la_staff(actor, advice.case)
        if advice.status != AdviceStatus.DRAFT:
            continue
        _require_assessing(advice.case)
        _invite_if_needed(actor, advice)
        advice.status = AdviceStatus.REQUESTED
        advice.requested_on = today
        advice.due = advice_due(today)
        advice.updated_by = actor
        advice.version += 1
        advice.save()
        _audit(actor, AuditEventKind.SENT, advice, advice.case, new_values={"due": advice.due})
        messages.advice_requested(advice=advice, actor=actor)
        touched[advice.case_id] = advice.case
        sent += 1
    for case in touched.values():
        _refresh_next(case)
    return sent


def _check_attachment(name: str, content_type: str, data: bytes) -> None:
    if content_type not in ATTACHMENT_TYPES:
        raise ValidationError(
            {"attachments": f"{name} is not a PDF, Word document, picture or text file"}
        )
    if len(data) > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"attachments": f"{name} is larger than 10 MB"})
    if not data:
        raise ValidationError({"attachments": f"{name} is empty"})


@dataclass(frozen=True)
class Upload:
    filename: str
    content_type: str
    data: bytes


@transaction.atomic
def advice_submit(
    *,
    actor,
    advice: AdviceRequest,
    needs: str,
    outcomes: str = "",
    provision: str = "",
    other_information: str = "",
    attachments: Iterable[Upload] = (),
) -> AdviceRequest:
    """The advice itself. Once given it is read-only for its author, who keeps sight of it."""
    advice = AdviceRequest.objects.select_for_update().select_related("case").get(pk=advice.pk)
    if not can_give_advice(actor, advice):
        raise PermissionDenied("You cannot give this advice (it may have been given already).")
    attachments = list(attachments)
    for upload in attachments:
        _check_attachment(upload.filename, upload.content_type, upload.data)
    if not needs.strip() and not attachments:
        raise ValidationError({"needs": "Describe the child's needs, or attach your report"})
    for upload in attachments:
        AdviceAttachment.objects.create(
            advice=advice,
            filename=upload.filename[:200],
            content_type=upload.content_type,
            size=len(upload.data),
            data=upload.data,
            created_by=actor,
            updated_by=actor,
        )
    advice.needs = needs.strip()
    advice.outcomes = outcomes.strip()
    advice.provision = provision.strip()
    advice.other_information = other_information.strip()
    advice.status = AdviceStatus.SUBMITTED
    advice.submitted_at = timezone.now()
    advice.submitted_by = actor
    advice.updated_by = actor
    advice.version += 1
    advice.save()
    _audit(
        actor,
        AuditEventKind.UPDATED,
        advice,
        advice.case,
        new_values={"status": AdviceStatus.SUBMITTED, "attachments": len(attachments)},
    )
    _refresh_next(advice.case)
    messages.advice_given(advice=advice, actor=actor)
    return advice


@transaction.atomic
def advice_reuse(
    *,
    actor,
    advice: AdviceRequest,
    description: str,
    provider_agrees: bool,
    family_agrees: bool,
) -> AdviceRequest:
    """Reg 6(4): existing advice stands instead of asking again, if the person who gave it,
    the LA and the family all agree it is sufficient. The LA agrees by recording it."""
    _require_la_staff(actor, advice.case)
    if advice.status not in OUTSTANDING_ADVICE:
        raise ValidationError("This advice has already been given.")
    errors = {}
    if not description.strip():
        errors["description"] = "Say which advice is being used: who gave it, and when"
    if not provider_agrees:
        errors["provider_agrees"] = "The person who gave the advice must agree it is sufficient"
    if not family_agrees:
        errors["family_agrees"] = "The family must agree the advice is sufficient"
    if errors:
        raise ValidationError(errors)
    AdviceRequest.objects.filter(pk=advice.pk).update(
        status=AdviceStatus.REUSED,
        reused_description=description.strip(),
        reuse_provider_agrees=True,
        reuse_family_agrees=True,
        version=advice.version + 1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    advice.refresh_from_db()
    _audit(actor, AuditEventKind.UPDATED, advice, advice.case, new_values={"status": "reused"})
    _refresh_next(advice.case)
    return advice


@transaction.atomic
def advice_withdraw(*, actor, advice: AdviceRequest) -> AdviceRequest:
    _require_la_staff(actor, advice.case)
    if advice.status not in OUTSTANDING_ADVICE:
        raise ValidationError("Advice already given cannot be withdrawn.")
    AdviceRequest.objects.filter(pk=advice.pk).update(
        status=AdviceStatus.WITHDRAWN, updated_by=actor, updated_at=timezone.now()
    )
    advice.status = AdviceStatus.WITHDRAWN
    _audit(actor, AuditEventKind.UPDATED, advice, advice.case, new_values={"status": "withdrawn"})
    _refresh_next(advice.case)
    return advice


@transaction.atomic
def advice_share_set(*, actor, advice: AdviceRequest, shared: bool, reason: str = "") -> None:
    """Families see advice by default; the LA may withhold one piece, saying why (kept)."""
    _require_la_staff(actor, advice.case)
    if not shared and not reason.strip():
        raise ValidationError({"reason": "Say why this advice is not shared with the family"})
    AdviceRequest.objects.filter(pk=advice.pk).update(
        shared_with_family=shared, updated_by=actor, updated_at=timezone.now()
    )
    advice.shared_with_family = shared
    _audit(
        actor,
        AuditEventKind.UPDATED,
        advice,
        advice.case,
        new_values={"shared_with_family": shared},
        note="withheld from family" if not shared else "shared with family",
    )


def advice_link_invited_professional(*, invitation, user) -> None:
    """When an invited professional joins, the advice requests waiting for them are theirs."""
    waiting = AdviceRequest.objects.filter(invitation=invitation, recipient_user__isnull=True)
    for advice in waiting.select_related("case"):
        AdviceRequest.objects.filter(pk=advice.pk).update(recipient_user=user)
        _audit(user, AuditEventKind.UPDATED, advice, advice.case, note="professional joined")


# --- exceptions -----------------------------------------------------------------------------


@transaction.atomic
def exception_record(
    *,
    actor,
    case: EhcCase,
    kind: str,
    start: date,
    end: date,
    note: str = "",
    advice_request: AdviceRequest | None = None,
) -> CaseException:
    """Regs 5(4), 8(2), 10(4): a dated circumstance. It is shown and reported, and it never
    moves a statutory date (DESIGN "Time")."""
    _require_la_staff(actor, case)
    if kind not in {member.value for member in LawExceptionKind}:
        raise ValidationError({"kind": "Choose the kind of exception"})
    try:
        validate_exception(TimeLimitException(kind=LawExceptionKind(kind), start=start, end=end))
    except LawInputError as error:
        raise ValidationError({"end": error.message}) from error
    if kind == LawExceptionKind.MISSED_APPOINTMENT and (
        advice_request is None or advice_request.case_id != case.pk
    ):
        raise ValidationError({"advice_request": "Choose whose appointment the child missed"})
    if start < case.received:
        raise ValidationError({"start": "The exception must start on or after the request"})
    exception = CaseException.objects.create(
        case=case,
        kind=kind,
        start=start,
        end=end,
        note=note.strip(),
        advice_request=advice_request,
        created_by=actor,
        updated_by=actor,
    )
    _audit(
        actor,
        AuditEventKind.CREATED,
        exception,
        case,
        new_values={"kind": kind, "start": start, "end": end},
    )
    return exception


def exception_reports(case: EhcCase):
    """Which limits each recorded exception touches (law.ehc), for the case page and reports."""
    exceptions = list(case.exceptions.all())
    school_advice = (
        case.advice_requests.filter(kind=AdviceKind.EDUCATIONAL, requested_on__isnull=False)
        .order_by("requested_on")
        .values_list("requested_on", flat=True)
        .first()
    )
    timeline = ehc_timeline(
        received=case.received,
        exceptions=[
            TimeLimitException(kind=LawExceptionKind(e.kind), start=e.start, end=e.end)
            for e in exceptions
        ],
        school_advice_requested=school_advice,
    )
    return list(zip(exceptions, timeline.exceptions, strict=True)), timeline


@transaction.atomic
def case_withdraw(*, actor, case: EhcCase, reason: str) -> EhcCase:
    """The request is withdrawn (the family or school no longer wants it); the case closes."""
    _require_la_staff(actor, case)
    given, case = case, _locked(case)
    _require_open(case)
    if not reason.strip():
        raise ValidationError({"reason": "Say who withdrew the request and why"})
    today = _today()
    EhcCase.objects.filter(pk=case.pk).update(
        stage=CaseStage.WITHDRAWN,
        closed_on=today,
        next_step="",
        next_due=None,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    case.stage, case.closed_on = CaseStage.WITHDRAWN, today
    given.refresh_from_db()
    _audit(actor, AuditEventKind.UPDATED, case, case, new_values={"stage": "withdrawn"})
    messages.case_changed(
        case=case, what_changed="The request for an assessment was withdrawn.", actor=actor
    )
    return case
