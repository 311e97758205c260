"""Access cases for writing the EHC plan (plan_la): see routes_ehc_plan_world.py for the world.

Rules shown here: the pages that write a plan are for the case's council only (Northshire's
caseworker and manager, through `la_cases`); everyone else gets 404, even those who may read
Jordan's plan (hill_senco, north_young_person, north_ep) and Southmoor's team.

The POSTs change nothing in the world, so later cases still find it as it was: Jordan's
versions are frozen (v1 superseded, v2 issued), so every change is refused with a message and
a redirect to the editor, which for a frozen version says it cannot be changed and links to the
version's page; starting a plan is refused for Jordan's case (issued) and Mia's (assessing).
"""

from tests.access.cases import NORTH_LA, Case


def _case(key):
    return lambda world: {"case_id": world[key].pk}


def _version(key):
    return lambda world: {"version_id": world[key].pk}


def _row(key, kind, related):
    def kwargs(world):
        row = getattr(world[key], related).order_by("pk").first()
        return {"version_id": world[key].pk, "kind": kind, "row_id": row.pk}

    return kwargs


def _both(name, allow=NORTH_LA, **kwargs) -> list[Case]:
    return [Case(name, allow, **kwargs), Case(name, allow, method="post", **kwargs)]


FROZEN = "a frozen version: refused with a message, nothing changes"

EHC_PLAN_LA_CASES: list[Case] = [
    *_both("ehc_plan_start", kwargs=_case("jordan_case"), note="the plan exists: refused"),
    *_both("ehc_plan_start", kwargs=_case("mia_case"), note="Mia's case is assessing: refused"),
    *_both("ehc_plan_edit", kwargs=_version("jordan_final_plan"), note=FROZEN),
    *_both("ehc_plan_edit", kwargs=_version("jordan_served_draft"), note=FROZEN),
    *_both("ehc_plan_need_add", kwargs=_version("jordan_final_plan"), note=FROZEN),
    *_both("ehc_plan_outcome_add", kwargs=_version("jordan_final_plan"), note=FROZEN),
    *_both("ehc_plan_provision_add", kwargs=_version("jordan_final_plan"), note=FROZEN),
    *_both("ehc_plan_serve", kwargs=_version("jordan_final_plan"), note=FROZEN),
    *_both("ehc_plan_serve", kwargs=_version("jordan_served_draft"), note=FROZEN),
    *_both("ehc_plan_row_remove", kwargs=_row("jordan_final_plan", "need", "needs"), note=FROZEN),
    *_both(
        "ehc_plan_row_remove",
        kwargs=_row("jordan_final_plan", "outcome", "outcomes"),
        note=FROZEN,
    ),
    *_both(
        "ehc_plan_row_remove",
        kwargs=_row("jordan_final_plan", "provision", "provision"),
        note=FROZEN,
    ),
    *_both(
        "ehc_plan_row_remove",
        frozenset(),
        kwargs=lambda world: {
            **_row("jordan_final_plan", "need", "needs")(world),
            "kind": "advice",
        },
        note="no such kind of row",
    ),
    *_both(
        "ehc_plan_finalise",
        kwargs=_version("jordan_final_plan"),
        note="issued: a message and back to the editor",
    ),
    *_both(
        "ehc_plan_finalise",
        kwargs=_version("jordan_served_draft"),
        data=lambda world: {"action": "issue", "issue-placement": "other"},
        note="superseded: a message and back to the editor, nothing issued",
    ),
]
