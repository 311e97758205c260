"""Policy services and selectors under frozen time (Monday 2 November 2026).

Intervals: the SEN information report every 12 months (CoP 6.79: updated annually), the
accessibility plan every 36 months (Equality Act 2010 Sch 10 para 3: a 3-year plan), the SEND
policy and complaints procedure every 12 months (school practice).
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from opensend.core.models import AuditEvent
from opensend.core.services import StaleEditError
from opensend.workforce.models import Job, PolicyKind, PolicyVersion, ReviewOutcome, StaffMember
from opensend.workforce.selectors.policies import (
    CORE_KINDS,
    DUE_SOON,
    OVERDUE,
    UP_TO_DATE,
    approval_in_force,
    get_policy_for,
    missing_core_kinds,
    policies_overdue,
    policy_rows,
    status_of,
)
from opensend.workforce.services.policies import (
    policy_add,
    policy_approve,
    policy_confirm_no_change,
    policy_review,
)
from tests.workforce.policy_fixtures import make_policy

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 2)


def _add(demo, oak, **kwargs):
    values = {"kind": PolicyKind.SEND_POLICY, "last_reviewed_on": date(2026, 3, 10)}
    values.update(kwargs)
    return policy_add(actor=demo["oak_senco"], school=oak, **values)


def _field_errors(excinfo) -> dict:
    return {
        name: [m for e in errors for m in e.messages]
        for name, errors in excinfo.value.error_dict.items()
    }


# --- adding --------------------------------------------------------------------------------------


def test_sen_information_report_is_next_reviewed_twelve_months_after_its_last_review(
    frozen, demo, oak
):
    policy = _add(
        demo, oak, kind=PolicyKind.SEN_INFORMATION_REPORT, last_reviewed_on=date(2025, 11, 15)
    )
    assert policy.review_every_months == 12
    assert policy.next_review_on == date(2026, 11, 15)
    assert policy.title == "SEN information report"
    first = policy.versions.get()
    assert (first.number, first.outcome, first.reviewed_on) == (1, "first", date(2025, 11, 15))
    event = AuditEvent.objects.get(record_id=str(policy.pk))
    assert (event.kind, event.organisation_id) == ("created", oak.pk)


def test_accessibility_plan_defaults_to_a_three_year_review(frozen, demo, oak):
    policy = _add(demo, oak, kind=PolicyKind.ACCESSIBILITY_PLAN, last_reviewed_on=date(2024, 3, 1))
    assert policy.review_every_months == 36
    assert policy.next_review_on == date(2027, 3, 1)


def test_a_policy_reviewed_on_29_february_is_next_due_on_28_february(frozen, demo, oak):
    policy = _add(demo, oak, last_reviewed_on=date(2024, 2, 29), review_every_months=12)
    assert policy.next_review_on == date(2025, 2, 28)


def test_a_school_may_choose_a_shorter_interval(frozen, demo, oak):
    policy = _add(
        demo,
        oak,
        kind=PolicyKind.COMPLAINTS,
        last_reviewed_on=date(2026, 1, 31),
        review_every_months=1,
    )
    assert policy.next_review_on == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("kind", "months", "words"),
    [
        (PolicyKind.ACCESSIBILITY_PLAN, 48, "at least every 36 months"),
        (PolicyKind.SEN_INFORMATION_REPORT, 24, "at least every 12 months"),
        (PolicyKind.SEND_POLICY, 120, "at least every 60 months"),
        (PolicyKind.SEND_POLICY, 0, "at least every 1 month"),
    ],
)
def test_an_interval_longer_than_the_law_allows_is_refused(frozen, demo, oak, kind, months, words):
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, kind=kind, review_every_months=months)
    assert words in _field_errors(excinfo)["review_every_months"][0]


def test_adding_refuses_a_review_date_in_the_future(frozen, demo, oak):
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, last_reviewed_on=TODAY + timedelta(days=1))
    assert _field_errors(excinfo) == {
        "last_reviewed_on": ["The review date must be today or in the past"]
    }


def test_a_second_send_policy_is_refused_but_a_second_other_policy_is_not(frozen, demo, oak):
    _add(demo, oak)
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, title="Another SEND policy")
    assert "already has a SEND policy" in _field_errors(excinfo)["kind"][0]
    _add(demo, oak, kind=PolicyKind.OTHER, title="Medical needs")
    _add(demo, oak, kind=PolicyKind.OTHER, title="Behaviour")
    assert oak.policies.count() == 3


def test_the_owner_must_be_on_this_schools_current_staff(frozen, demo, oak, oak_staff):
    hill_teacher = StaffMember.objects.create(
        school=demo["north_hill"], full_name="H T", job=Job.TEACHER
    )
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, owner=hill_teacher)
    assert "owner" in _field_errors(excinfo)
    left = oak_staff["oak_ta"]
    left.left_on = date(2026, 7, 20)
    left.save()
    with pytest.raises(ValidationError):
        _add(demo, oak, owner=left)
    policy = _add(demo, oak, owner=oak_staff["oak_teacher"])
    assert policy.owner == oak_staff["oak_teacher"]


def test_approval_before_the_review_and_a_malformed_address_are_refused(frozen, demo, oak):
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, approved_by_governors_on=date(2026, 3, 9))
    assert (
        "on or after the review date, 10 March 2026"
        in _field_errors(excinfo)["approved_by_governors_on"][0]
    )
    with pytest.raises(ValidationError) as excinfo:
        _add(demo, oak, document_url="not a web address")
    assert "document_url" in _field_errors(excinfo)


@pytest.mark.parametrize("persona", ["oak_governor", "oak_teacher", "hill_senco"])
def test_only_the_schools_senco_or_head_adds_a_policy(frozen, demo, oak, persona):
    with pytest.raises(PermissionDenied):
        policy_add(
            actor=demo[persona], school=oak, kind=PolicyKind.SEND_POLICY, last_reviewed_on=TODAY
        )
    assert not oak.policies.exists()


# --- the one-action review -----------------------------------------------------------------------


def test_confirming_no_change_reviews_it_today_and_sets_the_next_date(frozen, demo, oak):
    policy = make_policy(
        oak, reviewed_on=date(2025, 10, 1), document_url="https://oak.example/send.pdf"
    )
    assert policy.next_review_on == date(2026, 10, 1)  # a month overdue
    created = policy_confirm_no_change(actor=demo["oak_senco"], policy=policy)
    assert (created.number, created.outcome, created.reviewed_on) == (2, "no_change", TODAY)
    assert created.document_url == "https://oak.example/send.pdf"  # the copy is unchanged
    assert created.approved_by_governors_on is None
    policy.refresh_from_db()
    assert policy.next_review_on == date(2027, 11, 2)
    assert policy.version == 2
    event = AuditEvent.objects.filter(record_id=str(policy.pk)).get()
    assert event.note == "policy review no_change"
    assert event.new_values["next_review_on"] == "2027-11-02"


def test_a_second_press_from_the_same_page_is_refused_and_records_nothing(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    seen = policy.version
    policy_confirm_no_change(actor=demo["oak_senco"], policy=policy, version=seen)
    with pytest.raises(StaleEditError) as excinfo:
        policy_confirm_no_change(actor=demo["oak_head"], policy=policy, version=seen)
    assert excinfo.value.current.next_review_on == date(2027, 11, 2)
    assert policy.versions.count() == 2


def test_a_governor_cannot_confirm_a_review(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    with pytest.raises(PermissionDenied):
        policy_confirm_no_change(actor=demo["oak_governor"], policy=policy)
    assert policy.versions.count() == 1


# --- the full review -----------------------------------------------------------------------------


def test_a_changed_policy_needs_a_summary(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 12, 1))
    with pytest.raises(ValidationError) as excinfo:
        policy_review(
            actor=demo["oak_senco"],
            policy=policy,
            version=policy.version,
            reviewed_on=TODAY,
            outcome=ReviewOutcome.CHANGED,
            summary="  ",
        )
    assert "summary" in _field_errors(excinfo)
    assert policy.versions.count() == 1


def test_a_full_review_records_a_version_and_moves_the_next_review_from_its_date(frozen, demo, oak):
    policy = make_policy(
        oak, kind=PolicyKind.ACCESSIBILITY_PLAN, months=36, reviewed_on=date(2023, 10, 20)
    )
    created = policy_review(
        actor=demo["oak_head"],
        policy=policy,
        version=policy.version,
        reviewed_on=date(2026, 10, 15),
        outcome=ReviewOutcome.CHANGED,
        summary="Added the new lift and the hearing loop.",
        document_url="https://oak.example/access-2026.pdf",
        approved_by_governors_on=date(2026, 10, 29),
    )
    assert (created.number, created.outcome) == (2, "changed")
    assert created.approved_by_governors_on == date(2026, 10, 29)
    policy.refresh_from_db()
    assert policy.next_review_on == date(2029, 10, 15)


def test_a_review_from_a_stale_page_is_refused_and_nothing_is_saved(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    stale_version = policy.version
    policy_confirm_no_change(actor=demo["oak_head"], policy=policy)
    with pytest.raises(StaleEditError):
        policy_review(
            actor=demo["oak_senco"],
            policy=policy,
            version=stale_version,
            reviewed_on=TODAY,
            outcome=ReviewOutcome.CHANGED,
            summary="Rewritten",
        )
    assert list(policy.versions.values_list("outcome", flat=True)) == ["no_change", "first"]


@pytest.mark.parametrize(
    ("reviewed_on", "outcome", "field"),
    [
        (date(2025, 9, 30), ReviewOutcome.NO_CHANGE, "reviewed_on"),  # before the last review
        (TODAY + timedelta(days=1), ReviewOutcome.NO_CHANGE, "reviewed_on"),
        (TODAY, ReviewOutcome.FIRST, "outcome"),
    ],
)
def test_bad_reviews_are_refused_with_the_field_named(
    frozen, demo, oak, reviewed_on, outcome, field
):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    with pytest.raises(ValidationError) as excinfo:
        policy_review(
            actor=demo["oak_senco"],
            policy=policy,
            version=policy.version,
            reviewed_on=reviewed_on,
            outcome=outcome,
        )
    assert field in _field_errors(excinfo)


# --- the governors' approval ---------------------------------------------------------------------


def test_governors_approval_is_recorded_on_the_latest_version_only(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    first = policy.versions.get()
    second = policy_confirm_no_change(actor=demo["oak_senco"], policy=policy)
    with pytest.raises(ValidationError):
        policy_approve(actor=demo["oak_senco"], policy_version=first, approved_on=TODAY)
    approved = policy_approve(actor=demo["oak_senco"], policy_version=second, approved_on=TODAY)
    assert approved.approved_by_governors_on == TODAY
    assert PolicyVersion.objects.get(pk=second.pk).approved_by_governors_on == TODAY


def test_approval_cannot_be_in_the_future_or_before_the_review(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    version = policy.versions.get()
    for day in (TODAY + timedelta(days=1), date(2025, 9, 30)):
        with pytest.raises(ValidationError):
            policy_approve(actor=demo["oak_head"], policy_version=version, approved_on=day)
    with pytest.raises(PermissionDenied):
        policy_approve(actor=demo["oak_governor"], policy_version=version, approved_on=TODAY)
    version.refresh_from_db()
    assert version.approved_by_governors_on is None


def test_an_approval_still_covers_the_policy_after_no_change_reviews(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2024, 10, 1), approved_on=date(2024, 10, 20))
    policy_confirm_no_change(actor=demo["oak_senco"], policy=policy)
    versions = list(policy.versions.all())
    assert approval_in_force(versions).number == 1
    policy_review(
        actor=demo["oak_senco"],
        policy=policy,
        version=policy.version,
        reviewed_on=TODAY,
        outcome=ReviewOutcome.CHANGED,
        summary="New SENCO's details",
    )
    assert approval_in_force(list(policy.versions.all())) is None


# --- selectors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("next_review_on", "status"),
    [
        (date(2026, 11, 1), OVERDUE),
        (date(2026, 11, 2), DUE_SOON),  # due today is not yet overdue
        (date(2026, 11, 30), DUE_SOON),  # 28 days ahead
        (date(2026, 12, 1), UP_TO_DATE),  # 29 days ahead
    ],
)
def test_status_by_next_review_date(next_review_on, status):
    assert status_of(next_review_on, TODAY) == status


def test_rows_say_which_core_policies_are_missing(frozen, demo, oak):
    make_policy(oak, reviewed_on=date(2025, 10, 1))
    make_policy(oak, kind=PolicyKind.COMPLAINTS, reviewed_on=date(2026, 9, 1))
    rows = policy_rows(oak, TODAY)
    assert [(row.policy.kind, row.status) for row in rows] == [
        ("send_policy", OVERDUE),
        ("complaints", UP_TO_DATE),
    ]
    assert missing_core_kinds(rows) == ["accessibility_plan", "sen_information_report"]
    assert len(CORE_KINDS) == 4


def test_policies_overdue_lists_only_past_due_current_policies(frozen, demo, oak):
    overdue = make_policy(oak, reviewed_on=date(2025, 10, 1))
    make_policy(oak, kind=PolicyKind.COMPLAINTS, reviewed_on=date(2025, 11, 2))  # due today
    retired = make_policy(oak, kind=PolicyKind.OTHER, reviewed_on=date(2020, 1, 1))
    retired.retired_on = date(2021, 1, 1)
    retired.save()
    make_policy(demo["north_hill"], reviewed_on=date(2025, 1, 1))
    assert list(policies_overdue({oak.pk}, TODAY)) == [overdue]


def test_get_policy_for_reads_for_governors_and_refuses_others(frozen, demo, oak):
    policy = make_policy(oak, reviewed_on=date(2025, 10, 1))
    assert get_policy_for(demo["oak_governor"], policy.pk) == policy
    assert get_policy_for(demo["oak_head"], policy.pk, manage=True) == policy
    with pytest.raises(PermissionDenied):
        get_policy_for(demo["oak_governor"], policy.pk, manage=True)
    for persona in ("hill_senco", "oak_teacher", "north_parent", "north_caseworker"):
        with pytest.raises(Http404):
            get_policy_for(demo[persona], policy.pk)
    with pytest.raises(Http404):
        get_policy_for(demo["oak_senco"], "not-a-uuid")
