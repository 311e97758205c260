"""The caseworker's work tray: the council's cases by the next statutory date, and bulk steps.

Issue 7 item 8: red/amber/green by the next date (overdue, due within 14 days, on time),
filters by stage, school and worker, and bulk actions for routine steps. A constant number of
queries whatever the number of cases (selectors.work_tray; tests/ehc/test_la_tray.py).
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.list_downloads import download_links, list_download, only_organisation
from opensend.core.tables import Table, table
from opensend.ehc import selectors, services
from opensend.ehc.la_forms import BulkActionForm, WorkTrayFilterForm
from opensend.ehc.la_views._common import (
    current_schools,
    rag_tag,
    require_la_staff,
    send_drafts,
)
from opensend.ehc.models import AdviceRequest, AdviceStatus, CaseStage
from opensend.law.assessment import AMBER_DAYS

PAGE_SIZE = 50
# Filters the tray's address may carry back after a bulk action (nothing else is kept).
TRAY_PARAMS = ("stage", "school", "worker", "page")


def _rag_counts(cases, today) -> dict:
    """How many of the filtered cases are overdue, due soon and on time: one query."""
    soon = today + timedelta(days=AMBER_DAYS)
    return cases.aggregate(
        red=Count("pk", filter=Q(next_due__lt=today)),
        amber=Count("pk", filter=Q(next_due__gte=today, next_due__lte=soon)),
        green=Count("pk", filter=Q(next_due__gt=soon)),
    )


def _row(case, today) -> dict:
    return {
        "case": case,
        "schools": current_schools(case.child),
        "rag": rag_tag(case.next_due, today) if case.is_open else None,
    }


TRAY_HEADINGS = (
    "Child",
    "School",
    "Stage",
    "Next step",
    "Next date",
    "Status",
    "Caseworker",
    "Advice outstanding",
    "Advice not sent",
    "Exceptions",
)


def _status_text(row: dict) -> str:
    """The Status column in words, as the page shows it."""
    if row["rag"]:
        return row["rag"]["label"]
    return "No date" if row["case"].is_open else "Closed"


def _tray_table(cases, today) -> Table:
    """Every case the filters select (all pages), in the page's order and words, for a
    spreadsheet (issue 12 item 6). The same two queries as the page, whatever the number."""
    rows = []
    for case in cases:
        row = _row(case, today)
        rows.append(
            (
                f"{case.child.last_name}, {case.child.first_name}",
                "; ".join(school.name for school in row["schools"]) or "Not on roll",
                case.get_stage_display(),
                case.next_step or "None",
                case.next_due if case.next_step else None,
                _status_text(row),
                case.caseworker.full_name if case.caseworker else "Not assigned",
                case.advice_outstanding,
                case.advice_unsent,
                case.exception_count,
            )
        )
    return table(
        "cases",
        "Cases by next statutory date",
        TRAY_HEADINGS,
        rows,
        numeric_columns=frozenset({7, 8, 9}),
    )


def _tray_url(query: str = "") -> str:
    """The tray with only its own filters from `query`, so a posted value cannot send the
    person anywhere else."""
    kept = QueryDict(mutable=True)
    given = QueryDict(query)
    for name in TRAY_PARAMS:
        if given.get(name):
            kept[name] = given[name]
    url = reverse("ehc_work_tray")
    return f"{url}?{kept.urlencode()}" if kept else url


@login_required
def work_tray(request):
    user = request.user
    require_la_staff(user)
    today = timezone.localdate()
    form = WorkTrayFilterForm(
        request.GET or None,
        schools=selectors.schools_in_area(user),
        workers=selectors.caseworkers_for(user),
    )
    filters = {}
    if form.is_bound:
        if not form.is_valid():
            # A hand-edited or stale address: say what is wrong rather than guess.
            return render(request, "ehc/la_work_tray.html", {"form": form, "page": None})
        filters = form.cleaned_data
    cases = selectors.work_tray(
        user,
        stage=filters.get("stage", ""),
        school_id=filters.get("school") or None,
        worker_id=filters.get("worker") or None,
    )
    download = list_download(
        request,
        {"cases": lambda: _tray_table(cases, today)},
        filename_stem="ehc-work-tray",
        what="EHC work tray",
        organisation_id=only_organisation(selectors.la_ids(user)),
        filters={name: filters.get(name) for name in ("stage", "school", "worker")},
    )
    if download:
        return download
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    stage = filters.get("stage", "")
    return render(
        request,
        "ehc/la_work_tray.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "rows": [_row(case, today) for case in page.object_list],
            "counts": _rag_counts(cases, today),
            "filtered": any(filters.get(name) for name in ("stage", "school", "worker")),
            "stage_label": CaseStage(stage).label if stage else "",
            "back": request.GET.urlencode(),
            "today": today,
            "downloads": download_links(request, "cases"),
        },
    )


def _send_advice(request, cases) -> None:
    drafts = [
        advice
        for case in cases.filter(stage=CaseStage.ASSESSING).prefetch_related(
            Prefetch(
                "advice_requests",
                queryset=AdviceRequest.objects.filter(status=AdviceStatus.DRAFT),
                to_attr="drafts",
            )
        )
        for advice in case.drafts
    ]
    send_drafts(
        request, drafts, none_message="No advice requests were waiting to be sent for those cases"
    )


def _assign_to_me(request, cases) -> None:
    assigned = 0
    try:
        for case in cases:
            services.case_assign(actor=request.user, case=case, caseworker=request.user)
            assigned += 1
    except (ValidationError, PermissionDenied) as error:
        problem = " ".join(getattr(error, "messages", [str(error)]))
        messages.info(request, f"{assigned} of the cases were assigned to you. {problem}")
        return
    noun = "case" if assigned == 1 else "cases"
    messages.success(request, f"You are now the caseworker for {assigned} {noun}")


@login_required
def work_tray_bulk(request):
    """The tray's bulk buttons (POST). A GET just goes back to the tray."""
    require_la_staff(request.user)
    if request.method != "POST":
        return redirect("ehc_work_tray")
    form = BulkActionForm(request.POST)
    back = _tray_url(request.POST.get("back", ""))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.info(request, error)
        return redirect(back)
    wanted = form.cleaned_data["cases"]
    cases = selectors.la_cases(request.user).filter(pk__in=wanted).select_related("child")
    if len(cases) != len(set(wanted)):
        messages.info(
            request,
            "Nothing was changed: some of the selected cases are not your council's, or no "
            "longer exist. Select the cases again",
        )
        return redirect(back)
    if form.cleaned_data["action"] == BulkActionForm.SEND_ADVICE:
        _send_advice(request, cases)
    else:
        _assign_to_me(request, cases)
    return redirect(back)
