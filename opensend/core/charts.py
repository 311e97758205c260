"""Accessible charts drawn on the server as SVG: no JavaScript, no chart library.

DESIGN "Look and feel": pages that show numbers over time show a chart as well as the table.
The chart is for people who read shapes; the table (rendered beside it by
`templates/includes/chart.html`) is the data for everyone else. So each chart:

- is one `role="img"` whose accessible name is its `<title>` and whose description is a
  short summary in `<desc>` ("Highest: March, 42. Lowest: January, 3.");
- uses colours with enough contrast on white (#0b0c0c text; marks from PALETTE, which stays
  distinguishable for colour-blind readers) and never colour alone: several series also differ
  by marker shape and dash, and a legend inside the SVG names each one;
- uses presentation attributes (`fill=`) only, never `style=`, because the Content Security
  Policy is `style-src 'self'`;
- escapes every label, because labels may come from what people typed.

The functions are pure: data in, SVG text out, so they are easy to test and to use in PDFs.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from numbers import Real

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

BLACK = "#0b0c0c"
WHITE = "#ffffff"
GREY = "#b1b4b6"  # gridlines only: decoration, not information
NO_DATA = "No data yet."

# The series colours, in order: series i is drawn in PALETTE[i] on every chart on the platform,
# so "the second series" always looks the same. Chosen from the Okabe-Ito and IBM colour-blind-safe
# sets (Okabe and Ito, "Color Universal Design", 2008; IBM Design Language), darkened so that every
# colour has at least 3:1 contrast against the white page (WCAG 2.2 SC 1.4.11 non-text contrast),
# and starting with GOV.UK blue. The first two (blue and orange) are the pair every kind of colour
# vision tells apart best, because most charts have two series. tests/core/test_charts_palette.py
# checks the contrast and that each pair stays distinguishable under simulated protanopia,
# deuteranopia and tritanopia. Colour is never the only cue (SC 1.4.1): each series also has its
# own marker and dash, the legend names them, and the table beside the chart has the numbers.
PALETTE = (
    "#1d70b8",  # GOV.UK blue
    "#d55e00",  # Okabe-Ito vermillion
    "#5500bb",  # violet (IBM purple, darkened)
    "#bb6688",  # Okabe-Ito reddish purple, darkened
    "#553300",  # dark brown (Okabe-Ito orange, darkened)
    BLACK,  # GOV.UK black: distinct from every hue by lightness alone
)
BLUE = PALETTE[0]
MARKERS = ("circle", "square", "triangle", "diamond", "triangle-down", "cross")
# Dash patterns (stroke-dasharray); None is a solid line.
DASHES = (None, "10 5", "3 4", "12 4 3 4", "6 3", "14 3 3 3 3 3")

WIDTH = 640
ROW_HEIGHT = 32
FONT = 'font-family="arial, sans-serif" font-size="14"'


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    display: str


@dataclass(frozen=True)
class SeriesStyle:
    """How series i is drawn everywhere: its colour, marker shape and dash pattern."""

    colour: str
    marker: str
    dash: str | None


@dataclass(frozen=True)
class ChartSeries:
    """One named series of a multi-series chart, with the look it is drawn in."""

    name: str
    values: tuple[float | None, ...]  # None: no data for that label (a gap in a line)
    displays: tuple[str | None, ...]
    style: SeriesStyle


@dataclass(frozen=True)
class TableRow:
    """One row of the table beside a chart: the label, then one display per column.

    A cell of None means "no data" (the include shows a dash that screen readers hear as
    "no data").
    """

    label: str
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    svg: SafeString
    rows: tuple[ChartRow, ...]  # single-series charts' data; stacked bars' totals
    label_heading: str
    value_heading: str  # the single value column's heading; multi-series tables name series
    series: tuple[ChartSeries, ...] = ()  # multi-series charts only
    labels: tuple[str, ...] = ()  # multi-series charts only
    total_heading: str = ""  # stacked bars with several series get a "Total" column

    @property
    def columns(self) -> tuple[str, ...]:
        """The value columns of the table beside the chart (after the label column)."""
        if not self.series:
            return (self.value_heading,)
        names = tuple(series.name for series in self.series)
        return (*names, self.total_heading) if self.total_heading else names

    @property
    def table_rows(self) -> tuple[TableRow, ...]:
        if not self.series:
            return tuple(TableRow(row.label, (row.display,)) for row in self.rows)
        rows = []
        for index, label in enumerate(self.labels):
            cells = tuple(series.displays[index] for series in self.series)
            if self.total_heading:
                cells = (*cells, self.rows[index].display)
            rows.append(TableRow(label, cells))
        return tuple(rows)

    @property
    def is_empty(self) -> bool:
        if not self.series:
            return not self.rows
        return all(value is None for series in self.series for value in series.values)


def format_value(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def summarise(rows: Sequence[ChartRow]) -> str:
    """The text alternative: the highest and lowest values, in one short sentence."""
    if not rows:
        return NO_DATA
    if len(rows) == 1:
        return f"{rows[0].label}: {rows[0].display}."
    if all(row.value == rows[0].value for row in rows):
        return f"Every value is {rows[0].display}."
    highest = max(rows, key=lambda row: row.value)  # the first, if several share the top
    lowest = min(rows, key=lambda row: row.value)
    return f"Highest: {highest.label}, {highest.display}. Lowest: {lowest.label}, {lowest.display}."


def _number(value) -> float:
    # Decimal counts too: database averages and sums often arrive as Decimal.
    if not isinstance(value, Real | Decimal) or isinstance(value, bool):
        raise TypeError(f"Chart values must be numbers, not {value!r}.")
    return float(value)


def _rows(data: Sequence[tuple[str, Real]]) -> tuple[ChartRow, ...]:
    return tuple(
        ChartRow(label=str(label), value=_number(value), display=format_value(value))
        for label, value in data
    )


def _chart_id(title: str, rows) -> str:
    # Stable for the same chart (tests, caching) yet distinct for two charts on one page.
    digest = hashlib.sha256(repr((title, rows)).encode()).hexdigest()[:8]
    return f"chart-{slugify(title)[:30] or 'untitled'}-{digest}"


def _svg(*, chart_id: str, title: str, summary: str, height: int, body: str) -> SafeString:
    return mark_safe(  # noqa: S308 - every piece of text in `body` and here is escaped
        f'<svg xmlns="http://www.w3.org/2000/svg" class="opensend-chart" role="img" '
        f'width="100%" viewBox="0 0 {WIDTH} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(summary)}</desc>'
        f"{body}</svg>"
    )


def _text(x: float, y: float, content: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" fill="{BLACK}" {FONT} text-anchor="{anchor}">'
        f"{escape(content)}</text>"
    )


def _no_data_svg(chart_id: str, title: str) -> SafeString:
    return _svg(
        chart_id=chart_id,
        title=title,
        summary=NO_DATA,
        height=60,
        body=_text(WIDTH / 2, 35, NO_DATA, anchor="middle"),
    )


def _shorten(label: str, limit: int) -> str:
    # The table beside the chart always has the full label.
    return label if len(label) <= limit else label[: limit - 1] + "…"


def series_style(index: int) -> SeriesStyle:
    """The look of the index-th series (from 0).

    Keep charts to len(PALETTE) series: beyond that colours repeat (the marker and dash still
    differ from the series sharing the colour, and the legend and table still name every series),
    but a reader cannot tell that many colours apart anyway.
    """
    size = len(PALETTE)
    return SeriesStyle(
        colour=PALETTE[index % size],
        marker=MARKERS[(index + index // size) % len(MARKERS)],
        dash=DASHES[(index + index // size) % len(DASHES)],
    )


def _marker(kind: str, x: float, y: float, fill: str, size: float = 4.5) -> str:
    """A marker shape centred on (x, y), roughly the same visual weight whatever the shape."""
    if kind == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size - 0.5:g}" fill="{fill}"/>'
    if kind == "square":
        side = size * 1.6
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" fill="{fill}"/>'
        )
    s = size * 1.25
    shapes = {
        "triangle": [(0, -s), (s, s * 0.75), (-s, s * 0.75)],
        "triangle-down": [(0, s), (s, -s * 0.75), (-s, -s * 0.75)],
        "diamond": [(0, -s), (s, 0), (0, s), (-s, 0)],
        # A plus sign: arms a third as wide as they are long.
        "cross": [
            (-s / 3, -s), (s / 3, -s), (s / 3, -s / 3), (s, -s / 3), (s, s / 3), (s / 3, s / 3),
            (s / 3, s), (-s / 3, s), (-s / 3, s / 3), (-s, s / 3), (-s, -s / 3), (-s / 3, -s / 3),
        ],
    }  # fmt: skip
    points = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in shapes[kind])
    return f'<polygon points="{points}" fill="{fill}"/>'


def _dash(style: SeriesStyle) -> str:
    return f' stroke-dasharray="{style.dash}"' if style.dash else ""


LEGEND_ROW = 24
LEGEND_SWATCH = 32
CHARACTER_WIDTH = 7.0  # a little over the average for 14px Arial, so legend entries never overlap


def _legend(names: Sequence[str], swatch) -> tuple[str, int]:
    """Each series' swatch and name, in a grid of equal columns read left to right.

    Returns the SVG and the height it takes. `swatch(index, x, middle)` draws the sample. Names
    too long for half the width are shortened; the table beside the chart has them in full.
    """
    room = WIDTH - 16
    text_room = max(len(name) for name in names) * CHARACTER_WIDTH
    column = min(LEGEND_SWATCH + 8 + text_room + 24, room / 2)
    per_row = max(1, int(room // column))
    limit = int((column - LEGEND_SWATCH - 8 - 24) // CHARACTER_WIDTH)
    entries = []
    for index, name in enumerate(names):
        x = 8 + (index % per_row) * column
        middle = 8 + (index // per_row) * LEGEND_ROW + LEGEND_ROW / 2
        label = _text(x + LEGEND_SWATCH + 8, middle + 5, _shorten(name, limit))
        entries.append(f"<g>{swatch(index, x, middle)}{label}</g>")
    rows = -(-len(names) // per_row)
    return f'<g class="opensend-chart__legend">{"".join(entries)}</g>', 8 + rows * LEGEND_ROW + 8


def _line_swatch(index: int, x: float, middle: float) -> str:
    style = series_style(index)
    return (
        f'<line x1="{x:.1f}" x2="{x + LEGEND_SWATCH:.1f}" y1="{middle:.1f}" y2="{middle:.1f}" '
        f'stroke="{style.colour}" stroke-width="3"{_dash(style)}/>'
        + _marker(style.marker, x + LEGEND_SWATCH / 2, middle, style.colour)
    )


def _bar_swatch(index: int, x: float, middle: float) -> str:
    style = series_style(index)
    return (
        f'<rect x="{x + 6:.1f}" y="{middle - 10:.1f}" width="20" height="20" '
        f'fill="{style.colour}"/>' + _marker(style.marker, x + 16, middle, WHITE, size=4)
    )


def _translate(body: str, down: float) -> str:
    return f'<g transform="translate(0 {down:g})">{body}</g>'


def bar_chart(
    data: Sequence[tuple[str, Real]],
    *,
    title: str,
    label_heading: str = "Item",
    value_heading: str = "Number",
) -> Chart:
    """Horizontal bars, one per (label, value), longest for the highest value.

    Horizontal so that long labels (school names, need types) stay readable. Values are counts
    or amounts, so they must not be negative.
    """
    rows = _rows(data)
    if any(row.value < 0 for row in rows):
        raise ValueError("A bar chart shows counts or amounts; values cannot be negative.")
    summary = summarise(rows)
    chart_id = _chart_id(title, rows)
    if not rows:
        svg = _no_data_svg(chart_id, title)
    else:
        svg = _svg(
            chart_id=chart_id,
            title=title,
            summary=summary,
            height=ROW_HEIGHT * len(rows) + 16,
            body="".join(_bar(row, index, rows) for index, row in enumerate(rows)),
        )
    return Chart(title, summary, svg, rows, label_heading, value_heading)


LABEL_WIDTH = 200
VALUE_ROOM = 70  # space after the longest bar for its value
BAR_ROOM = WIDTH - LABEL_WIDTH - VALUE_ROOM


def _bar(row: ChartRow, index: int, rows: Sequence[ChartRow]) -> str:
    top = max(r.value for r in rows)
    # All-zero data draws no bars rather than dividing by zero.
    length = BAR_ROOM * row.value / top if top else 0
    y = 8 + index * ROW_HEIGHT
    middle = y + ROW_HEIGHT / 2 + 5
    return (
        _text(LABEL_WIDTH - 8, middle, _shorten(row.label, 26), anchor="end")
        + f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" '
        f'height="{ROW_HEIGHT - 8}" fill="{BLUE}"/>'
        + _text(LABEL_WIDTH + length + 6, middle, row.display)
    )


def _series_values(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence]], *, gaps: bool
) -> list[tuple[str, tuple[float | None, ...]]]:
    checked = []
    for name, values in series:
        values = tuple(values)
        if len(values) != len(labels):
            raise ValueError(f"Series {name!r} has {len(values)} values for {len(labels)} labels.")
        if not gaps and any(value is None for value in values):
            raise TypeError(f"Series {name!r}: a bar needs a number for every label.")
        checked.append(
            (str(name), tuple(None if value is None else _number(value) for value in values))
        )
    return checked


def _chart_series(checked) -> tuple[ChartSeries, ...]:
    return tuple(
        ChartSeries(
            name=name,
            values=values,
            displays=tuple(None if value is None else format_value(value) for value in values),
            style=series_style(index),
        )
        for index, (name, values) in enumerate(checked)
    )


def stacked_bar_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Real]]],
    *,
    title: str,
    label_heading: str = "Item",
    value_heading: str = "Number",
) -> Chart:
    """Horizontal bars, one per label, each split into one segment per series, in order.

    For parts of a whole (plans issued within 20 weeks and later, by school). Segments are
    separated by white gaps and carry their series' marker in white, so they can be told apart
    without colour; the legend names each series. Values must not be negative.
    """
    labels = tuple(str(label) for label in labels)
    checked = _series_values(labels, series, gaps=False)
    if any(value < 0 for _, values in checked for value in values):
        raise ValueError("A bar chart shows counts or amounts; values cannot be negative.")
    several = len(checked) > 1
    totals = tuple(
        ChartRow(
            label,
            sum(values[index] for _, values in checked),
            format_value(sum(values[index] for _, values in checked)),
        )
        for index, label in enumerate(labels)
    )
    summary = _stacked_summary(totals, checked) if checked and labels else NO_DATA
    chart_id = _chart_id(title, (labels, checked))
    chart = Chart(
        title,
        summary,
        SafeString(""),
        totals if checked else (),
        label_heading,
        value_heading,
        series=_chart_series(checked),
        labels=labels,
        total_heading="Total" if several else "",
    )
    if chart.is_empty:
        svg = _no_data_svg(chart_id, title)
    else:
        legend, legend_height = _legend([name for name, _ in checked], _bar_swatch)
        top = max(row.value for row in totals)
        bars = "".join(
            _stacked_bar(index, total, checked, top) for index, total in enumerate(totals)
        )
        svg = _svg(
            chart_id=chart_id,
            title=title,
            summary=summary,
            height=legend_height + ROW_HEIGHT * len(labels) + 16,
            body=legend + _translate(bars, legend_height),
        )
    return replace(chart, svg=svg)


SEGMENT_MARKER_ROOM = 16  # a segment narrower than this has no room for its marker


def _stacked_bar(index: int, total: ChartRow, checked, top: float) -> str:
    y = 8 + index * ROW_HEIGHT
    middle = y + ROW_HEIGHT / 2 + 5
    parts = [_text(LABEL_WIDTH - 8, middle, _shorten(total.label, 26), anchor="end")]
    x = float(LABEL_WIDTH)
    for number, (_, values) in enumerate(checked):
        # All-zero data draws no bars rather than dividing by zero; empty segments draw nothing.
        width = BAR_ROOM * values[index] / top if top else 0
        if width <= 0:
            continue
        style = series_style(number)
        # The white stroke is the gap between segments (SC 1.4.1: not colour alone).
        parts.append(
            f'<rect class="opensend-chart__segment" x="{x:.1f}" y="{y + 4}" width="{width:.1f}" '
            f'height="{ROW_HEIGHT - 8}" fill="{style.colour}" stroke="{WHITE}" '
            f'stroke-width="2"/>'
        )
        if width >= SEGMENT_MARKER_ROOM:
            parts.append(_marker(style.marker, x + width / 2, y + ROW_HEIGHT / 2, WHITE, size=4))
        x += width
    parts.append(_text(x + 6, middle, total.display))
    return "".join(parts)


def _stacked_summary(totals: Sequence[ChartRow], checked) -> str:
    if all(row.value == 0 for row in totals):
        return f"Every total is {totals[0].display}."
    largest = max(totals, key=lambda row: row.value)  # the first, if several share the top
    if len(totals) == 1:
        text = f"{largest.label}: {largest.display} in all."
    else:
        text = f"Largest total: {largest.label}, {largest.display}."
    if len(checked) > 1:
        sums = [(name, sum(values)) for name, values in checked]
        name, biggest = max(sums, key=lambda pair: pair[1])
        grand = sum(row.value for row in totals)
        text += f" Biggest part: {name}, {format_value(biggest)} of {format_value(grand)}."
    return text


PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 70, WIDTH - 50, 16, 250
LINE_HEIGHT = 290
MAX_X_LABELS = 6  # about 110px apart: room for a 12-character label


def line_chart(
    data: Sequence[tuple[str, Real]],
    *,
    title: str,
    label_heading: str = "Period",
    value_heading: str = "Number",
) -> Chart:
    """A line through (label, value) points in the order given, for numbers over time."""
    rows = _rows(data)
    summary = summarise(rows)
    if len(rows) > 1 and len({row.value for row in rows}) > 1:
        summary = f"From {rows[0].label}, {rows[0].display}, to {rows[-1].label}, " + (
            f"{rows[-1].display}. {summary}"
        )
    chart_id = _chart_id(title, rows)
    if not rows:
        svg = _no_data_svg(chart_id, title)
    else:
        body = _line_plot([row.label for row in rows], [tuple(row.value for row in rows)])
        svg = _svg(chart_id=chart_id, title=title, summary=summary, height=LINE_HEIGHT, body=body)
    return Chart(title, summary, svg, rows, label_heading, value_heading)


def multi_line_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Real | None]]],
    *,
    title: str,
    label_heading: str = "Period",
    value_heading: str = "Number",
) -> Chart:
    """One line per (name, values) series over the same labels, for comparing trends.

    Series i is drawn in PALETTE[i] with its own marker and dash, and named in a legend. None
    is "no data for that period": the line breaks there and no marker is drawn.
    """
    labels = tuple(str(label) for label in labels)
    checked = _series_values(labels, series, gaps=True)
    chart_series = _chart_series(checked)
    summary = " ".join(_line_series_summary(labels, name, values) for name, values in checked)
    chart_id = _chart_id(title, (labels, checked))
    chart = Chart(
        title,
        summary,
        SafeString(""),
        (),
        label_heading,
        value_heading,
        series=chart_series,
        labels=labels,
    )
    if chart.is_empty:
        return replace(chart, summary=NO_DATA, svg=_no_data_svg(chart_id, title))
    legend, legend_height = _legend([name for name, _ in checked], _line_swatch)
    svg = _svg(
        chart_id=chart_id,
        title=title,
        summary=summary,
        height=legend_height + LINE_HEIGHT,
        body=legend
        + _translate(_line_plot(labels, [values for _, values in checked]), legend_height),
    )
    return replace(chart, svg=svg)


def _line_series_summary(labels, name: str, values) -> str:
    known = [
        (label, value) for label, value in zip(labels, values, strict=True) if value is not None
    ]
    if not known:
        return f"{name}: no data."
    (first_label, first), (last_label, last) = known[0], known[-1]
    if len(known) == 1:
        return f"{name}: {first_label}, {format_value(first)}."
    return (
        f"{name}: from {first_label}, {format_value(first)}, to {last_label}, {format_value(last)}."
    )


def nice_ceiling(value: float) -> float:
    """The next of 1, 2, 5, 10, 20, 50… at or above `value`, so axis labels are round."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value and magnitude >= 10:
        magnitude /= 10
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= value)


def _scale(values: Sequence[float]) -> tuple[float, float]:
    low = min(0.0, min(values))
    high = max(0.0, max(values))
    if low < 0:
        low = -nice_ceiling(-low)  # a round bottom too, not "-1.3"
    if high > 0:
        return low, nice_ceiling(high)
    # All-zero data gets a nominal range so the line sits on the axis, not a division by zero.
    return low, high if high > low else low + 1


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """The unbroken stretches of a series: None (no data) breaks the line."""
    runs, current = [], []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def _line_plot(labels: Sequence[str], all_values: Sequence[Sequence[float | None]]) -> str:
    known = [value for values in all_values for value in values if value is not None]
    low, high = _scale(known)
    step = (PLOT_RIGHT - PLOT_LEFT) / max(len(labels) - 1, 1)

    def x(index: int) -> float:
        return PLOT_LEFT + index * step if len(labels) > 1 else (PLOT_LEFT + PLOT_RIGHT) / 2

    def y(value: float) -> float:
        return PLOT_BOTTOM - (value - low) / (high - low) * (PLOT_BOTTOM - PLOT_TOP)

    lines, markers = [], []
    for number, values in enumerate(all_values):
        style = series_style(number)
        for run in _runs(values):
            if len(run) > 1:
                points = " ".join(f"{x(i):.1f},{y(value):.1f}" for i, value in run)
                lines.append(
                    f'<polyline class="opensend-chart__line" points="{points}" fill="none" '
                    f'stroke="{style.colour}" stroke-width="3"{_dash(style)}/>'
                )
        # Markers after every line, so no line hides another series' points.
        markers.extend(
            _marker(style.marker, x(i), y(value), style.colour)
            for i, value in enumerate(values)
            if value is not None
        )
    return (
        _gridlines(_ticks(known, low, high), y)
        + "".join(lines)
        + "".join(markers)
        + _x_labels(labels, x)
    )


def _ticks(values: Sequence[float], low: float, high: float) -> list[float]:
    if all(value == 0 for value in values):
        return [0.0]
    middle = (low + high) / 2
    whole_numbers = all(value.is_integer() for value in values)
    # Counts get no "2.5" gridline: a half-way tick is shown only where it is a real value.
    if whole_numbers and not middle.is_integer():
        return [low, high]
    return [low, middle, high]


def _gridlines(ticks: list[float], y) -> str:
    return "".join(
        f'<line x1="{PLOT_LEFT}" x2="{PLOT_RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
        f'stroke="{GREY}" stroke-width="1"/>'
        + _text(PLOT_LEFT - 8, y(tick) + 5, format_value(tick), anchor="end")
        for tick in ticks
    )


def _x_labels(labels: Sequence[str], x) -> str:
    # Long series label every nth point so labels never overlap; the table lists them all.
    # Counted back from the latest point, which is the one people look for.
    every = -(-len(labels) // MAX_X_LABELS)
    last = len(labels) - 1
    return "".join(
        _text(x(i), PLOT_BOTTOM + 24, _shorten(label, 12), anchor="middle")
        for i, label in enumerate(labels)
        if (last - i) % every == 0
    )
