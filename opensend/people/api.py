"""Children, enrolments and the SEN register through /api/v1/, scoped like the pages.

Every read goes through the people selectors, so the API shows a person exactly what the pages
do: a parent who changes a UUID gets the same 404 as on the web. Reading one child's record is
audited (`get_child_for`); changes go through the register services, whose field problems come
back as the API's one error shape (422 with `fields`).
"""

from datetime import date
from math import ceil
from typing import Annotated, Literal
from uuid import UUID

from django.db.models import Exists, OuterRef, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from opensend.people import selectors, services
from opensend.people.models import NEED_CHOICES, Child, Enrolment, SenStatus

router = Router(tags=["children"])

PAGE_SIZE = 50

ProvisionCode = Literal["E", "K", "N"]
NeedCode = Literal[tuple(code for code, _ in NEED_CHOICES)]
RegisterSort = Literal["name", "-name", "dob", "-dob"]


# Schemas ----------------------------------------------------------------------------------------


class NeedOut(Schema):
    code: str
    rank: int = Field(description="1 is the primary need")


class NeedPeriodOut(NeedOut):
    start: date
    end: date | None


class EnrolmentOut(Schema):
    school_id: UUID
    school_name: str
    year_group: str
    start: date
    end: date | None = None


class SenStatusOut(Schema):
    id: UUID
    provision: str
    start: date
    end: date | None
    reason: str


class ChildOut(Schema):
    id: UUID
    upn: str
    first_name: str
    last_name: str
    date_of_birth: date
    home_local_authority_id: UUID
    provision: ProvisionCode | None = Field(
        description="Current SEN provision: E (EHC plan), K (SEN support) or N (no SEN)"
    )
    needs: list[NeedOut] = Field(description="Current types of need, primary (rank 1) first")
    enrolments: list[EnrolmentOut] = Field(description="Schools the child is on roll at now")


class ChildDetailOut(ChildOut):
    sen_statuses: list[SenStatusOut] = Field(description="Every SEN provision period, newest first")
    needs_history: list[NeedPeriodOut] = Field(description="Every need period, newest first")


class ChildPage(Schema):
    count: int
    page: int
    pages: int
    results: list[ChildOut]


class SenStatusIn(Schema):
    provision: ProvisionCode
    start: date = Field(description="The first day of the new provision; not in the future")
    reason: str = Field("", max_length=300)


class NeedIn(Schema):
    code: str = Field(description="A DfE type of need code, e.g. ASD, SEMH, SPLD")
    rank: int = Field(description="1 for the primary need, then 2, 3, …")


class NeedsIn(Schema):
    needs: list[NeedIn]
    start: date = Field(description="The first day the new needs apply; not in the future")


# Helpers ----------------------------------------------------------------------------------------


def _enrolment(enrolment: Enrolment) -> dict:
    return {
        "school_id": enrolment.school_id,
        "school_name": enrolment.school.name,
        "year_group": enrolment.year_group,
        "start": enrolment.start,
        "end": enrolment.end,
    }


def _summary(child: Child) -> dict:
    """A child with the current register prefetched (`current_register_prefetch`)."""
    status = child.open_statuses[0] if child.open_statuses else None
    return {
        "id": child.pk,
        "upn": child.upn,
        "first_name": child.first_name,
        "last_name": child.last_name,
        "date_of_birth": child.date_of_birth,
        "home_local_authority_id": child.home_local_authority_id,
        "provision": status.provision if status else None,
        "needs": [
            {"code": need.code, "rank": need.rank}
            for need in sorted(child.open_needs, key=lambda need: (need.rank, need.code))
        ],
        "enrolments": [_enrolment(enrolment) for enrolment in child.open_enrolments],
    }


def _page(children: QuerySet[Child], page: int) -> dict:
    """One page of children in a stable order; `children` prefetches the current register."""
    count = children.count()
    ordering = children.query.order_by or ("last_name", "first_name")
    start = (page - 1) * PAGE_SIZE
    rows = children.order_by(*ordering, "pk")[start : start + PAGE_SIZE] if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, ceil(count / PAGE_SIZE)),
        "results": [_summary(child) for child in rows],
    }


def _visible_child(user, child_id) -> Child:
    """The child for a change, or 404 (the change itself is audited by the service)."""
    child = selectors.children_visible_to(user).filter(pk=child_id).first()
    if child is None:
        raise Http404("Not found.")
    return child


# Operations -------------------------------------------------------------------------------------


@router.get("/children", response=ChildPage)
def child_list(
    request,
    page: Annotated[int, Query(ge=1)] = 1,
    school: Annotated[UUID | None, Query(description="Only pupils on roll there now")] = None,
    provision: Annotated[ProvisionCode | None, Query(description="Only this provision")] = None,
):
    """The children you may see, 50 a page, with their current SEN provision, needs and
    schools. School staff see pupils on roll at their schools; LA staff see their area's
    children with a statutory case; parents and young people see their own."""
    children = selectors.children_visible_to(request.user).order_by("last_name", "first_name")
    if school is not None:
        children = children.filter(
            Exists(Enrolment.objects.filter(child=OuterRef("pk"), school_id=school, end=None))
        )
    if provision is not None:
        children = children.filter(
            Exists(SenStatus.objects.filter(child=OuterRef("pk"), provision=provision, end=None))
        )
    return _page(children.prefetch_related(*selectors.current_register_prefetch()), page)


@router.get("/children/{child_id}", response=ChildDetailOut)
def child_get(request, child_id: UUID):
    """One child's record with the history of their SEN provision and needs. Reading it is
    written to the audit log."""
    child = selectors.get_child_for(request.user, child_id)
    prefetch_related_objects([child], *selectors.current_register_prefetch())
    return {
        **_summary(child),
        "sen_statuses": child.sen_statuses.order_by("-start", "-created_at"),
        "needs_history": child.needs.order_by("-start", "rank", "code"),
    }


@router.get("/children/{child_id}/enrolments", response=list[EnrolmentOut])
def child_enrolment_list(request, child_id: UUID):
    """Every school the child has been on roll at, newest first."""
    child = selectors.get_child_for(request.user, child_id)
    return [
        _enrolment(enrolment)
        for enrolment in child.enrolments.select_related("school").order_by("-start", "pk")
    ]


@router.get("/schools/{school_id}/register", response=ChildPage, tags=["register"])
def school_register(
    request,
    school_id: UUID,
    page: Annotated[int, Query(ge=1)] = 1,
    provision: Annotated[
        ProvisionCode | None,
        Query(description="E or K; N lists pupils with no SEN. Without it: E and K."),
    ] = None,
    need: Annotated[NeedCode | None, Query(description="Only pupils with this need now")] = None,
    sort: Annotated[RegisterSort, Query(description="name or dob; a leading - reverses")] = "name",
):
    """A school's SEN register, for its SENCO, head, teachers and teaching assistants."""
    school = selectors.get_register_school_for(request.user, school_id)
    children = selectors.register_for_school(
        request.user, school, provision=provision, need=need, order=sort
    )
    return _page(children, page)


@router.post(
    "/children/{child_id}/sen-status",
    response={201: SenStatusOut},
    tags=["register"],
)
def child_sen_status_change(request, child_id: UUID, payload: SenStatusIn):
    """Move a pupil between E, K and N from `start`, keeping the history: the current status
    ends the day before. For the SENCO or head of the child's school."""
    child = _visible_child(request.user, child_id)
    school = selectors.get_register_school_for_child(request.user, child)
    status = services.sen_status_change(
        actor=request.user,
        child=child,
        school=school,
        provision=payload.provision,
        start=payload.start,
        reason=payload.reason,
        today=timezone.localdate(),
    )
    return Status(201, status)


@router.put("/children/{child_id}/needs", response=list[NeedPeriodOut], tags=["register"])
def child_needs_update(request, child_id: UUID, payload: NeedsIn):
    """Replace the pupil's current types of need from `start`, keeping the history. Answers
    with the needs now current. For the SENCO or head of the child's school."""
    child = _visible_child(request.user, child_id)
    school = selectors.get_register_school_for_child(request.user, child)
    services.needs_update(
        actor=request.user,
        child=child,
        school=school,
        needs=[(need.code, need.rank) for need in payload.needs],
        start=payload.start,
        today=timezone.localdate(),
    )
    return child.needs.filter(end__isnull=True).order_by("rank", "code")
