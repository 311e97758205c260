"""Consultations on the Local Offer and the authority's response (SEND Regs 2014 regs 54-56).

- The authority asks (reg 54-55: children, young people, parents, schools, professionals);
- anyone may comment while it is open (reg 56(1): the content, accessibility, and development
  of the Local Offer); who sent a comment is kept, never shown;
- the authority groups comments into themes, each with "You said", "We did" and its planned
  action (reg 56(2)); a comment may be kept out as vexatious or about one person's services
  (reg 56(3)), with a note saying why;
- it publishes the response when every comment is answered or kept out and nothing published
  identifies anyone (reg 56(2)).
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from opensend.core.models import AuditEventKind
from opensend.core.services import StaleEditError
from opensend.law.local_offer import identifying_details
from opensend.publishing.models import (
    Audience,
    CommentTopic,
    Consultation,
    ConsultationComment,
    ConsultationTheme,
    ExclusionReason,
    LocalOffer,
    RespondentType,
    ServiceCategory,
)
from opensend.publishing.selectors._access import local_offers_kept_by
from opensend.publishing.selectors.consultations import is_open, publish_problems
from opensend.publishing.services._base import audit, today

TITLE_MAX = Consultation._meta.get_field("title").max_length
THEME_TITLE_MAX = ConsultationTheme._meta.get_field("title").max_length
TEXT_MAX = 5000  # a comment: long enough for a considered view, short enough to read


def _require_authority(actor, offer: LocalOffer) -> None:
    """Services check again what the views checked: only the offer's own SEND team."""
    if not local_offers_kept_by(actor).filter(pk=offer.pk).exists():
        raise PermissionDenied("Only the authority's SEND team can do this.")


def _la(offer: LocalOffer):
    return offer.local_authority_id


def _locked(model, record, version: int | None):
    current = model.objects.select_for_update().get(pk=record.pk)
    if version is not None and current.version != version:
        raise StaleEditError(current=current, differences=[])
    return current


# --- asking --------------------------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    actor,
    local_offer: LocalOffer,
    title: str,
    description: str,
    category: str = "",
    audiences: list[str],
    opens_on: date | None,
    closes_on: date | None,
) -> Consultation:
    _require_authority(actor, local_offer)
    problems: dict[str, str] = {}
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        problems["title"] = "Enter a title"
    elif len(title) > TITLE_MAX:
        problems["title"] = f"The title must be {TITLE_MAX} characters or fewer"
    if not description:
        problems["description"] = "Say what you are asking, and why"
    if category and category not in ServiceCategory.values:
        problems["category"] = "Choose a part of the Local Offer, or the whole offer"
    audiences = [a for a in Audience.values if a in set(audiences or [])]
    if not audiences:
        problems["audiences"] = "Choose who you are asking"
    if opens_on is None:
        problems["opens_on"] = "Enter the date it opens"
    if closes_on is None:
        problems["closes_on"] = "Enter the date it closes"
    elif opens_on is not None and closes_on < opens_on:
        problems["closes_on"] = "The closing date must be the same as or after the opening date"
    if problems:
        raise ValidationError(problems)
    consultation = Consultation.objects.create(
        local_offer=local_offer,
        title=title,
        description=description,
        category=category,
        audiences=audiences,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=actor,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.CREATED,
        consultation,
        organisation_id=_la(local_offer),
        new_values={"opens_on": opens_on, "closes_on": closes_on, "audiences": audiences},
    )
    return consultation


# --- commenting (the public) ---------------------------------------------------------------------


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    respondent_type: str,
    topic: str,
    text: str,
    submitted_by=None,
) -> ConsultationComment:
    """A comment, from anyone, while the consultation is open. `submitted_by` (if signed in)
    is kept so the authority can see a person is not counted twice; it is never shown."""
    problems: dict[str, str] = {}
    if not is_open(consultation, today()):
        raise ValidationError("This consultation is not open for comments.")
    if respondent_type not in RespondentType.values:
        problems["respondent_type"] = "Say who you are"
    if topic not in CommentTopic.values:
        problems["topic"] = "Say what your comment is about"
    text = (text or "").strip()
    if not text:
        problems["text"] = "Enter your comment"
    elif len(text) > TEXT_MAX:
        problems["text"] = f"Your comment must be {TEXT_MAX} characters or fewer"
    if problems:
        raise ValidationError(problems)
    person = submitted_by if getattr(submitted_by, "is_authenticated", False) else None
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        respondent_type=respondent_type,
        topic=topic,
        text=text,
        submitted_by=person,
    )
    # The audit row says a comment arrived, not what it says (it may hold personal details).
    audit(
        person,
        AuditEventKind.CREATED,
        comment,
        organisation_id=_la(consultation.local_offer),
        note=f"topic={topic} respondent={respondent_type}",
    )
    return comment


# --- answering -----------------------------------------------------------------------------------


def _clean_theme(title: str, you_said: str, we_did: str, planned_action: str) -> dict:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Enter a title for the theme"})
    if len(title) > THEME_TITLE_MAX:
        raise ValidationError({"title": f"The title must be {THEME_TITLE_MAX} characters or fewer"})
    return {
        "title": title,
        "you_said": (you_said or "").strip(),
        "we_did": (we_did or "").strip(),
        "planned_action": (planned_action or "").strip(),
    }


@transaction.atomic
def theme_create(
    *,
    actor,
    consultation: Consultation,
    title: str,
    you_said: str = "",
    we_did: str = "",
    planned_action: str = "",
) -> ConsultationTheme:
    _require_authority(actor, consultation.local_offer)
    values = _clean_theme(title, you_said, we_did, planned_action)
    order = consultation.themes.count()
    theme = ConsultationTheme.objects.create(
        consultation=consultation, order=order, created_by=actor, updated_by=actor, **values
    )
    audit(actor, AuditEventKind.CREATED, theme, organisation_id=_la(consultation.local_offer))
    return theme


@transaction.atomic
def theme_update(
    *,
    actor,
    theme: ConsultationTheme,
    version: int | None,
    title: str,
    you_said: str,
    we_did: str,
    planned_action: str,
) -> ConsultationTheme:
    offer = theme.consultation.local_offer
    _require_authority(actor, offer)
    current = _locked(ConsultationTheme, theme, version)
    values = _clean_theme(title, you_said, we_did, planned_action)
    ConsultationTheme.objects.filter(pk=theme.pk).update(
        version=F("version") + 1, updated_by=actor, **values
    )
    audit(
        actor,
        AuditEventKind.UPDATED,
        theme,
        organisation_id=_la(offer),
        old_values={"version": current.version},
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def comment_sort(
    *,
    actor,
    comment: ConsultationComment,
    version: int | None,
    theme: ConsultationTheme | None = None,
    published_text: str = "",
    excluded_reason: str = "",
    exclusion_note: str = "",
) -> ConsultationComment:
    """Put a comment in a theme (with the wording to publish), keep it out (reg 56(3), with a
    reason and a note), or leave it unsorted (neither). The wording as written is kept."""
    consultation = comment.consultation
    _require_authority(actor, consultation.local_offer)
    current = _locked(ConsultationComment, comment, version)
    published_text = (published_text or "").strip()
    exclusion_note = (exclusion_note or "").strip()
    if published_text == current.text.strip():
        published_text = ""  # unchanged: published as written
    if excluded_reason:
        if excluded_reason not in ExclusionReason.values:
            raise ValidationError({"excluded_reason": "Choose why it is kept out"})
        if not exclusion_note:
            raise ValidationError({"exclusion_note": "Say why it is kept out"})
        theme = None
    else:
        exclusion_note = ""
        if theme is not None and theme.consultation_id != consultation.pk:
            raise ValidationError({"theme": "Choose one of this consultation's themes"})
    ConsultationComment.objects.filter(pk=comment.pk).update(
        version=F("version") + 1,
        theme=theme,
        published_text=published_text,
        excluded_reason=excluded_reason,
        exclusion_note=exclusion_note,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.UPDATED,
        comment,
        organisation_id=_la(consultation.local_offer),
        new_values={
            "theme": str(theme.pk) if theme else "",
            "excluded_reason": excluded_reason,
            "reworded": bool(published_text),
        },
    )
    current.refresh_from_db()
    return current


def comment_identifying_details(comment: ConsultationComment) -> list[str]:
    """What would identify someone in the wording that would be published."""
    return identifying_details(comment.published_text or comment.text)


@transaction.atomic
def consultation_publish(
    *, actor, consultation: Consultation, version: int | None, response_summary: str
) -> Consultation:
    """Publish "You said, we did" (reg 56(2)): refused while anything is unanswered, the
    consultation is still open, or a published comment would identify someone."""
    offer = consultation.local_offer
    _require_authority(actor, offer)
    current = _locked(Consultation, consultation, version)
    response_summary = (response_summary or "").strip()
    if not response_summary:
        raise ValidationError({"response_summary": "Write a short summary of your response"})
    problems = publish_problems(current, today())
    if problems:
        raise ValidationError(problems)
    day = today()
    Consultation.objects.filter(pk=current.pk).update(
        version=F("version") + 1,
        response_summary=response_summary,
        response_published_on=day,
        updated_by=actor,
    )
    audit(
        actor,
        AuditEventKind.UPDATED,
        current,
        organisation_id=_la(offer),
        new_values={"response_published_on": day},
    )
    current.refresh_from_db()
    return current
