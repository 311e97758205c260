"""The workload view (issue 10 item 5): a school's workforce home, and the council's table.

Thin views over `selectors.workload`. Who sees what:
- the SENCO and head: every figure, key workers by name, and links to each area;
- governors: the same figures in aggregate, counts of pupils under 5 hidden and no one named
  (DESIGN "Who sees what"), with links to the pages they may read (SENCO time, policies);
- a council's SEND team: one row per school in its area, numbers only;
- everyone else: 404.

Each page is also a `Report` (workload_report): `?format=pdf` prints it and each table downloads
as CSV or XLSX (`?download=<table>&format=csv|xlsx`), holding what that person's page shows.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone

from opensend.core.charts import line_chart, stacked_bar_chart
from opensend.core.report_pages import report_response
from opensend.core.school_choice import to_school_page
from opensend.law.dates import academic_year_of
from opensend.organisations.models import Organisation
from opensend.people.selectors import la_ids
from opensend.workforce import workload_report
from opensend.workforce.selectors import workload as numbers
from opensend.workforce.selectors import workload_area as area
from opensend.workforce.selectors._access import (
    can_manage,
    get_school_for_workforce,
    la_schools_for,
    reader_school_ids,
)

# A large council has about 400 schools. The page's queries do not grow with them (one grouped
# query per figure for the whole area), so a page of 100 rows is for reading, not for speed;
# the totals and the chart always cover the whole area.
LA_PAGE_SIZE = 100

# (label, URL name, shown to governors): each area of the workforce records.
AREAS = [
    ("Staff list", "workforce_staff", False),
    ("SENCO time", "workforce_senco_time", True),
    ("Key workers", "workforce_key_workers", False),
    ("Training", "workforce_training", False),
    ("Code of Practice briefing", "workforce_briefing", False),
    ("Policies", "workforce_policies", True),
]


@login_required
def index(request):
    schools = Organisation.objects.filter(pk__in=reader_school_ids(request.user)).order_by("name")
    return to_school_page(
        request,
        schools,
        url_name="workforce_school",
        title="Choose a school",
        none_message="You do not see a school's workforce records.",
    )


@login_required
def school_workload(request, school_id):
    school = get_school_for_workforce(request.user, school_id, manage=False)
    manager = can_manage(request.user, school.pk)
    today = timezone.localdate()
    workload = numbers.school_workload(school, today)
    governor = None if manager else _governor_figures(workload)
    report = workload_report.school_report(
        workload,
        charts=_school_charts(workload, school, today, hide_small=not manager),
        academic_year=academic_year_of(today),
        governor=governor,
    )
    sections = {section.key: section for section in report.sections}
    context = {
        "school": school,
        "manager": manager,
        "workload": workload,
        "areas": [
            (label, name) for label, name, for_governors in AREAS if manager or for_governors
        ],
        "academic_year": academic_year_of(today),
        "by_term": sections["by-term"],
        "charts": list(sections["by-term"].charts),
        # The managers' table of key workers by name; governors see counts instead.
        "key_worker_table": sections["key-workers"].tables[0] if manager else None,
    }
    if governor is not None:
        context["governor"] = governor
    return report_response(
        request, report, template_name="workforce/workload/school.html", context=context
    )


def _governor_figures(workload) -> dict:
    """Pupil counts under 5 hidden, and the figures that would give one away left out."""
    on_register = numbers.suppressed(workload.on_register)
    key_work_children = numbers.suppressed(workload.key_work_children)
    return {
        "sen_support": numbers.suppressed(workload.sen_support),
        "ehc_plans": numbers.suppressed(workload.ehc_plans),
        "on_register": on_register,
        # With the SENCO's hours (on the SENCO time page) the ratio gives the register away.
        "pupils_per_hour": workload.pupils_per_hour if on_register is not None else None,
        "key_work_children": key_work_children,
        "largest_caseload": numbers.suppressed(workload.largest_caseload),
        # The average times the number of workers is the number of children.
        "average_caseload": workload.average_caseload if key_work_children is not None else None,
    }


def _school_charts(workload, school, today, *, hide_small: bool) -> list:
    ratio = line_chart(
        numbers.senco_ratio_by_term(workload, hide_small=hide_small),
        title="Pupils per SENCO hour, by term",
        label_heading="Term",
        value_heading="Pupils per hour",
    )
    terms = numbers.training_by_term(school, today)
    # Two parts of one whole: each term's bar is all its sessions, split by directed time.
    training = stacked_bar_chart(
        [term.label for term in terms],
        [
            ("Inside directed time", [term.inside for term in terms]),
            ("Outside directed time", [term.outside for term in terms]),
        ],
        title="Training sessions inside and outside directed time, by term",
        label_heading="Term",
        value_heading="Sessions",
    )
    return [ratio, training]


@login_required
def la_workload(request):
    if not la_ids(request.user):
        raise Http404("Not found.")
    today = timezone.localdate()
    workloads = numbers.workloads_for(la_schools_for(request.user), today)
    order = request.GET.get("sort", area.LA_DEFAULT_SORT)
    if order.lstrip("-") not in area.LA_SORTS:
        order = area.LA_DEFAULT_SORT
    ordered = area.sort_workloads(workloads, order)
    page = Paginator(ordered, LA_PAGE_SIZE).get_page(request.GET.get("page"))
    chart = line_chart(
        area.area_median_by_term(workloads),
        title="Pupils per SENCO hour at the median school, by term",
        label_heading="Term",
        value_heading="Pupils per hour",
    )
    totals = area.area_totals(workloads)
    report = workload_report.la_report(
        ordered, totals, chart=chart, academic_year=academic_year_of(today)
    )
    area_section, schools_section = report.sections
    return report_response(
        request,
        report,
        template_name="workforce/workload/la.html",
        context={
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "totals": totals,
            "sorts": {key: _sort_header(order, key) for key in area.LA_SORTS},
            "chart": chart,
            "chart_table": area_section.all_tables[0] if area_section.all_tables else None,
            # Every school, not just this page of them: the file is the whole area.
            "schools_table": schools_section.tables[0],
            "academic_year": academic_year_of(today),
        },
    )


# How a screen reader hears each column's next order: (ascending, descending).
SORT_WORDS = {
    "name": ("A to Z", "Z to A"),
    "checks": ("checks not passed first", "checks passed first"),
}


def _sort_header(order: str, key: str) -> dict:
    """aria-sort for a column header, the order its link asks for next (figures start with the
    largest, names with A, checks with those not passed) and the words for that order."""
    if order == key:
        aria, following = "ascending", f"-{key}"
    elif order == f"-{key}":
        aria, following = "descending", key
    else:
        aria, following = "none", key if key in SORT_WORDS else f"-{key}"
    ascending, descending = SORT_WORDS.get(key, ("smallest first", "largest first"))
    return {
        "aria": aria,
        "next": following,
        "words": descending if following.startswith("-") else ascending,
    }
