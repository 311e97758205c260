"""One case, as the council's SEND team sees it: where it stands, what came in, what is next.

Everything on the page is read through opensend.ehc.selectors (the case's council only: 404
for anyone else). The statutory dates come from the case (computed by opensend.law.ehc from the
day the request was received); an exception is shown with the limits it touches and never
moves a date (regs 5(4), 8(2), 10(4); DESIGN "Time").
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors
from opensend.ehc import selectors, services
from opensend.ehc.evidence import readable
from opensend.ehc.la_forms import AssignForm, ExceptionForm, WithdrawForm
from opensend.ehc.la_views._common import (
    advice_recipient,
    current_schools,
    rag_tag,
)
from opensend.ehc.models import (
    AdviceStatus,
    CaseStage,
    DecisionKind,
)
from opensend.people.models import Provision
from opensend.people.selectors import register_summary
from opensend.support.models import OPEN_STATUSES
from opensend.support.selectors import support_plans_for_child

# The limits an exception can touch (opensend.law.ehc.LIMITS), in words.
LIMIT_WORDS = {
    "decision_to_assess": "the decision whether to assess (6 weeks, reg 5(1))",
    "advice": "the advice (6 weeks from asking, reg 8(1))",
    "decision_not_to_issue": "the decision not to issue a plan (16 weeks, reg 10(1))",
    "final_plan": "the final plan (20 weeks, reg 13(2))",
}


def _requests(case) -> list[dict]:
    return [
        {"request": request, "evidence": readable(request.school_evidence)}
        for request in selectors.case_requests(case)
    ]


def _done(decision, due) -> dict | None:
    if decision is None:
        return None
    return {"on": decision.decided_on, "late": decision.decided_on > due}


def statutory_dates(case, decisions: dict, today) -> list[dict]:
    """Each statutory date, with what happened or its red/amber/green status."""
    assess = decisions.get(DecisionKind.ASSESS)
    issue = decisions.get(DecisionKind.ISSUE)
    refused_assessment = assess is not None and not assess.agreed
    rows = [
        {
            "label": "Request received",
            "date": case.received,
            "rule": "Children and Families Act 2014 s36(1): every limit counts from this day",
            "fixed": True,
        },
        {
            "label": "Decision whether to assess due",
            "date": case.decision_to_assess_due,
            "rule": "SEND Regulations 2014 reg 5(1): within 6 weeks",
            "done": _done(assess, case.decision_to_assess_due),
        },
        {
            "label": "Draft plan recommended by",
            "date": case.draft_plan_recommended_by,
            "rule": "Not a legal deadline: 14 weeks leaves time for the family's 15 days to "
            "comment (reg 13(1)) before the final plan",
            "not_needed": refused_assessment or (issue is not None and not issue.agreed),
        },
        {
            "label": "Decision not to issue a plan due",
            "date": case.decision_not_to_issue_due,
            "rule": "SEND Regulations 2014 reg 10(1): within 16 weeks",
            "done": _done(issue, case.decision_not_to_issue_due),
            "not_needed": refused_assessment,
        },
        {
            "label": "Final plan due",
            "date": case.final_plan_due,
            "rule": "SEND Regulations 2014 reg 13(2): within 20 weeks",
            "not_needed": refused_assessment or (issue is not None and not issue.agreed),
        },
    ]
    for row in rows:
        pending = not (row.get("fixed") or row.get("done") or row.get("not_needed"))
        row["rag"] = rag_tag(row["date"], today) if pending and case.is_open else None
    return rows


def continuity(user, child) -> dict:
    """Issue 7 item 7: the support the child has now, which the case leaves in force."""
    status = child.sen_statuses.filter(end__isnull=True).first()
    plans = list(support_plans_for_child(user, child).filter(status__in=OPEN_STATUSES))
    return {
        "register": register_summary(child),
        "has_ehc_plan": status is not None and status.provision == Provision.EHC_PLAN,
        "plans": plans,
    }


def _advice_rows(case, today) -> list[dict]:
    advice_requests = case.advice_requests.select_related(
        "recipient_user", "recipient_organisation"
    ).order_by("status", "due", "created_at")
    return [
        {
            "advice": advice,
            "who": advice_recipient(advice),
            "rag": rag_tag(advice.due, today) if advice.status == AdviceStatus.REQUESTED else None,
        }
        for advice in advice_requests
    ]


def _exceptions(case) -> list[dict]:
    pairs, _timeline = services.exception_reports(case)
    return [
        {
            "exception": exception,
            "applies_to": [LIMIT_WORDS.get(limit, limit) for limit in report.applies_to],
        }
        for exception, report in pairs
    ]


@login_required
def case_detail(request, case_id):
    user = request.user
    case = selectors.get_la_case_for(user, case_id)
    today = timezone.localdate()
    decisions = {
        decision.kind: decision
        for decision in case.decisions.select_related("letter", "decided_by")
    }
    advice_rows = _advice_rows(case, today)
    drafts = sum(1 for row in advice_rows if row["advice"].status == AdviceStatus.DRAFT)
    workers = selectors.caseworkers_for(user)
    return render(
        request,
        "ehc/la_case.html",
        {
            "case": case,
            "child": case.child,
            "schools": current_schools(case.child),
            "dates": statutory_dates(case, decisions, today),
            "requests": _requests(case),
            "continuity": continuity(user, case.child),
            "decisions": list(decisions.values()),
            "advice_rows": advice_rows,
            "drafts": drafts,
            "exceptions": _exceptions(case),
            "assign_form": AssignForm(
                initial={"caseworker": str(case.caseworker_id or "")}, workers=workers
            ),
            "is_assigned_to_me": case.caseworker_id == user.pk,
            "can_decide_assess": case.stage == CaseStage.REQUESTED,
            "can_decide_issue": case.stage == CaseStage.ASSESSING,
            "plan_versions": selectors.plan_versions_of_case(user, case),
            "next_rag": rag_tag(case.next_due, today) if case.is_open else None,
            "today": today,
        },
    )


@login_required
def case_assign(request, case_id):
    """Give the case to someone in the SEND team (POST from the case page)."""
    case = selectors.get_la_case_for(request.user, case_id)
    if request.method != "POST":
        return redirect("ehc_case", case.pk)
    form = AssignForm(request.POST, workers=selectors.caseworkers_for(request.user))
    if not form.is_valid():
        messages.info(request, form.errors["caseworker"][0])
        return redirect("ehc_case", case.pk)
    caseworker = form.chosen()
    try:
        services.case_assign(actor=request.user, case=case, caseworker=caseworker)
    except (ValidationError, PermissionDenied) as error:
        messages.info(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("ehc_case", case.pk)
    if caseworker is None:
        messages.success(request, "The case is not assigned to anyone now")
    elif caseworker.pk == request.user.pk:
        messages.success(request, "You are now the caseworker for this case")
    else:
        messages.success(request, f"{caseworker.full_name} is now the caseworker for this case")
    return redirect("ehc_case", case.pk)


@login_required
def case_withdraw(request, case_id):
    case = selectors.get_la_case_for(request.user, case_id)
    if not case.is_open:
        messages.info(request, f"This case is closed ({case.get_stage_display().lower()})")
        return redirect("ehc_case", case.pk)
    if request.method == "POST":
        form = WithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.case_withdraw(
                    actor=request.user, case=case, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The request is withdrawn and the case is closed")
                return redirect("ehc_case", case.pk)
    else:
        form = WithdrawForm()
    return render(request, "ehc/la_case_withdraw.html", {"case": case, "form": form})


@login_required
def exception_add(request, case_id):
    case = selectors.get_la_case_for(request.user, case_id)
    advice_requests = case.advice_requests.exclude(status=AdviceStatus.DRAFT).select_related(
        "recipient_organisation"
    )
    if request.method == "POST":
        form = ExceptionForm(request.POST, advice_requests=advice_requests)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.exception_record(
                    actor=request.user,
                    case=case,
                    kind=data["kind"],
                    start=data["start"],
                    end=data["end"],
                    note=data["note"],
                    advice_request=form.chosen_advice(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Exception recorded. It does not move any date")
                return redirect("ehc_case", case.pk)
    else:
        form = ExceptionForm(advice_requests=advice_requests)
    return render(request, "ehc/la_exception_add.html", {"case": case, "form": form})
