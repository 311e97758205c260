"""Journey: the SENCO imports a term's MIS export (issue 5), in two submissions.

Upload the CSV, check the preview of what will be added and changed, import. Importing the
same file again changes nothing, and a file with a bad row is refused row by row with nothing
to import. Real time, not frozen: the live server answers from another thread, and the demo
pupils' SEN status dates are in the past.
"""

from django.urls import reverse
from playwright.sync_api import expect

from opensend.core.models import AuditEvent
from opensend.law.upn import upn_check_letter
from opensend.organisations.models import Invitation
from opensend.people.models import Child, Enrolment, Need, SenStatus
from tests.browser.axe import assert_no_serious_violations
from tests.browser.helpers import browser_sign_in

LEO_UPN = "R990010125002"  # demo: Year 3, SEN support (K) with SPLD


def upn(serial: int) -> str:
    body = f"9990101{serial:05d}"
    return upn_check_letter(body) + body


SIMS_HEADINGS = (
    "UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Status,Primary Need,Secondary Need,"
    "Admission Date,Gender"
)


def sims_export(ava_upn: str) -> str:
    """A term's export: four new pupils, Leo moving to an EHC plan, Ava as she already is."""
    return (
        "\n".join(
            [
                SIMS_HEADINGS,
                f"{ava_upn},Martin,Ava,04/05/2017,4,E,ASD,SLCN,01/09/2021,F",
                f"{LEO_UPN},Patel,Leo,22/01/2018,4,E,SPLD,,01/09/2022,M",
                f"{upn(101)},Adams,Amir,04/05/2017,4,E,ASD,SLCN,01/09/2021,M",
                f"{upn(102)},Brown,Bella,22/01/2018,4,K,NSA,,01/09/2022,F",
                f"{upn(103)},Clarke,Cai,30/11/2019,2,N,,,01/09/2024,M",
                f"{upn(104)},O'Neill,Siân,15/03/2020,1,K,SLCN,,,F",
            ]
        )
        + "\n"
    )


def snapshot() -> tuple[int, ...]:
    return (
        Child.objects.count(),
        Enrolment.objects.count(),
        SenStatus.objects.count(),
        Need.objects.count(),
        AuditEvent.objects.count(),
    )


def open_import(page, live_server, school) -> None:
    page.goto(live_server.url + reverse("register", args=[school.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN register")
    page.get_by_role("button", name="Import from your MIS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import from your MIS")


def upload(page, path) -> None:
    page.get_by_label("Upload a file").set_input_files(path)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")


def test_the_senco_imports_a_terms_mis_export_in_two_submissions(
    page, live_server, demo, steps, tmp_path
):
    school = demo["north_oak"]
    export = tmp_path / "SIMS pupil export autumn 2026.csv"
    export.write_text(sims_export(demo["ava"].upn), encoding="utf-8-sig")  # Excel "CSV UTF-8"
    browser_sign_in(page, live_server, demo["oak_senco"])
    steps.watch(page)
    open_import(page, live_server, school)
    assert_no_serious_violations(page, "the upload page")
    before = snapshot()

    with steps.task("Import a term's MIS export"):
        upload(page, export)
        # Nothing is written until the SENCO confirms.
        assert snapshot() == before
        for key, count in {"created": 4, "changed": 1, "unchanged": 1, "rejected": 0}.items():
            expect(page.locator(f"#count-{key}")).to_have_text(str(count))
        new = page.get_by_role("table", name="Pupils to add")
        for name in ("Amir Adams", "Bella Brown", "Cai Clarke", "Siân O'Neill"):
            expect(new).to_contain_text(name)
        changed = page.get_by_role("table", name="Changes to pupils already on roll")
        leo = changed.get_by_role("row", name="Leo Patel")
        expect(leo).to_contain_text("Year group: Year 3 to Year 4")
        expect(leo).to_contain_text("SEN status:")
        expect(leo).to_contain_text("EHC")
        expect(page.get_by_text("Columns we ignored: Gender")).to_be_visible()
        assert_no_serious_violations(page, "the import preview")
        page.get_by_role("button", name="Import 5 changes").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("SEN register")
        done = "Imported from your MIS: 4 pupils added, 1 changed, 1 already up to date"
        expect(page.get_by_text(done)).to_be_visible()
        assert_no_serious_violations(page, "the register after the import")

    task = steps.tasks["Import a term's MIS export"]
    # The file chooser is a field the person changes (Playwright's set_input_files raises an
    # `input` event, as choosing a file does), so the counter counts it: one field, nothing typed.
    assert (task.page_submissions, task.typed_fields) == (2, 1), task
    assert task.fields == ["1:/schools/<id>/import/|file"], task.fields

    leo = Child.objects.get(upn=LEO_UPN)
    assert [s.provision for s in SenStatus.objects.filter(child=leo, end__isnull=True)] == ["E"]
    assert list(Need.objects.filter(child=leo, end__isnull=True).values_list("code", "rank")) == [
        ("SPLD", 1)
    ]
    assert Enrolment.objects.get(child=leo, school=school, end__isnull=True).year_group == "4"
    assert Child.objects.filter(upn__in=[upn(n) for n in range(101, 105)]).count() == 4
    assert AuditEvent.objects.get(record_type="people.misimport").note == (
        "rows=6 created=4 changed=1"
    )

    after_import = snapshot()
    with steps.task("Import the same export again"):
        open_import(page, live_server, school)
        upload(page, export)
        for key, count in {"created": 0, "changed": 0, "unchanged": 6, "rejected": 0}.items():
            expect(page.locator(f"#count-{key}")).to_have_text(str(count))
        expect(page.locator("#no-changes")).to_contain_text("0 changes")
        expect(page.get_by_role("button", name="Import")).to_have_count(0)
        assert_no_serious_violations(page, "the preview of a file already imported")
    again = steps.tasks["Import the same export again"]
    assert again.page_submissions == 1, again
    assert snapshot() == after_import


def test_a_file_with_a_bad_row_shows_why_and_offers_no_import(page, live_server, demo, tmp_path):
    school = demo["north_oak"]
    bad = tmp_path / "pupils.csv"
    bad.write_text(
        "\n".join(
            [
                SIMS_HEADINGS,
                f"{upn(101)},Adams,Amir,04/05/2017,4,E,ASD,,01/09/2021,M",
                f"{upn(102)},Brown,Bella,31/02/2018,4,K,SPLD,,01/09/2022,F",
            ]
        ),
        encoding="utf-8",
    )
    browser_sign_in(page, live_server, demo["oak_senco"])
    before = snapshot()
    open_import(page, live_server, school)
    upload(page, bad)

    expect(page.locator("#count-rejected")).to_have_text("1")
    rejected = page.get_by_role("table", name="Rejected rows")
    row = rejected.get_by_role("row", name="Bella Brown")
    expect(row).to_contain_text("3")  # the row's number in the file, headings being row 1
    expect(row).to_contain_text("Date of birth \u201831/02/2018\u2019 is not a real date")
    expect(page.get_by_role("button", name="Import")).to_have_count(0)
    expect(page.get_by_role("link", name="Upload a corrected file")).to_be_visible()
    assert_no_serious_violations(page, "the preview with a rejected row")
    assert snapshot() == before


def test_the_senco_imports_parents_and_carers_then_invites_one(page, live_server, demo, tmp_path):
    """Contacts come in with the pupils but nobody is emailed; one click invites a parent."""
    school = demo["north_oak"]
    export = tmp_path / "pupils with contacts.csv"
    export.write_text(
        "\n".join(
            [
                "UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Status,Primary Need,"
                "Contact 1 Forename,Contact 1 Surname,Contact 1 Relationship,Contact 1 Email,"
                "Contact 2 Forename,Contact 2 Surname,Contact 2 Relationship,Contact 2 Email",
                f"{upn(101)},Adams,Amir,04/05/2017,4,K,SPLD,Jane,Adams,Mother,"
                "jane.adams@example.com,Dr,Who,Doctor,gp@example.com",
            ]
        ),
        encoding="utf-8",
    )
    browser_sign_in(page, live_server, demo["oak_senco"])
    open_import(page, live_server, school)
    upload(page, export)
    expect(page.locator("#count-contacts-added")).to_have_text("1")
    expect(page.locator("#count-contacts-left-out")).to_have_text("1")
    added = page.get_by_role("table", name="Parents and carers to add")
    expect(added.get_by_role("row", name="Jane Adams")).to_contain_text("Mother")
    left_out = page.get_by_role("table", name="Contacts that will not be imported")
    expect(left_out).to_contain_text("is not a parent or carer")
    assert_no_serious_violations(page, "the import preview with parents and carers")
    page.get_by_role("button", name="Import 2 changes").click()
    expect(page.get_by_text("Nobody has been emailed")).to_be_visible()
    assert not Invitation.objects.exists()

    amir = Child.objects.get(upn=upn(101))
    page.goto(live_server.url + reverse("child_detail", args=[amir.pk]))
    assert_no_serious_violations(page, "a pupil's page with a parent to invite")
    page.get_by_role("button", name="Invite to OpenSEND Jane Adams").click()
    expect(page.get_by_text("Jane Adams invited")).to_be_visible()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.parent_link.child) == ("jane.adams@example.com", amir)
