"""Reads of organisations, memberships and invitations, always scoped to the person asking.

This is the `visible_to(user)` pattern every later app follows: a queryset of what the user may
see, and a getter that answers 404 for anything outside it (so a guessed UUID reveals nothing).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from opensend.organisations.models import (
    INVITING_ROLES,
    Invitation,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
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
