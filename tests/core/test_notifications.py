import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail

from opensend.core.notifications import MESSAGE_KINDS, notify


def test_no_message_subject_can_carry_personal_details():
    # Subjects are fixed text per kind: no placeholders, so no child's name can reach them.
    for kind, message in MESSAGE_KINDS.items():
        assert "{" not in message.subject and "%" not in message.subject, kind


def test_email_backend_sends_the_fixed_subject(db):
    notify(
        to="a@b.org",
        kind="invitation",
        personalisation={"name": "A", "organisation": "O", "role": "r", "link": "L", "days": "14"},
    )
    assert mail.outbox[0].subject == "You have been invited to join OpenSEND"
    assert "L" in mail.outbox[0].body


@pytest.fixture
def fake_notify():
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            length = int(self.headers["Content-Length"])
            received.append(
                (self.path, self.headers["Authorization"], json.loads(self.rfile.read(length)))
            )
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}')

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()


def test_govuk_notify_is_used_when_configured(db, settings, fake_notify):
    base_url, received = fake_notify
    service_id, secret = (
        "26785a09-ab16-4eb0-8407-a37497a57506",
        "3d844edf-8d35-48ac-975b-e847b4f122b0",
    )
    settings.NOTIFY_API_KEY = f"opensend_test-{service_id}-{secret}"
    settings.NOTIFY_BASE_URL = base_url
    settings.NOTIFY_TEMPLATE_IDS = {"invitation": "f33517ff-2a88-4f6e-b855-c550268ce08a"}
    notify(
        to="a@b.org",
        kind="invitation",
        personalisation={"name": "A", "organisation": "O", "role": "r", "link": "L", "days": "14"},
    )
    [(path, authorization, body)] = received
    assert path == "/v2/notifications/email"
    assert authorization.startswith("Bearer ")
    assert body["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert body["personalisation"]["link"] == "L"
    assert not mail.outbox


def test_notify_without_a_template_id_fails_loudly(db, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.NOTIFY_API_KEY = (
        "opensend_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0"
    )
    settings.NOTIFY_TEMPLATE_IDS = {}
    with pytest.raises(ImproperlyConfigured, match="GOVUK_NOTIFY_TEMPLATES"):
        notify(to="a@b.org", kind="invitation", personalisation={})
