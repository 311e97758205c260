"""Compliance at a glance: is each pupil with SEN getting three meetings a year (CoP 6.65)?

`school_compliance` is the selector: for every pupil on the school's SEN register (SEN support
K or an EHC plan E) at any time in the academic year, the meetings owed, held and declined and
the law's status (`opensend.law.meetings.parent_meetings`: met, on track, offered or behind),
counted with the school's own terms, or the law's defaults when it has not set all three (the
page says so). It runs the same five queries however many pupils and meetings there are.

Counting, as the model's docstring says: a meeting is *held* for a pupil when the meeting's
status is held and that pupil's family attended (so a group meeting counts only for the
families who came); it is *declined* when the family's answer is declined, which the law counts
as an offer made. A pupil's time on the register is the days both on roll here (`Enrolment`)
and on SEN support or an EHC plan (`SenStatus`); a pupil who joined late or left is owed a
meeting only for the terms they were here for at least half of.

`invite_next` is the one write: proposed individual meetings for the pupils the SENCO picks,
after school on the next suitable school days of the current term, led by the SENCO; the SENCO
then checks and confirms them with the planning pages like any other proposed meeting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import audit_record
from opensend.law.dates import academic_year_of, is_working_day
from opensend.law.meetings import STATUS_ORDER, ParentMeetings, Status, Term, parent_meetings
from opensend.meetings.models import (
    Invitee,
    InviteeResponse,
    Meeting,
    MeetingKind,
    MeetingSlot,
    MeetingStatus,
)
from opensend.meetings.selectors import can_manage_meetings
from opensend.organisations.models import Membership, Organisation, Role
from opensend.organisations.selectors import (
    YearTerms,
    closure_days_for,
    terms_for,
    terms_or_defaults_for,
)
from opensend.people.models import Child, Enrolment, Provision, SenStatus
from opensend.people.selectors import SMALL_NUMBER_THRESHOLD, RegisterCount

ON_REGISTER = (Provision.SEN_SUPPORT, Provision.EHC_PLAN)
STATUS_LABELS = {
    Status.MET: "Met",
    Status.ON_TRACK: "On track",
    Status.OFFERED: "Offered",
    Status.BEHIND: "Behind",
}
PLANNED_STATUSES = (MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED)

# Invitations: a week's notice where the term allows, four half-hour slots after school.
NOTICE_DAYS = 7
AFTER_SCHOOL_SLOTS = (time(15, 30), time(16, 0), time(16, 30), time(17, 0))
INVITE_DURATION_MINUTES = 30


@dataclass(frozen=True)
class PupilCompliance:
    child: Child
    provision: str  # the pupil's latest K or E this year
    on_register_from: date
    on_register_to: date | None  # None: still on the register here
    enrolled_from: date
    enrolled_to: date | None  # None: still on roll here
    result: ParentMeetings
    planned: tuple[date, ...]  # upcoming proposed or confirmed meetings the family has not declined
    held_this_term: bool
    owed_this_term: bool

    @property
    def status(self) -> Status:
        return self.result.status

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.result.status]

    @property
    def on_roll(self) -> bool:
        return self.enrolled_to is None

    @property
    def still_on_register(self) -> bool:
        return self.on_register_to is None

    @property
    def can_be_invited(self) -> bool:
        return self.on_roll and self.still_on_register

    @property
    def needs_meeting(self) -> bool:
        """Behind, or owed a meeting this term with none held, and with nothing planned."""
        if not self.can_be_invited or self.planned or self.status == Status.MET:
            return False
        return self.status == Status.BEHIND or (self.owed_this_term and not self.held_this_term)


@dataclass(frozen=True)
class TermSummary:
    name: str
    start: date
    end: date
    owed: int  # pupils for whom the term counts
    met: int  # of those, pupils with a held meeting in the term


@dataclass(frozen=True)
class SchoolCompliance:
    school: Organisation
    academic_year: int
    as_of: date
    year_terms: YearTerms
    invite_term: Term | None  # the current term, or the next one in a holiday; None after summer
    pupils: tuple[PupilCompliance, ...]

    @property
    def uses_default_terms(self) -> bool:
        return self.year_terms.are_defaults

    @property
    def status_counts(self) -> list[tuple[Status, str, int]]:
        counts = Counter(pupil.status for pupil in self.pupils)
        return [(status, STATUS_LABELS[status], counts[status]) for status in STATUS_ORDER]

    @property
    def needing_meeting(self) -> list[PupilCompliance]:
        """Behind first, then those owed a meeting this term; by name within each."""
        waiting = [pupil for pupil in self.pupils if pupil.needs_meeting]
        return sorted(waiting, key=lambda pupil: pupil.status != Status.BEHIND)

    @property
    def terms(self) -> list[TermSummary]:
        summaries = []
        for index, term in enumerate(self.year_terms.terms):
            owed = met = 0
            for pupil in self.pupils:
                if pupil.result.terms[index].counted:
                    owed += 1
                    met += any(term.start <= day <= term.end for day in pupil.result.held_dates)
            summaries.append(TermSummary(term.name, term.start, term.end, owed, met))
        return summaries

    def suppressed_counts(self) -> dict[str, list[RegisterCount]]:
        """The counts governors see: no pupil named, and numbers under 5 hidden (as the
        register's counts are), so no child can be picked out."""

        def shown(label: str, count: int) -> RegisterCount:
            return RegisterCount(label, None if 0 < count < SMALL_NUMBER_THRESHOLD else count)

        return {
            "status": [shown(label, count) for _, label, count in self.status_counts],
            "terms": [
                shown(f"{term.name.title()}: pupils owed a meeting", term.owed)
                for term in self.terms
            ]
            + [shown(f"{term.name.title()}: pupils met", term.met) for term in self.terms],
        }


def _periods_overlapping(queryset, first: date, last: date):
    return queryset.filter(start__lte=last).filter(Q(end__isnull=True) | Q(end__gte=first))


def _intersections(enrolments, statuses) -> list[tuple[date, date | None]]:
    """The days both on roll and on the register: each enrolment against each K/E period."""
    found = []
    for enrolment in enrolments:
        for status in statuses:
            start = max(enrolment.start, status.start)
            ends = [end for end in (enrolment.end, status.end) if end is not None]
            end = min(ends) if ends else None
            if end is None or end >= start:
                found.append((start, end))
    return found


def school_compliance(
    school: Organisation, academic_year: int | None = None, *, as_of: date | None = None
) -> SchoolCompliance:
    """Every pupil on the school's SEN register this year, with their meetings and status.

    Callers check who may see it (the views: the school's staff; governors get counts only).
    Constant queries: the terms, the enrolments (with the child), the K/E statuses and the
    families' places at this year's meetings, each fetched once for the whole school.
    """
    as_of = as_of or timezone.localdate()
    year = academic_year if academic_year is not None else academic_year_of(as_of)
    year_terms = terms_or_defaults_for(school, year, rows=list(terms_for(school, year)))
    first, last = year_terms.terms[0].start, year_terms.terms[-1].end
    first = min(first, date(year, 9, 1))
    last = max(last, date(year + 1, 8, 31))

    enrolments = list(
        _periods_overlapping(Enrolment.objects.filter(school=school), first, last)
        .select_related("child")
        .order_by("start", "pk")
    )
    child_ids = {enrolment.child_id for enrolment in enrolments}
    statuses_by_child = defaultdict(list)
    for status in _periods_overlapping(
        SenStatus.objects.filter(child_id__in=child_ids, provision__in=ON_REGISTER), first, last
    ).order_by("start", "pk"):
        statuses_by_child[status.child_id].append(status)
    places_by_child = defaultdict(list)
    for place in Invitee.objects.filter(
        child_id__in=child_ids, meeting__school=school, meeting__academic_year=year
    ).values("child_id", "response", "attended", "meeting__status", "meeting__starts_at"):
        places_by_child[place["child_id"]].append(place)

    enrolments_by_child = defaultdict(list)
    for enrolment in enrolments:
        enrolments_by_child[enrolment.child_id].append(enrolment)

    invite_term = _invite_term(year_terms, as_of)
    pupils = []
    for child_id, child_enrolments in enrolments_by_child.items():
        periods = _intersections(child_enrolments, statuses_by_child.get(child_id, []))
        periods = [(s, e) for s, e in periods if s <= last and (e is None or e >= first)]
        if not periods:
            continue
        pupils.append(
            _pupil(
                child_enrolments,
                statuses_by_child[child_id],
                periods,
                places_by_child.get(child_id, []),
                year,
                year_terms,
                invite_term,
                as_of,
            )
        )
    pupils.sort(key=lambda pupil: (pupil.child.last_name, pupil.child.first_name, pupil.child.pk))
    return SchoolCompliance(school, year, as_of, year_terms, invite_term, tuple(pupils))


def _pupil(enrolments, statuses, periods, places, year, year_terms, invite_term, as_of):
    # A pupil on and off the register twice in a year is counted from the first day to the
    # last (the law takes one span); such gaps are rare and cost the school nothing.
    on_from = min(start for start, _ in periods)
    ends = [end for _, end in periods]
    on_to = None if None in ends else max(ends)
    enrolled_ends = [enrolment.end for enrolment in enrolments]
    held, declined, planned = [], [], []
    for place in places:
        day = timezone.localtime(place["meeting__starts_at"]).date()
        status = place["meeting__status"]
        if status == MeetingStatus.HELD and place["attended"]:
            held.append(day)
        elif place["response"] == InviteeResponse.DECLINED and status != MeetingStatus.PROPOSED:
            # An invitation sent and refused is the law's "offered", even if the school then
            # cancelled the meeting it made for that one family.
            declined.append(day)
        elif status in PLANNED_STATUSES and day >= as_of:
            planned.append(day)
    result = parent_meetings(
        academic_year=year,
        on_register_from=on_from,
        on_register_to=on_to,
        as_of=as_of,
        held=held,
        declined=declined,
        terms=year_terms.terms,
    )
    owed_this_term = held_this_term = False
    if invite_term is not None:
        index = [term.name for term in year_terms.terms].index(invite_term.name)
        owed_this_term = result.terms[index].counted
        held_this_term = any(
            invite_term.start <= day <= invite_term.end for day in result.held_dates
        )
    return PupilCompliance(
        child=enrolments[0].child,
        provision=statuses[-1].provision,
        on_register_from=on_from,
        on_register_to=on_to,
        enrolled_from=min(enrolment.start for enrolment in enrolments),
        enrolled_to=None if None in enrolled_ends else max(enrolled_ends),
        result=result,
        planned=tuple(sorted(planned)),
        held_this_term=held_this_term,
        owed_this_term=owed_this_term,
    )


def _invite_term(year_terms: YearTerms, as_of: date) -> Term | None:
    """The term meetings are arranged in now: the current one, or the next after a holiday."""
    for term in year_terms.terms:
        if as_of <= term.end:
            return term
    return None


# Writes ---------------------------------------------------------------------------------------


def _lead_for(actor, school: Organisation):
    """The SENCO leads: the actor if they are the school's SENCO, else its first SENCO, else
    the actor (a head at a school with no SENCO yet)."""
    sencos = Membership.objects.filter(organisation=school, role=Role.SENCO, is_active=True)
    if sencos.filter(user=actor).exists():
        return actor
    first = sencos.select_related("user").order_by("created_at", "pk").first()
    return first.user if first else actor


def _school_days(school: Organisation, term: Term, year: int, start: date):
    closed = set(closure_days_for(school, year).values_list("date", flat=True))
    day = start
    while day <= term.end:
        if is_working_day(day) and day not in closed:
            yield day
        day += timedelta(days=1)


def invite_next(
    *, actor, school: Organisation, child_ids, as_of: date | None = None
) -> list[Meeting]:
    """Propose an individual after-school meeting, led by the SENCO, for each chosen pupil.

    The pupils must be on the school's SEN register and on roll now. Meetings go on the first
    school days at least a week away (or the first ones left, near the end of a term), four
    half-hour slots a day, skipping weekends, bank holidays and the school's closure days.
    They are proposed, not sent: the SENCO confirms them, which invites the families.
    """
    if not can_manage_meetings(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can arrange meetings.")
    chosen = {str(child_id) for child_id in child_ids}
    if not chosen:
        raise ValidationError({"children": "Choose at least one pupil to invite."})
    as_of = as_of or timezone.localdate()
    compliance = school_compliance(school, as_of=as_of)
    eligible = {str(pupil.child.pk): pupil for pupil in compliance.pupils if pupil.can_be_invited}
    unknown = chosen - set(eligible)
    if unknown:
        raise ValidationError(
            {"children": "Choose pupils who are on the school's SEN register now."}
        )
    term = compliance.invite_term
    if term is None:
        raise ValidationError(
            {"children": "This school year's terms have ended: plan next year's meetings."}
        )
    tomorrow = max(as_of + timedelta(days=1), term.start)
    start = max(as_of + timedelta(days=NOTICE_DAYS), term.start)
    days = list(_school_days(school, term, compliance.academic_year, start))
    if not days:
        days = list(_school_days(school, term, compliance.academic_year, tomorrow))
    slots = [(day, at) for day in days for at in AFTER_SCHOOL_SLOTS]
    pupils = [eligible[key] for key in sorted(chosen, key=lambda key: _name_key(eligible[key]))]
    if len(slots) < len(pupils):
        raise ValidationError(
            {"children": f"There are only {len(slots)} after-school slots left this term."}
        )
    lead = _lead_for(actor, school)
    zone = timezone.get_current_timezone()
    created = []
    with transaction.atomic():
        for pupil, (day, at) in zip(pupils, slots, strict=False):
            meeting = Meeting.objects.create(
                school=school,
                academic_year=compliance.academic_year,
                term=term.name,
                kind=MeetingKind.INDIVIDUAL,
                slot=MeetingSlot.AFTER_SCHOOL,
                starts_at=datetime.combine(day, at, tzinfo=zone),
                duration_minutes=INVITE_DURATION_MINUTES,
                staff=lead,
                status=MeetingStatus.PROPOSED,
            )
            Invitee.objects.create(meeting=meeting, child=pupil.child)
            audit_record(
                actor=actor,
                kind=AuditEventKind.CREATED,
                record=meeting,
                subject_id=pupil.child.pk,
                organisation_id=school.pk,
                new_values={"starts_at": meeting.starts_at.isoformat(), "term": term.name},
                note="proposed from the compliance page",
            )
            created.append(meeting)
    return created


def _name_key(pupil: PupilCompliance):
    return (pupil.child.last_name, pupil.child.first_name, str(pupil.child.pk))
