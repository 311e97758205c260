"""How quickly an LA makes its assessment decisions: the figures DfE publishes, for one LA.

SEN2 and DfE's statistics count timeliness "including and excluding exceptions"
(reference/statutory.md §1.2, §6): a decision on time is one made on or before its statutory
date; "excluding exceptions" leaves out the cases where a recorded exception touched that limit
(regs 5(4), 10(4)), since the limit did not apply to them. Exceptions never move a date.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet

from opensend.ehc.models import OPEN_STAGES, CaseException, Decision, DecisionKind, EhcCase
from opensend.law.dates import add_months
from opensend.law.ehc import limits_lifted

MONTHS_SHOWN = 12


@dataclass(frozen=True)
class Timeliness:
    label: str
    rule: str
    made: int
    on_time: int
    made_without_exception: int
    on_time_without_exception: int

    @staticmethod
    def _percent(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def percent(self) -> int | None:
        return self._percent(self.on_time, self.made)

    @property
    def percent_without_exception(self) -> int | None:
        return self._percent(self.on_time_without_exception, self.made_without_exception)


@dataclass(frozen=True)
class TimelinessReport:
    since: date
    decisions_to_assess: Timeliness
    decisions_not_to_issue: Timeliness
    by_month: list[tuple[str, int]]  # (month, % of assess decisions on time)
    open_cases: int
    open_overdue: int
    # (month, assess decisions made, of them on time): the counts behind `by_month`.
    by_month_counts: tuple[tuple[str, int, int], ...] = ()


def _touched_limits(case: EhcCase) -> set[str]:
    return limits_lifted(
        received=case.received, exceptions=[e.as_law() for e in case.exceptions.all()]
    )


def _count(decisions, limit: str, due_field: str, label: str, rule: str) -> Timeliness:
    made = on_time = made_clean = on_time_clean = 0
    for decision in decisions:
        case = decision.case
        in_time = decision.decided_on <= getattr(case, due_field)
        made += 1
        on_time += in_time
        if limit not in _touched_limits(case):
            made_clean += 1
            on_time_clean += in_time
    return Timeliness(label, rule, made, on_time, made_clean, on_time_clean)


def timeliness(cases: QuerySet[EhcCase], *, today: date) -> TimelinessReport:
    """Decisions made in the last 12 months by the LA whose cases are `cases` (already scoped
    by a selector). Three queries: decisions with their cases and exceptions, and two counts."""
    since = add_months(today, -MONTHS_SHOWN)
    decisions = list(
        Decision.objects.filter(case__in=cases, decided_on__gte=since, decided_on__lte=today)
        # A statement's transfer review (reviews.LegacyStatement.transfer_case) runs on the
        # transitional limits of SI 2014/2270, not regs 5 and 10, and SEN2 counts it apart.
        .filter(case__legacy_statement__isnull=True)
        .select_related("case")
        .prefetch_related(
            Prefetch("case__exceptions", queryset=CaseException.objects.order_by("start"))
        )
        .order_by("decided_on")
    )
    assess = [d for d in decisions if d.kind == DecisionKind.ASSESS]
    not_issue = [d for d in decisions if d.kind == DecisionKind.ISSUE and not d.agreed]
    monthly: dict[str, list[bool]] = defaultdict(list)
    for decision in assess:
        month = decision.decided_on.strftime("%b %Y")
        monthly[month].append(decision.decided_on <= decision.case.decision_to_assess_due)
    open_cases = cases.filter(stage__in=OPEN_STAGES)
    return TimelinessReport(
        since=since,
        decisions_to_assess=_count(
            assess,
            "decision_to_assess",
            "decision_to_assess_due",
            "Decisions whether to assess",
            "SEND Regulations 2014 reg 5(1): within 6 weeks of the request",
        ),
        decisions_not_to_issue=_count(
            not_issue,
            "decision_not_to_issue",
            "decision_not_to_issue_due",
            "Decisions not to issue a plan",
            "SEND Regulations 2014 reg 10(1): within 16 weeks of the request",
        ),
        by_month=[
            (month, round(100 * sum(flags) / len(flags))) for month, flags in monthly.items()
        ],
        open_cases=open_cases.count(),
        open_overdue=open_cases.filter(next_due__lt=today).count(),
        by_month_counts=tuple((month, len(flags), sum(flags)) for month, flags in monthly.items()),
    )
