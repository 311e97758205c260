"""What schools and authorities publish (issue 11): SEN information reports, the Local Offer
directory, and consultations on the Local Offer with the authority's response.

- A school keeps one `InformationReport`: its draft answers, item by item (the keys of
  `opensend.law.information_report.ITEMS`). Publishing freezes a `ReportVersion`, which is
  never edited again (DESIGN "Audit and versions"): the public page shows the newest, and the
  older ones stay available.
- An authority keeps one `LocalOffer`: its introduction, how to get it without the internet
  (reg 57), the SENDIASS and mediation contacts, and its areas. Its `Service` entries come
  from providers, schools and the authority itself. A provider's change is a `ServiceChange`
  that the authority approves before the public sees it; a school's entry is drawn from its
  published report, so the school writes it once.
- A `Consultation` gathers `ConsultationComment`s; the authority groups them into themes, each
  with its response and planned action, and publishes "You said, we did" (reg 56).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from opensend.core.models import BaseModel

# --- SEN information reports ---------------------------------------------------------------------


class InformationReport(BaseModel):
    """A school's SEN information report: the draft it is working on, item by item."""

    school = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="information_report"
    )
    answers = models.JSONField(default=dict, blank=True)  # item key -> text
    # Published as a section of the school's SEND policy rather than as a page of its own.
    in_send_policy = models.BooleanField(default=False)
    # The republication due date a reminder was last sent for, so each is reminded once.
    reminded_for = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"SEN information report of {self.school}"


class ReportVersion(BaseModel):
    """One published version, frozen: what the public page showed from `published_on`."""

    report = models.ForeignKey(InformationReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    published_on = models.DateField()
    answers = models.JSONField(default=dict)
    in_send_policy = models.BooleanField(default=False)
    school_name = models.CharField(max_length=200)  # as it was when published
    # What changed since the last version, in a sentence ("No changes" when republished as is).
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique"),
        ]
        indexes = [models.Index(fields=["published_on"])]

    def __str__(self) -> str:
        return f"Version {self.number}"


# --- the Local Offer -----------------------------------------------------------------------------


class LocalOffer(BaseModel):
    """An authority's Local Offer: the settings of its public directory."""

    local_authority = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="local_offer"
    )
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Its web address: /local-offer/<slug>/"
    )
    introduction = models.TextField(blank=True)
    # Reg 57 (CoP 4.x): how families without the internet, or who need another format, get it.
    offline_access = models.TextField(blank=True)
    sendiass_name = models.CharField("SENDIASS name", max_length=200, blank=True)
    sendiass_telephone = models.CharField("SENDIASS telephone", max_length=30, blank=True)
    sendiass_email = models.EmailField("SENDIASS email", blank=True)
    sendiass_website = models.URLField("SENDIASS website", blank=True)
    mediation_contact = models.TextField(
        blank=True, help_text="The mediation service families should contact (Sch 2 para 17)."
    )
    # The last day the authority was reminded that its reg 56 response is due, once per date.
    response_reminded_for = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Local Offer of {self.local_authority}"


class LocalOfferArea(BaseModel):
    """A part of the authority's area that services say they cover (the directory's filter)."""

    local_offer = models.ForeignKey(LocalOffer, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["local_offer", "name"], name="area_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceCategory(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    LEISURE = "leisure", "Leisure and activities"
    SUPPORT_GROUP = "support_group", "Support groups"
    PREPARING_FOR_ADULTHOOD = "adulthood", "Post-16 and preparing for adulthood"
    TRAVEL = "travel", "Travel and transport"
    ADVICE = "advice", "Information, advice and support"


class Cost(models.TextChoices):
    FREE = "free", "Free"
    SOME_COST = "some_cost", "Some costs"
    CHARGED = "charged", "Charged"


class ServiceStatus(models.TextChoices):
    """The Open Referral UK service statuses."""

    ACTIVE = "active", "Running"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"
    INACTIVE = "inactive", "Not running at the moment"
    DEFUNCT = "defunct", "Closed for good"


class Service(BaseModel):
    """One entry in a Local Offer. The fields here are what the public sees; a provider's
    proposed change waits in `ServiceChange` until the authority approves it."""

    local_offer = models.ForeignKey(LocalOffer, on_delete=models.CASCADE, related_name="services")
    provider = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="local_offer_services"
    )
    name = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="One or two sentences for search results.")
    description = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=ServiceCategory.choices)
    for_all_needs = models.BooleanField(
        default=True, help_text="For any special educational need or disability."
    )
    minimum_age = models.PositiveSmallIntegerField(default=0)
    maximum_age = models.PositiveSmallIntegerField(default=25)
    areas = models.ManyToManyField(LocalOfferArea, blank=True, related_name="services")
    cost = models.CharField(max_length=10, choices=Cost.choices, default=Cost.FREE)
    fees = models.CharField(max_length=300, blank=True, help_text="What it costs, in words.")
    url = models.URLField("website", blank=True)
    email = models.EmailField(blank=True)
    telephone = models.CharField(max_length=30, blank=True)
    location_name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    when = models.CharField("when it runs", max_length=300, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # law.local_offer.SERVICE_QUESTIONS
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    # Public only once the authority has approved it (or the authority or a school wrote it).
    is_published = models.BooleanField(default=False)
    # The last day someone changed the entry or confirmed it is still right; 12 months later it
    # is flagged to the provider and the authority (law.local_offer.entry_stale_on).
    confirmed_on = models.DateField()
    stale_reminded_for = models.DateField(null=True, blank=True)
    # A school's entry is drawn from its published SEN information report (issue 11 item 6).
    information_report = models.OneToOneField(
        InformationReport,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="local_offer_entry",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(maximum_age__gte=F("minimum_age")) & Q(maximum_age__lte=25),
                name="service_ages_sensible",
            ),
        ]
        indexes = [
            models.Index(fields=["local_offer", "is_published", "category"]),
            models.Index(fields=["confirmed_on"]),
        ]

    def __str__(self) -> str:
        return self.name


class ServiceNeed(models.Model):
    """A need type (DfE census code) a service is for, when it is not for every need."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="needs")
    code = models.CharField(max_length=4)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "code"], name="service_need_unique"),
        ]
        indexes = [models.Index(fields=["code"])]

    def __str__(self) -> str:
        return self.code


class ChangeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Sent back"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ServiceChange(BaseModel):
    """A provider's proposed new entry or change, waiting for the authority's approval."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    proposed = models.JSONField(default=dict)  # field name -> new value (needs, areas as lists)
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PENDING
    )
    base_version = models.PositiveIntegerField()  # the service's version it was written against
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)  # why it was sent back

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["service"], condition=Q(status="pending"), name="one_pending_change"
            ),
        ]


# --- consultations and "You said, we did" -------------------------------------------------------


class Audience(models.TextChoices):
    """Who a consultation asks (reg 54; the seed: teachers, school leaders, professionals)."""

    FAMILIES = "families", "Parents and carers"
    YOUNG_PEOPLE = "young_people", "Children and young people"
    TEACHERS = "teachers", "Teachers"
    SCHOOL_LEADERS = "school_leaders", "School leaders"
    SENCOS = "sencos", "SENCOs"
    PROFESSIONALS = "professionals", "Health, care and other professionals"
    PROVIDERS = "providers", "Service providers"


class Consultation(BaseModel):
    local_offer = models.ForeignKey(
        LocalOffer, on_delete=models.CASCADE, related_name="consultations"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(help_text="What you are asking, and why.")
    # A part of the offer (one category), or blank for the whole Local Offer.
    category = models.CharField(max_length=20, choices=ServiceCategory.choices, blank=True)
    audiences = models.JSONField(default=list)  # Audience values
    opens_on = models.DateField()
    closes_on = models.DateField()
    response_summary = models.TextField(blank=True)  # the authority's overall response
    response_published_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="consultation_closes_after_open"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class RespondentType(models.TextChoices):
    PARENT = "parent", "A parent or carer"
    YOUNG_PERSON = "young_person", "A child or young person"
    TEACHER = "teacher", "A teacher"
    SCHOOL_LEADER = "school_leader", "A school leader"
    SENCO = "senco", "A SENCO"
    PROFESSIONAL = "professional", "A health, care or other professional"
    PROVIDER = "provider", "A service provider"
    OTHER = "other", "Someone else"


class CommentTopic(models.TextChoices):
    """What reg 56(1) asks comments about."""

    CONTENT = "content", "What the Local Offer contains, how good it is, and what is missing"
    ACCESSIBILITY = "accessibility", "How easy it is to find, use and understand"
    DEVELOPMENT = "development", "How it is developed and reviewed, and your part in that"


class ConsultationTheme(BaseModel):
    """A group of comments and the authority's answer: "You said … we did …"."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(max_length=200)
    you_said = models.TextField(blank=True)  # the comments, summarised
    we_did = models.TextField(blank=True)  # the response
    planned_action = models.TextField(blank=True)  # reg 56(2): "including planned action"
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title


class ExclusionReason(models.TextChoices):
    """Reg 56(3): what the authority need not publish or answer."""

    VEXATIOUS = "vexatious", "Vexatious"
    INDIVIDUAL_CASE = "individual_case", "About the services provided to one person"


class ConsultationComment(BaseModel):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="comments"
    )
    respondent_type = models.CharField(max_length=20, choices=RespondentType.choices)
    topic = models.CharField(max_length=20, choices=CommentTopic.choices)
    text = models.TextField()
    # Who sent it, if signed in: never published (reg 56(2): in a form that identifies no one).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    theme = models.ForeignKey(
        ConsultationTheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments"
    )
    # The wording published, edited by the authority to remove anything identifying; blank
    # means the comment is published as written.
    published_text = models.TextField(blank=True)
    excluded_reason = models.CharField(max_length=20, choices=ExclusionReason.choices, blank=True)
    exclusion_note = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(excluded_reason="") | ~Q(exclusion_note=""),
                name="exclusion_has_a_reason",
            ),
        ]
