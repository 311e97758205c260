"""The advice for an assessment (SEND Regulations 2014 regs 6 and 8), as the council runs it.

The advice plan lists the case's requests for advice, adds one (someone already on OpenSEND,
or someone new who is invited to join), and sends every unsent one with one button: each
body's 6 weeks start the day it is sent (reg 8(1)). The manage page shows one request and the
advice given, and lets the council use existing advice instead (reg 6(4)), withdraw a request,
or withhold a piece of advice from the family, saying why.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors
from opensend.ehc import selectors, services
from opensend.ehc.la_forms import (
    PROFESSIONAL_ROLES,
    AdviceAddForm,
    AdviceReuseForm,
    AdviceShareForm,
)
from opensend.ehc.la_views._common import (
    advice_recipient,
    current_schools,
    rag_tag,
    send_drafts,
)
from opensend.ehc.models import OUTSTANDING_ADVICE, AdviceStatus, CaseStage
from opensend.organisations.models import Role

# Where the "Send N advice requests" button may send the person back to.
RETURN_TO = {"case": "ehc_case", "plan": "ehc_advice_plan"}


def _advice_form(request, case, data=None) -> AdviceAddForm:
    schools = current_schools(case.child)
    return AdviceAddForm(
        data,
        schools=selectors.schools_in_area(request.user),
        professionals=[
            (Role(role).label, selectors.professionals_for(case, role))
            for role in PROFESSIONAL_ROLES
        ],
        services=selectors.professional_services_for(case),
        current_school=schools[0] if schools else None,
    )


def _rows(case, today) -> list[dict]:
    advice_requests = case.advice_requests.select_related(
        "recipient_user", "recipient_organisation"
    ).order_by("created_at")
    return [
        {
            "advice": advice,
            "who": advice_recipient(advice),
            "rag": rag_tag(advice.due, today) if advice.status == AdviceStatus.REQUESTED else None,
        }
        for advice in advice_requests
    ]


def _send_all(request, case) -> None:
    drafts = list(case.advice_requests.filter(status=AdviceStatus.DRAFT))
    send_drafts(request, drafts, none_message="There are no advice requests waiting to be sent")


@login_required
def advice_plan(request, case_id):
    case = selectors.get_la_case_for(request.user, case_id)
    assessing = case.stage == CaseStage.ASSESSING
    form = None
    if request.method == "POST":
        if not assessing:
            messages.info(
                request,
                "Advice is asked for once the council has decided to assess (SEND Regulations "
                "2014 reg 6)",
            )
            return redirect("ehc_case", case.pk)
        if request.POST.get("action") == "send":
            _send_all(request, case)
            return redirect(
                RETURN_TO.get(request.POST.get("return_to"), "ehc_advice_plan"), case.pk
            )
        form = _advice_form(request, case, request.POST)
        if form.is_valid():
            try:
                services.advice_request_add(actor=request.user, case=case, **form.service_kwargs())
            except ValidationError as error:
                add_service_errors(
                    form,
                    error,
                    field_map={
                        "recipient_user": "professional",
                        "recipient_organisation": "school"
                        if form.cleaned_data["kind"] == "educational"
                        else "service",
                    },
                )
            else:
                messages.success(request, "Advice request added. It is not sent yet")
                return redirect("ehc_advice_plan", case.pk)
    elif assessing:
        form = _advice_form(request, case)
    rows = _rows(case, timezone.localdate())
    return render(
        request,
        "ehc/la_advice_plan.html",
        {
            "case": case,
            "child": case.child,
            "rows": rows,
            "drafts": sum(1 for row in rows if row["advice"].status == AdviceStatus.DRAFT),
            "form": form,
            "assessing": assessing,
        },
    )


def _manage_forms(advice, data=None, action=""):
    return {
        "reuse_form": AdviceReuseForm(data if action == "reuse" else None),
        "share_form": AdviceShareForm(
            data if action == "share" else None,
            initial={"shared": "yes" if advice.shared_with_family else "no"},
        ),
    }


def _manage_post(request, advice, action):
    """Returns (forms, done): done is True when the change was made."""
    forms = _manage_forms(advice, request.POST, action)
    user = request.user
    if action == "withdraw":
        try:
            services.advice_withdraw(actor=user, advice=advice)
        except ValidationError as error:
            messages.info(request, " ".join(error.messages))
        else:
            messages.success(request, "Advice request withdrawn")
        return forms, True
    if action == "reuse":
        form = forms["reuse_form"]
        if form.is_valid():
            try:
                services.advice_reuse(actor=user, advice=advice, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Existing advice recorded. Nobody needs to be asked")
                return forms, True
        return forms, False
    form = forms["share_form"]
    if form.is_valid():
        shared = form.cleaned_data["shared"] == "yes"
        try:
            services.advice_share_set(
                actor=user, advice=advice, shared=shared, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                "The family can see this advice"
                if shared
                else "This advice is withheld from the family",
            )
            return forms, True
    return forms, False


@login_required
def advice_manage(request, advice_id):
    advice = selectors.get_la_advice_for(request.user, advice_id)
    case = advice.case
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ("withdraw", "reuse", "share"):
            messages.info(request, "Choose what to do with this advice request")
            return redirect("ehc_advice_manage", advice.pk)
        forms, done = _manage_post(request, advice, action)
        if done:
            return redirect("ehc_advice_manage", advice.pk)
    else:
        forms = _manage_forms(advice)
    today = timezone.localdate()
    return render(
        request,
        "ehc/la_advice_manage.html",
        {
            "advice": advice,
            "case": case,
            "child": case.child,
            "who": advice_recipient(advice),
            "rag": rag_tag(advice.due, today) if advice.status == AdviceStatus.REQUESTED else None,
            "attachments": list(advice.attachments.defer("data")),
            "outstanding": advice.status in OUTSTANDING_ADVICE,
            "complete": advice.status in (AdviceStatus.SUBMITTED, AdviceStatus.REUSED),
            **forms,
        },
    )
