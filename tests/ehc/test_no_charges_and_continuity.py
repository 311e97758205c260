"""Two promises of the seed guidance that are easy to break by accident.

- "Undertaking EHC assessments is a statutory responsibility on local authorities. They must
  therefore not seek to levy charges on schools for undertaking any activities associated with
  these assessments." The pathway has no way to bill anyone: no money field, page, service or
  API operation. The checks below fail the build if one appears.
- While a case is open, the child's existing support stays in force: nothing in the pathway ends
  a support plan or changes the SEN register (issue 7 item 7).
"""

import inspect
import re

from django.apps import apps
from django.db import models
from django.urls import get_resolver

from opensend.ehc import services
from opensend.ehc.models import CaseStage
from opensend.ehc.services import Views, decision_record, request_submit
from opensend.support.models import SupportPlanStatus
from tests.support.plans import make_active_plan

MONEY_WORDS = re.compile(r"fee|charg|cost|price|invoic|bill|payment|amount|tariff|recharg", re.I)


def money_fields(model_classes) -> list[str]:
    found = []
    for model in model_classes:
        for field in model._meta.get_fields():
            if isinstance(field, models.DecimalField) or MONEY_WORDS.search(field.name):
                found.append(f"{model.__name__}.{field.name}")
    return found


def money_routes(patterns, prefix="") -> list[str]:
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            found += money_routes(pattern.url_patterns, route)
        elif route.startswith(("ehc/", "api/v1/ehc")) and (
            MONEY_WORDS.search(route) or MONEY_WORDS.search(pattern.name or "")
        ):
            found.append(route)
    return found


def test_no_ehc_model_can_hold_a_charge():
    assert money_fields(apps.get_app_config("ehc").get_models()) == []


def test_the_money_check_would_catch_a_fee_field():
    fee = models.DecimalField(max_digits=8, decimal_places=2)
    fee.name = "assessment_fee"

    class Invoice:
        class _meta:  # noqa: N801  (the shape of a Django model's options)
            @staticmethod
            def get_fields():
                return [fee]

    assert money_fields([Invoice]) == ["Invoice.assessment_fee"]


def test_no_ehc_page_or_api_operation_can_bill_anyone():
    assert money_routes(get_resolver().url_patterns) == []


def test_no_ehc_service_charges_anyone():
    names = [name for name, _ in inspect.getmembers(services, inspect.isfunction)]
    assert [name for name in names if MONEY_WORDS.search(name)] == []


def test_the_childs_support_stays_in_force_through_the_whole_pathway(demo, frozen):
    plan, *_ = make_active_plan(demo)  # Leo's active SEN support plan at Oakfield
    register = list(demo["leo"].sen_statuses.values_list("pk", "provision", "end"))
    request = request_submit(
        actor=demo["oak_senco"],
        child=demo["leo"],
        school=demo["north_oak"],
        what_is_new="Little progress after two cycles.",
        family_agrees=True,
        views=Views(),
    )
    case = request.case
    decision_record(actor=demo["north_caseworker"], case=case, kind="assess", agreed=True)
    decision_record(
        actor=demo["north_caseworker"],
        case=case,
        kind="issue",
        agreed=False,
        reasons="Needs can be met through SEN support.",
    )
    assert case.stage == CaseStage.NOT_ISSUING
    plan.refresh_from_db()
    assert plan.status == SupportPlanStatus.ACTIVE
    assert list(demo["leo"].sen_statuses.values_list("pk", "provision", "end")) == register
