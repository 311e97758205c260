"""Changes to a child's recorded parents and carers after they are added: correcting their
details (for example from the school's MIS) and inviting them to join OpenSEND.

Adding a parent or carer is `opensend.people.services.parent_link_add`. A link recorded with
no account (as the MIS import records them) gives nobody access until the person accepts an
invitation: `parent_link_invite` is the one step that emails them.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from opensend.core.services import model_update
from opensend.organisations.models import Invitation, Organisation
from opensend.organisations.services import invitation_create
from opensend.people.models import ParentLink, Relationship
from opensend.people.selectors import can_edit_register, is_on_roll

EDITABLE_FIELDS = frozenset({"email", "relationship", "parental_responsibility", "has_care"})


def _require_register_editor(actor, school: Organisation, link: ParentLink) -> None:
    if not can_edit_register(actor, school):
        raise PermissionDenied("Only the SENCO or head teacher can change a pupil's family.")
    if not is_on_roll(link.child, school):
        raise PermissionDenied("This pupil is not on your school's roll.")


@transaction.atomic
def parent_link_update(
    *, actor, link: ParentLink, school: Organisation, data: dict, expected_version: int
) -> ParentLink:
    """Correct a parent or carer's email, relationship, responsibility or care.

    Names are not changed here: the person may have corrected their own when they joined.
    """
    _require_register_editor(actor, school, link)
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    data = dict(data)
    if "email" in data:
        data["email"] = data["email"].strip().lower()
    if "relationship" in data and data["relationship"] not in Relationship.values:
        raise ValidationError({"relationship": "Choose how they are related to the child"})
    responsibility = data.get("parental_responsibility", link.parental_responsibility)
    if not (responsibility or data.get("has_care", link.has_care)):
        raise ValidationError(
            "A parent or carer has parental responsibility or has care of the child "
            "(Education Act 1996 s576)"
        )
    return model_update(
        instance=link,
        actor=actor,
        data=data,
        expected_version=expected_version,
        subject_id=link.child_id,
        organisation_id=school.pk,
    )


def open_invitation(link: ParentLink) -> Invitation | None:
    return (
        Invitation.objects.filter(
            parent_link=link,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


@transaction.atomic
def parent_link_invite(*, actor, link: ParentLink, school: Organisation) -> Invitation:
    """Invite a recorded parent or carer with the name and email already held, so a SENCO
    who imported the family from the MIS does not type them again. Emailed on commit."""
    _require_register_editor(actor, school, link)
    if link.user_id:
        raise ValidationError(f"{link.full_name} already has an account and can see this record")
    if link.access_restricted:
        raise ValidationError(
            f"{link.full_name}\u2019s access to this record is restricted: restore it before "
            "inviting them"
        )
    if not link.email:
        raise ValidationError(
            f"We have no email address for {link.full_name}: add them again with their email "
            "address to invite them"
        )
    pending = open_invitation(link)
    if pending is not None:
        raise ValidationError(
            f"{link.full_name} was invited on {timezone.localdate(pending.created_at):%-d %B %Y}: "
            f"the invitation works until {timezone.localdate(pending.expires_at):%-d %B %Y}"
        )
    invitation, _token = invitation_create(
        actor=actor,
        organisation=school,
        email=link.email,
        full_name=link.full_name,
        family_role="parent",
        parent_link=link,
    )
    return invitation
