"""The pages for people giving advice: the list, one request, the form, the read-only advice.

Mia's case (tests/access/routes_ehc_world.py) is mid-assessment: advice was asked of her
family, of Hillside (educational) and of the Northshire educational psychologist (north_ep) on
Monday 9 November 2026, so it is due on Monday 21 December 2026 (reg 8(1): 6 weeks).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from opensend.ehc import services
from opensend.ehc.models import AdviceKind, AdviceStatus
from tests.access.routes_ehc_world import mia_assessment
from tests.queries import assert_constant_queries
from tests.signin import sign_in

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 9, 9, 0, tzinfo=LONDON)
PDF = b"%PDF-1.4\n%test report\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def mia(demo):
    return {**demo, **mia_assessment(demo)}


def client_for(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def url(advice) -> str:
    return reverse("ehc_advice", args=[advice.pk])


def page(client, address) -> str:
    response = client.get(address)
    assert response.status_code == 200
    return response.content.decode()


def pdf(name="report.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def paper_case_with_ep_advice(demo, first_name: str, **advice):
    """Another Northshire child, on paper, assessing, with advice asked of north_ep."""
    caseworker = demo["north_caseworker"]
    child = services.child_for_paper_request(
        actor=caseworker,
        local_authority=demo["north_la"],
        first_name=first_name,
        last_name="Testchild",
        date_of_birth=NOW.date() - timedelta(days=8 * 365),
    )
    request = services.paper_request_record(
        actor=caseworker,
        child=child,
        requester_kind="parent",
        requester_name="A Parent",
        received=NOW.date() - timedelta(days=7),
        views=services.Views(family_difficulties="Reading"),
    )
    services.decision_record(actor=caseworker, case=request.case, kind="assess", agreed=True)
    request.case.refresh_from_db()
    ep = services.advice_request_add(
        actor=caseworker,
        case=request.case,
        kind=AdviceKind.PSYCHOLOGICAL,
        recipient_user=demo["north_ep"],
        **advice,
    )
    services.advice_requests_send(actor=caseworker, advice_requests=[ep])
    ep.refresh_from_db()
    return ep


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_advice_to_give_with_its_due_date_status_kind_and_council(mia, signed_in):
    text = page(signed_in("north_ep"), reverse("ehc_advice_list"))
    assert "Mia Hughes" in text
    assert url(mia["mia_ep_advice"]) in text
    assert "Psychological advice (educational psychologist)" in text
    assert mia["north_la"].name in text
    assert "21 December 2026" in text
    assert "On time" in text and "govuk-tag--green" in text
    # Nobody else's requests: not the family's nor the school's for the same child.
    assert url(mia["mia_family_advice"]) not in text
    assert url(mia["mia_school_advice"]) not in text


def test_the_list_puts_advice_to_give_first_by_due_date_and_keeps_given_advice(
    mia, signed_in, frozen
):
    frozen.shift(timedelta(days=7))
    paper_case_with_ep_advice(mia, "Later")  # asked a week after Mia's: due later
    frozen.shift(timedelta(days=-14))
    earlier = paper_case_with_ep_advice(mia, "Earlier")  # asked a week before: due first
    frozen.shift(timedelta(days=7))
    services.advice_submit(actor=mia["north_ep"], advice=earlier, needs="Given already")
    text = page(signed_in("north_ep"), reverse("ehc_advice_list"))
    to_give, given = text.split('<h2 class="govuk-heading-m">Advice you have given</h2>')
    assert to_give.index("Mia Hughes") < to_give.index("Later Testchild")
    assert "Earlier Testchild" not in to_give
    assert "Earlier Testchild" in given and "Given on 9 November 2026" in given
    assert "You can come back to read your advice." in given


def test_the_status_turns_amber_within_14_days_and_red_when_overdue(mia, frozen):
    frozen.move_to(datetime(2026, 12, 7, 9, 0, tzinfo=LONDON))  # 14 days before it is due
    text = page(client_for(mia["north_ep"]), reverse("ehc_advice_list"))
    assert "Due soon" in text and "govuk-tag--yellow" in text
    frozen.move_to(datetime(2026, 12, 22, 9, 0, tzinfo=LONDON))
    client = client_for(mia["north_ep"])
    text = page(client, reverse("ehc_advice_list"))
    assert "Overdue" in text and "govuk-tag--red" in text
    assert "Overdue" in page(client, url(mia["mia_ep_advice"]))


def test_everyone_else_sees_an_empty_list(mia):
    for persona in ("north_health", "south_ep", "oak_teacher", "north_caseworker"):
        text = page(client_for(mia[persona]), reverse("ehc_advice_list"))
        assert "Nobody is waiting for your advice." in text
        assert "Mia" not in text


def test_the_school_and_the_family_see_their_own_requests(mia):
    school = page(client_for(mia["hill_senco"]), reverse("ehc_advice_list"))
    assert url(mia["mia_school_advice"]) in school and url(mia["mia_ep_advice"]) not in school
    family = page(client_for(mia["north_parent"]), reverse("ehc_advice_list"))
    assert url(mia["mia_family_advice"]) in family and url(mia["mia_ep_advice"]) not in family


def test_the_list_runs_a_constant_number_of_queries(mia, signed_in):
    client = signed_in("north_ep")
    names = iter(["Alfie", "Bella", "Cara", "Dev"])

    def grow():
        advice = paper_case_with_ep_advice(mia, next(names))
        services.advice_submit(actor=mia["north_ep"], advice=advice, needs="Given")
        paper_case_with_ep_advice(mia, next(names))

    assert_constant_queries(lambda: client.get(reverse("ehc_advice_list")), grow)
    assert client.get(reverse("ehc_advice_list")).content.decode().count("Testchild") == 4


# --- one request ----------------------------------------------------------------------------


def test_the_page_shows_only_that_child_what_is_asked_and_who_to_contact(mia, signed_in):
    services.case_assign(
        actor=mia["north_caseworker"], case=mia["mia_case"], caseworker=mia["north_caseworker"]
    )
    ep = mia["mia_ep_advice"]
    type(ep).objects.filter(pk=ep.pk).update(question="Her anxiety about school")
    text = page(signed_in("north_ep"), url(ep))
    for shown in (
        "Mia Hughes",
        "30 November 2019",
        "Hillside Academy",
        "Year 1",
        "SEN support",
        "Social, emotional and mental health",
        "Her anxiety about school",
        "9 November 2026",
        "21 December 2026",
        "Priya Shah",
        mia["north_caseworker"].email,
        mia["north_la"].name,
        "Your professional advice",
        "The child&#x27;s needs",
        "Outcomes to aim for",
        "Provision that would meet the needs",
        "Anything else",
        'type="file" multiple',
    ):
        assert shown in text, shown
    # Nothing of the rest of the case: not the school's request, not the family's views,
    # not another child at the same school.
    for hidden in ("Despite two terms", "Busy classrooms", "Jordan"):
        assert hidden not in text, hidden


def test_the_family_is_asked_in_plain_english(mia, signed_in):
    text = page(signed_in("north_parent"), url(mia["mia_family_advice"]))
    for question in (
        "What is your child like?",
        "What do they find hard?",
        "What help would make a difference?",
    ):
        assert question in text
    assert "Provision that would meet the needs" not in text


def test_the_school_is_asked_for_its_educational_advice(mia, signed_in):
    text = page(signed_in("hill_senco"), url(mia["mia_school_advice"]))
    assert "Educational advice" in text and "Send the educational advice" in text


def test_the_professional_gives_advice_with_documents_and_reads_it_afterwards(mia, signed_in):
    client = signed_in("north_ep")
    ep = mia["mia_ep_advice"]
    response = client.post(
        url(ep),
        {
            "needs": "Anxiety in busy places",
            "outcomes": "Attends full days by Easter",
            "provision": "A quiet base, 20 minutes daily",
            "other_information": "Seen in school on 2 November",
            "attachments": [
                pdf(),
                SimpleUploadedFile("scan.png", PNG, content_type="image/png"),
            ],
        },
    )
    assert response.status_code == 302 and response["Location"] == url(ep)
    ep.refresh_from_db()
    assert ep.status == AdviceStatus.SUBMITTED and ep.submitted_by == mia["north_ep"]
    assert ep.needs == "Anxiety in busy places" and ep.provision.startswith("A quiet base")
    attachments = list(ep.attachments.order_by("created_at", "pk"))
    assert sorted(a.content_type for a in attachments) == ["application/pdf", "image/png"]
    assert bytes(ep.attachments.get(content_type="application/pdf").data) == PDF
    text = page(client, url(ep))
    assert "Your advice has been sent to the council" in text
    assert "You can come back to read your advice." in text
    assert "Anxiety in busy places" in text and "Attends full days by Easter" in text
    for attachment in attachments:
        assert reverse("ehc_attachment", args=[attachment.pk]) in text
    assert 'type="file"' not in text and "Send your advice" not in text  # read-only now


def test_the_family_gives_its_own_advice(mia, signed_in):
    client = signed_in("north_parent")
    family = mia["mia_family_advice"]
    response = client.post(
        url(family),
        {
            "other_information": "Kind and funny; loves drawing",
            "needs": "Noise and crowds",
            "provision": "A calm space at break",
            "outcomes": "To enjoy school again",
        },
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.status == AdviceStatus.SUBMITTED
    assert family.other_information == "Kind and funny; loves drawing"
    assert family.needs == "Noise and crowds"
    text = page(client, url(family))
    assert "What is your child like?" in text and "Kind and funny; loves drawing" in text


def test_an_empty_form_is_shown_again_with_an_error_and_nothing_is_saved(mia, signed_in):
    response = signed_in("north_ep").post(url(mia["mia_ep_advice"]), {})
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is a problem" in text
    assert "Describe the child&#x27;s needs, or attach your report" in text
    mia["mia_ep_advice"].refresh_from_db()
    assert mia["mia_ep_advice"].status == AdviceStatus.REQUESTED


def test_the_family_is_told_what_is_missing_in_their_words(mia, signed_in):
    family = mia["mia_family_advice"]
    response = signed_in("north_parent").post(url(family), {"other_information": "Kind and funny"})
    assert response.status_code == 200
    assert "Tell us what your child finds hard, or attach a document" in (response.content.decode())
    family.refresh_from_db()
    assert family.status == AdviceStatus.REQUESTED


def test_a_very_long_answer_is_refused_with_a_message_that_says_what_to_do(mia, signed_in):
    response = signed_in("north_ep").post(url(mia["mia_ep_advice"]), {"needs": "x" * 20001})
    assert response.status_code == 200
    assert "must be 20,000 characters or fewer" in response.content.decode()


def test_a_report_alone_is_enough(mia, signed_in):
    response = signed_in("north_ep").post(url(mia["mia_ep_advice"]), {"attachments": [pdf()]})
    assert response.status_code == 302
    mia["mia_ep_advice"].refresh_from_db()
    assert mia["mia_ep_advice"].status == AdviceStatus.SUBMITTED


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("setup.exe", b"MZ", content_type="application/x-msdownload"),
            "setup.exe is not a PDF, Word document, picture or text file",
        ),
        (
            SimpleUploadedFile("empty.pdf", b"", content_type="application/pdf"),
            "empty.pdf is empty",
        ),
        (
            SimpleUploadedFile(
                "big.pdf",
                b"x" * (services.ATTACHMENT_MAX_BYTES + 1),
                content_type="application/pdf",
            ),
            "big.pdf is larger than 10 MB",
        ),
    ],
    ids=["wrong type", "empty", "too large"],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_saved(mia, signed_in, upload, message):
    ep = mia["mia_ep_advice"]
    response = signed_in("north_ep").post(url(ep), {"needs": "Some", "attachments": [upload]})
    assert response.status_code == 200
    assert message in response.content.decode()
    ep.refresh_from_db()
    assert ep.status == AdviceStatus.REQUESTED and ep.needs == ""
    assert not ep.attachments.exists()


def test_more_than_five_files_are_refused(mia, signed_in):
    ep = mia["mia_ep_advice"]
    files = [pdf(f"report-{n}.pdf") for n in range(6)]
    response = signed_in("north_ep").post(url(ep), {"needs": "Some", "attachments": files})
    assert response.status_code == 200
    assert "Select up to 5 files" in response.content.decode()
    assert not ep.attachments.exists()


def test_a_file_of_exactly_10_mb_is_accepted(mia, signed_in):
    # Django keeps uploads over FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) in a temporary file, and
    # DATA_UPLOAD_MAX_MEMORY_SIZE does not count files, so the limit is the service's own.
    ep = mia["mia_ep_advice"]
    big = pdf("full.pdf", b"%PDF" + b"x" * (services.ATTACHMENT_MAX_BYTES - 4))
    response = signed_in("north_ep").post(url(ep), {"needs": "Some", "attachments": [big]})
    assert response.status_code == 302
    assert ep.attachments.get().size == services.ATTACHMENT_MAX_BYTES


def test_a_word_document_sent_as_octet_stream_is_recognised_by_its_name(mia, signed_in):
    ep = mia["mia_ep_advice"]
    document = SimpleUploadedFile(
        "report.docx", b"PK\x03\x04docx", content_type="application/octet-stream"
    )
    response = signed_in("north_ep").post(url(ep), {"needs": "Some", "attachments": [document]})
    assert response.status_code == 302
    assert ep.attachments.get().content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_advice_once_given_cannot_be_given_again(mia, signed_in):
    client = signed_in("north_ep")
    ep = mia["mia_ep_advice"]
    services.advice_submit(actor=mia["north_ep"], advice=ep, needs="First advice")
    response = client.post(url(ep), {"needs": "Second advice"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "You have already given this advice" in text
    assert "First advice" in text and 'type="file"' not in text
    ep.refresh_from_db()
    assert ep.needs == "First advice"


def test_advice_given_by_someone_else_meanwhile_is_a_clear_message(mia, signed_in, monkeypatch):
    # The page was opened while the advice could be given; it was given before this POST.
    from opensend.ehc import advice_views

    monkeypatch.setattr(advice_views.selectors, "can_give_advice", lambda user, advice: True)
    services.advice_submit(actor=mia["north_ep"], advice=mia["mia_ep_advice"], needs="First")
    response = signed_in("north_ep").post(
        url(mia["mia_ep_advice"]), {"needs": "Second"}, follow=True
    )
    assert response.status_code == 200
    assert "You have already given this advice" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "advice_key"),
    [
        ("south_ep", "mia_ep_advice"),
        ("north_health", "mia_ep_advice"),
        ("north_social", "mia_ep_advice"),
        ("oak_teacher", "mia_school_advice"),
        ("oak_senco", "mia_school_advice"),
        ("north_caseworker", "mia_ep_advice"),
        ("north_parent", "mia_ep_advice"),
        ("hill_senco", "mia_family_advice"),
        ("north_ep", "mia_school_advice"),
    ],
)
def test_nobody_else_opens_or_posts_to_a_request(mia, signed_in, persona, advice_key):
    client = signed_in(persona)
    advice = mia[advice_key]
    assert client.get(url(advice)).status_code == 404
    assert client.post(url(advice), {"needs": "Not mine"}).status_code == 404
    advice.refresh_from_db()
    assert advice.status == AdviceStatus.REQUESTED


def test_a_request_not_yet_sent_is_not_shown(mia, signed_in):
    draft = services.advice_request_add(
        actor=mia["north_caseworker"],
        case=mia["mia_case"],
        kind=AdviceKind.MEDICAL,
        recipient_user=mia["north_health"],
    )
    client = signed_in("north_health")
    assert client.get(url(draft)).status_code == 404
    assert url(draft) not in page(client, reverse("ehc_advice_list"))


def test_a_reused_request_says_no_advice_is_needed(mia, signed_in):
    services.advice_reuse(
        actor=mia["north_caseworker"],
        advice=mia["mia_ep_advice"],
        description="EP report of June 2026",
        provider_agrees=True,
        family_agrees=True,
    )
    client = signed_in("north_ep")
    text = page(client, url(mia["mia_ep_advice"]))
    assert "you do not need to give this advice" in text and 'type="file"' not in text
    response = client.post(url(mia["mia_ep_advice"]), {"needs": "x"})
    assert response.status_code == 302
