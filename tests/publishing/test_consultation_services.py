"""Consultations on the Local Offer: asking, sorting comments, and publishing the response
(SEND Regs 2014 reg 56)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from opensend.core.services import StaleEditError
from opensend.publishing.models import (
    CommentTopic,
    Consultation,
    ConsultationComment,
    ConsultationTheme,
    ExclusionReason,
    RespondentType,
)
from opensend.publishing.selectors.consultations import (
    comment_groups,
    publish_problems,
    response_status,
)
from opensend.publishing.services.consultations import (
    comment_sort,
    comment_submit,
    consultation_create,
    consultation_publish,
    theme_create,
    theme_update,
)
from opensend.publishing.services.offers import local_offer_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def offer(demo):
    return local_offer_for(demo["north_la"])


@pytest.fixture
def closed(offer, demo):
    return consultation_create(
        actor=demo["north_caseworker"],
        local_offer=offer,
        title="Short breaks",
        description="What do you think?",
        audiences=["families", "sencos"],
        opens_on=TODAY - timedelta(days=40),
        closes_on=TODAY - timedelta(days=1),
    )


def _comment(consultation, text="The page is hard to find.", **kwargs):
    return ConsultationComment.objects.create(
        consultation=consultation,
        respondent_type=kwargs.pop("respondent_type", RespondentType.PARENT),
        topic=kwargs.pop("topic", CommentTopic.ACCESSIBILITY),
        text=text,
        **kwargs,
    )


def _answered_theme(consultation, actor):
    return theme_create(
        actor=actor,
        consultation=consultation,
        title="Finding things",
        you_said="The pages are hard to find.",
        we_did="We moved them to the front page.",
        planned_action="We will ask again in March.",
    )


def test_a_consultation_keeps_its_audiences_in_the_order_of_the_list(closed):
    assert closed.audiences == ["families", "sencos"]


def test_a_consultation_cannot_close_before_it_opens(offer, demo):
    with pytest.raises(ValidationError) as error:
        consultation_create(
            actor=demo["north_manager"],
            local_offer=offer,
            title="Back to front",
            description="x",
            audiences=["families"],
            opens_on=TODAY,
            closes_on=TODAY - timedelta(days=1),
        )
    assert "closes_on" in error.value.message_dict


def test_a_consultation_needs_someone_to_ask(offer, demo):
    with pytest.raises(ValidationError) as error:
        consultation_create(
            actor=demo["north_manager"],
            local_offer=offer,
            title="Nobody",
            description="x",
            audiences=[],
            opens_on=TODAY,
            closes_on=TODAY,
        )
    assert error.value.message_dict["audiences"] == ["Choose who you are asking"]


def test_another_authority_cannot_start_one(offer, demo):
    with pytest.raises(PermissionDenied):
        consultation_create(
            actor=demo["south_manager"],
            local_offer=offer,
            title="Not ours",
            description="x",
            audiences=["families"],
            opens_on=TODAY,
            closes_on=TODAY,
        )


def test_a_comment_is_accepted_only_while_open(closed, demo):
    with pytest.raises(ValidationError):
        comment_submit(
            consultation=closed, respondent_type="parent", topic="content", text="Too late"
        )
    Consultation.objects.filter(pk=closed.pk).update(closes_on=TODAY)
    closed.refresh_from_db()
    comment = comment_submit(
        consultation=closed,
        respondent_type="parent",
        topic="content",
        text="  Just in time  ",
        submitted_by=demo["north_parent"],
    )
    assert comment.text == "Just in time"
    assert comment.submitted_by == demo["north_parent"]


def test_comments_are_grouped_unsorted_themed_and_kept_out(closed, demo):
    theme = _answered_theme(closed, demo["north_caseworker"])
    unsorted = _comment(closed, "Unsorted")
    themed = _comment(closed, "Themed", theme=theme, respondent_type=RespondentType.SENCO)
    kept_out = _comment(
        closed,
        "About my child",
        excluded_reason=ExclusionReason.INDIVIDUAL_CASE,
        exclusion_note="Passed on",
        topic=CommentTopic.CONTENT,
    )
    groups = comment_groups(closed)
    assert groups.unsorted == [unsorted]
    assert [(g.theme, g.comments) for g in groups.themes] == [(theme, [themed])]
    assert groups.excluded == [kept_out]
    assert dict(groups.by_topic)["How easy it is to find, use and understand"] == 2
    assert dict(groups.by_respondent) == {"A parent or carer": 2, "A SENCO": 1}


def test_keeping_a_comment_out_needs_a_note(closed, demo):
    comment = _comment(closed)
    with pytest.raises(ValidationError) as error:
        comment_sort(
            actor=demo["north_caseworker"],
            comment=comment,
            version=comment.version,
            excluded_reason=ExclusionReason.VEXATIOUS,
            exclusion_note="  ",
        )
    assert "exclusion_note" in error.value.message_dict


def test_the_database_refuses_a_kept_out_comment_with_no_note(closed):
    with pytest.raises(IntegrityError):
        _comment(closed, excluded_reason=ExclusionReason.VEXATIOUS)


def test_keeping_a_comment_out_takes_it_out_of_its_theme(closed, demo):
    theme = _answered_theme(closed, demo["north_caseworker"])
    comment = _comment(closed, theme=theme)
    sorted_ = comment_sort(
        actor=demo["north_caseworker"],
        comment=comment,
        version=comment.version,
        theme=theme,
        excluded_reason=ExclusionReason.INDIVIDUAL_CASE,
        exclusion_note="Passed to the caseworker",
    )
    assert sorted_.theme is None
    assert sorted_.excluded_reason == ExclusionReason.INDIVIDUAL_CASE


def test_a_stale_sort_is_refused(closed, demo):
    comment = _comment(closed)
    comment_sort(actor=demo["north_caseworker"], comment=comment, version=comment.version)
    with pytest.raises(StaleEditError):
        comment_sort(actor=demo["north_manager"], comment=comment, version=comment.version)


def test_a_theme_of_another_consultation_is_refused(closed, offer, demo):
    other = Consultation.objects.create(
        local_offer=offer, title="Other", description="x", opens_on=TODAY, closes_on=TODAY
    )
    theme = ConsultationTheme.objects.create(consultation=other, title="Elsewhere")
    comment = _comment(closed)
    with pytest.raises(ValidationError):
        comment_sort(
            actor=demo["north_caseworker"], comment=comment, version=comment.version, theme=theme
        )


def test_editing_a_theme_moves_its_version_on(closed, demo):
    theme = _answered_theme(closed, demo["north_caseworker"])
    updated = theme_update(
        actor=demo["north_manager"],
        theme=theme,
        version=theme.version,
        title="Finding information",
        you_said="a",
        we_did="b",
        planned_action="c",
    )
    assert (updated.title, updated.version) == ("Finding information", theme.version + 1)
    with pytest.raises(StaleEditError):
        theme_update(
            actor=demo["north_manager"],
            theme=theme,
            version=theme.version,
            title="x",
            you_said="",
            we_did="",
            planned_action="",
        )


# --- publishing: each refusal, then success ------------------------------------------------------


def test_publishing_is_refused_while_the_consultation_is_open(closed, demo):
    Consultation.objects.filter(pk=closed.pk).update(closes_on=TODAY)
    closed.refresh_from_db()
    _answered_theme(closed, demo["north_caseworker"])
    assert publish_problems(closed, TODAY) == [
        "The consultation is still open: it closes on 28 November 2026"
    ]


def test_publishing_is_refused_while_a_comment_is_unsorted(closed, demo):
    _answered_theme(closed, demo["north_caseworker"])
    _comment(closed)
    assert publish_problems(closed, TODAY) == ["1 comment is not in a theme and not kept out"]


def test_publishing_is_refused_with_no_theme(closed):
    assert publish_problems(closed, TODAY) == ["Add at least one theme with your response"]


def test_publishing_is_refused_while_a_theme_has_no_response(closed, demo):
    theme_create(actor=demo["north_caseworker"], consultation=closed, title="Empty")
    assert publish_problems(closed, TODAY) == [
        'The theme "Empty" needs its "You said" and "We did"',
        'The theme "Empty" needs its planned action',
    ]


def test_publishing_is_refused_while_a_themed_comment_identifies_someone(closed, demo):
    theme = _answered_theme(closed, demo["north_caseworker"])
    comment = _comment(closed, "Call me on 07700 900123", theme=theme)
    problems = publish_problems(closed, TODAY)
    assert problems == [
        '1 comment in "Finding things" still holds contact details: edit the published wording'
    ]
    with pytest.raises(ValidationError):
        consultation_publish(
            actor=demo["north_manager"],
            consultation=closed,
            version=closed.version,
            response_summary="Done",
        )
    comment_sort(
        actor=demo["north_caseworker"],
        comment=comment,
        version=comment.version,
        theme=theme,
        published_text="Call me on [phone number removed]",
    )
    assert publish_problems(closed, TODAY) == []


def test_a_kept_out_comment_with_contact_details_does_not_block_publishing(closed, demo):
    _answered_theme(closed, demo["north_caseworker"])
    _comment(
        closed,
        "Email jo@example.com about my son",
        excluded_reason=ExclusionReason.INDIVIDUAL_CASE,
        exclusion_note="Answered directly",
    )
    assert publish_problems(closed, TODAY) == []


def test_publishing_sets_the_date_and_the_summary(closed, offer, demo):
    theme = _answered_theme(closed, demo["north_caseworker"])
    _comment(closed, theme=theme)
    published = consultation_publish(
        actor=demo["north_manager"],
        consultation=closed,
        version=closed.version,
        response_summary="Thirty people commented.",
    )
    assert published.response_published_on == TODAY
    assert published.response_summary == "Thirty people commented."
    status = response_status(offer, TODAY)
    assert (status.last_published, status.due) == (TODAY, date(2027, 11, 28))


def test_publishing_needs_a_summary(closed, demo):
    _answered_theme(closed, demo["north_caseworker"])
    with pytest.raises(ValidationError) as error:
        consultation_publish(
            actor=demo["north_manager"], consultation=closed, version=None, response_summary=" "
        )
    assert "response_summary" in error.value.message_dict


def test_a_response_is_due_when_the_first_consultation_closes_if_none_was_published(closed, offer):
    status = response_status(offer, TODAY)
    assert (status.last_published, status.due, status.overdue) == (None, closed.closes_on, True)
