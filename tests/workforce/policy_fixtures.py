"""Policies for the policy tests: made straight in the database, as a school's records would
stand before the page is opened (the services are tested on their own)."""

from datetime import date

from opensend.law.dates import add_months
from opensend.workforce.models import Policy, PolicyKind, PolicyVersion, ReviewOutcome


def make_policy(
    school,
    *,
    kind=PolicyKind.SEND_POLICY,
    reviewed_on: date,
    months: int = 12,
    title: str = "",
    owner=None,
    document_url: str = "",
    approved_on: date | None = None,
) -> Policy:
    """A policy whose version 1 was reviewed on `reviewed_on`; next review `months` later."""
    policy = Policy.objects.create(
        school=school,
        kind=kind,
        title=title or PolicyKind(kind).label,
        owner=owner,
        review_every_months=months,
        next_review_on=add_months(reviewed_on, months),
    )
    PolicyVersion.objects.create(
        policy=policy,
        number=1,
        reviewed_on=reviewed_on,
        outcome=ReviewOutcome.FIRST,
        document_url=document_url,
        approved_by_governors_on=approved_on,
    )
    return policy
