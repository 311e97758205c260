"""Changes to organisations, memberships and invitations. Each one is audited."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from opensend.accounts.models import FamilyRole
from opensend.accounts.services import email_mark_verified
from opensend.core.models import AuditEventKind
from opensend.core.notifications import notify
from opensend.core.services import audit_record, model_update
from opensend.core.tokens import hash_token, new_token
from opensend.organisations.models import (
    ROLES_BY_KIND,
    Invitation,
    Membership,
    Organisation,
)
from opensend.organisations.selectors import can_manage_organisation, roles_user_may_invite

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
        validate_password(password, user=candidate)
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
