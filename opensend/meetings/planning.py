"""Plan the year's parent meetings in one action, adjust the proposals, then confirm them.

CoP 6.65: schools should meet the parents of pupils with SEN at least three times each year.
`plan_year` proposes, from the school's term dates and closure days, one meeting a term for
every pupil on the SEN register (SEN support K or EHC plan E), counted term by term as the law
counts them (`opensend.law.meetings.parent_meetings`: a term counts when the pupil is on the
register for at least half of it). Nothing is sent to families until the SENCO confirms.

- A pupil with an EHC plan is proposed one meeting fewer: the annual review meeting is one of
  the three (DESIGN "Time"); the annual review is planned with the EHC plan, not here.
- No meeting is proposed in a term that has ended, and a term that already has a meeting for
  the pupil (proposed, confirmed or held) is left alone, so planning again only fills gaps:
  a pupil who joins later in the year is planned by running it again.
- The DfE implementation guidance ("Engagement with Parents") allows group meetings of several
  families in place of individual ones; the SENCO chooses up to how many families meet together,
  formed by year group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record, model_update
from opensend.law.meetings import parent_meetings
from opensend.meetings.models import (
    Invitee,
    Meeting,
    MeetingKind,
    MeetingMode,
    MeetingSlot,
    MeetingStatus,
)
from opensend.meetings.selectors import can_manage_meetings
from opensend.organisations.models import SCHOOL_STAFF_ROLES, Membership, Role
from opensend.organisations.selectors import closure_days_for, terms_or_defaults_for
from opensend.people.models import Provision
from opensend.people.selectors import register_for_school

# The ways a meeting can be offered; the SENCO ticks which, and proposals take them in turn.
SLOT_SCHOOL_DAY = "school_day"
SLOT_AFTER_SCHOOL = "after_school"
SLOT_ONLINE = "online"
SLOT_CHOICES = [
    (SLOT_SCHOOL_DAY, "In person during the school day"),
    (SLOT_AFTER_SCHOOL, "In person after school"),
    (SLOT_ONLINE, "Online after school"),
]
SLOT_SETTINGS = {
    SLOT_SCHOOL_DAY: (MeetingSlot.SCHOOL_DAY, MeetingMode.IN_PERSON),
    SLOT_AFTER_SCHOOL: (MeetingSlot.AFTER_SCHOOL, MeetingMode.IN_PERSON),
    SLOT_ONLINE: (MeetingSlot.AFTER_SCHOOL, MeetingMode.ONLINE),
}
# The first time of day offered, and the last a meeting may start, for each slot.
SLOT_HOURS = {
    MeetingSlot.SCHOOL_DAY: (time(9, 30), time(14, 30)),
    MeetingSlot.AFTER_SCHOOL: (time(15, 45), time(18, 0)),
}
# Not in the first or last days of a term: settling in, and the end-of-term rush.
TERM_EDGE_DAYS = 3
INDIVIDUAL_MINUTES = 30
GROUP_MINUTES = 60
GAP_MINUTES = 15  # between two meetings led by the same person
MAX_GROUP_SIZE = 12
MAX_YEAR_AHEAD = 1


@dataclass
class PlanResult:
    meetings: list[Meeting] = field(default_factory=list)
    pupils: int = 0  # pupils given at least one proposed meeting
    places: int = 0
    ehc_pupils: int = 0  # pupils with an EHC plan among them (one meeting is the annual review)
    up_to_date: int = 0  # pupils on the register who needed nothing new


def meeting_staff(school) -> list:
    """The school's staff who may lead a meeting: the SENCO first, then the head, then others."""
    order = {Role.SENCO: 0, Role.HEAD: 1, Role.TEACHER: 2, Role.TEACHING_ASSISTANT: 3}
    memberships = Membership.objects.filter(
        organisation=school, is_active=True, role__in=SCHOOL_STAFF_ROLES, user__is_active=True
    ).select_related("user")
    users = {}
    for membership in sorted(
        memberships, key=lambda m: (order.get(m.role, 9), m.user.full_name.lower())
    ):
        users.setdefault(membership.user_id, membership.user)
    return list(users.values())


def teaching_days(term, closures: set[date]) -> list[date]:
    """Weekdays of the term on which the school is open."""
    days = []
    day = term.start
    while day <= term.end:
        if day.weekday() < 5 and day not in closures:
            days.append(day)
        day += timedelta(days=1)
    return days


def meeting_days(term, closures: set[date], today: date) -> list[date]:
    """The days a meeting may be proposed in a term: teaching days after today, not the first
    or last few days of the term (unless nothing else is left of it)."""
    days = teaching_days(term, closures)
    middle = days[TERM_EDGE_DAYS:-TERM_EDGE_DAYS] if len(days) > 2 * TERM_EDGE_DAYS else days
    ahead = [day for day in middle if day > today]
    return ahead or [day for day in days if day > today]


def _terms_with_meetings(school, academic_year: int, child_ids) -> dict:
    """For each pupil, the terms this year that already have a meeting for them."""
    have: dict = defaultdict(set)
    rows = (
        Invitee.objects.filter(
            child_id__in=child_ids,
            meeting__school=school,
            meeting__academic_year=academic_year,
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .values_list("child_id", "meeting__term")
    )
    for child_id, term in rows:
        have[child_id].add(term)
    return have


def _check_plan_input(actor, school, academic_year, slots, group_size, staff, today) -> None:
    if not can_manage_meetings(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can plan parent meetings.")
    errors: dict[str, str] = {}
    this_year = today.year if today.month >= 9 else today.year - 1
    if not this_year <= academic_year <= this_year + MAX_YEAR_AHEAD:
        errors["academic_year"] = (
            f"Choose the {this_year} to {this_year + 1} school year or the next one"
        )
    if not slots:
        errors["slots"] = "Select at least one kind of meeting to offer"
    elif any(slot not in SLOT_SETTINGS for slot in slots):
        errors["slots"] = "Select kinds of meeting from the list"
    if not 1 <= group_size <= MAX_GROUP_SIZE:
        errors["group_size"] = f"Families in a meeting must be between 1 and {MAX_GROUP_SIZE}"
    allowed = {user.pk for user in meeting_staff(school)}
    if not staff:
        errors["staff"] = "Select at least one member of staff to lead meetings"
    elif any(user.pk not in allowed for user in staff):
        errors["staff"] = "Select staff who work at this school"
    if errors:
        raise ValidationError(errors)


@dataclass
class _Need:
    child: object
    year_group: str
    terms: list[str]


def _needs(actor, school, academic_year, year_terms, today) -> tuple[list[_Need], int, int]:
    """Which terms each pupil on the register still needs a meeting in."""
    pupils = list(register_for_school(actor, school))
    have = _terms_with_meetings(school, academic_year, [pupil.pk for pupil in pupils])
    needs, up_to_date, ehc = [], 0, 0
    for pupil in pupils:
        enrolment = next((e for e in pupil.open_enrolments if e.school_id == school.pk), None)
        if enrolment is None:
            continue
        counting = parent_meetings(
            academic_year=academic_year,
            on_register_from=enrolment.start,
            as_of=today,
            terms=year_terms,
        )
        has_plan = any(s.provision == Provision.EHC_PLAN for s in pupil.open_statuses)
        # CoP 6.65 with DESIGN "Time": for a pupil with an EHC plan the annual review meeting
        # is one of the three, so the school proposes one fewer.
        owed = max(0, counting.expected - (1 if has_plan else 0))
        already = have.get(pupil.pk, set())
        open_terms = [
            term.name
            for term in counting.terms
            if term.counted and term.end > today and term.name not in already
        ]
        wanted = open_terms[: max(0, owed - len(already))]
        if wanted:
            needs.append(_Need(pupil, enrolment.year_group, wanted))
            ehc += has_plan
        else:
            up_to_date += 1
    return needs, up_to_date, ehc


def _groups(pupils: list[_Need], group_size: int) -> list[list[_Need]]:
    """Families meeting together: by year group, up to `group_size` each, sizes kept even."""
    if group_size <= 1:
        return [[pupil] for pupil in pupils]
    by_year: dict[str, list[_Need]] = defaultdict(list)
    for pupil in pupils:
        by_year[pupil.year_group].append(pupil)
    groups = []
    for year in sorted(by_year, key=_year_order):
        members = by_year[year]
        count = -(-len(members) // group_size)  # ceiling
        for index in range(count):
            groups.append(members[index::count])
    return groups


def _year_order(year_group: str) -> tuple[int, str]:
    return (0, year_group) if not year_group.isdigit() else (1, f"{int(year_group):02d}")


class _Diary:
    """Who is already busy when, so two meetings led by one person do not overlap."""

    def __init__(self, school, academic_year):
        self.busy: dict = defaultdict(list)
        for meeting in Meeting.objects.filter(
            school=school, academic_year=academic_year, staff__isnull=False
        ).exclude(status=MeetingStatus.CANCELLED):
            start = timezone.localtime(meeting.starts_at)
            end = start + timedelta(minutes=meeting.duration_minutes)
            self.busy[(meeting.staff_id, start.date())].append((start, end))

    def first_free(self, staff, day: date, slot: str, minutes: int) -> datetime | None:
        first, last = SLOT_HOURS[slot]
        start = timezone.make_aware(datetime.combine(day, first))
        latest = timezone.make_aware(datetime.combine(day, last))
        taken = sorted(self.busy[(staff.pk, day)])
        while start <= latest:
            end = start + timedelta(minutes=minutes)
            clash = next((b for b in taken if b[0] < end and start < b[1]), None)
            if clash is None:
                self.busy[(staff.pk, day)].append((start, end))
                return start
            start = clash[1] + timedelta(minutes=GAP_MINUTES)
        return None


@transaction.atomic
def plan_year(
    *,
    actor,
    school,
    academic_year: int,
    slots: list[str],
    group_size: int,
    staff: list,
    today: date | None = None,
) -> PlanResult:
    """Propose the year's meetings for every pupil on the SEN register who still needs one.

    Meetings are spread evenly over each term's meeting days, led by the chosen staff in turn,
    and offered in the chosen slots in turn (e.g. one in school, one after school, one online).
    """
    today = today or timezone.localdate()
    _check_plan_input(actor, school, academic_year, slots, group_size, staff, today)
    year_terms = terms_or_defaults_for(school, academic_year).terms
    closures = {closure.date for closure in closure_days_for(school, academic_year)}
    needs, up_to_date, ehc = _needs(actor, school, academic_year, year_terms, today)
    result = PlanResult(pupils=len(needs), up_to_date=up_to_date, ehc_pupils=ehc)
    diary = _Diary(school, academic_year)
    turn = 0
    for term in year_terms:
        pupils = [need for need in needs if term.name in need.terms]
        days = meeting_days(term, closures, today)
        if not pupils or not days:
            continue
        groups = _groups(pupils, group_size)
        for index, group in enumerate(groups):
            slot, mode = SLOT_SETTINGS[slots[turn % len(slots)]]
            leader = staff[turn % len(staff)]
            turn += 1
            kind = MeetingKind.GROUP if len(group) > 1 else MeetingKind.INDIVIDUAL
            minutes = GROUP_MINUTES if kind == MeetingKind.GROUP else INDIVIDUAL_MINUTES
            first_day = index * len(days) // len(groups)  # spread evenly through the term
            starts_at = None
            for day in days[first_day:] + days[:first_day]:
                starts_at = diary.first_free(leader, day, slot, minutes)
                if starts_at is not None:
                    break
            if starts_at is None:  # every day of the term is full for this person
                starts_at = timezone.make_aware(
                    datetime.combine(days[first_day], SLOT_HOURS[slot][0])
                )
            meeting = Meeting.objects.create(
                school=school,
                academic_year=academic_year,
                term=term.name,
                kind=kind,
                mode=mode,
                slot=slot,
                starts_at=starts_at,
                duration_minutes=minutes,
                staff=leader,
                status=MeetingStatus.PROPOSED,
                created_by=actor,
                updated_by=actor,
            )
            for need in group:
                place = Invitee.objects.create(
                    meeting=meeting, child=need.child, created_by=actor, updated_by=actor
                )
                audit_record(
                    actor=actor,
                    kind=AuditEventKind.CREATED,
                    record=place,
                    subject_id=need.child.pk,
                    organisation_id=school.pk,
                    new_values={"meeting": str(meeting.pk), "term": term.name},
                    note="proposed",
                )
                result.places += 1
            result.meetings.append(meeting)
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record_type="meetings.plan",
        record_id=str(school.pk),
        organisation_id=school.pk,
        note=(
            f"year={academic_year} meetings={len(result.meetings)} places={result.places} "
            f"group_size={group_size} slots={','.join(slots)}"
        ),
    )
    return result


# Reads for the review page -----------------------------------------------------------------


def proposed_meetings(user, school, academic_year: int) -> QuerySet[Meeting]:
    """The school's proposed meetings for the year, with their families, for its staff."""
    from opensend.meetings.selectors import meetings_visible_to

    return (
        meetings_visible_to(user)
        .filter(school=school, academic_year=academic_year, status=MeetingStatus.PROPOSED)
        .select_related("staff")
        .prefetch_related("invitees__child")
    )


def proposed_years(user, school) -> list[int]:
    from opensend.meetings.selectors import meetings_visible_to

    return sorted(
        set(
            meetings_visible_to(user)
            .filter(school=school, status=MeetingStatus.PROPOSED)
            .values_list("academic_year", flat=True)
        )
    )


# Adjusting proposals -----------------------------------------------------------------------


def _require_manager(actor, meeting: Meeting) -> None:
    if not can_manage_meetings(actor, meeting.school):
        raise PermissionDenied("Only the SENCO or head teacher can change parent meetings.")


def _require_proposed(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.PROPOSED:
        raise ValidationError(
            "This meeting has been confirmed and families invited: it is no longer a proposal"
        )


def _term_of(meeting: Meeting):
    return next(
        term
        for term in terms_or_defaults_for(meeting.school, meeting.academic_year).terms
        if term.name == meeting.term
    )


def _check_day(meeting: Meeting, day: date, today: date) -> dict[str, str]:
    term = _term_of(meeting)
    closures = {c.date for c in closure_days_for(meeting.school, meeting.academic_year)}
    long = f"{day.day} {day:%B %Y}"
    if not term.start <= day <= term.end:
        return {
            "day": f"The date must be in the {term.name} term, "
            f"{term.start.day} {term.start:%B %Y} to {term.end.day} {term.end:%B %Y}"
        }
    if day.weekday() >= 5:
        return {"day": f"{long} is a {day:%A}: choose a school day"}
    if day in closures:
        return {"day": f"The school is closed on {long}: choose another day"}
    if day <= today:
        return {"day": "The date must be in the future"}
    return {}


@transaction.atomic
def proposed_meeting_update(
    *,
    actor,
    meeting: Meeting,
    day: date,
    start_time: time,
    slot: str,
    mode: str,
    staff,
    duration_minutes: int,
    location: str,
    expected_version: int,
    today: date | None = None,
) -> Meeting:
    """Change a proposed meeting's date, time, slot, mode, leader, length or place."""
    _require_manager(actor, meeting)
    _require_proposed(meeting)
    today = today or timezone.localdate()
    errors = _check_day(meeting, day, today)
    if slot not in MeetingSlot.values:
        errors["slot"] = "Select when the meeting is"
    if mode not in MeetingMode.values:
        errors["mode"] = "Select how the meeting is held"
    if staff is not None and staff.pk not in {u.pk for u in meeting_staff(meeting.school)}:
        errors["staff"] = "Select someone who works at this school"
    if not 5 <= duration_minutes <= 240:
        errors["duration_minutes"] = "The meeting must last between 5 and 240 minutes"
    if errors:
        raise ValidationError(errors)
    return model_update(
        instance=meeting,
        actor=actor,
        data={
            "starts_at": timezone.make_aware(datetime.combine(day, start_time)),
            "slot": slot,
            "mode": mode,
            "staff": staff.pk if staff is not None else None,
            "duration_minutes": duration_minutes,
            "location": location.strip(),
        },
        expected_version=expected_version,
        organisation_id=meeting.school_id,
    )


def _set_kind(meeting: Meeting, actor) -> None:
    """A meeting with several families is a group meeting; with one, an individual one."""
    count = meeting.invitees.count()
    kind = MeetingKind.GROUP if count > 1 else MeetingKind.INDIVIDUAL
    minutes = GROUP_MINUTES if count > 1 else INDIVIDUAL_MINUTES
    if meeting.kind != kind:
        Meeting.objects.filter(pk=meeting.pk).update(
            kind=kind,
            duration_minutes=minutes,
            updated_by=actor,
            updated_at=timezone.now(),
            version=F("version") + 1,
        )


def _delete_proposal(actor, meeting: Meeting) -> None:
    children = list(meeting.invitees.values_list("child_id", flat=True))
    Meeting.objects.filter(pk=meeting.pk).delete()
    audit_record(
        actor=actor,
        kind=AuditEventKind.DELETED,
        record_type="meetings.meeting",
        record_id=str(meeting.pk),
        organisation_id=meeting.school_id,
        old_values={
            "term": meeting.term,
            "starts_at": meeting.starts_at,
            "families": len(children),
        },
    )


@transaction.atomic
def invitee_move(*, actor, invitee: Invitee, to_meeting: Meeting | None) -> Meeting:
    """Move a family to another proposed meeting in the same term, or (None) to a meeting of
    their own at the same time. A meeting left with no family is removed."""
    source = invitee.meeting
    _require_manager(actor, source)
    _require_proposed(source)
    if to_meeting is None:
        target = Meeting.objects.create(
            school=source.school,
            academic_year=source.academic_year,
            term=source.term,
            kind=MeetingKind.INDIVIDUAL,
            mode=source.mode,
            slot=source.slot,
            starts_at=source.starts_at,
            duration_minutes=INDIVIDUAL_MINUTES,
            staff=source.staff,
            location=source.location,
            status=MeetingStatus.PROPOSED,
            created_by=actor,
            updated_by=actor,
        )
    else:
        target = to_meeting
        if (
            target.school_id != source.school_id
            or target.academic_year != source.academic_year
            or target.status != MeetingStatus.PROPOSED
        ):
            raise ValidationError({"to_meeting": "Choose one of this year's proposed meetings"})
        if target.term != source.term:
            raise ValidationError({"to_meeting": f"Choose a meeting in the {source.term} term"})
        if target.pk == source.pk:
            raise ValidationError({"to_meeting": "Choose a different meeting"})
        if target.invitees.filter(child_id=invitee.child_id).exists():
            raise ValidationError({"to_meeting": "This family is already in that meeting"})
    Invitee.objects.filter(pk=invitee.pk).update(
        meeting=target, updated_by=actor, updated_at=timezone.now(), version=F("version") + 1
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record=invitee,
        subject_id=invitee.child_id,
        organisation_id=source.school_id,
        old_values={"meeting": str(source.pk)},
        new_values={"meeting": str(target.pk)},
    )
    _set_kind(target, actor)
    if not source.invitees.exists():
        _delete_proposal(actor, source)
    else:
        _set_kind(source, actor)
    return target


@transaction.atomic
def proposed_meeting_remove(*, actor, meeting: Meeting) -> None:
    """Take a proposal away (with its families' places); planning again would propose it anew."""
    _require_manager(actor, meeting)
    _require_proposed(meeting)
    _delete_proposal(actor, meeting)


@transaction.atomic
def confirm_year(*, actor, school, academic_year: int, now: datetime | None = None) -> tuple:
    """Confirm every proposed meeting of the year and invite the families, in one step."""
    if not can_manage_meetings(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can confirm parent meetings.")
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.select_for_update().filter(
            school=school, academic_year=academic_year, status=MeetingStatus.PROPOSED
        )
    )
    if not meetings:
        raise ValidationError("There are no proposed meetings to confirm")
    past = [meeting for meeting in meetings if meeting.starts_at <= now]
    if past:
        raise ValidationError(
            f"{len(past)} proposed meeting{'s are' if len(past) > 1 else ' is'} in the past. "
            "Change the date or remove it before confirming"
        )
    Meeting.objects.filter(pk__in=[m.pk for m in meetings]).update(
        status=MeetingStatus.CONFIRMED,
        updated_by=actor,
        updated_at=timezone.now(),
        version=F("version") + 1,
    )
    meetings = list(
        Meeting.objects.filter(pk__in=[m.pk for m in meetings]).select_related("school")
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED,
        record_type="meetings.plan",
        record_id=str(school.pk),
        organisation_id=school.pk,
        note=f"year={academic_year} confirmed={len(meetings)}",
    )
    # Imported here: the invitations module is the families' side and imports this app's models.
    from opensend.meetings.invitations import invite_families

    invited = invite_families(actor=actor, meetings=meetings)
    return meetings, invited
