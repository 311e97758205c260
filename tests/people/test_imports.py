"""Importing pupils and SEN data from a school's MIS export (issue 5, item 2)."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.law.upn import upn_check_letter
from opensend.organisations.models import Invitation
from opensend.people import imports
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus

TODAY = date(2026, 3, 10)


def upn(serial: int) -> str:
    body = f"9990101{serial:05d}"
    return upn_check_letter(body) + body


SIMS_HEADINGS = (
    "UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Status,Primary Need,Secondary Need,"
    "Admission Date,Gender"
)
SIMS_FILE = "\n".join(
    [
        SIMS_HEADINGS,
        f"{upn(1)},Adams,Amir,04/05/2017,4,E,ASD,SLCN,01/09/2021,M",
        f"{upn(2)},Brown,Bella,2018-01-22,3,K,NSA,,2022-09-01,F",
        f"{upn(3)},Clarke,Cai,30/11/2019,1,N,,,,M",
    ]
)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def senco(signed_in):
    return signed_in("oak_senco")


def import_url(demo) -> str:
    return reverse("mis_import", args=[demo["north_oak"].pk])


def upload(client, demo, content, name="pupils.csv"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post(
        import_url(demo), {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def confirm(client, demo, preview):
    token = re.search(r'name="token" value="([0-9a-f]+)"', preview.content.decode())
    assert token, "the preview offers no import"
    return client.post(
        reverse("mis_import_confirm", args=[demo["north_oak"].pk]), {"token": token[1]}
    )


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def counts(response) -> dict[str, int]:
    html = response.content.decode()
    return {
        key: int(re.search(rf'id="count-{key}">(\d+)<', html)[1])
        for key in ("created", "changed", "unchanged", "rejected")
    }


def open_status(child) -> str:
    return SenStatus.objects.get(child=child, end__isnull=True).provision


def open_needs(child) -> list[tuple[str, int]]:
    return sorted(Need.objects.filter(child=child, end__isnull=True).values_list("code", "rank"))


def year_at(child, school) -> str:
    return Enrolment.objects.get(child=child, school=school, end__isnull=True).year_group


# A good file ------------------------------------------------------------------------------


def test_the_upload_page_lists_the_columns_and_the_register_links_to_it(senco, demo):
    page = text(senco.get(import_url(demo)))
    assert "Legal Surname" in page.replace("legal surname", "Legal Surname")
    assert "primary need" in page
    assert "Parents and carers (optional)" in page
    assert "contact 1, guardian 1" in page and "primary guardian" in page
    register = senco.get(reverse("register", args=[demo["north_oak"].pk])).content.decode()
    assert import_url(demo) in register


def test_the_register_shows_no_import_link_to_a_teacher(signed_in, demo):
    client = signed_in("oak_teacher")
    register = client.get(reverse("register", args=[demo["north_oak"].pk])).content.decode()
    assert import_url(demo) not in register
    assert client.get(import_url(demo)).status_code == 403


def test_a_sims_file_is_previewed_without_writing_then_imported(senco, demo):
    before = Child.objects.count()
    preview = upload(senco, demo, SIMS_FILE)
    assert counts(preview) == {"created": 3, "changed": 0, "unchanged": 0, "rejected": 0}
    page = text(preview)
    assert "Import 3 changes" in page
    assert "Columns we ignored: Gender" in page
    assert Child.objects.count() == before

    done = confirm(senco, demo, preview)
    assert done.status_code == 302
    assert done.url == reverse("register", args=[demo["north_oak"].pk])
    oak = demo["north_oak"]
    amir = Child.objects.get(upn=upn(1))
    assert (amir.first_name, amir.last_name, amir.date_of_birth) == (
        "Amir",
        "Adams",
        date(2017, 5, 4),
    )
    assert year_at(amir, oak) == "4"
    assert open_status(amir) == "E"
    assert open_needs(amir) == [("ASD", 1), ("SLCN", 2)]
    assert Enrolment.objects.get(child=amir).start == date(2021, 9, 1)
    assert SenStatus.objects.get(child=amir).start == date(2021, 9, 1)  # one entry, from admission
    bella = Child.objects.get(upn=upn(2))
    assert (open_status(bella), open_needs(bella), year_at(bella, oak)) == ("K", [("NSA", 1)], "3")
    cai = Child.objects.get(upn=upn(3))
    assert (open_status(cai), open_needs(cai)) == ("N", [])
    assert Enrolment.objects.get(child=cai).start == TODAY  # no admission date: today
    event = AuditEvent.objects.get(record_type="people.misimport")
    assert event.kind == "created"
    assert event.note == "rows=3 created=3 changed=0"
    assert event.organisation_id == oak.pk
    assert AuditEvent.objects.filter(subject_id=amir.pk, record_type="people.child").exists()


def test_arbor_headings_and_words_are_understood(senco, demo):
    arbor = "\n".join(
        [
            "First Name,Last Name,Date of Birth,UPN,Year Group,SEN Provision,Need 1,Need 2,"
            "Start Date",
            f"Dan,Evans,2020-02-02,{upn(4)},Reception,SEN Support,"
            '"Speech, language and communication needs",,2025-09-03',
            f"Eve,Ford,2016-06-06,{upn(5)},Year 5,EHC Plan,semh,mld,2021-09-01",
            f"Fin,Gray,2019-03-03,{upn(6)},Year 1,No Special Educational Need,,,2024-09-04",
        ]
    )
    preview = upload(senco, demo, arbor)
    assert counts(preview)["created"] == 3, text(preview)
    confirm(senco, demo, preview)
    dan = Child.objects.get(upn=upn(4))
    assert (year_at(dan, demo["north_oak"]), open_status(dan), open_needs(dan)) == (
        "R",
        "K",
        [("SLCN", 1)],
    )
    eve = Child.objects.get(upn=upn(5))
    assert (open_status(eve), open_needs(eve)) == ("E", [("MLD", 2), ("SEMH", 1)])
    assert open_status(Child.objects.get(upn=upn(6))) == "N"


def test_reimporting_the_same_file_changes_nothing(senco, demo):
    confirm(senco, demo, upload(senco, demo, SIMS_FILE))
    rows = (Child.objects.count(), SenStatus.objects.count(), Need.objects.count())
    events = AuditEvent.objects.count()

    again = upload(senco, demo, SIMS_FILE)
    assert counts(again) == {"created": 0, "changed": 0, "unchanged": 3, "rejected": 0}
    assert "0 changes" in text(again)
    assert 'name="token"' not in again.content.decode()
    assert (Child.objects.count(), SenStatus.objects.count(), Need.objects.count()) == rows
    assert AuditEvent.objects.exclude(kind="viewed").count() == events


def test_a_changed_file_changes_only_what_differs_keeping_history(senco, demo):
    ava, leo = demo["ava"], demo["leo"]
    heading = "UPN,Surname,Forename,DOB,Year,SEN,SEN Need 1,SEN Need 2"
    same_ava = f"{ava.upn},Martin,Ava,04/05/2017,4,E,ASD,SLCN"
    moved_leo = f"{leo.upn},Patel,Leo,22/01/2018,4,E,SPLD,"
    preview = upload(senco, demo, "\n".join([heading, same_ava, moved_leo]))
    assert counts(preview) == {"created": 0, "changed": 1, "unchanged": 1, "rejected": 0}
    page = text(preview)
    assert "Year group: Year 3 to Year 4" in page
    assert "SEN status: SEN support to EHC plan" in page

    confirm(senco, demo, preview)
    assert year_at(leo, demo["north_oak"]) == "4"
    history = list(
        SenStatus.objects.filter(child=leo).order_by("start").values_list("provision", "end")
    )
    assert history[-2:] == [("K", TODAY - timedelta(days=1)), ("E", None)]
    assert open_needs(leo) == [("SPLD", 1)]
    assert open_status(ava) == "E" and year_at(ava, demo["north_oak"]) == "4"
    assert (
        AuditEvent.objects.get(record_type="people.misimport").note == "rows=2 created=0 changed=1"
    )


def test_needs_change_and_a_move_to_no_sen_ends_the_needs(senco, demo):
    ava, leo = demo["ava"], demo["leo"]
    heading = "UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need,Secondary Need"
    rows = [
        f"{ava.upn},Martin,Ava,04/05/2017,4,E,SLCN,ASD",
        f"{leo.upn},Patel,Leo,22/01/2018,3,N,,",
    ]
    confirm(senco, demo, upload(senco, demo, "\n".join([heading, *rows])))
    assert open_needs(ava) == [("ASD", 2), ("SLCN", 1)]
    assert (open_status(leo), open_needs(leo)) == ("N", [])


# Problems, row by row ---------------------------------------------------------------------


def test_bad_rows_are_reported_by_number_and_nothing_is_written(senco, demo):
    bad = "\n".join(
        [
            SIMS_HEADINGS,
            f"{upn(1)},Adams,Amir,04/05/2017,4,E,ASD,,,M",  # good, but not imported
            ",Nopupil,Nora,04/05/2017,4,N,,,,F",
            "A123,Short,Sam,04/05/2017,4,N,,,,F",
            f"{upn(7)},Future,Fay,04/05/2030,4,N,,,,F",
            f"{upn(8)},Feb,Finn,31/02/2017,4,N,,,,M",
            f"{upn(9)},Nsa,Nia,04/05/2017,4,E,NSA,,,F",
            f"{demo['zara'].upn},Khan,Zara,15/08/2016,5,E,HI,,,F",
            f"{upn(10)},Year,Yan,04/05/2017,15,Q,,,,M",
        ]
    )
    before = (Child.objects.count(), SenStatus.objects.count(), Need.objects.count())
    preview = upload(senco, demo, bad)
    assert counts(preview) == {"created": 1, "changed": 0, "unchanged": 0, "rejected": 7}
    page = text(preview)
    assert (
        "3 None Nopupil Nora UPN missing: add it in your MIS first"
        in page.replace("Nora Nopupil", "Nopupil Nora")
        or "UPN missing: add it in your MIS first" in page
    )
    assert "A UPN has 13 characters; this has 4" in page
    assert "Date of birth must be in the past" in page
    assert "Date of birth \u201831/02/2017\u2019 is not a real date" in page
    assert "NSA is only for pupils on SEN support (K)" in page
    assert "already on roll at another school in OpenSEND" in page
    assert demo["south_river"].name not in page
    assert "Year group \u201815\u2019 is not one we recognise" in page
    assert "SEN status \u2018Q\u2019 is not one we recognise" in page
    assert 'name="token"' not in preview.content.decode()
    rejected_rows = [r.number for r in _plan(demo, bad).rejected]
    assert rejected_rows == [3, 4, 5, 6, 7, 8, 9]

    # Even a hand-made confirm imports nothing while any row is rejected.
    token = imports.file_token(demo["north_oak"], bad.encode())
    refused = senco.post(
        reverse("mis_import_confirm", args=[demo["north_oak"].pk]), {"token": token}
    )
    assert "Nothing was imported" in text(refused)
    assert (Child.objects.count(), SenStatus.objects.count(), Need.objects.count()) == before
    assert not AuditEvent.objects.filter(record_type="people.misimport").exists()


def _plan(demo, content: str) -> imports.Plan:
    parsed = imports.read_csv(imports.decode_upload(content.encode()))
    return imports.plan_import(parsed, demo["north_oak"], today=TODAY)


def test_a_duplicated_upn_rejects_both_rows(senco, demo):
    dup = "\n".join(
        [
            SIMS_HEADINGS,
            f"{upn(1)},Adams,Amir,04/05/2017,4,E,ASD,,,M",
            f"{upn(2)},Brown,Bella,04/05/2017,4,N,,,,F",
            f"{upn(1)},Adams,Amira,04/05/2017,4,E,ASD,,,F",
        ]
    )
    preview = upload(senco, demo, dup)
    assert counts(preview) == {"created": 1, "changed": 0, "unchanged": 0, "rejected": 2}
    page = text(preview)
    assert f"UPN {upn(1)} is also on row 4" in page
    assert f"UPN {upn(1)} is also on row 2" in page
    assert not Child.objects.filter(upn=upn(1)).exists()


def test_an_unknown_need_code_is_reported(senco, demo):
    content = "\n".join([SIMS_HEADINGS, f"{upn(1)},Adams,Amir,04/05/2017,4,K,XYZ,,,M"])
    page = text(upload(senco, demo, content))
    assert "Primary need \u2018XYZ\u2019 is not a DfE type of need code" in page


def test_missing_columns_are_named(senco, demo):
    response = upload(senco, demo, "UPN,Surname,Forename,Year\nA,B,C,4\n")
    page = text(response)
    assert "The file is missing these columns: Date of birth, SEN status" in page
    assert "Check the import" not in page


# Files that are not what they should be ---------------------------------------------------


def test_a_utf16_file_is_refused_with_a_clear_message(senco, demo):
    page = text(upload(senco, demo, SIMS_FILE.encode("utf-16")))
    assert "saved as UTF-16" in page
    assert Child.objects.filter(upn=upn(1)).count() == 0


def test_a_binary_file_is_refused_with_a_clear_message(senco, demo):
    page = text(upload(senco, demo, bytes(range(256)) * 4))
    assert "The selected file is not a CSV file" in page


def test_a_spreadsheet_file_is_refused_by_its_name(senco, demo):
    page = text(upload(senco, demo, b"PK\x03\x04", name="pupils.xlsx"))
    assert "The selected file must be a CSV" in page


def test_no_file_is_a_field_error(senco, demo):
    assert "Select a CSV file" in text(senco.post(import_url(demo), {}))


def test_a_windows_1252_file_with_accents_imports_correctly(senco, demo):
    content = "\n".join([SIMS_HEADINGS, f"{upn(11)},Brontë,Zoë,04/05/2017,4,N,,,,F"])
    preview = upload(senco, demo, content.encode("cp1252"))
    assert "Zoë Brontë" in text(preview)
    confirm(senco, demo, preview)
    child = Child.objects.get(upn=upn(11))
    assert (child.first_name, child.last_name) == ("Zoë", "Brontë")


def test_a_utf8_file_with_a_byte_order_mark_reads_its_first_heading(senco, demo):
    content = "\n".join([SIMS_HEADINGS, f"{upn(12)},Ng,Ng,04/05/2017,4,N,,,,F"])
    preview = upload(senco, demo, b"\xef\xbb\xbf" + content.encode("utf-8"))
    assert counts(preview)["created"] == 1


def test_confirm_without_the_uploaded_file_imports_nothing(senco, demo):
    url = reverse("mis_import_confirm", args=[demo["north_oak"].pk])
    response = senco.post(url, {"token": "0" * 64})
    assert response.status_code == 302 and response.url == import_url(demo)
    assert not AuditEvent.objects.filter(record_type="people.misimport").exists()


def test_the_preview_reads_existing_pupils_in_one_go(senco, demo, django_assert_max_num_queries):
    rows = [f"{upn(100 + n)},Pupil,P{n},04/05/2017,4,K,SPLD,,,M" for n in range(40)]
    content = "\n".join(
        [SIMS_HEADINGS, *rows, f"{demo['leo'].upn},Patel,Leo,22/01/2018,3,K,SPLD,,,M"]
    )
    parsed = imports.read_csv(content)
    with django_assert_max_num_queries(5):
        plan = imports.plan_import(parsed, demo["north_oak"], today=TODAY)
    assert (len(plan.created), len(plan.unchanged)) == (40, 1)


# Values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("R", "R"),
        ("Reception", "R"),
        ("Year 4", "4"),
        ("04", "4"),
        ("N1", "N1"),
        ("Y11", "11"),
        ("14", "14"),
        ("15", None),
        ("Nursery 2", "N2"),
        ("", None),
    ],
)
def test_year_groups(value, expected):
    assert imports.parse_year_group(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("E", "E"),
        ("ehc plan", "E"),
        ("SEN Support", "K"),
        ("No Special Educational Need", "N"),
        ("", "N"),
        ("k", "K"),
        ("S", "S"),
        ("Maybe", None),
    ],
)
def test_sen_statuses(value, expected):
    assert imports.parse_provision(value) == expected


# Parents and carers -----------------------------------------------------------------------

SIMS_CONTACT_HEADINGS = (
    "UPN,Legal Surname,Legal Forename,DOB,NC Year,SEN Status,Primary Need,"
    "Contact 1 Forename,Contact 1 Surname,Contact 1 Relationship,Contact 1 Email,"
    "Contact 1 Priority,Contact 2 Forename,Contact 2 Surname,Contact 2 Relationship,"
    "Contact 2 Email"
)
SIMS_CONTACT_FILE = "\n".join(
    [
        SIMS_CONTACT_HEADINGS,
        f"{upn(1)},Adams,Amir,04/05/2017,4,K,SPLD,Jane,Adams,Mother,Jane.Adams@Example.com,1,"
        "Tom,Adams,Step Father,tom@example.com",
        f"{upn(2)},Brown,Bella,2018-01-22,3,N,,Sam,Brown,Parent - Father,,1,,,,",
    ]
)


def links_of(upn_value: str) -> list[tuple[str, str, str, object]]:
    return sorted(
        ParentLink.objects.filter(child__upn=upn_value).values_list(
            "full_name", "relationship", "email", "user"
        )
    )


def contact_counts(response) -> dict[str, int]:
    html = response.content.decode()
    return {
        key: int(re.search(rf'id="count-contacts-{key}">(\d+)<', html)[1])
        for key in ("added", "changed", "unchanged", "left-out")
    }


def test_sims_contacts_are_previewed_then_recorded_without_emailing_anyone(senco, demo, mailoutbox):
    preview = upload(senco, demo, SIMS_CONTACT_FILE)
    assert counts(preview)["created"] == 2
    assert contact_counts(preview) == {"added": 3, "changed": 0, "unchanged": 0, "left-out": 0}
    page = text(preview)
    assert "New parents and carers" in page
    assert "2 Amir Adams Tom Adams Step-parent tom@example.com" in page
    assert "Import 5 changes" in page
    assert "Columns we ignored: Contact 1 Priority" in page
    assert not ParentLink.objects.filter(child__upn=upn(1)).exists()

    done = confirm(senco, demo, preview)
    assert done.status_code == 302
    assert links_of(upn(1)) == [
        ("Jane Adams", "mother", "jane.adams@example.com", None),
        ("Tom Adams", "step_parent", "tom@example.com", None),
    ]
    assert links_of(upn(2)) == [("Sam Brown", "father", "", None)]
    jane = ParentLink.objects.get(full_name="Jane Adams")
    assert (jane.parental_responsibility, jane.has_care) == (True, True)
    assert mailoutbox == []
    assert not Invitation.objects.exists()
    event = AuditEvent.objects.get(record_type="people.misimport")
    assert event.note == "rows=2 created=2 changed=0 contacts_added=3 contacts_changed=0"
    assert "Jane" not in event.note
    assert AuditEvent.objects.filter(record_id=str(jane.pk), kind="created").exists()
    register = senco.get(done.url)
    assert "3 parents or carers added, 0 updated. Nobody has been emailed" in text(register)


ARBOR_CONTACT_FILE = "\n".join(
    [
        "First Name,Last Name,Date of Birth,UPN,Year Group,SEN Provision,Need 1,"
        "Primary Guardian,Primary Guardian Email,Primary Guardian Relationship,"
        "Guardian 2 Name,Guardian2 E-mail Address,Guardian 2 Relationship,"
        "Guardian 2 Parental Responsibility,Guardian 2 Lives With Student",
        f"Dan,Evans,2020-02-02,{upn(4)},Reception,SEN Support,SLCN,"
        "Ann Evans,ann@example.com,Foster Mother,Gran Evans,gran@example.com,Grandmother,No,Yes",
    ]
)


def test_arbor_guardian_headings_are_understood(senco, demo):
    preview = upload(senco, demo, ARBOR_CONTACT_FILE)
    assert contact_counts(preview)["added"] == 2, text(preview)
    assert "Columns we ignored" not in text(preview)
    confirm(senco, demo, preview)
    assert links_of(upn(4)) == [
        ("Ann Evans", "foster_carer", "ann@example.com", None),
        ("Gran Evans", "kinship_carer", "gran@example.com", None),
    ]
    gran = ParentLink.objects.get(full_name="Gran Evans")
    assert (gran.parental_responsibility, gran.has_care) == (False, True)


def test_reimporting_a_file_with_contacts_changes_nothing(senco, demo):
    confirm(senco, demo, upload(senco, demo, SIMS_CONTACT_FILE))
    links = list(ParentLink.objects.values_list("pk", "version", "email", "relationship"))
    events = AuditEvent.objects.exclude(kind="viewed").count()

    again = upload(senco, demo, SIMS_CONTACT_FILE)
    assert counts(again) == {"created": 0, "changed": 0, "unchanged": 2, "rejected": 0}
    assert contact_counts(again) == {"added": 0, "changed": 0, "unchanged": 3, "left-out": 0}
    assert "0 changes" in text(again)
    assert 'name="token"' not in again.content.decode()
    assert list(ParentLink.objects.values_list("pk", "version", "email", "relationship")) == links
    assert AuditEvent.objects.exclude(kind="viewed").count() == events


def test_a_changed_email_updates_the_contact_and_nothing_else(senco, demo):
    confirm(senco, demo, upload(senco, demo, SIMS_CONTACT_FILE))
    jane = ParentLink.objects.get(full_name="Jane Adams")
    changed = SIMS_CONTACT_FILE.replace("Jane.Adams@Example.com", "jane@newmail.example")
    preview = upload(senco, demo, changed)
    assert counts(preview)["unchanged"] == 2
    assert contact_counts(preview) == {"added": 0, "changed": 1, "unchanged": 2, "left-out": 0}
    page = text(preview)
    assert "Email: jane.adams@example.com to jane@newmail.example" in page
    assert "Import 1 change" in page

    confirm(senco, demo, preview)
    jane.refresh_from_db()
    assert (jane.email, jane.version, jane.relationship) == ("jane@newmail.example", 2, "mother")
    assert ParentLink.objects.filter(child__upn=upn(1)).count() == 2
    event = AuditEvent.objects.get(record_id=str(jane.pk), kind="updated")
    assert event.new_values == {"email": "jane@newmail.example"}


def test_a_recorded_parent_is_matched_not_duplicated(senco, demo):
    """Ava's mother joined with her own account: the MIS row finds her by email even with a
    shorter name, leaves her name and account alone, and a generic "Parent" keeps "Mother"."""
    ava, mother = demo["ava"], demo["north_parent"]
    heading = "UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need,Secondary Need,"
    heading += "Primary Contact Name,Primary Contact Email,Primary Contact Relationship"
    row = f"{ava.upn},Martin,Ava,04/05/2017,4,E,ASD,SLCN,L Martin,{mother.email.upper()},Parent"
    preview = upload(senco, demo, f"{heading}\n{row}")
    assert counts(preview)["unchanged"] == 1
    assert contact_counts(preview) == {"added": 0, "changed": 0, "unchanged": 1, "left-out": 0}
    assert ava.parent_links.get().user == mother


def test_contacts_who_cannot_be_recorded_are_left_out_and_the_pupils_still_imported(senco, demo):
    heading = (
        "UPN,Surname,Forename,DOB,Year,SEN Status,Contact 1 Name,Contact 1 Email,"
        "Contact 1 Relationship,Contact 2 Name,Contact 2 Email,Contact 2 Relationship"
    )
    rows = [
        f"{upn(1)},Adams,Amir,04/05/2017,4,N,Jane Adams,jane@@example,Mother,"
        "Dr Who,gp@example.com,Doctor",
        f"{upn(2)},Brown,Bella,04/05/2017,4,N,Sam Brown,sam@example.com,Lodger,"
        "Gran Brown,,Grandmother",
        f"{upn(3)},Clarke,Cai,04/05/2017,4,N,,,Mother,Kim Clarke,,",
        f"{upn(5)},Ford,Eve,04/05/2017,4,N,Al Ford,al@example.com,Father,"
        "Al Ford,al@example.com,Father",
    ]
    preview = upload(senco, demo, "\n".join([heading, *rows]))
    assert counts(preview) == {"created": 4, "changed": 0, "unchanged": 0, "rejected": 0}
    assert contact_counts(preview) == {"added": 1, "changed": 0, "unchanged": 0, "left-out": 7}
    page = text(preview)
    assert "Email \u2018jane@@example\u2019 is not a valid email address" in page
    assert "Relationship \u2018Doctor\u2019 is not a parent or carer" in page
    assert "Relationship \u2018Lodger\u2019 is not one we recognise as a parent or carer" in page
    assert "Relationship \u2018Grandmother\u2019 is recorded as a carer only when" in page
    assert "Contact 1 No name given" in page
    assert "Contact 2: Kim Clarke No relationship given" in page
    assert "Contact 2: Al Ford The same person as contact 1" in page
    assert "Import 5 changes" in page

    confirm(senco, demo, preview)
    assert Child.objects.filter(upn__in=[upn(1), upn(2), upn(3), upn(5)]).count() == 4
    assert list(ParentLink.objects.filter(user__isnull=True).values_list("full_name")) == [
        ("Al Ford",)
    ]


def test_a_file_without_contact_columns_is_previewed_as_before(senco, demo):
    preview = upload(senco, demo, SIMS_FILE)
    html = preview.content.decode()
    assert "count-contacts" not in html
    assert "parents and carers" not in text(preview).lower()
    assert imports.read_csv(SIMS_FILE).has_contacts is False
    confirm(senco, demo, preview)
    assert AuditEvent.objects.get(record_type="people.misimport").note == (
        "rows=3 created=3 changed=0"
    )
    assert not ParentLink.objects.filter(user__isnull=True).exists()


def test_the_preview_with_contacts_reads_existing_families_in_one_go(
    demo, django_assert_max_num_queries
):
    rows = [
        f"{upn(100 + n)},Pupil,P{n},04/05/2017,4,K,SPLD,Pat,P{n},Mother,p{n}@example.com,1,,,,"
        for n in range(30)
    ]
    leo = demo["leo"]
    content = "\n".join(
        [SIMS_CONTACT_HEADINGS, *rows, f"{leo.upn},Patel,Leo,22/01/2018,3,K,SPLD,Raj,Patel,Father"]
    )
    parsed = imports.read_csv(content)
    with django_assert_max_num_queries(6):
        plan = imports.plan_import(parsed, demo["north_oak"], today=TODAY)
    assert (len(plan.created), len(plan.unchanged), len(plan.contacts_added)) == (30, 1, 31)


# Inviting a recorded parent ----------------------------------------------------------------


def test_the_senco_invites_an_imported_parent_with_one_click(
    senco, demo, mailoutbox, django_capture_on_commit_callbacks
):
    confirm(senco, demo, upload(senco, demo, SIMS_CONTACT_FILE))
    jane = ParentLink.objects.get(full_name="Jane Adams")
    amir = jane.child
    page = senco.get(reverse("child_detail", args=[amir.pk])).content.decode()
    assert reverse("parent_invite", args=[jane.pk]) in page
    sam = ParentLink.objects.get(full_name="Sam Brown")  # no email: nothing to invite with
    sam_page = senco.get(reverse("child_detail", args=[sam.child_id])).content.decode()
    assert reverse("parent_invite", args=[sam.pk]) not in sam_page

    with django_capture_on_commit_callbacks(execute=True):
        done = senco.post(reverse("parent_invite", args=[jane.pk]))
    assert done.status_code == 302 and done.url == reverse("child_detail", args=[amir.pk])
    invitation = Invitation.objects.get(parent_link=jane)
    assert (invitation.email, invitation.full_name, invitation.family_role) == (
        "jane.adams@example.com",
        "Jane Adams",
        "parent",
    )
    assert [message.to for message in mailoutbox] == [["jane.adams@example.com"]]
    assert "Amir" not in mailoutbox[0].subject
    assert "jane" not in done.url.lower()

    after = senco.get(reverse("child_detail", args=[amir.pk])).content.decode()
    assert reverse("parent_invite", args=[jane.pk]) not in after  # no button to invite again
    assert "Invited: the invitation works until" in after

    again = senco.post(reverse("parent_invite", args=[jane.pk]), follow=True)
    assert "Jane Adams was invited on 10 March 2026" in text(again)
    assert Invitation.objects.filter(parent_link=jane).count() == 1
    assert len(mailoutbox) == 1


def test_a_teacher_cannot_invite_a_parent(signed_in, demo):
    link = demo["ava"].parent_links.get()
    teacher = signed_in("oak_teacher")
    assert teacher.post(reverse("parent_invite", args=[link.pk])).status_code == 403
    assert not Invitation.objects.exists()


def test_a_parent_with_an_account_is_not_invited_again(senco, demo):
    link = demo["ava"].parent_links.get()
    response = senco.post(reverse("parent_invite", args=[link.pk]), follow=True)
    assert "already has an account" in text(response)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Contact 1 Forename", "contact1_forename"),
        ("Contact1Email", "contact1_email"),
        ("Primary Contact E-mail Address", "contact1_email"),
        ("Guardian 1 Name", "contact1_name"),
        ("Primary Guardian", "contact1_name"),
        ("guardian_2_relationship", "contact2_relationship"),
        ("Secondary Contact Surname", "contact2_surname"),
        ("Contact 2 Parental Responsibility", "contact2_responsibility"),
    ],
)
def test_contact_headings(heading, field):
    assert imports.HEADING_TO_FIELD[imports._heading_key(heading)] == field
