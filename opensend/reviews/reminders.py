"""Reminders before each date of an annual review (issue 9 item 6).

A sweep (`opensend sweep`, from cron), safe to run as often as cron likes: each reminder is
sent once, because the sweep records the date it reminded about on the review itself
(`Review.reminded_for`); when the review moves on to its next date, that date gets its own.

- A review due within 8 weeks (CFA s44(1): at least every 12 months) whose meeting is not
  arranged: the arranger is told (the head teacher arranges it at a school, reg 20(12); for a
  child not at a school the council, reg 21). The arranger is the SENCO and head of
  `review.school`, else the council's SEND team.
- 2 weeks before the meeting, when the advice has not been circulated (reg 20(4): advice is
  circulated at least 2 weeks before the meeting): every participant who has not given advice,
  and the arranger, who circulates it.
- The report (reg 20(7)-(8): within 2 weeks of the meeting), due within a week or late: the
  arranger.
- The council's decision (reg 20(10): within 4 weeks of the meeting) and the amended plan
  (reg 22(3) as read in R (L, M and P) v Devon CC 2022: within 12 weeks of it), due within a
  week or late: the caseworker, or the SEND team while nobody owns the plan's case.

Subjects are fixed per kind and bodies are neutral: no child is named in an inbox (DESIGN "Look
and feel"); the link leads to the signed-in page. Messages go through the notification system
as the EHC reminders do (`opensend.ehc.messages.send`, on commit).
"""

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.notifications import MessageKind, register_message_kind
from opensend.core.services import audit_record
from opensend.ehc.messages import BODY, Recipient, send
from opensend.ehc.reminders import when_due
from opensend.organisations.models import Role
from opensend.reviews.messages import members_of
from opensend.reviews.models import ParticipantRole, Review, ReviewKind, ReviewStatus

# Issue 9 item 6: the work trays show reviews due in the next 8 weeks; the arranger is told
# when a review enters that window, in time to give the 2 weeks' notice of reg 20(3).
DUE_WINDOW = timedelta(weeks=8)
# Not statutory: a week is enough to write a report or prepare a decision (as the EHC reminders).
REMIND_BEFORE = timedelta(days=7)

ARRANGE = "review_arrange_reminder"
ADVICE = "review_advice_reminder"
REPORT = "review_report_reminder"
DECISION = "review_decision_reminder"
AMENDED_PLAN = "review_amended_plan_reminder"

SUBJECTS = {
    ARRANGE: "Reminder: an annual review meeting needs arranging",
    ADVICE: "Reminder: advice for an annual review meeting is due",
    REPORT: "Reminder: an annual review report is due",
    DECISION: "Reminder: a decision after an annual review is due",
    AMENDED_PLAN: "Reminder: an amended EHC plan is due",
}
for _kind, _subject in SUBJECTS.items():
    register_message_kind(_kind, MessageKind(subject=_subject, body_template=BODY))

WHAT = {
    ARRANGE: "An annual review of an EHC plan {when} and its meeting is not arranged yet.",
    ADVICE: "An annual review meeting is on {meeting}. The advice for it should be circulated "
    "to everyone invited at least 2 weeks before the meeting.",
    REPORT: "The report of an annual review meeting {when}.",
    DECISION: "The council's decision after an annual review meeting {when}.",
    AMENDED_PLAN: "An amended EHC plan after an annual review {when}.",
}
NEXT = {
    ARRANGE: "Arrange the meeting with at least 2 weeks' notice (SEND Regulations 2014 "
    "regulation 20(3)) and invite the family, the school, the council, health and social care.",
    ADVICE: "If you were asked for advice, please give it now. If you arranged the meeting, "
    "circulate the advice you have (regulation 20(4)).",
    REPORT: "Send the report to the council and everyone invited within 2 weeks of the meeting "
    "(regulation 20(7) and (8)).",
    DECISION: "Decide whether to keep, amend or cease the plan within 4 weeks of the meeting, "
    "and tell the family (regulation 20(10)).",
    AMENDED_PLAN: "Issue the amended plan within 12 weeks of the review meeting (regulation "
    "22(3); R (L, M and P) v Devon CC 2022).",
}


def reminder_due(review, today: date) -> tuple[str, date] | None:
    """The reminder a review is owed today, as (kind, the date it is about), or None.

    Plain attributes only, so the generator uses it too (to mark reminders already sent)."""
    status = review.status
    if status == ReviewStatus.DUE:
        # CoP 9.178: interim reviews of under-fives are suggested, never chased.
        if review.kind != ReviewKind.INTERIM and review.due_on <= today + DUE_WINDOW:
            return ARRANGE, review.due_on
        return None
    if status in (ReviewStatus.ARRANGED, ReviewStatus.HELD):
        if (
            review.report_due
            and review.report_sent_on is None
            and review.report_due <= today + REMIND_BEFORE
        ):
            return REPORT, review.report_due
        meeting = timezone.localdate(review.meeting_at) if review.meeting_at else None
        if (
            status == ReviewStatus.ARRANGED
            and review.advice_due
            and review.advice_circulated_on is None
            and review.advice_due <= today
            and (meeting is None or today <= meeting)
        ):
            return ADVICE, review.advice_due
        return None
    if status == ReviewStatus.REPORTED:
        if review.decision_due and review.decision_due <= today + REMIND_BEFORE:
            return DECISION, review.decision_due
        return None
    if (
        status == ReviewStatus.AMENDING
        and review.amended_plan_due
        and review.amended_plan_due <= today + REMIND_BEFORE
    ):
        return AMENDED_PLAN, review.amended_plan_due
    return None


# --- who is told ---------------------------------------------------------------------------------


def _case_of(review):
    if review.plan_id:
        return review.plan.case
    if review.statement_id:
        return review.statement.transfer_case
    return None


def la_team_of(review) -> list[Recipient]:
    """The caseworker of the plan's case, or the council's SEND team while nobody owns it."""
    page = ("reviews_la_review", review.pk)
    case = _case_of(review)
    caseworker = case.caseworker if case is not None and case.caseworker_id else None
    if caseworker is not None and caseworker.is_active and caseworker.email:
        name = caseworker.get_short_name()
        return [Recipient(email=caseworker.email, name=name, label="Caseworker", page=page)]
    return members_of(
        review.local_authority_id,
        [Role.LA_CASEWORKER, Role.LA_MANAGER],
        label="Local authority",
        page=page,
    )


def arranger_of(review) -> list[Recipient]:
    """Reg 20(12): the head teacher (and the SENCO) of the school; reg 21: else the council."""
    if review.school_id:
        page = ("reviews_review", review.pk)
        school = members_of(review.school_id, [Role.SENCO, Role.HEAD], label="School", page=page)
        if school:
            return school
    return la_team_of(review)


def advice_owed_by(review) -> list[Recipient]:
    """Participants invited (reg 20(2)) who have not given their advice yet (reg 20(4))."""
    found = []
    for participant in review.participants.filter(advice_given_on__isnull=True).select_related(
        "user"
    ):
        user = participant.user
        email = user.email if user is not None and user.is_active else participant.email
        if not email:
            continue
        if participant.role == ParticipantRole.FAMILY:
            page = ("reviews_family_review", review.pk)
        elif user is not None:
            page = ("reviews_invited_advice", participant.pk)
        else:
            page = None
        name = user.get_short_name() if user is not None else participant.name.split(" ")[0]
        found.append(Recipient(email=email, name=name, label=participant.role, page=page))
    return found


def _recipients(kind: str, review) -> list[Recipient]:
    if kind in (ARRANGE, REPORT):
        people = arranger_of(review)
    elif kind == ADVICE:
        people = advice_owed_by(review) + arranger_of(review)
    else:
        people = la_team_of(review)
    seen: dict[str, Recipient] = {}
    for person in people:
        seen.setdefault(person.email.lower(), person)
    return list(seen.values())


# --- the sweep -----------------------------------------------------------------------------------


def _candidates(today: date):
    horizon = today + REMIND_BEFORE
    return (
        Review.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(
            Q(status=ReviewStatus.DUE, due_on__lte=today + DUE_WINDOW)
            | Q(status=ReviewStatus.ARRANGED, advice_due__lte=today)
            | Q(status__in=[ReviewStatus.ARRANGED, ReviewStatus.HELD], report_due__lte=horizon)
            | Q(status=ReviewStatus.REPORTED, decision_due__lte=horizon)
            | Q(status=ReviewStatus.AMENDING, amended_plan_due__lte=horizon)
        )
        .select_related("plan__case__caseworker", "statement__transfer_case__caseworker", "school")
        .order_by("due_on", "pk")
    )


@transaction.atomic
def review_reminders(today: date | None = None) -> int:
    """Sweep: remind whoever acts next of a review date coming up (or missed), once per date.
    Returns how many reviews were reminded; a second run on the same day reminds none."""
    today = today or timezone.localdate()
    reminded = 0
    for review in _candidates(today):
        due = reminder_due(review, today)
        if due is None or review.reminded_for == due[1]:
            continue
        kind, day = due
        recipients = _recipients(kind, review)
        meeting = timezone.localdate(review.meeting_at) if review.meeting_at else day
        send(
            recipients,
            kind=kind,
            what_changed=WHAT[kind].format(
                when=when_due(day, today), meeting=f"{meeting:%-d %B %Y}"
            ),
            next_step=NEXT[kind],
        )
        Review.objects.filter(pk=review.pk).update(reminded_for=day)
        audit_record(
            actor=None,
            kind=AuditEventKind.SENT,
            record=review,
            subject_id=review.child_id,
            organisation_id=review.local_authority_id,
            note=f"{kind} due={day} recipients={len(recipients)}",
        )
        reminded += 1
    return reminded
