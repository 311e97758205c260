"""The policies pages: the list, adding, the full and one-action reviews, the governors' approval.

Managers (SENCO, head) change; governors read (GET 200, POST 403); another school's staff get 404.
Time is frozen on Monday 2 November 2026.
"""

from datetime import date

import pytest
from django.urls import reverse

from opensend.workforce.models import Policy, PolicyKind, PolicyVersion
from tests.queries import assert_constant_queries
from tests.workforce.policy_fixtures import make_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def send_policy(oak):
    """Oakfield's SEND policy, last reviewed 1 October 2025: a month overdue."""
    return make_policy(oak, reviewed_on=date(2025, 10, 1), document_url="https://oak.example/send")


def _list(oak):
    return reverse("workforce_policies", args=[oak.pk])


def _date(prefix: str, day: date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _text(response) -> str:
    return response.content.decode()


# --- the list ------------------------------------------------------------------------------------


def test_the_senco_sees_each_policy_with_its_status_and_what_is_missing(
    frozen, signed_in, oak, oak_staff, send_policy
):
    make_policy(
        oak,
        kind=PolicyKind.SEN_INFORMATION_REPORT,
        reviewed_on=date(2025, 11, 20),  # due 20 November 2026: within 28 days
        owner=oak_staff["oak_senco"],
        approved_on=date(2025, 12, 1),
    )
    make_policy(oak, kind=PolicyKind.COMPLAINTS, reviewed_on=date(2026, 9, 1))
    response = signed_in("oak_senco").get(_list(oak))
    assert response.status_code == 200
    text = _text(response)
    assert "1 policy is overdue for review, and 1 is due within 28 days." in text
    assert [row.status for row in response.context["rows"]] == ["overdue", "due", "up_to_date"]
    assert 'govuk-tag--red">Overdue' in text
    assert "Due within 28 days" in text and "Up to date" in text
    assert "Sarah Collins" in text and "1 Dec 2025" in text and "Not approved yet" in text
    assert "Not recorded here yet: the Accessibility plan." in text
    assert reverse("workforce_policy_new", args=[oak.pk]) + "?kind=accessibility_plan" in text
    assert "Add a policy" in text
    # The one-action button on the two rows due or overdue, not on the one up to date.
    assert text.count("Reviewed: no change<span") == 2


def test_a_school_with_no_policies_is_told_which_four_are_missing(frozen, signed_in, oak):
    text = _text(signed_in("oak_head").get(_list(oak)))
    assert (
        "Not recorded here yet: the SEND policy, the Accessibility plan, the SEN information "
        "report and the Complaints procedure." in text
    )
    assert "No policies are recorded yet." in text


def test_a_governor_reads_the_list_without_buttons(frozen, signed_in, oak, send_policy):
    response = signed_in("oak_governor").get(_list(oak))
    assert response.status_code == 200
    text = _text(response)
    assert "SEND policy" in text and "Overdue" in text
    assert "Add a policy" not in text
    assert "Reviewed: no change" not in text
    assert "Add the " not in text


def test_another_schools_senco_gets_404_everywhere(frozen, signed_in, oak, send_policy):
    client = signed_in("hill_senco")
    assert client.get(_list(oak)).status_code == 404
    assert client.get(reverse("workforce_policy_new", args=[oak.pk])).status_code == 404
    for name in ("workforce_policy", "workforce_policy_review"):
        assert client.get(reverse(name, args=[send_policy.pk])).status_code == 404
    for name in ("workforce_policy_confirm", "workforce_policy_approve"):
        assert client.post(reverse(name, args=[send_policy.pk])).status_code == 404
    assert send_policy.versions.count() == 1


def test_the_list_runs_a_constant_number_of_queries(frozen, signed_in, oak, oak_staff):
    client = signed_in("oak_senco")
    kinds = iter([PolicyKind.SEND_POLICY, PolicyKind.COMPLAINTS] + [PolicyKind.OTHER] * 10)

    def grow():
        policy = make_policy(
            oak, kind=next(kinds), reviewed_on=date(2025, 10, 1), owner=oak_staff["oak_ta"]
        )
        PolicyVersion.objects.create(
            policy=policy, number=2, reviewed_on=date(2025, 10, 2), outcome="no_change"
        )

    grow()
    assert_constant_queries(lambda: client.get(_list(oak)), grow)


# --- adding --------------------------------------------------------------------------------------


def test_adding_a_policy_with_the_kinds_defaults(frozen, signed_in, oak, oak_staff):
    client = signed_in("oak_senco")
    url = reverse("workforce_policy_new", args=[oak.pk])
    page = client.get(url + "?kind=accessibility_plan")
    assert page.context["form"].initial == {
        "kind": "accessibility_plan",
        "title": "Accessibility plan",
        "review_every_months": 36,
    }
    response = client.post(
        url,
        {
            "kind": "accessibility_plan",
            "title": "",
            "owner": str(oak_staff["oak_head"].pk),
            "review_every_months": "",
            **_date("last_reviewed_on", date(2025, 3, 14)),
            "document_url": "www.oakfield.example/access",
        },
        follow=True,
    )
    assert response.redirect_chain == [(_list(oak), 302)]
    policy = Policy.objects.get(school=oak)
    assert (policy.title, policy.review_every_months) == ("Accessibility plan", 36)
    assert policy.next_review_on == date(2028, 3, 14)
    assert policy.owner == oak_staff["oak_head"]
    assert policy.versions.get().document_url == "https://www.oakfield.example/access"
    assert "Accessibility plan added. Its next review is due by 14 March 2028" in _text(response)


def test_an_empty_form_shows_each_problem_and_saves_nothing(frozen, signed_in, oak):
    response = signed_in("oak_senco").post(reverse("workforce_policy_new", args=[oak.pk]), {})
    assert response.status_code == 200
    text = _text(response)
    assert "There is a problem" in text
    assert "Choose what kind of policy it is" in text
    assert "Enter the date it was last reviewed" in text
    assert not Policy.objects.exists()


def test_the_services_refusals_land_on_their_fields(frozen, signed_in, oak, send_policy):
    client = signed_in("oak_senco")
    response = client.post(
        reverse("workforce_policy_new", args=[oak.pk]),
        {
            "kind": "send_policy",
            "title": "Draft SEND policy",
            **_date("last_reviewed_on", date(2026, 12, 1)),
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {  # every problem at once
        "kind": ["The school already has a SEND policy. Review that one instead of adding another"],
        "last_reviewed_on": ["The review date must be today or in the past"],
    }
    response = client.post(
        reverse("workforce_policy_new", args=[oak.pk]),
        {"kind": "send_policy", **_date("last_reviewed_on", date(2026, 10, 1))},
    )
    assert "already has a SEND policy" in response.context["form"].errors["kind"][0]
    assert Policy.objects.count() == 1


def test_an_impossible_date_and_a_typed_interval_are_explained(frozen, signed_in, oak):
    client = signed_in("oak_senco")
    response = client.post(
        reverse("workforce_policy_new", args=[oak.pk]),
        {
            "kind": "sen_information_report",
            "review_every_months": "24",
            **_date("last_reviewed_on", date(2026, 2, 1)),
            "last_reviewed_on_0": "31",
        },
    )
    assert response.context["form"].errors == {
        "last_reviewed_on": ["The date it was last reviewed must be a real date"]
    }
    response = client.post(
        reverse("workforce_policy_new", args=[oak.pk]),
        {
            "kind": "sen_information_report",
            "review_every_months": "24",
            **_date("last_reviewed_on", date(2026, 2, 1)),
        },
    )
    assert "at least every 12 months" in response.context["form"].errors["review_every_months"][0]


# --- the one-action review -----------------------------------------------------------------------


def test_one_press_reviews_the_policy_and_returns_to_the_list(frozen, signed_in, oak, send_policy):
    response = signed_in("oak_senco").post(
        reverse("workforce_policy_confirm", args=[send_policy.pk]),
        {"version": send_policy.version},
        follow=True,
    )
    assert response.redirect_chain == [(_list(oak), 302)]
    text = _text(response)
    assert "SEND policy reviewed: no change. Next review due by 2 November 2027" in text
    assert [row.status for row in response.context["rows"]] == ["up_to_date"]
    assert "Reviewed: no change<span" not in text
    latest = send_policy.versions.first()
    assert (latest.number, latest.reviewed_on, latest.outcome) == (
        2,
        date(2026, 11, 2),
        "no_change",
    )


def test_a_second_press_from_an_old_page_records_nothing_twice(frozen, signed_in, oak, send_policy):
    client = signed_in("oak_senco")
    url = reverse("workforce_policy_confirm", args=[send_policy.pk])
    client.post(url, {"version": send_policy.version})
    response = client.post(url, {"version": send_policy.version}, follow=True)
    assert "was already reviewed since the page was loaded" in _text(response)
    assert send_policy.versions.count() == 2


def test_confirming_from_the_policy_page_returns_there(frozen, signed_in, send_policy):
    response = signed_in("oak_head").post(
        reverse("workforce_policy_confirm", args=[send_policy.pk]),
        {"version": send_policy.version, "return_to": "detail"},
    )
    assert response["Location"] == reverse("workforce_policy", args=[send_policy.pk])


def test_confirm_is_post_only(frozen, signed_in, send_policy):
    url = reverse("workforce_policy_confirm", args=[send_policy.pk])
    assert signed_in("oak_senco").get(url).status_code == 405


# --- the policy's page and the full review -------------------------------------------------------


def test_the_policy_page_shows_its_history(frozen, signed_in, send_policy):
    client = signed_in("oak_senco")
    client.post(reverse("workforce_policy_confirm", args=[send_policy.pk]))
    client.logout()
    response = signed_in("oak_governor").get(reverse("workforce_policy", args=[send_policy.pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "History of versions" in text
    assert "Reviewed: no change needed" in text and "First version" in text
    assert "2 Nov 2026" in text and "1 Oct 2025" in text
    assert "https://oak.example/send" in text
    # Read-only for a governor: no review button, no approval form.
    assert "Record a full review" not in text
    assert "Save the approval date" not in text


def test_a_full_review_is_saved_as_a_new_version(frozen, signed_in, send_policy):
    client = signed_in("oak_senco")
    url = reverse("workforce_policy_review", args=[send_policy.pk])
    page = client.get(url)
    assert page.context["form"].initial["document_url"] == "https://oak.example/send"
    response = client.post(
        url,
        {
            "version": send_policy.version,
            "outcome": "changed",
            **_date("reviewed_on", date(2026, 10, 20)),
            "summary": "New section on key workers.",
            "document_url": "https://oak.example/send-2026",
            **_date("approved_by_governors_on", date(2026, 10, 28)),
        },
        follow=True,
    )
    assert response.redirect_chain == [(reverse("workforce_policy", args=[send_policy.pk]), 302)]
    assert "Review recorded as version 2. The next review is due by 20 October 2027" in _text(
        response
    )
    latest = send_policy.versions.first()
    assert (latest.summary, latest.approved_by_governors_on) == (
        "New section on key workers.",
        date(2026, 10, 28),
    )


def test_a_changed_review_without_a_summary_is_shown_again(frozen, signed_in, send_policy):
    response = signed_in("oak_senco").post(
        reverse("workforce_policy_review", args=[send_policy.pk]),
        {
            "version": send_policy.version,
            "outcome": "changed",
            **_date("reviewed_on", date(2026, 11, 2)),
        },
    )
    assert response.status_code == 200
    assert "Say what changed" in response.context["form"].errors["summary"][0]
    assert send_policy.versions.count() == 1


def test_a_review_from_a_stale_page_is_refused_with_a_clear_message(frozen, signed_in, send_policy):
    stale = send_policy.version
    client = signed_in("oak_head")
    client.post(reverse("workforce_policy_confirm", args=[send_policy.pk]))
    client.logout()
    response = signed_in("oak_senco").post(
        reverse("workforce_policy_review", args=[send_policy.pk]),
        {
            "version": stale,
            "outcome": "changed",
            **_date("reviewed_on", date(2026, 11, 2)),
            "summary": "Rewritten",
        },
    )
    assert response.status_code == 200
    text = _text(response)
    assert (
        "Someone else recorded a review of this policy (version 2, reviewed on 2 November 2026)"
        in text
    )
    form = response.context["form"]
    assert form["version"].value() == stale + 1  # saving again now goes through
    assert form["summary"].value() == "Rewritten"  # what was typed is kept
    assert send_policy.versions.count() == 2


# --- the governors' approval ---------------------------------------------------------------------


def test_recording_the_governors_approval(frozen, signed_in, send_policy):
    url = reverse("workforce_policy_approve", args=[send_policy.pk])
    response = signed_in("oak_senco").post(
        url, {"number": 1, **_date("approved_on", date(2025, 10, 15))}, follow=True
    )
    assert "Governors&#x27; approval of version 1 recorded: 15 October 2025" in _text(response)
    assert send_policy.versions.get().approved_by_governors_on == date(2025, 10, 15)


def test_an_approval_with_no_date_is_shown_again_with_the_problem(frozen, signed_in, send_policy):
    response = signed_in("oak_senco").post(
        reverse("workforce_policy_approve", args=[send_policy.pk]), {"number": 1}
    )
    assert response.status_code == 200
    assert "Enter the date the governors approved it" in _text(response)
    assert "There is a problem" in _text(response)


def test_approving_a_version_that_is_no_longer_the_latest_is_refused(
    frozen, signed_in, send_policy
):
    client = signed_in("oak_senco")
    client.post(reverse("workforce_policy_confirm", args=[send_policy.pk]))
    response = client.post(
        reverse("workforce_policy_approve", args=[send_policy.pk]),
        {"number": 1, **_date("approved_on", date(2026, 11, 2))},
    )
    assert response.status_code == 200
    assert "A newer version was recorded" in _text(response)
    assert not PolicyVersion.objects.filter(approved_by_governors_on__isnull=False).exists()


# --- governors read only -------------------------------------------------------------------------


def test_a_governor_may_read_but_every_change_is_refused(frozen, signed_in, oak, send_policy):
    client = signed_in("oak_governor")
    assert client.get(reverse("workforce_policy", args=[send_policy.pk])).status_code == 200
    assert client.get(reverse("workforce_policy_new", args=[oak.pk])).status_code == 403
    assert client.get(reverse("workforce_policy_review", args=[send_policy.pk])).status_code == 403
    posts = [
        (reverse("workforce_policy_new", args=[oak.pk]), {"kind": "complaints"}),
        (reverse("workforce_policy_review", args=[send_policy.pk]), {"outcome": "no_change"}),
        (reverse("workforce_policy_confirm", args=[send_policy.pk]), {}),
        (reverse("workforce_policy_approve", args=[send_policy.pk]), {"number": 1}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403
    assert send_policy.versions.count() == 1
    assert Policy.objects.count() == 1
