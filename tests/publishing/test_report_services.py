"""Writing and publishing a school's SEN information report (issue 11 items 1 and 6): the
completeness check per Schedule 1 item, a frozen version per publication, the school's Local
Offer entry kept in step, no pupil named, stale edits refused, and the refresh that never
overwrites the school's own words."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from opensend.core.services import StaleEditError
from opensend.law.information_report import ITEMS
from opensend.organisations.models import EstablishmentType
from opensend.publishing.models import ReportVersion, Service
from opensend.publishing.selectors.reports import SUGGESTED_KEY
from opensend.publishing.services.reports import (
    report_for,
    report_item_save,
    report_publish,
    report_refresh,
)


@pytest.fixture
def frozen():
    moment = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(0))
    with time_machine.travel(moment, tick=False) as traveller:
        yield traveller


def full_answers(**changes) -> dict:
    answers = {item.key: f"Our answer to item {item.number}." for item in ITEMS}
    return {**answers, **changes}


def _report_with(school, actor, answers):
    report = report_for(school, actor=actor)
    report.answers = answers
    report.save()
    return report


def _publish(report, actor, **kwargs):
    return report_publish(
        actor=actor,
        report=report,
        version=report.version,
        in_send_policy=kwargs.pop("in_send_policy", False),
        **kwargs,
    )


@pytest.mark.parametrize("item", ITEMS, ids=lambda item: item.key)
def test_a_blank_item_is_listed_and_publishing_is_refused(demo, frozen, item):
    report = _report_with(demo["north_oak"], demo["oak_senco"], full_answers(**{item.key: ""}))
    with pytest.raises(ValidationError) as refused:
        _publish(report, demo["oak_senco"])
    message = " ".join(refused.value.messages)
    assert f"{item.number} ({item.question})" in message
    assert not ReportVersion.objects.exists()


def test_a_special_school_need_not_answer_items_2_and_4(demo, frozen):
    school = demo["north_hill"]
    school.establishment_type = EstablishmentType.COMMUNITY_SPECIAL
    school.save()
    answers = full_answers(identification="", senco="")
    published = _publish(_report_with(school, demo["hill_senco"], answers), demo["hill_senco"])
    assert published.number == 1


def test_publishing_freezes_a_version_and_makes_the_local_offer_entry(demo, frozen):
    oak = demo["north_oak"]
    report = _report_with(oak, demo["oak_senco"], full_answers())
    published = _publish(report, demo["oak_senco"], in_send_policy=True)
    assert (published.number, published.published_on) == (1, date(2026, 11, 2))
    assert published.school_name == oak.name and published.in_send_policy
    assert SUGGESTED_KEY not in published.answers
    entry = Service.objects.get(information_report=report)
    assert entry.provider == oak and entry.is_published
    assert entry.local_offer.local_authority == demo["north_la"]
    assert entry.confirmed_on == date(2026, 11, 2)
    assert entry.answers["complaints"] == "Our answer to item 9."


def test_a_draft_changed_after_publishing_leaves_the_version_as_it_was(demo, frozen):
    report = _report_with(demo["north_oak"], demo["oak_senco"], full_answers())
    published = _publish(report, demo["oak_senco"])
    report_item_save(
        actor=demo["oak_senco"],
        report=report,
        item_key="teaching",
        text="New words.",
        version=report.version,
    )
    published.refresh_from_db()
    assert published.answers["teaching"] == "Our answer to item 3(c)."


def test_republishing_updates_the_entry_and_says_no_changes(demo, frozen):
    report = _report_with(demo["north_oak"], demo["oak_senco"], full_answers())
    _publish(report, demo["oak_senco"])
    frozen.move_to(datetime(2027, 10, 20, 10, 0, tzinfo=timezone.get_fixed_timezone(0)))
    again = _publish(report, demo["oak_head"])
    assert again.number == 2
    assert again.summary == "No changes since 2 November 2026"
    entries = Service.objects.filter(information_report=report)
    assert entries.count() == 1
    assert entries.get().confirmed_on == date(2027, 10, 20)


def test_an_answer_naming_a_pupil_is_refused_without_the_name(demo, frozen):
    report = _report_with(
        demo["north_oak"],
        demo["oak_senco"],
        full_answers(wellbeing="Our ELSA works with LEO   patel every week."),
    )
    with pytest.raises(ValidationError) as refused:
        _publish(report, demo["oak_senco"])
    message = " ".join(refused.value.messages)
    assert "3(g)" in message and "names a pupil" in message
    assert "Leo" not in message and "Patel" not in message


def test_a_pupil_at_another_school_is_not_matched(demo, frozen):
    # Mia Hughes is at Hillside: a staff member of the same name is no Oakfield pupil.
    report = _report_with(
        demo["north_oak"], demo["oak_senco"], full_answers(senco="Our SENCO is Mia Hughes.")
    )
    assert _publish(report, demo["oak_senco"]).number == 1


def test_a_stale_edit_is_refused(demo, frozen):
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    old = report.version
    report_item_save(
        actor=demo["oak_head"], report=report, item_key="teaching", text="Head's.", version=old
    )
    with pytest.raises(StaleEditError):
        report_item_save(
            actor=demo["oak_senco"], report=report, item_key="teaching", text="Mine", version=old
        )
    report.refresh_from_db()
    assert report.answers["teaching"] == "Head's."


def test_an_unknown_item_and_an_overlong_answer_are_refused(demo, frozen):
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    with pytest.raises(ValidationError):
        report_item_save(
            actor=demo["oak_senco"], report=report, item_key="nope", text="x", version=1
        )
    with pytest.raises(ValidationError):
        report_item_save(
            actor=demo["oak_senco"],
            report=report,
            item_key="teaching",
            text="x" * 10001,
            version=report.version,
        )


def test_the_first_draft_is_written_from_the_records(demo, frozen):
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    assert "Communication and interaction" in report.answers["kinds_of_sen"]
    assert report.answers[SUGGESTED_KEY]["kinds_of_sen"] == report.answers["kinds_of_sen"]


def test_refresh_keeps_the_schools_own_words(demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    report_item_save(
        actor=demo["oak_senco"],
        report=report,
        item_key="kinds_of_sen",
        text="We wrote this ourselves.",
        version=report.version,
    )
    report_item_save(
        actor=demo["oak_senco"],
        report=report,
        item_key="local_offer",
        text="",
        version=report.version,
    )
    changed = report_refresh(actor=demo["oak_senco"], report=report, version=report.version)
    report.refresh_from_db()
    assert changed == ["local_offer"]
    assert report.answers["kinds_of_sen"] == "We wrote this ourselves."
    assert "/local-offer/" in report.answers["local_offer"]


def test_refresh_replaces_a_suggestion_the_school_left_as_it_was(demo, frozen):
    oak = demo["north_oak"]
    report = report_for(oak, actor=demo["oak_senco"])
    demo["leo"].needs.update(code="SEMH")  # the register changed since the draft was made
    changed = report_refresh(actor=demo["oak_senco"], report=report, version=report.version)
    report.refresh_from_db()
    assert "kinds_of_sen" in changed
    assert "Social, emotional and mental health" in report.answers["kinds_of_sen"]


def test_a_stale_refresh_is_refused(demo, frozen):
    report = report_for(demo["north_oak"], actor=demo["oak_senco"])
    with pytest.raises(StaleEditError):
        report_refresh(actor=demo["oak_senco"], report=report, version=report.version - 1)
