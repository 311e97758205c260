"""EHC needs assessments through /api/v1/ehc/, scoped like the pages (issue 7 item 10).

Each party reads a case through its own door, exactly as on the pages (opensend.ehc.selectors):

- the local authority's SEND team reads its cases in full: every request, decision (letters
  drafted or sent), advice request (drafts too) and recorded exception;
- the SENCO and head of the child's school read the case's requests, the decisions whose
  letters have been sent, and the advice asked of their school;
- the family reads the timeline, the decisions whose letters have been sent and the advice
  shared with them (never advice the LA withheld, never a draft);
- professionals read no case: only the advice requests addressed to them (`/ehc/advice`).

Reading one case or one advice request is audited against the child. Every change goes through
the EHC services: a request (the school or the family), a decision (the LA), advice (whoever
it is asked of). A service's field problems come back as the API's one error shape (422 with
`fields`); a person who may read but not act gets 403; outside their reach, 404.
"""

import base64
import binascii
from datetime import date, datetime
from math import ceil
from typing import Annotated, Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from opensend.ehc import selectors, services
from opensend.ehc.models import (
    AdviceAttachment,
    AdviceKind,
    AdviceRequest,
    AdviceStatus,
    CaseStage,
    EhcCase,
)
from opensend.people import selectors as people_selectors
from opensend.people.models import Enrolment
from opensend.people.selectors import la_ids

router = Router(tags=["EHC needs assessments"])

PAGE_SIZE = 50

StageCode = Literal[tuple(CaseStage.values)]
AdviceKindCode = Literal[tuple(AdviceKind.values)]
AdviceStatusCode = Literal[tuple(AdviceStatus.values)]
View = Literal["la", "school", "family"]


# Schemas ----------------------------------------------------------------------------------------


class CaseSummaryOut(Schema):
    id: UUID
    child_id: UUID
    child_first_name: str
    child_last_name: str
    local_authority_id: UUID
    local_authority_name: str
    stage: StageCode
    stage_label: str = Field(description="The stage in plain English")
    received: date = Field(description="The day the LA received the request: every clock starts")
    decision_to_assess_due: date = Field(description="SEND Regulations 2014 reg 5(1): 6 weeks")
    decision_not_to_issue_due: date = Field(description="Reg 10(1): 16 weeks")
    final_plan_due: date = Field(description="Reg 13(2): 20 weeks")
    next_step: str = Field(description="What the LA must do next; empty once the case is closed")
    next_due: date | None
    closed_on: date | None
    caseworker_name: str | None = Field(description="Who at the LA owns the case, if anyone")
    view: View = Field(
        description="Which door you read it through: la (the SEND team), school (SENCO or "
        "head) or family; it decides what the case shows you"
    )


class CasePage(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseSummaryOut]


class StageOut(Schema):
    step: str
    due: date
    rule: str = Field(description="The statutory source, or why a date is not statutory")


class RequestOut(Schema):
    id: UUID
    requester_kind: Literal["school", "parent", "young_person"]
    requester_name: str
    school_id: UUID | None
    channel: Literal["online", "paper"]
    received: date
    family_agrees: bool
    what_is_new: str
    family_about: str
    family_difficulties: str
    family_help_so_far: str
    family_hopes: str
    child_views: str


class DecisionOut(Schema):
    id: UUID
    kind: Literal["assess", "issue"]
    agreed: bool = Field(description="true: assess (or issue a plan); false: refused")
    decided_on: date
    reasons: str
    letter_id: UUID | None
    letter_sent_on: date | None = Field(description="null while the letter is a draft")


class ExceptionOut(Schema):
    id: UUID
    kind: str
    start: date
    end: date
    applies_to: list[str] = Field(
        description="The limits it makes impractical (regs 5(4), 8(2), 10(4)); it never "
        "moves a date"
    )


class CaseOut(CaseSummaryOut):
    timeline: list[StageOut] = Field(description="Each statutory step and its date, in order")
    requests: list[RequestOut] | None = Field(
        description="Every request on the case; null for the family, whose page shows the "
        "timeline instead"
    )
    decisions: list[DecisionOut] = Field(
        description="The LA sees every decision; the school and family those whose letter "
        "has been sent"
    )
    exceptions: list[ExceptionOut] | None = Field(description="For the LA only; null otherwise")


class AttachmentOut(Schema):
    id: UUID
    filename: str
    content_type: str
    size: int


class AdviceOut(Schema):
    id: UUID
    case_id: UUID
    kind: AdviceKindCode
    kind_label: str
    status: AdviceStatusCode
    recipient_name: str
    question: str
    requested_on: date | None
    due: date | None = Field(description="Reg 8(1): 6 weeks from the request; null for a draft")
    submitted_at: datetime | None
    shared_with_family: bool
    needs: str
    outcomes: str
    provision: str
    other_information: str
    reused_description: str = Field(description="Reg 6(4): the existing advice used instead")
    attachments: list[AttachmentOut] = Field(
        description="Download each from its page in OpenSEND, after signing in"
    )


class ResponderAdviceOut(Schema):
    id: UUID
    case_id: UUID
    child_id: UUID
    child_first_name: str
    child_last_name: str
    local_authority_name: str
    kind: AdviceKindCode
    kind_label: str
    status: AdviceStatusCode
    question: str
    requested_on: date | None
    due: date | None
    submitted_at: datetime | None
    can_give: bool = Field(description="true while the advice is asked for and not yet given")


class ResponderAdvicePage(Schema):
    count: int
    page: int
    pages: int
    results: list[ResponderAdviceOut]


class ResponderAdviceDetailOut(ResponderAdviceOut):
    needs: str
    outcomes: str
    provision: str
    other_information: str
    attachments: list[AttachmentOut]


class ViewsIn(Schema):
    """The plain-English questions a request asks the family and the child."""

    family_about: str = Field("", description="What the child is like and good at")
    family_difficulties: str = Field(
        "", description="What the child finds hard (needed for a family's request)"
    )
    family_help_so_far: str = Field("", description="Help the child has had so far")
    family_hopes: str = Field("", description="What the family would like to happen")
    child_views: str = Field("", description="The child's own views")


class RequestIn(Schema):
    child_id: UUID
    school_id: UUID | None = Field(
        None,
        description="For the school's request (its SENCO or head); leave out for a parent's "
        "or young person's own request",
    )
    what_is_new: str = Field(
        "", description="The school's reason for asking now (what OpenSEND does not hold)"
    )
    family_agrees: bool = Field(
        False, description="A school confirms the family knows and agrees (CoP 9.8)"
    )
    views: ViewsIn = Field(default_factory=ViewsIn)


class RequestCreatedOut(Schema):
    id: UUID
    case_id: UUID
    case_opened: bool = Field(
        description="true if this request opened the case; false if it joined an open case "
        "(the clock is not restarted)"
    )
    requester_kind: Literal["school", "parent", "young_person"]
    received: date


class DecisionIn(Schema):
    kind: Literal["assess", "issue"] = Field(
        description="assess: whether to assess (reg 5); issue: whether to issue a plan (reg 10)"
    )
    agreed: bool
    reasons: str = Field("", description="Required when refusing (CFA 2014 s36(5), reg 10(2))")
    decided_on: date | None = Field(None, description="Today if left out; never in the future")


class AttachmentIn(Schema):
    filename: str = Field(max_length=200)
    content_type: str = Field(description="PDF, Word, JPEG, PNG or plain text")
    data_base64: str = Field(description="The file, base64-encoded; at most 10 MB")


class AdviceIn(Schema):
    needs: str = Field(description="The child's needs (or attach your report)")
    outcomes: str = ""
    provision: str = ""
    other_information: str = ""
    attachments: list[AttachmentIn] = Field(default_factory=list)


# Helpers ----------------------------------------------------------------------------------------


def _summary(case: EhcCase, view: str) -> dict:
    """A case with its child, LA and caseworker selected."""
    return {
        "id": case.pk,
        "child_id": case.child_id,
        "child_first_name": case.child.first_name,
        "child_last_name": case.child.last_name,
        "local_authority_id": case.local_authority_id,
        "local_authority_name": case.local_authority.name,
        "stage": case.stage,
        "stage_label": case.get_stage_display(),
        "received": case.received,
        "decision_to_assess_due": case.decision_to_assess_due,
        "decision_not_to_issue_due": case.decision_not_to_issue_due,
        "final_plan_due": case.final_plan_due,
        "next_step": case.next_step,
        "next_due": case.next_due,
        "closed_on": case.closed_on,
        "caseworker_name": case.caseworker.full_name if case.caseworker else None,
        "view": view,
    }


def _readable_cases(user) -> QuerySet[EhcCase]:
    """Every case this person may read, through any of their doors."""
    return EhcCase.objects.filter(
        Q(pk__in=selectors.la_cases(user).values("pk"))
        | Q(pk__in=selectors.school_cases(user).values("pk"))
        | Q(pk__in=selectors.family_cases(user).values("pk"))
    )


def _case_for(user, case_id) -> tuple[EhcCase, str]:
    """The case through the widest door the person has (404 outside all), audited."""
    doors = (
        ("la", selectors.la_cases, selectors.get_la_case_for),
        ("school", selectors.school_cases, selectors.get_school_case_for),
        ("family", selectors.family_cases, selectors.get_family_case_for),
    )
    for view, cases, getter in doors:
        if cases(user).filter(pk=case_id).exists():
            return getter(user, case_id), view
    raise Http404("Not found.")


def _attachments_prefetch() -> Prefetch:
    # The files themselves stay in the database: the API lists them, the pages serve them.
    return Prefetch(
        "attachments",
        queryset=AdviceAttachment.objects.defer("data").order_by("created_at"),
    )


def _attachments(advice: AdviceRequest) -> list[dict]:
    return [
        {
            "id": attachment.pk,
            "filename": attachment.filename,
            "content_type": attachment.content_type,
            "size": attachment.size,
        }
        for attachment in advice.attachments.all()
    ]


def _advice(advice: AdviceRequest) -> dict:
    return {
        "id": advice.pk,
        "case_id": advice.case_id,
        "kind": advice.kind,
        "kind_label": advice.get_kind_display(),
        "status": advice.status,
        "recipient_name": advice.recipient_name,
        "question": advice.question,
        "requested_on": advice.requested_on,
        "due": advice.due,
        "submitted_at": advice.submitted_at,
        "shared_with_family": advice.shared_with_family,
        "needs": advice.needs,
        "outcomes": advice.outcomes,
        "provision": advice.provision,
        "other_information": advice.other_information,
        "reused_description": advice.reused_description,
        "attachments": _attachments(advice),
    }


def _case_advice(user, case: EhcCase, view: str) -> QuerySet[AdviceRequest]:
    """The advice requests a door shows: all (LA), the school's own, or those shared."""
    if view == "la":
        advice = case.advice_requests.all()
    elif view == "school":
        advice = case.advice_requests.filter(
            kind=AdviceKind.EDUCATIONAL,
            recipient_organisation_id__in=selectors.school_manager_ids(user),
        ).exclude(status__in=[AdviceStatus.DRAFT, AdviceStatus.WITHDRAWN])
    else:
        advice = selectors.advice_shared_with_family(case)
    # The family's selector prefetches whole attachments; the list needs no file contents.
    advice = advice.prefetch_related(None).prefetch_related(_attachments_prefetch())
    return advice.order_by("due", "created_at", "pk")


def _decisions(case: EhcCase, view: str) -> list[dict]:
    decisions = case.decisions.select_related("letter").order_by("decided_on", "created_at")
    rows = []
    for decision in decisions:
        letter = getattr(decision, "letter", None)
        sent_on = letter.sent_on if letter and letter.is_sent else None
        if view != "la" and sent_on is None:
            continue  # a draft letter is the LA's until it is sent
        rows.append(
            {
                "id": decision.pk,
                "kind": decision.kind,
                "agreed": decision.agreed,
                "decided_on": decision.decided_on,
                "reasons": decision.reasons,
                "letter_id": letter.pk if letter else None,
                "letter_sent_on": sent_on,
            }
        )
    return rows


def _detail(user, case: EhcCase, view: str) -> dict:
    reports, timeline = services.exception_reports(case)
    return {
        **_summary(case, view),
        "timeline": [
            {"step": stage.step, "due": stage.due, "rule": stage.rule} for stage in timeline.stages
        ],
        "requests": None if view == "family" else list(selectors.case_requests(case)),
        "decisions": _decisions(case, view),
        "exceptions": [
            {
                "id": exception.pk,
                "kind": exception.kind,
                "start": exception.start,
                "end": exception.end,
                "applies_to": report.applies_to,
            }
            for exception, report in reports
        ]
        if view == "la"
        else None,
    }


def _responder_advice(advice: AdviceRequest, *, detail: bool = False) -> dict:
    child = advice.case.child
    row = {
        "id": advice.pk,
        "case_id": advice.case_id,
        "child_id": child.pk,
        "child_first_name": child.first_name,
        "child_last_name": child.last_name,
        "local_authority_name": advice.case.local_authority.name,
        "kind": advice.kind,
        "kind_label": advice.get_kind_display(),
        "status": advice.status,
        "question": advice.question,
        "requested_on": advice.requested_on,
        "due": advice.due,
        "submitted_at": advice.submitted_at,
        "can_give": advice.status == AdviceStatus.REQUESTED,
    }
    if detail:
        row |= {
            "needs": advice.needs,
            "outcomes": advice.outcomes,
            "provision": advice.provision,
            "other_information": advice.other_information,
            "attachments": _attachments(advice),
        }
    return row


def _uploads(attachments: list[AttachmentIn]) -> list[services.Upload]:
    uploads = []
    for index, attachment in enumerate(attachments):
        try:
            data = base64.b64decode(attachment.data_base64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationError(
                {f"attachments.{index}.data_base64": "This is not base64-encoded data"}
            ) from error
        uploads.append(services.Upload(attachment.filename, attachment.content_type, data))
    return uploads


def _page(rows: QuerySet, page: int, shape) -> dict:
    count = rows.count()
    start = (page - 1) * PAGE_SIZE
    chosen = rows[start : start + PAGE_SIZE] if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, ceil(count / PAGE_SIZE)),
        "results": [shape(row) for row in chosen],
    }


# Operations -------------------------------------------------------------------------------------


@router.get("/ehc/cases", response=CasePage)
def ehc_case_list(
    request,
    page: Annotated[int, Query(ge=1)] = 1,
    stage: Annotated[StageCode | None, Query(description="Only cases at this stage")] = None,
):
    """The EHC needs assessment cases you may read, 50 a page, soonest statutory date first.
    The LA's SEND team sees its cases; a school's SENCO and head the cases of pupils on roll;
    a family their own child's. Professionals see none here: see `/ehc/advice`."""
    user = request.user
    cases = _readable_cases(user)
    if stage is not None:
        cases = cases.filter(stage=stage)
    authorities = la_ids(user)
    schools = selectors.school_manager_ids(user)
    cases = (
        cases.select_related("child", "local_authority", "caseworker")
        .annotate(
            at_school=Exists(
                Enrolment.objects.filter(
                    child=OuterRef("child_id"), school_id__in=schools, end__isnull=True
                )
            )
        )
        .order_by("next_due", "received", "pk")
    )

    def shape(case):
        if user.is_superuser or case.local_authority_id in authorities:
            return _summary(case, "la")
        return _summary(case, "school" if case.at_school else "family")

    return _page(cases, page, shape)


@router.get("/ehc/cases/{case_id}", response=CaseOut)
def ehc_case_get(request, case_id: UUID):
    """One case: where it is, its statutory timeline, requests and decisions, as your page
    shows them. Reading it is written to the audit log."""
    case, view = _case_for(request.user, case_id)
    return _detail(request.user, case, view)


@router.get("/ehc/cases/{case_id}/advice", response=list[AdviceOut])
def ehc_case_advice_list(request, case_id: UUID):
    """The case's advice requests, with each one's status and due date (reg 8(1)) and, once
    given, the advice. The LA sees them all; the school the advice asked of it; the family
    the advice shared with them."""
    case, view = _case_for(request.user, case_id)
    return [_advice(advice) for advice in _case_advice(request.user, case, view)]


@router.post("/ehc/requests", response={201: RequestCreatedOut})
def ehc_request_create(request, payload: RequestIn):
    """Ask the LA for an EHC needs assessment: the school (its SENCO or head, with
    `school_id`, the family's agreement and what is new), or a parent or the young person
    (with their views). It is received today, which starts the clock (CFA 2014 s36(1)); a
    request for a child with an open case joins that case."""
    user = request.user
    child = people_selectors.children_visible_to(user).filter(pk=payload.child_id).first()
    if child is None:
        raise Http404("Not found.")
    school = (
        people_selectors.get_register_school_for(user, payload.school_id)
        if payload.school_id
        else None
    )
    made = services.request_submit(
        actor=user,
        child=child,
        school=school,
        what_is_new=payload.what_is_new,
        family_agrees=payload.family_agrees,
        views=services.Views(**payload.views.dict()),
    )
    opened = not made.case.requests.exclude(pk=made.pk).exists()
    return Status(
        201,
        {
            "id": made.pk,
            "case_id": made.case_id,
            "case_opened": opened,
            "requester_kind": made.requester_kind,
            "received": made.received,
        },
    )


@router.post("/ehc/cases/{case_id}/decisions", response={201: DecisionOut})
def ehc_decision_create(request, case_id: UUID, payload: DecisionIn):
    """Record the decision whether to assess (reg 5) or whether to issue a plan (reg 10). A
    refusal needs reasons. Its letter is drafted for the caseworker to read and send from the
    case page. For the LA's SEND team."""
    case = selectors.get_la_case_for(request.user, case_id)
    decision = services.decision_record(
        actor=request.user,
        case=case,
        kind=payload.kind,
        agreed=payload.agreed,
        reasons=payload.reasons,
        decided_on=payload.decided_on,
    )
    return Status(
        201,
        {
            "id": decision.pk,
            "kind": decision.kind,
            "agreed": decision.agreed,
            "decided_on": decision.decided_on,
            "reasons": decision.reasons,
            "letter_id": decision.letter.pk,
            "letter_sent_on": None,  # the caseworker reads the draft, then sends it
        },
    )


@router.get("/ehc/advice", response=ResponderAdvicePage)
def ehc_advice_request_list(
    request,
    page: Annotated[int, Query(ge=1)] = 1,
    status: Annotated[
        Literal["requested", "submitted", "reused"] | None,
        Query(description="requested: still to give; submitted: given"),
    ] = None,
):
    """The advice you are asked for, 50 a page, soonest due first: a professional's requests
    addressed to them by name, the educational advice asked of a SENCO's or head's school, a
    family's own advice."""
    advice = selectors.advice_for_responder(request.user)
    if status is not None:
        advice = advice.filter(status=status)
    advice = advice.select_related("case__child", "case__local_authority").order_by(
        "due", "created_at", "pk"
    )
    return _page(advice, page, _responder_advice)


@router.get("/ehc/advice/{advice_id}", response=ResponderAdviceDetailOut)
def ehc_advice_request_get(request, advice_id: UUID):
    """One advice request asked of you and, once given, your advice (read-only afterwards).
    Reading it is written to the audit log."""
    advice = selectors.get_advice_for_responder(request.user, advice_id)
    return _responder_advice(advice, detail=True)


@router.post("/ehc/advice/{advice_id}", response=ResponderAdviceDetailOut)
def ehc_advice_submit(request, advice_id: UUID, payload: AdviceIn):
    """Give the advice asked of you (reg 6): the child's needs, outcomes, provision and
    anything else, with documents if you have them. Once given it cannot be changed (403)."""
    advice = selectors.get_advice_for_responder(request.user, advice_id)
    given = services.advice_submit(
        actor=request.user,
        advice=advice,
        needs=payload.needs,
        outcomes=payload.outcomes,
        provision=payload.provision,
        other_information=payload.other_information,
        attachments=_uploads(payload.attachments),
    )
    return _responder_advice(given, detail=True)
