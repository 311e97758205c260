"""Recording a meeting with parents, and cancelling one (issue 6: "Parents as partners").

Who records: the SENCO or head teacher (`can_manage_meetings`), the people who keep the SEN
register and change support plans. A teacher who led the meeting does not record it
themselves: saving the record changes each attending pupil's support plan, and only the SENCO
and head change plans (opensend.support.services), so one rule for both keeps "who writes SEN
records" simple to explain and to test. The teacher gives their notes to the SENCO.

What is recorded, on one page and in one submission (a group meeting for six families is one
save): the shared record on the `Meeting` (the objectives set, the progress reviewed, the
activities and support agreed, and who does what: the parents, the pupil, the school — the DfE
implementation guidance, "Engagement with Parents"), and for each family on its `Invitee`:
whether they came, their views, the child's views and notes about the child. Attendance must be
answered for every family. Saving makes the meeting "held" and stamps `recorded_at` the first
time; the SENCO may correct the record later (the same page, version-checked).

A meeting cannot be recorded before it starts, nor once cancelled, nor while it is still only
proposed (the families have not been invited).

What reaches each attending pupil's open support plan (the one draft or active plan at the
meeting's school; a reviewed plan is frozen and left alone, and a pupil with no open plan is
simply skipped):

- the family's views are added to the plan's "parents' views", and the child's views to "the
  pupil's views" (CoP 6.64: the views of the pupil and parents are part of the plan);
- the record's "who does what" is added to the plan's parents', pupil's and school
  responsibilities. At a group meeting these are agreed with every family present (for example
  "the school sends home a reading pack each week"), so a SENCO expects them on each attending
  pupil's plan too; they are labelled as coming from the group meeting so the SENCO can make
  them particular to the child later.

Text is only ever added, never replaced: each addition is a paragraph starting "From the
meeting with parents on 3 March 2027:" (or "From the group meeting..."), after what the plan
already says, and a blank answer adds nothing. The objectives, progress and support agreed stay
on the meeting: a plan's outcomes and provision are structured rows the SENCO writes on the plan
itself. A plan is changed once per pupil: when the pupil's family is first recorded as having
attended (so correcting a spelling in the record later does not add a second paragraph; the
SENCO changes the plan directly). Every plan change goes through `support_plan_update` with the
plan's version, so it is audited against the child and versioned like any other edit.

Cancelling a meeting takes a reason (kept in the audit trail) and notifies nobody yet.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import (
    FieldDifference,
    StaleEditError,
    audit_record,
    field_differences,
    model_update,
)
from opensend.meetings.models import Invitee, Meeting, MeetingKind, MeetingStatus
from opensend.meetings.selectors import can_manage_meetings
from opensend.support.models import OPEN_STATUSES, SupportPlan
from opensend.support.services import support_plan_update

# The shared record, in the order the pages show it.
RECORD_FIELDS = (
    "objectives",
    "progress",
    "agreed_support",
    "parent_responsibilities",
    "pupil_responsibilities",
    "school_responsibilities",
)
FAMILY_FIELDS = ("family_views", "child_views", "notes")

# Meeting field → support plan field, for "who does what".
RESPONSIBILITIES_TO_PLAN = {
    "parent_responsibilities": "parent_responsibilities",
    "pupil_responsibilities": "pupil_responsibilities",
    "school_responsibilities": "school_responsibilities",
}
# Invitee field → support plan field, for the views.
VIEWS_TO_PLAN = {"family_views": "parent_views", "child_views": "pupil_views"}


@dataclass(frozen=True)
class FamilyRecord:
    """What is recorded for one family's place: whether they came, their views, notes."""

    invitee_id: Any
    attended: bool | None
    family_views: str = ""
    child_views: str = ""
    notes: str = ""
    # The place's version when the page was filled in: the family may change their views
    # before the meeting, and the SENCO's page must not overwrite them unseen.
    expected_version: int | None = None


def attended_field(invitee_id) -> str:
    """The error key (and form field name) for one family's attendance."""
    return f"attended_{invitee_id}"


def _require_manager(actor, meeting: Meeting) -> None:
    if not can_manage_meetings(actor, meeting.school):
        raise PermissionDenied("Only the SENCO or head teacher can record or cancel meetings.")


def record_refusal(meeting: Meeting, now: datetime | None = None) -> str:
    """Why this meeting cannot be recorded now, in plain English, or "" if it can."""
    now = now or timezone.now()
    if meeting.status == MeetingStatus.CANCELLED:
        return "This meeting was cancelled, so it cannot be recorded"
    if meeting.status == MeetingStatus.PROPOSED:
        return "This meeting is only proposed: send the invitations before recording it"
    if meeting.starts_at > now:
        return "This meeting has not started yet: record it once it has been held"
    return ""


def _meeting_date(meeting: Meeting) -> str:
    day = timezone.localtime(meeting.starts_at).date()
    return f"{day.day} {day:%B %Y}"


def plan_heading(meeting: Meeting) -> str:
    which = "group meeting" if meeting.kind == MeetingKind.GROUP else "meeting"
    return f"From the {which} with parents on {_meeting_date(meeting)}"


def appended(existing: str, addition: str, heading: str) -> str:
    """`existing` with `addition` as a new paragraph after it; never loses or blanks text."""
    addition = addition.strip()
    if not addition:
        return existing
    entry = f"{heading}: {addition}"
    if entry in existing:  # the same words from the same meeting are already there
        return existing
    return f"{existing.rstrip()}\n\n{entry}" if existing.strip() else entry


def _locked_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",)).select_related("school").get(pk=meeting.pk)
    )


def _refuse_stale(current: Meeting, expected_version: int, data: dict[str, Any]) -> None:
    if current.version != expected_version:
        raise StaleEditError(current=current, differences=field_differences(current, data))


def _refuse_stale_families(current: Meeting, invitees: list[Invitee], by_id: dict) -> None:
    differences = []
    for invitee in invitees:
        family = by_id[str(invitee.pk)]
        if family.expected_version is None or family.expected_version == invitee.version:
            continue
        name = invitee.child.full_name
        differences += [
            FieldDifference(
                field=f"{field}_{invitee.pk}",
                label=f"{name}: {Invitee._meta.get_field(field).verbose_name}",
                yours=getattr(family, field),
                theirs=getattr(invitee, field),
            )
            for field in FAMILY_FIELDS
            if getattr(family, field).strip() != getattr(invitee, field)
        ]
    if any(by_id[str(i.pk)].expected_version not in (None, i.version) for i in invitees):
        raise StaleEditError(current=current, differences=differences)


def _bump_version(meeting: Meeting, actor) -> Meeting:
    """Move the meeting's version on when only its families changed, so that two people
    correcting the same record cannot overwrite each other's changes to the families."""
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk, version=meeting.version).update(
        version=meeting.version + 1, updated_by=actor, updated_at=now
    )
    meeting.version += 1
    return meeting


def _check_families(
    invitees: list[Invitee], families: list[FamilyRecord], record: dict[str, str]
) -> dict[Any, FamilyRecord]:
    by_id = {str(family.invitee_id): family for family in families}
    problems = {}
    for invitee in invitees:
        family = by_id.get(str(invitee.pk))
        if family is None or family.attended is None:
            problems[attended_field(invitee.pk)] = (
                f"Say whether {invitee.child.full_name}'s family came to the meeting"
            )
    unknown = set(by_id) - {str(invitee.pk) for invitee in invitees}
    if unknown:
        raise ValueError("These families are not invited to this meeting.")
    anyone_came = any(family.attended for family in by_id.values())
    if anyone_came and not record.get("objectives"):
        # The guidance's first aim for each meeting: "set clear objectives".
        problems["objectives"] = "Enter the objectives set at the meeting"
    if problems:
        raise ValidationError(problems)
    return by_id


def _update_plans(actor, meeting: Meeting, newly_attending: list[Invitee]) -> list[SupportPlan]:
    """Add the views and "who does what" to each newly attending pupil's open plan."""
    if not newly_attending:
        return []
    plans = {
        plan.child_id: plan
        for plan in SupportPlan.objects.select_for_update(of=("self",)).filter(
            child_id__in=[invitee.child_id for invitee in newly_attending],
            school_id=meeting.school_id,
            status__in=OPEN_STATUSES,
        )
    }
    heading = plan_heading(meeting)
    updated = []
    for invitee in newly_attending:
        plan = plans.get(invitee.child_id)
        if plan is None:
            continue
        additions = {
            **{
                plan_field: getattr(meeting, field)
                for field, plan_field in RESPONSIBILITIES_TO_PLAN.items()
            },
            **{plan_field: getattr(invitee, field) for field, plan_field in VIEWS_TO_PLAN.items()},
        }
        data = {
            plan_field: appended(getattr(plan, plan_field), text, heading)
            for plan_field, text in additions.items()
        }
        data = {name: value for name, value in data.items() if value != getattr(plan, name)}
        if data:
            updated.append(
                support_plan_update(
                    actor=actor, plan=plan, data=data, expected_version=plan.version
                )
            )
    return updated


@transaction.atomic
def meeting_record(
    *,
    actor,
    meeting: Meeting,
    record: dict[str, str],
    families: list[FamilyRecord],
    expected_version: int,
) -> Meeting:
    """Record a held meeting: the shared record, each family's attendance, views and notes.

    Also adds what was said and agreed to each attending pupil's open support plan (see the
    module's docstring). Refuses a cancelled, proposed or future meeting and a stale edit.
    """
    current = _locked_meeting(meeting)
    _require_manager(actor, current)
    unknown = set(record) - set(RECORD_FIELDS)
    if unknown:
        raise ValueError(f"These fields are not recorded here: {', '.join(sorted(unknown))}")
    record = {name: (record.get(name) or "").strip() for name in RECORD_FIELDS}
    now = timezone.now()
    if refusal := record_refusal(current, now):
        raise ValidationError(refusal)
    _refuse_stale(current, expected_version, record)
    invitees = list(
        Invitee.objects.select_for_update(of=("self",))
        .filter(meeting=current)
        .select_related("child")
        .order_by("child__last_name", "child__first_name")
    )
    by_id = _check_families(invitees, families, record)
    _refuse_stale_families(current, invitees, by_id)

    first_time = current.status != MeetingStatus.HELD
    data: dict[str, Any] = {**record, "status": MeetingStatus.HELD}
    if current.recorded_at is None:
        data["recorded_at"] = now
    version_before = current.version
    current = model_update(
        instance=current,
        actor=actor,
        data=data,
        expected_version=expected_version,
        organisation_id=current.school_id,
    )
    newly_attending = []
    for invitee in invitees:
        family = by_id[str(invitee.pk)]
        came_before = invitee.attended is True and not first_time
        changes = {
            "attended": family.attended,
            **{name: getattr(family, name).strip() for name in FAMILY_FIELDS},
        }
        saved = model_update(
            instance=invitee,
            actor=actor,
            data=changes,
            expected_version=invitee.version,
            subject_id=invitee.child_id,
            organisation_id=current.school_id,
        )
        saved.child = invitee.child
        if family.attended and not came_before:
            newly_attending.append(saved)
    if current.version == version_before:  # only the families changed
        _bump_version(current, actor)
    # The plans changed, for the page to say how many (not stored).
    current.updated_plans = _update_plans(actor, current, newly_attending)
    return current


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str, expected_version: int) -> Meeting:
    """Cancel a proposed or confirmed meeting, with a reason. Nobody is notified yet."""
    current = _locked_meeting(meeting)
    _require_manager(actor, current)
    reason = reason.strip()
    if current.status == MeetingStatus.HELD:
        raise ValidationError("This meeting has been held and recorded, so it cannot be cancelled")
    if current.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting is already cancelled")
    if not reason:
        raise ValidationError({"reason": "Enter why the meeting is cancelled"})
    _refuse_stale(current, expected_version, {})
    current = model_update(
        instance=current,
        actor=actor,
        data={"status": MeetingStatus.CANCELLED},
        expected_version=expected_version,
        organisation_id=current.school_id,
    )
    # The reason is kept with the change, in the audit trail (the meeting has no field for it).
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=current,
        organisation_id=current.school_id,
        new_values={"cancelled_because": reason},
    )
    return current
