import re

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_every_page_has_a_csp_with_a_fresh_nonce_matching_the_inline_script(client):
    first = client.get("/")
    second = client.get("/")
    nonce = re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    assert f'<script nonce="{nonce}">' in first.content.decode()
    assert nonce not in second["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in first["Content-Security-Policy"]
    assert "'unsafe-inline'" not in first["Content-Security-Policy"]


@pytest.mark.django_db
def test_frames_and_mime_sniffing_are_refused(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=63072000, SECURE_SSL_REDIRECT=False)
def test_hsts_is_sent_over_https(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


def test_production_settings_refuse_to_start_without_a_secret_key():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import opensend.settings"],
        env={"OPENSEND_DEBUG": "false", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Set OPENSEND_SECRET_KEY" in result.stderr


def test_production_settings_use_secure_cookies():
    import subprocess
    import sys

    code = (
        "import opensend.settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"OPENSEND_DEBUG": "false", "OPENSEND_SECRET_KEY": "x" * 50, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "63072000", "False"]


@pytest.mark.django_db
def test_csrf_failure_gets_a_plain_english_page(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@b.org", "password": "x"})
    assert response.status_code == 403
    assert b"Your form could not be sent" in response.content
