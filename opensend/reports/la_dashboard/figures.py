"""One registry of the dashboard's figures: each key names the records it counts and the
condition that picks them. The dashboard counts with it and the drill-down lists with it, so a
figure and the cases behind it always agree.

A figure is counted over the period on its own date (a request on the day it was received, a
decision on the day it was made, ...), or, with no date, as things stand today (the open
caseload, what is overdue now).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import F, Q

from opensend.ehc.models import OPEN_STAGES, CaseException
from opensend.law.ehc import ExceptionKind, TimeLimitException, limits_lifted
from opensend.reports.la_dashboard.filters import DashboardFilters
from opensend.reports.la_dashboard.scope import ADVICE_PROVIDERS
from opensend.reviews.models import Review, ReviewStatus, TransferKind

CASES, ADVICE, REVIEWS = "cases", "advice", "reviews"


@dataclass(frozen=True)
class Context:
    today: date
    # Cases whose recorded exception lifts the 20-week limit (reg 10(4), applied by reg 13(3)).
    lifted_final_plan: frozenset = frozenset()


@dataclass(frozen=True)
class FigureDef:
    key: str
    label: str
    records: str  # CASES, ADVICE or REVIEWS: which queryset of scope.py it counts
    date_field: str | None  # counted over the period on this date; None: as things are today
    condition: Callable[[Context], Q]

    def q(self, ctx: Context, filters: DashboardFilters) -> Q:
        return self.period_q(filters.start, filters.end) & self.condition(ctx)

    def period_q(self, start: date, end: date) -> Q:
        if self.date_field is None:
            return Q()
        return Q(**{f"{self.date_field}__gte": start, f"{self.date_field}__lte": end})


def _always(ctx: Context) -> Q:
    return Q()


def _open(ctx: Context) -> Q:
    return Q(stage__in=OPEN_STAGES)


def _plans_on_time(ctx: Context) -> Q:
    return Q(plan_issued_on__lte=F("final_plan_due"))  # reg 13(2): within 20 weeks


def _without_final_plan_exception(ctx: Context) -> Q:
    return ~Q(pk__in=ctx.lifted_final_plan)


def _transfer_on_time(ctx: Context) -> Q:
    # Reg 18(1) as amended: the plan amended (the amended version issued) by the deadline.
    return Q(amended_version__issued_on__lte=F("phase_transfer_deadline"))


def _transfer_late(ctx: Context) -> Q:
    return Q(phase_transfer_deadline__lt=ctx.today) & ~Q(pk__in=_on_time_transfer_ids())


def _on_time_transfer_ids():
    # A subquery, not a negated join, so reviews with no amended version count as late.
    return Review.objects.filter(
        amended_version__issued_on__lte=F("phase_transfer_deadline")
    ).values("pk")


def _amended_transfer_ids():
    return Review.objects.filter(amended_version__issued_on__isnull=False).values("pk")


def _kind(kind: str) -> Callable[[Context], Q]:
    return lambda ctx: Q(transfer_kind=kind, phase_transfer_deadline__isnull=False)


def _of_kind(kind: str) -> Q:
    return Q(kind=kind) if kind else Q()


def _advice_figures() -> list[FigureDef]:
    figures = []
    for kind, name in (("", "All"), *ADVICE_PROVIDERS):
        figures += [
            FigureDef(
                f"advice_{kind or 'all'}_due",
                f"{name} advice due",
                ADVICE,
                "due",
                lambda ctx, kind=kind: _of_kind(kind),
            ),
            FigureDef(
                f"advice_{kind or 'all'}_on_time",
                f"{name} advice given within 6 weeks",
                ADVICE,
                "due",
                # Reg 8(1): advice given within 6 weeks of the request (its `due` date).
                lambda ctx, kind=kind: _of_kind(kind) & Q(returned_on__lte=F("due")),
            ),
            FigureDef(
                f"advice_{kind or 'all'}_outstanding",
                f"{name} advice outstanding past its due date",
                ADVICE,
                None,
                lambda ctx, kind=kind: _of_kind(kind) & Q(status="requested", due__lt=ctx.today),
            ),
        ]
    return figures


FIGURES: dict[str, FigureDef] = {
    f.key: f
    for f in [
        # Requests and decisions (reg 5(1): decide whether to assess within 6 weeks).
        FigureDef("requests", "Requests for assessment received", CASES, "received", _always),
        FigureDef("assess_decisions", "Decisions whether to assess", CASES, "assess_on", _always),
        FigureDef(
            "assess_on_time",
            "Decisions whether to assess made within 6 weeks",
            CASES,
            "assess_on",
            lambda ctx: Q(assess_on__lte=F("decision_to_assess_due")),
        ),
        FigureDef(
            "assess_late",
            "Decisions whether to assess made after 6 weeks",
            CASES,
            "assess_on",
            lambda ctx: Q(assess_on__gt=F("decision_to_assess_due")),
        ),
        FigureDef(
            "refused_assess",
            "Decisions not to assess",
            CASES,
            "assess_on",
            lambda ctx: Q(assess_agreed=False),
        ),
        FigureDef(
            "refused_issue",
            "Decisions not to issue a plan",
            CASES,
            "issue_on",
            lambda ctx: Q(issue_agreed=False),
        ),
        # Plans issued (reg 13(2): the final plan within 20 weeks of the request).
        FigureDef("plans_issued", "New EHC plans issued", CASES, "plan_issued_on", _always),
        FigureDef(
            "plans_on_time",
            "Plans issued within 20 weeks",
            CASES,
            "plan_issued_on",
            _plans_on_time,
        ),
        FigureDef(
            "plans_late",
            "Plans issued after 20 weeks",
            CASES,
            "plan_issued_on",
            lambda ctx: Q(plan_issued_on__gt=F("final_plan_due")),
        ),
        FigureDef(
            "plans_issued_no_exc",
            "New plans issued, excluding exceptions",
            CASES,
            "plan_issued_on",
            _without_final_plan_exception,
        ),
        FigureDef(
            "plans_on_time_no_exc",
            "Plans issued within 20 weeks, excluding exceptions",
            CASES,
            "plan_issued_on",
            lambda ctx: _plans_on_time(ctx) & _without_final_plan_exception(ctx),
        ),
        *_advice_figures(),
        # Annual reviews (CFA 2014 s44(1), regs 18 and 20): within 12 months of the plan or the
        # last review; `due_on` holds that date.
        FigureDef("reviews_due", "Annual reviews due", REVIEWS, "due_on", _always),
        FigureDef(
            "reviews_on_time",
            "Annual reviews held on time",
            REVIEWS,
            "due_on",
            lambda ctx: Q(held_on__lte=F("due_on")),
        ),
        FigureDef(
            "reviews_overdue",
            "Annual reviews overdue now",
            REVIEWS,
            None,
            lambda ctx: Q(due_on__lt=ctx.today, held_on__isnull=True)
            & ~Q(status=ReviewStatus.COMPLETE),
        ),
        # Phase transfers (reg 18(1) as amended: 15 February, or 31 March for post-16).
        FigureDef(
            "transfers_due",
            "Phase transfers due",
            REVIEWS,
            "phase_transfer_deadline",
            lambda ctx: Q(phase_transfer_deadline__isnull=False),
        ),
        FigureDef(
            "transfers_on_time",
            "Plans amended for a phase transfer by the deadline",
            REVIEWS,
            "phase_transfer_deadline",
            _transfer_on_time,
        ),
        FigureDef(
            "transfers_late",
            "Phase transfers past the deadline without the amended plan",
            REVIEWS,
            "phase_transfer_deadline",
            _transfer_late,
        ),
        FigureDef(
            # The ones a caseworker works on now: the next deadline, plan not yet amended.
            "transfers_coming_up",
            "Phase transfers coming up, plan not yet amended",
            REVIEWS,
            None,
            lambda ctx: Q(phase_transfer_deadline__gte=ctx.today)
            & ~Q(pk__in=_amended_transfer_ids()),
        ),
        FigureDef(
            "transfers_school_due",
            "School phase transfers due (by 15 February)",
            REVIEWS,
            "phase_transfer_deadline",
            _kind(TransferKind.SCHOOL),
        ),
        FigureDef(
            "transfers_school_on_time",
            "School phase transfers amended by 15 February",
            REVIEWS,
            "phase_transfer_deadline",
            lambda ctx: _kind(TransferKind.SCHOOL)(ctx) & _transfer_on_time(ctx),
        ),
        FigureDef(
            "transfers_post16_due",
            "Post-16 transfers due (by 31 March)",
            REVIEWS,
            "phase_transfer_deadline",
            _kind(TransferKind.POST16),
        ),
        FigureDef(
            "transfers_post16_on_time",
            "Post-16 transfers amended by 31 March",
            REVIEWS,
            "phase_transfer_deadline",
            lambda ctx: _kind(TransferKind.POST16)(ctx) & _transfer_on_time(ctx),
        ),
        # Caseloads, as they are today.
        FigureDef("open_cases", "Open cases", CASES, None, _open),
        FigureDef(
            "open_overdue",
            "Open cases with a step overdue",
            CASES,
            None,
            lambda ctx: _open(ctx) & Q(next_due__lt=ctx.today),
        ),
    ]
}


def context(local_authority, today: date) -> Context:
    """One query, bounded by the number of recorded exceptions, not of cases."""
    by_case: dict = defaultdict(list)
    received = {}
    rows = CaseException.objects.filter(case__local_authority=local_authority).values_list(
        "case_id", "case__received", "kind", "start", "end"
    )
    for case_id, case_received, kind, start, end in rows:
        received[case_id] = case_received
        by_case[case_id].append(TimeLimitException(kind=ExceptionKind(kind), start=start, end=end))
    lifted = {
        case_id: limits_lifted(received=received[case_id], exceptions=excs)
        for case_id, excs in by_case.items()
    }
    return Context(
        today=today,
        lifted_final_plan=frozenset(c for c, limits in lifted.items() if "final_plan" in limits),
    )
