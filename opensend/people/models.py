"""Children and young people, their families, where they go to school, and the SEN register.

The register keeps history: each change of SEN provision (E, K, N) or of needs closes the open
entry and opens a new one, so "what was this pupil's status on census day?" always has an
answer. Codes come from opensend.law.codes (the DfE's census codes).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.core.models import BaseModel
from opensend.law.codes import NEED_TYPES


class Child(BaseModel):
    upn = models.CharField("UPN", max_length=13, blank=True)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    # The local authority responsible for the child under CFA 2014 s24: where they live.
    home_local_authority = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="resident_children",
        limit_choices_to={"kind": "local_authority"},
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    # A young person over compulsory school age may have their own account (DESIGN table).
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="own_record",
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["upn"], condition=~Q(upn=""), name="child_unique_upn"),
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    FOSTER_CARER = "foster_carer", "Foster carer"
    KINSHIP_CARER = "kinship_carer", "Kinship carer (for example a grandparent)"
    SPECIAL_GUARDIAN = "special_guardian", "Special guardian"
    CORPORATE_PARENT = "corporate_parent", "Local authority (corporate parent)"
    OTHER = "other", "Other"


class ParentLink(BaseModel):
    """A parent or carer of a child: Education Act 1996 s576, someone with parental
    responsibility or who has care of the child. `access_restricted` hides the child's record
    from this person (for example by a court order); staff still see who they are."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="parent_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parent_links",
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    relationship = models.CharField(max_length=30, choices=Relationship.choices)
    parental_responsibility = models.BooleanField(default=True)
    has_care = models.BooleanField(default=True)
    access_restricted = models.BooleanField(default=False)
    restriction_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parental_responsibility=True) | Q(has_care=True),
                name="parent_has_responsibility_or_care",
            ),
            models.UniqueConstraint(
                fields=["child", "user"], condition=Q(user__isnull=False), name="parent_link_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_relationship_display()})"


class YearGroup(models.TextChoices):
    """National curriculum year, as the school census records it (NCyearActual)."""

    N1 = "N1", "Nursery 1"
    N2 = "N2", "Nursery 2"
    R = "R", "Reception"
    Y1 = "1", "Year 1"
    Y2 = "2", "Year 2"
    Y3 = "3", "Year 3"
    Y4 = "4", "Year 4"
    Y5 = "5", "Year 5"
    Y6 = "6", "Year 6"
    Y7 = "7", "Year 7"
    Y8 = "8", "Year 8"
    Y9 = "9", "Year 9"
    Y10 = "10", "Year 10"
    Y11 = "11", "Year 11"
    Y12 = "12", "Year 12"
    Y13 = "13", "Year 13"
    Y14 = "14", "Year 14"


class Enrolment(BaseModel):
    """A child on roll at a school or setting, from `start` to `end` (open while on roll)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="enrolments"
    )
    year_group = models.CharField(max_length=2, choices=YearGroup.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="enrolment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child", "school"],
                condition=Q(end__isnull=True),
                name="enrolment_one_open_per_school",
            ),
        ]
        indexes = [models.Index(fields=["school", "end"])]

    def __str__(self) -> str:
        return f"{self.child} at {self.school}"


class Provision(models.TextChoices):
    """School census SEN provision (reference/statutory.md §6.1); E + K + N = the whole roll."""

    EHC_PLAN = "E", "EHC plan"
    SEN_SUPPORT = "K", "SEN support"
    NO_SEN = "N", "No special educational need"


class SenStatus(BaseModel):
    """One period of a child's SEN provision. Exactly one is open (no `end`) at a time."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sen_statuses")
    provision = models.CharField(max_length=1, choices=Provision.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    school = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The school that recorded the change.",
    )
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-start", "-created_at"]
        verbose_name_plural = "SEN statuses"
        constraints = [
            models.UniqueConstraint(
                fields=["child"], condition=Q(end__isnull=True), name="sen_status_one_open"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="sen_status_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["provision", "end"])]

    def __str__(self) -> str:
        return f"{self.child}: {self.provision} from {self.start}"


NEED_CHOICES = [(need.code, need.description) for need in NEED_TYPES if need.status == "current"]


class Need(BaseModel):
    """A type of need, ranked (1 = primary), for the period it applied."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="needs")
    code = models.CharField(max_length=4, choices=NEED_CHOICES)
    rank = models.PositiveSmallIntegerField()
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "code"], condition=Q(end__isnull=True), name="need_open_once"
            ),
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(end__isnull=True, rank=1),
                name="need_one_open_primary",
            ),
            models.CheckConstraint(condition=Q(rank__gte=1), name="need_rank_positive"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="need_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.rank})"
