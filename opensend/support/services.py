"""Changes to SEN support plans. Every one is permitted, validated and audited against the child.

Who may change a plan: the SENCO or head teacher of the plan's school (the people who keep its
SEN register, `can_edit_register`). Teachers and teaching assistants read plans but do not
change them; keeping one rule for "who writes SEN records" is simpler to explain and to test.
A teacher's contribution reaches the plan through the SENCO (or, later, a comment feature).

A reviewed plan is frozen (DESIGN "Audit and versions"): it is kept as it was, and the review
starts the next cycle as a new draft pre-filled from it, so the common case (most outcomes carry
over) is one action.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record, model_update
from opensend.law.dates import add_months
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Enrolment
from opensend.people.selectors import can_edit_register, is_on_roll
from opensend.provision.models import Intervention
from opensend.support.models import (
    NextStep,
    Outcome,
    OutcomeProgress,
    OutcomeReview,
    PlanReview,
    SupportPlan,
    SupportPlanStatus,
    SupportProvision,
)

# CoP 6.52: the plan names "a clear date for review"; CoP 6.65: schools meet parents of pupils
# with SEN at least three times a year. Reviews are usually termly, so a plan's review date must
# fall within six months: a later date is almost certainly a mistake (a year typed wrongly), and
# the six-month ceiling still leaves the school room to align reviews with its own calendar
# (the implementation guidance warns against reading "three times a year" too rigidly).
MAX_REVIEW_MONTHS = 6

# A plan's own text, in the order the pages show it. The next cycle copies all of it.
PLAN_TEXT_FIELDS = (
    "assessment",
    "assessed_by",
    "parent_responsibilities",
    "pupil_responsibilities",
    "school_responsibilities",
    "pupil_views",
    "parent_views",
    "strengths",
    "what_helps",
    "what_to_avoid",
)

# The fields an edit may change; status, cycle, child and school change only through the
# services that own those transitions.
EDITABLE_FIELDS = frozenset({*PLAN_TEXT_FIELDS, "review_due"})


def _require_plan_editor(actor, school: Organisation) -> None:
    if not can_edit_register(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can change support plans.")


def _require_on_roll(child: Child, school: Organisation) -> None:
    if not is_on_roll(child, school):
        raise PermissionDenied("This pupil is not on your school's roll.")


def open_plan_exists(child: Child, school: Organisation) -> bool:
    return SupportPlan.objects.filter(
        child=child, school=school, status__in=[SupportPlanStatus.DRAFT, SupportPlanStatus.ACTIVE]
    ).exists()


def _refuse_if_frozen(plan: SupportPlan) -> None:
    if plan.status == SupportPlanStatus.REVIEWED:
        raise ValidationError(
            "This plan has been reviewed and is kept as it was. Change the next cycle's plan "
            "instead."
        )


def _locked(plan: SupportPlan) -> SupportPlan:
    """The plan as it is now, locked until the transaction ends (so two reviews cannot race)."""
    # of=("self",): lock the plan row only, not the child and school rows joined to it.
    return (
        SupportPlan.objects.select_for_update(of=("self",))
        .select_related("child", "school")
        .get(pk=plan.pk)
    )


def _check_review_due(review_due: date, today: date, field: str = "review_due") -> None:
    if review_due <= today:
        raise ValidationError({field: "The review date must be in the future"})
    latest = add_months(today, MAX_REVIEW_MONTHS)
    if review_due > latest:
        raise ValidationError(
            {
                field: "Review SEN support at least every six months (termly is usual): choose "
                f"a date no later than {latest.day} {latest:%B %Y}"
            }
        )


def _audit(actor, kind: AuditEventKind, record, plan: SupportPlan, **extra) -> None:
    audit_record(
        actor=actor,
        kind=kind,
        record=record,
        subject_id=plan.child_id,
        organisation_id=plan.school_id,
        **extra,
    )


def _bump(plan: SupportPlan, actor, **changes: Any) -> SupportPlan:
    """Write a status change on a locked plan, moving its version on like any other edit."""
    plan.version += 1
    plan.updated_by = actor
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.save(update_fields=[*changes, "version", "updated_by", "updated_at"])
    return plan


@transaction.atomic
def support_plan_start(
    *,
    actor,
    child: Child,
    school: Organisation,
    review_due: date,
    today: date,
    assessment: str = "",
    assessed_by: str = "",
    parent_responsibilities: str = "",
    pupil_responsibilities: str = "",
    school_responsibilities: str = "",
    pupil_views: str = "",
    parent_views: str = "",
    strengths: str = "",
    what_helps: str = "",
    what_to_avoid: str = "",
) -> SupportPlan:
    """Start a pupil's first (or a fresh) support plan, as a draft. One open plan per school."""
    _require_plan_editor(actor, school)
    _require_on_roll(child, school)
    _check_review_due(review_due, today)
    if open_plan_exists(child, school):
        raise ValidationError(
            "This pupil already has an open support plan at this school: change that one."
        )
    last_cycle = (
        SupportPlan.objects.filter(child=child, school=school).aggregate(last=Max("cycle"))["last"]
        or 0
    )
    values = {
        "review_due": review_due,
        "assessment": assessment.strip(),
        "assessed_by": assessed_by.strip(),
        "parent_responsibilities": parent_responsibilities.strip(),
        "pupil_responsibilities": pupil_responsibilities.strip(),
        "school_responsibilities": school_responsibilities.strip(),
        "pupil_views": pupil_views.strip(),
        "parent_views": parent_views.strip(),
        "strengths": strengths.strip(),
        "what_helps": what_helps.strip(),
        "what_to_avoid": what_to_avoid.strip(),
    }
    try:
        with transaction.atomic():
            plan = SupportPlan.objects.create(
                child=child,
                school=school,
                cycle=last_cycle + 1,
                created_by=actor,
                updated_by=actor,
                **values,
            )
    except IntegrityError as error:  # a second start racing this one
        raise ValidationError(
            "This pupil already has an open support plan at this school: change that one."
        ) from error
    _audit(
        actor,
        AuditEventKind.CREATED,
        plan,
        plan,
        new_values={"cycle": plan.cycle, "review_due": review_due},
    )
    return plan


@transaction.atomic
def support_plan_update(
    *, actor, plan: SupportPlan, data: dict[str, Any], expected_version: int
) -> SupportPlan:
    """Change a draft or active plan's text or review date, refusing a stale edit."""
    current = _locked(plan)
    _require_plan_editor(actor, current.school)
    _refuse_if_frozen(current)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"These fields are not edited here: {', '.join(sorted(unknown))}")
    data = {name: (v.strip() if isinstance(v, str) else v) for name, v in data.items()}
    if "review_due" in data and data["review_due"] != current.review_due:
        _check_review_due(data["review_due"], timezone.localdate())
    return model_update(
        instance=current,
        actor=actor,
        data=data,
        expected_version=expected_version,
        subject_id=current.child_id,
        organisation_id=current.school_id,
    )


@transaction.atomic
def outcome_add(
    *, actor, plan: SupportPlan, description: str, success_criteria: str = ""
) -> Outcome:
    """Add an outcome sought to a draft or active plan, after the existing ones."""
    current = _locked(plan)
    _require_plan_editor(actor, current.school)
    _refuse_if_frozen(current)
    description = description.strip()
    if not description:
        raise ValidationError({"description": "Describe the outcome sought"})
    last = current.outcomes.aggregate(last=Max("order"))["last"] or 0
    outcome = Outcome.objects.create(
        plan=current,
        order=last + 1,
        description=description,
        success_criteria=success_criteria.strip(),
        created_by=actor,
        updated_by=actor,
    )
    _audit(actor, AuditEventKind.CREATED, outcome, current, new_values={"order": outcome.order})
    return outcome


def _check_provision(
    plan: SupportPlan,
    *,
    what: str,
    who: str,
    frequency: str,
    start: date,
    end: date | None,
    outcome: Outcome | None,
    intervention: Intervention | None,
) -> None:
    """The rules for a line of provision, whether it is being added or changed."""
    problems = {}
    if not what:
        problems["what"] = "Say what the support or provision is"
    if not who:
        problems["who"] = "Say who provides it (a role or a name)"
    if not frequency:
        problems["frequency"] = "Say how often, for example 3 × 20 minutes a week"
    if end is not None and end < start:
        problems["end"] = "The end date must be on or after the start date"
    if outcome is not None and outcome.plan_id != plan.pk:
        problems["outcome"] = "Choose one of this plan's outcomes"
    if intervention is not None and intervention.school_id != plan.school_id:
        problems["intervention"] = "Choose one of your school's interventions"
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def provision_add(
    *,
    actor,
    plan: SupportPlan,
    what: str,
    who: str,
    frequency: str,
    start: date,
    end: date | None = None,
    outcome: Outcome | None = None,
    intervention: Intervention | None = None,
) -> SupportProvision:
    """Add support or provision (what, who, how often, from and to) to a draft or active plan."""
    current = _locked(plan)
    _require_plan_editor(actor, current.school)
    _refuse_if_frozen(current)
    what, who, frequency = what.strip(), who.strip(), frequency.strip()
    _check_provision(
        current,
        what=what,
        who=who,
        frequency=frequency,
        start=start,
        end=end,
        outcome=outcome,
        intervention=intervention,
    )
    provision = SupportProvision.objects.create(
        plan=current,
        outcome=outcome,
        intervention=intervention,
        what=what,
        who=who,
        frequency=frequency,
        start=start,
        end=end,
        created_by=actor,
        updated_by=actor,
    )
    _audit(
        actor,
        AuditEventKind.CREATED,
        provision,
        current,
        new_values={"start": start, "end": end},
    )
    return provision


def _editable_plan_of(actor, record) -> SupportPlan:
    """The locked plan an outcome or provision belongs to, once the actor may change it."""
    plan = _locked(record.plan)
    _require_plan_editor(actor, plan.school)
    _refuse_if_frozen(plan)
    return plan


@transaction.atomic
def outcome_update(*, actor, outcome: Outcome, data: dict[str, Any], expected_version: int):
    """Change an outcome's wording or success criteria on a draft or active plan."""
    plan = _editable_plan_of(actor, outcome)
    unknown = set(data) - {"description", "success_criteria"}
    if unknown:
        raise ValueError(f"These fields are not edited here: {', '.join(sorted(unknown))}")
    data = {name: value.strip() for name, value in data.items()}
    if "description" in data and not data["description"]:
        raise ValidationError({"description": "Describe the outcome sought"})
    return model_update(
        instance=outcome,
        actor=actor,
        data=data,
        expected_version=expected_version,
        subject_id=plan.child_id,
        organisation_id=plan.school_id,
    )


@transaction.atomic
def outcome_remove(*, actor, outcome: Outcome) -> None:
    """Take an outcome off a draft or active plan; the rest are renumbered 1, 2, 3...

    Its provision stays on the plan as support for no outcome in particular (the support is
    still being given; the SENCO can remove it separately). A reviewed plan keeps its outcomes.
    """
    plan = _editable_plan_of(actor, outcome)
    removed_order = outcome.order
    _audit(
        actor,
        AuditEventKind.DELETED,
        outcome,
        plan,
        old_values={"order": removed_order, "description": outcome.description},
    )
    outcome.delete()
    # Ascending, so each outcome moves down into the slot just freed (the order is unique).
    for later in plan.outcomes.filter(order__gt=removed_order).order_by("order"):
        Outcome.objects.filter(pk=later.pk).update(order=later.order - 1)


_PROVISION_FIELDS = frozenset({"what", "who", "frequency", "start", "end", "outcome"})


@transaction.atomic
def provision_update(
    *, actor, provision: SupportProvision, data: dict[str, Any], expected_version: int
) -> SupportProvision:
    """Change a line of provision on a draft or active plan, refusing a stale edit."""
    plan = _editable_plan_of(actor, provision)
    unknown = set(data) - _PROVISION_FIELDS
    if unknown:
        raise ValueError(f"These fields are not edited here: {', '.join(sorted(unknown))}")
    data = {name: (v.strip() if isinstance(v, str) else v) for name, v in data.items()}
    merged = {
        name: data.get(name, getattr(provision, name))
        for name in ("what", "who", "frequency", "start", "end", "outcome")
    }
    _check_provision(plan, intervention=provision.intervention, **merged)
    if "outcome" in data:  # model_update compares and stores the key, not the object
        data["outcome"] = data["outcome"].pk if data["outcome"] is not None else None
    return model_update(
        instance=provision,
        actor=actor,
        data=data,
        expected_version=expected_version,
        subject_id=plan.child_id,
        organisation_id=plan.school_id,
    )


@transaction.atomic
def provision_end(*, actor, provision: SupportProvision, end: date) -> SupportProvision:
    """Record that a line of provision stops on `end` (a pupil leaves an intervention).

    Ending keeps the line, so the plan and the provision map still show what the pupil had;
    an end date before the start is refused. An earlier end date than one already set is
    allowed (the support stopped sooner than planned).
    """
    plan = _editable_plan_of(actor, provision)
    if end < provision.start:
        raise ValidationError({"end": "The end date must be on or after the start date"})
    return model_update(
        instance=provision,
        actor=actor,
        data={"end": end},
        expected_version=provision.version,
        subject_id=plan.child_id,
        organisation_id=plan.school_id,
    )


@transaction.atomic
def provision_remove(*, actor, provision: SupportProvision) -> None:
    """Delete a line of provision entered by mistake (to stop real support, end it instead)."""
    plan = _editable_plan_of(actor, provision)
    _audit(
        actor,
        AuditEventKind.DELETED,
        provision,
        plan,
        old_values={"what": provision.what, "start": provision.start, "end": provision.end},
    )
    provision.delete()


@transaction.atomic
def support_plan_activate(*, actor, plan: SupportPlan) -> SupportPlan:
    """Agree the draft: the plan is now being carried out (the "do")."""
    current = _locked(plan)
    _require_plan_editor(actor, current.school)
    if current.status != SupportPlanStatus.DRAFT:
        raise ValidationError("Only a draft plan can be started.")
    if not current.outcomes.exists():
        raise ValidationError("Add at least one outcome before starting the plan.")
    _bump(current, actor, status=SupportPlanStatus.ACTIVE)
    _audit(
        actor,
        AuditEventKind.UPDATED,
        current,
        current,
        old_values={"status": SupportPlanStatus.DRAFT},
        new_values={"status": SupportPlanStatus.ACTIVE},
    )
    return current


@transaction.atomic
def support_plan_review(
    *,
    actor,
    plan: SupportPlan,
    review_date: date,
    summary: str,
    progress: dict[Any, str],
    next_step: str,
    parent_contributed: bool,
    pupil_contributed: bool,
    next_review_due: date | None = None,
    carry_over: set | None = None,
    notes: dict[Any, str] | None = None,
    agreed: bool = False,
) -> SupportPlan | None:
    """Record the review, freeze the plan and (unless support ends) start the next cycle.

    `agreed` says the next plan was agreed with the family at the review meeting (where it is
    usually settled, CoP 6.65), so it starts active rather than as a draft: one action instead
    of two when most outcomes carry over.

    `progress` maps every outcome's id to an `OutcomeProgress`. `carry_over` names the outcomes
    the next cycle keeps; when None, every outcome not yet achieved is carried over. The next
    cycle is a draft copying this plan's assessment, responsibilities and views, the carried
    outcomes and their provision, so the SENCO changes only what is new. Returns the new plan,
    or None when SEN support ends.
    """
    current = _locked(plan)
    _require_plan_editor(actor, current.school)
    _refuse_if_frozen(current)
    if current.status != SupportPlanStatus.ACTIVE:
        raise ValidationError("Start the plan before reviewing it.")
    today = timezone.localdate()
    outcomes = list(current.outcomes.order_by("order"))
    by_id = {str(outcome.pk): outcome for outcome in outcomes}
    progress = {str(key): value for key, value in progress.items()}
    notes = {str(key): value for key, value in (notes or {}).items()}
    problems: dict[str, str] = {}
    if review_date > today:
        problems["review_date"] = "The review date cannot be in the future"
    elif review_date < timezone.localdate(current.created_at):
        problems["review_date"] = "The review date cannot be before the plan was written"
    if set(progress) - set(by_id):
        problems["progress"] = "Progress was given for an outcome that is not in this plan"
    elif set(by_id) - set(progress):
        problems["progress"] = "Record progress against every outcome"
    elif any(value not in OutcomeProgress.values for value in progress.values()):
        problems["progress"] = "Choose a progress level for every outcome"
    if next_step not in NextStep.values:
        problems["next_step"] = "Choose what happens next"
    continuing = next_step != NextStep.END_SUPPORT
    if carry_over is None:
        carried_ids = {key for key, value in progress.items() if value != OutcomeProgress.ACHIEVED}
    else:
        carried_ids = {str(key) for key in carry_over}
        if carried_ids - set(by_id):
            problems["carry_over"] = "Only this plan's outcomes can be carried over"
    if continuing:
        if next_review_due is None:
            problems["next_review_due"] = "Choose when the next cycle will be reviewed"
        else:
            try:
                _check_review_due(next_review_due, today, field="next_review_due")
            except ValidationError as error:
                problems.update({k: v[0] for k, v in error.message_dict.items()})
        if not Enrolment.objects.filter(
            child_id=current.child_id, school_id=current.school_id, end__isnull=True
        ).exists():
            problems["next_step"] = "The pupil has left the school: choose to end SEN support"
        if agreed and not carried_ids:
            problems["agreed"] = (
                "No outcomes carry over, so the next plan has none yet: leave this unticked, "
                "add the new outcomes to the draft, then make it active"
            )
    if problems:
        raise ValidationError(problems)

    review = PlanReview.objects.create(
        plan=current,
        review_date=review_date,
        summary=summary.strip(),
        parent_contributed=parent_contributed,
        pupil_contributed=pupil_contributed,
        next_step=next_step,
        created_by=actor,
        updated_by=actor,
    )
    OutcomeReview.objects.bulk_create(
        OutcomeReview(
            plan_review=review,
            outcome=outcome,
            progress=progress[key],
            notes=notes.get(key, "").strip(),
            created_by=actor,
            updated_by=actor,
        )
        for key, outcome in by_id.items()
    )
    _bump(current, actor, status=SupportPlanStatus.REVIEWED)
    _audit(
        actor,
        AuditEventKind.CREATED,
        review,
        current,
        new_values={
            "review_date": review_date,
            "next_step": next_step,
            "progress": {str(by_id[key].order): value for key, value in progress.items()},
        },
    )
    _audit(
        actor,
        AuditEventKind.UPDATED,
        current,
        current,
        old_values={"status": SupportPlanStatus.ACTIVE},
        new_values={"status": SupportPlanStatus.REVIEWED},
    )
    if not continuing:
        return None
    next_plan = _start_next_cycle(
        actor=actor,
        plan=current,
        review_due=next_review_due,
        carried=[outcome for outcome in outcomes if str(outcome.pk) in carried_ids],
        review_date=review_date,
    )
    if agreed:
        next_plan = support_plan_activate(actor=actor, plan=next_plan)
    return next_plan


def _start_next_cycle(
    *,
    actor,
    plan: SupportPlan,
    review_due: date,
    carried: list[Outcome],
    review_date: date,
) -> SupportPlan:
    """The next cycle's draft, pre-filled from the reviewed plan."""
    next_plan = SupportPlan.objects.create(
        child_id=plan.child_id,
        school_id=plan.school_id,
        cycle=plan.cycle + 1,
        previous=plan,
        review_due=review_due,
        created_by=actor,
        updated_by=actor,
        **{name: getattr(plan, name) for name in PLAN_TEXT_FIELDS},
    )
    new_outcomes = Outcome.objects.bulk_create(
        Outcome(
            plan=next_plan,
            order=order,
            description=outcome.description,
            success_criteria=outcome.success_criteria,
            carried_from=outcome,
            created_by=actor,
            updated_by=actor,
        )
        for order, outcome in enumerate(carried, start=1)
    )
    outcome_map = {old.pk: new for old, new in zip(carried, new_outcomes, strict=True)}
    # Provision for a carried outcome, and provision for no outcome in particular, goes on
    # unless it had already ended by the review.
    still_running = plan.provisions.exclude(end__lt=review_date)
    SupportProvision.objects.bulk_create(
        SupportProvision(
            plan=next_plan,
            outcome=outcome_map.get(provision.outcome_id),
            intervention_id=provision.intervention_id,
            what=provision.what,
            who=provision.who,
            frequency=provision.frequency,
            start=provision.start,
            end=provision.end,
            created_by=actor,
            updated_by=actor,
        )
        for provision in still_running
        if provision.outcome_id is None or provision.outcome_id in outcome_map
    )
    _audit(
        actor,
        AuditEventKind.CREATED,
        next_plan,
        next_plan,
        new_values={"cycle": next_plan.cycle, "review_due": review_due},
        note=f"next cycle; {len(carried)} outcomes carried over",
    )
    return next_plan
