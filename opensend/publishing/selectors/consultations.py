"""Reading consultations on the Local Offer and "You said, we did" (SEND Regs 2014 regs 54-56).

- The authority's SEND team sees its own consultations and every comment, as written, with the
  respondent's type and topic: never who sent it (reg 56(2): published "in a form that does
  not identify" anyone; the team does not need to know either).
- The public sees only what is published: themes with their response, and the comments in a
  theme that were not kept out (reg 56(3)), in their published wording.
- Anyone signed in sees the open consultations of the authorities they are connected to.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Max, Prefetch, Q

from opensend.law.local_offer import identifying_details, response_due
from opensend.organisations.models import OrganisationKind
from opensend.organisations.selectors import active_memberships
from opensend.people.models import Child
from opensend.publishing.models import (
    Audience,
    CommentTopic,
    Consultation,
    ConsultationComment,
    ConsultationTheme,
    LocalOffer,
    RespondentType,
)
from opensend.publishing.selectors._access import _get, local_offers_kept_by

# The same 28 days as every other reminder in OpenSEND (policies, reports).
DUE_SOON_DAYS = 28

UPCOMING, OPEN, AWAITING, PUBLISHED = "upcoming", "open", "awaiting", "published"
STATE_LABELS = {
    UPCOMING: "Not open yet",
    OPEN: "Open",
    AWAITING: "Closed: response not published",
    PUBLISHED: "Response published",
}


def state_of(consultation: Consultation, today: date) -> str:
    if consultation.response_published_on is not None:
        return PUBLISHED
    if today < consultation.opens_on:
        return UPCOMING
    if today <= consultation.closes_on:
        return OPEN
    return AWAITING


def is_open(consultation: Consultation, today: date) -> bool:
    return consultation.opens_on <= today <= consultation.closes_on


def open_on(day: date) -> Q:
    """Consultations open on `day`, as a query (`is_open` for one already loaded)."""
    return Q(opens_on__lte=day, closes_on__gte=day)


# --- the authority -------------------------------------------------------------------------------


def _kept(user):
    return Consultation.objects.filter(local_offer__in=local_offers_kept_by(user)).select_related(
        "local_offer__local_authority"
    )


def get_consultation_for(user, consultation_id) -> Consultation:
    """A consultation, for its authority's SEND team; 404 for everyone else."""
    return _get(_kept(user), consultation_id, "No such consultation.")


def get_theme_for(user, theme_id) -> ConsultationTheme:
    themes = ConsultationTheme.objects.select_related(
        "consultation__local_offer__local_authority"
    ).filter(consultation__in=_kept(user))
    return _get(themes, theme_id, "No such theme.")


def get_comment_for(user, comment_id) -> ConsultationComment:
    comments = ConsultationComment.objects.select_related(
        "consultation__local_offer__local_authority", "theme"
    ).filter(consultation__in=_kept(user))
    return _get(comments, comment_id, "No such comment.")


@dataclass
class Row:
    consultation: Consultation
    state: str
    comments: int
    unsorted: int

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def consultation_rows(offer: LocalOffer, today: date) -> list[Row]:
    """The offer's consultations, newest first, each with its state and comment counts."""
    consultations = offer.consultations.annotate(
        n_comments=Count("comments"),
        n_unsorted=Count(
            "comments", filter=Q(comments__theme__isnull=True, comments__excluded_reason="")
        ),
    ).order_by("-opens_on", "title")
    return [Row(c, state_of(c, today), c.n_comments, c.n_unsorted) for c in consultations]


@dataclass
class ResponseStatus:
    """Where the offer stands against reg 56(2): a response "at least annually"."""

    last_published: date | None
    due: date | None  # None: nothing is due yet (never consulted, or nothing has closed)
    today: date

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.today

    @property
    def due_soon(self) -> bool:
        return self.due is not None and self.today <= self.due <= self.today + timedelta(
            days=DUE_SOON_DAYS
        )


def response_status(offer: LocalOffer, today: date) -> ResponseStatus:
    """When the next "You said, we did" is due: 12 months after the last one; if none was ever
    published, the day the first consultation closed (its comments are waiting for an answer)."""
    last = offer.consultations.aggregate(last=Max("response_published_on"))["last"]
    if last is not None:
        return ResponseStatus(last, response_due(last), today)
    first_closed = (
        offer.consultations.filter(closes_on__lt=today)
        .order_by("closes_on")
        .values_list("closes_on", flat=True)
        .first()
    )
    return ResponseStatus(None, first_closed, today)


@dataclass
class ThemeGroup:
    theme: ConsultationTheme
    comments: list = field(default_factory=list)


@dataclass
class Groups:
    unsorted: list
    themes: list[ThemeGroup]
    excluded: list
    by_topic: list[tuple[str, int]]
    by_respondent: list[tuple[str, int]]

    @property
    def total(self) -> int:
        return len(self.unsorted) + len(self.excluded) + sum(len(g.comments) for g in self.themes)


def comment_groups(consultation: Consultation) -> Groups:
    """The comments in three groups (not yet sorted, by theme, kept out) and counted by topic
    and by who sent them (their type only). Two queries, however many comments."""
    themes = list(consultation.themes.all())
    groups = {theme.pk: ThemeGroup(theme) for theme in themes}
    unsorted, excluded = [], []
    topics, respondents = Counter(), Counter()
    for comment in consultation.comments.all():
        comment.identifying = identifying_details(comment.published_text or comment.text)
        topics[comment.topic] += 1
        respondents[comment.respondent_type] += 1
        if comment.excluded_reason:
            excluded.append(comment)
        elif comment.theme_id in groups:
            groups[comment.theme_id].comments.append(comment)
        else:
            unsorted.append(comment)
    return Groups(
        unsorted=unsorted,
        themes=list(groups.values()),
        excluded=excluded,
        by_topic=[(label, topics[value]) for value, label in CommentTopic.choices],
        by_respondent=[
            (label, respondents[value])
            for value, label in RespondentType.choices
            if respondents[value]
        ],
    )


def publish_problems(consultation: Consultation, today: date) -> list[str]:
    """Why the response cannot be published yet (empty when it can). Reg 56(2): every comment
    is answered or set aside under reg 56(3), with nothing that identifies anyone."""
    problems = []
    if today <= consultation.closes_on:
        problems.append(
            f"The consultation is still open: it closes on {consultation.closes_on:%-d %B %Y}"
        )
    groups = comment_groups(consultation)
    if groups.unsorted:
        n = len(groups.unsorted)
        problems.append(
            f"{n} comment{'s are' if n != 1 else ' is'} not in a theme and not kept out"
        )
    if not groups.themes:
        problems.append("Add at least one theme with your response")
    for group in groups.themes:
        theme = group.theme
        if not theme.you_said.strip() or not theme.we_did.strip():
            problems.append(f'The theme "{theme.title}" needs its "You said" and "We did"')
        if not theme.planned_action.strip():
            problems.append(f'The theme "{theme.title}" needs its planned action')
        n = sum(1 for comment in group.comments if comment.identifying)
        if n:
            problems.append(
                f'{n} comment{"s" if n != 1 else ""} in "{theme.title}" still '
                f"{'hold' if n != 1 else 'holds'} contact details: edit the published wording"
            )
    return problems


# --- the public ----------------------------------------------------------------------------------


def get_public_consultation(offer: LocalOffer, consultation_id) -> Consultation:
    """One of the offer's consultations (open or not: the page says which); 404 otherwise."""
    return _get(offer.consultations.all(), consultation_id, "No such consultation.")


# How many comments a published theme shows: a few, in the authority's words.
SHOWN_PER_THEME = 3


def published_responses(offer: LocalOffer):
    """Every consultation with a published response, newest first, with its themes and the
    comments the public may read (in a theme, not kept out). Three queries."""
    shown = ConsultationComment.objects.filter(theme__isnull=False, excluded_reason="").order_by(
        "created_at"
    )
    themes = ConsultationTheme.objects.prefetch_related(
        Prefetch("comments", queryset=shown, to_attr="shown_comments")
    )
    consultations = (
        offer.consultations.filter(response_published_on__isnull=False)
        .prefetch_related(Prefetch("themes", queryset=themes))
        .order_by("-response_published_on", "title")
    )
    for consultation in consultations:
        for theme in consultation.themes.all():
            theme.published = [published_wording(c) for c in theme.shown_comments]
            theme.examples = theme.published[:SHOWN_PER_THEME]
        yield consultation


def published_wording(comment: ConsultationComment) -> str:
    return comment.published_text.strip() or comment.text


# --- "Have your say": who is asked ---------------------------------------------------------------


def connected_authority_ids(user) -> set:
    """The authorities a person is connected to: their own (LA staff), their organisation's
    (schools, governors, providers, professionals), their children's (the authority
    responsible for a child lives where the child lives: Child.home_local_authority)."""
    if not user.is_authenticated:
        return set()
    ids = set()
    for membership in active_memberships(user):
        organisation = membership.organisation
        if organisation.kind == OrganisationKind.LOCAL_AUTHORITY:
            ids.add(organisation.pk)
        elif organisation.local_authority_id:
            ids.add(organisation.local_authority_id)
    children = Child.objects.filter(Q(parent_links__user=user) | Q(account=user))
    ids.update(children.values_list("home_local_authority_id", flat=True))
    return ids


def _consultations_for(user):
    """The consultations of the authorities the person is connected to."""
    if user.is_superuser:
        return Consultation.objects.all()
    return Consultation.objects.filter(
        local_offer__local_authority_id__in=connected_authority_ids(user)
    )


def open_consultations_for(user, today: date) -> list[Consultation]:
    return list(
        _consultations_for(user)
        .filter(open_on(today))
        .select_related("local_offer__local_authority")
        .order_by("local_offer__local_authority__name", "closes_on", "title")
    )


def consultations_opening_for(user, today: date) -> list[Consultation]:
    """Those that open later, so a person knows one is coming."""
    return list(
        _consultations_for(user)
        .filter(opens_on__gt=today)
        .select_related("local_offer__local_authority")
        .order_by("opens_on", "title")
    )


def audience_labels(consultation: Consultation) -> list[str]:
    return [label for value, label in Audience.choices if value in consultation.audiences]
