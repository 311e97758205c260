"""Multi-series charts: lines to compare trends, stacked bars for parts of a whole."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from opensend.core.charts import (
    PALETTE,
    WHITE,
    bar_chart,
    line_chart,
    multi_line_chart,
    series_style,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["January", "February", "March", "April"]
TWO_SERIES = [("Within 6 weeks", [5, 6, None, 9]), ("Later", [2, 3, 4, 1])]
SHAPES = {"circle": "circle", "square": "rect"}  # the rest are polygons


def parse(chart):
    return ET.fromstring(str(chart.svg))


def legend(root):
    return root.find(f"{SVG}g[@class='opensend-chart__legend']")


def lines(root):
    return list(root.iter(f"{SVG}polyline"))


def points(polyline):
    return [tuple(map(float, point.split(","))) for point in polyline.get("points").split()]


def segments(root):
    return [
        rect for rect in root.iter(f"{SVG}rect") if rect.get("class") == "opensend-chart__segment"
    ]


# Lines


def test_each_series_is_a_line_in_its_own_colour_and_dash():
    root = parse(multi_line_chart(MONTHS, [("A", [1, 2, 3, 4]), ("B", [4, 3, 2, 1])], title="T"))
    drawn = lines(root)
    assert [line.get("stroke") for line in drawn] == [PALETTE[0], PALETTE[1]]
    assert drawn[0].get("stroke-dasharray") is None
    assert drawn[1].get("stroke-dasharray") == series_style(1).dash
    assert [len(points(line)) for line in drawn] == [4, 4]
    # The first rises, the second falls (SVG y grows downwards).
    assert points(drawn[0])[0][1] > points(drawn[0])[-1][1]
    assert points(drawn[1])[0][1] < points(drawn[1])[-1][1]


def test_each_series_has_its_own_marker_at_every_point():
    root = parse(multi_line_chart(MONTHS, [("A", [1, 2, 3, 4]), ("B", [4, 3, 2, 1])], title="T"))
    plot = root.find(f"{SVG}g[@transform]")
    circles = [c for c in plot.iter(f"{SVG}circle") if c.get("fill") == PALETTE[0]]
    squares = [r for r in plot.iter(f"{SVG}rect") if r.get("fill") == PALETTE[1]]
    assert len(circles) == 4 and len(squares) == 4
    # Markers sit on their line's points.
    first_line = lines(root)[0]
    assert [(float(c.get("cx")), float(c.get("cy"))) for c in circles] == points(first_line)


def test_no_data_breaks_the_line_and_draws_no_marker():
    chart = multi_line_chart(
        ["Jan", "Feb", "Mar", "Apr", "May"], [("A", [1, 2, None, 4, 5])], title="T"
    )
    root = parse(chart)
    drawn = lines(root)
    assert [len(points(line)) for line in drawn] == [2, 2]  # Jan–Feb, then Apr–May
    plot = root.find(f"{SVG}g[@transform]")
    assert len(list(plot.iter(f"{SVG}circle"))) == 4


def test_a_point_alone_between_gaps_is_still_shown_by_its_marker():
    root = parse(multi_line_chart(["Jan", "Feb", "Mar"], [("A", [None, 3, None])], title="T"))
    assert lines(root) == []
    assert len(list(root.find(f"{SVG}g[@transform]").iter(f"{SVG}circle"))) == 1


def test_the_legend_names_every_series_with_its_colour_and_marker():
    names = [f"Series number {n}" for n in ("one", "two", "three", "four", "five", "six")]
    chart = multi_line_chart(MONTHS, [(name, [1, 2, 3, 4]) for name in names], title="T")
    entries = list(legend(parse(chart)))
    assert [entry.find(f"{SVG}text").text for entry in entries] == names
    for index, entry in enumerate(entries):
        style = series_style(index)
        sample = entry.find(f"{SVG}line")
        assert sample.get("stroke") == style.colour
        assert sample.get("stroke-dasharray") == style.dash
        marker = entry.find(f"{SVG}{SHAPES.get(style.marker, 'polygon')}")
        assert marker.get("fill") == style.colour
    # Six entries do not fit on one row of 640: they wrap rather than run off the edge.
    texts = [entry.find(f"{SVG}text") for entry in entries]
    assert len({float(text.get("y")) for text in texts}) == 2
    assert all(float(text.get("x")) + 7 * len(text.text) <= 640 for text in texts)


def test_long_names_are_shortened_in_the_legend_and_kept_whole_in_the_table():
    long_name = "Speech, language and communication needs, and a good deal more besides"
    chart = stacked_bar_chart(
        ["Oct", "Jan"], [(long_name, [1, 2]), ("Hearing impairment", [2, 1])], title="T"
    )
    texts = [entry.find(f"{SVG}text") for entry in legend(parse(chart))]
    assert texts[0].text.endswith("…") and long_name.startswith(texts[0].text[:-1])
    assert texts[1].text == "Hearing impairment"
    # Two columns of the legend grid, on one row.
    assert texts[0].get("y") == texts[1].get("y")
    assert float(texts[1].get("x")) > float(texts[0].get("x")) + 7 * len(texts[0].text)
    assert chart.columns[0] == long_name


def test_the_description_says_where_each_series_starts_and_ends():
    chart = multi_line_chart(MONTHS, TWO_SERIES, title="Timeliness")
    expected = "Within 6 weeks: from January, 5, to April, 9. Later: from January, 2, to April, 1."
    assert chart.summary == expected
    assert parse(chart).find(f"{SVG}desc").text == expected


def test_the_description_skips_gaps_and_says_when_a_series_has_no_data():
    chart = multi_line_chart(
        ["Jan", "Feb", "Mar"],
        [("A", [None, 4, 6]), ("B", [None, 2, None]), ("C", [None] * 3)],
        title="T",
    )
    assert chart.summary == "A: from Feb, 4, to Mar, 6. B: Feb, 2. C: no data."


def test_titles_labels_and_series_names_are_escaped():
    chart = multi_line_chart(
        ["<script>x</script>", "A & B"],
        [("<b>bold</b>", [1, 2]), ('Tom\'s "team"', [3, None])],
        title="<i>T</i>",
    )
    assert "<script>" not in chart.svg and "<b>" not in chart.svg and "<i>" not in chart.svg
    root = parse(chart)  # well-formed XML
    assert root.find(f"{SVG}title").text == "<i>T</i>"
    texts = {text.text for text in root.iter(f"{SVG}text")}
    assert {"<b>bold</b>", 'Tom\'s "team"', "A & B"} <= texts
    assert "<b>bold</b>: from <script>x</script>, 1" in root.find(f"{SVG}desc").text


def test_the_chart_is_labelled_and_uses_no_inline_styles():
    root = parse(multi_line_chart(MONTHS, TWO_SERIES, title="Timeliness"))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}desc").get("id") == desc_id
    assert all("style" not in element.attrib for element in root.iter())
    assert {text.get("fill") for text in root.iter(f"{SVG}text")} == {"#0b0c0c"}


def test_series_must_have_one_value_per_label_and_values_must_be_numbers():
    with pytest.raises(ValueError, match="3 values for 4 labels"):
        multi_line_chart(MONTHS, [("A", [1, 2, 3])], title="T")
    with pytest.raises(TypeError):
        multi_line_chart(["Jan"], [("A", ["3"])], title="T")


@pytest.mark.parametrize(
    ("labels", "series"), [([], []), ([], [("A", [])]), (MONTHS, []), (["Jan"], [("A", [None])])]
)
def test_no_data_gives_the_usual_no_data_chart(labels, series):
    chart = multi_line_chart(labels, series, title="Requests")
    assert chart.is_empty
    assert chart.summary == "No data yet."
    root = parse(chart)
    assert root.find(f"{SVG}desc").text == "No data yet."
    assert lines(root) == [] and legend(root) is None


def test_negative_and_decimal_values_sit_inside_the_plot():
    chart = multi_line_chart(
        ["Q1", "Q2", "Q3"], [("Change", [Decimal("-1.5"), 0, Decimal("2.25")])], title="T"
    )
    ys = [y for _, y in points(lines(parse(chart))[0])]
    assert all(16 <= y <= 250 for y in ys)
    assert chart.series[0].displays == ("-1.5", "0", "2.2")


# Stacked bars

SCHOOLS = ["Oakfield", "Elm", "Ash"]
PARTS = [("Within 20 weeks", [6, 0, 3]), ("Later", [2, 4, 0])]


def test_segments_are_in_proportion_and_in_series_order():
    root = parse(stacked_bar_chart(SCHOOLS, PARTS, title="Plans issued"))
    drawn = segments(root)
    # Empty segments (Elm within 20 weeks, Ash later) are not drawn.
    assert [rect.get("fill") for rect in drawn] == [PALETTE[0], PALETTE[1], PALETTE[1], PALETTE[0]]
    widths = [float(rect.get("width")) for rect in drawn]
    assert widths[0] == pytest.approx(widths[1] * 3, rel=0.01)  # 6 and 2
    assert widths[0] + widths[1] == pytest.approx(widths[2] * 2, rel=0.01)  # 8 and 4
    # The second segment starts where the first ends.
    assert float(drawn[1].get("x")) == pytest.approx(float(drawn[0].get("x")) + widths[0])


def test_segments_are_separated_by_white_gaps_and_marked_with_their_shape():
    root = parse(stacked_bar_chart(SCHOOLS, PARTS, title="Plans issued"))
    assert all(rect.get("stroke") == WHITE for rect in segments(root))
    bars = root.find(f"{SVG}g[@transform]")
    white_markers = [e for e in bars.iter() if e.get("fill") == WHITE]
    assert len(white_markers) == 4  # one per segment, each wide enough here


def test_totals_follow_each_bar_and_head_the_table():
    chart = stacked_bar_chart(SCHOOLS, PARTS, title="Plans issued", label_heading="School")
    texts = [text.text for text in parse(chart).iter(f"{SVG}text")]
    assert {"8", "4", "3"} <= set(texts)
    assert [row.display for row in chart.rows] == ["8", "4", "3"]
    assert chart.columns == ("Within 20 weeks", "Later", "Total")
    assert [(row.label, row.cells) for row in chart.table_rows] == [
        ("Oakfield", ("6", "2", "8")),
        ("Elm", ("0", "4", "4")),
        ("Ash", ("3", "0", "3")),
    ]


def test_one_series_needs_no_total_column():
    chart = stacked_bar_chart(SCHOOLS, [("Plans", [1, 2, 3])], title="T")
    assert chart.columns == ("Plans",)


def test_the_stacked_description_names_the_largest_total_and_biggest_part():
    chart = stacked_bar_chart(SCHOOLS, PARTS, title="Plans issued")
    assert chart.summary == "Largest total: Oakfield, 8. Biggest part: Within 20 weeks, 9 of 15."
    assert stacked_bar_chart(["Oak"], [("A", [2]), ("B", [3])], title="T").summary == (
        "Oak: 5 in all. Biggest part: B, 3 of 5."
    )


def test_the_stacked_legend_shows_each_colour_and_marker():
    entries = list(legend(parse(stacked_bar_chart(SCHOOLS, PARTS, title="T"))))
    assert [entry.find(f"{SVG}text").text for entry in entries] == ["Within 20 weeks", "Later"]
    assert [entry.find(f"{SVG}rect").get("fill") for entry in entries] == list(PALETTE[:2])
    assert entries[0].find(f"{SVG}circle").get("fill") == WHITE
    assert entries[1].find(f"{SVG}rect[@fill='{WHITE}']") is not None  # the square marker


def test_negative_values_are_refused_in_a_stacked_bar():
    with pytest.raises(ValueError, match="cannot be negative"):
        stacked_bar_chart(["Oak"], [("A", [1]), ("B", [-1])], title="T")


def test_a_stacked_bar_needs_a_number_for_every_label():
    with pytest.raises(TypeError):
        stacked_bar_chart(["Oak"], [("A", [None])], title="T")


def test_all_zero_stacked_bars_draw_without_dividing_by_zero():
    chart = stacked_bar_chart(["Oak", "Elm"], [("A", [0, 0]), ("B", [0, 0])], title="T")
    assert not chart.is_empty
    assert chart.summary == "Every total is 0."
    root = parse(chart)
    assert segments(root) == []
    assert "nan" not in chart.svg.lower()


@pytest.mark.parametrize(("labels", "series"), [([], []), ([], [("A", [])]), (SCHOOLS, [])])
def test_stacked_bars_without_data_say_no_data_yet(labels, series):
    chart = stacked_bar_chart(labels, series, title="T")
    assert chart.is_empty and chart.summary == "No data yet."
    assert parse(chart).find(f"{SVG}desc").text == "No data yet."


def test_every_chart_kind_is_well_formed_xml():
    for chart in (
        multi_line_chart(MONTHS, TWO_SERIES, title="A & B"),
        stacked_bar_chart(SCHOOLS, PARTS, title="<T>"),
        line_chart([("Jan", 1), ("Feb", 2)], title="T"),
        bar_chart([("Oak", 1)], title="T"),
    ):
        assert parse(chart).tag == f"{SVG}svg"


def test_single_series_charts_keep_their_rows_and_one_value_column():
    chart = line_chart([("Jan", 1), ("Feb", 2)], title="T", value_heading="Plans")
    assert [row.display for row in chart.rows] == ["1", "2"]
    assert chart.columns == ("Plans",)
    assert [(row.label, row.cells) for row in chart.table_rows] == [
        ("Jan", ("1",)),
        ("Feb", ("2",)),
    ]
    assert {e.get("fill") for e in parse(chart).iter(f"{SVG}circle")} == {PALETTE[0]}


# The include


def include(chart) -> str:
    return render_to_string("includes/chart.html", {"chart": chart})


def test_the_include_has_a_column_per_series_and_marks_missing_values():
    html = include(multi_line_chart(MONTHS, TWO_SERIES, title="Timeliness", label_heading="Month"))
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == ["Month", "Within 6 weeks", "Later"]
    assert '<th scope="row" class="govuk-table__header">March</th>' in html
    # March has no "within 6 weeks" figure: a dash for the eye, "no data" for screen readers.
    march = html.split(">March</th>")[1].split("</tr>")[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", march) == [
        '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">no data</span>',
        "4",
    ]
    assert 'role="img"' in html and "opensend-chart__legend" in html


def test_the_include_shows_stacked_bar_totals_and_escapes_series_names():
    html = include(stacked_bar_chart(["Oak"], [("<b>A</b>", [1]), ("B", [2])], title="T"))
    headers = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert headers == ["Item", "&lt;b&gt;A&lt;/b&gt;", "B", "Total"]
    assert "<b>" not in html


def test_the_include_says_no_data_yet_for_an_empty_multi_series_chart():
    html = include(multi_line_chart(MONTHS, [("A", [None] * 4)], title="T"))
    assert "No data yet." in html
    assert "govuk-table" not in html and "<svg" not in html
