"""Writing and issuing an EHC plan: every change permitted, validated and audited (issue 8).

The rules: a version is editable only while it is a draft; serving a draft freezes it and opens
the family's 15 days (reg 13(1), `opensend.law.ehc.draft_comment_period`); a draft names no
school (reg 13(1), also a database constraint); the final plan names the placement (reg
12(1)(i)) and is due within 20 weeks of the request (reg 13(2)); from Year 9 the plan says how
it prepares the child for adulthood (reg 12(3)). An issued plan is never edited: a change is a
new version (DESIGN "Audit and versions").
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record, model_update
from opensend.ehc import messages
from opensend.ehc.models import (
    COMPLETE_ADVICE,
    AdviceKind,
    CaseStage,
    DraftResponse,
    EhcCase,
    EhcPlan,
    NeedSection,
    PlanNeed,
    PlanOutcome,
    PlanProvision,
    PlanVersion,
    PlanVersionStatus,
    ProvisionSection,
    SchoolConsultation,
)
from opensend.ehc.selectors import adulthood_inputs, is_la_staff_for, school_manager_ids
from opensend.law.assessment import adulthood_applies, appeal_deadline
from opensend.law.dates import add_days
from opensend.law.ehc import draft_comment_period
from opensend.law.plan_quality import Finding, provision_findings
from opensend.organisations.models import Organisation
from opensend.people.models import ParentLink

# The fields of a draft a caseworker edits directly (the rest are rows or set by the services).
VERSION_TEXT_FIELDS = (
    "views_interests_aspirations",
    "preparing_for_adulthood",
    "personal_budget",
    "change_reason",
)
# IPSEA and the Ombudsman: a school consulted on being named has 15 days to answer, counting
# the day it is asked (reference/peers.md §4) — the same count as reg 13(1)'s 15 days.
CONSULTATION_DAYS = 15

# Where each kind of advice goes when a draft is pre-filled from it (CoP 9.61–9.62).
NEED_SECTION_FOR_ADVICE = {
    AdviceKind.MEDICAL: NeedSection.C,
    AdviceKind.SOCIAL_CARE: NeedSection.D,
}
PROVISION_SECTION_FOR_ADVICE = {
    AdviceKind.MEDICAL: ProvisionSection.G,
    AdviceKind.SOCIAL_CARE: ProvisionSection.H2,
}

# Other apps act when a plan is issued (the reviews app opens the next annual review, closes
# an amendment, ends a legacy statement): each callback gets (final=PlanVersion, actor=user),
# inside the issuing transaction.
_ISSUED_CALLBACKS: list = []


def on_plan_issued(callback) -> None:
    if callback not in _ISSUED_CALLBACKS:
        _ISSUED_CALLBACKS.append(callback)


def _today() -> date:
    return timezone.localdate()


def _audit(actor, kind, record, version: PlanVersion, **extra) -> None:
    plan = version.plan
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=plan.child_id,
        organisation_id=plan.local_authority_id,
        **extra,
    )


def _require_la(actor, case: EhcCase) -> None:
    if not is_la_staff_for(actor, case):
        raise PermissionDenied("Only the local authority's SEND team can write the plan.")


def _require_draft(version: PlanVersion) -> None:
    """An issued or served version is frozen: the only way to change it is a new version."""
    if version.status != PlanVersionStatus.DRAFT:
        raise ValidationError(
            f"Version {version.number} is {version.get_status_display().lower()}: it cannot be "
            "changed. Start a new version to make a change."
        )


def _lines(text: str) -> list[str]:
    """Advice written as a list (one point a line, bullets or not) as separate items."""
    items = []
    for line in (text or "").splitlines():
        cleaned = line.strip().lstrip("-•*").strip()
        if cleaned:
            items.append(cleaned)
    return items


def is_year_nine_or_above(case: EhcCase) -> bool:
    """Reg 12(3): the plan prepares for adulthood "in or beyond year 9" (the same test as the
    assessment's reg 6(1)(g) advice)."""
    return adulthood_applies(**adulthood_inputs(case.child, _today()))


# --- starting the draft ---------------------------------------------------------------------


def _prefill_from_advice(version: PlanVersion, case: EhcCase) -> None:
    """Needs, outcomes and provision from the advice, so the caseworker edits, not re-types."""
    advice = list(case.advice_requests.filter(status__in=COMPLETE_ADVICE).order_by("kind"))
    version.advice.set(advice)
    orders: dict[str, int] = {}

    def next_order(key: str) -> int:
        orders[key] = orders.get(key, 0) + 1
        return orders[key]

    for item in advice:
        if item.kind == AdviceKind.FAMILY:
            continue
        need_section = NEED_SECTION_FOR_ADVICE.get(item.kind, NeedSection.B)
        for text in _lines(item.needs):
            PlanNeed.objects.create(
                version=version,
                section=need_section,
                order=next_order(need_section),
                description=text,
            )
        for text in _lines(item.outcomes):
            PlanOutcome.objects.create(version=version, order=next_order("E"), description=text)
        section = PROVISION_SECTION_FOR_ADVICE.get(item.kind, ProvisionSection.F)
        for text in _lines(item.provision):
            PlanProvision.objects.create(
                version=version, section=section, order=next_order(section), what=text
            )


def _section_a(case: EhcCase) -> str:
    """Section A from the family's own words: their advice, else their request's answers."""
    family = case.advice_requests.filter(kind=AdviceKind.FAMILY, status__in=COMPLETE_ADVICE)
    parts = [
        text
        for advice in family
        for text in (advice.other_information, advice.outcomes)
        if text.strip()
    ]
    if not parts:
        parts = [
            text
            for request in case.requests.all()
            for text in (request.family_about, request.family_hopes, request.child_views)
            if text.strip()
        ]
    return "\n\n".join(parts)


@transaction.atomic
def plan_draft_start(*, actor, case: EhcCase) -> PlanVersion:
    """The first draft, once the LA has decided to issue a plan (reg 10), pre-filled."""
    _require_la(actor, case)
    if case.stage != CaseStage.DRAFTING:
        raise ValidationError("A plan is drafted after the council decides to issue one.")
    if EhcPlan.objects.filter(case=case).exists():
        raise ValidationError("This case already has a plan.")
    plan = EhcPlan.objects.create(
        case=case,
        child=case.child,
        local_authority=case.local_authority,
        created_by=actor,
        updated_by=actor,
    )
    version = PlanVersion.objects.create(
        plan=plan,
        number=1,
        views_interests_aspirations=_section_a(case),
        change_reason="First draft, from the assessment's advice.",
        created_by=actor,
        updated_by=actor,
    )
    _prefill_from_advice(version, case)
    _audit(actor, AuditEventKind.CREATED, version, version, new_values={"number": 1})
    return version


# --- editing a draft ------------------------------------------------------------------------


@transaction.atomic
def plan_version_update(
    *, actor, version: PlanVersion, data: dict, expected_version: int
) -> PlanVersion:
    _require_la(actor, version.plan.case)
    _require_draft(version)
    changes = {key: (value or "").strip() for key, value in data.items()}
    unknown = set(changes) - set(VERSION_TEXT_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    return model_update(
        instance=version,
        data=changes,
        actor=actor,
        expected_version=expected_version,
        subject_id=version.plan.child_id,
    )


def _next_order(rows, **filters) -> int:
    return (rows.filter(**filters).aggregate(top=Max("order"))["top"] or 0) + 1


def _same_version(version: PlanVersion, rows, label: str) -> None:
    if any(row.version_id != version.pk for row in rows):
        raise ValidationError({label: f"Choose {label} from this version of the plan"})


@transaction.atomic
def plan_need_add(*, actor, version: PlanVersion, section: str, description: str) -> PlanNeed:
    _require_la(actor, version.plan.case)
    _require_draft(version)
    if section not in NeedSection.values:
        raise ValidationError({"section": "Choose section B, C or D"})
    if not description.strip():
        raise ValidationError({"description": "Describe the need"})
    need = PlanNeed.objects.create(
        version=version,
        section=section,
        order=_next_order(version.needs, section=section),
        description=description.strip(),
        created_by=actor,
        updated_by=actor,
    )
    _audit(actor, AuditEventKind.CREATED, need, version, new_values={"section": section})
    return need


@transaction.atomic
def plan_outcome_add(
    *,
    actor,
    version: PlanVersion,
    description: str,
    needs=(),
    by_when: str = "",
    preparing_for_adulthood: bool = False,
) -> PlanOutcome:
    _require_la(actor, version.plan.case)
    _require_draft(version)
    if not description.strip():
        raise ValidationError({"description": "Describe the outcome"})
    needs = list(needs)
    _same_version(version, needs, "needs")
    outcome = PlanOutcome.objects.create(
        version=version,
        order=_next_order(version.outcomes),
        description=description.strip(),
        by_when=by_when.strip(),
        preparing_for_adulthood=preparing_for_adulthood,
        created_by=actor,
        updated_by=actor,
    )
    outcome.needs.set(needs)
    _audit(actor, AuditEventKind.CREATED, outcome, version, new_values={"needs": len(needs)})
    return outcome


@dataclass(frozen=True)
class ProvisionLine:
    provision: PlanProvision
    findings: list[Finding]


@transaction.atomic
def plan_provision_add(
    *,
    actor,
    version: PlanVersion,
    section: str,
    what: str,
    who: str = "",
    how_often: str = "",
    how_long: str = "",
    outcomes=(),
    preparing_for_adulthood: bool = False,
) -> ProvisionLine:
    """Add provision; the specificity findings come back as warnings (CoP 9.69), not errors."""
    _require_la(actor, version.plan.case)
    _require_draft(version)
    if section not in ProvisionSection.values:
        raise ValidationError({"section": "Choose section F, G, H1 or H2"})
    if not what.strip():
        raise ValidationError({"what": "Say what the provision is"})
    outcomes = list(outcomes)
    _same_version(version, outcomes, "outcomes")
    provision = PlanProvision.objects.create(
        version=version,
        section=section,
        order=_next_order(version.provision, section=section),
        what=what.strip(),
        who=who.strip(),
        how_often=how_often.strip(),
        how_long=how_long.strip(),
        preparing_for_adulthood=preparing_for_adulthood,
        created_by=actor,
        updated_by=actor,
    )
    provision.outcomes.set(outcomes)
    _audit(actor, AuditEventKind.CREATED, provision, version, new_values={"section": section})
    return ProvisionLine(provision, provision_findings_for(provision))


def provision_findings_for(provision: PlanProvision) -> list[Finding]:
    return provision_findings(
        what=provision.what,
        who=provision.who,
        how_often=provision.how_often,
        how_long=provision.how_long,
        outcome_count=provision.outcomes.count(),
    )


@transaction.atomic
def plan_row_remove(*, actor, row) -> None:
    """Remove a need, outcome or provision line from a draft."""
    version = row.version
    _require_la(actor, version.plan.case)
    _require_draft(version)
    _audit(actor, AuditEventKind.DELETED, row, version)
    row.delete()


# --- serving the draft, the family's response, consulting schools ----------------------------


def _check_complete(version: PlanVersion, case: EhcCase) -> None:
    problems = []
    if not version.needs.filter(section=NeedSection.B).exists():
        problems.append("Section B has no special educational needs")
    if not version.outcomes.exists():
        problems.append("Section E has no outcomes")
    if not version.provision.filter(section=ProvisionSection.F).exists():
        problems.append("Section F has no special educational provision")
    if is_year_nine_or_above(case) and not version.preparing_for_adulthood.strip():
        problems.append(
            "From Year 9 the plan must say how it prepares the child for adulthood "
            "(SEND Regulations 2014 reg 12(3))"
        )
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def plan_draft_serve(*, actor, version: PlanVersion) -> PlanVersion:
    """Send the draft to the family: it is frozen as served, and their 15 days start today
    (reg 13(1): "at least 15 days beginning with the day on which the draft plan was served")."""
    case = version.plan.case
    _require_la(actor, case)
    _require_draft(version)
    _check_complete(version, case)
    today = _today()
    period = draft_comment_period(served=today)
    PlanVersion.objects.filter(pk=version.pk).update(
        status=PlanVersionStatus.SERVED,
        served_on=today,
        comments_close=period.comments_close,
        frozen_by=actor,
        version=version.version + 1,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    version.refresh_from_db()
    _audit(actor, AuditEventKind.SENT, version, version, new_values={"served_on": today})
    messages.draft_served(version=version, actor=actor)
    return version


def _is_family(actor, case: EhcCase) -> bool:
    child = case.child
    return (child.account_id is not None and child.account_id == actor.pk) or (
        ParentLink.objects.filter(child=child, user=actor, access_restricted=False).exists()
    )


@transaction.atomic
def draft_respond(
    *,
    actor,
    version: PlanVersion,
    comments: str = "",
    requested_school: Organisation | None = None,
    requested_school_name: str = "",
    wants_meeting: bool = False,
    no_changes: bool = False,
) -> DraftResponse:
    """The family's comments on the served draft, a school they ask for, a meeting they want."""
    if not _is_family(actor, version.plan.case):
        raise PermissionDenied("Only the family can respond to the draft plan.")
    if version.status != PlanVersionStatus.SERVED:
        raise ValidationError("This draft is not open for comments.")
    said_something = comments.strip() or requested_school or requested_school_name.strip()
    if not (said_something or wants_meeting or no_changes):
        raise ValidationError(
            {
                "comments": "Write your comments, name a school, ask for a meeting, or say "
                "you are happy with the draft"
            }
        )
    response = DraftResponse.objects.create(
        version=version,
        comments=comments.strip(),
        requested_school=requested_school,
        requested_school_name=requested_school_name.strip(),
        wants_meeting=wants_meeting,
        no_changes=no_changes,
        created_by=actor,
        updated_by=actor,
    )
    _audit(actor, AuditEventKind.CREATED, response, version)
    return response


@transaction.atomic
def consultation_send(*, actor, version: PlanVersion, school: Organisation) -> SchoolConsultation:
    """Ask a school whether it can meet the child's needs before naming it (CFA 2014 s39)."""
    _require_la(actor, version.plan.case)
    if version.status not in (PlanVersionStatus.DRAFT, PlanVersionStatus.SERVED):
        raise ValidationError("Schools are consulted while the plan is still a draft.")
    if school.kind != "school":
        raise ValidationError({"school": "Choose a school or college"})
    today = _today()
    consultation, created = SchoolConsultation.objects.get_or_create(
        version=version,
        school=school,
        defaults={
            "sent_on": today,
            "respond_by": add_days(today, CONSULTATION_DAYS - 1),
            "created_by": actor,
            "updated_by": actor,
        },
    )
    if not created:
        raise ValidationError({"school": f"{school.name} has already been consulted"})
    _audit(actor, AuditEventKind.SENT, consultation, version, new_values={"school": str(school.pk)})
    messages.school_consulted(consultation=consultation, actor=actor)
    return consultation


@transaction.atomic
def consultation_respond(
    *, actor, consultation: SchoolConsultation, can_meet_needs: bool, response: str
) -> SchoolConsultation:
    if consultation.school_id not in school_manager_ids(actor):
        raise PermissionDenied("Only the school's SENCO or head can answer the consultation.")
    if consultation.responded_on is not None:
        raise ValidationError("The school has already answered.")
    if not can_meet_needs and not response.strip():
        raise ValidationError({"response": "Say why the school cannot meet the child's needs"})
    SchoolConsultation.objects.filter(pk=consultation.pk).update(
        can_meet_needs=can_meet_needs,
        response=response.strip(),
        responded_on=_today(),
        responded_by=actor,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    consultation.refresh_from_db()
    _audit(
        actor,
        AuditEventKind.UPDATED,
        consultation,
        consultation.version,
        new_values={"can_meet_needs": can_meet_needs},
    )
    return consultation


# --- new versions and the final plan ------------------------------------------------------------


def _copy_rows(source: PlanVersion, target: PlanVersion, actor) -> None:
    """Needs, outcomes and provision copied with their links, for a new version."""
    needs = {}
    for need in source.needs.all():
        needs[need.pk] = PlanNeed.objects.create(
            version=target,
            section=need.section,
            order=need.order,
            description=need.description,
            created_by=actor,
            updated_by=actor,
        )
    outcomes = {}
    for outcome in source.outcomes.prefetch_related("needs"):
        copy = PlanOutcome.objects.create(
            version=target,
            order=outcome.order,
            description=outcome.description,
            by_when=outcome.by_when,
            preparing_for_adulthood=outcome.preparing_for_adulthood,
            created_by=actor,
            updated_by=actor,
        )
        copy.needs.set([needs[n.pk] for n in outcome.needs.all()])
        outcomes[outcome.pk] = copy
    for line in source.provision.prefetch_related("outcomes"):
        copy = PlanProvision.objects.create(
            version=target,
            section=line.section,
            order=line.order,
            what=line.what,
            who=line.who,
            how_often=line.how_often,
            how_long=line.how_long,
            preparing_for_adulthood=line.preparing_for_adulthood,
            created_by=actor,
            updated_by=actor,
        )
        copy.outcomes.set([outcomes[o.pk] for o in line.outcomes.all()])
    target.advice.set(source.advice.all())


def _new_version(source: PlanVersion, *, actor, status: str, reason: str, **fields) -> PlanVersion:
    number = (source.plan.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=source.plan,
        number=number,
        status=status,
        based_on=source,
        change_reason=reason,
        views_interests_aspirations=source.views_interests_aspirations,
        preparing_for_adulthood=source.preparing_for_adulthood,
        personal_budget=source.personal_budget,
        created_by=actor,
        updated_by=actor,
        **fields,
    )
    _copy_rows(source, version, actor)
    return version


@transaction.atomic
def plan_redraft(*, actor, version: PlanVersion, reason: str) -> PlanVersion:
    """A new draft from a served one (after the family's comments), saying why."""
    _require_la(actor, version.plan.case)
    if version.status != PlanVersionStatus.SERVED:
        raise ValidationError("A new draft is started from the draft sent to the family.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the draft is changing"})
    PlanVersion.objects.filter(pk=version.pk).update(status=PlanVersionStatus.SUPERSEDED)
    draft = _new_version(
        version, actor=actor, status=PlanVersionStatus.DRAFT, reason=reason.strip()
    )
    _audit(actor, AuditEventKind.CREATED, draft, draft, new_values={"based_on": version.number})
    return draft


@transaction.atomic
def plan_issue(
    *,
    actor,
    version: PlanVersion,
    placement: Organisation | None = None,
    placement_name: str = "",
    placement_type: str = "",
    reason: str = "",
) -> PlanVersion:
    """Issue the final plan from the served draft, naming the placement (Section I).

    Reg 13(1): the family has at least 15 days to comment, so the plan is issued only once
    that time has passed or the family has answered. Reg 13(2): within 20 weeks of the
    request; a late plan is still issued (and counted as late), never blocked.
    """
    case = version.plan.case
    _require_la(actor, case)
    if version.status != PlanVersionStatus.SERVED:
        raise ValidationError("A final plan is issued from the draft sent to the family.")
    today = _today()
    if today <= version.comments_close and not version.responses.exists():
        raise ValidationError(
            f"The family has until {version.comments_close:%-d %B %Y} to comment on the draft "
            "(SEND Regulations 2014 reg 13(1))."
        )
    name = placement.name if placement else placement_name.strip()
    if not name and not placement_type.strip():
        raise ValidationError(
            {"placement": "Name the school or other institution, or at least its type (Section I)"}
        )
    # An amended plan replaces the plan in force (reg 22(3)); only one version is ever issued.
    PlanVersion.objects.filter(
        Q(pk=version.pk) | Q(plan=version.plan, status=PlanVersionStatus.ISSUED)
    ).update(status=PlanVersionStatus.SUPERSEDED)
    final = _new_version(
        version,
        actor=actor,
        status=PlanVersionStatus.ISSUED,
        reason=reason.strip() or "Final plan, as the draft sent to the family.",
        placement=placement,
        placement_name=name,
        placement_type=placement_type.strip(),
        issued_on=today,
        frozen_by=actor,
    )
    EhcCase.objects.filter(pk=case.pk).update(
        stage=CaseStage.ISSUED,
        closed_on=today,
        next_step="",
        next_due=None,
        updated_by=actor,
        updated_at=timezone.now(),
    )
    _audit(
        actor,
        AuditEventKind.CREATED,
        final,
        final,
        new_values={"issued_on": today, "on_time": today <= case.final_plan_due},
    )
    messages.plan_issued(final=final, appeal_by=appeal_deadline(letter_date=today), actor=actor)
    for callback in _ISSUED_CALLBACKS:
        callback(final=final, actor=actor)
    return final


@transaction.atomic
def plan_amend_start(*, actor, version: PlanVersion, reason: str) -> PlanVersion:
    """A draft of proposed amendments from the plan in force (reg 22(2)): a copy of the issued
    version, editable, with the reason. Section I stays as issued until the amended plan is
    issued (a draft names no school, as in reg 13(1)), so the draft copies no placement."""
    _require_la(actor, version.plan.case)
    if version.status != PlanVersionStatus.ISSUED:
        raise ValidationError("Amendments start from the plan in force.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the plan is being amended"})
    if version.plan.versions.filter(status=PlanVersionStatus.DRAFT).exists():
        raise ValidationError("This plan already has a draft of amendments.")
    draft = _new_version(
        version, actor=actor, status=PlanVersionStatus.DRAFT, reason=reason.strip()
    )
    _audit(actor, AuditEventKind.CREATED, draft, draft, new_values={"based_on": version.number})
    return draft
