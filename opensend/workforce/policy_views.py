"""A school's SEND-related policies: the list, adding one, the full and the one-action review,
and the governors' approval (issue 10 item 4).

Thin views: read through selectors.policies (another school's policy is 404; a governor reads
but may not change, 403), call one service, redirect with a message saying what happens next.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from opensend.core.forms import add_service_errors
from opensend.core.services import StaleEditError
from opensend.law.dates import long_date
from opensend.workforce.models import PolicyKind
from opensend.workforce.policy_forms import PolicyAddForm, PolicyApproveForm, PolicyReviewForm
from opensend.workforce.selectors._access import can_manage, get_school_for_workforce
from opensend.workforce.selectors.policies import (
    DUE_SOON_DAYS,
    OVERDUE,
    UP_TO_DATE,
    get_policy_for,
    missing_core_kinds,
    owner_choices,
    policy_rows,
    row_for,
)
from opensend.workforce.services._base import today
from opensend.workforce.services.policies import (
    policy_add,
    policy_confirm_no_change,
)
from opensend.workforce.services.policies import (
    policy_approve as approve,
)
from opensend.workforce.services.policies import (
    policy_review as review,
)


def _problem(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


def _stale_message(policy) -> str:
    latest = policy.versions.order_by("-number").first()
    return (
        f"Someone else recorded a review of this policy (version {latest.number}, reviewed on "
        f"{long_date(latest.reviewed_on)}) while this page was open. Nothing has been saved twice. "
        "Check the history, then save again if your review is still needed."
    )


@login_required
@require_GET
def policy_list(request, school_id):
    school = get_school_for_workforce(request.user, school_id, manage=False)
    rows = policy_rows(school, today())
    context = {
        "school": school,
        "rows": rows,
        "can_manage": can_manage(request.user, school.pk),
        "missing": [(kind, PolicyKind(kind).label) for kind in missing_core_kinds(rows)],
        "overdue": sum(1 for row in rows if row.status == OVERDUE),
        "due": sum(1 for row in rows if row.status not in (OVERDUE, UP_TO_DATE)),
        "due_soon_days": DUE_SOON_DAYS,
    }
    return render(request, "workforce/policies/policy_list.html", context)


@login_required
def policy_new(request, school_id):
    school = get_school_for_workforce(request.user, school_id)
    owners = owner_choices(school, today())
    if request.method == "POST":
        form = PolicyAddForm(request.POST, owners=owners)
    else:
        form = PolicyAddForm(
            initial=PolicyAddForm.initial_for(request.GET.get("kind")), owners=owners
        )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policy = policy_add(
                actor=request.user,
                school=school,
                kind=data["kind"],
                title=data["title"],
                last_reviewed_on=data["last_reviewed_on"],
                owner=data["owner"],
                review_every_months=data["review_every_months"],
                document_url=data["document_url"],
                approved_by_governors_on=data["approved_by_governors_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{policy.title} added. Its next review is due by "
                f"{long_date(policy.next_review_on)}",
            )
            return redirect("workforce_policies", school.pk)
    return render(request, "workforce/policies/policy_new.html", {"school": school, "form": form})


def _detail_page(request, policy, approve_form=None):
    row = row_for(policy, today())
    manager = can_manage(request.user, policy.school_id)
    latest = row.latest
    if approve_form is None and manager and latest and not latest.approved_by_governors_on:
        approve_form = PolicyApproveForm(initial={"number": latest.number})
    context = {
        "policy": policy,
        "school": policy.school,
        "row": row,
        "can_manage": manager,
        "approve_form": approve_form if manager else None,
        # The error summary reads `form`: only the approval form posts back to this page.
        "form": approve_form if manager else None,
        "due_soon_days": DUE_SOON_DAYS,
    }
    return render(request, "workforce/policies/policy_detail.html", context)


@login_required
@require_GET
def policy_detail(request, policy_id):
    return _detail_page(request, get_policy_for(request.user, policy_id))


@login_required
def policy_review(request, policy_id):
    policy = get_policy_for(request.user, policy_id, manage=True)
    latest = policy.versions.order_by("-number").first()
    if request.method != "POST":
        form = PolicyReviewForm(
            initial={
                "version": policy.version,
                "reviewed_on": today(),
                "document_url": latest.document_url if latest else "",
            }
        )
        return _review_page(request, policy, form)
    form = PolicyReviewForm(request.POST)
    if not form.is_valid():
        return _review_page(request, policy, form)
    data = form.cleaned_data
    try:
        created = review(
            actor=request.user,
            policy=policy,
            version=data["version"],
            reviewed_on=data["reviewed_on"],
            outcome=data["outcome"],
            summary=data["summary"],
            document_url=data["document_url"],
            approved_by_governors_on=data["approved_by_governors_on"],
        )
    except StaleEditError as stale:
        rebased = request.POST.copy()
        rebased["version"] = stale.current.version
        form = PolicyReviewForm(rebased)
        form.is_valid()
        form.add_error(None, _stale_message(policy))
        return _review_page(request, policy, form)
    except ValidationError as error:
        add_service_errors(form, error)
        return _review_page(request, policy, form)
    messages.success(
        request,
        f"Review recorded as version {created.number}. The next review is due by "
        f"{long_date(policy.next_review_on)}",
    )
    return redirect("workforce_policy", policy.pk)


def _review_page(request, policy, form):
    row = row_for(policy, today())
    context = {"policy": policy, "school": policy.school, "row": row, "form": form}
    return render(request, "workforce/policies/policy_review.html", context)


def _version_from(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def policy_confirm(request, policy_id):
    """The light-touch review: one press of "Reviewed: no change" records it."""
    policy = get_policy_for(request.user, policy_id, manage=True)
    try:
        policy_confirm_no_change(actor=request.user, policy=policy, version=_version_from(request))
    except StaleEditError as stale:
        messages.error(
            request,
            f"{policy.title} was already reviewed since the page was loaded, so nothing was "
            f"recorded twice. Its next review is due by {long_date(stale.current.next_review_on)}",
        )
    except ValidationError as error:
        messages.error(request, f"The review was not recorded. {_problem(error)}")
    else:
        messages.success(
            request,
            f"{policy.title} reviewed: no change. Next review due by "
            f"{long_date(policy.next_review_on)}",
        )
    if request.POST.get("return_to") == "detail":
        return redirect("workforce_policy", policy.pk)
    return redirect("workforce_policies", policy.school_id)


@login_required
@require_POST
def policy_approve(request, policy_id):
    policy = get_policy_for(request.user, policy_id, manage=True)
    form = PolicyApproveForm(request.POST)
    if form.is_valid():
        latest = policy.versions.order_by("-number").first()
        if latest is None or latest.number != form.cleaned_data["number"]:
            form.add_error(
                None, "A newer version was recorded since the page was loaded. Approve that one"
            )
        else:
            try:
                approve(
                    actor=request.user,
                    policy_version=latest,
                    approved_on=form.cleaned_data["approved_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Governors' approval of version {latest.number} recorded: "
                    f"{long_date(form.cleaned_data['approved_on'])}",
                )
                return redirect("workforce_policy", policy.pk)
    return _detail_page(request, policy, approve_form=form)
