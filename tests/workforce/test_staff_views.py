"""The staff list pages: who may use them, adding people three ways, editing, query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from opensend.workforce.models import Job, StaffMember
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def list_url(school):
    return reverse("workforce_staff", args=[school.pk])


def edit_url(member):
    return reverse("workforce_staff_edit", args=[member.pk])


def test_the_senco_sees_the_staff_list(signed_in, oak, oak_staff, frozen):
    page = signed_in("oak_senco").get(list_url(oak))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Priya Nair" in html and "priya.nair@oakfield.example" in html
    assert html.count('govuk-tag--green">Linked') == 4
    assert html.count("No account") == 2
    assert "Add colleagues who already use OpenSEND" not in html  # all four are listed


@pytest.mark.parametrize(
    ("persona", "status"),
    [("oak_governor", 403), ("oak_teacher", 404), ("hill_senco", 404), ("north_parent", 404)],
)
def test_others_may_not_see_the_staff_list(signed_in, oak, frozen, persona, status):
    assert signed_in(persona).get(list_url(oak)).status_code == status


def test_adding_a_person(signed_in, oak, frozen):
    client = signed_in("oak_head")
    response = client.post(
        list_url(oak),
        {
            "action": "add",
            "add-full_name": "Grace Lee",
            "add-email": "",
            "add-job": "teaching_assistant",
            "add-key_worker_hours": "3",
        },
    )
    assert response.status_code == 302
    member = StaffMember.objects.get(school=oak, full_name="Grace Lee")
    assert (member.job, member.key_worker_hours) == (Job.TEACHING_ASSISTANT, Decimal(3))
    assert "Grace Lee added to the staff list" in client.get(list_url(oak)).content.decode()


def test_adding_a_person_with_bad_details_shows_the_errors(signed_in, oak, frozen):
    response = signed_in("oak_head").post(
        list_url(oak),
        {
            "action": "add",
            "add-full_name": "",
            "add-email": "grace@",
            "add-job": "teacher",
            "add-key_worker_hours": "-2",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter the person&#x27;s name" in html
    assert "Enter an email address like name@school.example" in html
    assert "Key-worker hours cannot be negative" in html
    assert not StaffMember.objects.filter(school=oak).exists()


def test_pasting_a_list(signed_in, oak, frozen):
    response = signed_in("oak_senco").post(
        list_url(oak),
        {
            "action": "paste",
            "paste-text": "Grace Lee, grace@oakfield.example, TA\nOmar Ali, teacher",
        },
    )
    assert response.status_code == 302
    assert sorted(StaffMember.objects.filter(school=oak).values_list("full_name", flat=True)) == [
        "Grace Lee",
        "Omar Ali",
    ]


def test_a_bad_pasted_line_is_named_and_the_text_kept(signed_in, oak, frozen):
    text = "Grace Lee, grace@oakfield.example, TA\nOmar Ali, chef"
    response = signed_in("oak_senco").post(list_url(oak), {"action": "paste", "paste-text": text})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 2: we do not recognise the job “chef”" in html
    assert "Grace Lee, grace@oakfield.example, TA" in html  # nothing typed is lost
    assert not StaffMember.objects.filter(school=oak).exists()


def test_adding_colleagues_who_use_opensend(signed_in, oak, frozen):
    client = signed_in("oak_senco")
    assert "4 colleagues already use OpenSEND" in client.get(list_url(oak)).content.decode()
    response = client.post(list_url(oak), {"action": "accounts"})
    assert response.status_code == 302
    assert StaffMember.objects.filter(school=oak, user__isnull=False).count() == 4


def test_the_staff_list_runs_a_constant_number_of_queries(signed_in, oak, oak_staff, frozen):
    client = signed_in("oak_senco")
    counter = iter(range(1000))

    def grow():
        n = next(counter)
        StaffMember.objects.create(
            school=oak, full_name=f"Extra {n}", job=Job.TEACHER, email=f"extra{n}@oakfield.example"
        )

    assert_constant_queries(lambda: client.get(list_url(oak)), grow)


def test_people_who_left_are_shown_only_when_asked(signed_in, oak, oak_staff, frozen):
    StaffMember.objects.filter(pk=oak_staff["oak_ta"].pk).update(left_on=date(2026, 9, 1))
    client = signed_in("oak_senco")
    assert "Amira Hassan" not in client.get(list_url(oak)).content.decode()
    assert "Left 1 Sep 2026" in client.get(list_url(oak) + "?left=1").content.decode()


def _edit_data(member, **changes):
    data = {
        "version": member.version,
        "full_name": member.full_name,
        "email": member.email,
        "job": member.job,
        "key_worker_hours": str(member.key_worker_hours),
        "left_on_0": "",
        "left_on_1": "",
        "left_on_2": "",
    }
    data.update(changes)
    return data


def test_editing_a_person(signed_in, oak_staff, frozen):
    member = oak_staff["teacher_no_account_2"]
    client = signed_in("oak_senco")
    assert "Tom Fielding" in client.get(edit_url(member)).content.decode()
    response = client.post(
        edit_url(member),
        _edit_data(
            member, email="tom@oakfield.example", left_on_0="31", left_on_1="10", left_on_2="2026"
        ),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "tom@oakfield.example"
    assert str(member.left_on) == "2026-10-31"


def test_a_bad_edit_shows_errors(signed_in, oak_staff, frozen):
    member = oak_staff["teacher_no_account_2"]
    response = signed_in("oak_senco").post(
        edit_url(member), _edit_data(member, left_on_0="31", left_on_1="12", left_on_2="2026")
    )
    assert response.status_code == 200
    assert "The date they left must be today or in the past" in response.content.decode()


def test_a_stale_edit_is_refused_with_the_differences(signed_in, oak_staff, frozen):
    member = oak_staff["teacher_no_account_2"]
    client = signed_in("oak_senco")
    stale = _edit_data(member, full_name="Thomas Fielding")
    client.post(edit_url(member), _edit_data(member, full_name="Tom Fielding-Smith"))
    response = client.post(edit_url(member), stale)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this while you were editing" in html
    assert "Tom Fielding-Smith" in html and "Thomas Fielding" in html
    member.refresh_from_db()
    assert member.full_name == "Tom Fielding-Smith"


@pytest.mark.parametrize(
    ("persona", "status"), [("oak_governor", 403), ("oak_teacher", 404), ("river_senco", 404)]
)
def test_others_may_not_edit_a_person(signed_in, oak_staff, frozen, persona, status):
    member = oak_staff["teacher_no_account_2"]
    assert signed_in(persona).get(edit_url(member)).status_code == status


def test_a_made_up_person_is_404(signed_in, frozen):
    url = reverse("workforce_staff_edit", args=["00000000-0000-0000-0000-000000000000"])
    assert signed_in("oak_senco").get(url).status_code == 404
