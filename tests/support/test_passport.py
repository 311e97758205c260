"""The pupil passport: which plan it comes from, who sees it, its PDF and the school's set."""

import re
import zlib
from datetime import date, timedelta

import pytest
import time_machine
from django.http import Http404
from django.urls import reverse

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus
from opensend.support.models import NextStep, OutcomeProgress, SupportPlanStatus
from opensend.support.passport import get_passport_for, passports_for_school
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_review,
    support_plan_start,
)
from tests.queries import assert_constant_queries

TODAY = date(2026, 11, 27)


@pytest.fixture(autouse=True)
def frozen():
    # Ticking, so sign-in and sessions behave; the day stays 27 November 2026 for the test.
    with time_machine.travel("2026-11-27 09:00 +00:00", tick=True):
        yield


def _plan(demo, child="leo", school="north_oak", senco="oak_senco", active=True, **fields):
    """A plan with passport details, one outcome and one piece of support."""
    plan = support_plan_start(
        actor=demo[senco],
        child=demo[child] if isinstance(child, str) else child,
        school=demo[school],
        review_due=TODAY + timedelta(days=60),
        today=TODAY,
        strengths=fields.pop("strengths", "Loves drawing and Lego"),
        what_helps=fields.pop("what_helps", "Instructions one step at a time"),
        what_to_avoid=fields.pop("what_to_avoid", "Reading aloud without warning"),
        **fields,
    )
    outcome = outcome_add(actor=demo[senco], plan=plan, description="Read 40 high-frequency words")
    provision_add(
        actor=demo[senco],
        plan=plan,
        outcome=outcome,
        what="Phonics catch-up group",
        who="Teaching assistant",
        frequency="3 × 20 minutes a week",
        start=TODAY,
    )
    return support_plan_activate(actor=demo[senco], plan=plan) if active else plan


def _end_support(demo, plan, senco="oak_senco"):
    support_plan_review(
        actor=demo[senco],
        plan=plan,
        review_date=TODAY,
        summary="Caught up",
        progress={outcome.pk: OutcomeProgress.ACHIEVED for outcome in plan.outcomes.all()},
        next_step=NextStep.END_SUPPORT,
        parent_contributed=True,
        pupil_contributed=True,
    )


def _pdf_text(pdf: bytes) -> bytes:
    """The PDF's objects, inflated (WeasyPrint compresses them into streams)."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", _pdf_text(pdf)))


# Which plan ----------------------------------------------------------------------------------


def test_the_passport_gathers_the_plan_needs_and_year_group(demo):
    plan = _plan(demo)
    Need.objects.create(child=demo["leo"], code="SLCN", rank=2, start=TODAY)
    passport = get_passport_for(demo["oak_teacher"], demo["leo"].pk, today=TODAY)
    assert passport.plan == plan
    assert (passport.full_name, passport.year_group, passport.year_group_label) == (
        "Leo Patel",
        "3",
        "Year 3",
    )
    assert [(n.rank, n.description) for n in passport.needs] == [
        (1, "Specific learning difficulty"),
        (2, "Speech, language and communication needs"),
    ]
    assert passport.strengths == "Loves drawing and Lego"
    assert passport.what_helps == "Instructions one step at a time"
    assert passport.what_to_avoid == "Reading aloud without warning"
    assert passport.outcomes == ("Read 40 high-frequency words",)
    assert [(s.what, s.who, s.frequency) for s in passport.support] == [
        ("Phonics catch-up group", "Teaching assistant", "3 × 20 minutes a week")
    ]
    assert passport.review_due == TODAY + timedelta(days=60)
    assert passport.last_updated == TODAY
    assert passport.is_current and not passport.is_draft


def test_support_that_has_ended_is_left_off(demo):
    plan = _plan(demo)
    provision_add(
        actor=demo["oak_senco"],
        plan=plan,
        what="Last term's reading group",
        who="Class teacher",
        frequency="Weekly",
        start=TODAY - timedelta(days=90),
        end=TODAY - timedelta(days=1),
    )
    passport = get_passport_for(demo["oak_teacher"], demo["leo"].pk, today=TODAY)
    assert [s.what for s in passport.support] == ["Phonics catch-up group"]


def test_long_outcomes_are_shortened(demo):
    plan = _plan(demo)
    outcome_add(actor=demo["oak_senco"], plan=plan, description="word " * 80)
    passport = get_passport_for(demo["oak_teacher"], demo["leo"].pk, today=TODAY)
    assert len(passport.outcomes[1].split()) == 30
    assert passport.outcomes[1].endswith("…")


def test_an_active_plan_is_chosen_over_a_newer_draft(demo):
    # Leo is dual-registered at Hillside, which has just drafted its own plan.
    Enrolment.objects.create(
        child=demo["leo"], school=demo["north_hill"], year_group="3", start=TODAY
    )
    ParentLink.objects.create(
        child=demo["leo"], user=demo["north_parent"], full_name="Lucy Martin", relationship="other"
    )
    active = _plan(demo)
    _plan(demo, school="north_hill", senco="hill_senco", active=False)
    passport = get_passport_for(demo["north_parent"], demo["leo"].pk, today=TODAY)
    assert passport.plan == active
    # Hillside's SENCO sees only Hillside's plan: the draft.
    hill = get_passport_for(demo["hill_senco"], demo["leo"].pk, today=TODAY)
    assert hill.is_draft and hill.school_name == demo["north_hill"].name


def test_a_draft_is_used_when_there_is_no_active_plan(demo):
    draft = _plan(demo, active=False)
    passport = get_passport_for(demo["oak_teacher"], demo["leo"].pk, today=TODAY)
    assert passport.plan == draft and passport.is_draft


def test_the_newest_reviewed_plan_is_used_when_support_has_ended(demo):
    first = _plan(demo)
    support_plan_review(
        actor=demo["oak_senco"],
        plan=first,
        review_date=TODAY,
        summary="Some progress",
        progress={outcome.pk: OutcomeProgress.SOME_PROGRESS for outcome in first.outcomes.all()},
        next_step=NextStep.CONTINUE,
        parent_contributed=True,
        pupil_contributed=True,
        next_review_due=TODAY + timedelta(days=90),
    )
    second = support_plan_activate(actor=demo["oak_senco"], plan=first.next_plan)
    _end_support(demo, second)
    passport = get_passport_for(demo["oak_teacher"], demo["leo"].pk, today=TODAY)
    assert passport.plan == second and passport.plan.status == SupportPlanStatus.REVIEWED
    assert passport.reviewed_on == TODAY and not passport.is_current


def test_no_plan_means_no_passport(demo):
    with pytest.raises(Http404):
        get_passport_for(demo["oak_senco"], demo["ava"].pk, today=TODAY)


def test_looking_at_a_passport_is_audited_against_the_child(demo):
    plan = _plan(demo)
    get_passport_for(demo["oak_ta"], demo["leo"].pk, today=TODAY)
    event = AuditEvent.objects.filter(actor=demo["oak_ta"]).latest("id")
    assert (event.kind, event.subject_id, event.record_id) == (
        AuditEventKind.VIEWED,
        demo["leo"].pk,
        str(plan.pk),
    )


# Who sees it ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "child", "sees"),
    [
        ("oak_teacher", "leo", True),
        ("oak_ta", "ava", True),
        ("oak_governor", "leo", False),  # no named child
        ("north_parent", "ava", True),  # her daughter
        ("north_parent", "leo", False),  # someone else's child
        ("north_caseworker", "ava", True),  # EHC plan: a statutory case
        ("north_caseworker", "leo", False),  # SEN support only: stays with the school
        ("river_senco", "leo", False),  # another school
    ],
)
def test_who_sees_a_passport(demo, signed_in, persona, child, sees):
    _plan(demo, child="leo")
    _plan(demo, child="ava")
    assert sees == _can_see(demo, persona, child)
    client = signed_in(persona)
    response = client.get(reverse("pupil_passport", args=[demo[child].pk]))
    assert response.status_code == (200 if sees else 404)
    if sees:
        html = response.content.decode()
        assert demo[child].full_name in html
        assert "Loves drawing and Lego" in html
        assert reverse("pupil_passport_pdf", args=[demo[child].pk]) in html


def _can_see(demo, persona, child) -> bool:
    try:
        get_passport_for(demo[persona], demo[child].pk, today=TODAY)
    except Http404:
        return False
    return True


def test_the_plan_and_child_pages_link_to_the_passport(demo, signed_in):
    plan = _plan(demo)
    client = signed_in("oak_teacher")
    url = reverse("pupil_passport", args=[demo["leo"].pk])
    assert url in client.get(reverse("support_plan_detail", args=[plan.pk])).content.decode()
    assert url in client.get(reverse("child_detail", args=[demo["leo"].pk])).content.decode()
    # Ava has no plan, so her page offers no passport.
    ava = client.get(reverse("child_detail", args=[demo["ava"].pk])).content.decode()
    assert reverse("pupil_passport", args=[demo["ava"].pk]) not in ava


def test_school_staff_have_pupil_passports_in_the_menu(demo, signed_in):
    client = signed_in("oak_teacher")
    response = client.get(reverse("passport_index"))
    assert response["Location"] == reverse("school_passports", args=[demo["north_oak"].pk])
    assert "Pupil passports" in client.get(reverse("home")).content.decode()


# The PDF -------------------------------------------------------------------------------------


def test_the_pdf_is_a_tagged_download_with_a_neutral_name_and_is_audited(demo, signed_in):
    plan = _plan(demo)
    client = signed_in("oak_teacher")
    response = client.get(reverse("pupil_passport_pdf", args=[demo["leo"].pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"] == 'attachment; filename="pupil-passport-2026-11-27.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"Patel" not in response["Content-Disposition"].encode()
    # Tagged (PDF/UA) and in English, for screen readers.
    objects = _pdf_text(response.content)
    assert b"/StructTreeRoot" in objects and b"(en-GB)" in objects
    event = AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED).get()
    assert (event.actor, event.subject_id, event.record_id) == (
        demo["oak_teacher"],
        demo["leo"].pk,
        str(plan.pk),
    )


def test_a_normal_passport_fits_on_one_page(demo, signed_in):
    plan = _plan(demo)
    outcome_add(actor=demo["oak_senco"], plan=plan, description="Spell CVC words")
    outcome_add(actor=demo["oak_senco"], plan=plan, description="Write two sentences unaided")
    response = signed_in("oak_teacher").get(reverse("pupil_passport_pdf", args=[demo["leo"].pk]))
    assert _pages(response.content) == 1


# The school's passports ----------------------------------------------------------------------

_grown = {"count": 0}


def _new_pupil_with_plan(demo, year_group="3"):
    """Another Oakfield pupil on SEN support with a plan (for counting queries as rows grow)."""
    _grown["count"] += 1
    child = Child.objects.create(
        first_name="Pupil",
        last_name=f"Number {_grown['count']}",
        date_of_birth=date(2018, 3, 1),
        home_local_authority=demo["north_la"],
    )
    Enrolment.objects.create(
        child=child, school=demo["north_oak"], year_group=year_group, start=date(2025, 9, 1)
    )
    SenStatus.objects.create(child=child, provision="K", start=date(2025, 10, 6))
    Need.objects.create(child=child, code="SEMH", rank=1, start=date(2025, 10, 6))
    Need.objects.create(child=child, code="SLCN", rank=2, start=date(2025, 10, 6))
    return _plan(demo, child=child)


def test_the_school_list_shows_every_pupil_with_a_passport(demo, signed_in):
    _plan(demo, child="leo")
    _plan(demo, child="ava", active=False)
    client = signed_in("oak_teacher")
    html = client.get(reverse("school_passports", args=[demo["north_oak"].pk])).content.decode()
    assert "Patel, Leo" in html and "Martin, Ava" in html
    assert reverse("pupil_passport", args=[demo["leo"].pk]) in html
    assert reverse("school_passports_pdf", args=[demo["north_oak"].pk]) in html


def test_the_school_list_runs_the_same_queries_however_many_pupils(demo, signed_in):
    _plan(demo)
    client = signed_in("oak_teacher")
    url = reverse("school_passports", args=[demo["north_oak"].pk])
    assert_constant_queries(lambda: client.get(url), lambda: _new_pupil_with_plan(demo), rounds=3)


def test_the_school_selector_runs_seven_queries(demo):
    _plan(demo)
    count = assert_constant_queries(
        lambda: passports_for_school(demo["oak_teacher"], demo["north_oak"], today=TODAY),
        lambda: _new_pupil_with_plan(demo),
    )
    assert count == 7


def test_the_school_list_filters_by_year_group(demo, signed_in):
    _plan(demo, child="leo")  # Year 3
    _plan(demo, child="ava")  # Year 4
    client = signed_in("oak_teacher")
    url = reverse("school_passports", args=[demo["north_oak"].pk])
    html = client.get(url, {"year": "3"}).content.decode()
    assert "Patel, Leo" in html and "Martin, Ava" not in html
    assert f"{reverse('school_passports_pdf', args=[demo['north_oak'].pk])}?year=3" in html
    assert [
        p.full_name
        for p in passports_for_school(
            demo["oak_teacher"], demo["north_oak"], today=TODAY, year_group="4"
        )
    ] == ["Ava Martin"]


@pytest.mark.parametrize("name", ["school_passports", "school_passports_pdf"])
def test_a_bad_year_group_gets_a_clear_message(demo, signed_in, name):
    _plan(demo)
    client = signed_in("oak_teacher")
    response = client.get(reverse(name, args=[demo["north_oak"].pk]), {"year": "99"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a year group from the list" in html
    assert "Patel, Leo" not in html


def test_governors_and_other_schools_get_no_school_list(demo, signed_in):
    _plan(demo)
    for persona in ("oak_governor", "river_senco", "north_caseworker", "north_parent"):
        client = signed_in(persona)
        for name in ("school_passports", "school_passports_pdf"):
            response = client.get(reverse(name, args=[demo["north_oak"].pk]))
            assert response.status_code == 404, (persona, name)
        client.logout()
    assert passports_for_school(demo["oak_governor"], demo["north_oak"], today=TODAY) == []


def test_the_class_set_is_one_pdf_one_pupil_a_page_each_download_audited(demo, signed_in):
    _plan(demo, child="leo")
    _plan(demo, child="ava")
    client = signed_in("oak_teacher")
    response = client.get(reverse("school_passports_pdf", args=[demo["north_oak"].pk]))
    assert response.content.startswith(b"%PDF")
    assert (
        response["Content-Disposition"] == 'attachment; filename="pupil-passports-2026-11-27.pdf"'
    )
    downloads = AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED)
    assert {event.subject_id for event in downloads} == {demo["leo"].pk, demo["ava"].pk}
    assert _pages(response.content) == 2


def test_a_class_set_of_one_year_group_with_no_passports_says_so(demo, signed_in):
    _plan(demo)
    client = signed_in("oak_teacher")
    response = client.get(
        reverse("school_passports_pdf", args=[demo["north_oak"].pk]), {"year": "6"}, follow=True
    )
    assert "There are no pupil passports to download" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED).exists()


def test_a_class_set_too_big_for_one_file_asks_for_a_year_group(demo, signed_in, monkeypatch):
    monkeypatch.setattr("opensend.support.passport_views.MAX_CLASS_SET", 1)
    _plan(demo, child="leo")
    _plan(demo, child="ava")
    client = signed_in("oak_teacher")
    response = client.get(reverse("school_passports_pdf", args=[demo["north_oak"].pk]), follow=True)
    assert "There are 2 pupil passports: choose a year group" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEventKind.DOWNLOADED).exists()
