"""A school's entry in the Local Offer, drawn from its published SEN information report
(issue 11 item 6: "so the school writes it once").

Schedule 2 para 5 asks the Local Offer for each provider's approach to teaching, adapting the
curriculum, extra support, assessing progress, evaluating provision, access, activities,
staff expertise and emotional, mental and social development: the same ground Schedule 1
item 3 asks the school to publish. So each Local Offer question is answered from the report's
items, and the entry links to the report rather than repeating all of it.
"""

from django.conf import settings
from django.urls import reverse

from opensend.organisations.models import EstablishmentType, Organisation, SchoolPhase

# Local Offer question (law.local_offer.SERVICE_QUESTIONS) -> report items that answer it.
ANSWERED_FROM = {
    "who_for": ("kinds_of_sen",),
    "how_to_access": ("disabled_admissions",),
    "needs_identified": ("identification", "assessing_progress"),
    "support_given": ("teaching", "adaptations", "additional_support", "wellbeing"),
    "staff_expertise": ("expertise",),
    "involvement": ("parents", "young_people"),
    "accessibility": ("access_facilities",),
    "moving_on": ("transitions",),
    "complaints": ("complaints",),
}

# The ages a school of each phase usually teaches (Get Information about Schools' phases).
AGES_BY_PHASE = {
    SchoolPhase.NURSERY: (2, 5),
    SchoolPhase.PRIMARY: (4, 11),
    SchoolPhase.MIDDLE_PRIMARY: (8, 12),
    SchoolPhase.MIDDLE_SECONDARY: (9, 13),
    SchoolPhase.SECONDARY: (11, 18),
    SchoolPhase.SIXTEEN_PLUS: (16, 19),
    SchoolPhase.ALL_THROUGH: (4, 18),
}
SPECIAL_TYPES = {
    EstablishmentType.COMMUNITY_SPECIAL,
    EstablishmentType.ACADEMY_SPECIAL,
    EstablishmentType.NON_MAINTAINED_SPECIAL,
}
SUMMARY_LENGTH = 300


def is_mainstream(school: Organisation) -> bool:
    """Schedule 1 items 2 and 4 apply to mainstream schools and maintained nurseries only."""
    return school.establishment_type not in SPECIAL_TYPES


def public_report_url(school: Organisation) -> str:
    return settings.SITE_URL + reverse("public_report", kwargs={"school_id": school.pk})


def _joined(answers: dict, keys: tuple[str, ...]) -> str:
    return "\n\n".join(str(answers.get(key) or "").strip() for key in keys if answers.get(key))


def _summary(school: Organisation, answers: dict) -> str:
    kinds = " ".join(str(answers.get("kinds_of_sen") or "").split())
    lead = f"{school.get_establishment_type_display() or 'School'}. "
    text = lead + (kinds or "Read its SEN information report for the needs it provides for.")
    if len(text) > SUMMARY_LENGTH:
        text = text[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return text


def entry_fields(school: Organisation, answers: dict) -> dict:
    """The Service fields of `school`'s Local Offer entry, from its published report's
    answers (category, ages, contact details, and the Local Offer questions)."""
    minimum_age, maximum_age = AGES_BY_PHASE.get(school.phase, (4, 18))
    if not is_mainstream(school):
        minimum_age, maximum_age = 2, 19
    return {
        "name": school.name,
        "summary": _summary(school, answers),
        "description": _joined(answers, ("teaching", "adaptations")),
        "category": "education",
        "for_all_needs": True,
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "cost": "free",
        "fees": "",
        "url": public_report_url(school),
        "email": school.email,
        "telephone": school.telephone,
        "location_name": school.name,
        "address": school.address,
        "answers": {
            question: text
            for question, keys in ANSWERED_FROM.items()
            if (text := _joined(answers, keys))
        },
    }
