"""Pages for the people who give advice for an EHC needs assessment (SEND Regulations 2014
reg 6(1)): invited professionals (an educational psychologist, health, social care), the
child's school (educational advice, from its SENCO or head) and the family (their own advice).

Each sees only the requests addressed to them (`selectors.advice_for_responder`) and, through
each, only that child: the name, date of birth, school and needs from the register, never
the rest of the case. The advice is due 6 weeks after it was asked for (reg 8(1)). Once given
it is read-only for its author, who keeps it to read; documents are downloaded through a
permission-checked, audited page under a neutral filename that never names the child.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from opensend.core.forms import add_service_errors
from opensend.ehc import selectors, services
from opensend.ehc.advice_forms import ADVICE_FIELDS, AdviceForm, answers, questions_for
from opensend.ehc.models import AdviceStatus
from opensend.law.assessment import Rag, rag

# The work tray's words for red, amber and green, so colour is never the only signal.
RAG_WORDS = {Rag.RED: "Overdue", Rag.AMBER: "Due soon", Rag.GREEN: "On time"}
RAG_TAGS = {
    Rag.RED: "govuk-tag--red",
    Rag.AMBER: "govuk-tag--yellow",
    Rag.GREEN: "govuk-tag--green",
}


def _status(advice, today) -> dict | None:
    """Red, amber or green for advice still to give (overdue, due within 14 days, on time)."""
    if advice.status != AdviceStatus.REQUESTED or advice.due is None:
        return None
    colour = rag(due=advice.due, today=today)
    return {"words": RAG_WORDS[colour], "tag": RAG_TAGS[colour]}


def _given_on(advice):
    return timezone.localdate(advice.submitted_at) if advice.submitted_at else None


@login_required
@require_safe
def advice_list(request):
    """ "Advice asked of you": still to give first, soonest due first; given advice stays."""
    today = timezone.localdate()
    rows = (
        selectors.advice_for_responder(request.user)
        .select_related("case__child", "case__local_authority")
        .annotate(
            finished=Case(
                When(status=AdviceStatus.REQUESTED, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("finished", "due", "created_at", "pk")
    )
    to_give, given = [], []
    for advice in rows:
        row = {
            "advice": advice,
            "child": advice.case.child,
            "council": advice.case.local_authority,
            "status": _status(advice, today),
            "given_on": _given_on(advice),
        }
        (to_give if advice.status == AdviceStatus.REQUESTED else given).append(row)
    return render(request, "ehc/advice_list.html", {"to_give": to_give, "given": given})


def _about_child(child) -> dict:
    """What a giver of advice sees of the child: who they are, their school and their needs
    from the register. Read through this case's child only; nothing of other cases."""
    enrolments = list(
        child.enrolments.filter(end__isnull=True).select_related("school").order_by("start", "pk")
    )
    status = child.sen_statuses.filter(end__isnull=True).first()
    return {
        "child": child,
        "enrolments": enrolments,
        "sen_status": status.get_provision_display() if status else "",
        "needs": [need.get_code_display() for need in child.needs.filter(end__isnull=True)],
    }


def _closed_message(advice) -> str:
    if advice.status == AdviceStatus.REUSED:
        return (
            "The council is using advice that already exists, so you do not need to give "
            "this advice."
        )
    return (
        "You have already given this advice, so it cannot be changed here. You can read it "
        "below. To add something, contact the council."
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def advice_detail(request, advice_id):
    advice = selectors.get_advice_for_responder(request.user, advice_id)
    can_give = selectors.can_give_advice(request.user, advice)
    form = AdviceForm(kind=advice.kind)
    if request.method == "POST":
        if not can_give:
            messages.error(request, _closed_message(advice))
            return redirect("ehc_advice", advice.pk)
        form = AdviceForm(request.POST, request.FILES, kind=advice.kind)
        if form.is_valid():
            try:
                services.advice_submit(
                    actor=request.user,
                    advice=advice,
                    attachments=form.uploads(),
                    **{name: form.cleaned_data[name] for name in ADVICE_FIELDS},
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied:
                # Given (or withdrawn) by someone else between opening the page and sending.
                messages.error(request, _closed_message(advice))
                return redirect("ehc_advice", advice.pk)
            else:
                messages.success(request, "Your advice has been sent to the council")
                return redirect("ehc_advice", advice.pk)
    case = advice.case
    return render(
        request,
        "ehc/advice_detail.html",
        {
            "advice": advice,
            "case": case,
            "council": case.local_authority,
            "caseworker": case.caseworker,
            **_about_child(case.child),
            "wording": questions_for(advice.kind),
            "status": _status(advice, timezone.localdate()),
            "can_give": can_give,
            "form": form,
            "given": answers(advice) if advice.status == AdviceStatus.SUBMITTED else [],
            "given_on": _given_on(advice),
            "attachments": list(advice.attachments.order_by("created_at", "pk"))
            if advice.status == AdviceStatus.SUBMITTED
            else [],
        },
    )


def download_name(attachment, position: int) -> str:
    """A neutral name that never names the child: advice-<date>-<n>.<ext>."""
    extension = services.ATTACHMENT_TYPES.get(attachment.content_type, ".bin")
    day = timezone.localdate(attachment.created_at)
    return f"advice-{day:%Y-%m-%d}-{position}{extension}"


@login_required
@require_safe
def attachment_download(request, attachment_id):
    """A document given with advice, for whoever may read that advice (the download is
    audited by the selector). Never cached, never sniffed into another type by the browser."""
    attachment = selectors.get_attachment_for(request.user, attachment_id)
    order = list(
        attachment.advice.attachments.order_by("created_at", "pk").values_list("pk", flat=True)
    )
    position = order.index(attachment.pk) + 1 if attachment.pk in order else 1
    known = attachment.content_type in services.ATTACHMENT_TYPES
    response = HttpResponse(
        bytes(attachment.data),
        content_type=attachment.content_type if known else "application/octet-stream",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{download_name(attachment, position)}"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
