"""The council's view of its schools' workload (issue 10 item 5): the table of every school in
its area, sorted and totalled, and the area's median pupils per SENCO hour by term. The figures
per school come from `selectors.workload.workloads_for`; this module only combines them."""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from opensend.workforce.selectors.workload import (
    CHART_TERMS,
    ONE_PLACE,
    SchoolWorkload,
    per_hour,
)


def area_median_by_term(workloads: list[SchoolWorkload]) -> list[tuple[str, Decimal]]:
    """Across the area: the median school's pupils per SENCO hour in each term recorded."""
    ratios: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    labels = {}
    for workload in workloads:
        for term in workload.senco_history:
            if term.ratio is not None:
                ratios[term.sort_key].append(term.ratio)
                labels[term.sort_key] = term.label
    keys = sorted(ratios)[-CHART_TERMS:]
    return [
        (labels[key], Decimal(statistics.median(ratios[key])).quantize(ONE_PLACE)) for key in keys
    ]


# --- the council's table -------------------------------------------------------------------------

# ?sort= keys for the council's table: the column's value, with no figure sorting last.
LA_SORTS = {
    "name": lambda w: w.school.name.lower(),
    "hours": lambda w: w.senco_hours,
    "pupils": lambda w: w.on_register,
    "ratio": lambda w: w.pupils_per_hour,
    "checks": lambda w: {"failed": 0, "not_recorded": 1, "passed": 2}[w.checks],
    "qualification": lambda w: (w.qualification_overdue, w.qualification_due_soon),
    "training": lambda w: w.training_outside,
    "caseload": lambda w: w.largest_caseload,
    "policies": lambda w: w.policies_overdue,
}
# The most stretched SENCOs first.
LA_DEFAULT_SORT = "-ratio"


def sort_workloads(workloads: list[SchoolWorkload], order: str) -> list[SchoolWorkload]:
    """Sorted by a LA_SORTS key ("-" for descending); schools with no figure go last either
    way, and ties keep name order."""
    descending = order.startswith("-")
    value = LA_SORTS[order.lstrip("-")]
    by_name = sorted(workloads, key=lambda w: w.school.name.lower())
    known = [w for w in by_name if value(w) is not None]
    unknown = [w for w in by_name if value(w) is None]
    return sorted(known, key=value, reverse=descending) + unknown


@dataclass(frozen=True)
class AreaTotals:
    schools: int
    senco_hours: Decimal
    pupils: int
    # Pupils at schools with SENCO time recorded, per hour: a school with no record would
    # otherwise add pupils with no hours and overstate the load.
    pupils_per_hour: Decimal | None
    checks_passed: int
    checks_failed: int
    checks_not_recorded: int
    qualification_due_soon: int
    qualification_overdue: int
    training_outside: int
    largest_caseload: int
    policies_overdue: int


def area_totals(workloads: list[SchoolWorkload]) -> AreaTotals:
    recorded = [w for w in workloads if w.senco_hours]
    checks = [w.checks for w in workloads]
    return AreaTotals(
        schools=len(workloads),
        senco_hours=sum((w.senco_hours or Decimal(0) for w in workloads), Decimal(0)),
        pupils=sum(w.on_register for w in workloads),
        pupils_per_hour=per_hour(
            sum(w.on_register for w in recorded), sum(w.senco_hours for w in recorded)
        ),
        checks_passed=checks.count("passed"),
        checks_failed=checks.count("failed"),
        checks_not_recorded=checks.count("not_recorded"),
        qualification_due_soon=sum(w.qualification_due_soon for w in workloads),
        qualification_overdue=sum(w.qualification_overdue for w in workloads),
        training_outside=sum(w.training_outside for w in workloads),
        largest_caseload=max((w.largest_caseload for w in workloads), default=0),
        policies_overdue=sum(w.policies_overdue for w in workloads),
    )
