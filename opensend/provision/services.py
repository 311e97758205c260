"""Changes to the provision map: interventions, and who is in them. Permitted, validated, audited.

Who may change the map: the SENCO or head teacher of the school (the people who keep its SEN
register, `can_edit_register`), the same rule as for support plans, because putting a pupil in
an intervention writes a line of provision on their plan. Teachers, teaching assistants and
governors read the map.

A pupil joins an intervention through `support.services.provision_add` and leaves it through
`support.services.provision_end`, so the plan (which the family sees and the review looks at) and
the map never disagree, and every change is audited against the child.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record, model_update
from opensend.organisations.models import Organisation
from opensend.people.selectors import can_edit_register
from opensend.provision.models import Delivery, Intervention
from opensend.provision.selectors import intervention_pupils
from opensend.support import services as support_services
from opensend.support.models import OPEN_STATUSES, SupportPlan, SupportProvision

# More than this many staff hours a week in one intervention is almost certainly a typing error
# (a full-time member of staff works about 32.5 hours a week in the classroom).
MAX_HOURS_PER_WEEK = Decimal(100)

EDITABLE_FIELDS = frozenset(
    {
        "name",
        "description",
        "delivery",
        "staff",
        "hours_per_week",
        "hourly_cost",
        "other_costs_per_term",
        "max_pupils",
        "start",
        "end",
    }
)


def _require_map_editor(actor, school: Organisation) -> None:
    if not can_edit_register(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can change the provision map.")


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _pupils(count: int) -> str:
    return f"{count} pupil" if count == 1 else f"{count} pupils"


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {name: (v.strip() if isinstance(v, str) else v) for name, v in values.items()}


def _problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with an intervention's details, in words that say what to fix."""
    problems = {}
    if not values.get("name"):
        problems["name"] = "Enter the name of the intervention or group"
    if not values.get("staff"):
        problems["staff"] = "Say who delivers it (a role or a name)"
    if values.get("delivery") not in Delivery.values:
        problems["delivery"] = "Choose whether it is a group or one to one"
    hours = values.get("hours_per_week")
    if hours is None:
        problems["hours_per_week"] = "Enter the hours a week"
    elif hours <= 0:
        problems["hours_per_week"] = "The hours a week must be more than 0"
    elif hours > MAX_HOURS_PER_WEEK:
        problems["hours_per_week"] = f"The hours a week must be {MAX_HOURS_PER_WEEK} or fewer"
    if values.get("hourly_cost") is None:
        problems["hourly_cost"] = "Enter the staff cost an hour (0 if there is none)"
    elif values["hourly_cost"] < 0:
        problems["hourly_cost"] = "The staff cost an hour cannot be less than 0"
    if values.get("other_costs_per_term") is None:
        problems["other_costs_per_term"] = "Enter the other costs a term (0 if there are none)"
    elif values["other_costs_per_term"] < 0:
        problems["other_costs_per_term"] = "The other costs a term cannot be less than 0"
    if values.get("max_pupils") is not None and values["max_pupils"] < 1:
        problems["max_pupils"] = "The most pupils must be at least 1, or leave it blank"
    start, end = values.get("start"), values.get("end")
    if start is None:
        problems["start"] = "Enter the date it starts"
    elif end is not None and end < start:
        problems["end"] = "The end date must be on or after the start date"
    return problems


def _raise_model_problems(intervention: Intervention) -> None:
    """The model's own checks (digits and lengths) as plain messages on their fields."""
    try:
        intervention.full_clean(exclude=["school", "created_by", "updated_by"])
    except ValidationError as error:
        raise ValidationError(
            {name: messages[0] for name, messages in error.message_dict.items()}
        ) from error


def _audited_values(intervention: Intervention) -> dict[str, Any]:
    return {
        "name": intervention.name,
        "hours_per_week": intervention.hours_per_week,
        "hourly_cost": intervention.hourly_cost,
        "other_costs_per_term": intervention.other_costs_per_term,
        "start": intervention.start,
        "end": intervention.end,
    }


@transaction.atomic
def intervention_create(
    *,
    actor,
    school: Organisation,
    name: str,
    staff: str,
    hours_per_week: Decimal,
    start: date,
    delivery: str = Delivery.GROUP,
    description: str = "",
    hourly_cost: Decimal = Decimal(0),
    other_costs_per_term: Decimal = Decimal(0),
    max_pupils: int | None = None,
    end: date | None = None,
) -> Intervention:
    """Add an intervention or group the school runs to its provision map."""
    _require_map_editor(actor, school)
    values = _clean(
        {
            "name": name,
            "description": description,
            "delivery": delivery,
            "staff": staff,
            "hours_per_week": hours_per_week,
            "hourly_cost": hourly_cost,
            "other_costs_per_term": other_costs_per_term,
            "max_pupils": max_pupils,
            "start": start,
            "end": end,
        }
    )
    problems = _problems(values)
    if problems:
        raise ValidationError(problems)
    intervention = Intervention(school=school, created_by=actor, updated_by=actor, **values)
    _raise_model_problems(intervention)
    intervention.save()
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=intervention,
        organisation_id=school.pk,
        new_values=_audited_values(intervention),
    )
    return intervention


def _pupil_count(intervention: Intervention, on: date) -> int:
    """Pupils in the intervention on `on` or due to join it (one place each, however many
    lines of provision they have in it)."""
    return (
        intervention_pupils(intervention, on, include_upcoming=True)
        .values("plan__child_id")
        .distinct()
        .count()
    )


@transaction.atomic
def intervention_update(
    *, actor, intervention: Intervention, data: dict[str, Any], expected_version: int
) -> Intervention:
    """Change an intervention's details, refusing a stale edit (DESIGN "Audit and versions").

    Pupils already in it keep the lines on their plans as they were written (the plan is what
    was agreed with the family); a renamed or re-timed intervention changes the map only.
    """
    current = Intervention.objects.select_for_update().get(pk=intervention.pk)
    _require_map_editor(actor, current.school)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"These fields are not edited here: {', '.join(sorted(unknown))}")
    data = _clean(data)
    merged = {name: getattr(current, name) for name in EDITABLE_FIELDS} | data
    problems = _problems(merged)
    if merged["max_pupils"] is not None and "max_pupils" not in problems:
        in_it = _pupil_count(current, timezone.localdate())
        if merged["max_pupils"] < in_it:
            problems["max_pupils"] = (
                f"{_pupils(in_it)} are in it now: the most pupils cannot be fewer than that"
            )
    if problems:
        raise ValidationError(problems)
    return model_update(
        instance=current,
        actor=actor,
        data=data,
        expected_version=expected_version,
        organisation_id=current.school_id,
    )


def hours_as_frequency(hours: Decimal) -> str:
    """The intervention's weekly time in words for a pupil's plan, e.g. "2.5 hours a week"."""
    hours = Decimal(hours)
    if hours < 1:
        minutes = (hours * 60).quantize(Decimal(1))
        return f"{minutes} minutes a week"
    if hours == 1:
        return "1 hour a week"
    shown = hours.quantize(Decimal("0.01")).normalize()
    return f"{shown:f} hours a week"


@transaction.atomic
def intervention_pupils_add(
    *,
    actor,
    intervention: Intervention,
    plans: list[SupportPlan],
    start: date,
    frequency: str | None = None,
) -> list[SupportProvision]:
    """Put pupils in the intervention: a line of provision on each one's open support plan.

    All or nothing: if any pupil cannot be added, none is. Pupils already in it (now or due to
    start) are skipped, not added twice. Returns the lines written, one per pupil added.
    """
    # Locked, so two SENCOs filling the last places at once cannot overfill the group.
    current = Intervention.objects.select_for_update().get(pk=intervention.pk)
    _require_map_editor(actor, current.school)
    problems = {}
    if not plans:
        problems["plans"] = "Choose at least one pupil"
    elif any(
        plan.school_id != current.school_id or plan.status not in OPEN_STATUSES for plan in plans
    ):
        problems["plans"] = "Choose pupils with an open support plan at this school"
    if start is None:
        problems["start"] = "Enter the date they start"
    elif start < current.start:
        problems["start"] = (
            f"The intervention starts on {_long_date(current.start)}: choose that date or later"
        )
    elif current.end is not None and start > current.end:
        problems["start"] = (
            f"The intervention ends on {_long_date(current.end)}: choose a date before then"
        )
    if problems:
        raise ValidationError(problems)
    already_in = set(
        intervention_pupils(current, start, include_upcoming=True).values_list(
            "plan__child_id", flat=True
        )
    )
    unique_plans = {plan.pk: plan for plan in plans}.values()
    joining = [plan for plan in unique_plans if plan.child_id not in already_in]
    if current.max_pupils is not None and len(already_in) + len(joining) > current.max_pupils:
        room = max(current.max_pupils - len(already_in), 0)
        if room == 0:
            message = (
                f"It is full: it takes at most {_pupils(current.max_pupils)}. End a pupil's "
                "place, or change the most pupils it takes, first"
            )
        else:
            message = (
                f"There is room for {_pupils(room)} more (it takes at most "
                f"{_pupils(current.max_pupils)}): choose fewer pupils"
            )
        raise ValidationError({"plans": message})
    frequency = (frequency or "").strip() or hours_as_frequency(current.hours_per_week)
    return [
        support_services.provision_add(
            actor=actor,
            plan=plan,
            what=current.name,
            who=current.staff,
            frequency=frequency,
            start=start,
            end=current.end,
            intervention=current,
        )
        for plan in joining
    ]


@transaction.atomic
def intervention_pupil_end(
    *, actor, intervention: Intervention, provision: SupportProvision, end: date
) -> SupportProvision:
    """Take a pupil out of the intervention from `end` (their line of provision ends then).

    The line is kept, so the plan and the map still show what the pupil had.
    """
    _require_map_editor(actor, intervention.school)
    if provision.intervention_id != intervention.pk:
        raise ValidationError("This pupil is not in this intervention.")
    return support_services.provision_end(actor=actor, provision=provision, end=end)
