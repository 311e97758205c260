"""The council writes the EHC plan: start the draft, edit it, serve it, and issue the final plan.

SEND Regulations 2014: the draft names no school and the family has 15 days to comment (reg
13(1)); the final plan names the placement (reg 12(1)(i)); from Year 9 the plan says how it
prepares for adulthood (reg 12(3)). A served or issued version is frozen: these pages refuse
to change it and say why (the services refuse too).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.forms import add_service_errors, save_versioned
from opensend.ehc import plan_services, selectors
from opensend.ehc.la_views._common import current_enrolment
from opensend.ehc.models import (
    NeedSection,
    PlanNeed,
    PlanOutcome,
    PlanVersion,
    PlanVersionStatus,
    ProvisionSection,
)
from opensend.ehc.plan_la_forms import (
    ConsultForm,
    IssueForm,
    NeedAddForm,
    OutcomeAddForm,
    PlanTextForm,
    ProvisionAddForm,
    RedraftForm,
    need_label,
    outcome_label,
)

FROZEN_MESSAGE = "Version {number} is {status}: it cannot be changed. Nothing was changed."


def get_la_plan_version_for(user, version_id) -> PlanVersion:
    """A version of one of the council's own plans (drafts included), or 404; audited."""
    return get_audited(
        PlanVersion.objects.filter(plan__case__in=selectors.la_cases(user)).select_related(
            "plan", "plan__case", "plan__case__child", "plan__child", "placement"
        ),
        version_id,
        user=user,
        subject_id=lambda version: version.plan.child_id,
    )


def version_url(version) -> str:
    """The read-only page of a version (ehc_plan_version), or this editor if it is not there."""
    try:
        return reverse("ehc_plan_version", args=[version.pk])
    except NoReverseMatch:
        return reverse("ehc_plan_edit", args=[version.pk])


def _refuse_if_frozen(request, version):
    """For a POST to a served or issued version: a message and back to the editor."""
    if version.status == PlanVersionStatus.DRAFT:
        return None
    messages.info(
        request,
        FROZEN_MESSAGE.format(number=version.number, status=version.get_status_display().lower()),
    )
    return redirect("ehc_plan_edit", version.pk)


def _problem(error) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


# --- starting the draft ---------------------------------------------------------------------


@login_required
def plan_start(request, case_id):
    case = selectors.get_la_case_for(request.user, case_id)
    if request.method != "POST":
        return redirect("ehc_case", case.pk)
    try:
        version = plan_services.plan_draft_start(actor=request.user, case=case)
    except (ValidationError, PermissionDenied) as error:
        messages.info(request, _problem(error))
        return redirect("ehc_case", case.pk)
    messages.success(request, "Draft plan started from the assessment's advice")
    return redirect("ehc_plan_edit", version.pk)


# --- the editor -------------------------------------------------------------------------------


def _rows(version) -> dict:
    """The version's needs, outcomes and provision, each list fetched once (constant queries)."""
    needs = list(version.needs.all())
    outcomes = list(
        version.outcomes.prefetch_related(
            Prefetch("needs", queryset=PlanNeed.objects.order_by("section", "order"))
        )
    )
    provision = list(
        version.provision.prefetch_related(
            Prefetch("outcomes", queryset=PlanOutcome.objects.order_by("order"))
        )
    )
    lines = []
    for line in provision:
        # The outcomes are prefetched, so the findings' outcome count runs no query.
        findings = plan_services.provision_findings_for(line)
        lines.append(
            {
                "line": line,
                "findings": findings,
                "outcomes": [outcome_label(outcome) for outcome in line.outcomes.all()],
            }
        )
    return {
        "needs": needs,
        "outcomes": outcomes,
        "need_sections": [
            {
                "key": key,
                "label": label,
                "needs": [need for need in needs if need.section == key],
            }
            for key, label in NeedSection.choices
        ],
        "outcome_rows": [
            {"outcome": outcome, "needs": [need_label(need) for need in outcome.needs.all()]}
            for outcome in outcomes
        ],
        "provision_sections": [
            {
                "key": key,
                "label": label,
                "lines": [row for row in lines if row["line"].section == key],
            }
            for key, label in ProvisionSection.choices
        ],
        "vague_lines": sum(1 for row in lines if row["findings"]),
    }


def _render_editor(request, version, *, forms=None, differences=None, serve_problems=()):
    case = version.plan.case
    context = {
        "version": version,
        "case": case,
        "child": case.child,
        "frozen": version.status != PlanVersionStatus.DRAFT,
        "version_url": version_url(version),
        "served": version.status == PlanVersionStatus.SERVED,
    }
    if context["frozen"]:
        return render(request, "ehc/plan_la_edit.html", context)
    rows = _rows(version)
    year_nine = plan_services.is_year_nine_or_above(case)
    forms = forms or {}
    text_form = forms.get("text_form") or PlanTextForm(
        year_nine=year_nine,
        initial={
            "version": version.version,
            **{name: getattr(version, name) for name in plan_services.VERSION_TEXT_FIELDS},
        },
    )
    all_forms = {
        "text_form": text_form,
        "need_form": forms.get("need_form") or NeedAddForm(),
        "outcome_form": forms.get("outcome_form") or OutcomeAddForm(needs=rows["needs"]),
        "provision_form": forms.get("provision_form")
        or ProvisionAddForm(outcomes=rows["outcomes"]),
    }
    bound = next((form for form in all_forms.values() if form.is_bound and form.errors), None)
    context.update(rows)
    context.update(all_forms)
    context.update(
        {
            "form": bound,
            "differences": differences,
            "serve_problems": list(serve_problems),
            "year_nine": year_nine,
            "advice": list(version.advice.all()),
        }
    )
    return render(request, "ehc/plan_la_edit.html", context)


@login_required
def plan_edit(request, version_id):
    version = get_la_plan_version_for(request.user, version_id)
    if request.method != "POST":
        return _render_editor(request, version)
    refused = _refuse_if_frozen(request, version)
    if refused:
        return refused
    year_nine = plan_services.is_year_nine_or_above(version.plan.case)

    def save(form):
        return plan_services.plan_version_update(
            actor=request.user,
            version=version,
            data=form.changed_data_for_service(),
            expected_version=form.cleaned_data["version"],
        )

    form, differences, saved = save_versioned(PlanTextForm, request.POST, save, year_nine=year_nine)
    if saved is None:
        return _render_editor(request, version, forms={"text_form": form}, differences=differences)
    messages.success(request, "Draft plan saved")
    return redirect("ehc_plan_edit", version.pk)


def _add_row(request, version_id, form_key, make_form, add, success):
    version = get_la_plan_version_for(request.user, version_id)
    if request.method != "POST":
        return redirect("ehc_plan_edit", version.pk)
    refused = _refuse_if_frozen(request, version)
    if refused:
        return refused
    form = make_form(version, request.POST)
    if form.is_valid():
        try:
            result = add(version, form)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success(result))
            return redirect("ehc_plan_edit", version.pk)
    return _render_editor(request, version, forms={form_key: form})


@login_required
def need_add(request, version_id):
    return _add_row(
        request,
        version_id,
        "need_form",
        lambda version, data: NeedAddForm(data),
        lambda version, form: plan_services.plan_need_add(
            actor=request.user, version=version, **form.cleaned_data
        ),
        lambda need: f"Need added to section {need.section}",
    )


@login_required
def outcome_add(request, version_id):
    return _add_row(
        request,
        version_id,
        "outcome_form",
        lambda version, data: OutcomeAddForm(data, needs=version.needs.all()),
        lambda version, form: plan_services.plan_outcome_add(
            actor=request.user, version=version, **form.service_kwargs()
        ),
        lambda outcome: "Outcome added",
    )


def _provision_message(result) -> str:
    if result.findings:
        count = len(result.findings)
        return (
            f"Provision added. It needs more detail: {count} warning{'s' if count != 1 else ''} "
            "beside it say what to change"
        )
    return "Provision added"


@login_required
def provision_add(request, version_id):
    return _add_row(
        request,
        version_id,
        "provision_form",
        lambda version, data: ProvisionAddForm(data, outcomes=version.outcomes.all()),
        lambda version, form: plan_services.plan_provision_add(
            actor=request.user, version=version, **form.service_kwargs()
        ),
        _provision_message,
    )


ROW_KINDS = {"need": "needs", "outcome": "outcomes", "provision": "provision"}


@login_required
def row_remove(request, version_id, kind, row_id):
    if kind not in ROW_KINDS:
        raise Http404("Not found.")
    version = get_la_plan_version_for(request.user, version_id)
    row = getattr(version, ROW_KINDS[kind]).filter(pk=row_id).first()
    if row is None:
        raise Http404("Not found.")
    if request.method != "POST":
        return redirect("ehc_plan_edit", version.pk)
    refused = _refuse_if_frozen(request, version)
    if refused:
        return refused
    try:
        plan_services.plan_row_remove(actor=request.user, row=row)
    except ValidationError as error:
        messages.info(request, _problem(error))
    else:
        messages.success(request, f"{kind.capitalize()} removed")
    return redirect("ehc_plan_edit", version.pk)


@login_required
def plan_serve(request, version_id):
    version = get_la_plan_version_for(request.user, version_id)
    if request.method != "POST":
        return redirect("ehc_plan_edit", version.pk)
    refused = _refuse_if_frozen(request, version)
    if refused:
        return refused
    try:
        served = plan_services.plan_draft_serve(actor=request.user, version=version)
    except ValidationError as error:
        return _render_editor(request, version, serve_problems=error.messages)
    messages.success(
        request,
        f"Draft plan sent to the family. They have until {served.comments_close:%-d %B %Y} "
        "to comment (SEND Regulations 2014 reg 13(1))",
    )
    return redirect("ehc_plan_finalise", served.pk)


# --- after the family's comments: consult, redraft or issue -----------------------------------


def _finalise_forms(request, version, data=None, action=""):
    schools = list(selectors.schools_in_area(request.user))
    enrolment = current_enrolment(version.plan.case.child)
    return {
        "issue_form": IssueForm(
            data if action == "issue" else None,
            schools=schools,
            current_school=enrolment.school if enrolment else None,
        ),
        "redraft_form": RedraftForm(data if action == "redraft" else None),
        "consult_form": ConsultForm(data if action == "consult" else None, schools=schools),
    }


def _finalise_post(request, version, action, forms):
    """The redirect once done, or None to show the forms again with their errors."""
    form = forms[f"{action}_form"]
    if not form.is_valid():
        return None
    user = request.user
    try:
        if action == "issue":
            final = plan_services.plan_issue(actor=user, version=version, **form.service_kwargs())
            messages.success(request, f"Final plan issued: version {final.number}")
            return redirect(version_url(final))
        if action == "redraft":
            draft = plan_services.plan_redraft(
                actor=user, version=version, reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"New draft started: version {draft.number}")
            return redirect("ehc_plan_edit", draft.pk)
        school = form.schools[form.cleaned_data["school"]]
        consultation = plan_services.consultation_send(actor=user, version=version, school=school)
        messages.success(
            request,
            f"{school.name} asked whether it can meet the child's needs, by "
            f"{consultation.respond_by:%-d %B %Y}",
        )
        return redirect("ehc_plan_finalise", version.pk)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
def plan_finalise(request, version_id):
    version = get_la_plan_version_for(request.user, version_id)
    if version.status != PlanVersionStatus.SERVED:
        messages.info(
            request,
            "Only a draft sent to the family can be issued as the final plan or changed. "
            f"Version {version.number} is {version.get_status_display().lower()}.",
        )
        return redirect("ehc_plan_edit", version.pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST" and action not in ("issue", "redraft", "consult"):
        messages.info(request, "Choose whether to issue the final plan or make changes first")
        return redirect("ehc_plan_finalise", version.pk)
    forms = _finalise_forms(request, version, request.POST if action else None, action)
    if action:
        done = _finalise_post(request, version, action, forms)
        if done is not None:
            return done
    bound = forms.get(f"{action}_form") if action else None
    responses = list(version.responses.select_related("requested_school", "created_by"))
    return render(
        request,
        "ehc/plan_la_finalise.html",
        {
            "version": version,
            "case": version.plan.case,
            "child": version.plan.case.child,
            "responses": responses,
            # Reg 13(1): the final plan waits for the family's answer or the end of 15 days.
            "waiting": not responses and timezone.localdate() <= version.comments_close,
            "consultations": list(version.consultations.select_related("school")),
            "form": bound,
            "action": action,
            **forms,
        },
    )
