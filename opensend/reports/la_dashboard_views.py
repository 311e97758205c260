"""The council's SEND dashboard and the cases behind each of its figures (issue 12 item 1).

Who sees them: the council's SEND caseworkers and managers (get_dashboard_authority_for);
everyone else gets 404. The cases list names children, so it is for the same people, and it
reads through their own selectors too (opensend.reports.la_dashboard.cases).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from opensend.core.report_pages import report_response
from opensend.people.models import NEED_CHOICES
from opensend.reports.la_dashboard import build_la_dashboard, figure_cases, parse_filters
from opensend.reports.la_dashboard.filters import area_choices, school_choices
from opensend.reports.selectors import get_dashboard_authority_for


def _filter_context(request, authority, filters, errors) -> dict:
    fields = {error.field for error in errors}
    return {
        "authority": authority,
        "filters": filters,
        "errors": errors,
        "error_fields": {error.field: error.text for error in errors},
        # What was typed, when it was wrong (GOV.UK: show the answer back); else the date used.
        "date_values": {
            "from": request.GET.get("from", "") if "from" in fields else filters.start.isoformat(),
            "to": request.GET.get("to", "") if "to" in fields else filters.end.isoformat(),
        },
        "schools": school_choices(authority),
        "needs": NEED_CHOICES,
        "areas": area_choices(authority),
        "dashboard_url": reverse("la_dashboard", kwargs={"la_id": authority.pk}),
    }


@login_required
def la_dashboard(request, la_id):
    authority = get_dashboard_authority_for(request.user, la_id)
    today = timezone.localdate()
    filters, errors = parse_filters(request.GET, authority, today)
    report = build_la_dashboard(authority, today=today, filters=filters)
    return report_response(
        request,
        report,
        template_name="reports/la_dashboard.html",
        context=_filter_context(request, authority, filters, errors),
    )


@login_required
def la_dashboard_cases(request, la_id):
    authority = get_dashboard_authority_for(request.user, la_id)
    today = timezone.localdate()
    filters, errors = parse_filters(request.GET, authority, today)
    if not request.GET.get("figure"):
        # The list is always of one figure's cases: with none chosen, show them all the figures.
        return redirect(
            f"{reverse('la_dashboard', kwargs={'la_id': authority.pk})}?{filters.query()}"
        )
    cases = figure_cases(request.user, authority, filters, request.GET, today=today)
    if cases is None:
        raise Http404("No such figure.")
    return render(
        request,
        "reports/la_dashboard_cases.html",
        {
            **_filter_context(request, authority, filters, errors),
            "cases": cases,
            "page": cases.page,
            "page_range": cases.page.paginator.get_elided_page_range(cases.page.number),
            "back_query": filters.query(),
        },
    )
