"""The workload pages as `Report`s (issue 12 item 6: every table as CSV and XLSX, every report as
a PDF). `opensend.core.report_pages.report_response` answers the page, `?format=pdf` and
`?download=<table>&format=csv|xlsx` from one `Report`, so the three never disagree.

Who sees what follows the pages (see workload_views): a governor's report holds the governor's
figures (pupil counts under 5 hidden, no one named), never the manager's.
"""

from decimal import Decimal

from opensend.core.charts import Chart
from opensend.core.report_pages import SUPPRESSED, Figure, Report, Section
from opensend.core.tables import table
from opensend.provision.templatetags.provision import hours
from opensend.workforce.selectors.workload import SchoolWorkload
from opensend.workforce.selectors.workload_area import AreaTotals
from opensend.workforce.services.keyworkers import hours_label

CHECKS_TEXT = {"passed": "All passed", "failed": "Not all passed", "not_recorded": "Not recorded"}
LA_CHECKS_TEXT = {"passed": "Yes", "failed": "No", "not_recorded": "Not recorded"}
TRAINING_NOTE = (
    "Training counts sessions planned or held in the academic year. The guidance asks for "
    "training inside directed time, never in evenings or at weekends."
)


def _count(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)


def _senco_hours(w: SchoolWorkload) -> str:
    return f"{hours(w.senco_hours)} hours" if w.senco_now else "Not recorded"


def _qualification(w: SchoolWorkload) -> str:
    return f"{w.qualification_overdue} overdue, {w.qualification_due_soon} due within 6 months"


def _senco_section(w: SchoolWorkload, governor: dict | None) -> Section:
    if governor is None:
        on_register = str(w.on_register)
        register_detail = f"{w.sen_support} on SEN support, {w.ehc_plans} with an EHC plan"
        ratio_hidden = False
    else:
        on_register = _count(governor["on_register"])
        register_detail = (
            f"{_count(governor['sen_support'])} on SEN support, "
            f"{_count(governor['ehc_plans'])} with an EHC plan"
        )
        ratio_hidden = governor["on_register"] is None
    if ratio_hidden:
        ratio = "Not shown: fewer than 5 pupils"
    elif w.pupils_per_hour is None:
        ratio = "Not known: no SENCO time recorded"
    else:
        ratio = str(w.pupils_per_hour)
    return Section(
        heading="SENCO time and caseload",
        key="senco",
        figures=(
            Figure("SENCO time a week", _senco_hours(w)),
            Figure("Pupils on the SEN register now", on_register, detail=register_detail),
            Figure("Pupils per SENCO hour", ratio),
            Figure("SENCO time checks", CHECKS_TEXT[w.checks]),
            Figure("SENCO qualification", _qualification(w)),
        ),
    )


def _training_section(w: SchoolWorkload, academic_year: int) -> Section:
    briefed = "Not known"
    if w.teachers_briefed is not None:
        briefed = f"{w.teachers_briefed} of {w.teachers_briefed + (w.teachers_not_briefed or 0)}"
    return Section(
        heading=f"Training in {academic_year} to {academic_year + 1}",
        key="training",
        figures=(
            Figure("Sessions inside directed time", str(w.training_inside)),
            Figure("Sessions outside directed time", str(w.training_outside)),
            Figure("Teachers briefed on the Code of Practice", briefed),
        ),
        notes=(TRAINING_NOTE,),
    )


def _capacity_text(worker) -> str:
    if worker.over_capacity:
        return "Over capacity"
    if worker.at_or_over_capacity:
        return "Full"
    return f"{hours_label(worker.remaining)} left"


def _key_workers_section(w: SchoolWorkload, governor: dict | None) -> Section:
    if governor is not None:
        average = governor["average_caseload"]
        largest = governor["largest_caseload"]
        return Section(
            heading="Key workers",
            key="key-workers",
            figures=(
                Figure("Key workers", str(len(w.key_workers))),
                Figure("Children with a key worker", _count(governor["key_work_children"])),
                Figure("Largest caseload", f"{_count(largest)} children"),
                Figure(
                    "Average caseload",
                    "Not shown: fewer than 5 children"
                    if average is None
                    else f"{average} children",
                ),
                Figure(
                    "Hours given a week",
                    f"{hours(w.key_work_hours)} of {hours(w.key_work_capacity)} hours the key "
                    "workers can give",
                ),
                Figure("Key workers at or over capacity", str(w.workers_at_or_over_capacity)),
            ),
        )
    return Section(
        heading="Key workers",
        key="key-workers",
        tables=(
            table(
                "key-workers",
                "Each key worker's children and hours a week now",
                ["Key worker", "Children", "Hours given", "Hours they can give", "Capacity"],
                [
                    (
                        worker.name,
                        worker.children,
                        _decimal(worker.hours),
                        _decimal(worker.capacity),
                        _capacity_text(worker),
                    )
                    for worker in w.key_workers
                ],
                numeric_columns=frozenset({1, 2, 3}),
                empty_text="No one is recorded as a key worker yet.",
            ),
        ),
    )


def _decimal(value: Decimal | None) -> int | float | None:
    """Hours as a number a spreadsheet can add up: 2.5, 10."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _policies_section(w: SchoolWorkload) -> Section:
    return Section(
        heading="Policies",
        key="policies",
        figures=(
            Figure("Overdue for review", str(w.policies_overdue)),
            Figure("Due for review within 28 days", str(w.policies_due_soon)),
        ),
    )


def school_report(
    w: SchoolWorkload,
    *,
    charts: list[Chart],
    academic_year: int,
    governor: dict | None,
) -> Report:
    """The school's workload: `governor` is the governor's figures, None for the SENCO and head."""
    notes = ("Terms when the register held fewer than 5 pupils are not shown.",) if governor else ()
    return Report(
        title="Workforce",
        scope=w.school.name,
        filename_stem=f"workforce-{w.school.urn or w.school.pk}",
        sections=(
            _senco_section(w, governor),
            _training_section(w, academic_year),
            _key_workers_section(w, governor),
            _policies_section(w),
            Section(heading="By term", key="by-term", charts=tuple(charts), notes=notes),
        ),
    )


LA_HEADINGS = [
    "School",
    "URN",
    "SENCO hours a week",
    "Pupils on the register",
    "Pupils per SENCO hour",
    "SENCO time checks passed",
    "Qualification overdue",
    "Qualification due soon",
    "Training outside directed time",
    "Largest key-worker caseload",
    "Policies overdue",
]


def _la_row(w: SchoolWorkload) -> tuple:
    return (
        w.school.name,
        w.school.urn or "",
        _decimal(w.senco_hours) if w.senco_now else "Not recorded",
        w.on_register,
        "Not known" if w.pupils_per_hour is None else _decimal(w.pupils_per_hour),
        LA_CHECKS_TEXT[w.checks],
        w.qualification_overdue,
        w.qualification_due_soon,
        w.training_outside,
        w.largest_caseload,
        w.policies_overdue,
    )


def la_report(
    workloads: list[SchoolWorkload], totals: AreaTotals, *, chart: Chart, academic_year: int
) -> Report:
    """The council's table of schools: every school in the area, in the page's order (the page
    shows them 100 at a time; the downloads and the PDF hold them all)."""
    ratio = totals.pupils_per_hour
    total_row = (
        f"All {totals.schools} schools",
        "",
        _decimal(totals.senco_hours),
        totals.pupils,
        "Not known" if ratio is None else _decimal(ratio),
        f"{totals.checks_passed} yes, {totals.checks_failed} no",
        totals.qualification_overdue,
        totals.qualification_due_soon,
        totals.training_outside,
        totals.largest_caseload,
        totals.policies_overdue,
    )
    return Report(
        title="School workforce",
        scope=f"{totals.schools} schools; training in {academic_year} to {academic_year + 1}",
        filename_stem="school-workforce",
        sections=(
            Section(
                heading="Across the area",
                key="area",
                figures=(
                    Figure(
                        "Pupils per SENCO hour across the area",
                        "Not known: no SENCO time recorded" if ratio is None else str(ratio),
                        detail="At the schools that have recorded SENCO time",
                    ),
                    Figure(
                        "SENCO time checks",
                        f"{totals.checks_passed} passed, {totals.checks_failed} not all passed, "
                        f"{totals.checks_not_recorded} not recorded",
                    ),
                    Figure(
                        "SENCO qualification",
                        f"{totals.qualification_overdue} overdue, "
                        f"{totals.qualification_due_soon} due within 6 months",
                    ),
                ),
                charts=(chart,),
            ),
            Section(
                heading="Workload at each school",
                key="schools",
                tables=(
                    table(
                        "schools",
                        "Workload at each school",
                        LA_HEADINGS,
                        [*(_la_row(w) for w in workloads), total_row] if workloads else [],
                        numeric_columns=frozenset({2, 3, 4, 6, 7, 8, 9, 10}),
                        empty_text="There are no schools in your area yet.",
                    ),
                ),
                notes=("SENCO time is each school's latest term recorded.",),
            ),
        ),
    )
