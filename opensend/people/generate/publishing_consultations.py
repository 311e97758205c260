"""The Local Offer consultations of the generated data (opensend.people.generate.publishing).

Reg 56 (SEND Regs 2014): the authority seeks comments on its Local Offer and publishes them with
its response, including planned action, in a form that identifies no one; it need not publish
comments it finds vexatious or that are about one person's services. Each persona authority
has one closed consultation with "You said, we did" published, and one open.
"""

import random
from datetime import date

from django.apps import apps

from opensend.law.dates import add_days, add_months
from opensend.people.generate import publishing_texts as texts
from opensend.people.generate.scales import new_uuid


def plan_consultations(rng: random.Random, offer, today: date) -> list:
    consultation = apps.get_model("publishing", "Consultation")
    theme_model = apps.get_model("publishing", "ConsultationTheme")
    comment = apps.get_model("publishing", "ConsultationComment")
    closes = add_months(today, -3)
    closed = consultation(
        id=new_uuid(rng),
        local_offer_id=offer.pk,
        title=texts.CLOSED_TITLE.format(year=closes.year),
        description=texts.CLOSED_DESCRIPTION,
        audiences=[
            "families",
            "young_people",
            "teachers",
            "school_leaders",
            "sencos",
            "professionals",
            "providers",
        ],
        opens_on=add_months(today, -5),
        closes_on=closes,
        response_summary=texts.RESPONSE_SUMMARY,
        response_published_on=add_months(today, -1),
    )
    rows = [(closed, {"closes_on": str(closed.closes_on), "response": True})]
    themes = texts.THEMES[: rng.randint(3, 4)]
    for order, (title, said, did, planned, comments) in enumerate(themes):
        theme = theme_model(
            id=new_uuid(rng),
            consultation_id=closed.pk,
            title=title,
            you_said=said,
            we_did=did,
            planned_action=planned,
            order=order,
        )
        rows.append((theme, {"title": title}))
        extra = [texts.WITH_PHONE] if order == 0 else []  # its published wording edited
        for respondent, topic, text, *published in [*comments, *extra]:
            row = comment(
                id=new_uuid(rng),
                consultation_id=closed.pk,
                theme_id=theme.pk,
                respondent_type=respondent,
                topic=topic,
                text=text,
                published_text=published[0] if published else "",
            )
            rows.append((row, {}))
    for (respondent, topic, text, note), reason in (
        (texts.VEXATIOUS, "vexatious"),
        (texts.INDIVIDUAL, "individual_case"),
    ):
        rows.append(
            (
                comment(
                    id=new_uuid(rng),
                    consultation_id=closed.pk,
                    respondent_type=respondent,
                    topic=topic,
                    text=text,
                    excluded_reason=reason,
                    exclusion_note=note,
                ),
                {},
            )
        )
    opened = consultation(
        id=new_uuid(rng),
        local_offer_id=offer.pk,
        title=texts.OPEN_TITLE,
        description=texts.OPEN_DESCRIPTION,
        category="leisure",
        audiences=["families", "young_people", "providers"],
        opens_on=add_days(today, -14),
        closes_on=add_days(today, 28),
    )
    rows.append((opened, {"closes_on": str(opened.closes_on)}))
    for respondent, topic, text in texts.OPEN_COMMENTS:
        rows.append(
            (
                comment(
                    id=new_uuid(rng),
                    consultation_id=opened.pk,
                    respondent_type=respondent,
                    topic=topic,
                    text=text,
                ),
                {},
            )
        )
    return rows
