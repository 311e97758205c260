"""Reading an EHC plan, and the family's and the school's part in finalising it (issue 8).

- `plan_version`: a version as accessible HTML, sections A to K each under its own heading
  (SEND Regs 2014 reg 12(1)), only the sections the reader may see
  (`selectors.visible_sections`), with the versions of the plan the reader may see.
- `plan_pdf`: the same, as a tagged PDF named by version and date, never by the child.
- `plan_compare`: two versions of the same plan side by side, section by section.
- `plan_respond`: the family's answer to a served draft within their 15 days (reg 13(1)).
- `plan_consultation`: a consulted school's answer: can it meet the child's needs (CFA 2014
  s39(2))?
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from opensend.core.access import get_audited
from opensend.core.forms import add_service_errors
from opensend.core.models import AuditEventKind
from opensend.core.pdf import pdf_response, render_pdf
from opensend.ehc import plan_services, selectors
from opensend.ehc.models import PlanVersionStatus, SchoolConsultation
from opensend.ehc.plan_read_forms import ConsultationAnswerForm, DraftRespondForm
from opensend.ehc.plan_render import (
    SECTION_ORDER,
    compare_versions,
    plan_sections,
)
from opensend.ehc.selectors import ALL_SECTIONS, CLASSROOM_SECTIONS
from opensend.law.assessment import appeal_deadline

VERSION_RELATED = ("plan", "plan__child", "plan__local_authority", "plan__case", "placement")


def _versions_of(user, version):
    return list(
        selectors.plan_versions_visible_to(user)
        .filter(plan_id=version.plan_id)
        .order_by("number")
        .only("pk", "number", "status", "served_on", "issued_on", "change_reason", "created_at")
    )


def _reading_context(user, version) -> dict:
    letters = selectors.visible_sections(user, version)
    versions = _versions_of(user, version)
    earlier = [v for v in versions if v.number < version.number]
    return {
        "version": version,
        "plan": version.plan,
        "child": version.plan.child,
        "sections": plan_sections(version, letters),
        "all_sections": letters >= ALL_SECTIONS,
        "shown_letters": [letter for letter in SECTION_ORDER if letter in letters],
        "is_la": selectors.is_la_staff_for(user, version.plan.case),
        "versions": versions,
        "previous": earlier[-1] if earlier else None,
        "is_family": selectors.family_cases(user).filter(pk=version.plan.case_id).exists(),
        # Reg 14: an issued plan comes with the family's right of appeal and its time limit.
        "appeal_by": appeal_deadline(letter_date=version.issued_on) if version.issued_on else None,
    }


@login_required
def plan_version(request, version_id):
    version = selectors.get_plan_version_for(request.user, version_id)
    return render(request, "ehc/plan_read_version.html", _reading_context(request.user, version))


def _filename(version) -> str:
    day = version.issued_on or version.served_on or timezone.localdate()
    return f"ehc-plan-v{version.number}-{day:%Y-%m-%d}.pdf"


@login_required
def plan_pdf(request, version_id):
    """The version as a tagged PDF for whoever may read it, in their sections; a download is
    audited as one. Named by version and date, never by the child."""
    version = get_audited(
        selectors.plan_versions_visible_to(request.user).select_related(*VERSION_RELATED),
        version_id,
        user=request.user,
        subject_id=lambda found: found.plan.child_id,
        kind=AuditEventKind.DOWNLOADED,
    )
    letters = selectors.visible_sections(request.user, version)
    pdf = render_pdf(
        template_name="pdf/ehc_plan.html",
        context={
            "version": version,
            "child": version.plan.child,
            "plan": version.plan,
            "sections": plan_sections(version, letters),
            "all_sections": letters >= ALL_SECTIONS,
            "today": timezone.localdate(),
        },
        title=f"Education, health and care plan, version {version.number}",
    )
    return pdf_response(pdf=pdf, filename=_filename(version))


@login_required
def plan_compare(request, version_id, other_id):
    """Two versions of one plan side by side; both must be the reader's to see."""
    first = selectors.get_plan_version_for(request.user, version_id)
    second = selectors.get_plan_version_for(request.user, other_id)
    if first.plan_id != second.plan_id or first.pk == second.pk:
        raise Http404("Not found.")
    older, newer = sorted((first, second), key=lambda v: v.number)
    letters = selectors.visible_sections(request.user, older) & selectors.visible_sections(
        request.user, newer
    )
    return render(
        request,
        "ehc/plan_read_compare.html",
        {
            "version": first,
            "older": older,
            "newer": newer,
            "child": first.plan.child,
            "sections": compare_versions(older, newer, letters),
            "all_sections": letters >= ALL_SECTIONS,
        },
    )


# --- the family's answer to the draft --------------------------------------------------------


def _family_version(user, version_id):
    version = selectors.get_plan_version_for(user, version_id)
    if not selectors.family_cases(user).filter(pk=version.plan.case_id).exists():
        raise Http404("This page is for the family.")
    if version.served_on is None:  # only a draft sent for comments is answered here
        raise Http404("This version was not sent for comments.")
    return version


@login_required
def plan_respond(request, version_id):
    """Reg 13(1): at least 15 days, from the day the draft was served, to comment on it, ask
    for a school to be named, and ask to meet the council. After that, or once the family has
    answered, the page shows their answer."""
    version = _family_version(request.user, version_id)
    responses = list(version.responses.select_related("requested_school"))
    today = timezone.localdate()
    is_open = (
        version.status == PlanVersionStatus.SERVED
        and version.comments_close is not None
        and today <= version.comments_close
        and not responses
    )
    form = DraftRespondForm(
        request.POST if request.method == "POST" and is_open else None,
        local_authority=version.plan.local_authority,
    )
    if request.method == "POST":
        if not is_open:
            messages.info(request, "This draft is no longer open for comments.")
            return redirect("ehc_plan_respond", version_id=version.pk)
        if form.is_valid():
            try:
                plan_services.draft_respond(
                    actor=request.user, version=version, **form.cleaned_data
                )
            except PermissionDenied as error:
                raise Http404("This page is for the family.") from error
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Your answer has been sent to {version.plan.local_authority.name}.",
                )
                return redirect("ehc_plan_respond", version_id=version.pk)
    return render(
        request,
        "ehc/plan_read_respond.html",
        {
            "version": version,
            "child": version.plan.child,
            "form": form,
            "is_open": is_open,
            "responses": responses,
            "young_person": version.plan.child.account_id == request.user.pk,
        },
    )


# --- a consulted school's answer -------------------------------------------------------------


def _get_consultation_for(user, consultation_id) -> SchoolConsultation:
    """Consultations sent to a school the person is SENCO or head of."""
    return get_audited(
        SchoolConsultation.objects.filter(
            school_id__in=selectors.school_manager_ids(user)
        ).select_related(
            "school",
            "version",
            "version__plan",
            "version__plan__child",
            "version__plan__local_authority",
            "responded_by",
        ),
        consultation_id,
        user=user,
        subject_id=lambda found: found.version.plan.child_id,
    )


@login_required
def plan_consultation(request, consultation_id):
    """The consulted school reads the draft's needs, outcomes and provision (B, E, F) here —
    a school that is not the child's may not otherwise see the draft — and answers."""
    consultation = _get_consultation_for(request.user, consultation_id)
    version = consultation.version
    answered = consultation.responded_on is not None
    posted = request.POST if request.method == "POST" and not answered else None
    form = ConsultationAnswerForm(posted)
    if request.method == "POST":
        if answered:
            messages.info(request, "The school has already answered.")
            return redirect("ehc_plan_consultation", consultation_id=consultation.pk)
        if form.is_valid():
            try:
                plan_services.consultation_respond(
                    actor=request.user,
                    consultation=consultation,
                    can_meet_needs=form.cleaned_data["can_meet_needs"],
                    response=form.cleaned_data["response"],
                )
            except PermissionDenied as error:
                raise Http404("Not found.") from error
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"Your answer has been sent to {version.plan.local_authority.name}."
                )
                return redirect("ehc_plan_consultation", consultation_id=consultation.pk)
    can_read_version = (
        selectors.plan_versions_visible_to(request.user).filter(pk=version.pk).exists()
    )
    return render(
        request,
        "ehc/plan_read_consultation.html",
        {
            "consultation": consultation,
            "version": version,
            "child": version.plan.child,
            "sections": plan_sections(version, CLASSROOM_SECTIONS),
            "can_read_version": can_read_version,
            "form": form,
            "answered": answered,
        },
    )
