"""Reads of organisations, memberships and invitations, always scoped to the person asking.

This is the `visible_to(user)` pattern every later app follows: a queryset of what the user may
see, and a getter that answers 404 for anything outside it (so a guessed UUID reveals nothing).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from opensend.law.meetings import TERM_NAMES, Term, academic_year_bounds, default_terms
from opensend.organisations.models import (
    AREA_INVITING_ROLES,
    INVITING_ROLES,
    LA_ROLES,
    SCHOOL_ROLES,
    ClosureDay,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
    SchoolTerm,
)


def active_memberships(user) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "organisation", "organisation__local_authority"
    )


def roles_of(user) -> set[str]:
    return {m.role for m in active_memberships(user)}


def organisation_ids_with_role(user, roles) -> set:
    return {m.organisation_id for m in active_memberships(user) if m.role in roles}


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Your own organisations; an LA's staff also see the schools and services in its area."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    own = Membership.objects.filter(user=user, is_active=True)
    la_ids = own.filter(organisation__kind=OrganisationKind.LOCAL_AUTHORITY).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(memberships__in=own) | Q(local_authority_id__in=la_ids)
    ).distinct()


def get_organisation_for(user, organisation_id) -> Organisation:
    try:
        return (
            organisations_visible_to(user).select_related("local_authority").get(pk=organisation_id)
        )
    except (Organisation.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such organisation.") from error


def can_manage_organisation(user, organisation: Organisation) -> bool:
    """Heads manage their school's details and LA managers their LA's."""
    return organisation.pk in organisation_ids_with_role(user, {Role.HEAD, Role.LA_MANAGER})


def members_visible_to(user, organisation: Organisation) -> QuerySet[Membership]:
    """Colleagues: anyone in the organisation sees who else works there (not families)."""
    if organisation.pk not in {m.organisation_id for m in active_memberships(user)}:
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=organisation, is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )


def roles_user_may_invite(user, organisation: Organisation) -> list[str]:
    allowed: set[str] = set()
    for membership in active_memberships(user):
        if membership.organisation_id == organisation.pk:
            allowed |= INVITING_ROLES.get(membership.role, set())
        elif (
            membership.role in LA_ROLES
            and membership.organisation_id == organisation.local_authority_id
        ):
            allowed |= AREA_INVITING_ROLES.get(organisation.kind, set())
    return [role for role in Role.values if role in allowed]


def invitations_visible_to(user, organisation: Organisation) -> QuerySet[Invitation]:
    if not roles_user_may_invite(user, organisation):
        return Invitation.objects.none()
    return Invitation.objects.filter(organisation=organisation).select_related("created_by")


def get_invitation_for(user, invitation_id) -> Invitation:
    organisation_ids = {
        m.organisation_id for m in active_memberships(user) if m.role in INVITING_ROLES
    }
    try:
        return Invitation.objects.select_related("organisation").get(
            pk=invitation_id, organisation_id__in=organisation_ids
        )
    except (Invitation.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such invitation.") from error


# Term dates and closure days ---------------------------------------------------------------

# The years the term-dates pages and services work in; anything else is a typing error.
FIRST_ACADEMIC_YEAR = 2000
LAST_ACADEMIC_YEAR = 2099
TERM_EDITING_ROLES = frozenset({Role.HEAD, Role.SENCO})


def schools_with_term_dates_for(user) -> set:
    """The schools whose term dates someone may see: staff and governors of that school."""
    return {
        m.organisation_id
        for m in active_memberships(user)
        if m.role in SCHOOL_ROLES and m.organisation.kind == OrganisationKind.SCHOOL
    }


def get_school_for_terms(user, school_id) -> Organisation:
    """The school, if the person works there or governs it; 404 for anyone else (the LA too:
    a school's calendar is the school's own business)."""
    for membership in active_memberships(user):
        school = membership.organisation
        if (
            str(school.pk) == str(school_id)
            and membership.role in SCHOOL_ROLES
            and school.kind == OrganisationKind.SCHOOL
        ):
            return school
    raise Http404("No such school.")


def can_change_terms(user, school: Organisation) -> bool:
    """The head and the SENCO set the term dates and closure days; other staff read them."""
    return school.pk in organisation_ids_with_role(user, TERM_EDITING_ROLES)


def terms_for(school: Organisation, academic_year: int) -> QuerySet[SchoolTerm]:
    """The terms the school has set for the academic year (autumn first); may be empty."""
    return SchoolTerm.objects.filter(school=school, academic_year=academic_year).order_by("start")


def closure_days_for(school: Organisation, academic_year: int) -> QuerySet[ClosureDay]:
    """The days the school is closed in the academic year (1 September to 31 August)."""
    first, last = academic_year_bounds(academic_year)
    return ClosureDay.objects.filter(school=school, date__range=(first, last)).order_by("date")


@dataclass(frozen=True)
class YearTerms:
    """A school's terms for one academic year, as the law's `Term`s, autumn first.

    `are_defaults` is True when the school has not set its own: the terms are then the law's
    defaults (autumn 1 Sep-31 Dec, spring 1 Jan-31 Mar, summer 1 Apr-31 Aug), which cover
    every day of the year, holidays included. Say so wherever they are shown or used.
    """

    academic_year: int
    terms: tuple[Term, ...]
    are_defaults: bool


def terms_or_defaults_for(
    school: Organisation, academic_year: int, rows: list[SchoolTerm] | None = None
) -> YearTerms:
    """The school's own terms for the year, or the law's defaults if it has not set all three.

    `rows` are the school's terms for the year when the caller has already fetched them.
    """
    rows = list(terms_for(school, academic_year)) if rows is None else rows
    if {row.name for row in rows} == set(TERM_NAMES) and len(rows) == len(TERM_NAMES):
        by_name = {row.name: row for row in rows}
        own = tuple(Term(name, by_name[name].start, by_name[name].end) for name in TERM_NAMES)
        return YearTerms(academic_year, own, are_defaults=False)
    return YearTerms(academic_year, default_terms(academic_year), are_defaults=True)


def terms_fingerprint(school: Organisation, academic_year: int) -> str:
    """The year's term dates as one string ("" for the defaults). The term-dates form carries
    it, so a save based on dates someone else has since changed is refused, not applied."""
    year_terms = terms_or_defaults_for(school, academic_year)
    if year_terms.are_defaults:
        return ""
    return ";".join(f"{term.name}={term.start}..{term.end}" for term in year_terms.terms)


def get_closure_day_for(user, closure_id) -> ClosureDay:
    """A closure day of a school the person works at or governs; 404 for anyone else."""
    try:
        return ClosureDay.objects.select_related("school").get(
            pk=closure_id, school_id__in=schools_with_term_dates_for(user)
        )
    except (ClosureDay.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such closure day.") from error
