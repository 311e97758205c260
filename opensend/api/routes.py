from uuid import UUID

from ninja import Router, Schema
from ninja.errors import HttpError

from opensend.core.services import StaleEditError
from opensend.organisations import selectors as organisation_selectors
from opensend.organisations import services as organisation_services

router = Router()


class MembershipOut(Schema):
    organisation_id: UUID
    organisation_name: str
    role: str


class MeOut(Schema):
    id: UUID
    email: str
    full_name: str
    family_role: str
    memberships: list[MembershipOut]


class OrganisationOut(Schema):
    id: UUID
    kind: str
    name: str
    urn: str
    la_code: str
    local_authority_id: UUID | None
    email: str
    telephone: str
    address: str
    website: str
    version: int


class OrganisationPatch(Schema):
    version: int
    name: str | None = None
    email: str | None = None
    telephone: str | None = None
    address: str | None = None
    website: str | None = None


@router.get("/me", response=MeOut, tags=["accounts"])
def me(request):
    """Who you are signed in as, and your roles."""
    user = request.user
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "family_role": user.family_role,
        "memberships": [
            {
                "organisation_id": m.organisation_id,
                "organisation_name": m.organisation.name,
                "role": m.role,
            }
            for m in organisation_selectors.active_memberships(user)
        ],
    }


@router.get("/organisations", response=list[OrganisationOut], tags=["organisations"])
def organisation_list(request):
    """The organisations you belong to, and for LA staff the schools in their area."""
    return organisation_selectors.organisations_visible_to(request.user).order_by("name")


@router.get("/organisations/{organisation_id}", response=OrganisationOut, tags=["organisations"])
def organisation_get(request, organisation_id: UUID):
    return organisation_selectors.get_organisation_for(request.user, organisation_id)


@router.patch("/organisations/{organisation_id}", response=OrganisationOut, tags=["organisations"])
def organisation_patch(request, organisation_id: UUID, payload: OrganisationPatch):
    """Change contact details. Send the `version` you read; a stale one gets 409."""
    organisation = organisation_selectors.get_organisation_for(request.user, organisation_id)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    try:
        return organisation_services.organisation_update(
            actor=request.user,
            organisation=organisation,
            data=data,
            expected_version=payload.version,
        )
    except StaleEditError as stale:
        raise HttpError(
            409,
            "Someone else changed this record since you read it (now version "
            f"{stale.current.version}): "
            + "; ".join(f"{d.field} is now {d.theirs!r}" for d in stale.differences),
        ) from stale
