"""Importing pupils and SEN data from a school's MIS export (issue 5, item 2)."""

import re
from datetime import date, timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opensend.core.models import AuditEvent
from opensend.law.upn import upn_check_letter
from opensend.people import imports
from opensend.people.models import Child, Enrolment, Need, SenStatus

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
