"""Telling each party to a review what changed and what happens next.

The pattern is `opensend.ehc.messages`: a fixed subject per kind that never names the child
(DESIGN "Look and feel"), a body saying what changed and what to do, the details behind
sign-in, and delivery on commit so nothing is sent for a change that did not happen.
"""

from opensend.core.notifications import MessageKind, register_message_kind
from opensend.ehc.messages import Recipient, send
from opensend.organisations.models import Membership, Role

BODY = "emails/ehc_update.txt"
INVITATION = "reviews_invitation"
MOVED = "reviews_moved"
ADVICE_CIRCULATED = "reviews_advice_circulated"
REPORT = "reviews_report"
FAMILY_UPDATE = "reviews_family_update"
SCHOOL_UPDATE = "reviews_school_update"
LA_UPDATE = "reviews_la_update"
REMINDER = "reviews_reminder"

SUBJECTS = {
    INVITATION: "You are invited to an annual review of an EHC plan",
    MOVED: "The date of an EHC plan review meeting has changed",
    ADVICE_CIRCULATED: "Advice for an EHC plan review is ready to read",
    REPORT: "The report of an EHC plan review",
    FAMILY_UPDATE: "An update on the review of the EHC plan",
    SCHOOL_UPDATE: "An update on an EHC plan review",
    LA_UPDATE: "An EHC plan review needs the council's attention",
    REMINDER: "A statutory date for an EHC plan review is coming up",
}
for _kind, _subject in SUBJECTS.items():
    register_message_kind(_kind, MessageKind(subject=_subject, body_template=BODY))


def _page_for(participant) -> tuple[str, object]:
    review_id = participant.review_id
    if participant.role == "family":
        return ("reviews_family_review", review_id)
    if participant.role == "school":
        return ("reviews_review", review_id)
    if participant.role == "la":
        return ("reviews_la_review", review_id)
    return ("reviews_invited_advice", participant.pk)


def participant_recipients(participants) -> list[Recipient]:
    """Each invitee with an email address, pointed at their own door to the review."""
    seen: dict[str, Recipient] = {}
    for participant in participants:
        if participant.email and participant.email not in seen:
            seen[participant.email] = Recipient(
                email=participant.email,
                name=participant.name.split(" ")[0],
                label=participant.get_role_display(),
                page=_page_for(participant),
            )
    return list(seen.values())


def _by_role(review, roles) -> list[Recipient]:
    return participant_recipients(p for p in review.participants.all() if p.role in roles)


def family_of(review) -> list[Recipient]:
    return _by_role(review, {"family"})


def members_of(organisation_id, roles, *, label: str, page) -> list[Recipient]:
    """The active members of an organisation in these roles, pointed at `page`."""
    memberships = (
        Membership.objects.filter(
            organisation_id=organisation_id, role__in=roles, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("user__email")
    )
    return [
        Recipient(email=m.user.email, name=m.user.get_short_name(), label=label, page=page)
        for m in memberships
        if m.user.email
    ]


def school_of(review) -> list[Recipient]:
    """The school's invitees, or its SENCOs and heads when nobody from it was invited."""
    invited = _by_role(review, {"school"})
    if invited or review.school_id is None:
        return invited
    return members_of(
        review.school_id,
        [Role.SENCO, Role.HEAD],
        label="School",
        page=("reviews_review", review.pk),
    )


def la_of(review) -> list[Recipient]:
    """The caseworker invited, else the council's SEND team."""
    return _by_role(review, {"la"}) or members_of(
        review.local_authority_id,
        [Role.LA_CASEWORKER, Role.LA_MANAGER],
        label="Local authority",
        page=("reviews_la_review", review.pk),
    )


def _day(value) -> str:
    return f"{value:%-d %B %Y}"


def invited(*, review, participants, moved: bool, actor) -> None:
    """Reg 20(2)-(4): the invitation with at least 2 weeks' notice, and the request for advice."""
    when = f"{review.meeting_at:%-d %B %Y at %-I:%M%p}".replace("AM", "am").replace("PM", "pm")
    where = f" at {review.location}" if review.location else ""
    if moved:
        what = f"The review meeting has moved. It is now on {when}{where}."
    else:
        what = (
            f"You are invited to the annual review meeting of an EHC plan on {when}{where} "
            "(SEND Regulations 2014 regulation 20)."
        )
    send(
        participant_recipients(participants),
        kind=MOVED if moved else INVITATION,
        what_changed=what,
        next_step=f"Please send your advice or views by {_day(review.advice_due)}, so they "
        "can be shared with everyone at least 2 weeks before the meeting (regulation 20(4)).",
        actor=actor,
    )


def advice_circulated(*, review, actor) -> None:
    send(
        participant_recipients(review.participants.all()),
        kind=ADVICE_CIRCULATED,
        what_changed="The advice and views given for the review meeting are ready to read "
        "(SEND Regulations 2014 regulation 20(4)).",
        next_step=f"Please read them before the meeting on {_day(review.meeting_at.date())}.",
        actor=actor,
    )


def report_sent(*, review, actor) -> None:
    """Reg 20(7)-(8): the report goes to the council and to everyone invited."""
    send(
        participant_recipients(review.participants.all()) + la_of(review),
        kind=REPORT,
        what_changed="The report of the annual review meeting has been sent to the council "
        "and to everyone invited (SEND Regulations 2014 regulation 20(7) and (8)).",
        next_step=f"The council will decide whether to keep, amend or cease the plan by "
        f"{_day(review.decision_due)} (regulation 20(10)).",
        actor=actor,
    )


def decided(*, review, actor) -> None:
    """Reg 20(10): the council's decision goes to the family and the school."""
    words = {
        "keep": "The council has decided to keep the EHC plan as it is.",
        "amend": "The council has decided to amend the EHC plan.",
        "cease": "The council has decided to cease to maintain the EHC plan.",
    }[review.decision]
    family_next = (
        "You will be sent the proposed amendments. You then have 15 days to comment, to ask "
        "for a particular school or college, and to ask to meet the council (regulation 22)."
        if review.decision == "amend"
        else "The notice explains why, your right to appeal, and where to get free advice."
    )
    send(
        family_of(review),
        kind=FAMILY_UPDATE,
        what_changed=words,
        next_step=family_next,
        actor=actor,
    )
    send(school_of(review), kind=SCHOOL_UPDATE, what_changed=words, actor=actor)


def amended_plan_issued(*, review, actor) -> None:
    send(
        school_of(review),
        kind=SCHOOL_UPDATE,
        what_changed="The amended EHC plan has been issued and the review is complete.",
        next_step=f"The next annual review is due by {_day(review.due_on)}."
        if review.due_on
        else "",
        actor=actor,
    )


def review_due(*, review, actor=None) -> None:
    """Told to whoever arranges a newly opened review (reg 20(12); reg 21: the council)."""
    send(
        school_of(review) if review.school_id else la_of(review),
        kind=REMINDER,
        what_changed="An annual review of an EHC plan is due (Children and Families Act 2014 "
        "section 44).",
        next_step=f"Hold the meeting by {_day(review.due_on)}, with at least 2 weeks' notice.",
        actor=actor,
    )
