from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.urls import reverse

from opensend.accounts.services import email_mark_verified
from opensend.core.models import AuditEvent, AuditEventKind
from opensend.organisations.demo import DEMO_PASSWORD
from opensend.organisations.services import membership_create
from tests.signin import sign_in


def _staff_without_mfa(demo):
    user = get_user_model().objects.create_user(
        email="new.ta@opensend.example", password=DEMO_PASSWORD, full_name="New TA"
    )
    email_mark_verified(user=user)
    membership_create(
        actor=demo["oak_head"], user=user, organisation=demo["north_oak"], role="teaching_assistant"
    )
    return user


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, demo):
    user = _staff_without_mfa(demo)
    sign_in(client, user)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # The set-up page itself, and signing out, stay reachable.
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_the_api_refuses_staff_without_mfa_with_a_clear_message(client, demo):
    sign_in(client, _staff_without_mfa(demo))
    response = client.get("/api/v1/me")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "mfa_required"


def test_families_are_not_forced_to_use_mfa(signed_in):
    client = signed_in("north_parent")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert b"Your children" in response.content


def test_staff_sign_in_asks_for_the_authenticator_code(client, demo):
    response = client.post(
        reverse("account_login"), {"login": demo["oak_senco"].email, "password": DEMO_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    # Until the code is given the person is not signed in.
    assert client.get(reverse("home"))["Location"] == reverse("start")


def test_a_wrong_code_does_not_sign_in(client, demo):
    client.post(
        reverse("account_login"), {"login": demo["oak_senco"].email, "password": DEMO_PASSWORD}
    )
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert "_auth_user_id" not in client.session


def test_staff_cannot_switch_mfa_off(signed_in, demo):
    client = signed_in("oak_senco")
    client.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=demo["oak_senco"], type="totp").exists()


def test_sign_in_and_failures_are_audited_without_the_password(client, demo):
    client.post(reverse("account_login"), {"login": demo["oak_senco"].email, "password": "wrong"})
    failed = AuditEvent.objects.get(kind=AuditEventKind.SIGN_IN_FAILED)
    assert "wrong" not in str(failed.new_values) and failed.actor is None
    sign_in(client, demo["oak_senco"])
    assert AuditEvent.objects.filter(
        kind=AuditEventKind.SIGNED_IN, actor=demo["oak_senco"]
    ).exists()


def test_repeated_failed_sign_ins_are_rate_limited(client, demo):
    for _ in range(5):
        client.post(
            reverse("account_login"), {"login": demo["oak_senco"].email, "password": "wrong"}
        )
    response = client.post(
        reverse("account_login"), {"login": demo["oak_senco"].email, "password": DEMO_PASSWORD}
    )
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert b"Too many failed login attempts" in response.content or response.status_code == 429


def test_open_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "stranger@example.org",
            "password1": "x-very-long-pass",
            "password2": "x-very-long-pass",
        },
    )
    assert not get_user_model().objects.filter(email="stranger@example.org").exists()
    assert response.status_code == 200
