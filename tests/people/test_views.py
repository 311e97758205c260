"""The register, a child's record and the changes to them, as each role sees them."""

import csv
import io
from datetime import date, timedelta
from itertools import count

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.core.spreadsheets import csv_safe
from opensend.organisations.models import Invitation
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus
from tests.queries import assert_constant_queries

_serial = count(1)


@pytest.fixture
def switch_to(client, signed_in):
    """Sign out whoever is signed in, then sign in as another persona."""

    def _switch(persona: str):
        client.logout()
        return signed_in(persona)

    return _switch


def make_child(school, provision="K", needs=(("SPLD", 1),), *, first_name=None, **fields):
    """A pupil on roll at `school` with an open status and needs (test data, not a service)."""
    number = next(_serial)
    child = Child.objects.create(
        first_name=first_name or f"Pupil{number:03d}",
        last_name=fields.pop("last_name", f"Surname{number:03d}"),
        date_of_birth=fields.pop("date_of_birth", date(2016, 1, 1) + timedelta(days=number)),
        home_local_authority=school.local_authority,
        **fields,
    )
    Enrolment.objects.create(child=child, school=school, year_group="4", start=date(2025, 9, 1))
    SenStatus.objects.create(child=child, provision=provision, start=date(2025, 9, 1))
    Need.objects.bulk_create(
        Need(child=child, code=code, rank=rank, start=date(2025, 9, 1)) for code, rank in needs
    )
    return child


def page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def date_fields(name: str, day, month, year) -> dict:
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def today_fields(name: str) -> dict:
    today = timezone.localdate()
    return date_fields(name, today.day, today.month, today.year)


def register_url(demo, **query) -> str:
    url = reverse("register", args=[demo["north_oak"].pk])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


# Home pages -------------------------------------------------------------------------------


def test_senco_home_counts_the_register_by_provision_and_links_to_it(signed_in, demo):
    html = page(signed_in("oak_senco").get("/home/"))
    assert reverse("register", args=[demo["north_oak"].pk]) in html
    # Oakfield: Ava (E) and Leo (K).
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in html


def test_teacher_home_shows_the_same_register_summary(signed_in, demo):
    html = page(signed_in("oak_teacher").get("/home/"))
    assert "Oakfield Primary School" in html
    assert reverse("register", args=[demo["north_oak"].pk]) in html


def test_caseworker_home_lists_the_las_children_with_a_statutory_case(signed_in, demo):
    html = page(signed_in("north_caseworker").get("/home/"))
    assert "2 children" in html
    assert reverse("child_detail", args=[demo["ava"].pk]) in html
    assert reverse("child_detail", args=[demo["jordan"].pk]) in html
    assert "Patel" not in html  # Leo: SEN support, no statutory case
    assert "Khan" not in html  # Zara: Southmoor's


def test_caseworker_home_lists_25_children_and_the_total(signed_in, demo):
    for _ in range(30):
        make_child(demo["north_hill"], "E", (("MLD", 1),))
    html = page(signed_in("north_manager").get("/home/"))
    assert "32 children" in html
    assert "The first 25 are shown" in html
    assert html.count('href="/children/') == 25


def test_parent_home_lists_their_children_with_school_and_status(signed_in, demo):
    html = page(signed_in("north_parent").get("/home/"))
    assert reverse("child_detail", args=[demo["ava"].pk]) in html
    assert "Ava Martin" in html
    assert "Oakfield Primary School" in html
    assert "EHC plan" in html
    assert "Zara" not in html and "Leo" not in html


def test_young_person_home_links_to_their_own_record(signed_in, demo):
    html = page(signed_in("north_young_person").get("/home/"))
    assert reverse("child_detail", args=[demo["jordan"].pk]) in html
    assert "See your record" in html


def test_governor_home_shows_counts_never_names_and_hides_small_numbers(signed_in, demo):
    for _ in range(5):
        make_child(demo["north_oak"], "K", (("SEMH", 1),))
    html = page(signed_in("oak_governor").get("/home/"))
    assert "fewer than 5" in html  # Ava alone has an EHC plan
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">6</td>' in html  # K: 1 + 5
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">5</td>' in html  # SEMH
    for name in ("Ava", "Martin", "Leo", "Patel", "Pupil0", "Surname0"):
        assert name not in html
    assert "/children/" not in html


@pytest.mark.parametrize(
    ("persona", "grow"),
    [
        ("oak_senco", lambda demo: make_child(demo["north_oak"])),
        ("north_caseworker", lambda demo: make_child(demo["north_hill"], "E", (("MLD", 1),))),
        ("oak_governor", lambda demo: make_child(demo["north_oak"], "K", (("HI", 1),))),
        (
            "north_parent",
            lambda demo: ParentLink.objects.create(
                child=make_child(demo["north_hill"]),
                user=demo["north_parent"],
                full_name="Lucy Martin",
                relationship="mother",
            ),
        ),
    ],
)
def test_home_pages_run_a_constant_number_of_queries(signed_in, demo, persona, grow):
    client = signed_in(persona)
    assert_constant_queries(lambda: page(client.get("/home/")), lambda: grow(demo))


# The register -----------------------------------------------------------------------------


def test_register_lists_the_schools_pupils_with_provision_and_needs(signed_in, demo):
    html = page(signed_in("oak_senco").get(register_url(demo)))
    assert "Martin, Ava" in html and "Patel, Leo" in html
    assert "Hughes" not in html  # Mia is at Hillside
    assert reverse("child_detail", args=[demo["ava"].pk]) in html
    assert "Autistic spectrum disorder" in html  # Ava's primary need
    assert "Speech, language and communication needs" in html  # and her other need
    assert "Year 4" in html
    assert "Add a child" in html


def test_teacher_reads_the_register_without_the_add_button(signed_in, demo):
    html = page(signed_in("oak_teacher").get(register_url(demo)))
    assert "Martin, Ava" in html
    assert "Add a child" not in html


def test_the_menu_takes_school_staff_to_their_register(signed_in, demo):
    client = signed_in("oak_ta")
    assert 'href="/register/"' in page(client.get("/home/"))
    response = client.get(reverse("register_index"))
    assert response["Location"] == register_url(demo)


def test_register_filters_by_provision_and_need(signed_in, demo):
    client = signed_in("oak_senco")
    make_child(demo["north_oak"], "N", (), first_name="Nora")
    ehc = page(client.get(register_url(demo, provision="E")))
    assert "Martin, Ava" in ehc and "Patel, Leo" not in ehc
    spld = page(client.get(register_url(demo, need="SPLD")))
    assert "Patel, Leo" in spld and "Martin, Ava" not in spld
    everyone_on_register = page(client.get(register_url(demo)))
    assert "Nora" not in everyone_on_register
    not_on_register = page(client.get(register_url(demo, provision="N")))
    assert "Nora" in not_on_register and "Martin, Ava" not in not_on_register


def test_an_unknown_filter_value_is_a_field_error_not_a_crash(signed_in, demo):
    html = page(signed_in("oak_senco").get(register_url(demo, provision="Z", need="XYZ")))
    assert "There is a problem" in html
    assert '<a href="#id_provision">Choose a provision from the list</a>' in html
    assert '<a href="#id_need">Choose a type of need from the list</a>' in html


@pytest.mark.parametrize(
    ("sort", "first", "second", "aria"),
    [
        (
            "name",
            "Martin, Ava",
            "Patel, Leo",
            'aria-sort="ascending"><a class="govuk-link" href="?sort=-name">Name',
        ),
        (
            "-name",
            "Patel, Leo",
            "Martin, Ava",
            'aria-sort="descending"><a class="govuk-link" href="?sort=name">Name',
        ),
        (
            "dob",
            "Martin, Ava",
            "Patel, Leo",
            'aria-sort="ascending"><a class="govuk-link" href="?sort=-dob">Date of birth',
        ),
        (
            "-dob",
            "Patel, Leo",
            "Martin, Ava",
            'aria-sort="descending"><a class="govuk-link" href="?sort=dob">Date of birth',
        ),
    ],
)
def test_register_sorts_by_name_or_date_of_birth(signed_in, demo, sort, first, second, aria):
    html = page(signed_in("oak_senco").get(register_url(demo, sort=sort)))
    assert html.index(first) < html.index(second)
    assert aria in html


def test_register_pages_fifty_pupils_at_a_time(signed_in, demo):
    for _ in range(55):  # with Ava and Leo: 57 pupils, two pages
        make_child(demo["north_oak"])
    client = signed_in("oak_senco")
    first = page(client.get(register_url(demo)))
    assert first.count('href="/children/') == 50
    assert "Showing 1 to 50 of 57 pupils" in first
    assert 'class="govuk-pagination"' in first
    assert 'aria-current="page">1</a>' in first
    assert 'href="?page=2" rel="next"' in first
    second = page(client.get(register_url(demo, page=2)))
    assert second.count('href="/children/') == 7
    assert 'href="?page=1" rel="prev"' in second
    # A page number past the end, or not a number, shows a real page rather than an error.
    assert page(client.get(register_url(demo, page=99))).count('href="/children/') == 7
    assert page(client.get(register_url(demo, page="x"))).count('href="/children/') == 50


def test_register_runs_a_constant_number_of_queries(signed_in, demo):
    client = signed_in("oak_senco")

    def grow():
        for _ in range(3):
            make_child(demo["north_oak"], "K", (("SPLD", 1), ("HI", 2)))
            make_child(demo["north_oak"], "E", (("ASD", 1),))

    assert_constant_queries(lambda: page(client.get(register_url(demo))), grow)
    assert_constant_queries(lambda: client.get(register_url(demo, format="csv", need="SPLD")), grow)


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_register_downloads_as_csv_with_the_same_filters_and_no_name_in_the_filename(
    signed_in, demo
):
    response = signed_in("oak_senco").get(register_url(demo, format="csv", provision="E"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="sen-register-990101-')
    for name in ("Ava", "Martin", "Leo", "Patel"):
        assert name not in disposition
    rows = _csv_rows(response)
    assert rows[0][:3] == ["UPN", "First name", "Last name"]
    assert rows[1:] == [
        [
            "C990010125001",
            "Ava",
            "Martin",
            "2017-05-04",
            "Year 4",
            "E",
            "Autistic spectrum disorder",
            "Speech, language and communication needs",
        ]
    ]


def test_csv_download_is_audited_with_the_school_and_row_count(signed_in, demo):
    client = signed_in("oak_head")
    client.get(register_url(demo, format="csv"))
    event = AuditEvent.objects.get(kind=AuditEventKind.EXPORTED)
    assert event.actor == demo["oak_head"]
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values["rows"] == 2
    assert "Ava" not in str(event.new_values) + event.note


def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_defused(signed_in, demo):
    make_child(demo["north_oak"], first_name='=HYPERLINK("http://evil.example","Click")')
    make_child(demo["north_oak"], first_name="+SUM(A1)", last_name="-2+3")
    make_child(demo["north_oak"], first_name="@cmd", last_name="Smith")
    rows = _csv_rows(signed_in("oak_senco").get(register_url(demo, format="csv")))
    cells = {cell for row in rows for cell in row}
    assert '\'=HYPERLINK("http://evil.example","Click")' in cells
    assert {"'+SUM(A1)", "'-2+3", "'@cmd"} <= cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


@pytest.mark.parametrize(
    ("value", "safe"),
    [("=1+1", "'=1+1"), ("-1", "'-1"), ("\tx", "'\tx"), ("Ava", "Ava"), ("", ""), (None, "")],
)
def test_csv_safe_prefixes_formula_starts_only(value, safe):
    assert csv_safe(value) == safe


# A child's record ---------------------------------------------------------------------------


def test_senco_sees_the_whole_record_with_history_and_the_change_actions(signed_in, demo):
    ava = demo["ava"]
    html = page(signed_in("oak_senco").get(reverse("child_detail", args=[ava.pk])))
    for text in (
        "Ava Martin",
        "C990010125001",
        "4 May 2017",
        "Oakfield Primary School, Year 4",
        "Northshire County Council",
        "Now: <strong>EHC plan (E)</strong>, since 6 October 2025",
        "5 Oct 2025",  # the N period before the plan, in the history
        "Autistic spectrum disorder (ASD), since 6 October 2025",
        "Lucy Martin",
        "Mother",
        "Change SEN status",
        "Change needs",
        "Add a parent or carer",
        "Restrict access",
    ):
        assert text in html, text


def test_teacher_reads_the_record_without_change_actions(signed_in, demo):
    html = page(signed_in("oak_teacher").get(reverse("child_detail", args=[demo["ava"].pk])))
    assert "Ava Martin" in html and "Lucy Martin" in html
    for action in ("Change SEN status", "Change needs", "Add a parent or carer", "Restrict"):
        assert action not in html


def test_la_caseworker_reads_a_statutory_case_without_change_actions(signed_in, demo):
    html = page(signed_in("north_caseworker").get(reverse("child_detail", args=[demo["ava"].pk])))
    assert "Ava Martin" in html
    assert "Change SEN status" not in html


def test_a_parent_sees_only_themselves_among_the_parents(signed_in, demo):
    ava = demo["ava"]
    ParentLink.objects.create(
        child=ava,
        full_name="Mark Martin",
        relationship="father",
        access_restricted=True,
        restriction_note="Court order",
    )
    parent_view = page(signed_in("north_parent").get(reverse("child_detail", args=[ava.pk])))
    assert "Lucy Martin" in parent_view
    assert "Mark Martin" not in parent_view and "Court order" not in parent_view
    assert "Change SEN status" not in parent_view


def test_staff_see_that_a_parents_access_is_restricted(signed_in, demo):
    ava = demo["ava"]
    ParentLink.objects.create(
        child=ava,
        full_name="Mark Martin",
        relationship="father",
        access_restricted=True,
        restriction_note="Court order",
    )
    html = page(signed_in("oak_senco").get(reverse("child_detail", args=[ava.pk])))
    assert "Mark Martin" in html and "Restricted" in html and "Court order" in html
    assert "Restore access" in html


def test_viewing_a_record_writes_a_viewed_event_with_the_child_as_subject(signed_in, demo):
    client = signed_in("oak_ta")
    client.get(reverse("child_detail", args=[demo["leo"].pk]))
    event = AuditEvent.objects.get(kind=AuditEventKind.VIEWED, actor=demo["oak_ta"])
    assert event.subject_id == demo["leo"].pk
    assert event.record_id == str(demo["leo"].pk)


def test_a_parent_changing_the_uuid_gets_nothing(signed_in, demo):
    client = signed_in("north_parent")
    response = client.get(reverse("child_detail", args=[demo["zara"].pk]))
    assert response.status_code == 404
    assert "Zara" not in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


def test_change_pages_are_403_for_the_schools_teachers_and_404_for_others(switch_to, demo):
    url = reverse("child_sen_status", args=[demo["ava"].pk])
    assert switch_to("oak_teacher").get(url).status_code == 403
    assert switch_to("north_caseworker").get(url).status_code == 404
    assert switch_to("north_parent").get(url).status_code == 404
    assert switch_to("hill_senco").get(url).status_code == 404


# Change SEN status ------------------------------------------------------------------------


def test_senco_moves_a_pupil_from_sen_support_to_an_ehc_plan_keeping_history(signed_in, demo):
    leo = demo["leo"]
    today = timezone.localdate()
    response = signed_in("oak_senco").post(
        reverse("child_sen_status", args=[leo.pk]),
        {"provision": "E", "reason": "EHC plan issued", **today_fields("start")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("child_detail", args=[leo.pk])
    statuses = list(leo.sen_statuses.order_by("start"))
    assert [(s.provision, s.end) for s in statuses][-2:] == [
        ("K", today - timedelta(days=1)),
        ("E", None),
    ]
    assert statuses[-1].school == demo["north_oak"]
    assert statuses[-1].reason == "EHC plan issued"


def test_today_is_the_date_in_london_not_utc(client, demo):
    # 23:30 UTC on 30 June is already 1 July in London (BST): a change from 1 July is not
    # "in the future".
    from tests.signin import sign_in

    with time_machine.travel("2026-06-30T23:30:00+00:00", tick=True):
        sign_in(client, demo["oak_senco"])
        response = client.post(
            reverse("child_sen_status", args=[demo["leo"].pk]),
            {"provision": "E", **date_fields("start", 1, 7, 2026)},
        )
    assert response.status_code == 302
    assert demo["leo"].sen_statuses.get(end__isnull=True).start == date(2026, 7, 1)


def _assert_refused(response, message: str, anchor: str) -> str:
    html = page(response)
    assert "There is a problem" in html
    assert f'<a href="#{anchor}">{message}</a>' in html, html[html.find("error-summary") :][:800]
    assert "govuk-error-message" in html
    return html


@pytest.mark.parametrize(
    ("data", "message", "anchor"),
    [
        (
            {"provision": "E", **date_fields("start", 31, 2, 2026)},
            "The date the change applies from must be a real date",
            "id_start_0",
        ),
        (
            {"provision": "E", **date_fields("start", 1, 2, 26)},
            "The year must include 4 numbers",
            "id_start_0",
        ),
        (
            {"provision": "E", **date_fields("start", "", 2, 2026)},
            "Enter the date the change applies from",
            "id_start_0",
        ),
        (
            {"provision": "E", **date_fields("start", "a", 2, 2026)},
            "The date the change applies from must be a real date, in numbers",
            "id_start_0",
        ),
        (
            {**date_fields("start", 1, 2, 2026)},
            "Choose EHC plan, SEN support or no special educational need",
            "id_provision_1",
        ),
        (
            {"provision": "K", **date_fields("start", 1, 2, 2026)},
            "They are already recorded as SEN support",
            "id_provision_1",
        ),
        (
            {"provision": "E", **date_fields("start", 1, 9, 2025)},
            "The date must be after 6 October 2025, when the current status began",
            "id_start_0",
        ),
    ],
    ids=["impossible", "short-year", "no-day", "letters", "no-provision", "same", "too-early"],
)
def test_a_bad_status_change_shows_field_errors_and_saves_nothing(
    signed_in, demo, data, message, anchor
):
    leo = demo["leo"]
    before = list(leo.sen_statuses.values_list("pk", "provision", "end"))
    response = signed_in("oak_senco").post(reverse("child_sen_status", args=[leo.pk]), data)
    _assert_refused(response, message, anchor)
    assert list(leo.sen_statuses.values_list("pk", "provision", "end")) == before


def test_a_status_change_from_a_future_date_is_refused(signed_in, demo):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = signed_in("oak_senco").post(
        reverse("child_sen_status", args=[demo["leo"].pk]),
        {"provision": "E", **date_fields("start", tomorrow.day, tomorrow.month, tomorrow.year)},
    )
    _assert_refused(response, "The date cannot be in the future", "id_start_0")
    assert demo["leo"].sen_statuses.get(end__isnull=True).provision == "K"


def test_a_teacher_cannot_post_a_status_change(signed_in, demo):
    response = signed_in("oak_teacher").post(
        reverse("child_sen_status", args=[demo["leo"].pk]),
        {"provision": "E", **today_fields("start")},
    )
    assert response.status_code == 403
    assert demo["leo"].sen_statuses.get(end__isnull=True).provision == "K"


# Change needs -------------------------------------------------------------------------------


def test_the_needs_form_starts_from_the_current_needs(signed_in, demo):
    html = page(signed_in("oak_senco").get(reverse("child_needs", args=[demo["ava"].pk])))
    assert '<option value="ASD" selected>' in html
    assert '<option value="SLCN" selected>' in html


def test_senco_changes_needs_keeping_history(signed_in, demo):
    leo = demo["leo"]
    response = signed_in("oak_head").post(
        reverse("child_needs", args=[leo.pk]),
        {"primary_need": "SLCN", "other_need_1": "SPLD", **today_fields("start")},
    )
    assert response.status_code == 302
    assert sorted(leo.needs.filter(end__isnull=True).values_list("code", "rank")) == [
        ("SLCN", 1),
        ("SPLD", 2),
    ]
    assert leo.needs.filter(code="SPLD", rank=1, end__isnull=False).exists()


@pytest.mark.parametrize(
    ("child", "data", "message", "anchor"),
    [
        (
            "ava",
            {"primary_need": "NSA"},
            "NSA is only for pupils on SEN support (K)",
            "id_primary_need",
        ),
        (
            "leo",
            {"primary_need": ["ASD", "HI"]},
            "Choose one primary need",
            "id_primary_need",
        ),
        (
            "leo",
            {"primary_need": "ASD", "other_need_2": "ASD"},
            "You have already chosen Autistic spectrum disorder: choose each once",
            "id_other_need_2",
        ),
        ("leo", {"primary_need": ""}, "Choose the primary need", "id_primary_need"),
        (
            "leo",
            {"primary_need": "BESD"},
            "Choose a type of need from the list",
            "id_primary_need",
        ),
    ],
    ids=["nsa-with-plan", "two-primaries", "twice", "none", "retired-code"],
)
def test_bad_needs_show_field_errors_and_save_nothing(
    signed_in, demo, child, data, message, anchor
):
    pupil = demo[child]
    before = list(pupil.needs.values_list("pk", "code", "rank", "end"))
    response = signed_in("oak_senco").post(
        reverse("child_needs", args=[pupil.pk]), {**data, **today_fields("start")}
    )
    _assert_refused(response, message, anchor)
    assert list(pupil.needs.values_list("pk", "code", "rank", "end")) == before


def test_needs_for_a_pupil_with_no_sen_are_refused(signed_in, demo):
    nora = make_child(demo["north_oak"], "N", ())
    response = signed_in("oak_senco").post(
        reverse("child_needs", args=[nora.pk]), {"primary_need": "MLD", **today_fields("start")}
    )
    _assert_refused(
        response, "Types of need are recorded only for pupils coded E or K", "id_primary_need"
    )
    assert not nora.needs.exists()


# Add a child --------------------------------------------------------------------------------


def _child_data(**overrides) -> dict:
    data = {
        "first_name": "Sam",
        "last_name": "Okoro",
        "upn": "",
        "nhs_number": "",
        "year_group": "2",
        **date_fields("date_of_birth", 12, 3, 2019),
        **date_fields("start", 1, 9, 2025),
    }
    data.update(overrides)
    return data


def test_senco_adds_a_child_to_the_roll_with_no_sen(signed_in, demo):
    response = signed_in("oak_senco").post(
        reverse("child_add", args=[demo["north_oak"].pk]),
        _child_data(upn="h 801200001001", nhs_number="943 476 5919"),
    )
    child = Child.objects.get(last_name="Okoro")
    assert response.status_code == 302
    assert response["Location"] == reverse("child_detail", args=[child.pk])
    assert child.upn == "H801200001001"
    assert child.nhs_number == "9434765919"
    assert child.home_local_authority == demo["north_la"]
    assert child.enrolments.get().school == demo["north_oak"]
    assert child.sen_statuses.get().provision == "N"
    assert AuditEvent.objects.filter(kind=AuditEventKind.CREATED, subject_id=child.pk).exists()


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        (
            {"upn": "A801200001001"},
            "The check letter does not match the rest of the UPN: check it for typing errors",
            "id_upn",
        ),
        ({"upn": "C99001"}, "A UPN has 13 characters; this has 6", "id_upn"),
        (
            {"upn": "C990010125001"},
            "A child with this UPN is already in OpenSEND: search for them instead",
            "id_upn",
        ),
        (
            {"nhs_number": "9434765918"},
            "This is not a valid NHS number: check it for typing errors",
            "id_nhs_number",
        ),
        (
            date_fields("date_of_birth", 31, 2, 2019),
            "The date of birth must be a real date",
            "id_date_of_birth_0",
        ),
        (
            {**date_fields("date_of_birth", 1, 1, 2099), **date_fields("start", 2, 1, 2099)},
            "Date of birth must be in the past",
            "id_date_of_birth_0",
        ),
        (
            date_fields("start", 1, 1, 2019),
            "The date they joined must be after their date of birth",
            "id_start_0",
        ),
        ({"first_name": ""}, "Enter their first name", "id_first_name"),
        ({"year_group": ""}, "Choose their year group", "id_year_group"),
    ],
    ids=[
        "upn-check-letter",
        "upn-length",
        "duplicate-upn",
        "nhs-number",
        "impossible-date",
        "future-birth",
        "joined-before-born",
        "no-name",
        "no-year",
    ],
)
def test_bad_child_details_show_field_errors_and_save_nothing(
    signed_in, demo, overrides, message, anchor
):
    before = Child.objects.count()
    response = signed_in("oak_senco").post(
        reverse("child_add", args=[demo["north_oak"].pk]), _child_data(**overrides)
    )
    _assert_refused(response, message, anchor)
    assert Child.objects.count() == before


def test_a_teacher_cannot_add_a_child(signed_in, demo):
    response = signed_in("oak_teacher").post(
        reverse("child_add", args=[demo["north_oak"].pk]), _child_data()
    )
    assert response.status_code == 403
    assert not Child.objects.filter(last_name="Okoro").exists()


# Parents and carers -------------------------------------------------------------------------


def _parent_data(**overrides) -> dict:
    data = {
        "full_name": "Mark Martin",
        "email": "Mark.Martin@Example.org",
        "relationship": "father",
        "parental_responsibility": "yes",
        "has_care": "no",
        "invite": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_senco_adds_a_parent_and_invites_them_to_the_record(
    signed_in, demo, django_capture_on_commit_callbacks
):
    ava = demo["ava"]
    client = signed_in("oak_senco")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("parent_link_add", args=[ava.pk]), _parent_data())
    assert response.status_code == 302
    link = ava.parent_links.get(full_name="Mark Martin")
    assert (link.relationship, link.parental_responsibility, link.has_care) == (
        "father",
        True,
        False,
    )
    invitation = Invitation.objects.get(parent_link=link)
    assert invitation.family_role == "parent"
    assert invitation.organisation == demo["north_oak"]
    assert invitation.email == "mark.martin@example.org"
    assert len(mail.outbox) == 1
    assert "Ava" not in mail.outbox[0].subject


def test_adding_a_parent_without_an_invitation_sends_nothing(signed_in, demo):
    response = signed_in("oak_head").post(
        reverse("parent_link_add", args=[demo["ava"].pk]), _parent_data(invite=None, email="")
    )
    assert response.status_code == 302
    assert demo["ava"].parent_links.filter(full_name="Mark Martin").exists()
    assert not Invitation.objects.filter(family_role="parent").exists()


@pytest.mark.parametrize(
    ("overrides", "message", "anchor"),
    [
        (
            {"email": ""},
            "Enter their email address to send them an invitation",
            "id_email",
        ),
        (
            {"has_care": "no", "parental_responsibility": "no"},
            "A parent or carer has parental responsibility or care of the child: "
            "answer yes to at least one",
            "id_has_care_1",
        ),
        ({"relationship": None}, "Choose their relationship to the child", "id_relationship_1"),
        (
            {"email": "not-an-email"},
            "Enter an email address in the correct format, like name@example.com",
            "id_email",
        ),
    ],
    ids=["invite-without-email", "neither-pr-nor-care", "no-relationship", "bad-email"],
)
def test_bad_parent_details_show_field_errors_and_save_nothing(
    signed_in, demo, overrides, message, anchor
):
    response = signed_in("oak_senco").post(
        reverse("parent_link_add", args=[demo["ava"].pk]), _parent_data(**overrides)
    )
    _assert_refused(response, message, anchor)
    assert demo["ava"].parent_links.count() == 1
    assert not Invitation.objects.filter(family_role="parent").exists()


def test_restricting_a_parent_needs_a_reason(signed_in, demo):
    link = demo["ava"].parent_links.get()
    response = signed_in("oak_senco").post(reverse("parent_access", args=[link.pk]), {})
    _assert_refused(response, "Say why access is restricted, for example a court order", "id_note")
    link.refresh_from_db()
    assert not link.access_restricted


def test_a_restricted_parent_no_longer_sees_the_record_until_access_is_restored(switch_to, demo):
    ava = demo["ava"]
    link = ava.parent_links.get()
    senco = switch_to("oak_senco")
    response = senco.post(reverse("parent_access", args=[link.pk]), {"note": "Court order"})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.access_restricted and link.restriction_note == "Court order"

    parent = switch_to("north_parent")
    assert parent.get(reverse("child_detail", args=[ava.pk])).status_code == 404
    assert "Ava" not in page(parent.get("/home/"))

    senco = switch_to("oak_senco")
    restore_page = page(senco.get(reverse("parent_access", args=[link.pk])))
    assert "Restore Lucy Martin" in restore_page and "Court order" in restore_page
    assert senco.post(reverse("parent_access", args=[link.pk])).status_code == 302
    link.refresh_from_db()
    assert not link.access_restricted
    assert switch_to("north_parent").get(reverse("child_detail", args=[ava.pk])).status_code == 200


def test_a_status_change_based_on_an_old_view_is_refused_and_shows_the_record_now(signed_in, demo):
    from opensend.people.selectors import register_fingerprint
    from opensend.people.services import sen_status_change

    leo = demo["leo"]
    client = signed_in("oak_senco")
    url = reverse("child_sen_status", args=[leo.pk])
    stale = register_fingerprint(leo)
    assert f'value="{stale}"' in client.get(url).content.decode()
    # The head moves Leo to an EHC plan while the SENCO has the form open.
    today = timezone.localdate()
    sen_status_change(
        actor=demo["oak_head"],
        child=leo,
        school=demo["north_oak"],
        provision="E",
        start=today - timedelta(days=1),
        today=today,
    )
    response = client.post(url, {"provision": "N", "based_on": stale, **today_fields("start")})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this pupil&#x27;s SEN record" in body
    assert "It is now: EHC plan" in body
    assert leo.sen_statuses.get(end__isnull=True).provision == "E"
    # The form now carries the current fingerprint: saving again is a deliberate choice.
    assert f'value="{register_fingerprint(leo)}"' in body


def test_register_downloads_as_xlsx_with_the_csvs_rows_and_is_audited(signed_in, demo):
    # Issue 12 item 6: the same filtered rows as the CSV, dates as dates, a neutral name.
    from datetime import datetime

    from tests.reports.export_checks import filename, xlsx_rows

    client = signed_in("oak_senco")
    assert "format=xlsx" in client.get(register_url(demo)).content.decode()
    as_csv = _csv_rows(client.get(register_url(demo, format="csv", provision="E")))
    response = client.get(register_url(demo, format="xlsx", provision="E"))
    name = filename(response)
    assert name.startswith("sen-register-990101-") and name.endswith(".xlsx")
    assert "Ava" not in name and "Martin" not in name
    sheet = xlsx_rows(response)
    assert sheet[0] == as_csv[0]
    assert sheet[1:] == [
        [
            "C990010125001",
            "Ava",
            "Martin",
            datetime(2017, 5, 4),
            "Year 4",
            "E",
            "Autistic spectrum disorder",
            "Speech, language and communication needs",
        ]
    ]
    events = AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED)
    assert sorted(e.new_values["format"] for e in events) == ["csv", "xlsx"]


def test_governors_get_no_register_xlsx(signed_in, demo):
    response = signed_in("oak_governor").get(register_url(demo, format="xlsx"))
    assert response.status_code in (403, 404)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.EXPORTED).exists()
