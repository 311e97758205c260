"""The chart colours: enough contrast on white, and still told apart by colour-blind readers."""

import itertools
import math

import pytest

from opensend.core.charts import DASHES, MARKERS, PALETTE, series_style

# Machado, Oliveira and Fernandes (2009), "A physiologically-based model for simulation of color
# vision deficiency", IEEE TVCG 15(6): the severity 1.0 matrices (full dichromacy, the worst
# case), applied to linear RGB.
DICHROMACY = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
    "typical colour vision": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
}

# Distance in CIELAB (the 1976 ΔE*ab: straight-line distance in a space built so that equal
# distances look roughly equally different). About 2.3 is a just-noticeable difference between
# two large patches side by side; chart lines and markers are small and apart, so we ask for far
# more. 20 is "clearly different colours" rather than "two shades of one", and the palette has
# over 30 for every pair under every simulation, so a later tweak has some room.
MINIMUM_DISTANCE = 20


def linear(channel: int) -> float:
    """sRGB to linear light (IEC 61966-2-1, as WCAG 2.2's relative luminance uses)."""
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def linear_rgb(colour: str) -> tuple[float, float, float]:
    return tuple(linear(int(colour[i : i + 2], 16)) for i in (1, 3, 5))


def relative_luminance(colour: str) -> float:
    red, green, blue = linear_rgb(colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_with_white(colour: str) -> float:
    # WCAG 2.2 "contrast ratio": (L1 + 0.05) / (L2 + 0.05), white's luminance being 1.
    return 1.05 / (relative_luminance(colour) + 0.05)


def simulate(colour: str, matrix) -> tuple[float, float, float]:
    rgb = linear_rgb(colour)
    return tuple(
        min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in matrix
    )


def cielab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    """Linear sRGB to CIELAB under D65."""
    red, green, blue = rgb
    x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047
    y = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_the_helpers_agree_with_known_values():
    # The tests below are only as good as this arithmetic, so pin it to published figures.
    assert contrast_with_white("#000000") == pytest.approx(21)
    assert contrast_with_white("#ffffff") == pytest.approx(1)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)  # the usual AA grey
    assert cielab(linear_rgb("#ff0000")) == pytest.approx((53.24, 80.09, 67.20), abs=0.1)
    # Protanopes and deuteranopes confuse red and green; tritanopes do not.
    red, green = "#d62728", "#2ca02c"

    def distance(view):
        return math.dist(*(cielab(simulate(c, DICHROMACY[view])) for c in (red, green)))

    assert distance("deuteranopia") < MINIMUM_DISTANCE < distance("tritanopia")


def test_the_palette_starts_with_govuk_blue_and_has_five_or_six_colours():
    assert PALETTE[0] == "#1d70b8"
    assert 5 <= len(PALETTE) <= 6
    assert len(set(PALETTE)) == len(PALETTE)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_colour_has_3_to_1_contrast_against_white(colour):
    # WCAG 2.2 SC 1.4.11 non-text contrast: lines, markers and bars on a white page.
    assert contrast_with_white(colour) >= 3


@pytest.mark.parametrize("view", DICHROMACY)
def test_every_pair_of_colours_stays_distinguishable(view):
    seen = {colour: cielab(simulate(colour, DICHROMACY[view])) for colour in PALETTE}
    too_close = [
        (first, second, round(math.dist(seen[first], seen[second]), 1))
        for first, second in itertools.combinations(PALETTE, 2)
        if math.dist(seen[first], seen[second]) < MINIMUM_DISTANCE
    ]
    assert too_close == []


def test_each_series_has_its_own_colour_marker_and_dash():
    styles = [series_style(index) for index in range(len(PALETTE))]
    assert [style.colour for style in styles] == list(PALETTE)
    assert len({style.marker for style in styles}) == len(PALETTE)
    assert len({style.dash for style in styles}) == len(PALETTE)
    assert styles[0].dash is None  # the first series is a plain solid line, as before
    assert styles[0].marker == "circle"


def test_series_beyond_the_palette_repeat_a_colour_but_not_its_look():
    size = len(PALETTE)
    again = series_style(size)
    assert again.colour == series_style(0).colour
    assert (again.marker, again.dash) != (series_style(0).marker, series_style(0).dash)
    assert len(MARKERS) == len(DASHES) == size
