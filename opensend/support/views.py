"""Thin views for SEN support plans: selector, form, service, redirect.

Who may do what (opensend.support.services and .selectors): anyone who may see a plan reads it
(the look is audited); only the SENCO or head of the plan's school changes it. Change pages are
403 for those who read the plan but may not change it, 404 for everyone else. A reviewed plan is
frozen: its page offers no changes, and the services refuse them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.forms import add_service_errors
from opensend.core.list_downloads import download_links, list_download
from opensend.core.school_choice import to_school_page
from opensend.core.tables import Table, table
from opensend.law.dates import add_months
from opensend.people import selectors as people_selectors
from opensend.people.selectors import can_edit_register
from opensend.support import selectors, services
from opensend.support.forms import OutcomeAddForm, SupportPlanReviewForm, SupportPlanStartForm
from opensend.support.models import OPEN_STATUSES, SupportPlanStatus
from opensend.support.selectors import PlanFilter

# The next review is usually a term on; the form offers three months and the SENCO changes it.
NEXT_REVIEW_MONTHS = 3


def _posted(request):
    return request.POST if request.method == "POST" else None


def _editable_plan(request, plan_id):
    """A plan this person may change: 404 outside their reach, 403 if they only read it."""
    plan = selectors.get_support_plan_for(request.user, plan_id)
    if not can_edit_register(request.user, plan.school):
        raise PermissionDenied("Only the SENCO or head teacher can change support plans.")
    return plan


def _add_provision(request, plan, outcome, form) -> None:
    if form.has_provision():
        data = form.cleaned_data
        services.provision_add(
            actor=request.user,
            plan=plan,
            outcome=outcome,
            what=data["what"],
            who=data["who"],
            frequency=data["frequency"],
            start=data["start"],
            end=data["end"],
        )


@login_required
def support_plan_start(request, child_id):
    child = people_selectors.get_child_for(request.user, child_id)
    school = people_selectors.get_register_school_for_child(request.user, child)
    open_plan = (
        selectors.support_plans_for_child(request.user, child)
        .filter(school=school, status__in=OPEN_STATUSES)
        .first()
    )
    if open_plan is not None:
        messages.info(request, "This pupil already has a support plan: change that one")
        return redirect("support_plan_detail", open_plan.pk)
    today = timezone.localdate()
    form = SupportPlanStartForm(_posted(request), initial={"start": today})
    if request.method == "POST" and form.is_valid():
        try:
            # The plan, its first outcome and its provision stand or fall together.
            with transaction.atomic():
                plan = services.support_plan_start(
                    actor=request.user, child=child, school=school, today=today, **form.plan_data()
                )
                _add_outcome_with_provision(request, plan, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Support plan started as a draft")
            return redirect("support_plan_detail", plan.pk)
    return render(
        request, "support/plan_start.html", {"child": child, "school": school, "form": form}
    )


def _add_outcome_with_provision(request, plan, form) -> None:
    """The outcome from the form, and the provision that meets it if the form gave one."""
    outcome = services.outcome_add(
        actor=request.user,
        plan=plan,
        description=form.cleaned_data["description"],
        success_criteria=form.cleaned_data["success_criteria"],
    )
    _add_provision(request, plan, outcome, form)


@login_required
def support_plan_detail(request, plan_id):
    plan = selectors.get_support_plan_for(request.user, plan_id)
    outcomes = list(plan.outcomes.prefetch_related("provisions").select_related("review"))
    review = getattr(plan, "review", None) if plan.is_frozen else None
    next_plan = getattr(plan, "next_plan", None) if plan.is_frozen else None
    can_edit = not plan.is_frozen and can_edit_register(request.user, plan.school)
    return render(
        request,
        "support/plan_detail.html",
        {
            "plan": plan,
            "child": plan.child,
            "outcomes": outcomes,
            "general_provision": list(plan.provisions.filter(outcome__isnull=True)),
            "review": review,
            "next_plan": next_plan,
            "can_edit": can_edit,
            # Interventions are the school's own records: link to them for its staff only.
            "sees_provision_map": plan.school_id in people_selectors.staff_school_ids(request.user),
            "is_draft": plan.status == SupportPlanStatus.DRAFT,
            "is_active": plan.status == SupportPlanStatus.ACTIVE,
        },
    )


@login_required
def outcome_add(request, plan_id):
    plan = _editable_plan(request, plan_id)
    if plan.is_frozen:
        messages.info(request, "This plan has been reviewed and is kept as it was")
        return redirect("support_plan_detail", plan.pk)
    form = OutcomeAddForm(_posted(request), initial={"start": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                _add_outcome_with_provision(request, plan, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome added")
            return redirect("support_plan_detail", plan.pk)
    return render(
        request, "support/outcome_add.html", {"plan": plan, "child": plan.child, "form": form}
    )


@login_required
@require_POST
def support_plan_activate(request, plan_id):
    plan = _editable_plan(request, plan_id)
    try:
        services.support_plan_activate(actor=request.user, plan=plan)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, "The plan is now active")
    return redirect("support_plan_detail", plan.pk)


@login_required
def support_plan_review(request, plan_id):
    plan = _editable_plan(request, plan_id)
    if plan.status != SupportPlanStatus.ACTIVE:
        if plan.is_frozen:
            messages.info(request, "This plan has already been reviewed")
        else:
            messages.info(request, "Make the plan active before reviewing it")
        return redirect("support_plan_detail", plan.pk)
    outcomes = list(plan.outcomes.order_by("order"))
    today = timezone.localdate()
    form = SupportPlanReviewForm(
        _posted(request),
        outcomes=outcomes,
        initial=SupportPlanReviewForm.initial_for(
            outcomes, today, add_months(today, NEXT_REVIEW_MONTHS)
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            next_plan = services.support_plan_review(
                actor=request.user,
                plan=plan,
                review_date=data["review_date"],
                summary=data["summary"],
                progress=form.progress(),
                next_step=data["next_step"],
                parent_contributed=data["parent_contributed"],
                pupil_contributed=data["pupil_contributed"],
                next_review_due=data["next_review_due"],
                carry_over=form.carry_over(),
                agreed=data["agreed"],
            )
        except ValidationError as error:
            first = f"progress_{outcomes[0].order}" if outcomes else None
            add_service_errors(form, error, {"progress": first})
        else:
            if next_plan is None:
                messages.success(request, "Review saved. SEN support has ended")
                return redirect("child_detail", plan.child_id)
            if next_plan.status == SupportPlanStatus.ACTIVE:
                messages.success(request, "Review saved. The next plan is active")
            else:
                messages.success(
                    request, "Review saved. The next plan is ready as a draft: check and change it"
                )
            return redirect("support_plan_detail", next_plan.pk)
    return render(
        request,
        "support/plan_review.html",
        {"plan": plan, "child": plan.child, "form": form},
    )


@login_required
def support_plans_index(request):
    """The menu's "Support plans": straight to the school's list, or a choice of schools."""
    return to_school_page(
        request,
        people_selectors.schools_for_register(request.user),
        url_name="school_support_plans",
        title="Support plans",
        none_message="You are not on the staff of a school.",
    )


@login_required
def school_support_plans(request, school_id):
    """The school's open plans, soonest review first, and pupils on SEN support with none."""
    school = people_selectors.get_register_school_for(request.user, school_id)
    show = request.GET.get("show", PlanFilter.ALL)
    if show not in PlanFilter.CHOICES:
        show = PlanFilter.ALL  # an old or mistyped link: show everything rather than fail
    overview = selectors.school_support_plans(
        request.user, school, today=timezone.localdate(), show=show
    )
    download = list_download(
        request,
        {
            "plans": lambda: _plans_table(overview, PlanFilter.CHOICES[show]),
            "without_plan": lambda: _without_plan_table(overview),
        },
        filename_stem=f"support-plans-{school.urn or school.pk}",
        what="School support plans",
        organisation_id=school.pk,
        filters={"show": show},
    )
    if download:
        return download
    return render(
        request,
        "support/school_plans.html",
        {
            "school": school,
            "overview": overview,
            "show": show,
            "filters": [
                (key, label, overview.counts[key]) for key, label in PlanFilter.CHOICES.items()
            ],
            "shown_label": PlanFilter.CHOICES[show],
            "can_edit": can_edit_register(request.user, school),
            "downloads": {
                "plans": download_links(request, "plans"),
                "without_plan": download_links(request, "without_plan"),
            },
        },
    )


def _review_words(row) -> str:
    """The tag beside the review date, in the page's words."""
    if row.is_overdue:
        return "Overdue"
    if row.is_due:
        if row.days_to_review == 0:
            return "Due today"
        return f"Due in {row.days_to_review} day{'' if row.days_to_review == 1 else 's'}"
    return ""


def _plans_table(overview, caption: str) -> Table:
    """The plans the page lists (its "show" filter applied), for a spreadsheet."""
    return table(
        "plans",
        caption,
        ("Pupil", "Year", "Plan", "Status", "Review date", "Review"),
        [
            (
                row.plan.child.full_name,
                row.year_group,
                row.plan.cycle,
                row.plan.get_status_display(),
                row.plan.review_due,
                _review_words(row),
            )
            for row in overview.rows
        ],
        numeric_columns=frozenset(),
    )


def _without_plan_table(overview) -> Table:
    return table(
        "without_plan",
        "Pupils on SEN support without a plan",
        ("Pupil",),
        [(child.full_name,) for child in overview.without_plan],
        numeric_columns=frozenset(),
    )
