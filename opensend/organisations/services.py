"""Changes to organisations, memberships, invitations, term dates and closure days.

Each one is checked and audited.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from opensend.accounts.models import FamilyRole
from opensend.accounts.services import email_mark_verified
from opensend.core.models import AuditEventKind
from opensend.core.notifications import notify
from opensend.core.services import audit_record, model_update, record_label
from opensend.core.tokens import hash_token, new_token
from opensend.law.dates import academic_year_of
from opensend.law.meetings import (
    TERM_NAMES,
    Term,
    TermProblem,
    academic_year_bounds,
    term_problems,
)
from opensend.organisations.models import (
    LA_ROLES,
    PROFESSIONAL_ROLES,
    ROLES_BY_KIND,
    ClosureDay,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    SchoolTerm,
)
from opensend.organisations.selectors import (
    FIRST_ACADEMIC_YEAR,
    LAST_ACADEMIC_YEAR,
    active_memberships,
    can_change_terms,
    can_manage_organisation,
    closure_days_for,
    roles_user_may_invite,
    terms_fingerprint,
    terms_for,
    terms_or_defaults_for,
)

EDITABLE_ORGANISATION_FIELDS = ("name", "email", "telephone", "address", "website")


def organisation_update(
    *, actor, organisation: Organisation, data: dict, expected_version: int
) -> Organisation:
    if not can_manage_organisation(actor, organisation):
        raise PermissionDenied("Only the head teacher or SEND manager can change these details.")
    unknown = set(data) - set(EDITABLE_ORGANISATION_FIELDS)
    if unknown:
        raise ValidationError(f"These details cannot be changed here: {', '.join(sorted(unknown))}")
    return model_update(
        instance=organisation,
        actor=actor,
        data=data,
        expected_version=expected_version,
        organisation_id=organisation.pk,
    )


@transaction.atomic
def membership_create(*, actor, user, organisation: Organisation, role: str) -> Membership:
    if role not in ROLES_BY_KIND[organisation.kind]:
        raise ValidationError(f"A {organisation.get_kind_display().lower()} has no {role} role.")
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        role=role,
        defaults={"created_by": actor, "updated_by": actor},
    )
    if not created and not membership.is_active:
        Membership.objects.filter(pk=membership.pk).update(is_active=True)
        membership.is_active = True
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=membership,
        organisation_id=organisation.pk,
        new_values={"user": str(user.pk), "role": role},
    )
    return membership


# Apps that wait for someone to join (an EHC advice request sent to a professional without an
# account) register a function here; it runs inside the acceptance, with the invitation and user.
_ACCEPTANCE_HOOKS: list = []


def on_invitation_accepted(fn):
    if fn not in _ACCEPTANCE_HOOKS:
        _ACCEPTANCE_HOOKS.append(fn)
    return fn


def invitation_url(token: str) -> str:
    return settings.SITE_URL + reverse("invitation_accept", args=[token])


@transaction.atomic
def invitation_create(
    *,
    actor,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: str = "",
    family_role: str = "",
    parent_link=None,
    child=None,
) -> tuple[Invitation, str]:
    """Invite a colleague (`role`) or a family member (`family_role`); returns the raw token.

    The token goes only into the email; the database keeps its hash.
    """
    if role and role not in roles_user_may_invite(actor, organisation):
        raise PermissionDenied("You cannot invite people to that role.")
    if family_role and family_role not in FamilyRole.values[1:]:
        raise ValidationError("Choose parent or carer, or young person.")
    if bool(role) == bool(family_role):
        raise ValidationError("An invitation is for a staff role or a family member, not both.")
    if family_role and not roles_user_may_invite(actor, organisation):
        raise PermissionDenied("You cannot invite families for this organisation.")
    return _invitation_issue(
        actor=actor,
        organisation=organisation,
        email=email,
        full_name=full_name,
        role=role,
        family_role=family_role,
        parent_link=parent_link,
        child=child,
    )


def _invitation_issue(
    *, actor, organisation, email, full_name, role, family_role, parent_link=None, child=None
) -> tuple[Invitation, str]:
    """Create the invitation and email its link; the caller has checked the actor may."""
    token = new_token()
    invitation = Invitation.objects.create(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        organisation=organisation,
        role=role,
        family_role=family_role,
        parent_link=parent_link,
        child=child,
        token_hash=hash_token(token),
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_DAYS),
        created_by=actor,
        updated_by=actor,
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.INVITED,
        record=invitation,
        organisation_id=organisation.pk,
        new_values={"role": role or family_role},
    )
    transaction.on_commit(
        lambda: notify(
            to=invitation.email,
            kind="invitation",
            personalisation={
                "name": invitation.full_name,
                "organisation": organisation.name,
                "role": invitation.get_role_display() or "family member",
                "link": invitation_url(token),
                "days": str(settings.INVITATION_DAYS),
            },
            actor=actor,
        )
    )
    return invitation, token


@transaction.atomic
def professional_invitation_create(
    *, actor, organisation: Organisation, email: str, full_name: str, role: str
) -> tuple[Invitation, str]:
    """An LA's SEND team invites a professional in its area (an educational psychologist, a
    health or social care professional) to give advice on one case (SEND Regs 2014 reg 6)."""
    if organisation.kind != OrganisationKind.PROFESSIONAL_SERVICE:
        raise ValidationError("Choose a health, social care or psychology service.")
    if role not in PROFESSIONAL_ROLES:
        raise ValidationError("Choose a professional role.")
    if not any(
        m.organisation_id == organisation.local_authority_id and m.role in LA_ROLES
        for m in active_memberships(actor)
    ):
        raise PermissionDenied("Only the local authority's SEND team can invite professionals.")
    return _invitation_issue(
        actor=actor,
        organisation=organisation,
        email=email,
        full_name=full_name,
        role=role,
        family_role="",
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The open invitation a link refers to, or None if it is used, revoked or out of date."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(
            token_hash=hash_token(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, token: str, password: str, user=None):
    """Join by invitation: creates the account (or uses the signed-in one) and its role.

    Single use: the conditional UPDATE means two clicks on the same link cannot both succeed.
    """
    invitation = invitation_for_token(token)
    if invitation is None:
        raise ValidationError("This invitation link has expired or has already been used.")
    User = get_user_model()
    if user is None:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise ValidationError(
                "An account with this email address already exists. Sign in, then open the "
                "invitation link again."
            )
        candidate = User(email=invitation.email, full_name=invitation.full_name)
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            # Keyed to the field, so the form shows the message beside the password box.
            raise ValidationError({"password": error.messages}) from error
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=invitation.full_name,
            family_role=invitation.family_role,
        )
        email_mark_verified(user=user)
    elif invitation.family_role and not user.family_role:
        User.objects.filter(pk=user.pk).update(family_role=invitation.family_role)
        user.family_role = invitation.family_role
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=timezone.now(), accepted_by=user
    )
    if claimed != 1:
        raise ValidationError("This invitation link has already been used.")
    _link_family_record(invitation, user)
    if invitation.role:
        membership_create(
            actor=user, user=user, organisation=invitation.organisation, role=invitation.role
        )
    for hook in _ACCEPTANCE_HOOKS:
        hook(invitation=invitation, user=user)
    audit_record(
        actor=user,
        kind=AuditEventKind.JOINED,
        record=invitation,
        organisation_id=invitation.organisation_id,
    )
    return user


def _link_family_record(invitation: Invitation, user) -> None:
    """A family invitation opens the record it was sent for: a parent's link, or a young
    person's own record."""
    from opensend.people.models import Child, ParentLink

    if invitation.parent_link_id:
        ParentLink.objects.filter(pk=invitation.parent_link_id, user__isnull=True).update(user=user)
    if invitation.child_id:
        Child.objects.filter(pk=invitation.child_id, account__isnull=True).update(account=user)


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> None:
    if not roles_user_may_invite(actor, invitation.organisation):
        raise PermissionDenied("You cannot revoke invitations for this organisation.")
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now(), updated_by=actor
    )
    audit_record(
        actor=actor,
        kind=AuditEventKind.REVOKED,
        record=invitation,
        organisation_id=invitation.organisation_id,
    )


# Term dates and closure days ---------------------------------------------------------------


def _require_term_editor(actor, school: Organisation) -> None:
    if not can_change_terms(actor, school):
        raise PermissionDenied("Only the head teacher or SENCO can change term dates.")


def _check_academic_year(academic_year: int) -> None:
    if not FIRST_ACADEMIC_YEAR <= academic_year <= LAST_ACADEMIC_YEAR:
        raise ValidationError(
            f"Choose an academic year from {FIRST_ACADEMIC_YEAR} to {LAST_ACADEMIC_YEAR}."
        )


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _year_label(academic_year: int) -> str:
    return f"{academic_year} to {academic_year + 1}"


def _describe_terms(terms) -> str:
    return "; ".join(
        f"{term.name} {_long_date(term.start)} to {_long_date(term.end)}" for term in terms
    )


def _term_problem_message(problem: TermProblem, academic_year: int) -> str:
    """The law's finding in the words of the GOV.UK date input it is shown next to."""
    first, last = academic_year_bounds(academic_year)
    day = "first" if problem.part == "start" else "last"
    if problem.kind == "ends_before_start":
        return f"The last day of the {problem.term} term must be on or after its first day"
    if problem.kind in ("start_outside_year", "end_outside_year"):
        return (
            f"The {day} day of the {problem.term} term must be in the {_year_label(academic_year)}"
            f" school year, from {_long_date(first)} to {_long_date(last)}"
        )
    if problem.kind == "overlaps":
        return (
            f"The {problem.term} term must start after the {problem.after} term ends: terms "
            "cannot overlap and must be in the order autumn, spring, summer"
        )
    return "Enter the first and last days of the autumn, spring and summer terms"


@transaction.atomic
def school_terms_set(
    *,
    actor,
    school: Organisation,
    academic_year: int,
    terms: dict[str, tuple[date, date]],
    based_on: str | None = None,
) -> list[SchoolTerm]:
    """Set the school's three terms for an academic year, replacing any set before.

    `terms` maps autumn, spring and summer to their (first day, last day), both days of the
    term. They are checked by the law (`term_problems`: in order, inside 1 September to 31
    August, no overlaps) and each problem is reported against its date, e.g. "spring_start".
    `based_on` is the `terms_fingerprint` the form was filled from (None: do not check).
    """
    _require_term_editor(actor, school)
    _check_academic_year(academic_year)
    # One term-dates change at a time per school (PostgreSQL; SQLite locks the database).
    Organisation.objects.select_for_update().filter(pk=school.pk).first()
    if based_on is not None and based_on != terms_fingerprint(school, academic_year):
        current = terms_or_defaults_for(school, academic_year)
        now = "the standard dates" if current.are_defaults else _describe_terms(current.terms)
        raise ValidationError(
            f"Someone else changed the {_year_label(academic_year)} term dates while you were "
            f"editing. They are now: {now}. Check the dates below, then save again."
        )
    law_terms = [Term(name, start, end) for name, (start, end) in terms.items()]
    problems = term_problems(academic_year, law_terms)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            field = f"{problem.term}_{problem.part}" if problem.term else NON_FIELD_ERRORS
            message = _term_problem_message(problem, academic_year)
            if message not in errors.setdefault(field, []):
                errors[field].append(message)
        raise ValidationError(errors)
    new_terms = {term.name: term for term in law_terms}
    # A closure day is a day of term the school is closed: the new terms must still hold it.
    stranded = [
        closure
        for closure in closure_days_for(school, academic_year)
        if not any(term.start <= closure.date <= term.end for term in new_terms.values())
    ]
    if stranded:
        days = ", ".join(
            f"{_long_date(closure.date)} ({closure.reason})"
            if closure.reason
            else _long_date(closure.date)
            for closure in stranded
        )
        raise ValidationError(
            f"These closure days would no longer be in term: {days}. Remove them first, or "
            "change the term dates so they are in term."
        )
    existing = {row.name: row for row in terms_for(school, academic_year)}
    old_values = (
        {name: [row.start, row.end] for name, row in existing.items()} if existing else None
    )
    saved = []
    for name in TERM_NAMES:
        term = new_terms[name]
        row = existing.get(name)
        if row is None:
            row = SchoolTerm.objects.create(
                school=school,
                academic_year=academic_year,
                name=name,
                start=term.start,
                end=term.end,
                created_by=actor,
                updated_by=actor,
            )
        elif (row.start, row.end) != (term.start, term.end):
            SchoolTerm.objects.filter(pk=row.pk).update(
                start=term.start,
                end=term.end,
                updated_by=actor,
                updated_at=timezone.now(),
                version=F("version") + 1,
            )
            row.refresh_from_db()
        saved.append(row)
    audit_record(
        actor=actor,
        kind=AuditEventKind.UPDATED if existing else AuditEventKind.CREATED,
        # One event for the year's three terms, filed under the school they belong to.
        record_type=record_label(SchoolTerm),
        record_id=str(school.pk),
        organisation_id=school.pk,
        old_values=old_values,
        new_values={name: [new_terms[name].start, new_terms[name].end] for name in TERM_NAMES},
        note=f"term dates {academic_year}",
    )
    return saved


@transaction.atomic
def closure_day_add(*, actor, school: Organisation, day: date, reason: str) -> ClosureDay:
    """Record a day of term on which the school is closed (e.g. a polling station day).

    The day must fall in one of the school's terms for its academic year (the law's default
    terms if the school has not set its own, which cover the whole year).
    """
    _require_term_editor(actor, school)
    reason = reason.strip()
    errors: dict[str, str] = {}
    academic_year = academic_year_of(day)
    max_reason = ClosureDay._meta.get_field("reason").max_length
    if not FIRST_ACADEMIC_YEAR <= academic_year <= LAST_ACADEMIC_YEAR:
        errors["day"] = (
            f"The date must be between {_long_date(date(FIRST_ACADEMIC_YEAR, 9, 1))} and "
            f"{_long_date(date(LAST_ACADEMIC_YEAR + 1, 8, 31))}"
        )
    else:
        year_terms = terms_or_defaults_for(school, academic_year)
        if not any(term.start <= day <= term.end for term in year_terms.terms):
            errors["day"] = (
                f"{_long_date(day)} is not in term. The {_year_label(academic_year)} terms are: "
                f"{_describe_terms(year_terms.terms)}"
            )
        elif ClosureDay.objects.filter(school=school, date=day).exists():
            errors["day"] = f"{_long_date(day)} is already a closure day"
    if not reason:
        errors["reason"] = "Enter why the school is closed"
    elif len(reason) > max_reason:
        errors["reason"] = f"The reason must be {max_reason} characters or fewer"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            closure = ClosureDay.objects.create(
                school=school, date=day, reason=reason, created_by=actor, updated_by=actor
            )
    except IntegrityError as error:  # someone added the same day a moment ago
        raise ValidationError({"day": f"{_long_date(day)} is already a closure day"}) from error
    audit_record(
        actor=actor,
        kind=AuditEventKind.CREATED,
        record=closure,
        organisation_id=school.pk,
        new_values={"date": day, "reason": reason},
    )
    return closure


@transaction.atomic
def closure_day_remove(*, actor, closure: ClosureDay) -> None:
    _require_term_editor(actor, closure.school)
    deleted, _ = ClosureDay.objects.filter(pk=closure.pk).delete()
    if not deleted:
        return  # already removed (two clicks, or a colleague): nothing more to record
    audit_record(
        actor=actor,
        kind=AuditEventKind.DELETED,
        record_type=record_label(closure),
        record_id=str(closure.pk),
        organisation_id=closure.school_id,
        old_values={"date": closure.date, "reason": closure.reason},
    )
