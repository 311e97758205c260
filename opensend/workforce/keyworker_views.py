"""Key-worker pages: caseloads and pupils, the assessment, choosing the key worker, ending it.

For the school's SENCO and head only: these pages name children, so a governor gets 403 and
anyone with no part in the school 404 (`get_school_for_workforce`, `get_assessment_for`,
`get_allocation_for`). The assessment always comes first (guidance: the allocation "should be
determined by an objective assessment of the needs of the disabled child or young person").
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.core.forms import add_service_errors
from opensend.workforce.keyworker_forms import AssessmentForm, ChooseForm, EndForm
from opensend.workforce.models import Service
from opensend.workforce.selectors._access import get_school_for_workforce
from opensend.workforce.selectors.keyworkers import (
    candidates_for,
    children_for_key_work,
    current_allocation,
    get_allocation_for,
    get_assessment_for,
    get_child_on_roll_for,
    key_worker_allocations,
    key_worker_caseloads,
    latest_assessment,
    search_roll,
    staff_without_key_worker_time,
)
from opensend.workforce.services._base import today
from opensend.workforce.services.keyworkers import (
    hours_label,
    key_worker_assess,
    key_worker_choose,
    key_worker_end,
)

SEARCH_MAX = 100


@login_required
def key_workers(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    # The search is posted, so a pupil's name never lands in a URL or a server log.
    query = request.POST.get("q", "").strip()[:SEARCH_MAX] if request.method == "POST" else ""
    caseloads = key_worker_caseloads(school)
    return render(
        request,
        "workforce/keyworkers/key_workers.html",
        {
            "school": school,
            "caseloads": caseloads,
            "needs_attention": any(row.has_left or row.over_capacity for row in caseloads),
            "no_time": list(staff_without_key_worker_time(school)),
            "allocations": list(key_worker_allocations(school)),
            "with_plans": list(children_for_key_work(school)),
            "query": query,
            "searched": request.method == "POST",
            "found": search_roll(school, query) if query else [],
        },
    )


@login_required
def assess(request, school_id, child_id):
    school = get_school_for_workforce(request.user, school_id)
    child = get_child_on_roll_for(request.user, school, child_id)
    earlier = latest_assessment(school, child)
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment = key_worker_assess(
                    actor=request.user, school=school, child=child, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Assessment saved. Now choose the key worker")
                return redirect("workforce_key_worker_choose", assessment.pk)
    else:
        form = AssessmentForm(initial=AssessmentForm.initial_from(earlier))
    return render(
        request,
        "workforce/keyworkers/assess.html",
        {
            "school": school,
            "child": child,
            "earlier": earlier,
            "current": current_allocation(school, child),
            "form": form,
        },
    )


def _choose_message(allocation) -> str:
    return (
        f"{allocation.worker.full_name} is now {allocation.child.full_name}'s key worker, "
        f"{hours_label(allocation.hours_per_week)} a week"
    )


@login_required
def choose(request, assessment_id):
    assessment = get_assessment_for(request.user, assessment_id)
    school, child = assessment.school, assessment.child
    candidates = candidates_for(assessment)
    if request.method == "POST":
        form = ChooseForm(request.POST, candidates=candidates)
        if form.is_valid():
            try:
                allocation = key_worker_choose(
                    actor=request.user,
                    assessment=assessment,
                    worker=form.chosen_worker(),
                    hours_per_week=form.cleaned_data["hours_per_week"],
                    starts_on=form.cleaned_data["starts_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _choose_message(allocation))
                return redirect("workforce_key_workers", school.pk)
    else:
        # No worker is pre-selected: the choice is made from the assessment, every time.
        form = ChooseForm(initial={"starts_on": today()}, candidates=candidates)
    return render(
        request,
        "workforce/keyworkers/choose.html",
        {
            "school": school,
            "child": child,
            "assessment": assessment,
            "service_labels": [Service(value).label for value in assessment.services],
            "candidates": candidates,
            "senco_without_reason": any(c.is_senco for c in candidates)
            and not assessment.senco_reason,
            "current": current_allocation(school, child),
            "form": form,
        },
    )


@login_required
@require_POST
def end(request, allocation_id):
    allocation = get_allocation_for(request.user, allocation_id)
    form = EndForm(request.POST)
    if form.is_valid():
        try:
            key_worker_end(
                actor=request.user, allocation=allocation, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{allocation.worker.full_name} is no longer "
                f"{allocation.child.full_name}'s key worker",
            )
            return redirect("workforce_key_workers", allocation.school_id)
    return render(
        request, "workforce/keyworkers/end.html", {"allocation": allocation, "form": form}
    )
