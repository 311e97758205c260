"""The school's SEND dashboard and its governors' version, as `Report`s (issue 12 item 2).

Both are built from the same exact figures (`figures.school_figures`). The school's version
shows them as they are; the governors' version passes every count through `suppression` (counts
from 1 to 4 shown as "fewer than 5", the subtraction guard, percentages of small groups hidden)
and draws a chart only when none of its values is hidden, so a hidden number cannot be read off
a bar or a line. Neither names a child; the links to the school's own lists (which do) are the
view's business and only on the school's version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from opensend.core.charts import multi_line_chart, stacked_bar_chart
from opensend.core.report_pages import Figure, Report, Section, percent_text
from opensend.core.tables import table
from opensend.law.dates import long_date
from opensend.organisations.models import Organisation
from opensend.reports.school_dashboard.figures import SchoolFigures, school_figures
from opensend.reports.school_dashboard.suppression import (
    HIDDEN_NOTE,
    shown_count,
    shown_percent,
    shown_total,
    suppress_group,
)

CHART_LEFT_OUT = (
    "The chart is left out because some of its numbers are fewer than 5: the table shows "
    "what can be shown."
)


class Counts:
    """How counts are shown: exactly (the school's version) or suppressed (governors')."""

    def __init__(self, *, suppress: bool):
        self.suppress = suppress

    def group(self, counts: Sequence[int]) -> list[int | str]:
        """A group of counts shown with their total: each count as shown."""
        if not self.suppress:
            return list(counts)
        return [shown_count(value) for value in suppress_group(counts)]

    def total(self, count: int) -> int | str:
        return shown_total(count) if self.suppress else count

    def percent(self, part: int, whole: int, *, part_hidden: bool = False) -> str:
        if self.suppress:
            return shown_percent(part, whole, part_hidden=part_hidden)
        return percent_text(part, whole)

    def chartable(self, *rows: Sequence[int | str]) -> bool:
        """Whether a chart of these shown values may be drawn: none of them is hidden."""
        return all(isinstance(value, int) for row in rows for value in row)


def _text(value: int | str) -> str:
    return f"{value:,}" if isinstance(value, int) else value


# --- sections --------------------------------------------------------------------------------


def _register_section(figures: SchoolFigures, counts: Counts) -> Section:
    rows = []
    support_series, plan_series = [], []
    for on_day in figures.register:
        support, plans = counts.group([on_day.sen_support, on_day.ehc_plan])
        rows.append(
            (
                on_day.census.label,
                on_day.census.day,
                support,
                plans,
                counts.total(on_day.total),
            )
        )
        support_series.append(support)
        plan_series.append(plans)
    notes = [
        "Pupils on roll on each census day of this school year and the last (the first "
        "Thursday in October, the third Thursday in January and the third Thursday in May: "
        "DfE school census guide), with the SEN provision recorded for them that day: SEN "
        "support (K) or an EHC plan (E).",
    ]
    charts = ()
    chart_rows = [row[2:4] for row in rows]
    if rows and counts.chartable(*chart_rows):
        charts = (
            multi_line_chart(
                [on_day.census.label for on_day in figures.register],
                [("SEN support", support_series), ("EHC plan", plan_series)],
                title="Pupils on the SEN register on each census day",
                label_heading="Census day",
                value_heading="Pupils",
            ),
        )
    elif rows:
        notes.append(CHART_LEFT_OUT)
    figures_shown = ()
    if rows:
        latest = rows[-1]
        figures_shown = (
            Figure(f"On SEN support ({latest[0]} census)", _text(latest[2])),
            Figure(f"With an EHC plan ({latest[0]} census)", _text(latest[3])),
        )
    return Section(
        heading="SEN register by census day",
        key="register",
        chart_tables=False,  # the table below holds the same figures
        figures=figures_shown,
        charts=charts,
        tables=(
            table(
                "register",
                "Pupils on the SEN register on each census day",
                ["Census", "Census day", "SEN support", "EHC plan", "Total on the SEN register"],
                rows,
                numeric_columns=frozenset({2, 3, 4}),
                empty_text="No census day has passed yet.",
            ),
        ),
        notes=tuple(notes),
    )


# The palette has six colours (opensend.core.charts): past that, colours repeat and segments
# are hard to tell apart, so the chart shows the five largest needs and "Other types of need"
# together; the table below it lists every need.
CHART_NEEDS = 5


def _largest_needs(series: list[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    if len(series) <= CHART_NEEDS + 1:
        return series
    ranked = sorted(series, key=lambda named: -sum(named[1]))
    rest = [values for _, values in ranked[CHART_NEEDS:]]
    other = [sum(day) for day in zip(*rest, strict=True)]
    return [*ranked[:CHART_NEEDS], ("Other types of need", other)]


def _needs_section(figures: SchoolFigures, counts: Counts) -> Section:
    labels = [census.label for census in figures.census_days]
    # Each census day's column is a group shown with its total (the last row).
    columns = [
        counts.group([values[index] for _, values in figures.needs]) for index in range(len(labels))
    ]
    totals = [
        counts.total(sum(values[index] for _, values in figures.needs))
        for index in range(len(labels))
    ]
    rows = [
        (need, *[column[row] for column in columns]) for row, (need, _) in enumerate(figures.needs)
    ]
    if rows:
        rows.append(("All pupils with a primary need recorded", *totals))
    notes = [
        "Pupils on roll on each census day by the primary (first-ranked) type of need recorded "
        "for them that day, with the census's need codes.",
    ]
    charts = ()
    if figures.needs and counts.chartable(*columns):
        charts = (
            stacked_bar_chart(
                labels,
                _largest_needs(
                    [
                        (need, [column[row] for column in columns])
                        for row, (need, _) in enumerate(figures.needs)
                    ]
                ),
                title="Pupils by primary type of need on each census day",
                label_heading="Census day",
                value_heading="Pupils",
            ),
        )
    elif figures.needs:
        notes.append(CHART_LEFT_OUT)
    return Section(
        heading="Primary type of need by census day",
        key="needs",
        chart_tables=False,  # the table below holds the same figures
        charts=charts,
        tables=(
            table(
                "primary-needs",
                "Pupils by primary type of need on each census day",
                ["Primary need", *labels],
                rows,
                empty_text="No primary needs recorded for pupils on roll on a census day.",
            ),
        ),
        notes=tuple(notes),
    )


def _meetings_section(figures: SchoolFigures, counts: Counts) -> Section:
    meetings = figures.meetings
    statuses = [label for label, _ in meetings.by_status]
    shown = counts.group([count for _, count in meetings.by_status])
    total = counts.total(meetings.total)
    met = meetings.count("Met")
    met_hidden = shown[statuses.index("Met")] != met if "Met" in statuses else False
    year = meetings.academic_year
    notes = [
        "The SEN Code of Practice (6.65) expects schools to meet the parents of each pupil on "
        "SEN support at least three times a year. Each pupil on the register at any time this "
        f"school year ({year} to {year + 1}) is counted once: met (three meetings held), on "
        "track, offered (a meeting offered and declined counts) or behind.",
    ]
    if meetings.uses_default_terms:
        notes.append("The school has not set all its term dates, so usual term dates are used.")
    return Section(
        heading="Meetings with parents",
        key="meetings",
        figures=(
            Figure("Pupils on the SEN register this school year", _text(total)),
            Figure(
                "Three meetings held",
                _text(shown[statuses.index("Met")]) if "Met" in statuses else "0",
                detail=f"{counts.percent(met, meetings.total, part_hidden=met_hidden)} of pupils",
            ),
        ),
        tables=(
            table(
                "parent-meetings",
                f"Meetings with parents, {year} to {year + 1}",
                ["Status", "Pupils"],
                [*zip(statuses, shown, strict=True), ("All pupils on the register", total)],
            ),
        ),
        notes=tuple(notes),
    )


def _support_reviews_section(figures: SchoolFigures, counts: Counts) -> Section:
    reviews = figures.support_reviews
    on_time, late = counts.group([reviews.on_time, reviews.late])
    total = counts.total(reviews.total)
    overdue = counts.total(reviews.overdue_now)
    percent = counts.percent(
        reviews.on_time, reviews.total, part_hidden=not isinstance(on_time, int)
    )
    return Section(
        heading="SEN support plan reviews",
        key="support-reviews",
        figures=(
            Figure(
                "Reviews held by their review date",
                percent,
                detail=f"in the 12 months since {long_date(reviews.since)}",
            ),
            Figure("Plans past their review date now", _text(overdue)),
        ),
        tables=(
            table(
                "support-plan-reviews",
                "SEN support plan reviews in the last 12 months",
                ["Reviews", "Number"],
                [
                    ("Held by the review date", on_time),
                    ("Held after the review date", late),
                    ("All reviews held", total),
                    ("Active plans past their review date now", overdue),
                ],
            ),
        ),
        notes=(
            "Each plan sets the date it will be reviewed, agreed with the parents (SEN Code of "
            "Practice 6.52 and 6.54: assess, plan, do, review).",
        ),
    )


def _ehc_section(figures: SchoolFigures, counts: Counts) -> Section:
    requests, reviews = figures.ehc_requests, figures.annual_reviews
    stages = counts.group([count for _, count in requests.by_stage])
    steps = counts.group([count for _, count in reviews.by_status])
    return Section(
        heading="EHC needs assessments and annual reviews in progress",
        key="ehc",
        figures=(
            Figure("EHC needs assessments in progress", _text(counts.total(requests.total))),
            Figure(
                "EHC plan reviews in progress",
                _text(counts.total(reviews.total)),
                detail=f"{_text(counts.total(reviews.overdue))} past a statutory date",
            ),
        ),
        tables=(
            table(
                "ehc-assessments",
                "EHC needs assessments in progress for pupils on roll",
                ["Stage", "Pupils"],
                [
                    *zip([label for label, _ in requests.by_stage], stages, strict=True),
                    ("All in progress", counts.total(requests.total)),
                    ("Past their next statutory date", counts.total(requests.overdue)),
                ],
            ),
            table(
                "ehc-plan-reviews",
                "Reviews of EHC plans the school arranges, in progress",
                ["Step", "Reviews"],
                [
                    *zip([label for label, _ in reviews.by_status], steps, strict=True),
                    ("All in progress", counts.total(reviews.total)),
                    ("Past a statutory date", counts.total(reviews.overdue)),
                ],
            ),
        ),
        notes=(
            "Assessments: the council's 20 weeks from request to final plan (SEND Regulations "
            "2014 reg 13(2)). Reviews: at least every 12 months (Children and Families Act 2014 "
            "s44), arranged by the head teacher (reg 20(12)); the report within 2 weeks of the "
            "meeting (reg 20(7)) and the council's decision within 4 weeks (reg 20(10)).",
        ),
    )


def _senco_section(figures: SchoolFigures) -> Section:
    senco = figures.senco_time
    if senco is None:
        return Section(
            heading="SENCO time",
            key="senco-time",
            figures=(Figure("SENCO time", "Not recorded yet"),),
            notes=("No SENCO time has been recorded for any term yet.",),
        )
    passed = "Yes" if senco.compliant else "No"
    hours = f"{senco.senco_hours.normalize():f}"
    return Section(
        heading="SENCO time",
        key="senco-time",
        figures=(
            Figure(f"SENCO hours a week ({senco.term})", hours),
            Figure("Every check on SENCO time passed", passed),
        ),
        tables=(
            table(
                "senco-time",
                "SENCO time in the latest term recorded",
                ["Term", "SENCO hours a week", "SENCOs", "Every check passed"],
                [(senco.term, float(senco.senco_hours), senco.sencos, passed)],
                numeric_columns=frozenset({1, 2}),
            ),
        ),
        notes=(
            "The SENCO must have the time to do the role (SEN Code of Practice 6.90); the "
            "checks are the school's own record of the SENCO's hours against them.",
        ),
    )


def _report(school: Organisation, today, *, governors: bool) -> Report:
    figures = school_figures(school, today)
    counts = Counts(suppress=governors)
    sections = (
        _register_section(figures, counts),
        _needs_section(figures, counts),
        _meetings_section(figures, counts),
        _support_reviews_section(figures, counts),
        _ehc_section(figures, counts),
        _senco_section(figures),
    )
    if governors:
        sections = tuple(
            replace(section, notes=(*section.notes, HIDDEN_NOTE))
            if section.key != "senco-time"  # hours, not children
            else section
            for section in sections
        )
    return Report(
        title="SEND report for governors" if governors else "SEND dashboard",
        scope=f"{school.name}, figures on {long_date(today)}",
        filename_stem="send-report-for-governors" if governors else "send-dashboard",
        sections=sections,
        generated_on=today,
    )


def build_school_dashboard(school: Organisation, *, today) -> Report:
    """The school's dashboard for its SENCO and head: exact figures."""
    return _report(school, today, governors=False)


def build_governors_dashboard(school: Organisation, *, today) -> Report:
    """The governors' version: aggregates only, small numbers hidden."""
    return _report(school, today, governors=True)
