"""Keeping a school's SEND-related policies reviewed (issue 10 item 4).

Seed: schools need "a process for reviewing their policies appropriately and ensuring these
are coherent and not workload-intensive". So:

- a policy is added once, with the date it was last reviewed; its next review date follows
  from the interval (the law's own period where it sets one, selectors.policies.REVIEW_MONTHS);
- a full review records what changed and starts a new version; a light-touch review
  (`policy_confirm_no_change`) takes one action and carries the published copy forward;
- the governors' approval is recorded against the version they approved.

Every review moves the policy's `version` on, so a review form filled in from an older view is
refused rather than recording a second review on top of someone else's.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from opensend.core.models import AuditEventKind
from opensend.core.services import StaleEditError
from opensend.law.dates import long_date
from opensend.workforce.models import (
    Policy,
    PolicyKind,
    PolicyVersion,
    ReviewOutcome,
)
from opensend.workforce.selectors.policies import (
    CORE_KINDS,
    has_current_policy_of,
    max_review_months_for,
    next_review_after,
    owner_choices,
    review_months_for,
)
from opensend.workforce.services._base import audit, require_manager, today

TITLE_MAX = Policy._meta.get_field("title").max_length
URL_MAX = PolicyVersion._meta.get_field("document_url").max_length
REVIEW_OUTCOMES = (ReviewOutcome.CHANGED, ReviewOutcome.NO_CHANGE)


# --- checks each service shares ------------------------------------------------------------------


class _Problems:
    """Runs every check and reports all their problems at once, each by its field (GOV.UK
    error summaries list every problem, so nobody fixes one only to meet the next)."""

    def __init__(self):
        self.found: dict[str, list[str]] = {}

    def check(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.found.setdefault(name, messages)
            return None

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)


def _check_reviewed_on(reviewed_on, *, field: str, after: date | None = None) -> None:
    if reviewed_on is None:
        raise ValidationError({field: "Enter the date it was reviewed"})
    if reviewed_on > today():
        raise ValidationError({field: "The review date must be today or in the past"})
    if after is not None and reviewed_on < after:
        raise ValidationError(
            {field: f"The review date must be on or after the last review, {long_date(after)}"}
        )


def _check_approval(approved_on, *, reviewed_on: date, field: str) -> None:
    """Governors approve what was reviewed: on or after the review, and not in the future."""
    if approved_on is None:
        return
    if approved_on > today():
        raise ValidationError({field: "The governors' approval date must be today or earlier"})
    if approved_on < reviewed_on:
        raise ValidationError(
            {
                field: "The governors' approval date must be on or after the review date, "
                f"{long_date(reviewed_on)}"
            }
        )


def _clean_url(document_url: str, *, field: str = "document_url") -> str:
    document_url = (document_url or "").strip()
    if not document_url:
        return ""
    if len(document_url) > URL_MAX:
        raise ValidationError({field: f"The web address must be {URL_MAX} characters or fewer"})
    try:
        URLValidator(schemes=["http", "https"])(document_url)
    except ValidationError as error:
        raise ValidationError(
            {field: "Enter a web address in the correct format, like https://www.example.org.uk"}
        ) from error
    return document_url


def _clean_months(kind: str, months) -> int:
    if months is None:
        return review_months_for(kind)
    longest = max_review_months_for(kind)
    if not isinstance(months, int) or months < 1:
        raise ValidationError({"review_every_months": "Review it at least every 1 month"})
    if months > longest:
        label = PolicyKind(kind).label
        why = {
            PolicyKind.ACCESSIBILITY_PLAN: " (a plan covers 3 years: Equality Act 2010 "
            "Schedule 10 paragraph 3)",
            PolicyKind.SEN_INFORMATION_REPORT: " (it is updated every year: SEND Code of "
            "Practice 6.79)",
        }.get(kind, "")
        raise ValidationError(
            {"review_every_months": f"Review the {label} at least every {longest} months{why}"}
        )
    return months


def _check_owner(owner, school) -> None:
    if owner is None:
        return
    if not owner_choices(school, today()).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": "Choose someone on the school's staff list"})


def _clean_title(kind: str, title: str) -> str:
    title = (title or "").strip() or (PolicyKind(kind).label if kind in PolicyKind.values else "")
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"The title must be {TITLE_MAX} characters or fewer"})
    return title


def _clean_kind_and_months(school, kind: str, months) -> int:
    if kind not in PolicyKind.values:
        raise ValidationError({"kind": "Choose what kind of policy it is"})
    if kind in CORE_KINDS and has_current_policy_of(school, kind):
        raise ValidationError(
            {
                "kind": f"The school already has a {PolicyKind(kind).label}. Review that one "
                "instead of adding another"
            }
        )
    return _clean_months(kind, months)


# --- adding a policy -----------------------------------------------------------------------------


@transaction.atomic
def policy_add(
    *,
    actor,
    school,
    kind: str,
    title: str = "",
    last_reviewed_on: date,
    owner=None,
    review_every_months: int | None = None,
    document_url: str = "",
    approved_by_governors_on: date | None = None,
) -> Policy:
    """A policy the school already has, as version 1 reviewed on `last_reviewed_on`.

    `review_every_months` None: the kind's usual interval (REVIEW_MONTHS). A second current
    policy of a core kind is refused: one SEND policy, reviewed in one place, is coherent."""
    require_manager(actor, school.pk)
    problems = _Problems()
    title = problems.check(_clean_title, kind, title)
    months = problems.check(_clean_kind_and_months, school, kind, review_every_months)
    problems.check(_check_reviewed_on, last_reviewed_on, field="last_reviewed_on")
    if last_reviewed_on is not None:
        problems.check(
            _check_approval,
            approved_by_governors_on,
            reviewed_on=last_reviewed_on,
            field="approved_by_governors_on",
        )
    document_url = problems.check(_clean_url, document_url)
    problems.check(_check_owner, owner, school)
    problems.raise_any()
    policy = Policy.objects.create(
        school=school,
        kind=kind,
        title=title,
        owner=owner,
        review_every_months=months,
        next_review_on=next_review_after(last_reviewed_on, months),
        created_by=actor,
        updated_by=actor,
    )
    PolicyVersion.objects.create(
        policy=policy,
        number=1,
        reviewed_on=last_reviewed_on,
        outcome=ReviewOutcome.FIRST,
        document_url=document_url,
        approved_by_governors_on=approved_by_governors_on,
        created_by=actor,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.CREATED,
        policy,
        school_id=school.pk,
        new_values={
            "kind": kind,
            "review_every_months": months,
            "next_review_on": policy.next_review_on,
        },
    )
    return policy


# --- reviewing it --------------------------------------------------------------------------------


def _locked_current(policy: Policy, version: int | None) -> Policy:
    """The policy, locked; refused if it moved on since the person's form was filled in."""
    current = Policy.objects.select_for_update().get(pk=policy.pk)
    if version is not None and current.version != version:
        raise StaleEditError(current=current, differences=[])
    return current


def _record_review(
    *,
    actor,
    policy: Policy,
    version: int | None,
    reviewed_on: date,
    outcome: str,
    summary: str,
    document_url: str,
    approved_by_governors_on: date | None,
    problems: _Problems | None = None,
) -> PolicyVersion:
    require_manager(actor, policy.school_id)
    current = _locked_current(policy, version)
    latest = current.versions.order_by("-number").first()
    problems = problems or _Problems()
    problems.check(
        _check_reviewed_on,
        reviewed_on,
        field="reviewed_on",
        after=latest.reviewed_on if latest else None,
    )
    if reviewed_on is not None:
        problems.check(
            _check_approval,
            approved_by_governors_on,
            reviewed_on=reviewed_on,
            field="approved_by_governors_on",
        )
    problems.raise_any()
    next_on = next_review_after(reviewed_on, current.review_every_months)
    created = PolicyVersion.objects.create(
        policy=current,
        number=(latest.number if latest else 0) + 1,
        reviewed_on=reviewed_on,
        outcome=outcome,
        summary=summary,
        document_url=document_url,
        approved_by_governors_on=approved_by_governors_on,
        created_by=actor,
        updated_by=actor,
    )
    old_next = current.next_review_on
    new_version = current.version + 1
    # A conditional UPDATE: the version check holds even where row locks are not taken.
    Policy.objects.filter(pk=current.pk, version=current.version).update(
        next_review_on=next_on, version=new_version, updated_by=actor, updated_at=timezone.now()
    )
    for target in (current, policy):  # the caller's copy says what the page shows next
        target.next_review_on = next_on
        target.version = new_version
    audit(
        actor,
        AuditEventKind.UPDATED,
        current,
        school_id=current.school_id,
        old_values={"next_review_on": old_next},
        new_values={"next_review_on": next_on, "version_number": created.number},
        note=f"policy review {outcome}",
    )
    return created


@transaction.atomic
def policy_review(
    *,
    actor,
    policy: Policy,
    version: int,
    reviewed_on: date,
    outcome: str,
    summary: str = "",
    document_url: str = "",
    approved_by_governors_on: date | None = None,
) -> PolicyVersion:
    """A full review: a new version saying whether the policy changed and, if so, how.

    `version` is the policy's version the form was filled from (StaleEditError if it moved)."""
    require_manager(actor, policy.school_id)
    problems = _Problems()
    summary = problems.check(_clean_outcome_and_summary, outcome, summary)
    document_url = problems.check(_clean_url, document_url)
    return _record_review(
        actor=actor,
        policy=policy,
        version=version,
        reviewed_on=reviewed_on,
        outcome=outcome,
        summary=summary,
        document_url=document_url,
        approved_by_governors_on=approved_by_governors_on,
        problems=problems,
    )


def _clean_outcome_and_summary(outcome: str, summary: str) -> str:
    if outcome not in REVIEW_OUTCOMES:
        raise ValidationError({"outcome": "Say whether the policy changed"})
    summary = (summary or "").strip()
    if outcome == ReviewOutcome.CHANGED and not summary:
        raise ValidationError(
            {"summary": "Say what changed, so governors and staff can see it at a glance"}
        )
    return summary


@transaction.atomic
def policy_confirm_no_change(*, actor, policy: Policy, version: int | None = None) -> PolicyVersion:
    """The light-touch review in one action: reviewed today, nothing changed.

    The published copy stays where it was; the next review date moves on by the interval.
    `version` (optional) refuses a second press from an out-of-date page (StaleEditError)."""
    latest = policy.versions.order_by("-number").first()
    return _record_review(
        actor=actor,
        policy=policy,
        version=version,
        reviewed_on=today(),
        outcome=ReviewOutcome.NO_CHANGE,
        summary="",
        document_url=latest.document_url if latest else "",
        approved_by_governors_on=None,
    )


# --- the governors' approval ---------------------------------------------------------------------


@transaction.atomic
def policy_approve(*, actor, policy_version: PolicyVersion, approved_on: date) -> PolicyVersion:
    """Record the date the governors approved the latest version of a policy."""
    policy = policy_version.policy
    require_manager(actor, policy.school_id)
    # Locks the policy, so a review cannot add a newer version between this check and the write.
    Policy.objects.select_for_update().filter(pk=policy.pk).first()
    latest = policy.versions.order_by("-number").first()
    if latest is None or latest.pk != policy_version.pk:
        raise ValidationError(
            {"approved_on": "A newer version has been recorded since. Approve that one instead"}
        )
    if approved_on is None:
        raise ValidationError({"approved_on": "Enter the date the governors approved it"})
    _check_approval(approved_on, reviewed_on=latest.reviewed_on, field="approved_on")
    old = latest.approved_by_governors_on
    PolicyVersion.objects.filter(pk=latest.pk).update(
        approved_by_governors_on=approved_on,
        version=latest.version + 1,
        updated_by=actor,
        updated_at=timezone.now(),  # update() skips auto_now
    )
    latest.approved_by_governors_on = approved_on
    latest.version += 1
    audit(
        actor,
        AuditEventKind.UPDATED,
        latest,
        school_id=policy.school_id,
        old_values={"approved_by_governors_on": old},
        new_values={"approved_by_governors_on": approved_on},
    )
    return latest
