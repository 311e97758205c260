"""The child's page shows the plan's open review through each reader's own door, and the next
phase transfer (reg 18) to staff."""

from django.urls import reverse

from opensend.reviews.services import next_phase_set
from tests.signin import sign_in


def _page(client, user, child):
    client.logout()
    sign_in(client, user)
    response = client.get(reverse("child_detail", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_each_reader_reaches_the_review_through_their_own_door(client, demo, review, mia_parent):
    mia = demo["mia"]
    senco_page = _page(client, demo["hill_senco"], mia)
    assert "Annual review of the EHC plan" in senco_page
    assert reverse("reviews_review", args=[review.pk]) in senco_page
    assert "Next: arrange the meeting by 1 June 2027" in senco_page

    council_page = _page(client, demo["north_caseworker"], mia)
    assert reverse("reviews_la_review", args=[review.pk]) in council_page

    family_page = _page(client, mia_parent, mia)
    assert reverse("reviews_family_review", args=[review.pk]) in family_page
    assert reverse("reviews_next_phase", args=[mia.pk]) not in family_page


def test_staff_see_the_next_phase_transfer_with_its_deadline(client, demo, review):
    mia = demo["mia"]
    next_phase_set(actor=demo["hill_senco"], child=mia, transfer_year=2031, kind="school")
    page = _page(client, demo["hill_senco"], mia)
    assert "Next phase transfer: September 2031" in page
    assert "before 15 February 2031" in page
    assert reverse("reviews_next_phase", args=[mia.pk]) in page


def test_a_child_without_a_plan_has_no_review_section(client, demo, review):
    assert "Annual review of the EHC plan" not in _page(client, demo["oak_senco"], demo["leo"])
