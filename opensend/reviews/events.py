"""Annual review meetings and statutory dates in each person's calendar feed (issue 9 item 6).

A feed leaves OpenSEND (DESIGN "Look and feel"), so every entry is neutral: "Annual review
meeting", "Annual review: report due". No child's name, initials or needs; the link leads to
the signed-in page with the details. Each review has two stable uids, one for its meeting and
one for its next statutory date, so when the review moves on the calendar moves the entry.

- The arranger (the SENCO and head of the review's school, reg 20(12); the council's SEND team
  for a child not at a school, reg 21): the date the review is due (CFA s44), the meeting, and
  the report due 2 weeks after it (reg 20(7)).
- The council's SEND team (a caseworker: the plans they own and those nobody owns; a manager:
  all their council's): the decision due 4 weeks after the meeting (reg 20(10)) and the amended
  plan due 12 weeks after it (reg 22(3); R (L, M and P) v Devon CC 2022).
- Whoever is invited with an account (the family included, for their views): the meeting, and
  the date their advice is due (2 weeks before the meeting, reg 20(4)) until they give it.
- The family: the meeting.
"""

from datetime import timedelta

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opensend.core.calendar import CalendarEvent
from opensend.ehc.events import la_teams_of
from opensend.ehc.selectors import _own_child_filter, school_manager_ids
from opensend.reviews.models import (
    OPEN_REVIEW_STATUSES,
    ParticipantRole,
    Review,
    ReviewKind,
    ReviewParticipant,
    ReviewStatus,
)

# As the EHC feed: past dates stay a while, so an overdue step stays visible.
KEEP_PAST = timedelta(days=120)
MEETING_LENGTH = timedelta(hours=1)
DESCRIPTION = "Details are in OpenSEND, after you sign in."

MEETING = "Annual review meeting"
SUMMARIES = {
    ReviewStatus.DUE: "Annual review due",
    ReviewStatus.ARRANGED: "Annual review: report due",
    ReviewStatus.HELD: "Annual review: report due",
    ReviewStatus.REPORTED: "Annual review: council decision due",
    ReviewStatus.AMENDING: "Annual review: amended plan due",
}
DATE_FIELDS = {
    ReviewStatus.DUE: "due_on",
    ReviewStatus.ARRANGED: "report_due",
    ReviewStatus.HELD: "report_due",
    ReviewStatus.REPORTED: "decision_due",
    ReviewStatus.AMENDING: "amended_plan_due",
}
ADVICE_DUE = "Annual review: advice due"
ARRANGER_STEPS = (ReviewStatus.DUE, ReviewStatus.ARRANGED, ReviewStatus.HELD)
LA_STEPS = (ReviewStatus.REPORTED, ReviewStatus.AMENDING)
FIELDS = ("pk", "status", "kind", "meeting_at", *sorted(set(DATE_FIELDS.values())))


def _url(name: str, pk) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:  # the page's door is not wired in (yet): the feed still works
        return ""


def _meeting(pk, meeting_at, url: str) -> CalendarEvent:
    return CalendarEvent(
        uid=f"review-meeting-{pk}",
        start=meeting_at,
        end=meeting_at + MEETING_LENGTH,
        summary=MEETING,
        description=DESCRIPTION,
        url=url,
    )


def _date_events(rows, steps, since, url_name: str) -> list[CalendarEvent]:
    events = []
    for row in rows:
        pk, status, kind, meeting_at = row["pk"], row["status"], row["kind"], row["meeting_at"]
        if status == ReviewStatus.ARRANGED and meeting_at and meeting_at.date() >= since:
            events.append(_meeting(pk, meeting_at, _url(url_name, pk)))
        if status not in steps or (status == ReviewStatus.DUE and kind == ReviewKind.INTERIM):
            continue
        day = row[DATE_FIELDS[status]]
        if day is None or day < since:
            continue
        events.append(
            CalendarEvent(
                uid=f"review-{pk}",
                start=day,
                summary=SUMMARIES[status],
                description=DESCRIPTION,
                url=_url(url_name, pk),
            )
        )
    return events


def _la_scope(user) -> Q | None:
    managed, worked = la_teams_of(user)
    if not managed and not worked:
        return None
    mine = (
        Q(plan__case__caseworker=user)
        | Q(plan__case__caseworker__isnull=True)
        | Q(plan__isnull=True)
    )
    return Q(local_authority_id__in=managed) | (Q(local_authority_id__in=worked) & mine)


def _school_events(user, since) -> list[CalendarEvent]:
    schools = school_manager_ids(user)
    if not schools:
        return []
    rows = Review.objects.filter(school_id__in=schools, status__in=ARRANGER_STEPS).values(*FIELDS)
    return _date_events(rows, ARRANGER_STEPS, since, "reviews_review")


def _la_events(user, since) -> list[CalendarEvent]:
    scope = _la_scope(user)
    if scope is None:
        return []
    # Reg 21: the council arranges the reviews of children not at a school.
    rows = (
        Review.objects.filter(scope, status__in=OPEN_REVIEW_STATUSES)
        .filter(Q(status__in=LA_STEPS) | Q(school__isnull=True))
        .values(*FIELDS)
    )
    return _date_events(rows, ARRANGER_STEPS + LA_STEPS, since, "reviews_la_review")


def _participant_events(user, since) -> list[CalendarEvent]:
    rows = ReviewParticipant.objects.filter(
        user=user, review__status=ReviewStatus.ARRANGED, review__meeting_at__isnull=False
    ).values_list(
        "pk", "role", "review_id", "review__meeting_at", "review__advice_due", "advice_given_on"
    )
    events = []
    for pk, role, review_id, meeting_at, advice_due, given in rows:
        # The family give their views on their own door; professionals their advice.
        if role == ParticipantRole.FAMILY:
            url = _url("reviews_family_views", review_id)
        else:
            url = _url("reviews_invited_advice", pk)
        events.append(_meeting(review_id, meeting_at, url))
        if given is None and advice_due and advice_due >= since:
            events.append(
                CalendarEvent(
                    uid=f"review-advice-{pk}",
                    start=advice_due,
                    summary=ADVICE_DUE,
                    description=DESCRIPTION,
                    url=url,
                )
            )
    return events


def _family_events(user) -> list[CalendarEvent]:
    rows = Review.objects.filter(
        _own_child_filter(user), status=ReviewStatus.ARRANGED, meeting_at__isnull=False
    ).values_list("pk", "meeting_at")
    return [_meeting(pk, at, _url("reviews_family_review", pk)) for pk, at in rows]


def review_events(user):
    if not user.is_authenticated:
        return []
    since = timezone.localdate() - KEEP_PAST
    events = (
        _school_events(user, since)
        + _la_events(user, since)
        + _participant_events(user, since)
        + _family_events(user)
    )
    # The same meeting reached twice (a SENCO also invited, say) is one entry.
    unique: dict[str, CalendarEvent] = {}
    for event in events:
        unique.setdefault(event.uid, event)
    return list(unique.values())
