"""Who sees which child (DESIGN "Who sees what"), and the register schools and governors see."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from opensend.core.models import AuditEvent, AuditEventKind
from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus
from opensend.people.selectors import (
    can_edit_register,
    children_visible_to,
    get_child_for,
    get_register_school_for,
    parent_links_visible_to,
    register_counts,
    register_for_school,
)
from tests.personas import PERSONA_KEYS

START = date(2025, 9, 1)


def make_pupils(school, count, *, provision="K", needs=(("MLD", 1),), last_name="Pupil"):
    """`count` pupils on roll at `school` with an open status and needs, in bulk."""
    children = Child.objects.bulk_create(
        Child(
            first_name=f"Child{i:03}",
            last_name=last_name,
            date_of_birth=date(2016, 1, 1),
            home_local_authority=school.local_authority,
        )
        for i in range(count)
    )
    Enrolment.objects.bulk_create(
        Enrolment(child=c, school=school, year_group="5", start=START) for c in children
    )
    SenStatus.objects.bulk_create(
        SenStatus(child=c, provision=provision, start=START, school=school) for c in children
    )
    Need.objects.bulk_create(
        Need(child=c, code=code, rank=rank, start=START) for c in children for code, rank in needs
    )
    return children


# Who sees which child ---------------------------------------------------------------------------

OAK = {"ava", "leo"}
HILL = {"mia", "jordan"}
RIVER = {"zara"}
SEES = {
    "oak_senco": OAK,
    "oak_teacher": OAK,
    "oak_ta": OAK,
    "oak_head": OAK,
    "oak_governor": set(),  # counts only, never a named child
    "hill_senco": HILL,
    "river_senco": RIVER,
    "river_teacher": RIVER,
    "river_head": RIVER,
    "river_governor": set(),
    "moor_senco": set(),  # no demo pupils at Moorgate
    "north_caseworker": {"ava", "jordan"},  # Northshire's children with an EHC plan
    "north_manager": {"ava", "jordan"},
    "south_caseworker": {"zara"},
    "south_manager": {"zara"},
    "north_ep": set(),  # professionals: only cases they are invited to (none yet)
    "north_health": set(),
    "north_social": set(),
    "south_ep": set(),
    "north_provider": set(),
    "south_provider": set(),
    "north_parent": {"ava"},
    "south_parent": {"zara"},
    "north_young_person": {"jordan"},
}
CHILD_KEYS = ["ava", "leo", "mia", "zara", "jordan"]


def test_every_persona_is_in_the_visibility_table():
    assert set(SEES) == set(PERSONA_KEYS)


@pytest.mark.parametrize("persona", PERSONA_KEYS)
def test_each_persona_sees_exactly_the_children_design_allows(demo, persona):
    visible = set(children_visible_to(demo[persona]))
    assert {key for key in CHILD_KEYS if demo[key] in visible} == SEES[persona]


def test_no_one_signed_out_sees_a_child(demo):
    assert not children_visible_to(AnonymousUser()).exists()


def test_a_superuser_sees_every_child(demo, django_user_model):
    admin = django_user_model.objects.create_superuser("admin@example.org", "x", full_name="A")
    assert children_visible_to(admin).count() == Child.objects.count()


def test_staff_stop_seeing_a_pupil_who_has_left(demo):
    Enrolment.objects.filter(child=demo["leo"]).update(end=date(2026, 2, 13))
    assert demo["leo"] not in children_visible_to(demo["oak_senco"])


def test_a_pupil_on_roll_at_two_schools_is_seen_by_both(demo):
    Enrolment.objects.create(
        child=demo["leo"], school=demo["north_hill"], year_group="3", start=START
    )
    assert demo["leo"] in children_visible_to(demo["hill_senco"])
    assert demo["leo"] in children_visible_to(demo["oak_ta"])


def test_the_la_sees_a_child_once_they_have_a_plan(demo):
    leo = demo["leo"]
    assert leo not in children_visible_to(demo["north_caseworker"])
    SenStatus.objects.filter(child=leo, end__isnull=True).update(end=date(2026, 1, 4))
    SenStatus.objects.create(child=leo, provision="E", start=date(2026, 1, 5))
    assert leo in children_visible_to(demo["north_caseworker"])
    assert leo not in children_visible_to(demo["south_caseworker"])


def test_the_la_responsible_is_where_the_child_lives_not_where_they_go_to_school(demo):
    ava = demo["ava"]
    Child.objects.filter(pk=ava.pk).update(home_local_authority=demo["south_la"])
    assert ava in children_visible_to(demo["south_caseworker"])
    assert ava not in children_visible_to(demo["north_caseworker"])
    assert ava in children_visible_to(demo["oak_senco"])  # still on roll at Oakfield


def test_a_parent_with_restricted_access_does_not_see_the_child(demo):
    ava = demo["ava"]
    ParentLink.objects.filter(child=ava).update(access_restricted=True, restriction_note="Order")
    assert ava not in children_visible_to(demo["north_parent"])
    assert ava in children_visible_to(demo["oak_senco"])
    assert ava in children_visible_to(demo["north_manager"])


def test_a_parent_invited_but_not_linked_to_an_account_sees_nothing(demo):
    ParentLink.objects.create(
        child=demo["leo"], full_name="Raj Patel", relationship="father", email="raj@example.org"
    )
    assert demo["leo"] not in children_visible_to(demo["north_parent"])


# One child's record -----------------------------------------------------------------------------


def test_reading_a_childs_record_is_audited(demo):
    ava = get_child_for(demo["north_parent"], demo["ava"].pk)
    event = AuditEvent.objects.get(kind=AuditEventKind.VIEWED)
    assert (event.record_type, event.record_id) == ("people.child", str(ava.pk))
    assert event.subject_id == ava.pk
    assert event.actor == demo["north_parent"]


@pytest.mark.parametrize(
    ("persona", "child_key"),
    [("north_parent", "zara"), ("oak_senco", "mia"), ("oak_governor", "ava"), ("north_ep", "ava")],
)
def test_a_child_out_of_reach_is_not_found_and_not_audited(demo, persona, child_key):
    with pytest.raises(Http404):
        get_child_for(demo[persona], demo[child_key].pk)
    assert not AuditEvent.objects.filter(kind=AuditEventKind.VIEWED).exists()


@pytest.mark.parametrize("child_id", ["not-a-uuid", "", "1"])
def test_a_malformed_id_is_not_found(demo, child_id):
    with pytest.raises(Http404):
        get_child_for(demo["oak_senco"], child_id)


def test_staff_see_every_parent_link_but_a_parent_only_their_own(demo):
    ava = demo["ava"]
    other = ParentLink.objects.create(
        child=ava,
        full_name="Mark Martin",
        relationship="father",
        access_restricted=True,
        restriction_note="Court order",
    )
    assert set(parent_links_visible_to(demo["oak_senco"], ava)) == set(ava.parent_links.all())
    assert other in parent_links_visible_to(demo["north_caseworker"], ava)
    assert list(parent_links_visible_to(demo["north_parent"], ava)) == [
        ava.parent_links.get(user=demo["north_parent"])
    ]


# The register -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "can_edit"),
    [
        ("oak_senco", True),
        ("oak_head", True),
        ("oak_teacher", False),
        ("oak_ta", False),
        ("oak_governor", False),
        ("hill_senco", False),
        ("north_manager", False),
        ("north_parent", False),
    ],
)
def test_only_the_senco_and_head_keep_the_register(demo, persona, can_edit):
    assert can_edit_register(demo[persona], demo["north_oak"]) is can_edit


@pytest.mark.parametrize("persona", ["oak_senco", "oak_teacher", "oak_ta", "oak_head"])
def test_school_staff_open_their_schools_register(demo, persona):
    assert get_register_school_for(demo[persona], demo["north_oak"].pk) == demo["north_oak"]


@pytest.mark.parametrize(
    ("persona", "school_id"),
    [
        ("oak_governor", lambda d: d["north_oak"].pk),
        ("north_manager", lambda d: d["north_oak"].pk),
        ("hill_senco", lambda d: d["north_oak"].pk),
        ("north_parent", lambda d: d["north_oak"].pk),
        ("oak_senco", lambda d: "not-a-uuid"),
    ],
)
def test_anyone_else_gets_no_register(demo, persona, school_id):
    with pytest.raises(Http404):
        get_register_school_for(demo[persona], school_id(demo))


def test_the_register_lists_pupils_with_sen_and_filters_them(demo):
    senco, oak = demo["oak_senco"], demo["north_oak"]
    (plain,) = make_pupils(oak, 1, provision="N", needs=(), last_name="Adams")
    assert list(register_for_school(senco, oak)) == [demo["ava"], demo["leo"]]  # by last name
    assert list(register_for_school(senco, oak, provision="E")) == [demo["ava"]]
    assert list(register_for_school(senco, oak, provision="N")) == [plain]
    assert list(register_for_school(senco, oak, need="SPLD")) == [demo["leo"]]
    assert list(register_for_school(senco, oak, need="SLCN")) == [demo["ava"]]  # not primary
    assert list(register_for_school(senco, oak, provision="K", need="ASD")) == []
    assert list(register_for_school(senco, oak, order="-name")) == [demo["leo"], demo["ava"]]
    assert list(register_for_school(senco, oak, order="dob")) == [demo["ava"], demo["leo"]]
    assert list(register_for_school(senco, oak, sen_only=False))[0] == plain


def test_the_register_ignores_ended_statuses_and_needs(demo):
    senco, oak, ava = demo["oak_senco"], demo["north_oak"], demo["ava"]
    SenStatus.objects.filter(child=ava, end__isnull=True).update(end=date(2026, 1, 4))
    SenStatus.objects.create(child=ava, provision="N", start=date(2026, 1, 5))
    Need.objects.filter(child=ava).update(end=date(2026, 1, 4))
    assert list(register_for_school(senco, oak)) == [demo["leo"]]
    assert list(register_for_school(senco, oak, need="ASD")) == []


def test_another_schools_staff_get_an_empty_register(demo):
    assert not register_for_school(demo["hill_senco"], demo["north_oak"]).exists()
    assert not register_for_school(demo["oak_governor"], demo["north_oak"]).exists()


def test_each_register_row_has_its_current_status_needs_and_school(demo):
    rows = list(register_for_school(demo["oak_senco"], demo["north_oak"]))
    ava = rows[0]
    assert [s.provision for s in ava.open_statuses] == ["E"]
    assert sorted((n.code, n.rank) for n in ava.open_needs) == [("ASD", 1), ("SLCN", 2)]
    assert [e.school.name for e in ava.open_enrolments] == ["Oakfield Primary School"]


# Governors' counts: small numbers hidden -------------------------------------------------------


def _counts(school):
    counts = register_counts(school)
    return (
        {c.label: c.count for c in counts["provision"]},
        {c.label: c.count for c in counts["primary_need"]},
    )


def test_counts_from_1_to_4_are_suppressed_and_0_is_shown(demo):
    provision, need = _counts(demo["north_oak"])  # Ava (E, ASD) and Leo (K, SPLD)
    assert provision == {"EHC plan": None, "SEN support": None, "No special educational need": 0}
    assert need == {"Autistic spectrum disorder": None, "Specific learning difficulty": None}


def test_counts_of_5_or_more_are_shown(demo):
    oak = demo["north_oak"]
    make_pupils(oak, 4, provision="K", needs=(("SPLD", 1),))  # Leo + 4 = 5 on K with SPLD
    make_pupils(oak, 3, provision="N", needs=())
    provision, need = _counts(oak)
    assert provision == {"EHC plan": None, "SEN support": 5, "No special educational need": None}
    assert need["Specific learning difficulty"] == 5
    assert need["Autistic spectrum disorder"] is None
    shown = {c.label: c.shown for c in register_counts(oak)["provision"]}
    assert shown == {
        "EHC plan": "fewer than 5",
        "SEN support": "5",
        "No special educational need": "fewer than 5",
    }


def test_counts_only_include_pupils_on_roll_now_and_primary_needs(demo):
    oak = demo["north_oak"]
    leavers = make_pupils(oak, 6, provision="E", needs=(("HI", 1), ("VI", 2)))
    provision, need = _counts(oak)
    assert provision["EHC plan"] == 7
    assert need["Hearing impairment"] == 6
    assert "Vision impairment" not in need  # secondary needs are not counted
    Enrolment.objects.filter(child__in=leavers).update(end=date(2026, 2, 13))
    provision, need = _counts(oak)
    assert provision["EHC plan"] is None  # only Ava is left
    assert "Hearing impairment" not in need
