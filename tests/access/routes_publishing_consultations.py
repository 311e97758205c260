"""Access cases for consultations on the Local Offer (issue 11 item 5; SEND Regs 2014 reg 56),
and the records they are tried on.

Rules shown here: Northshire's SEND team (caseworker and manager) runs Northshire's
consultations; everyone else, Southmoor's team included, gets 404. "Have your say" is for
anyone signed in (each sees their own authorities' consultations). The public pages (comment,
thank you, "You said, we did") need no sign-in.

The POSTs change nothing: empty forms show their errors.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.publishing.models import (
    CommentTopic,
    Consultation,
    ConsultationComment,
    ConsultationTheme,
    ExclusionReason,
    RespondentType,
)
from opensend.publishing.services.offers import local_offer_for
from tests.access.cases import EVERYONE, NORTH_LA, OK, Case


def _comment(consultation, text, *, theme=None, excluded="", note="", who=None, **kwargs):
    return ConsultationComment.objects.create(
        consultation=consultation,
        respondent_type=kwargs.get("respondent_type", RespondentType.PARENT),
        topic=kwargs.get("topic", CommentTopic.ACCESSIBILITY),
        text=text,
        theme=theme,
        excluded_reason=excluded,
        exclusion_note=note,
        submitted_by=who,
    )


def publishing_consultations_world(demo) -> dict:
    """Northshire's Local Offer with three consultations: one open (an unsorted comment), one
    closed awaiting its response (a theme, a themed comment, a kept-out one), one whose
    response is published (a theme with its answer, a published comment, a kept-out one)."""
    today = timezone.localdate()
    offer = local_offer_for(demo["north_la"])
    open_one = Consultation.objects.create(
        local_offer=offer,
        title="Short breaks",
        description="Tell us what you think of short breaks for disabled children.",
        audiences=["families", "young_people"],
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=21),
    )
    _comment(open_one, "The short breaks page is hard to find.")
    closed = Consultation.objects.create(
        local_offer=offer,
        title="Finding information",
        description="How easy is the Local Offer to use?",
        audiences=["families", "sencos"],
        opens_on=today - timedelta(days=60),
        closes_on=today - timedelta(days=30),
    )
    closed_theme = ConsultationTheme.objects.create(consultation=closed, title="Search")
    closed_comment = _comment(closed, "Search does not find speech therapy.", theme=closed_theme)
    _comment(
        closed,
        "My son's EHC plan is late.",
        excluded=ExclusionReason.INDIVIDUAL_CASE,
        note="Passed to the caseworker.",
    )
    published = Consultation.objects.create(
        local_offer=offer,
        title="Transport",
        description="Home to school transport information.",
        audiences=["families"],
        opens_on=today - timedelta(days=200),
        closes_on=today - timedelta(days=150),
        response_summary="Twelve people commented. We rewrote the transport pages.",
        response_published_on=today - timedelta(days=100),
    )
    published_theme = ConsultationTheme.objects.create(
        consultation=published,
        title="Transport forms",
        you_said="The transport application form is confusing.",
        we_did="We rewrote it with parents.",
        planned_action="We will test it again in the spring.",
    )
    _comment(published, "The transport form asks the same thing twice.", theme=published_theme)
    _comment(
        published,
        "Hidden rant about the officer.",
        excluded=ExclusionReason.VEXATIOUS,
        note="Abusive.",
    )
    return {
        "consultation_offer": offer,
        "consultation_open": open_one,
        "consultation_closed": closed,
        "consultation_published": published,
        "consultation_theme": closed_theme,
        "consultation_comment": closed_comment,
    }


def _offer(world):
    return {"offer_id": world["consultation_offer"].pk}


def _consultation(key="consultation_closed"):
    return lambda world: {"consultation_id": world[key].pk}


def _public(key="consultation_open"):
    return lambda world: {
        "slug": world["consultation_offer"].slug,
        "consultation_id": world[key].pk,
    }


def _both(name, allow, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


CASES: list[Case] = [
    Case("publishing_my_consultations", EVERYONE, note="each sees their own authorities'"),
    Case("publishing_consultations", NORTH_LA, kwargs=_offer),
    *_both("publishing_consultation_new", NORTH_LA, kwargs=_offer),
    Case("publishing_consultation", NORTH_LA, kwargs=_consultation()),
    *_both("publishing_theme_new", NORTH_LA, kwargs=_consultation()),
    *_both(
        "publishing_theme_edit",
        NORTH_LA,
        kwargs=lambda world: {"theme_id": world["consultation_theme"].pk},
    ),
    *_both(
        "publishing_comment",
        NORTH_LA,
        kwargs=lambda world: {"comment_id": world["consultation_comment"].pk},
    ),
    *_both("publishing_consultation_publish", NORTH_LA, kwargs=_consultation()),
    Case(
        "local_offer_you_said",
        EVERYONE,
        kwargs=lambda world: {"slug": world["consultation_offer"].slug},
        anonymous=OK,
    ),
    *_both("local_offer_respond", EVERYONE, kwargs=_public(), anonymous=OK),
    Case("local_offer_respond_thanks", EVERYONE, kwargs=_public(), anonymous=OK),
]
