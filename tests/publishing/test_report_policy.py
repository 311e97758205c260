"""Publishing the SEN information report records its yearly review on the school's policies
list, and a report published as part of the SEND policy links to that policy."""

from datetime import date

import time_machine
from django.urls import reverse

from opensend.law.information_report import ITEMS
from opensend.publishing.services.reports import report_for, report_publish
from opensend.workforce.models import PolicyKind, ReviewOutcome
from tests.workforce.policy_fixtures import make_policy

PUBLISHED_ON = date(2026, 9, 14)


def _publish(demo, *, in_send_policy=False, summary=""):
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    report.answers = {item.key: f"Our answer to item {item.number}." for item in ITEMS}
    report.save()
    return report_publish(
        actor=demo["oak_senco"],
        report=report,
        version=report.version,
        summary=summary,
        in_send_policy=in_send_policy,
    )


@time_machine.travel(PUBLISHED_ON)
def test_publishing_records_the_reports_review_on_the_policies_list(demo):
    policy = make_policy(
        demo["north_oak"], kind=PolicyKind.SEN_INFORMATION_REPORT, reviewed_on=date(2025, 9, 1)
    )
    _publish(demo)
    policy.refresh_from_db()
    latest = policy.versions.order_by("-number").first()
    assert (latest.number, latest.reviewed_on) == (2, PUBLISHED_ON)
    assert latest.outcome == ReviewOutcome.CHANGED  # a first publication is a change
    assert latest.document_url.endswith(
        reverse("public_report", kwargs={"school_id": demo["north_oak"].pk})
    )
    assert policy.next_review_on == date(2027, 9, 14)


@time_machine.travel(PUBLISHED_ON)
def test_republishing_unchanged_records_a_review_with_no_change(demo):
    policy = make_policy(
        demo["north_oak"], kind=PolicyKind.SEN_INFORMATION_REPORT, reviewed_on=date(2025, 9, 1)
    )
    _publish(demo)
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    report_publish(
        actor=demo["oak_senco"], report=report, version=report.version, in_send_policy=False
    )
    latest = policy.versions.order_by("-number").first()
    assert (latest.number, latest.outcome) == (3, ReviewOutcome.NO_CHANGE)


@time_machine.travel(PUBLISHED_ON)
def test_a_policy_the_list_cannot_review_does_not_stop_publishing(demo):
    # A review typed by hand with a date after today: the list refuses an earlier one.
    policy = make_policy(
        demo["north_oak"], kind=PolicyKind.SEN_INFORMATION_REPORT, reviewed_on=date(2026, 10, 1)
    )
    published = _publish(demo)
    assert published.number == 1
    assert policy.versions.count() == 1


@time_machine.travel(PUBLISHED_ON)
def test_other_policies_and_other_schools_are_left_alone(demo):
    send_policy = make_policy(demo["north_oak"], reviewed_on=date(2025, 9, 1))
    hillside = make_policy(
        demo["north_hill"], kind=PolicyKind.SEN_INFORMATION_REPORT, reviewed_on=date(2025, 9, 1)
    )
    _publish(demo)
    assert send_policy.versions.count() == 1 and hillside.versions.count() == 1


@time_machine.travel(PUBLISHED_ON)
def test_a_report_in_the_send_policy_links_to_the_policy(client, demo):
    make_policy(
        demo["north_oak"],
        reviewed_on=date(2025, 9, 1),
        document_url="https://oakfield.example.org/send-policy.pdf",
    )
    _publish(demo, in_send_policy=True)
    page = client.get(reverse("public_report", kwargs={"school_id": demo["north_oak"].pk}))
    html = page.content.decode()
    assert (
        "part of the school&#x27;s SEND policy" in html
        or "part of the school's SEND policy" in html
    )
    assert 'href="https://oakfield.example.org/send-policy.pdf"' in html


@time_machine.travel(PUBLISHED_ON)
def test_a_report_on_its_own_does_not_mention_the_policy(client, demo):
    make_policy(
        demo["north_oak"],
        reviewed_on=date(2025, 9, 1),
        document_url="https://oakfield.example.org/send-policy.pdf",
    )
    _publish(demo, in_send_policy=False)
    page = client.get(reverse("public_report", kwargs={"school_id": demo["north_oak"].pk}))
    assert "send-policy.pdf" not in page.content.decode()
