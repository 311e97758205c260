"""The people who carry the SEND system at a school (issue 10).

- `StaffMember`: the school's own list of its staff. Most teachers never sign in to OpenSEND,
  yet the seed asks that "all teachers are informed" about the Code of Practice, so the list
  is not the list of accounts; a member may be linked to their account when they have one.
- `SencoAppointment`: a SENCO's designation and their statutory qualification (SEND Regs 2014
  reg 49), checked by `opensend.law.senco_qualification`.
- `SencoTimeRecord`: a SENCO's weekly hours in one term, checked by `opensend.law.senco`
  (guidance "SENCOs"), with the register's size when it was recorded, so governors see the
  trend of time against caseload term by term.
- `KeyWorkerAssessment` and `KeyWorkerAllocation`: the objective assessment of a child's needs
  first, then the key worker chosen from staff with capacity (guidance: "no automatic
  assumption that SENCOs ... will take lead responsibility", "determined by an objective
  assessment of the needs").
- `TrainingSession` and `TrainingAttendance`: the year's SEND training, each session checked by
  `opensend.law.training` (guidance "Training and Support") when it is planned.
- `Policy` and `PolicyVersion`: the school's SEND-related policies and each review of them
  (guidance: a process "for reviewing their policies appropriately and ensuring these are
  coherent and not workload-intensive").
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from opensend.core.models import BaseModel
from opensend.organisations.models import TermName

HOURS = {"max_digits": 5, "decimal_places": 2}


# --- staff ---------------------------------------------------------------------------------------


class Job(models.TextChoices):
    SENCO = "senco", "SENCO"
    HEAD = "head", "Head teacher"
    LEADER = "leader", "Other senior leader"
    TEACHER = "teacher", "Teacher"
    TEACHING_ASSISTANT = "teaching_assistant", "Teaching assistant"
    SUPPORT = "support", "Pastoral or family support"
    OTHER = "other", "Other staff"


# Jobs whose holders teach, so the Code of Practice briefing is for them (seed: "all teachers
# are informed about how the Code has changed").
TEACHING_JOBS = frozenset({Job.SENCO, Job.HEAD, Job.LEADER, Job.TEACHER})


class StaffMember(BaseModel):
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="staff_members"
    )
    full_name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    job = models.CharField(max_length=20, choices=Job.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_records",
    )
    # Hours a week this person can give to key-worker roles; 0: not a key worker.
    key_worker_hours = models.DecimalField(default=0, **HOURS)
    left_on = models.DateField(null=True, blank=True)
    # The last day a Code of Practice briefing reminder was sent to them (one a day at most).
    briefing_reminded_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "user"],
                condition=Q(user__isnull=False),
                name="staff_member_one_per_account_per_school",
            ),
            models.CheckConstraint(
                condition=Q(key_worker_hours__gte=0), name="staff_key_worker_hours_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["school", "left_on"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_teacher(self) -> bool:
        return self.job in TEACHING_JOBS


# --- the SENCO -----------------------------------------------------------------------------------


class SencoCourse(models.TextChoices):
    NONE = "", "Not started"
    NPQ = "npq", "National Professional Qualification (NPQ) for SENCOs"
    NASENCO = "nasenco", "National Award for SEN Co-ordination (NASENCO)"


class SencoAppointment(BaseModel):
    """One designation of a SENCO at a school (CFA s67; reg 49)."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="appointments")
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="senco_appointments"
    )
    appointed_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    # Reg 49(2): a qualified teacher (with induction where required); reg 49(3): or the head.
    qualified_teacher = models.BooleanField(default=True)
    is_head = models.BooleanField(default=False)
    # Reg 49(4)(b): months already served as a SENCO at any school before this appointment.
    previous_senco_months = models.PositiveSmallIntegerField(default=0)
    course = models.CharField(max_length=10, choices=SencoCourse.choices, blank=True, default="")
    course_started_on = models.DateField(null=True, blank=True)
    course_completed_on = models.DateField(null=True, blank=True)
    # Stored from law.senco_qualification when saved, so lists filter in SQL.
    qualification_due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-appointed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff"],
                condition=Q(ended_on__isnull=True),
                name="senco_appointment_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"SENCO from {self.appointed_on}"


class SencoTimeRecord(BaseModel):
    """A SENCO's weekly hours in one term (law.senco.SENCO_KEYS), and the checks' outcome."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="time_records")
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="senco_time_records"
    )
    academic_year = models.PositiveSmallIntegerField(help_text="2026 means 2026 to 2027")
    term = models.CharField(max_length=10, choices=TermName.choices)
    teaching_hours = models.DecimalField(**HOURS)
    senco_hours = models.DecimalField(**HOURS)
    other_leadership_hours = models.DecimalField(**HOURS)
    senco_hours_taken_from_leadership = models.DecimalField(**HOURS)
    ppa_hours = models.DecimalField(**HOURS)
    senco_duties_in_ppa_hours = models.DecimalField(**HOURS)
    admin_support_hours = models.DecimalField(**HOURS)
    # [{"role": "Deputy head", "leadership_hours": 10}, ...]: the comparators (guidance).
    senior_roles = models.JSONField(default=list, blank=True)
    # law.senco.senco_time's outcome when saved: compliant, and the codes of failed checks.
    compliant = models.BooleanField(default=False)
    failed_checks = models.JSONField(default=list, blank=True)
    # The register when recorded (pupils on SEN support, with an EHC plan): caseload history.
    pupils_on_sen_support = models.PositiveIntegerField(default=0)
    pupils_with_plans = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["academic_year", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "academic_year", "term"], name="senco_time_one_per_term"
            ),
        ]
        indexes = [models.Index(fields=["school", "academic_year"])]

    def __str__(self) -> str:
        return f"{self.get_term_display()} {self.academic_year}"


# --- key workers ---------------------------------------------------------------------------------


class Service(models.TextChoices):
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    EDUCATIONAL_PSYCHOLOGY = "educational_psychology", "Educational psychology"
    EARLY_HELP = "early_help", "Early help or family support"
    VOLUNTARY = "voluntary", "Voluntary or community service"


class Complexity(models.TextChoices):
    LOW = "low", "Low: one or two services, working well together"
    MEDIUM = "medium", "Medium: several services, some co-ordination needed"
    HIGH = "high", "High: many services, frequent changes or crisis"


class KeyWorkerAssessment(BaseModel):
    """The objective assessment of a child's needs that comes before choosing a key worker."""

    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="key_worker_assessments"
    )
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    assessed_on = models.DateField()
    services = models.JSONField(default=list)  # Service values
    complexity = models.CharField(max_length=10, choices=Complexity.choices)
    needs_summary = models.TextField()
    family_preference = models.TextField(blank=True)
    # Required when the SENCO is chosen: the guidance says there is no automatic assumption.
    senco_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]
        indexes = [models.Index(fields=["school", "assessed_on"])]

    def __str__(self) -> str:
        return f"Key worker assessment {self.assessed_on}"


class KeyWorkerAllocation(BaseModel):
    assessment = models.ForeignKey(
        KeyWorkerAssessment, on_delete=models.RESTRICT, related_name="allocations"
    )
    child = models.ForeignKey(
        "people.Child", on_delete=models.CASCADE, related_name="key_worker_allocations"
    )
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    # RESTRICT, not PROTECT: an allocation keeps its assessment and worker from being deleted on
    # their own, yet goes with them when the whole child or school is deleted (retention).
    worker = models.ForeignKey(StaffMember, on_delete=models.RESTRICT, related_name="key_work")
    hours_per_week = models.DecimalField(**HOURS)
    starts_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "school"],
                condition=Q(ended_on__isnull=True),
                name="key_worker_one_current_per_child",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gt=0), name="key_worker_time_is_given"
            ),
        ]
        indexes = [models.Index(fields=["worker", "ended_on"])]

    def __str__(self) -> str:
        return f"Key worker from {self.starts_on}"


# --- training ------------------------------------------------------------------------------------


class Audience(models.TextChoices):
    ALL_STAFF = "all_staff", "All staff"
    ALL_TEACHERS = "all_teachers", "All teachers"
    SENCO = "senco", "SENCO"
    TEACHING_ASSISTANTS = "teaching_assistants", "Teaching assistants"
    LEADERS = "leaders", "Senior leaders"
    GOVERNORS = "governors", "Governors"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class TrainingSession(BaseModel):
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="training_sessions"
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    provider = models.CharField(max_length=200)
    audiences = models.JSONField(default=list)  # Audience values
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    planned_on = models.DateField()
    # law.training.training_slot when planned: its problems' codes, notice, and the verdicts.
    problems = models.JSONField(default=list, blank=True)
    notice_days = models.IntegerField(default=0)
    in_directed_time = models.BooleanField(default=True)
    planned_in_advance = models.BooleanField(default=True)
    # Required when the check warned: why the school keeps the session as it is.
    keep_reason = models.TextField(blank=True)
    # The seed's "all teachers are informed" about the Code of Practice: attending one counts.
    is_code_briefing = models.BooleanField("Code of Practice briefing", default=False)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="training_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["school", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_warnings(self) -> bool:
        return bool(self.problems) or not self.planned_in_advance


class TrainingAttendance(BaseModel):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField(default=True)

    class Meta:
        ordering = ["staff__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="attendance_once"),
        ]


# --- policies ------------------------------------------------------------------------------------


class PolicyKind(models.TextChoices):
    SEND_POLICY = "send_policy", "SEND policy"
    ACCESSIBILITY_PLAN = "accessibility_plan", "Accessibility plan"
    SEN_INFORMATION_REPORT = "sen_information_report", "SEN information report"
    COMPLAINTS = "complaints", "Complaints procedure"
    OTHER = "other", "Other SEND-related policy"


class Policy(BaseModel):
    school = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="policies"
    )
    kind = models.CharField(max_length=30, choices=PolicyKind.choices)
    title = models.CharField(max_length=200)
    owner = models.ForeignKey(
        StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="policies"
    )
    review_every_months = models.PositiveSmallIntegerField(default=12)
    next_review_on = models.DateField()
    # The next_review_on a reminder was last sent for, so each due date is reminded once.
    reminded_for = models.DateField(null=True, blank=True)
    retired_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["next_review_on", "title"]
        indexes = [models.Index(fields=["school", "next_review_on"])]

    def __str__(self) -> str:
        return self.title


class ReviewOutcome(models.TextChoices):
    FIRST = "first", "First version"
    CHANGED = "changed", "Reviewed and changed"
    NO_CHANGE = "no_change", "Reviewed: no change needed"


class PolicyVersion(BaseModel):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    reviewed_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    summary = models.TextField(blank=True)  # what changed, in a sentence or two
    document_url = models.URLField(blank=True)  # where the school publishes it
    approved_by_governors_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="policy_version_unique"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"
