"""Changes to children, families and the SEN register: validated, permitted, audited, historied.

Dates are real school dates. The services take `today` as an argument, so "now" is always the
date a test names, never the machine's clock.
"""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import given
from hypothesis import strategies as st

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.demo import CHILDREN, STATUS_FROM
from opensend.people.models import Child, Need, ParentLink, SenStatus
from opensend.people.selectors import children_visible_to
from opensend.people.services import (
    child_add,
    needs_update,
    parent_access_set,
    parent_link_add,
    sen_status_change,
    validate_child_details,
)

TODAY = date(2026, 3, 2)  # a Monday in the spring term
VALID_NHS_NUMBER = "9434765919"  # passes the modulus 11 check


def _add(demo, **overrides):
    details = {
        "actor": demo["oak_senco"],
        "school": demo["north_oak"],
        "first_name": " Noah ",
        "last_name": "Smith",
        "date_of_birth": date(2019, 2, 14),
        "year_group": "2",
        "start": date(2026, 1, 5),
        "today": TODAY,
        "upn": "",
    }
    return child_add(**{**details, **overrides})


def _problems(error: ValidationError) -> dict:
    return error.value.message_dict


def _open(child) -> list[SenStatus]:
    return list(SenStatus.objects.filter(child=child, end__isnull=True))


def _open_needs(child) -> list[tuple[str, int]]:
    return sorted(Need.objects.filter(child=child, end__isnull=True).values_list("code", "rank"))


# Adding a child: UPN, NHS number, dates -------------------------------------------------------


@pytest.mark.parametrize("upn", [spec.upn for spec in CHILDREN])
def test_every_demo_upn_is_valid(upn):
    assert (
        validate_child_details(upn=upn, date_of_birth=date(2015, 1, 1), nhs_number="", today=TODAY)
        == {}
    )


def test_a_child_is_added_on_roll_with_no_sen_and_audited(demo):
    child = _add(demo, upn="F990010125003", nhs_number="943 476 5919")
    assert (child.first_name, child.upn, child.nhs_number) == (
        "Noah",
        "F990010125003",
        "9434765919",
    )
    assert child.home_local_authority == demo["north_la"]  # the school's LA by default
    enrolment = child.enrolments.get()
    assert (enrolment.school, enrolment.year_group, enrolment.end) == (demo["north_oak"], "2", None)
    status = SenStatus.objects.get(child=child)
    assert (status.provision, status.start, status.end) == ("N", date(2026, 1, 5), None)
    event = AuditEvent.objects.get(kind=AuditEventKind.CREATED, record_type="people.child")
    assert event.subject_id == child.pk
    assert event.organisation_id == demo["north_oak"].pk
    assert event.new_values == {
        "school": str(demo["north_oak"].pk),
        "year_group": "2",
        "provision": "N",
    }


def test_a_lowercase_upn_with_spaces_is_normalised(demo):
    child = _add(demo, upn="  f990010125003 ")
    assert child.upn == "F990010125003"


def test_a_wrong_check_letter_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, upn="D990010125003")  # F is the right letter
    assert _problems(error) == {
        "upn": ["The check letter does not match the rest of the UPN: check it for typing errors"]
    }
    assert not Child.objects.filter(first_name="Noah").exists()


def test_a_twelve_character_upn_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, upn="F99001012500")
    assert _problems(error) == {"upn": ["A UPN has 13 characters; this has 12"]}


def test_a_upn_with_a_forbidden_letter_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, upn="I990010125003")
    assert "never I, O or S" in _problems(error)["upn"][0]


def test_a_duplicate_upn_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, upn=demo["ava"].upn.lower())
    assert _problems(error) == {
        "upn": ["A child with this UPN is already in OpenSEND: search for them instead"]
    }


def test_children_without_a_upn_do_not_clash(demo):
    first, second = _add(demo), _add(demo, first_name="Ella")
    assert first.upn == second.upn == ""


def test_an_invalid_nhs_number_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, nhs_number="943 476 5918")
    assert _problems(error) == {
        "nhs_number": ["This is not a valid NHS number: check it for typing errors"]
    }


def test_a_short_nhs_number_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, nhs_number="12345")
    assert _problems(error) == {"nhs_number": ["An NHS number has 10 digits"]}


def test_a_future_date_of_birth_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, date_of_birth=TODAY + timedelta(days=1))
    assert _problems(error) == {"date_of_birth": ["Date of birth must be in the past"]}


def test_a_date_of_birth_more_than_26_years_ago_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, date_of_birth=date(2000, 3, 1))
    assert _problems(error) == {"date_of_birth": ["Date of birth must be within the last 26 years"]}
    # Exactly 26 years ago today is still accepted (a 25-year-old's last day).
    assert _add(demo, date_of_birth=date(2000, 3, 2)).date_of_birth == date(2000, 3, 2)


def test_every_problem_is_reported_at_once(demo):
    with pytest.raises(ValidationError) as error:
        _add(demo, upn="F99001012500", nhs_number="1", date_of_birth=date(2027, 1, 1))
    assert set(_problems(error)) == {"upn", "nhs_number", "date_of_birth"}


def test_adding_a_child_on_29_february_works():
    problems = validate_child_details(
        upn="", date_of_birth=date(2019, 2, 14), nhs_number="", today=date(2028, 2, 29)
    )
    assert problems == {}


def test_a_teacher_cannot_add_a_child(demo):
    with pytest.raises(PermissionDenied):
        _add(demo, actor=demo["oak_teacher"])


# The SEN register: one open status, with history ---------------------------------------------


def test_a_status_change_closes_the_open_status_the_day_before(demo):
    ava = demo["ava"]
    status = sen_status_change(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        provision="K",
        start=date(2026, 1, 5),
        reason=" Plan ceased after annual review ",
        today=TODAY,
    )
    assert (status.provision, status.start, status.end) == ("K", date(2026, 1, 5), None)
    assert status.reason == "Plan ceased after annual review"
    previous = SenStatus.objects.get(child=ava, provision="E")
    assert (previous.start, previous.end) == (STATUS_FROM, date(2026, 1, 4))
    assert _open(ava) == [status]
    assert _open_needs(ava) == [("ASD", 1), ("SLCN", 2)]  # needs carry over to K


def test_a_status_change_is_audited_against_the_child(demo):
    ava = demo["ava"]
    status = sen_status_change(
        actor=demo["oak_head"],
        child=ava,
        school=demo["north_oak"],
        provision="K",
        start=date(2026, 1, 5),
        today=TODAY,
    )
    event = AuditEvent.objects.get(kind=AuditEventKind.UPDATED, record_type="people.senstatus")
    assert event.record_id == str(status.pk)
    assert event.subject_id == ava.pk
    assert event.actor == demo["oak_head"]
    assert event.organisation_id == demo["north_oak"].pk
    assert event.old_values == {"provision": "E"}
    assert event.new_values == {"provision": "K", "start": "2026-01-05"}


@pytest.mark.parametrize("start", [STATUS_FROM, STATUS_FROM - timedelta(days=30)])
def test_a_start_not_after_the_current_start_is_refused(demo, start):
    with pytest.raises(ValidationError) as error:
        sen_status_change(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            provision="K",
            start=start,
            today=TODAY,
        )
    assert _problems(error) == {
        "start": ["The date must be after 6 October 2025, when the current status began"]
    }
    assert [s.provision for s in _open(demo["ava"])] == ["E"]


def test_the_same_provision_again_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        sen_status_change(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            provision="E",
            start=date(2026, 1, 5),
            today=TODAY,
        )
    assert _problems(error) == {"provision": ["They are already recorded as EHC plan"]}


def test_a_future_status_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        sen_status_change(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            provision="K",
            start=TODAY + timedelta(days=1),
            today=TODAY,
        )
    assert _problems(error) == {"start": ["The date cannot be in the future"]}


@pytest.mark.parametrize("provision", ["S", "A", "X", ""])
def test_legacy_and_unknown_provision_codes_are_refused(demo, provision):
    with pytest.raises(ValidationError) as error:
        sen_status_change(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            provision=provision,
            start=date(2026, 1, 5),
            today=TODAY,
        )
    assert _problems(error) == {"provision": ["Choose EHC plan, SEN support or no SEN"]}


def test_moving_to_no_sen_ends_the_needs_too(demo):
    ava = demo["ava"]
    sen_status_change(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        provision="N",
        start=date(2026, 2, 2),
        today=TODAY,
    )
    assert _open_needs(ava) == []
    ended = Need.objects.filter(child=ava)
    assert {(n.code, n.start, n.end) for n in ended} == {
        ("ASD", STATUS_FROM, date(2026, 2, 1)),
        ("SLCN", STATUS_FROM, date(2026, 2, 1)),
    }


def test_moving_to_e_with_nsa_is_refused_until_the_need_is_assessed(demo):
    leo = demo["leo"]
    needs_update(
        actor=demo["oak_senco"],
        child=leo,
        school=demo["north_oak"],
        needs=[("NSA", 1)],
        start=date(2026, 1, 5),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error:
        sen_status_change(
            actor=demo["oak_senco"],
            child=leo,
            school=demo["north_oak"],
            provision="E",
            start=date(2026, 2, 2),
            today=TODAY,
        )
    assert _problems(error) == {"provision": ["NSA is only for pupils on SEN support (K)"]}


def test_moving_to_n_before_the_needs_were_recorded_is_refused_with_a_message(demo):
    ava = demo["ava"]
    needs_update(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        needs=[("SEMH", 1)],
        start=date(2026, 2, 2),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as error, transaction.atomic():
        sen_status_change(
            actor=demo["oak_senco"],
            child=ava,
            school=demo["north_oak"],
            provision="N",
            start=date(2026, 1, 5),  # after the status began, before the needs were recorded
            today=TODAY,
        )
    assert "start" in _problems(error)


# Needs ------------------------------------------------------------------------------------------


def test_needs_update_keeps_history_and_unchanged_needs(demo):
    ava = demo["ava"]
    created = needs_update(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        needs=[("asd", 1), ("SEMH", 2)],  # ASD unchanged, SLCN replaced by SEMH
        start=date(2026, 1, 5),
        today=TODAY,
    )
    assert [(n.code, n.rank, n.start) for n in created] == [("SEMH", 2, date(2026, 1, 5))]
    assert _open_needs(ava) == [("ASD", 1), ("SEMH", 2)]
    slcn = Need.objects.get(child=ava, code="SLCN")
    assert (slcn.start, slcn.end) == (STATUS_FROM, date(2026, 1, 4))
    asd = Need.objects.get(child=ava, code="ASD")
    assert (asd.start, asd.end) == (STATUS_FROM, None)  # not closed and reopened


def test_a_change_of_rank_closes_and_reopens_the_need(demo):
    ava = demo["ava"]
    needs_update(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        needs=[("SLCN", 1), ("ASD", 2)],
        start=date(2026, 1, 5),
        today=TODAY,
    )
    assert _open_needs(ava) == [("ASD", 2), ("SLCN", 1)]
    assert Need.objects.filter(child=ava).count() == 4


def test_needs_update_is_audited_with_old_and_new_needs(demo):
    ava = demo["ava"]
    needs_update(
        actor=demo["oak_senco"],
        child=ava,
        school=demo["north_oak"],
        needs=[("ASD", 1)],
        start=date(2026, 1, 5),
        today=TODAY,
    )
    event = AuditEvent.objects.get(record_type="people.need")
    assert (event.kind, event.record_id, event.subject_id) == (
        AuditEventKind.UPDATED,
        str(ava.pk),
        ava.pk,
    )
    assert event.old_values == {"needs": [["ASD", 1], ["SLCN", 2]]}
    assert event.new_values == {"needs": [["ASD", 1]]}


@pytest.mark.parametrize(
    ("child_key", "needs", "start", "message"),
    [
        (
            "ava",
            [("ASD", 1), ("HI", 1)],
            date(2026, 1, 5),
            "Only one need can be ranked 1 (the primary need)",
        ),
        ("ava", [("NSA", 1)], date(2026, 1, 5), "NSA is only for pupils on SEN support (K)"),
        ("leo", [("DS", 1)], date(2024, 12, 2), "DS can only be used from January 2025"),
        ("ava", [("XYZ", 1)], date(2026, 1, 5), "'XYZ' is not a type of need code"),
        ("ava", [("ASD", 1), ("asd", 2)], date(2026, 1, 5), "ASD is recorded more than once"),
        ("ava", [("ASD", 0)], date(2026, 1, 5), "ASD has rank 0: use 1, 2, …"),
    ],
)
def test_needs_the_census_would_reject_are_refused(demo, child_key, needs, start, message):
    with pytest.raises(ValidationError) as error:
        needs_update(
            actor=demo["oak_senco"],
            child=demo[child_key],
            school=demo["north_oak"],
            needs=needs,
            start=start,
            today=TODAY,
        )
    assert message in _problems(error)["needs"]
    assert not AuditEvent.objects.filter(record_type="people.need").exists()


def test_down_syndrome_is_accepted_from_2025(demo):
    needs_update(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        needs=[("DS", 1)],
        start=date(2026, 1, 5),
        today=TODAY,
    )
    assert _open_needs(demo["leo"]) == [("DS", 1)]


def test_nsa_is_accepted_for_sen_support(demo):
    needs_update(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        needs=[("NSA", 1)],
        start=date(2026, 1, 5),
        today=TODAY,
    )
    assert _open_needs(demo["leo"]) == [("NSA", 1)]


def test_needs_for_a_pupil_with_no_sen_are_refused(demo):
    child = _add(demo)
    with pytest.raises(ValidationError) as error:
        needs_update(
            actor=demo["oak_senco"],
            child=child,
            school=demo["north_oak"],
            needs=[("MLD", 1)],
            start=date(2026, 2, 2),
            today=TODAY,
        )
    assert _problems(error) == {
        "needs": ["Types of need are recorded only for pupils coded E or K"]
    }


def test_a_needs_change_not_after_the_current_needs_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        needs_update(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            needs=[("ASD", 1)],
            start=STATUS_FROM,
            today=TODAY,
        )
    assert _problems(error) == {"start": ["The date must be after the current needs were recorded"]}


def test_future_needs_are_refused(demo):
    with pytest.raises(ValidationError) as error:
        needs_update(
            actor=demo["oak_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            needs=[("ASD", 1)],
            start=TODAY + timedelta(days=1),
            today=TODAY,
        )
    assert _problems(error) == {"start": ["The date cannot be in the future"]}


# Who may change the register --------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["oak_teacher", "oak_ta", "oak_governor", "hill_senco"])
def test_only_the_schools_senco_or_head_changes_the_register(demo, persona):
    ava, school = demo["ava"], demo["north_oak"]
    with pytest.raises(PermissionDenied):
        sen_status_change(
            actor=demo[persona],
            child=ava,
            school=school,
            provision="K",
            start=date(2026, 1, 5),
            today=TODAY,
        )
    with pytest.raises(PermissionDenied):
        needs_update(
            actor=demo[persona],
            child=ava,
            school=school,
            needs=[("ASD", 1)],
            start=date(2026, 1, 5),
            today=TODAY,
        )
    assert [s.provision for s in _open(ava)] == ["E"]


def test_a_senco_cannot_change_another_schools_pupil(demo):
    with pytest.raises(PermissionDenied):
        sen_status_change(
            actor=demo["hill_senco"],
            child=demo["ava"],
            school=demo["north_oak"],
            provision="K",
            start=date(2026, 1, 5),
            today=TODAY,
        )


def test_a_senco_naming_their_own_school_cannot_change_a_pupil_not_on_its_roll(demo):
    with pytest.raises(PermissionDenied):
        sen_status_change(
            actor=demo["hill_senco"],
            child=demo["ava"],
            school=demo["north_hill"],
            provision="K",
            start=date(2026, 1, 5),
            today=TODAY,
        )


# Parents and carers -----------------------------------------------------------------------------


def test_a_parent_link_needs_responsibility_or_care(demo):
    with pytest.raises(ValidationError) as error:
        parent_link_add(
            actor=demo["oak_senco"],
            child=demo["leo"],
            school=demo["north_oak"],
            full_name="Raj Patel",
            email="raj@example.org",
            relationship="father",
            parental_responsibility=False,
            has_care=False,
        )
    assert "Education Act 1996 s576" in error.value.messages[0]
    assert not ParentLink.objects.filter(child=demo["leo"]).exists()


@pytest.mark.parametrize(("responsibility", "care"), [(True, False), (False, True)])
def test_responsibility_or_care_alone_is_enough(demo, responsibility, care):
    link = parent_link_add(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        full_name=" Mary Jones ",
        email=" Mary.Jones@Example.org ",
        relationship="foster_carer",
        parental_responsibility=responsibility,
        has_care=care,
    )
    assert (link.full_name, link.email, link.user) == ("Mary Jones", "mary.jones@example.org", None)
    event = AuditEvent.objects.get(kind=AuditEventKind.CREATED, record_type="people.parentlink")
    assert event.subject_id == demo["leo"].pk
    assert event.new_values == {"relationship": "foster_carer"}


def test_a_teacher_cannot_link_a_parent(demo):
    with pytest.raises(PermissionDenied):
        parent_link_add(
            actor=demo["oak_teacher"],
            child=demo["leo"],
            school=demo["north_oak"],
            full_name="Raj Patel",
            email="",
            relationship="father",
            parental_responsibility=True,
            has_care=True,
        )


def test_restricting_access_hides_the_child_from_that_parent_but_not_from_staff(demo):
    ava, parent = demo["ava"], demo["north_parent"]
    link = ava.parent_links.get(user=parent)
    parent_access_set(
        actor=demo["oak_senco"],
        link=link,
        school=demo["north_oak"],
        restricted=True,
        note=" Court order, 3 February 2026 ",
    )
    link.refresh_from_db()
    assert (link.access_restricted, link.restriction_note) == (True, "Court order, 3 February 2026")
    assert ava not in children_visible_to(parent)
    assert ava in children_visible_to(demo["oak_teacher"])
    assert ava in children_visible_to(demo["north_caseworker"])
    event = AuditEvent.objects.get(record_type="people.parentlink", kind=AuditEventKind.UPDATED)
    assert event.subject_id == ava.pk
    assert (event.old_values, event.new_values) == (
        {"access_restricted": False},
        {"access_restricted": True},
    )

    # Lifting the restriction gives the parent their child back and clears the note.
    parent_access_set(actor=demo["oak_head"], link=link, school=demo["north_oak"], restricted=False)
    link.refresh_from_db()
    assert (link.access_restricted, link.restriction_note) == (False, "")
    assert ava in children_visible_to(parent)


def test_a_restriction_needs_a_reason(demo):
    link = demo["ava"].parent_links.get()
    with pytest.raises(ValidationError) as error:
        parent_access_set(
            actor=demo["oak_senco"], link=link, school=demo["north_oak"], restricted=True, note=" "
        )
    assert _problems(error) == {
        "note": ["Say why access is restricted (for example, a court order)"]
    }
    link.refresh_from_db()
    assert not link.access_restricted


def test_a_teacher_cannot_restrict_a_parent(demo):
    link = demo["ava"].parent_links.get()
    with pytest.raises(PermissionDenied):
        parent_access_set(
            actor=demo["oak_teacher"],
            link=link,
            school=demo["north_oak"],
            restricted=True,
            note="Court order",
        )


# Property: any sequence of valid changes leaves one open status and contiguous history ------


CHANGES = st.lists(
    st.tuples(st.sampled_from(["E", "K", "N"]), st.integers(min_value=1, max_value=120)),
    max_size=8,
)


def test_any_sequence_of_status_changes_keeps_one_open_status_and_contiguous_periods(demo):
    ava, senco, school = demo["ava"], demo["oak_senco"], demo["north_oak"]
    today = date(2030, 1, 1)  # 8 changes at most 120 days apart stay before this

    @given(changes=CHANGES)
    def run(changes):
        with transaction.atomic():
            start, provision = STATUS_FROM, "E"
            for wanted, gap in changes:
                if wanted == provision:
                    continue  # not a change: the service rightly refuses it
                start += timedelta(days=gap)
                sen_status_change(
                    actor=senco,
                    child=ava,
                    school=school,
                    provision=wanted,
                    start=start,
                    today=today,
                )
                provision = wanted
            periods = list(SenStatus.objects.filter(child=ava).order_by("start"))
            assert [p for p in periods if p.end is None] == [periods[-1]]
            assert periods[-1].provision == provision
            for earlier, later in zip(periods, periods[1:], strict=False):
                assert earlier.end == later.start - timedelta(days=1)  # no gap, no overlap
                assert earlier.start <= earlier.end
                assert earlier.provision != later.provision
            transaction.set_rollback(True)

    run()
