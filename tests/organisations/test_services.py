from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.services import StaleEditError
from opensend.organisations.models import Invitation, Membership, Role
from opensend.organisations.services import (
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_revoke,
    organisation_update,
)

STRONG_PASSWORD = "correct-horse-battery-staple"


def _invite(demo, role=Role.TEACHER, **kwargs):
    return invitation_create(
        actor=demo["oak_head"],
        organisation=demo["north_oak"],
        email=kwargs.pop("email", "Ms.New@Example.org "),
        full_name="Ms New",
        role=role,
        **kwargs,
    )


def test_invitation_email_links_to_the_join_page_and_names_no_child(
    demo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation, token = _invite(demo)
    assert invitation.email == "ms.new@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "You have been invited to join OpenSEND"
    assert f"/join/{token}/" in message.body
    assert "Oakfield Primary School" in message.body
    # Only a hash of the token is stored.
    assert token not in invitation.token_hash


def test_accepting_creates_the_account_with_the_role_and_verified_email(demo):
    invitation, token = _invite(demo)
    user = invitation_accept(token=token, password=STRONG_PASSWORD)
    assert user.email == "ms.new@example.org"
    assert Membership.objects.filter(
        user=user, organisation=demo["north_oak"], role="teacher"
    ).exists()
    assert user.emailaddress_set.get().verified
    assert AuditEvent.objects.filter(
        kind=AuditEventKind.JOINED, record_id=str(invitation.pk)
    ).exists()


def test_an_invitation_works_only_once(demo):
    _, token = _invite(demo)
    invitation_accept(token=token, password=STRONG_PASSWORD)
    with pytest.raises(ValidationError, match="expired or has already been used"):
        invitation_accept(token=token, password=STRONG_PASSWORD)


def test_an_invitation_expires_after_fourteen_days(demo):
    with time_machine.travel("2026-11-02 09:00 +00:00", tick=False):
        _, token = _invite(demo)
    with time_machine.travel("2026-11-16 08:59 +00:00", tick=False):
        assert invitation_for_token(token) is not None
    with time_machine.travel("2026-11-16 09:01 +00:00", tick=False):
        assert invitation_for_token(token) is None


def test_a_common_password_is_refused_and_nothing_is_created(demo):
    _, token = _invite(demo)
    with pytest.raises(ValidationError, match="too common"):
        invitation_accept(token=token, password="password123")
    assert not get_user_model().objects.filter(email="ms.new@example.org").exists()
    assert invitation_for_token(token) is not None  # still usable after the mistake


def test_a_senco_cannot_invite_a_head(demo):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=demo["oak_senco"],
            organisation=demo["north_oak"],
            email="a@b.org",
            full_name="A",
            role=Role.HEAD,
        )


def test_a_teacher_cannot_invite_anyone(demo):
    with pytest.raises(PermissionDenied):
        _invite({**demo, "oak_head": demo["oak_teacher"]})


def test_nobody_invites_into_another_schools_staff(demo):
    with pytest.raises(PermissionDenied):
        invitation_create(
            actor=demo["oak_head"],
            organisation=demo["south_river"],
            email="a@b.org",
            full_name="A",
            role=Role.TEACHER,
        )


def test_a_family_invitation_gives_no_staff_role(demo):
    _, token = _invite(demo, role="", family_role="parent")
    user = invitation_accept(token=token, password=STRONG_PASSWORD)
    assert user.family_role == "parent"
    assert not user.memberships.exists()


def test_revoked_invitations_cannot_be_used(demo):
    invitation, token = _invite(demo)
    invitation_revoke(actor=demo["oak_senco"], invitation=invitation)
    assert invitation_for_token(token) is None
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


def test_organisation_update_is_audited_with_old_and_new_values(demo):
    school = demo["north_oak"]
    updated = organisation_update(
        actor=demo["oak_head"],
        organisation=school,
        data={"telephone": "01234 000111"},
        expected_version=school.version,
    )
    assert updated.version == school.version + 1
    event = AuditEvent.objects.get(kind=AuditEventKind.UPDATED, record_id=str(school.pk))
    assert event.old_values == {"telephone": ""}
    assert event.new_values == {"telephone": "01234 000111"}
    assert event.actor == demo["oak_head"]


def test_a_stale_edit_is_refused_with_the_difference(demo):
    school = demo["north_oak"]
    organisation_update(
        actor=demo["oak_head"],
        organisation=school,
        data={"telephone": "01234 000111"},
        expected_version=1,
    )
    with pytest.raises(StaleEditError) as stale:
        organisation_update(
            actor=demo["oak_head"],
            organisation=school,
            data={"telephone": "09999 999999"},
            expected_version=1,
        )
    [difference] = stale.value.differences
    assert (difference.field, difference.yours, difference.theirs) == (
        "telephone",
        "09999 999999",
        "01234 000111",
    )
    school.refresh_from_db()
    assert school.telephone == "01234 000111"  # the first save is not lost


def test_only_managers_update_organisations(demo):
    with pytest.raises(PermissionDenied):
        organisation_update(
            actor=demo["oak_senco"],
            organisation=demo["north_oak"],
            data={"name": "X"},
            expected_version=1,
        )


def test_an_invitation_expiry_date_is_fourteen_days_ahead(demo):
    invitation, _ = _invite(demo)
    assert invitation.expires_at - timezone.now() > timedelta(days=13, hours=23)
