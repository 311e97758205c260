"""Access cases for SEN support plans (see cases.py for the format).

Rules shown here (opensend.support.selectors and .services):
- the school's staff (SENCO, head, teacher, TA) read its pupils' plans; only the SENCO and
  head start, change, make active or review them (teachers and TAs get 403, others 404);
- Leo is on SEN support with no statutory case, so the LA does not see his plan; he has no
  parent account, so north_parent (Ava's mother) gets 404;
- governors never see a named child's plan.

Leo's plan in the test world is active with one outcome. Every POST sends an empty form: it is
shown again with errors (200), or, for "make active", refused with a message and a redirect to
the plan; nothing changes.
"""

from tests.access.cases import OAK_STAFF, Case
from tests.access.routes_people import SCHOOL_STAFF

OAK_EDITORS = frozenset({"oak_senco", "oak_head"})


def _child(key):
    return lambda world: {"child_id": world[key].pk}


def _plan(world):
    return {"plan_id": world["leo_support_plan"].pk}


def _outcome(world):
    return {"outcome_id": world["leo_support_plan"].outcomes.get(order=1).pk}


def _provision(world):
    return {"provision_id": world["leo_support_plan"].provisions.get(what="Coloured overlay").pk}


SUPPORT_CASES: list[Case] = [
    Case(
        "support_plan_start",
        OAK_EDITORS,
        kwargs=_child("ava"),
        note="Ava has no plan: the form; north_parent sees her record but keeps no register",
    ),
    Case("support_plan_start", OAK_EDITORS, kwargs=_child("ava"), method="post"),
    Case(
        "support_plan_start",
        OAK_EDITORS,
        kwargs=_child("leo"),
        note="Leo already has an open plan: redirected to it",
    ),
    Case("support_plan_detail", OAK_STAFF, kwargs=_plan),
    Case("support_outcome_add", OAK_EDITORS, kwargs=_plan),
    Case("support_outcome_add", OAK_EDITORS, kwargs=_plan, method="post"),
    Case(
        "support_plan_activate",
        OAK_EDITORS,
        kwargs=_plan,
        method="post",
        note="already active: refused with a message",
    ),
    Case("support_plan_review", OAK_EDITORS, kwargs=_plan),
    Case("support_plan_review", OAK_EDITORS, kwargs=_plan, method="post"),
    # Changing the plan after it is written. Empty POSTs show the form again with errors.
    Case("support_plan_edit", OAK_EDITORS, kwargs=_plan),
    Case("support_plan_edit", OAK_EDITORS, kwargs=_plan, method="post"),
    Case("support_outcome_edit", OAK_EDITORS, kwargs=_outcome),
    Case("support_outcome_edit", OAK_EDITORS, kwargs=_outcome, method="post"),
    Case("support_provision_add", OAK_EDITORS, kwargs=_plan),
    Case("support_provision_add", OAK_EDITORS, kwargs=_plan, method="post"),
    Case("support_provision_edit", OAK_EDITORS, kwargs=_provision),
    Case("support_provision_edit", OAK_EDITORS, kwargs=_provision, method="post"),
    Case("support_outcome_remove", OAK_EDITORS, kwargs=_outcome, note="the confirmation page"),
    Case("support_provision_remove", OAK_EDITORS, kwargs=_provision, note="the confirmation"),
]

# Removals last: they take the record away for the rest of the persona's run.
SUPPORT_CASES += [
    Case(
        "support_provision_remove",
        OAK_EDITORS,
        kwargs=_provision,
        method="post",
        note="removed; redirected to the plan",
    ),
]

# The school's list of plans, and the menu link to it.
SUPPORT_CASES += [
    Case(
        "support_plans_index",
        SCHOOL_STAFF,
        note="straight to the school's list",
    ),
    Case(
        "school_support_plans",
        OAK_STAFF,
        kwargs=lambda w: {"school_id": w["north_oak"].pk},
        note="governors see no named child",
    ),
]
