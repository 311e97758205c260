"""Publishing the SEN information report is its yearly review (issue 10's policy list).

A school that keeps its SEN information report on the workforce policies list (kind
"SEN information report") would otherwise record the same review twice: once by publishing,
once on the policies page. So publishing records the review there too, with the public
address as the document, and the next review date moves on a year. Nothing else about the
policy changes, and a school that does not list the report is left alone.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from opensend.core.services import StaleEditError
from opensend.publishing.models import ReportVersion
from opensend.publishing.school_entry import public_report_url
from opensend.publishing.services._base import today
from opensend.workforce.models import Policy, PolicyKind, ReviewOutcome
from opensend.workforce.services.policies import policy_review


def record_policy_review(*, actor, school, published: ReportVersion, changed: bool) -> int:
    """Record a review of each current "SEN information report" policy of `school`;
    returns how many were recorded."""
    policies = Policy.objects.filter(
        school=school, kind=PolicyKind.SEN_INFORMATION_REPORT, retired_on__isnull=True
    )
    recorded = 0
    for policy in policies:
        # Its own savepoint: the policy list may refuse (a review dated after today was typed
        # there by hand), and that must not undo the publication itself.
        try:
            with transaction.atomic():
                policy_review(
                    actor=actor,
                    policy=policy,
                    version=policy.version,
                    reviewed_on=today(),
                    outcome=ReviewOutcome.CHANGED if changed else ReviewOutcome.NO_CHANGE,
                    summary=published.summary if changed else "",
                    document_url=public_report_url(school),
                )
        except (ValidationError, PermissionDenied, StaleEditError):
            continue  # refused: the policies page still shows it as due, to review there
        recorded += 1
    return recorded
