"""The SEN information report editor's pages (issue 11 item 1): who may open them, the task
list and completeness check, one item per page, and republishing last year's report in one
submission from the overview."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from opensend.law.information_report import ITEMS
from opensend.provision.models import Intervention
from opensend.publishing.models import InformationReport, ReportVersion, Service
from opensend.publishing.services.reports import report_for, report_publish
from tests.queries import assert_constant_queries
from tests.signin import sign_in


@pytest.fixture
def frozen():
    moment = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))
    with time_machine.travel(moment, tick=True) as traveller:
        yield traveller


def _url(name, school, **kwargs):
    return reverse(name, kwargs={"school_id": school.pk, **kwargs})


def full_answers() -> dict:
    return {item.key: f"Our answer to item {item.number}." for item in ITEMS}


@pytest.fixture
def last_year(demo, frozen):
    """Oakfield published a complete report on 10 November 2025: due again 10 November 2026."""
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    report.answers = full_answers()
    report.save()
    frozen.move_to(datetime(2025, 11, 10, 10, 0, tzinfo=timezone.get_fixed_timezone(0)))
    report_publish(
        actor=demo["oak_senco"], report=report, version=report.version, in_send_policy=False
    )
    frozen.move_to(datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0)))
    report.refresh_from_db()
    return report


def test_the_senco_sees_every_item_and_what_is_missing(client, demo, frozen):
    oak = demo["north_oak"]
    sign_in(client, demo["oak_senco"])
    page = client.get(_url("publishing_report", oak)).content.decode()
    for item in ITEMS:
        assert item.question.replace("'", "&#x27;") in page
    assert "still to answer before you can publish" in page
    assert "Drawn from records" in page
    # Oakfield's first draft was written from the records: its needs item is complete.
    assert InformationReport.objects.get(school=oak).answers["kinds_of_sen"]


def test_a_governor_reads_the_overview_and_preview_but_cannot_change(client, demo, frozen):
    oak = demo["north_oak"]
    report_for(oak, actor=demo["oak_senco"])
    sign_in(client, demo["oak_governor"])
    assert client.get(_url("publishing_report", oak)).status_code == 200
    assert client.get(_url("publishing_report_preview", oak)).status_code == 200
    assert client.get(_url("publishing_report_item", oak, item="senco")).status_code == 403
    assert client.post(_url("publishing_report_publish", oak)).status_code == 403
    assert client.post(_url("publishing_report_refresh", oak)).status_code == 403


@pytest.mark.parametrize("persona", ["hill_senco", "north_parent", "north_caseworker"])
def test_anyone_else_gets_not_found(client, demo, frozen, persona):
    oak = demo["north_oak"]
    sign_in(client, demo[persona])
    assert client.get(_url("publishing_report", oak)).status_code == 404
    assert client.get(_url("publishing_report_preview", oak)).status_code == 404


def test_an_item_page_saves_and_goes_to_the_next_unfinished_item(client, demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    sign_in(client, demo["oak_senco"])
    response = client.post(
        _url("publishing_report_item", oak, item="identification"),
        {"text": "We watch, assess and talk to families.", "version": report.version},
    )
    report.refresh_from_db()
    assert report.answers["identification"] == "We watch, assess and talk to families."
    assert response.status_code == 302
    assert response["Location"] == _url("publishing_report_item", oak, item="evaluating_provision")


def test_use_this_text_takes_the_suggestion(client, demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    suggestion = report.answers["kinds_of_sen"]
    sign_in(client, demo["oak_senco"])
    page = client.get(_url("publishing_report_item", oak, item="kinds_of_sen")).content.decode()
    assert "From OpenSEND's records" in page
    client.post(
        _url("publishing_report_item", oak, item="kinds_of_sen"),
        {"text": "Something else", "version": report.version, "use_suggestion": "1"},
    )
    report.refresh_from_db()
    assert report.answers["kinds_of_sen"] == suggestion


def test_a_stale_item_edit_is_refused_on_the_page(client, demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    sign_in(client, demo["oak_senco"])
    response = client.post(
        _url("publishing_report_item", oak, item="teaching"),
        {"text": "Mine", "version": report.version - 1 if report.version > 1 else 99},
    )
    assert response.status_code == 200
    assert "Someone else changed the report" in response.content.decode()


def test_an_unknown_item_is_not_found(client, demo, frozen):
    sign_in(client, demo["oak_senco"])
    url = _url("publishing_report_item", demo["north_oak"], item="nothing")
    assert client.get(url).status_code == 404


def test_publishing_an_incomplete_report_lists_what_is_missing(client, demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    sign_in(client, demo["oak_senco"])
    response = client.post(_url("publishing_report_publish", oak), {"version": report.version})
    assert response.status_code == 200
    assert "Still to answer: 2 (How do you identify" in response.content.decode()
    assert not ReportVersion.objects.exists()


def test_last_years_report_is_published_again_in_one_submission(client, demo, last_year):
    oak = demo["north_oak"]
    sign_in(client, demo["oak_senco"])
    page = client.get(_url("publishing_report", oak)).content.decode()
    assert "Still right? Publish it again for this year" in page
    response = client.post(
        _url("publishing_report_publish", oak), {"version": last_year.version}, follow=True
    )
    assert "Version 2 published on 2 November 2026" in response.content.decode()
    version = ReportVersion.objects.get(report=last_year, number=2)
    assert version.summary == "No changes since 10 November 2025"
    assert Service.objects.filter(information_report=last_year).count() == 1


def test_the_preview_shows_the_draft(client, demo, last_year):
    sign_in(client, demo["oak_governor"])
    page = client.get(_url("publishing_report_preview", demo["north_oak"])).content.decode()
    assert "Our answer to item 3(c)." in page


def test_the_overview_runs_a_constant_number_of_queries(client, demo, last_year):
    oak = demo["north_oak"]
    sign_in(client, demo["oak_senco"])
    n = [2]

    def grow():
        ReportVersion.objects.create(
            report=last_year,
            number=n[0],
            published_on=date(2025, 12, 1) + timedelta(days=n[0]),
            answers=full_answers(),
            school_name=oak.name,
        )
        Intervention.objects.create(
            school=oak, name=f"Group {n[0]}", hours_per_week=Decimal(1), start=date(2026, 9, 1)
        )
        n[0] += 1

    assert_constant_queries(lambda: client.get(_url("publishing_report", oak)), grow)


def test_the_index_goes_to_the_senco_s_school(client, demo, frozen):
    sign_in(client, demo["oak_senco"])
    response = client.get(reverse("publishing_report_index"))
    assert response["Location"] == _url("publishing_report", demo["north_oak"])


def test_the_overview_gives_the_public_address_and_an_embeddable_snippet(client, demo, last_year):
    oak = demo["north_oak"]
    sign_in(client, demo["oak_head"])
    page = client.get(_url("publishing_report", oak)).content.decode()
    assert _url("public_report_embed", oak) in page
    assert "&lt;iframe src=" in page and "&lt;a href=" in page
    assert _url("public_report_version", oak, number=1) in page
