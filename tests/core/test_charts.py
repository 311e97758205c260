import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from opensend.core.charts import bar_chart, line_chart, nice_ceiling

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = [("January", 3), ("February", 10), ("March", 42)]


def parse(chart):
    return ET.fromstring(str(chart.svg))


def test_the_description_names_the_highest_and_lowest():
    chart = bar_chart(MONTHS, title="Requests for assessment")
    assert chart.summary == "Highest: March, 42. Lowest: January, 3."
    assert parse(chart).find(f"{SVG}desc").text == "Highest: March, 42. Lowest: January, 3."


def test_a_line_chart_also_says_where_the_series_starts_and_ends():
    chart = line_chart([("Jan", 5), ("Feb", 1), ("Mar", 9), ("Apr", 7)], title="Plans issued")
    assert chart.summary == ("From Jan, 5, to Apr, 7. Highest: Mar, 9. Lowest: Feb, 1.")


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_the_svg_is_an_image_labelled_by_its_title_and_description(build):
    root = parse(build(MONTHS, title="Requests"))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Requests"
    assert root.find(f"{SVG}desc").get("id") == desc_id


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_no_inline_styles_only_presentation_attributes(build):
    root = parse(build(MONTHS, title="Requests"))
    assert all("style" not in element.attrib for element in root.iter())
    fills = {element.get("fill") for element in root.iter() if element.get("fill")}
    assert "#1d70b8" in fills
    assert {e.get("fill") for e in root.iter(f"{SVG}text")} == {"#0b0c0c"}


def test_bars_are_drawn_in_proportion_to_their_values():
    root = parse(bar_chart(MONTHS, title="Requests"))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[2] == pytest.approx(widths[0] * 14, rel=0.01)  # 42 is 14 times 3


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_labels_are_escaped(build):
    chart = build([("<script>alert(1)</script>", 5), ("A & B", 2)], title="<b>Title</b>")
    assert "<script>" not in chart.svg
    assert "<b>" not in chart.svg
    root = parse(chart)  # still well-formed XML
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert any(text.startswith("<script>") for text in texts)  # long labels are shortened
    assert "A & B" in texts
    assert "<script>alert(1)</script>" in root.find(f"{SVG}desc").text
    assert root.find(f"{SVG}title").text == "<b>Title</b>"


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_empty_data_says_no_data_yet(build):
    chart = build([], title="Requests")
    assert chart.is_empty
    assert chart.summary == "No data yet."
    root = parse(chart)
    assert root.find(f"{SVG}desc").text == "No data yet."
    assert root.find(f"{SVG}rect") is None


@pytest.mark.parametrize("build", [bar_chart, line_chart])
def test_all_zero_data_draws_without_dividing_by_zero(build):
    chart = build([("January", 0), ("February", 0)], title="Tribunal appeals")
    assert chart.summary == "Every value is 0."
    root = parse(chart)
    assert "nan" not in chart.svg.lower()
    assert [t.text for t in root.iter(f"{SVG}text") if t.text in {"January", "February"}]


def test_one_value_is_summarised_on_its_own():
    assert bar_chart([("Oakfield", 7)], title="Pupils").summary == "Oakfield: 7."


def test_the_line_sits_in_its_plot_for_any_values():
    root = parse(line_chart([("Q1", 1200), ("Q2", 1534), ("Q3", 0)], title="Plans"))
    heights = [float(circle.get("cy")) for circle in root.iter(f"{SVG}circle")]
    assert all(16 <= y <= 250 for y in heights)
    assert heights[2] == 250  # zero sits on the axis
    assert {"0", "1,000", "2,000"} <= {t.text for t in root.iter(f"{SVG}text")}


def test_decimal_and_fractional_values_are_shown_sensibly():
    chart = bar_chart([("Average weeks", Decimal("18.25")), ("Target", 20)], title="Weeks")
    assert [row.display for row in chart.rows] == ["18.2", "20"]


def test_negative_counts_are_refused_in_a_bar_chart():
    with pytest.raises(ValueError, match="cannot be negative"):
        bar_chart([("January", -1)], title="Requests")


def test_values_must_be_numbers():
    with pytest.raises(TypeError):
        bar_chart([("January", "3")], title="Requests")


def test_two_charts_on_one_page_have_different_ids():
    first = parse(bar_chart(MONTHS, title="Requests"))
    second = parse(bar_chart(MONTHS[:2], title="Requests"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


@pytest.mark.parametrize(("value", "ceiling"), [(3, 5), (7, 10), (42, 50), (100, 100), (101, 200)])
def test_axes_end_at_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_the_include_shows_a_figure_and_a_table_of_the_same_data():
    html = render_to_string(
        "includes/chart.html",
        {
            "chart": bar_chart(
                MONTHS,
                title="Requests for assessment",
                label_heading="Month",
                value_heading="Requests",
            )
        },
    )
    assert "<figure" in html and "<figcaption" in html
    assert 'class="govuk-table"' in html
    assert "<caption" in html
    assert html.count('scope="col"') == 2
    assert '<th scope="col" class="govuk-table__header">Month</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">42</td>' in html
    assert 'role="img"' in html


def test_the_include_escapes_labels_in_the_table_too():
    html = render_to_string(
        "includes/chart.html", {"chart": bar_chart([("<script>x</script>", 1)], title="T")}
    )
    assert "<script>" not in html


def test_the_include_says_no_data_yet_without_a_table():
    html = render_to_string("includes/chart.html", {"chart": line_chart([], title="Requests")})
    assert "No data yet." in html
    assert "govuk-table" not in html
    assert "<svg" not in html
