"""The demo's organisations and people: two local authorities, two schools in each, every role.

The same personas serve the tests (tests/personas.py), so a cross-organisation denial is one
line: Northshire's SENCO asks for Southmoor's school and gets a 404. The domain core's
generator (`opensend generate`) builds on these.
"""

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction

from opensend.accounts.models import FamilyRole
from opensend.accounts.services import email_mark_verified
from opensend.organisations.models import Membership, Organisation, OrganisationKind, Role

DEMO_PASSWORD = "demo-password-2026"
# Published on purpose: demo accounts must be usable by anyone trying the demo. A real
# installation never runs `opensend demo`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_DOMAIN = "opensend.example"


@dataclass(frozen=True)
class OrgSpec:
    key: str
    kind: str
    name: str
    la_key: str = ""
    urn: str = ""
    la_code: str = ""
    phase: str = ""
    establishment_type: str = ""
    # The council's locality team for a school (reports "by area"); the generator deals its
    # schools round the same names, the persona schools first.
    area: str = ""


@dataclass(frozen=True)
class PersonSpec:
    key: str
    full_name: str
    org_key: str = ""
    role: str = ""
    family_role: str = ""

    @property
    def email(self) -> str:
        return f"{self.key.replace('_', '.')}@{DEMO_DOMAIN}"


ORGANISATIONS = [
    OrgSpec(
        "north_la", OrganisationKind.LOCAL_AUTHORITY, "Northshire County Council", la_code="990"
    ),
    OrgSpec("south_la", OrganisationKind.LOCAL_AUTHORITY, "Southmoor City Council", la_code="991"),
    OrgSpec(
        "north_oak",
        OrganisationKind.SCHOOL,
        "Oakfield Primary School",
        "north_la",
        "990101",
        phase="primary",
        establishment_type="community",
        area="North",
    ),
    OrgSpec(
        "north_hill",
        OrganisationKind.SCHOOL,
        "Hillside Academy",
        "north_la",
        "990102",
        phase="all_through",
        establishment_type="academy",
        area="Central",
    ),
    OrgSpec(
        "south_river",
        OrganisationKind.SCHOOL,
        "Riverside Primary School",
        "south_la",
        "991201",
        phase="primary",
        establishment_type="voluntary_aided",
        area="City Centre",
    ),
    OrgSpec(
        "south_moor",
        OrganisationKind.SCHOOL,
        "Moorgate High School",
        "south_la",
        "991202",
        phase="secondary",
        establishment_type="academy",
        area="East",
    ),
    OrgSpec(
        "north_ep",
        OrganisationKind.PROFESSIONAL_SERVICE,
        "Northshire Educational Psychology Service",
        "north_la",
    ),
    OrgSpec(
        "north_health",
        OrganisationKind.PROFESSIONAL_SERVICE,
        "Northshire Community Health NHS Trust",
        "north_la",
    ),
    OrgSpec(
        "north_social",
        OrganisationKind.PROFESSIONAL_SERVICE,
        "Northshire Children's Social Care",
        "north_la",
    ),
    OrgSpec(
        "south_ep",
        OrganisationKind.PROFESSIONAL_SERVICE,
        "Southmoor Educational Psychology Service",
        "south_la",
    ),
    OrgSpec(
        "north_provider",
        OrganisationKind.LOCAL_OFFER_PROVIDER,
        "Northshire Sensory Support Play Club",
        "north_la",
    ),
    OrgSpec(
        "south_provider",
        OrganisationKind.LOCAL_OFFER_PROVIDER,
        "Southmoor Youth Inclusion Project",
        "south_la",
    ),
]

PEOPLE = [
    PersonSpec("north_caseworker", "Priya Shah", "north_la", Role.LA_CASEWORKER),
    PersonSpec("north_manager", "Tom Bailey", "north_la", Role.LA_MANAGER),
    PersonSpec("south_caseworker", "Grace Okafor", "south_la", Role.LA_CASEWORKER),
    PersonSpec("south_manager", "Daniel Hughes", "south_la", Role.LA_MANAGER),
    PersonSpec("oak_senco", "Sarah Collins", "north_oak", Role.SENCO),
    PersonSpec("oak_teacher", "James Turner", "north_oak", Role.TEACHER),
    PersonSpec("oak_ta", "Amira Hassan", "north_oak", Role.TEACHING_ASSISTANT),
    PersonSpec("oak_head", "Helen Price", "north_oak", Role.HEAD),
    PersonSpec("oak_governor", "Robert King", "north_oak", Role.GOVERNOR),
    PersonSpec("hill_senco", "Mark Evans", "north_hill", Role.SENCO),
    PersonSpec("river_senco", "Chloe Wright", "south_river", Role.SENCO),
    PersonSpec("river_teacher", "Oliver Green", "south_river", Role.TEACHER),
    PersonSpec("river_head", "Fatima Begum", "south_river", Role.HEAD),
    PersonSpec("river_governor", "Susan Clarke", "south_river", Role.GOVERNOR),
    PersonSpec("moor_senco", "Ian Walsh", "south_moor", Role.SENCO),
    PersonSpec("north_ep", "Dr Anna Lewis", "north_ep", Role.EDUCATIONAL_PSYCHOLOGIST),
    PersonSpec("north_health", "Kate Morgan", "north_health", Role.HEALTH_PROFESSIONAL),
    PersonSpec("north_social", "Leon Brooks", "north_social", Role.SOCIAL_CARE_PROFESSIONAL),
    PersonSpec("south_ep", "Dr Ben Carter", "south_ep", Role.EDUCATIONAL_PSYCHOLOGIST),
    PersonSpec("north_provider", "Nina Patel", "north_provider", Role.LOCAL_OFFER_PROVIDER),
    PersonSpec("south_provider", "Sam Reid", "south_provider", Role.LOCAL_OFFER_PROVIDER),
    PersonSpec("north_parent", "Lucy Martin", family_role=FamilyRole.PARENT),
    PersonSpec("south_parent", "Ahmed Khan", family_role=FamilyRole.PARENT),
    PersonSpec("north_young_person", "Jordan Ellis", family_role=FamilyRole.YOUNG_PERSON),
]


def _ensure_totp(user) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)


@transaction.atomic
def load_demo_people(*, with_mfa: bool = True) -> dict[str, object]:
    """Create the demo organisations and people if missing; return them keyed by persona."""
    objects: dict[str, object] = {}
    for spec in ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "urn": spec.urn,
                "la_code": spec.la_code,
                "phase": spec.phase,
                "establishment_type": spec.establishment_type,
                "area": spec.area,
                "local_authority": objects.get(spec.la_key),
                "email": f"send@{spec.key.replace('_', '-')}.{DEMO_DOMAIN}",
            },
        )
        if spec.area and not organisation.area:
            # Demo data loaded before schools had areas get theirs; a chosen area is kept.
            organisation.area = spec.area
            organisation.save(update_fields=["area"])
        objects[spec.key] = organisation
    User = get_user_model()
    for spec in PEOPLE:
        user = User.objects.filter(email=spec.email).first()
        if user is None:
            user = User.objects.create_user(
                email=spec.email,
                password=DEMO_PASSWORD,
                full_name=spec.full_name,
                family_role=spec.family_role,
            )
            email_mark_verified(user=user)
        if spec.role:
            Membership.objects.get_or_create(
                user=user, organisation=objects[spec.org_key], role=spec.role
            )
            if with_mfa:
                _ensure_totp(user)
        objects[spec.key] = user
    return objects
