"""The SEN information report editor (issue 11 item 1): the task list, one page per Schedule 1
item, refreshing from the records, the preview, and publishing.

Thin views: the school comes through selectors._access.get_school_for_report (the SENCO and
head manage it; governors read the overview and the preview, 403 elsewhere; anyone else 404),
one service call, then a redirect with a message saying what happened.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.views.decorators.http import require_GET, require_POST

from opensend.core.forms import add_service_errors
from opensend.core.school_choice import to_school_page
from opensend.core.services import StaleEditError
from opensend.law.dates import long_date
from opensend.law.information_report import ITEMS_BY_KEY, items_for
from opensend.publishing.report_forms import ReportItemForm, ReportPublishForm
from opensend.publishing.school_entry import is_mainstream, public_report_url
from opensend.publishing.selectors._access import (
    can_manage_report,
    get_school_for_report,
    report_schools_for,
)
from opensend.publishing.selectors.prefill import SOURCES, prefill_for
from opensend.publishing.selectors.public import report_sections
from opensend.publishing.selectors.reports import (
    answers_of,
    next_unfinished,
    previous_versions,
    report_status,
    suggested_of,
    task_rows,
)
from opensend.publishing.services._base import today
from opensend.publishing.services.reports import (
    report_for,
    report_item_save,
    report_publish,
    report_refresh,
)

STALE = (
    "Someone else changed the report while this page was open, so nothing was saved. "
    "Check the report, then make your change again."
)


def _version_from(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


def _problem(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
@require_GET
def index(request):
    return to_school_page(
        request,
        report_schools_for(request.user),
        url_name="publishing_report",
        title="SEN information report",
        none_message="You have no school's SEN information report to open.",
    )


def _embed_snippets(school) -> dict:
    address = public_report_url(school)
    embed = settings.SITE_URL + reverse("public_report_embed", kwargs={"school_id": school.pk})
    return {
        "public_url": address,
        "link_snippet": f'<a href="{address}">Our SEN information report</a>',
        "iframe_snippet": (
            f'<iframe src="{embed}" title="{escape(school.name)} SEN information report" '
            'width="100%" height="800" style="border:0"></iframe>'
        ),
    }


@login_required
@require_GET
def overview(request, school_id):
    school = get_school_for_report(request.user, school_id, manage=False)
    manager = can_manage_report(request.user, school.pk)
    status = report_status(school, today())
    report = status.report
    if report is None and manager:
        report = report_for(school, actor=request.user)
        status = report_status(school, today(), report)
    rows = task_rows(school, report) if report is not None else []
    context = {
        "school": school,
        "can_manage": manager,
        "report": report,
        "status": status,
        "rows": rows,
        "done": sum(1 for row in rows if row.done),
        "versions": list(previous_versions(report)),
        "publish_form": ReportPublishForm(
            initial={"version": report.version, "in_send_policy": report.in_send_policy}
        )
        if report is not None and manager
        else None,
        **_embed_snippets(school),
    }
    return render(request, "publishing/report_overview.html", context)


def _item_or_404(school, key: str):
    item = ITEMS_BY_KEY.get(key)
    if item is None or item not in items_for(mainstream=is_mainstream(school)):
        raise Http404("No such item.")
    return item


@login_required
def item_edit(request, school_id, item):
    school = get_school_for_report(request.user, school_id)
    entry = _item_or_404(school, item)
    report = report_for(school, actor=request.user)
    answers = answers_of(report.answers)
    suggestion = suggested_of(report.answers).get(entry.key) or ""
    form_kwargs = {"label": entry.question, "hint": entry.hint}
    if request.method == "POST":
        text = request.POST.get("text", "")
        if request.POST.get("use_suggestion") and suggestion:
            text = suggestion
        form = ReportItemForm({**request.POST.dict(), "text": text}, **form_kwargs)
        if form.is_valid():
            try:
                report = report_item_save(
                    actor=request.user,
                    report=report,
                    item_key=entry.key,
                    text=form.cleaned_data["text"],
                    version=form.cleaned_data["version"],
                )
            except StaleEditError:
                form.add_error(None, STALE)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Item {entry.number} saved")
                following = next_unfinished(school, report, entry.key)
                if following and request.POST.get("then") != "overview":
                    return redirect("publishing_report_item", school.pk, following)
                return redirect("publishing_report", school.pk)
    else:
        form = ReportItemForm(
            initial={"version": report.version, "text": answers.get(entry.key, "")},
            **form_kwargs,
        )
    context = {
        "school": school,
        "item": entry,
        "form": form,
        "suggestion": suggestion,
        "source_hint": SOURCES.get(entry.key, ""),
        "is_suggestion": bool(suggestion)
        and str(answers.get(entry.key) or "").strip() == suggestion.strip(),
    }
    return render(request, "publishing/report_item.html", context)


@login_required
@require_POST
def refresh(request, school_id):
    school = get_school_for_report(request.user, school_id)
    report = report_for(school, actor=request.user)
    try:
        changed = report_refresh(actor=request.user, report=report, version=_version_from(request))
    except StaleEditError:
        messages.error(request, STALE)
    else:
        if changed:
            numbers = ", ".join(ITEMS_BY_KEY[key].number for key in changed)
            messages.success(request, f"Brought up to date from OpenSEND's records: {numbers}")
        else:
            messages.success(
                request,
                "Nothing to bring up to date: the items drawn from records already match them, "
                "and items you wrote yourself are never changed",
            )
    return redirect("publishing_report", school.pk)


@login_required
@require_GET
def preview(request, school_id):
    school = get_school_for_report(request.user, school_id, manage=False)
    status = report_status(school, today())
    answers = answers_of(status.report.answers) if status.report else {}
    if status.report is None:
        answers = prefill_for(school, today())
    context = {
        "school": school,
        "status": status,
        "sections": report_sections(answers, mainstream=is_mainstream(school)),
        "can_manage": can_manage_report(request.user, school.pk),
    }
    return render(request, "publishing/report_preview.html", context)


def _publish_page(request, school, report, form):
    status = report_status(school, today(), report)
    context = {"school": school, "report": report, "status": status, "form": form}
    return render(request, "publishing/report_publish.html", context)


@login_required
def publish(request, school_id):
    school = get_school_for_report(request.user, school_id)
    report = report_for(school, actor=request.user)
    if request.method != "POST":
        form = ReportPublishForm(
            initial={"version": report.version, "in_send_policy": report.in_send_policy}
        )
        return _publish_page(request, school, report, form)
    form = ReportPublishForm(request.POST)
    if not form.is_valid():
        return _publish_page(request, school, report, form)
    data = form.cleaned_data
    try:
        published = report_publish(
            actor=request.user,
            report=report,
            version=data["version"],
            summary=data["summary"],
            in_send_policy=data["in_send_policy"],
        )
    except StaleEditError:
        form = ReportPublishForm({**request.POST.dict(), "version": report.version})
        form.is_valid()
        form.add_error(None, STALE)
        report.refresh_from_db()
        return _publish_page(request, school, report, form)
    except ValidationError as error:
        add_service_errors(form, error, field_map={"answers": None})
        return _publish_page(request, school, report, form)
    address = public_report_url(school)
    messages.success(
        request,
        f"Version {published.number} published on {long_date(published.published_on)} at "
        f"{address}. The school's entry in the Local Offer has been updated to match",
    )
    return redirect("publishing_report", school.pk)
