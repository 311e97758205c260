"""Statutory dates of EHC needs assessments in each person's calendar feed (issue 7 item 9).

A feed leaves OpenSEND (DESIGN "Look and feel"), so every entry is all-day and neutral: "EHC:
final plan due", "EHC advice due". No child's name, initials or needs; the link leads to the
signed-in page with the details. Each entry's uid names its record, so when a case moves on to
its next date the calendar moves the entry rather than adding another.

- LA SEND team: the next statutory date of each open case of their LA. A caseworker gets the
  cases they own and those nobody owns yet (so nothing is missed); a manager gets them all.
- Whoever is asked for advice (a professional by name, a school's SENCO and head, the family):
  the due date of each request still to answer.
- The family: the next date the council must meet on their child's open case.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from opensend.core.calendar import CalendarEvent
from opensend.ehc.models import OPEN_STAGES, AdviceStatus, CaseStage, EhcCase
from opensend.ehc.selectors import advice_for_responder, family_cases
from opensend.organisations.models import Role
from opensend.organisations.selectors import active_memberships

# Past dates kept in a feed, so an overdue step stays visible for a while (the work tray and
# the reminders chase it; the calendar just should not drop it at once).
KEEP_PAST = timedelta(days=120)
DESCRIPTION = "Details are in OpenSEND, after you sign in."

# The LA's next step (services.next_statutory_step) as a neutral calendar line.
LA_SUMMARIES = {
    "Decide whether to assess": "EHC: decision whether to assess due",
    "Decide whether to issue a plan": "EHC: decision whether to issue a plan due",
    "Send the advice requests": "EHC: advice requests to send",
    "Advice due": "EHC: advice due",
    "Issue the final plan": "EHC: final plan due",
}
LA_SUMMARY_OTHER = "EHC: statutory date"

# What the family waits for at each open stage, and the date the council must meet.
FAMILY_DATES = {
    CaseStage.REQUESTED: ("EHC assessment: council decision due", "decision_to_assess_due"),
    CaseStage.ASSESSING: (
        "EHC assessment: decision on a plan due",
        "decision_not_to_issue_due",
    ),
    CaseStage.DRAFTING: ("EHC assessment: final plan due", "final_plan_due"),
}


def la_teams_of(user) -> tuple[set, set]:
    """The LAs the person manages, and those where they are a caseworker: a manager's calendar
    holds all the LA's dates, a caseworker's their own cases' and those nobody owns yet."""
    managed, worked = set(), set()
    for membership in active_memberships(user):
        if membership.role == Role.LA_MANAGER:
            managed.add(membership.organisation_id)
        elif membership.role == Role.LA_CASEWORKER:
            worked.add(membership.organisation_id)
    return managed, worked


def _la_scope(user) -> Q | None:
    """Cases of the person's LAs they should have in their calendar, or None if not LA staff."""
    managed, worked = la_teams_of(user)
    if not managed and not worked:
        return None
    mine = Q(caseworker=user) | Q(caseworker__isnull=True)
    return Q(local_authority_id__in=managed) | (Q(local_authority_id__in=worked) & mine)


def _la_events(user, since) -> list[CalendarEvent]:
    scope = _la_scope(user)
    if scope is None:
        return []
    rows = EhcCase.objects.filter(
        scope, stage__in=OPEN_STAGES, next_due__isnull=False, next_due__gte=since
    ).values_list("pk", "next_step", "next_due")
    return [
        CalendarEvent(
            uid=f"ehc-case-{pk}",
            start=due,
            summary=LA_SUMMARIES.get(step, LA_SUMMARY_OTHER),
            description=DESCRIPTION,
            url=reverse("ehc_case", args=[pk]),
        )
        for pk, step, due in rows
    ]


def _advice_events(user, since) -> list[CalendarEvent]:
    rows = (
        advice_for_responder(user)
        .filter(status=AdviceStatus.REQUESTED, due__isnull=False, due__gte=since)
        .values_list("pk", "due")
    )
    return [
        CalendarEvent(
            uid=f"ehc-advice-{pk}",
            start=due,
            summary="EHC advice due",
            description=DESCRIPTION,
            url=reverse("ehc_advice", args=[pk]),
        )
        for pk, due in rows
    ]


def _family_events(user, since) -> list[CalendarEvent]:
    fields = sorted({field for _, field in FAMILY_DATES.values()})
    rows = family_cases(user).filter(stage__in=OPEN_STAGES).values_list("pk", "stage", *fields)
    events = []
    for pk, stage, *dates in rows:
        summary, field = FAMILY_DATES[stage]
        due = dict(zip(fields, dates, strict=True))[field]
        if due < since:
            continue
        events.append(
            CalendarEvent(
                uid=f"ehc-family-case-{pk}",
                start=due,
                summary=summary,
                description=DESCRIPTION,
                url=reverse("ehc_family_case", args=[pk]),
            )
        )
    return events


def ehc_events(user):
    if not user.is_authenticated:
        return []
    since = timezone.localdate() - KEEP_PAST
    return _la_events(user, since) + _advice_events(user, since) + _family_events(user, since)
