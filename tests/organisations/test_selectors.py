import pytest
from django.http import Http404

from opensend.organisations.selectors import (
    get_organisation_for,
    organisations_visible_to,
    roles_user_may_invite,
)


def test_a_caseworker_sees_their_la_and_the_schools_in_its_area(demo):
    names = set(organisations_visible_to(demo["north_caseworker"]).values_list("name", flat=True))
    assert {"Northshire County Council", "Oakfield Primary School", "Hillside Academy"} <= names
    assert "Riverside Primary School" not in names
    assert "Southmoor City Council" not in names


def test_a_senco_sees_only_their_own_school(demo):
    assert list(organisations_visible_to(demo["oak_senco"])) == [demo["north_oak"]]


def test_a_parent_sees_no_organisation(demo):
    assert not organisations_visible_to(demo["north_parent"]).exists()


def test_another_schools_page_is_not_found_rather_than_forbidden(demo):
    with pytest.raises(Http404):
        get_organisation_for(demo["oak_senco"], demo["south_river"].pk)


def test_a_malformed_id_is_not_found(demo):
    with pytest.raises(Http404):
        get_organisation_for(demo["oak_senco"], "not-a-uuid")


def test_a_head_may_invite_every_school_role_and_a_senco_only_staff(demo):
    assert set(roles_user_may_invite(demo["oak_head"], demo["north_oak"])) == {
        "senco",
        "teacher",
        "teaching_assistant",
        "head",
        "governor",
    }
    assert set(roles_user_may_invite(demo["oak_senco"], demo["north_oak"])) == {
        "senco",
        "teacher",
        "teaching_assistant",
    }
