"""Local authorities, schools and the other bodies people work for, and who works where.

One installation serves many organisations (DESIGN "Who sees what"): organisation is data,
never a separate database. A school belongs to the local authority whose area it is in; a
child's responsible authority is recorded on the child (domain core), not inferred from this.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import BaseModel


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    SCHOOL = "school", "School or setting"
    PROFESSIONAL_SERVICE = "professional_service", "Health, social care or psychology service"
    LOCAL_OFFER_PROVIDER = "local_offer_provider", "Local Offer provider"


class Role(models.TextChoices):
    """The roles of the DESIGN visibility table, one per membership."""

    LA_CASEWORKER = "la_caseworker", "SEND caseworker"
    LA_MANAGER = "la_manager", "SEND manager"
    SENCO = "senco", "SENCO"
    TEACHER = "teacher", "Teacher"
    TEACHING_ASSISTANT = "teaching_assistant", "Teaching assistant"
    HEAD = "head", "Head teacher or school leader"
    GOVERNOR = "governor", "Governor"
    EDUCATIONAL_PSYCHOLOGIST = "educational_psychologist", "Educational psychologist"
    HEALTH_PROFESSIONAL = "health_professional", "Health professional"
    SOCIAL_CARE_PROFESSIONAL = "social_care_professional", "Social care professional"
    LOCAL_OFFER_PROVIDER = "local_offer_provider", "Local Offer provider"


LA_ROLES = frozenset({Role.LA_CASEWORKER, Role.LA_MANAGER})
SCHOOL_STAFF_ROLES = frozenset({Role.SENCO, Role.TEACHER, Role.TEACHING_ASSISTANT, Role.HEAD})
SCHOOL_ROLES = SCHOOL_STAFF_ROLES | {Role.GOVERNOR}
PROFESSIONAL_ROLES = frozenset(
    {Role.EDUCATIONAL_PSYCHOLOGIST, Role.HEALTH_PROFESSIONAL, Role.SOCIAL_CARE_PROFESSIONAL}
)
ROLES_BY_KIND = {
    OrganisationKind.LOCAL_AUTHORITY: LA_ROLES,
    OrganisationKind.SCHOOL: SCHOOL_ROLES,
    OrganisationKind.PROFESSIONAL_SERVICE: PROFESSIONAL_ROLES,
    OrganisationKind.LOCAL_OFFER_PROVIDER: frozenset({Role.LOCAL_OFFER_PROVIDER}),
}
# Who may invite colleagues into their own organisation, and which roles they may give.
INVITING_ROLES = {
    Role.LA_MANAGER: LA_ROLES,
    Role.HEAD: SCHOOL_ROLES,
    Role.SENCO: SCHOOL_STAFF_ROLES - {Role.HEAD},
    # A Local Offer provider brings in its own colleagues to keep its entries (issue 11).
    Role.LOCAL_OFFER_PROVIDER: frozenset({Role.LOCAL_OFFER_PROVIDER}),
}
# A council's SEND team adds the providers in its area to the Local Offer and invites their
# first account; the provider invites the rest itself.
AREA_INVITING_ROLES = {
    OrganisationKind.LOCAL_OFFER_PROVIDER: frozenset({Role.LOCAL_OFFER_PROVIDER})
}


class SchoolPhase(models.TextChoices):
    """Phase of education as Get Information about Schools and the census record it."""

    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE_PRIMARY = "middle_primary", "Middle deemed primary"
    MIDDLE_SECONDARY = "middle_secondary", "Middle deemed secondary"
    SECONDARY = "secondary", "Secondary"
    SIXTEEN_PLUS = "16_plus", "16 plus"
    ALL_THROUGH = "all_through", "All-through"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class EstablishmentType(models.TextChoices):
    """The establishment types that matter for SEND (GIAS type of establishment)."""

    COMMUNITY = "community", "Community school"
    VOLUNTARY_AIDED = "voluntary_aided", "Voluntary aided school"
    VOLUNTARY_CONTROLLED = "voluntary_controlled", "Voluntary controlled school"
    FOUNDATION = "foundation", "Foundation school"
    ACADEMY = "academy", "Academy"
    FREE_SCHOOL = "free_school", "Free school"
    COMMUNITY_SPECIAL = "community_special", "Community special school"
    ACADEMY_SPECIAL = "academy_special", "Academy special school"
    NON_MAINTAINED_SPECIAL = "non_maintained_special", "Non-maintained special school"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit", "Pupil referral unit"
    INDEPENDENT = "independent", "Independent school"
    FURTHER_EDUCATION = "further_education", "Further education college"
    NURSERY = "nursery", "Maintained nursery school"
    EARLY_YEARS = "early_years", "Early years setting"


class Organisation(BaseModel):
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    name = models.CharField(max_length=200)
    # The DfE's identifiers: a school's unique reference number and an LA's three-digit code.
    urn = models.CharField("URN", max_length=8, blank=True)
    la_code = models.CharField("LA code", max_length=3, blank=True)
    local_authority = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations_in_area",
        limit_choices_to={"kind": OrganisationKind.LOCAL_AUTHORITY},
        help_text="The local authority whose area this organisation is in.",
    )
    phase = models.CharField(max_length=20, choices=SchoolPhase.choices, blank=True)
    establishment_type = models.CharField(
        "type", max_length=30, choices=EstablishmentType.choices, blank=True
    )
    email = models.EmailField("contact email", blank=True)
    telephone = models.CharField("contact telephone", max_length=30, blank=True)
    address = models.TextField(blank=True)
    website = models.URLField(blank=True)
    # The council's own division of its area (a locality team, a district): reports group
    # schools by it (issue 12: "by school, need and area"). Free text: councils name their own.
    area = models.CharField(
        max_length=60,
        blank=True,
        help_text="The local authority's area or locality team for this school, for reports.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~Q(urn=""), name="organisation_unique_urn"
            ),
            models.UniqueConstraint(
                fields=["la_code"], condition=~Q(la_code=""), name="organisation_unique_la_code"
            ),
            models.CheckConstraint(
                condition=Q(kind="local_authority") | Q(local_authority__isnull=False),
                name="organisation_outside_la_needs_an_area",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_authority(self) -> bool:
        return self.kind == OrganisationKind.LOCAL_AUTHORITY

    @property
    def is_school(self) -> bool:
        return self.kind == OrganisationKind.SCHOOL


class Membership(BaseModel):
    """A person's role in one organisation. A SENCO working across two schools has two."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=40, choices=Role.choices)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} at {self.organisation}"


class Invitation(BaseModel):
    """A single-use, expiring link by which someone joins with a role fixed by the inviter.

    Only a hash of the token is stored, so a leaked database copy cannot be used to join.
    """

    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    # The organisation that invited them; staff join it, families are linked to children later.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=40, choices=Role.choices, blank=True)
    family_role = models.CharField(max_length=20, blank=True)
    # A family invitation names whose record it opens: a parent's link, or a young person's own.
    parent_link = models.ForeignKey(
        "people.ParentLink", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(role="") & Q(family_role="")) | (Q(role="") & ~Q(family_role="")),
                name="invitation_is_for_a_role_or_a_family",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.email}"


class TermName(models.TextChoices):
    AUTUMN = "autumn", "Autumn"
    SPRING = "spring", "Spring"
    SUMMER = "summer", "Summer"


class SchoolTerm(BaseModel):
    """A school's own term dates; the law's parent-meeting and training rules use them."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="terms")
    academic_year = models.PositiveSmallIntegerField(help_text="2026 means 2026 to 2027")
    name = models.CharField(max_length=10, choices=TermName.choices)
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "name"], name="school_term_unique"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="term_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_name_display()} {self.academic_year}"


class ClosureDay(BaseModel):
    """A day the school is closed to pupils and staff inside term (e.g. a polling day)."""

    school = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="closures")
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["school", "date"], name="closure_day_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.reason}"
