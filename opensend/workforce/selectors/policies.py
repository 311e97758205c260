"""Reading a school's SEND-related policies and when each is next due for review (issue 10).

The seed asks that schools "have in place a process for reviewing their policies appropriately
and ensuring these are coherent and not workload-intensive". So each policy has a review
interval, a next review date worked out from its last review, and a status a governor can read
at a glance; the law's own period is the default interval where the law sets one.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from opensend.law.dates import add_months
from opensend.workforce.models import Policy, PolicyKind, PolicyVersion, ReviewOutcome, StaffMember
from opensend.workforce.selectors._access import manager_school_ids, reader_school_ids

# How often each kind of policy is reviewed unless the school says otherwise, in months.
REVIEW_MONTHS = {
    # School practice: no statute sets a period for the SEND policy itself. Its implementation
    # is what the SEN information report describes, every year (below), so it is reviewed with it.
    PolicyKind.SEND_POLICY: 12,
    # Equality Act 2010 Schedule 10 paragraph 3: an accessibility plan is prepared for each
    # "prescribed period" (3 years: reference/statutory.md §5.2; DfE "Equality Act 2010: advice
    # for schools") and kept under review during it (para 3(4)); a new plan is due at its end.
    PolicyKind.ACCESSIBILITY_PLAN: 36,
    # Children and Families Act 2014 s69(2)-(3); SEND Regulations 2014 reg 51 and Schedule 1:
    # published by the governing body; "updated annually" (SEND Code of Practice 6.79).
    PolicyKind.SEN_INFORMATION_REPORT: 12,
    # School practice: the complaints procedure (Education Act 2002 s29) has no set review period;
    # the SEN information report must describe it every year (Schedule 1 item 9), so yearly.
    PolicyKind.COMPLAINTS: 12,
    PolicyKind.OTHER: 12,
}

# The longest interval the law allows, where it sets one; otherwise 5 years, so a typing slip
# (120 for 12) cannot hide a policy from review for a decade.
MAX_REVIEW_MONTHS = {
    PolicyKind.ACCESSIBILITY_PLAN: 36,  # Equality Act 2010 Sch 10 para 3: a 3-year plan
    PolicyKind.SEN_INFORMATION_REPORT: 12,  # CoP 6.79: updated annually
}
LONGEST_REVIEW_MONTHS = 60

# The four a school is expected to have (issue 10 item 4; SEND Regulations 2014 Schedule 1
# items 2, 3 and 9 and CFA 2014 s69(3)(e) name the policy, the complaints arrangements and the
# accessibility plan inside the SEN information report).
CORE_KINDS = (
    PolicyKind.SEND_POLICY,
    PolicyKind.ACCESSIBILITY_PLAN,
    PolicyKind.SEN_INFORMATION_REPORT,
    PolicyKind.COMPLAINTS,
)

# OpenSEND's choice, not the law's: four weeks is time to review a policy and, if it changed,
# take it to the governors' next meeting before it falls due. The list marks a policy "due"
# from then, and the reminder goes then.
DUE_SOON_DAYS = 28

OVERDUE = "overdue"
DUE_SOON = "due"
UP_TO_DATE = "up_to_date"
STATUS_LABELS = {
    OVERDUE: "Overdue",
    DUE_SOON: f"Due within {DUE_SOON_DAYS} days",
    UP_TO_DATE: "Up to date",
}
# Where content changed (or first began): a governors' approval of such a version covers the
# light-touch "no change" reviews that follow it, which is what keeps the review cheap.
CONTENT_OUTCOMES = frozenset({ReviewOutcome.FIRST, ReviewOutcome.CHANGED})


def review_months_for(kind: str) -> int:
    return REVIEW_MONTHS.get(kind, 12)


def max_review_months_for(kind: str) -> int:
    return MAX_REVIEW_MONTHS.get(kind, LONGEST_REVIEW_MONTHS)


def next_review_after(reviewed_on: date, months: int) -> date:
    """Calendar months on from the review (31 January + 1 month is 28 or 29 February)."""
    return add_months(reviewed_on, months)


def status_of(next_review_on: date, today: date) -> str:
    """Overdue after its date; due within 28 days of it (that day included); else up to date."""
    if next_review_on < today:
        return OVERDUE
    if next_review_on <= today + timedelta(days=DUE_SOON_DAYS):
        return DUE_SOON
    return UP_TO_DATE


def approval_in_force(versions: list[PolicyVersion]) -> PolicyVersion | None:
    """The version whose governors' approval covers the policy as it stands now.

    `versions` newest first. A "no change" review leaves the content the governors approved
    as it was, so their approval of it (or of any later no-change version) still holds."""
    for version in versions:
        if version.approved_by_governors_on:
            return version
        if version.outcome in CONTENT_OUTCOMES:
            return None
    return None


@dataclass(frozen=True)
class PolicyRow:
    policy: Policy
    versions: list[PolicyVersion]  # newest first
    status: str
    approval: PolicyVersion | None  # see approval_in_force

    @property
    def latest(self) -> PolicyVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def needs_review(self) -> bool:
        return self.status != UP_TO_DATE

    @property
    def approval_is_of_latest(self) -> bool:
        return self.approval is not None and self.approval == self.latest


def policies_for(school) -> QuerySet:
    """The school's current policies (not retired), soonest due first, with owners and versions."""
    return (
        Policy.objects.filter(school=school, retired_on__isnull=True)
        .select_related("owner")
        .prefetch_related("versions")
        .order_by("next_review_on", "title", "pk")
    )


def row_for(policy: Policy, today: date) -> PolicyRow:
    versions = list(policy.versions.all())  # Meta ordering: newest first; uses a prefetch
    return PolicyRow(
        policy=policy,
        versions=versions,
        status=status_of(policy.next_review_on, today),
        approval=approval_in_force(versions),
    )


def policy_rows(school, today: date) -> list[PolicyRow]:
    """Each current policy with its status and approval: two queries, whatever the number."""
    return [row_for(policy, today) for policy in policies_for(school)]


def missing_core_kinds(rows: list[PolicyRow]) -> list[str]:
    """The core kinds (CORE_KINDS) the school has no current policy of, in the usual order."""
    present = {row.policy.kind for row in rows}
    return [kind for kind in CORE_KINDS if kind not in present]


def has_current_policy_of(school, kind: str) -> bool:
    return Policy.objects.filter(school=school, kind=kind, retired_on__isnull=True).exists()


def get_policy_for(user, policy_id, *, manage: bool = False) -> Policy:
    """A policy for its school's SENCO or head, or (reading only) its governors.

    404 for anyone else and for a malformed id; 403 for a governor where `manage` is asked."""
    try:
        policy = (
            Policy.objects.select_related("school", "owner")
            .prefetch_related("versions")
            .get(pk=policy_id)
        )
    except (Policy.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such policy.") from error
    if policy.school_id not in reader_school_ids(user):
        raise Http404("No such policy.")
    if manage and policy.school_id not in manager_school_ids(user):
        raise PermissionDenied("Only the school's SENCO or head can do this.")
    return policy


def policies_overdue(school_ids, today: date) -> QuerySet:
    """Current policies past their review date at these schools (for the workload view)."""
    return Policy.objects.filter(
        school_id__in=school_ids, retired_on__isnull=True, next_review_on__lt=today
    ).order_by("next_review_on", "pk")


def owner_choices(school, today: date) -> QuerySet:
    """Who may own a policy: the school's staff who have not left."""
    return StaffMember.objects.filter(school=school).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
