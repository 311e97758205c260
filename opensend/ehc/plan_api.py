"""EHC plans through /api/v1/ehc/plan-versions, scoped like the pages (issue 8 item 6).

Read-only: a plan changes only through the caseworker's pages, where each change is checked
(drafts only, the family's 15 days, Section I). Each reader gets the versions their door
allows (`selectors.plan_versions_visible_to`) and, in each, only the sections they may read
(`selectors.visible_sections`: teachers B, E and F; a professional the sections their advice
speaks to). Reading one version is written to the audit log.
"""

from datetime import date
from math import ceil
from typing import Annotated, Literal
from uuid import UUID

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema

from opensend.ehc import selectors
from opensend.ehc.models import PlanOutcome, PlanProvision, PlanVersion, PlanVersionStatus

router = Router(tags=["EHC plans"])

PAGE_SIZE = 50
StatusCode = Literal[tuple(PlanVersionStatus.values)]


class VersionSummaryOut(Schema):
    id: UUID
    plan_id: UUID
    child_id: UUID
    child_first_name: str
    child_last_name: str
    local_authority_name: str
    number: int
    status: StatusCode
    status_label: str
    change_reason: str
    served_on: date | None = Field(description="The day the draft was sent to the family")
    comments_close: date | None = Field(
        description="SEND Regulations 2014 reg 13(1): the last of the family's 15 days"
    )
    issued_on: date | None


class VersionPage(Schema):
    count: int
    page: int
    pages: int
    results: list[VersionSummaryOut]


class NeedOut(Schema):
    id: UUID
    section: Literal["B", "C", "D"]
    order: int
    description: str


class OutcomeOut(Schema):
    id: UUID
    order: int
    description: str
    by_when: str
    preparing_for_adulthood: bool
    need_ids: list[UUID]


class ProvisionOut(Schema):
    id: UUID
    section: Literal["F", "G", "H1", "H2"]
    order: int
    what: str
    who: str
    how_often: str
    how_long: str
    preparing_for_adulthood: bool
    outcome_ids: list[UUID]


class AdviceListedOut(Schema):
    kind: str
    kind_label: str
    given_on: date | None


class VersionOut(VersionSummaryOut):
    sections_shown: list[str] = Field(description="The sections you may read, A to K")
    views_interests_aspirations: str | None = Field(description="Section A")
    needs: list[NeedOut] = Field(description="Sections B, C and D, as far as shown")
    outcomes: list[OutcomeOut] = Field(description="Section E")
    provision: list[ProvisionOut] = Field(description="Sections F, G, H1 and H2, as far as shown")
    placement_name: str | None = Field(description="Section I: blank in a draft")
    placement_type: str | None
    personal_budget: str | None = Field(description="Section J")
    advice: list[AdviceListedOut] | None = Field(description="Section K")
    preparing_for_adulthood: str | None = Field(description="Reg 12(3): from Year 9")


def _summary(version: PlanVersion) -> dict:
    child = version.plan.child
    return {
        "id": version.pk,
        "plan_id": version.plan_id,
        "child_id": child.pk,
        "child_first_name": child.first_name,
        "child_last_name": child.last_name,
        "local_authority_name": version.plan.local_authority.name,
        "number": version.number,
        "status": version.status,
        "status_label": version.get_status_display(),
        "change_reason": version.change_reason,
        "served_on": version.served_on,
        "comments_close": version.comments_close,
        "issued_on": version.issued_on,
    }


@router.get("/ehc/plan-versions", response=VersionPage)
def ehc_plan_version_list(request, page: Annotated[int, Query(ge=1)] = 1):
    """The plan versions you may read, 50 a page, newest first."""
    versions = (
        selectors.plan_versions_visible_to(request.user)
        .select_related("plan__child", "plan__local_authority")
        .order_by("-created_at", "pk")
    )
    count = versions.count()
    start = (page - 1) * PAGE_SIZE
    chosen = versions[start : start + PAGE_SIZE] if start < count else []
    return {
        "count": count,
        "page": page,
        "pages": max(1, ceil(count / PAGE_SIZE)),
        "results": [_summary(version) for version in chosen],
    }


def _shown(sections, letter: str, value):
    return value if letter in sections else None


@router.get("/ehc/plan-versions/{version_id}", response=VersionOut)
def ehc_plan_version_get(request, version_id: UUID):
    """One version, with only the sections you may read. The read is audited."""
    version = selectors.get_plan_version_for(request.user, version_id)
    sections = selectors.visible_sections(request.user, version)
    outcomes = version.outcomes.prefetch_related(
        Prefetch("needs", to_attr="linked_needs")
    ).order_by("order")
    provision = PlanProvision.objects.filter(version=version).prefetch_related(
        Prefetch("outcomes", queryset=PlanOutcome.objects.only("pk"), to_attr="linked")
    )
    return {
        **_summary(version),
        "sections_shown": sorted(sections),
        "views_interests_aspirations": _shown(sections, "A", version.views_interests_aspirations),
        "needs": [
            {"id": n.pk, "section": n.section, "order": n.order, "description": n.description}
            for n in version.needs.all()
            if n.section in sections
        ],
        "outcomes": [
            {
                "id": o.pk,
                "order": o.order,
                "description": o.description,
                "by_when": o.by_when,
                "preparing_for_adulthood": o.preparing_for_adulthood,
                "need_ids": [n.pk for n in o.linked_needs if n.section in sections],
            }
            for o in (outcomes if "E" in sections else [])
        ],
        "provision": [
            {
                "id": p.pk,
                "section": p.section,
                "order": p.order,
                "what": p.what,
                "who": p.who,
                "how_often": p.how_often,
                "how_long": p.how_long,
                "preparing_for_adulthood": p.preparing_for_adulthood,
                "outcome_ids": [o.pk for o in p.linked],
            }
            for p in provision
            if p.section in sections
        ],
        "placement_name": _shown(sections, "I", version.placement_name),
        "placement_type": _shown(sections, "I", version.placement_type),
        "personal_budget": _shown(sections, "J", version.personal_budget),
        "advice": [
            {
                "kind": a.kind,
                "kind_label": a.get_kind_display(),
                "given_on": a.submitted_at.date() if a.submitted_at else None,
            }
            for a in version.advice.all()
        ]
        if "K" in sections
        else None,
        "preparing_for_adulthood": _shown(sections, "F", version.preparing_for_adulthood),
    }
