"""The SEN information reports of the generated data (opensend.people.generate.publishing).

Each school answers every Schedule 1 item it must publish (SEND Regs 2014 reg 51, Sch 1; CFA
2014 s69(3)): special schools leave out items 2 and 4. The words come from canned paragraphs
(publishing_texts) varied by phase and type; none describes or names a pupil.
"""

import random
from datetime import date

from django.apps import apps
from django.urls import reverse
from django.utils.text import slugify

from opensend.law.dates import add_days, add_months
from opensend.law.information_report import items_for
from opensend.people.generate import publishing_texts as texts
from opensend.people.generate.scales import new_uuid

OAKFIELD, HILLSIDE = "north_oak", "north_hill"
# Sch 1 items Hillside's draft leaves blank (3(a), 6, 10 and 12).
HILLSIDE_GAPS = ("evaluating_provision", "equipment", "partners", "transitions")


def phone(rng: random.Random) -> str:
    return f"01632 960{rng.randint(0, 999):03d}"  # Ofcom's numbers for drama


def _words(school) -> dict:
    if school.phase == "nursery":
        one, many = "child", "children"
    elif school.phase in ("secondary", "16_plus", "middle_secondary"):
        one, many = "student", "students"
    else:
        one, many = "pupil", "pupils"
    return {"pupils": many, "pupils_one": one, "pupils_cap": many.capitalize()}


def _transition(school, mainstream: bool) -> str:
    if not mainstream:
        return "special"
    return {
        "nursery": "nursery",
        "primary": "primary",
        "middle_primary": "primary",
        "16_plus": "post16",
    }.get(school.phase, "secondary")


def report_answers(rng: random.Random, school, context: dict) -> dict:
    """An answer to every Schedule 1 item the school must publish."""
    from opensend.publishing.school_entry import is_mainstream

    mainstream = is_mainstream(school)
    values = {**context, **_words(school), "school": school.name}
    answers = {}
    for item in items_for(mainstream=mainstream):
        if item.key == "transitions":
            text = texts.TRANSITIONS[_transition(school, mainstream)]
        elif item.key == "senco" and not values["senco"]:
            text = texts.SENCO_UNNAMED
        elif not mainstream and item.key in texts.SPECIAL:
            text = texts.SPECIAL[item.key]
        else:
            text = rng.choice(texts.REPORT[item.key])
        answers[item.key] = text.format(**values)
    return answers


def _published_days(rng: random.Random, persona: str, today: date) -> list[date]:
    """The days each version was published, oldest first."""
    if persona == OAKFIELD:
        return [add_months(today, -14), add_months(today, -2)]
    if persona == HILLSIDE:
        return [add_months(today, -13)]  # a year and more: due again (CoP 6.79)
    if persona:
        return [add_days(today, -rng.randint(30, 120))]
    draw = rng.random()
    if draw < 0.1:  # overdue
        return [add_days(today, -rng.randint(370, 480))]
    recent = add_days(today, -rng.randint(20, 330))
    if draw < 0.35:
        return [add_months(recent, -12), recent]
    return [recent]


def plan_school(rng: random.Random, school, persona: str, context: dict, offer_id, today: date):
    """The school's report, its versions and its Local Offer entry: [(object, audit values)]."""
    from opensend.publishing.school_entry import entry_fields

    report_id = new_uuid(rng)
    rows, answers = [], {}
    for number, day in enumerate(_published_days(rng, persona, today), start=1):
        if number == 1:
            answers = report_answers(rng, school, context)
            summary = "First published."
        else:
            summary = rng.choice(texts.REPORT_CHANGES)
            if summary != texts.NO_CHANGES:
                answers = {**answers, **_redrawn(rng, school, context)}
        version = apps.get_model("publishing", "ReportVersion")(
            id=new_uuid(rng),
            report_id=report_id,
            number=number,
            published_on=day,
            answers=answers,
            school_name=school.name,
            summary=summary,
        )
        rows.append((version, {"number": number, "published_on": str(day)}))
    draft = dict(answers)
    if persona == HILLSIDE:
        draft.update({key: "" for key in HILLSIDE_GAPS})
    report = apps.get_model("publishing", "InformationReport")(
        id=report_id, school_id=school.pk, answers=draft, in_send_policy=rng.random() < 0.1
    )
    rows.insert(0, (report, {"items": len([v for v in draft.values() if v])}))
    if offer_id is not None:
        entry = apps.get_model("publishing", "Service")(
            id=new_uuid(rng),
            information_report_id=report_id,
            provider_id=school.pk,
            local_offer_id=offer_id,
            is_published=True,
            confirmed_on=version.published_on,
            **entry_fields(school, answers),
        )
        rows.append((entry, {"category": "education", "from_report": True}))
    return rows


def _redrawn(rng: random.Random, school, context: dict) -> dict:
    """This year's changes: two items rewritten."""
    fresh = report_answers(rng, school, context)
    keys = rng.sample(sorted(k for k in ("expertise", "additional_support", "wellbeing")), 2)
    return {key: fresh[key] for key in keys if key in fresh}


def school_context(rng, school, la, slug: str | None, senco: str | None) -> dict:
    from django.conf import settings

    site = slugify(school.name)
    if senco:
        first, _, last = senco.partition(" ")
        senco = f"{first[:1]}. {last}"  # initial and surname, as schools write it
    return {
        "senco": senco or "",
        "senco_email": f"senco@{site}.example",
        "telephone": school.telephone or phone(rng),
        "la": la.name if la else "The local authority",
        "offer_url": settings.SITE_URL + reverse("local_offer", kwargs={"slug": slug})
        if slug
        else "the local authority's website",
    }
