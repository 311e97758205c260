"""What a school's request carries without the SENCO typing it: the evidence OpenSEND holds.

Schools re-type the same information into every council's forms (reference/peers.md §3). A
request made through OpenSEND takes it from the records instead: the SEN register's history,
the child's ranked needs, every support plan cycle with its outcomes, provision and review, the
meetings held with the family, and the interventions the child has been in. The result is plain
JSON, frozen on the request as it was sent (the LA reads what the school saw), and the same
function shows the SENCO the summary before they send it.
"""

from datetime import date

from django.db.models import Prefetch

from opensend.meetings.models import Invitee, MeetingStatus
from opensend.organisations.models import Organisation
from opensend.people.models import Child, Need, SenStatus
from opensend.support.models import Outcome, SupportPlan, SupportProvision

# Enough history for a decision (CoP 9.14: evidence of action taken over time) while keeping
# the request readable: the latest cycles and meetings, newest first.
MAX_PLANS = 6
MAX_MEETINGS = 9


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _register(child: Child) -> list[dict]:
    statuses = SenStatus.objects.filter(child=child).order_by("start", "created_at")
    return [
        {
            "provision": s.get_provision_display(),
            "code": s.provision,
            "start": _day(s.start),
            "end": _day(s.end),
        }
        for s in statuses
    ]


def _needs(child: Child) -> list[dict]:
    needs = Need.objects.filter(child=child, end__isnull=True).order_by("rank")
    return [
        {
            "rank": n.rank,
            "code": n.code,
            "description": n.get_code_display(),
            "since": _day(n.start),
        }
        for n in needs
    ]


def _plans(child: Child, school: Organisation) -> list[dict]:
    plans = (
        SupportPlan.objects.filter(child=child, school=school)
        .select_related("review")
        .prefetch_related(
            Prefetch("outcomes", queryset=Outcome.objects.select_related("review")),
            Prefetch("provisions", queryset=SupportProvision.objects.order_by("start")),
        )
        .order_by("-cycle")[:MAX_PLANS]
    )
    result = []
    for plan in plans:
        review = getattr(plan, "review", None)
        result.append(
            {
                "cycle": plan.cycle,
                "status": plan.get_status_display(),
                "review_due": _day(plan.review_due),
                "assessment": plan.assessment,
                "pupil_views": plan.pupil_views,
                "parent_views": plan.parent_views,
                "outcomes": [
                    {
                        "description": o.description,
                        "progress": o.review.get_progress_display()
                        if hasattr(o, "review")
                        else None,
                    }
                    for o in plan.outcomes.all()
                ],
                "provision": [
                    {
                        "what": p.what,
                        "who": p.who,
                        "frequency": p.frequency,
                        "start": _day(p.start),
                        "end": _day(p.end),
                    }
                    for p in plan.provisions.all()
                ],
                "review": {
                    "date": _day(review.review_date),
                    "summary": review.summary,
                    "next_step": review.get_next_step_display(),
                }
                if review
                else None,
            }
        )
    return result


def _meetings(child: Child, school: Organisation) -> list[dict]:
    places = (
        Invitee.objects.filter(
            child=child, meeting__school=school, meeting__status=MeetingStatus.HELD
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")[:MAX_MEETINGS]
    )
    return [
        {
            "date": _day(place.meeting.starts_at.date()),
            "kind": place.meeting.get_kind_display(),
            "attended": place.attended,
            "family_views": place.family_views,
            "child_views": place.child_views,
            "agreed_support": place.meeting.agreed_support,
        }
        for place in places
    ]


def school_evidence(child: Child, school: Organisation, today: date) -> dict:
    """The evidence a school's request carries, as it stands `today`."""
    enrolment = child.enrolments.filter(school=school, end__isnull=True).first()
    return {
        "as_of": _day(today),
        "school": school.name,
        "year_group": enrolment.get_year_group_display() if enrolment else None,
        "on_roll_since": _day(enrolment.start) if enrolment else None,
        "register": _register(child),
        "needs": _needs(child),
        "support_plans": _plans(child, school),
        "meetings": _meetings(child, school),
    }


_DATE_KEYS = {"as_of", "on_roll_since", "start", "end", "since", "review_due", "date"}


def _dated(value):
    """ISO dates in the frozen JSON become dates, so templates write them as GOV.UK does."""
    if isinstance(value, dict):
        return {
            key: _date_or(val) if key in _DATE_KEYS else _dated(val) for key, val in value.items()
        }
    if isinstance(value, list):
        return [_dated(item) for item in value]
    return value


def _date_or(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return _dated(value)


def readable(evidence: dict | None) -> dict:
    """A request's `school_evidence` (or `evidence.school_evidence(...)`) ready for
    `ehc/_evidence.html`: the same keys, with dates as dates."""
    return _dated(evidence or {})
