"""An educational psychologist new to OpenSEND joins by invitation to give advice on one case.

End to end through the pages and the services: the caseworker asks a new person at the
Northshire EP service during Mia's assessment, the invitation email goes out, the person joins
with the link, sets up their authenticator app (staff sign in with MFA), signs in, sees exactly
that one request and only that child, and gives their advice; then they can still read it but
not give it again.
"""

import re

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from opensend.ehc import services
from opensend.ehc.models import AdviceKind, AdviceStatus
from opensend.organisations.demo import DEMO_TOTP_SECRET
from opensend.organisations.models import Organisation
from opensend.organisations.services import invitation_accept
from tests.ehc.test_advice_pages import (  # noqa: F401
    PDF,
    client_for,
    frozen,
    mia,
    paper_case_with_ep_advice,
    pdf,
)
from tests.signin import sign_in

EMAIL = "sam.rivers@ep.example"
PASSWORD = "a-long-new-password-4821"


def test_an_invited_psychologist_joins_sees_only_that_request_and_gives_advice(
    mia,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    caseworker = mia["north_caseworker"]
    service = Organisation.objects.get(name="Northshire Educational Psychology Service")
    other = paper_case_with_ep_advice(mia, "Other")  # north_ep's, not the newcomer's
    advice = services.advice_request_add(
        actor=caseworker,
        case=mia["mia_case"],
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_name="Sam Rivers",
        recipient_email=EMAIL,
        recipient_organisation=service,
        question="Her anxiety about school",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.advice_requests_send(actor=caseworker, advice_requests=[advice]) == 1
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.REQUESTED and advice.recipient_user is None

    # The invitation: the link to join, and no child's name anywhere in the subjects.
    to_sam = [message for message in mail.outbox if EMAIL in message.to]
    assert to_sam, [message.subject for message in mail.outbox]
    assert all("Mia" not in message.subject for message in to_sam)
    links = [link for message in to_sam for link in re.findall(r"/join/([^/\s]+)/", message.body)]
    assert len(links) == 1
    user = invitation_accept(token=links[0], password=PASSWORD)
    assert user.email == EMAIL
    advice.refresh_from_db()
    assert advice.recipient_user == user  # the request became theirs when they joined

    TOTP.activate(user, DEMO_TOTP_SECRET)  # staff and professionals set up MFA first
    client = Client()
    sign_in(client, user, password=PASSWORD)

    # Exactly that one request, nothing else of the case or of other cases.
    listing = client.get(reverse("ehc_advice_list")).content.decode()
    assert listing.count(reverse("ehc_advice", args=[advice.pk])) == 1
    assert re.findall(r"/ehc/advice/([0-9a-f-]{36})/", listing) == [str(advice.pk)]
    for hidden in (mia["mia_ep_advice"], mia["mia_family_advice"], other):
        assert client.get(reverse("ehc_advice", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("child_detail", args=[mia["mia"].pk])).status_code == 404
    assert client.get(reverse("child_detail", args=[other.case.child_id])).status_code == 404
    page = client.get(reverse("ehc_advice", args=[advice.pk])).content.decode()
    assert "Mia Hughes" in page and "Her anxiety about school" in page
    assert "Other Testchild" not in page

    # They give their advice, with their report.
    response = client.post(
        reverse("ehc_advice", args=[advice.pk]),
        {"needs": "Anxiety in busy places", "attachments": [pdf()]},
    )
    assert response.status_code == 302
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.SUBMITTED and advice.submitted_by == user
    attachment = advice.attachments.get()

    # Afterwards: read-only, still theirs to read, and not to give again.
    page = client.get(reverse("ehc_advice", args=[advice.pk])).content.decode()
    assert "Anxiety in busy places" in page and "You can come back to read your advice." in page
    assert 'type="file"' not in page
    assert client.get(reverse("ehc_attachment", args=[attachment.pk])).content == PDF
    again = client.post(
        reverse("ehc_advice", args=[advice.pk]), {"needs": "Changed my mind"}, follow=True
    )
    assert again.status_code == 200
    assert "You have already given this advice" in again.content.decode()
    advice.refresh_from_db()
    assert advice.needs == "Anxiety in busy places"
    listing = client.get(reverse("ehc_advice_list")).content.decode()
    assert "Given on 9 November 2026" in listing


def test_a_request_waiting_for_a_newcomer_is_nobody_elses(mia):  # noqa: F811
    caseworker = mia["north_caseworker"]
    service = Organisation.objects.get(name="Northshire Educational Psychology Service")
    advice = services.advice_request_add(
        actor=caseworker,
        case=mia["mia_case"],
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_name="Sam Rivers",
        recipient_email=EMAIL,
        recipient_organisation=service,
    )
    services.advice_requests_send(actor=caseworker, advice_requests=[advice])
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    # Someone else with an account cannot see the request meant for the newcomer.
    assert (
        client_for(mia["north_ep"]).get(reverse("ehc_advice", args=[advice.pk])).status_code == 404
    )
