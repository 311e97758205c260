"""Access cases for reading the EHC plan (plan_read): see routes_ehc_plan_world.py for the world.

Jordan's plan: version 1 was served to him and is now superseded; version 2 is issued, naming
Hillside. Who reads which version (opensend.ehc.selectors.plan_versions_visible_to):
- the LA (north_caseworker, north_manager): both;
- Jordan himself (north_young_person): both (a served draft and the issued plan);
- Hillside's SENCO: the issued plan only (a school never sees drafts through this door);
- the Northshire EP, whose advice is in Section K: both, in sections B, E and F;
- Oakfield's staff, South's staff, other families: neither (404).

The family's answer page is only for a version that was sent for comments: on version 1 Jordan
sees his answer (it is no longer open; a POST is refused with a message and a redirect); on the
issued plan nobody answers (404). Hillside's SENCO answers the consultation on the draft; the
world has none, so one is made when the case runs. POSTs are empty: errors, nothing changes.
"""

from datetime import timedelta

from django.utils import timezone

from opensend.ehc.models import SchoolConsultation
from tests.access.cases import NORTH_LA, Case

FINAL_READERS = NORTH_LA | {"hill_senco", "north_young_person", "north_ep"}
DRAFT_READERS = NORTH_LA | {"north_young_person", "north_ep"}


def _version(key):
    return lambda world: {"version_id": world[key].pk}


def _compare(world):
    return {
        "version_id": world["jordan_final_plan"].pk,
        "other_id": world["jordan_served_draft"].pk,
    }


def _consultation(world):
    today = timezone.localdate()
    consultation, _ = SchoolConsultation.objects.get_or_create(
        version=world["jordan_served_draft"],
        school=world["north_hill"],
        defaults={"sent_on": today, "respond_by": today + timedelta(days=14)},
    )
    return {"consultation_id": consultation.pk}


EHC_PLAN_READ_CASES: list[Case] = [
    Case("ehc_plan_version", FINAL_READERS, kwargs=_version("jordan_final_plan")),
    Case("ehc_plan_version", DRAFT_READERS, kwargs=_version("jordan_served_draft")),
    Case("ehc_plan_pdf", FINAL_READERS, kwargs=_version("jordan_final_plan")),
    Case("ehc_plan_pdf", DRAFT_READERS, kwargs=_version("jordan_served_draft")),
    Case(
        "ehc_plan_compare",
        DRAFT_READERS,
        kwargs=_compare,
        note="both versions must be the reader's: Hillside's SENCO cannot see the draft",
    ),
    Case(
        "ehc_plan_respond",
        frozenset({"north_young_person"}),
        kwargs=_version("jordan_served_draft"),
        note="his own answer, shown; no longer open",
    ),
    Case(
        "ehc_plan_respond",
        frozenset({"north_young_person"}),
        kwargs=_version("jordan_served_draft"),
        method="post",
        note="refused harmlessly: a message and a redirect, nothing changes",
    ),
    Case("ehc_plan_respond", frozenset(), kwargs=_version("jordan_final_plan")),
    Case("ehc_plan_respond", frozenset(), kwargs=_version("jordan_final_plan"), method="post"),
    Case("ehc_plan_consultation", frozenset({"hill_senco"}), kwargs=_consultation),
    Case(
        "ehc_plan_consultation",
        frozenset({"hill_senco"}),
        kwargs=_consultation,
        method="post",
        note="empty answer: the form comes back with errors",
    ),
]
