import pytest

from opensend.organisations.models import Membership
from opensend.organisations.services import membership_create
from tests.queries import assert_constant_queries


def _add_teacher(demo):
    from django.contrib.auth import get_user_model

    number = get_user_model().objects.count()
    user = get_user_model().objects.create_user(
        email=f"teacher{number}@opensend.example", password="x", full_name="A Teacher"
    )
    membership_create(
        actor=demo["oak_head"], user=user, organisation=demo["north_oak"], role="teacher"
    )


def test_school_page_runs_the_same_queries_however_many_staff(signed_in, demo):
    client = signed_in("oak_head")
    url = f"/organisations/{demo['north_oak'].pk}/"
    assert_constant_queries(lambda: client.get(url), lambda: _add_teacher(demo))


def test_api_organisation_list_is_constant(signed_in, demo):
    client = signed_in("north_manager")
    assert_constant_queries(lambda: client.get("/api/v1/organisations"), lambda: _add_teacher(demo))


def test_an_n_plus_one_fails_the_helper(demo):
    # The test of the test: reading each membership's user one query at a time is caught.
    def n_plus_one():
        return [m.user.email for m in Membership.objects.all()]

    with pytest.raises(AssertionError, match="query count grew"):
        assert_constant_queries(n_plus_one, lambda: _add_teacher(demo))
