"""Telling people what changed in an EHC needs assessment, in words they can act on.

Families said they never know where their case is, and that portal emails only say "you have
new information" (reference/peers.md §3). So each message's body says what changed and what
happens next; the subject stays fixed per kind and never names the child (DESIGN "Look and
feel"), and the details sit behind sign-in. Messages go on commit, so nothing is sent for a
change that did not happen.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from opensend.core.notifications import MessageKind, notify, register_message_kind
from opensend.organisations.models import Membership, Organisation, Role
from opensend.people.selectors import family_recipients

BODY = "emails/ehc_update.txt"
FAMILY_UPDATE = "ehc_family_update"
SCHOOL_UPDATE = "ehc_school_update"
LA_UPDATE = "ehc_la_update"
ADVICE_REQUESTED = "ehc_advice_requested"
ADVICE_REMINDER = "ehc_advice_reminder"
DECISION_NOTICE = "ehc_decision_notice"
CASE_REMINDER = "ehc_case_reminder"
CONSIDERING_NOTICE = "ehc_considering_notice"

for kind, subject in (
    (FAMILY_UPDATE, "An update on the request for an EHC needs assessment"),
    (SCHOOL_UPDATE, "An update on an EHC needs assessment request"),
    (LA_UPDATE, "An EHC needs assessment case has changed"),
    (ADVICE_REQUESTED, "You have been asked for advice for an EHC needs assessment"),
    (ADVICE_REMINDER, "Reminder: advice for an EHC needs assessment is due soon"),
    (DECISION_NOTICE, "Notice of an EHC needs assessment decision"),
    (CASE_REMINDER, "A statutory date for an EHC case is coming up"),
    (CONSIDERING_NOTICE, "Notice: an EHC needs assessment is being considered"),
):
    register_message_kind(kind, MessageKind(subject=subject, body_template=BODY))


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    label: str  # for the letter's record of who it went to, e.g. "School: Oakfield Primary"
    # (URL name, record id) of the page to sign in to; the id is None for a page of lists.
    page: tuple[str, object] | None

    @property
    def link(self) -> str:
        if self.page is None:
            return settings.SITE_URL
        name, pk = self.page
        return settings.SITE_URL + reverse(name, args=[] if pk is None else [pk])


def family_of(case) -> list[Recipient]:
    link = ("ehc_family_case", case.pk)
    return [
        Recipient(email=email, name=name, label=f"Family: {name}", page=link)
        for email, name in family_recipients(case.child)
    ]


def school_staff_of(case) -> list[Recipient]:
    """The SENCOs and heads of the child's current school(s)."""
    memberships = Membership.objects.filter(
        organisation__enrolments__child=case.child,
        organisation__enrolments__end__isnull=True,
        role__in=[Role.SENCO, Role.HEAD],
        is_active=True,
        user__is_active=True,
    ).select_related("user", "organisation")
    link = ("ehc_school_case", case.pk)
    seen: dict[str, Recipient] = {}
    for membership in memberships:
        user = membership.user
        seen.setdefault(
            user.email,
            Recipient(
                email=user.email,
                name=user.get_short_name(),
                label=f"School: {membership.organisation.name}",
                page=link,
            ),
        )
    return list(seen.values())


def _people_in(organisation_id, roles) -> list:
    """The active people with one of `roles` in an organisation."""
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, role__in=roles, is_active=True, user__is_active=True
        ).select_related("user")
    ]


def _addressed(people, label: str, link) -> list[Recipient]:
    return [
        Recipient(email=p.email, name=p.get_short_name(), label=label, page=link) for p in people
    ]


def la_team_of(case) -> list[Recipient]:
    """The case's caseworker, or the LA's SEND team when nobody owns it yet."""
    link = ("ehc_case", case.pk)
    if case.caseworker_id and case.caseworker.is_active:
        people = [case.caseworker]
    else:
        people = _people_in(case.local_authority_id, [Role.LA_CASEWORKER, Role.LA_MANAGER])
    return _addressed(people, "Local authority", link)


def _services(case, role: str, label: str) -> list[Recipient]:
    """Professional services in the LA's area with people in `role` (health or social care):
    told of the decision (regs 4(2), 5(2)) at their service's contact address."""
    services = (
        Organisation.objects.filter(
            kind="professional_service",
            local_authority_id=case.local_authority_id,
            memberships__role=role,
            memberships__is_active=True,
        )
        .exclude(email="")
        .distinct()
    )
    return [
        Recipient(email=s.email, name=s.name, label=f"{label}: {s.name}", page=None)
        for s in services
    ]


def health_and_social_care_of(case) -> list[Recipient]:
    return _services(case, Role.HEALTH_PROFESSIONAL, "Health") + _services(
        case, Role.SOCIAL_CARE_PROFESSIONAL, "Social care"
    )


def send(recipients, *, kind: str, what_changed: str, next_step: str = "", actor=None) -> None:
    recipients = list(recipients)  # read now, delivered on commit

    def deliver():
        for recipient in recipients:
            notify(
                to=recipient.email,
                kind=kind,
                personalisation={
                    "name": recipient.name,
                    "what_changed": what_changed,
                    "next_step": next_step,
                    "link": recipient.link,
                },
                actor=actor,
            )

    transaction.on_commit(deliver)


def responders_of(advice) -> list[Recipient]:
    """Who answers an advice request: the family, the school's SENCO and head, or the named
    professional (by the email they were invited at, until they join)."""
    link = ("ehc_advice", advice.pk)
    if advice.kind == "family":
        return [
            Recipient(email=r.email, name=r.name, label=r.label, page=link)
            for r in family_of(advice.case)
        ]
    if advice.kind == "educational" and advice.recipient_organisation_id:
        people = _people_in(advice.recipient_organisation_id, [Role.SENCO, Role.HEAD])
        return _addressed(people, "School", link)
    if advice.recipient_user_id:
        user = advice.recipient_user
        return [Recipient(email=user.email, name=user.get_short_name(), label="", page=link)]
    if advice.recipient_email:
        name = advice.recipient_name.split(" ")[0] if advice.recipient_name else ""
        return [Recipient(email=advice.recipient_email, name=name, label="", page=link)]
    return []


def request_received(*, case, request, opened: bool, actor) -> None:
    if opened:
        change = "The council has received a request for an EHC needs assessment."
    else:
        change = "A further request has been added to an open EHC needs assessment case."
    send(
        la_team_of(case),
        kind=LA_UPDATE,
        what_changed=change,
        next_step=f"{case.next_step} by {case.next_due:%-d %B %Y}." if case.next_due else "",
        actor=actor,
    )
    if opened:
        # Reg 4(2): while the LA considers whether to assess, it tells health, social care and
        # the child's school (which knows already when it made the request itself).
        told = health_and_social_care_of(case)
        if request.requester_kind != "school":
            told += school_staff_of(case)
        send(
            told,
            kind=CONSIDERING_NOTICE,
            what_changed="The council is considering whether to carry out an EHC needs "
            "assessment for a child you may work with (SEND Regulations 2014 regulation 4).",
            next_step=f"It will decide by {case.decision_to_assess_due:%-d %B %Y}. It may ask "
            "you for information.",
            actor=actor,
        )
    if request.requester_kind == "school":
        send(
            family_of(case),
            kind=FAMILY_UPDATE,
            what_changed="Your child's school has asked the council for an EHC needs assessment.",
            next_step=f"The council will decide whether to assess by "
            f"{case.decision_to_assess_due:%-d %B %Y}.",
            actor=actor,
        )


def case_changed(*, case, what_changed: str, next_step: str = "", actor=None) -> None:
    send(
        family_of(case),
        kind=FAMILY_UPDATE,
        what_changed=what_changed,
        next_step=next_step,
        actor=actor,
    )
    send(
        school_staff_of(case),
        kind=SCHOOL_UPDATE,
        what_changed=what_changed,
        next_step=next_step,
        actor=actor,
    )


def _decision_words(decision) -> str:
    return {
        ("assess", True): "The council has decided to carry out an EHC needs assessment.",
        ("assess", False): "The council has decided not to carry out an EHC needs assessment. "
        "The letter explains why, and what you can do if you disagree.",
        ("issue", True): "The council has decided to write an EHC plan.",
        ("issue", False): "The council has decided not to issue an EHC plan. The letter "
        "explains why, and what you can do if you disagree.",
    }[(decision.kind, decision.agreed)]


def letter_sent(*, letter, recipients, actor) -> None:
    """The decision letter goes to the family and the school; health and social care get a
    notice (regs 4(2), 5(2), 10(3)) with no details beyond the link."""
    words = _decision_words(letter.decision)
    by_kind: dict[str, list[Recipient]] = {}
    for recipient in recipients:
        kind = (
            FAMILY_UPDATE
            if recipient.label.startswith("Family")
            else SCHOOL_UPDATE
            if recipient.label.startswith("School")
            else DECISION_NOTICE
        )
        by_kind.setdefault(kind, []).append(recipient)
    for kind, people in by_kind.items():
        send(people, kind=kind, what_changed=words, actor=actor)


def advice_requested(*, advice, actor) -> None:
    send(
        responders_of(advice),
        kind=ADVICE_REQUESTED,
        what_changed=f"The council asks for your advice ({advice.get_kind_display().lower()}) "
        "for an EHC needs assessment.",
        next_step=f"Please give it by {advice.due:%-d %B %Y} (SEND Regulations 2014 reg 8: "
        "within 6 weeks).",
        actor=actor,
    )


def advice_given(*, advice, actor) -> None:
    send(
        la_team_of(advice.case),
        kind=LA_UPDATE,
        what_changed=f"Advice has been given: {advice.get_kind_display().lower()}.",
        actor=actor,
    )
    if advice.shared_with_family and advice.kind != "family":
        send(
            family_of(advice.case),
            kind=FAMILY_UPDATE,
            what_changed=f"New advice for the assessment is ready to read: "
            f"{advice.get_kind_display().lower()}.",
            actor=actor,
        )


# --- the EHC plan (issue 8) ---------------------------------------------------------------------

PLAN_FAMILY = "ehc_plan_family"
PLAN_SCHOOL = "ehc_plan_school"
PLAN_NOTICE = "ehc_plan_notice"
for kind, subject in (
    (PLAN_FAMILY, "An update on the EHC plan"),
    (PLAN_SCHOOL, "An EHC plan needs the school's attention"),
    (PLAN_NOTICE, "Notice: an EHC plan has been issued"),
):
    register_message_kind(kind, MessageKind(subject=subject, body_template=BODY))


def _family_plan_page(case) -> list[Recipient]:
    return [
        Recipient(email=r.email, name=r.name, label=r.label, page=("ehc_family_case", case.pk))
        for r in family_of(case)
    ]


def draft_served(*, version, actor) -> None:
    """Reg 13(1): the family is told what it can do with the draft, and by when; proposed
    amendments to a plan in force give the same rights and time (reg 22(2))."""
    amending = version.plan.versions.filter(issued_on__isnull=False).exists()
    rights = (
        f"You have until {version.comments_close:%-d %B %Y} to comment on it, to ask for a "
        "particular school or college to be named, and to ask to meet the council"
    )
    if amending:
        what_changed = "The council has sent you the amendments it proposes to the EHC plan."
        next_step = (
            f"{rights} (SEND Regulations 2014 regulation 22(2)). The plan you have now stays "
            "in force until the amended plan is issued."
        )
    else:
        what_changed = "The council has sent you the draft EHC plan."
        next_step = f"{rights} (SEND Regulations 2014 regulation 13)."
    send(
        _family_plan_page(version.plan.case),
        kind=PLAN_FAMILY,
        what_changed=what_changed,
        next_step=next_step,
        actor=actor,
    )


def school_consulted(*, consultation, actor) -> None:
    """CFA 2014 s39: the school is asked whether it can meet the child's needs."""
    people = _people_in(consultation.school_id, [Role.SENCO, Role.HEAD])
    send(
        _addressed(people, "School", ("ehc_plan_consultation", consultation.pk)),
        kind=PLAN_SCHOOL,
        what_changed="A council asks whether your school can meet a child's needs before it "
        "names the school in an EHC plan.",
        next_step=f"Please answer by {consultation.respond_by:%-d %B %Y}.",
        actor=actor,
    )


def plan_issued(*, final, appeal_by, actor) -> None:
    """Reg 13(2) and 14: the final plan goes to the family (with their right of appeal and
    mediation), the school named in it, and the health commissioning body."""
    case = final.plan.case
    send(
        _family_plan_page(case),
        kind=PLAN_FAMILY,
        what_changed="The council has issued the final EHC plan.",
        next_step="If you disagree with the special educational needs, the provision or the "
        f"school named, you can appeal to the Tribunal by {appeal_by:%-d %B %Y} (2 months from "
        "today, or 1 month from a mediation certificate if that is later). You must first "
        "contact a mediation adviser unless you appeal only about the school named. Free, "
        "impartial advice: your local SEND information, advice and support service.",
        actor=actor,
    )
    if final.placement_id:
        people = _people_in(final.placement_id, [Role.SENCO, Role.HEAD])
        send(
            _addressed(people, "School", ("ehc_plan_version", final.pk)),
            kind=PLAN_SCHOOL,
            what_changed="An EHC plan naming your school has been issued.",
            actor=actor,
        )
    send(
        _services(case, Role.HEALTH_PROFESSIONAL, "Health"),
        kind=PLAN_NOTICE,
        what_changed="The council has issued an EHC plan for a child in its area "
        "(SEND Regulations 2014 regulation 13(2)).",
        actor=actor,
    )
