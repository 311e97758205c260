"""The LA's timeliness page: how many decisions were made within the statutory limits."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from opensend.core.charts import line_chart
from opensend.ehc.reports import timeliness
from opensend.ehc.selectors import la_cases
from opensend.people.selectors import la_ids


@login_required
def timeliness_report(request):
    if not la_ids(request.user) and not request.user.is_superuser:
        raise Http404("Only a local authority's SEND team sees its timeliness.")
    report = timeliness(la_cases(request.user), today=timezone.localdate())
    chart = line_chart(
        report.by_month,
        title="Decisions whether to assess made within 6 weeks, by month (%)",
        label_heading="Month",
        value_heading="Within 6 weeks (%)",
    )
    return render(
        request,
        "ehc/report_timeliness.html",
        {
            "report": report,
            "chart": chart,
            "rows": [report.decisions_to_assess, report.decisions_not_to_issue],
        },
    )
