"""The governors' SEND report (issue 12 item 2): aggregates only, small numbers hidden.

Counts from 1 to 4 show as "fewer than 5" (0 and 5 are shown); when exactly one count in a group
shown with its total is hidden, the next smallest is hidden too (or the hidden one could be
worked out by subtraction); a percentage of a small group is not shown; a chart with a hidden
value is left out. The page, the CSV and the PDF all carry the same hidden values, and no child
is named or linked to. The fixture is the school dashboard's (test_school_dashboard.py).
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from opensend.core.report_pages import SUPPRESSED
from opensend.people.models import NEED_CHOICES
from opensend.reports.school_dashboard.build import CHART_LEFT_OUT
from opensend.reports.school_dashboard.suppression import (
    HIDDEN_NOTE,
    NOT_SHOWN,
    shown_percent,
    suppress_group,
)
from opensend.support.models import SupportPlanStatus
from tests.reports.export_checks import csv_rows, pdf_text
from tests.reports.test_school_dashboard import (
    NOW,
    _build,
    _plan,
    _section,
    _table,
    make_world,
)
from tests.signin import sign_in

LABEL = dict(NEED_CHOICES)
H = SUPPRESSED


@pytest.fixture
def world(demo):
    return make_world(demo)


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        ([0, 5, 12], [0, 5, 12]),  # nothing small
        ([1, 4], [None, None]),
        ([3, 7], [None, None]),  # 7 hidden too, or 10 - 7 gives the 3 back
        ([3, 0, 6], [None, 0, None]),  # a zero is never the second one hidden
        ([7, 6, 3], [7, None, None]),  # the next smallest
        ([2, 3, 9], [None, None, 9]),  # two hidden already: neither can be worked out
        ([3, 0], [None, 0]),  # the total (3) is hidden itself
        ([3], [None]),
        ([], []),
    ],
)
def test_small_counts_and_the_subtraction_guard(counts, shown):
    assert suppress_group(counts) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (6, 8, NOT_SHOWN),  # the rest, 2, is small
        (3, 20, NOT_SHOWN),  # the part is small
        (2, 2, NOT_SHOWN),  # the whole is small
        (10, 20, "50%"),
        (0, 20, "0%"),
        (20, 20, "100%"),
        (0, 0, "–"),
    ],
)
def test_percentages_of_small_groups_are_not_shown(part, whole, shown):
    assert shown_percent(part, whole) == shown


def test_a_percentage_of_a_hidden_count_is_not_shown():
    assert shown_percent(6, 29, part_hidden=True) == NOT_SHOWN


def test_the_register_hides_small_counts_and_what_would_give_them_away(demo, world):
    rows = _table(_build(demo, governors=True), "register").rows
    assert [(label, k, e, total) for label, _, k, e, total in rows] == [
        ("Autumn 2024", H, H, 5),  # 4 and 1; the total of 5 is shown
        ("Spring 2025", H, H, H),  # 2 and 1, total 3
        ("Summer 2025", H, H, H),
        ("Autumn 2025", H, H, H),
        ("Spring 2026", H, H, 7),
        ("Summer 2026", H, H, 7),  # 5 and 2: the 5 hidden too, or 7 - 5 gives the 2
    ]
    section = _section(_build(demo, governors=True), "register")
    assert section.charts == ()
    assert CHART_LEFT_OUT in section.notes and HIDDEN_NOTE in section.notes
    assert [figure.value for figure in section.figures] == [H, H]


def test_primary_needs_show_zero_and_five_and_hide_the_rest(demo, world):
    report = _build(demo, governors=True)
    rows = {row[0]: list(row[1:]) for row in _table(report, "primary-needs").rows}
    assert rows == {
        LABEL["SLCN"]: [H, H, H, H, H, H],
        LABEL["SEMH"]: [0, 0, H, H, H, H],
        LABEL["ASD"]: [H, H, 0, 0, H, H],
        LABEL["SPLD"]: [0, 0, 0, 0, H, H],
        "All pupils with a primary need recorded": [H, H, H, H, 5, 5],
    }
    assert _section(report, "needs").charts == ()


def test_the_school_version_draws_the_charts_governors_do_not_get(demo, world):
    report = _build(demo)
    assert len(_section(report, "register").charts) == 1
    assert len(_section(report, "needs").charts) == 1


def test_support_plan_reviews_hide_the_late_count_its_partner_and_the_percentage(demo, world):
    p = world.pupils
    for cycle, (child, due, held) in enumerate(
        [
            (p["p1"], date(2026, 1, 10), date(2026, 1, 9)),
            (p["p2"], date(2026, 1, 10), date(2026, 1, 10)),
            (p["p3"], date(2026, 1, 10), date(2026, 1, 8)),
            (p["p4"], date(2025, 11, 10), date(2025, 11, 8)),
            (p["p8"], date(2026, 2, 10), date(2026, 2, 8)),
            (p["p9"], date(2026, 2, 10), date(2026, 2, 8)),
            (p["p1"], date(2026, 4, 1), date(2026, 4, 2)),  # late
            (p["p2"], date(2026, 4, 1), date(2026, 5, 2)),  # late
        ],
        start=1,
    ):
        _plan(demo, child, due=due, reviewed=held, cycle=cycle)
    _plan(demo, p["p3"], due=date(2026, 6, 1), status=SupportPlanStatus.ACTIVE, cycle=9)
    full, governors = _build(demo), _build(demo, governors=True)
    assert _section(full, "support-reviews").figures[0].value == "75%"
    assert _section(governors, "support-reviews").figures[0].value == NOT_SHOWN
    assert _table(governors, "support-plan-reviews").rows == (
        ("Held by the review date", H),  # 6, hidden with the 2
        ("Held after the review date", H),
        ("All reviews held", 8),
        ("Active plans past their review date now", H),  # 1
    )


def _children(world, demo):
    named = [demo["ava"], demo["leo"], *world.pupils.values()]
    return [f"{child.first_name} {child.last_name}" for child in named] + [
        child.last_name for child in world.pupils.values()
    ]


@time_machine.travel(NOW, tick=False)
def test_the_governors_page_names_no_child_and_links_to_no_pupil_list(client, demo, world):
    sign_in(client, demo["oak_governor"])
    oak = demo["north_oak"]
    response = client.get(reverse("governors_dashboard", kwargs={"school_id": oak.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "SEND report for governors" in body
    assert "Oakfield Primary School, figures on 15 June 2026" in body
    assert "Why some numbers are hidden" in body
    assert "fewer than 5" in body
    for name in _children(world, demo):
        assert name not in body
    for url in [
        reverse("register", args=[oak.pk]),
        reverse("school_support_plans", args=[oak.pk]),
        reverse("ehc_school_requests_for", args=[oak.pk]),
        reverse("meetings_compliance", args=[oak.pk]),
        reverse("reviews_school_tray"),
        reverse("school_dashboard", args=[oak.pk]),
        "/children/",
    ]:
        assert url not in body
    assert "See the cases" not in body


@time_machine.travel(NOW, tick=False)
def test_the_governors_csv_and_pdf_carry_the_hidden_values_only(client, demo, world):
    sign_in(client, demo["oak_governor"])
    url = reverse("governors_dashboard", kwargs={"school_id": demo["north_oak"].pk})
    rows = csv_rows(client.get(url, {"download": "register", "format": "csv"}))
    assert rows[0] == [
        "Census",
        "Census day",
        "SEN support",
        "EHC plan",
        "Total on the SEN register",
    ]
    assert rows[1] == ["Autumn 2024", "2024-10-03", H, H, "5"]
    assert rows[6] == ["Summer 2026", "2026-05-21", H, H, "7"]
    needs = csv_rows(client.get(url, {"download": "primary-needs", "format": "csv"}))
    assert needs[-1] == ["All pupils with a primary need recorded", H, H, H, H, "5", "5"]
    text = pdf_text(client.get(url, {"format": "pdf"}))
    assert "SEND report for governors" in text
    assert "Autumn 2024 3 Oct 2024 fewer than 5 fewer than 5 5" in text
    assert "Summer 2026 21 May 2026 fewer than 5 fewer than 5 7" in text
    assert "Numbers from 1 to 4 are shown as" in text
    for name in _children(world, demo):
        assert name not in text


@time_machine.travel(NOW, tick=False)
def test_the_schools_own_csv_has_the_exact_counts(client, demo, world):
    sign_in(client, demo["oak_senco"])
    url = reverse("school_dashboard", kwargs={"school_id": demo["north_oak"].pk})
    rows = csv_rows(client.get(url, {"download": "register", "format": "csv"}))
    assert rows[1] == ["Autumn 2024", "2024-10-03", "4", "1", "5"]
    text = pdf_text(client.get(url, {"format": "pdf"}))
    assert "SEND dashboard" in text and "fewer than 5" not in text
