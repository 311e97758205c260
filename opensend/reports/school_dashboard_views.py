"""The school's SEND dashboard and its governors' version (issue 12 item 2).

Who sees what (opensend.reports.selectors): the dashboard is for the school's SENCO and head,
and links to the school's own lists of pupils, which they may open; the governors' version is
for its governors, SENCO and head, shows aggregates only with small numbers hidden, and links to
nothing about a child. Everyone else gets 404. Each page is also a PDF (`?format=pdf`) and each
table a CSV or XLSX download, built from the same `Report` (opensend.core.report_pages), so a
governor's download carries exactly the hidden values the page shows.
"""

from django.contrib.auth.decorators import login_required
from django.urls import reverse
from django.utils import timezone

from opensend.core.report_pages import report_response
from opensend.reports.school_dashboard import build_governors_dashboard, build_school_dashboard
from opensend.reports.selectors import get_dashboard_school_for, get_governors_school_for


def _school_links(school) -> dict[str, list[tuple[str, str]]]:
    """Where the SENCO acts on each section: the school's own pages."""
    school_id = school.pk
    return {
        "register": [("See the SEN register", reverse("register", args=[school_id]))],
        "meetings": [
            ("See meetings with parents", reverse("meetings_compliance", args=[school_id]))
        ],
        "support-reviews": [
            ("See SEN support plans", reverse("school_support_plans", args=[school_id]))
        ],
        "ehc": [
            ("See EHC needs assessments", reverse("ehc_school_requests_for", args=[school_id])),
            ("See EHC plan reviews", reverse("reviews_school_tray")),
        ],
        "senco-time": [("See SENCO time", reverse("workforce_senco_time", args=[school_id]))],
    }


@login_required
def school_dashboard(request, school_id):
    school = get_dashboard_school_for(request.user, school_id)
    report = build_school_dashboard(school, today=timezone.localdate())
    links = _school_links(school)
    return report_response(
        request,
        report,
        template_name="reports/school_dashboard.html",
        context={
            "school": school,
            "sections": [(section, links.get(section.key, [])) for section in report.sections],
        },
    )


@login_required
def governors_dashboard(request, school_id):
    school = get_governors_school_for(request.user, school_id)
    report = build_governors_dashboard(school, today=timezone.localdate())
    return report_response(
        request,
        report,
        template_name="reports/governors_dashboard.html",
        context={"school": school},
    )
