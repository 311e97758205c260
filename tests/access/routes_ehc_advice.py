"""Access cases for the EHC needs assessment (advice): see routes_ehc_world.py for the world.

Rules shown here (opensend.ehc.selectors.advice_for_responder, get_attachment_for):
- anyone signed in may open "Advice asked of you": it lists only their own requests (everyone
  else sees an empty list);
- one advice request is for whoever it is addressed to, and nobody else: the EP's advice for
  north_ep by name (not north_health or north_social in the same area, not south_ep, not the
  LA, whose own page is ehc_advice_manage); the school's educational advice for Hillside's
  SENCO (Hillside has no head persona; teachers elsewhere see nothing); the family's advice
  for Mia's mother (north_parent);
- a document given with advice is for the LA (NORTH_LA) and the advice's own side (north_ep);
  the family only once the advice is given and shared, so not yet; the school not at all.

The POSTs send an empty form: it comes back with errors (200) and nothing is saved, so the
advice stays asked-for for the later cases. The list and the download answer GET only (any
other method gets 405), so they have no POST case.
"""

from opensend.ehc.models import AdviceAttachment
from tests.access.cases import EVERYONE, NORTH_LA, Case


def _advice(key):
    return lambda world: {"advice_id": world[key].pk}


def _ep_attachment(world) -> dict:
    """A document on the EP's advice, made on first use (each test has its own world)."""
    attachment, _ = AdviceAttachment.objects.get_or_create(
        advice=world["mia_ep_advice"],
        filename="report.pdf",
        defaults={"content_type": "application/pdf", "size": 9, "data": b"%PDF-1.4\n"},
    )
    return {"attachment_id": attachment.pk}


EP, SCHOOL, FAMILY = (
    frozenset({"north_ep"}),
    frozenset({"hill_senco"}),
    frozenset({"north_parent"}),
)

EHC_ADVICE_CASES: list[Case] = [
    Case("ehc_advice_list", EVERYONE, note="lists only the person's own advice requests"),
    Case("ehc_advice", EP, kwargs=_advice("mia_ep_advice")),
    Case("ehc_advice", EP, kwargs=_advice("mia_ep_advice"), method="post"),
    Case("ehc_advice", SCHOOL, kwargs=_advice("mia_school_advice")),
    Case("ehc_advice", SCHOOL, kwargs=_advice("mia_school_advice"), method="post"),
    Case("ehc_advice", FAMILY, kwargs=_advice("mia_family_advice")),
    Case("ehc_advice", FAMILY, kwargs=_advice("mia_family_advice"), method="post"),
    Case(
        "ehc_attachment",
        EP | NORTH_LA,
        kwargs=_ep_attachment,
        note="the family only once the advice is given and shared",
    ),
]
