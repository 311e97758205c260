"""Thin views for changing a plan after it is written: its text, outcomes and provision.

The same rules as the other plan pages (opensend.support.views): 404 outside the person's reach,
403 for those who read the plan but may not change it, and a reviewed plan is kept as it was, so
its change pages send the person back to it with a message. Every edit carries the version it
was made from; a stale one is shown again with the other person's changes beside it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.forms import add_service_errors, save_versioned
from opensend.people.selectors import can_edit_register
from opensend.support import selectors, services
from opensend.support.forms import (
    OutcomeEditForm,
    ProvisionEditForm,
    ProvisionForm,
    SupportPlanEditForm,
)

FROZEN_MESSAGE = "This plan has been reviewed and is kept as it was"


def _closed_to_changes(request, plan):
    """403 for those who may not change the plan; for a reviewed plan, the way back to it with
    a message; None when the change page may be shown."""
    if not can_edit_register(request.user, plan.school):
        raise PermissionDenied("Only the SENCO or head teacher can change support plans.")
    if plan.is_frozen:
        messages.info(request, FROZEN_MESSAGE)
        return redirect("support_plan_detail", plan.pk)
    return None


@login_required
def support_plan_edit(request, plan_id):
    plan = selectors.get_support_plan_for(request.user, plan_id)
    if closed := _closed_to_changes(request, plan):
        return closed
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            SupportPlanEditForm,
            request.POST,
            lambda form: services.support_plan_update(
                actor=request.user,
                plan=plan,
                data=form.plan_data(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, "Plan saved")
            return redirect("support_plan_detail", plan.pk)
    else:
        form = SupportPlanEditForm(initial=SupportPlanEditForm.initial_from(plan))
    return render(
        request,
        "support/plan_edit.html",
        {"plan": plan, "child": plan.child, "form": form, "differences": differences},
    )


@login_required
def outcome_edit(request, outcome_id):
    outcome = selectors.get_outcome_for(request.user, outcome_id)
    plan = outcome.plan
    if closed := _closed_to_changes(request, plan):
        return closed
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            OutcomeEditForm,
            request.POST,
            lambda form: services.outcome_update(
                actor=request.user,
                outcome=outcome,
                data=form.outcome_data(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, f"Outcome {outcome.order} saved")
            return redirect("support_plan_detail", plan.pk)
    else:
        form = OutcomeEditForm(
            initial={
                "description": outcome.description,
                "success_criteria": outcome.success_criteria,
                "version": outcome.version,
            }
        )
    return render(
        request,
        "support/outcome_edit.html",
        {
            "plan": plan,
            "child": plan.child,
            "outcome": outcome,
            "form": form,
            "differences": differences,
        },
    )


def _confirm_then_remove(request, plan, remove, *, done: str, **page):
    """GOV.UK asks before deleting: the confirmation page on GET, the removal on POST."""
    if closed := _closed_to_changes(request, plan):
        return closed
    if request.method == "POST":
        remove()
        messages.success(request, done)
        return redirect("support_plan_detail", plan.pk)
    return render(
        request, "support/remove_confirm.html", {"plan": plan, "child": plan.child, **page}
    )


@login_required
def outcome_remove(request, outcome_id):
    outcome = selectors.get_outcome_for(request.user, outcome_id)
    return _confirm_then_remove(
        request,
        outcome.plan,
        lambda: services.outcome_remove(actor=request.user, outcome=outcome),
        done="Outcome removed",
        heading=f"Remove outcome {outcome.order}?",
        what=outcome.description,
        consequence="Any support for this outcome stays on the plan as other support.",
        button="Remove the outcome",
    )


def _open_plan_outcomes(plan):
    return list(plan.outcomes.order_by("order"))


@login_required
def provision_add(request, plan_id):
    plan = selectors.get_support_plan_for(request.user, plan_id)
    if closed := _closed_to_changes(request, plan):
        return closed
    outcomes = _open_plan_outcomes(plan)
    form = ProvisionForm(
        request.POST if request.method == "POST" else None,
        outcomes=outcomes,
        initial={"start": timezone.localdate(), "outcome": ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.provision_add(actor=request.user, plan=plan, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Support added")
            return redirect("support_plan_detail", plan.pk)
    return render(
        request,
        "support/provision_form.html",
        {"plan": plan, "child": plan.child, "form": form, "heading": "Add support"},
    )


@login_required
def provision_edit(request, provision_id):
    provision = selectors.get_provision_for(request.user, provision_id)
    plan = provision.plan
    if closed := _closed_to_changes(request, plan):
        return closed
    form_kwargs = {"outcomes": _open_plan_outcomes(plan)}
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            ProvisionEditForm,
            request.POST,
            lambda form: services.provision_update(
                actor=request.user,
                provision=provision,
                data=form.service_data(),
                expected_version=form.cleaned_data["version"],
            ),
            **form_kwargs,
        )
        if saved:
            messages.success(request, "Support saved")
            return redirect("support_plan_detail", plan.pk)
    else:
        form = ProvisionEditForm(initial=ProvisionForm.initial_from(provision), **form_kwargs)
    return render(
        request,
        "support/provision_form.html",
        {
            "plan": plan,
            "child": plan.child,
            "form": form,
            "provision": provision,
            "differences": differences,
            "heading": "Change support",
        },
    )


@login_required
def provision_remove(request, provision_id):
    provision = selectors.get_provision_for(request.user, provision_id)
    return _confirm_then_remove(
        request,
        provision.plan,
        lambda: services.provision_remove(actor=request.user, provision=provision),
        done="Support removed",
        heading="Remove this support?",
        what=f"{provision.what}: {provision.who}, {provision.frequency}",
        consequence=(
            "Remove support only if it was entered by mistake. If it has stopped, change it "
            "and give the date it ended, so the plan shows what the pupil had."
        ),
        button="Remove the support",
    )
