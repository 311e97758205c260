"""Reading an EHC plan: who sees which versions and sections, the PDF, the comparison, the
family's answer to the draft and a consulted school's answer (issue 8).

Mia's case (Hillside): the EP's advice, a decision to issue on Monday 2 March 2026; the draft is
served on Monday 11 May 2026 (comments close 25 May) and issued after the family answers.
"""

import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.ehc.models import DraftResponse, PlanVersionStatus, SchoolConsultation
from opensend.ehc.plan_services import (
    consultation_send,
    draft_respond,
    plan_draft_serve,
    plan_draft_start,
    plan_issue,
    plan_need_add,
    plan_outcome_add,
    plan_provision_add,
    plan_redraft,
    plan_row_remove,
)
from opensend.ehc.services import advice_submit, decision_record
from opensend.law.assessment import appeal_deadline
from opensend.organisations.models import Membership
from opensend.people.models import ParentLink
from tests.queries import assert_constant_queries
from tests.signin import sign_in

HEADINGS = [
    "Section A: The views, interests and aspirations",
    "Section B: Special educational needs",
    "Section C: Health needs",
    "Section D: Social care needs",
    "Section E: Outcomes",
    "Section F: Special educational provision",
    "Section G: Health provision",
    "Section H1: Social care provision",
    "Section H2: Other social care provision",
    "Section I: The school or other institution",
    "Section J: Personal budget",
    "Section K: Advice and information",
]


def as_(client, user):
    client.logout()
    sign_in(client, user)
    return client


@pytest.fixture
def mia_parent(demo):
    ParentLink.objects.create(
        child=demo["mia"],
        user=demo["north_parent"],
        full_name="Mia's mother",
        relationship="mother",
    )
    return demo["north_parent"]


@pytest.fixture
def draft(demo, ep_advice, mia_parent):
    advice_submit(
        actor=demo["north_ep"],
        advice=ep_advice,
        needs="High anxiety in unstructured times\n- Difficulty with change",
        outcomes="Attends full days, four days a week",
        provision="A key adult check-in each morning",
    )
    case = ep_advice.case
    decision_record(actor=demo["north_caseworker"], case=case, kind="issue", agreed=True)
    case.refresh_from_db()
    version = plan_draft_start(actor=demo["north_caseworker"], case=case)
    outcome = version.outcomes.get()
    outcome.needs.set(version.needs.all())
    version.provision.get().outcomes.set([outcome])
    return version


@pytest.fixture
def issued(demo, served, mia_parent, frozen):
    draft_respond(actor=mia_parent, version=served, no_changes=True)
    frozen.move_to("2026-05-18 10:00")
    return plan_issue(actor=demo["north_caseworker"], version=served, placement=demo["north_hill"])


def _page(client, version):
    return client.get(reverse("ehc_plan_version", args=[version.pk]))


def test_the_la_reads_a_draft_being_written_with_every_section_in_order(client, demo, draft):
    response = _page(as_(client, demo["north_caseworker"]), draft)
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "Draft: no school is named until the final plan" in html
    assert "B1" in html and "High anxiety in unstructured times" in html
    assert "A key adult check-in each morning" in html
    assert "1 (this version)" in html


def test_the_family_never_sees_a_draft_being_written_but_sees_it_once_served(
    client, demo, draft, mia_parent, frozen
):
    assert _page(as_(client, mia_parent), draft).status_code == 404
    frozen.move_to("2026-05-11 10:00")
    plan_draft_serve(actor=demo["north_caseworker"], version=draft)
    response = _page(as_(client, mia_parent), draft)
    assert response.status_code == 200
    assert "Comment on the draft" in response.content.decode()


def test_the_school_sees_the_issued_plan_only(client, demo, served, issued):
    senco = as_(client, demo["hill_senco"])
    assert _page(senco, served).status_code == 404
    response = _page(senco, issued)
    assert response.status_code == 200
    html = response.content.decode()
    assert all(heading in html for heading in HEADINGS)
    assert "Hillside" in html
    # Only the issued version is listed for the school: no link to the draft.
    assert reverse("ehc_plan_version", args=[served.pk]) not in html


def test_a_teacher_sees_sections_b_e_and_f_only(client, demo, issued):
    teacher = demo["oak_teacher"]
    Membership.objects.create(user=teacher, organisation=demo["north_hill"], role="teacher")
    response = _page(as_(client, teacher), issued)
    assert response.status_code == 200
    html = response.content.decode()
    shown = [heading for heading in HEADINGS if heading in html]
    assert shown == [HEADINGS[1], HEADINGS[4], HEADINGS[5]]
    assert "The other sections are not shown to you" in html


def test_the_ep_sees_the_sections_of_their_advice(client, demo, served):
    response = _page(as_(client, demo["north_ep"]), served)
    assert response.status_code == 200
    html = response.content.decode()
    assert [h for h in HEADINGS if h in html] == [HEADINGS[1], HEADINGS[4], HEADINGS[5]]


@pytest.mark.parametrize("persona", ["south_caseworker", "oak_senco", "north_health"])
def test_others_get_404(client, demo, issued, persona):
    reader = as_(client, demo[persona])
    assert _page(reader, issued).status_code == 404
    assert reader.get(reverse("ehc_plan_pdf", args=[issued.pk])).status_code == 404


def test_the_plan_page_runs_a_constant_number_of_queries(client, demo, draft):
    reader = as_(client, demo["north_caseworker"])
    count = {"n": 0}

    def grow():
        count["n"] += 1
        need = plan_need_add(
            actor=demo["north_caseworker"], version=draft, section="C", description="A need"
        )
        outcome = plan_outcome_add(
            actor=demo["north_caseworker"], version=draft, description="More", needs=[need]
        )
        plan_provision_add(
            actor=demo["north_caseworker"],
            version=draft,
            section="G",
            what="Speech therapy",
            who="A speech and language therapist",
            how_often="Weekly",
            how_long="A year",
            outcomes=[outcome],
        )

    assert_constant_queries(lambda: _page(reader, draft), grow)


def test_the_pdf_has_every_section_and_a_readable_first_page(client, demo, issued, tmp_path):
    response = as_(client, demo["north_caseworker"]).get(reverse("ehc_plan_pdf", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="ehc-plan-v2-2026-05-18.pdf"' in response["Content-Disposition"]
    assert "Mia" not in response["Content-Disposition"]
    path = Path(tmp_path) / "plan.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    for heading in HEADINGS:
        assert heading in text, heading
    subprocess.run(
        ["pdftoppm", "-png", "-f", "1", "-l", "1", "-r", "50", str(path), str(tmp_path / "p")],
        check=True,
    )
    image = next(Path(tmp_path).glob("p*.png"))
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
    # Not blank: a blank page compresses to almost nothing.
    assert len(data) > 3000
    assert AuditEvent.objects.filter(
        kind=AuditEventKind.DOWNLOADED, record_id=str(issued.pk)
    ).exists()


def test_a_teachers_pdf_has_only_their_sections(client, demo, issued, tmp_path):
    teacher = demo["oak_teacher"]
    Membership.objects.create(user=teacher, organisation=demo["north_hill"], role="teacher")
    response = as_(client, teacher).get(reverse("ehc_plan_pdf", args=[issued.pk]))
    path = Path(tmp_path) / "plan.pdf"
    path.write_bytes(response.content)
    text = " ".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert [h for h in HEADINGS if h in text] == [HEADINGS[1], HEADINGS[4], HEADINGS[5]]


def test_two_versions_compared_show_lines_added_and_removed(client, demo, served):
    caseworker = demo["north_caseworker"]
    redraft = plan_redraft(actor=caseworker, version=served, reason="The family's comments")
    plan_need_add(actor=caseworker, version=redraft, section="B", description="Tires by lunch")
    plan_row_remove(actor=caseworker, row=redraft.needs.get(description="Difficulty with change"))
    response = as_(client, caseworker).get(
        reverse("ehc_plan_compare", args=[redraft.pk, served.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Compare versions 1 and 2" in html
    assert "Added" in html and "Tires by lunch" in html
    assert "Removed" in html and "Difficulty with change" in html
    assert "Unchanged" in html
    # The version page links to the comparison with the previous version.
    page = _page(client, redraft).content.decode()
    assert reverse("ehc_plan_compare", args=[redraft.pk, served.pk]) in page


def test_versions_of_different_plans_or_hidden_versions_are_not_compared(
    client, demo, served, issued
):
    senco = as_(client, demo["hill_senco"])
    url = reverse("ehc_plan_compare", args=[issued.pk, served.pk])
    assert senco.get(url).status_code == 404  # the school cannot see the draft
    other = reverse("ehc_plan_compare", args=[issued.pk, issued.pk])
    assert as_(client, demo["north_caseworker"]).get(other).status_code == 404


# --- the family's answer ------------------------------------------------------------------


def _respond(version):
    return reverse("ehc_plan_respond", args=[version.pk])


def test_the_family_answers_the_draft(client, demo, served, mia_parent):
    family = as_(client, mia_parent)
    page = family.get(_respond(served)).content.decode()
    assert "25 May 2026" in page and "15 days" in page
    response = family.post(
        _respond(served),
        {
            "comments": "Please add support at lunchtime.",
            "requested_school": demo["north_hill"].pk,
            "wants_meeting": "on",
        },
    )
    assert response.status_code == 302
    answer = DraftResponse.objects.get(version=served)
    assert answer.requested_school == demo["north_hill"] and answer.wants_meeting
    after = family.get(_respond(served)).content.decode()
    assert "Your answer" in after and "Please add support at lunchtime." in after
    assert "Send your answer" not in after


def test_an_empty_answer_is_an_error(client, served, mia_parent):
    response = as_(client, mia_parent).post(_respond(served), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not DraftResponse.objects.exists()


def test_happy_with_the_draft(client, served, mia_parent):
    as_(client, mia_parent).post(_respond(served), {"no_changes": "on"})
    assert DraftResponse.objects.get(version=served).no_changes


def test_no_answer_after_the_plan_is_issued(client, demo, issued, served, mia_parent):
    family = as_(client, mia_parent)
    assert family.get(_respond(issued)).status_code == 404
    before = DraftResponse.objects.count()
    response = family.post(_respond(served), {"comments": "Too late"})
    assert response.status_code == 302
    assert DraftResponse.objects.count() == before


def test_the_school_cannot_answer_for_the_family(client, demo, served):
    assert as_(client, demo["north_ep"]).get(_respond(served)).status_code == 404


# --- a consulted school's answer ------------------------------------------------------------


@pytest.fixture
def consultation(demo, served):
    return consultation_send(
        actor=demo["north_caseworker"], version=served, school=demo["north_oak"]
    )


def test_a_consulted_school_reads_the_draft_and_answers(client, demo, consultation):
    senco = as_(client, demo["oak_senco"])
    url = reverse("ehc_plan_consultation", args=[consultation.pk])
    page = senco.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Can the school meet the child" in html
    assert "Section B: Special educational needs" in html and "Section A:" not in html
    # Oakfield is not Mia's school: it cannot open the draft itself, so no link to it.
    assert reverse("ehc_plan_version", args=[consultation.version.pk]) not in html
    missing = senco.post(url, {"can_meet_needs": "no"})
    assert missing.status_code == 200 and "There is a problem" in missing.content.decode()
    assert senco.post(url, {"can_meet_needs": "yes", "response": ""}).status_code == 302
    consultation.refresh_from_db()
    assert consultation.can_meet_needs is True and consultation.responded_on is not None
    again = senco.post(url, {"can_meet_needs": "no", "response": "Changed our mind"})
    assert again.status_code == 302
    consultation.refresh_from_db()
    assert consultation.can_meet_needs is True


def test_only_the_consulted_school_answers(client, demo, consultation):
    url = reverse("ehc_plan_consultation", args=[consultation.pk])
    for persona in ("hill_senco", "oak_teacher", "north_caseworker", "north_parent"):
        assert as_(client, demo[persona]).get(url).status_code == 404
    assert SchoolConsultation.objects.get().responded_on is None


def test_status_words(issued):
    assert issued.status == PlanVersionStatus.ISSUED


def test_the_family_reads_its_right_of_appeal_with_the_final_plan(client, demo, issued):
    # Reg 14: issued on 18 May 2026 (the `issued` fixture), so appeal by 18 July 2026.
    response = as_(client, demo["north_parent"]).get(reverse("ehc_plan_version", args=[issued.pk]))
    assert "If you disagree with the plan" in response.text
    assert f"{appeal_deadline(letter_date=issued.issued_on):%-d %B %Y}" in response.text
    school = as_(client, demo["hill_senco"]).get(reverse("ehc_plan_version", args=[issued.pk]))
    assert "If you disagree with the plan" not in school.text
