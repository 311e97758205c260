"""Accessible charts drawn on the server as SVG: no JavaScript, no chart library.

DESIGN "Look and feel": pages that show numbers over time show a chart as well as the table.
The chart is for people who read shapes; the table (rendered beside it by
`templates/includes/chart.html`) is the data for everyone else. So each chart:

- is one `role="img"` whose accessible name is its `<title>` and whose description is a
  one-sentence summary in `<desc>` ("Highest: March, 42. Lowest: January, 3.");
- uses GOV.UK colours with enough contrast (#1d70b8 marks, #0b0c0c text on white);
- uses presentation attributes (`fill=`) only, never `style=`, because the Content Security
  Policy is `style-src 'self'`;
- escapes every label, because labels may come from what people typed.

The functions are pure: data in, SVG text out, so they are easy to test and to use in PDFs.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

BLUE = "#1d70b8"
BLACK = "#0b0c0c"
GREY = "#b1b4b6"  # gridlines only: decoration, not information
NO_DATA = "No data yet."

WIDTH = 640
ROW_HEIGHT = 32
FONT = 'font-family="arial, sans-serif" font-size="14"'


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: float
    display: str


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    svg: SafeString
    rows: tuple[ChartRow, ...]
    label_heading: str
    value_heading: str

    @property
    def is_empty(self) -> bool:
        return not self.rows


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


def _rows(data: Sequence[tuple[str, Real]]) -> tuple[ChartRow, ...]:
    rows = []
    for label, value in data:
        # Decimal counts too: database averages and sums often arrive as Decimal.
        if not isinstance(value, Real | Decimal) or isinstance(value, bool):
            raise TypeError(f"Chart values must be numbers, not {value!r}.")
        rows.append(ChartRow(label=str(label), value=float(value), display=format_value(value)))
    return tuple(rows)


def _chart_id(title: str, rows: Sequence[ChartRow]) -> str:
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


def _bar(row: ChartRow, index: int, rows: Sequence[ChartRow]) -> str:
    top = max(r.value for r in rows)
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    # All-zero data draws no bars rather than dividing by zero.
    length = room * row.value / top if top else 0
    y = 8 + index * ROW_HEIGHT
    middle = y + ROW_HEIGHT / 2 + 5
    return (
        _text(LABEL_WIDTH - 8, middle, _shorten(row.label, 26), anchor="end")
        + f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length:.1f}" '
        f'height="{ROW_HEIGHT - 8}" fill="{BLUE}"/>'
        + _text(LABEL_WIDTH + length + 6, middle, row.display)
    )


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
        svg = _svg(
            chart_id=chart_id, title=title, summary=summary, height=LINE_HEIGHT, body=_line(rows)
        )
    return Chart(title, summary, svg, rows, label_heading, value_heading)


def nice_ceiling(value: float) -> float:
    """The next of 1, 2, 5, 10, 20, 50… at or above `value`, so axis labels are round."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    while magnitude > value and magnitude >= 10:
        magnitude /= 10
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= value)


def _scale(rows: Sequence[ChartRow]) -> tuple[float, float]:
    low = min(0.0, min(row.value for row in rows))
    high = max(0.0, max(row.value for row in rows))
    if high > 0:
        return low, nice_ceiling(high)
    # All-zero data gets a nominal range so the line sits on the axis, not a division by zero.
    return low, high if high > low else low + 1


def _line(rows: Sequence[ChartRow]) -> str:
    low, high = _scale(rows)
    step = (PLOT_RIGHT - PLOT_LEFT) / max(len(rows) - 1, 1)

    def x(index: int) -> float:
        return PLOT_LEFT + index * step if len(rows) > 1 else (PLOT_LEFT + PLOT_RIGHT) / 2

    def y(value: float) -> float:
        return PLOT_BOTTOM - (value - low) / (high - low) * (PLOT_BOTTOM - PLOT_TOP)

    points = " ".join(f"{x(i):.1f},{y(row.value):.1f}" for i, row in enumerate(rows))
    return (
        _gridlines(_ticks(rows, low, high), y)
        + f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="3"/>'
        + "".join(
            f'<circle cx="{x(i):.1f}" cy="{y(row.value):.1f}" r="4" fill="{BLUE}"/>'
            for i, row in enumerate(rows)
        )
        + _x_labels(rows, x)
    )


def _ticks(rows: Sequence[ChartRow], low: float, high: float) -> list[float]:
    if all(row.value == 0 for row in rows):
        return [0.0]
    middle = (low + high) / 2
    whole_numbers = all(row.value.is_integer() for row in rows)
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


def _x_labels(rows: Sequence[ChartRow], x) -> str:
    # Long series label every nth point so labels never overlap; the table lists them all.
    # Counted back from the latest point, which is the one people look for.
    every = -(-len(rows) // MAX_X_LABELS)
    last = len(rows) - 1
    return "".join(
        _text(x(i), PLOT_BOTTOM + 24, _shorten(row.label, 12), anchor="middle")
        for i, row in enumerate(rows)
        if (last - i) % every == 0
    )
