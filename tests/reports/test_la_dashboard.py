"""The council's SEND dashboard (issue 12 item 1): each figure against a hand-counted world.

Today is 30 June 2026, so the default period is 1 July 2025 to 30 June 2026. The cases:

  case child  school (why)              need received     assess            outcome
  A    Ava    Oakfield (on roll)         ASD  8 Sep 2025   yes 6 Oct (4 wk)  plan 12 Jan 2026 (18wk)
  B    Leo    Oakfield (on roll)         SPLD 6 Oct 2025   yes 1 Dec (8 wk)  plan 20 Apr (28 wk) [1]
  C    Mia    Hillside (on roll)         SEMH 3 Nov 2025   yes 8 Dec (5 wk)  plan 27 Apr (25 wk) [2]
  D    Jordan Oakfield (request)         MLD  2 Feb 2026   no, 2 Mar (4 wk)
  E    Sami   none                       -    2 Mar 2026   yes 6 Apr (5 wk)  not to issue 1 Jun
  F    Tom    Hillside (request)         -    5 May 2025   yes 2 Jun 2025    plan 15 Sep 2025 (19wk)
  G    Ella   Oakfield (request)         HI*  18 May 2026  undecided         open, overdue step
  H    Noah   none                       -    1 Jun 2026   yes 15 Jun (2 wk) open, unassigned

  [1] an exception lifts the 20-week limit; [2] an exception that lifts nothing.
  * Ella's primary need ended in January and none is open: the last one counts.
Oakfield is in area "North"; Hillside has no area recorded.
"""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse

from opensend.ehc.models import (
    AdviceRequest,
    CaseStage,
    EhcCase,
    PlanVersion,
    PlanVersionStatus,
)
from opensend.people.models import Child, Need
from opensend.reports.la_dashboard import build_la_dashboard, parse_filters
from opensend.reports.la_dashboard.cases import figure_queryset
from opensend.reports.la_dashboard.figures import FIGURES
from opensend.reviews.models import Review, ReviewStatus, TransferKind
from tests.access.routes_reports_sen2 import make_case
from tests.queries import assert_constant_queries
from tests.signin import sign_in

TODAY = date(2026, 6, 30)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime(2026, 6, 30, 12, tzinfo=UTC), tick=False):
        yield


def _child(demo, first, last="Test"):
    return Child.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=date(2015, 1, 1),
        home_local_authority=demo["north_la"],
    )


def _advice(case, kind, requested_on, due, submitted_on=None):
    return AdviceRequest.objects.create(
        case=case,
        kind=kind,
        status="submitted" if submitted_on else "requested",
        requested_on=requested_on,
        due=due,
        submitted_at=datetime.combine(submitted_on, datetime.min.time(), UTC).replace(hour=12)
        if submitted_on
        else None,
    )


def _review(demo, case, *, due_on, school, status, held_on=None, **fields):
    return Review.objects.create(
        child=case.child,
        local_authority=demo["north_la"],
        plan=case.plan,
        school=school,
        due_on=due_on,
        status=status,
        held_on=held_on,
        **fields,
    )


@pytest.fixture
def world(demo):
    oak, hill = demo["north_oak"], demo["north_hill"]
    oak.area, hill.area = "North", ""
    oak.save(update_fields=["area"])
    hill.save(update_fields=["area"])
    cases = {}
    cases["A"] = make_case(
        demo,
        demo["ava"],
        received=date(2025, 9, 8),
        assessed_on=date(2025, 10, 6),
        issued_on=date(2026, 1, 12),
    )
    cases["B"] = make_case(
        demo,
        demo["leo"],
        received=date(2025, 10, 6),
        assessed_on=date(2025, 12, 1),
        issued_on=date(2026, 4, 20),
        exceptions=[("personal_circumstances", date(2025, 12, 1), date(2025, 12, 20))],
    )
    cases["C"] = make_case(
        demo,
        demo["mia"],
        received=date(2025, 11, 3),
        assessed_on=date(2025, 12, 8),
        issued_on=date(2026, 4, 27),
        # Two weeks away: under the 4 weeks reg 10(4)(b) needs, so the limit still applies.
        exceptions=[("absence_from_area", date(2026, 1, 5), date(2026, 1, 18))],
    )
    cases["D"] = make_case(
        demo, demo["jordan"], received=date(2026, 2, 2), assess=False, assessed_on=date(2026, 3, 2)
    )
    cases["D"].requests.update(school=oak)  # the request's school wins over the roll (Hillside)
    cases["E"] = make_case(
        demo,
        _child(demo, "Sami"),
        received=date(2026, 3, 2),
        assessed_on=date(2026, 4, 6),
        not_issuing_on=date(2026, 6, 1),
    )
    cases["F"] = make_case(
        demo,
        _child(demo, "Tom"),
        received=date(2025, 5, 5),
        assessed_on=date(2025, 6, 2),
        issued_on=date(2025, 9, 15),
    )
    cases["F"].requests.update(school=hill)
    ella = _child(demo, "Ella")
    Need.objects.create(child=ella, code="HI", rank=1, start=date(2024, 1, 1), end=date(2026, 1, 1))
    cases["G"] = make_case(demo, ella, received=date(2026, 5, 18), assess=None)
    cases["G"].requests.update(school=oak)
    EhcCase.objects.filter(pk=cases["G"].pk).update(
        caseworker=demo["north_caseworker"], next_due=date(2026, 6, 29)
    )
    cases["H"] = make_case(
        demo, _child(demo, "Noah"), received=date(2026, 6, 1), assessed_on=date(2026, 6, 15)
    )
    EhcCase.objects.filter(pk=cases["H"].pk).update(next_due=date(2026, 7, 10))
    assert cases["G"].stage == CaseStage.REQUESTED and cases["H"].stage == CaseStage.ASSESSING

    # Advice (reg 8(1)): due 6 weeks after it was asked for.
    advice = {
        "A_psy": _advice(
            cases["A"], "psychological", date(2025, 10, 6), date(2025, 11, 17), date(2025, 11, 10)
        ),
        "A_med": _advice(
            cases["A"], "medical", date(2025, 10, 6), date(2025, 11, 17), date(2025, 12, 1)
        ),
        "A_edu": _advice(cases["A"], "educational", date(2025, 10, 6), date(2025, 11, 17)),
        "B_psy": _advice(
            cases["B"], "psychological", date(2025, 12, 1), date(2026, 1, 12), date(2026, 1, 12)
        ),
        "B_soc": _advice(cases["B"], "social_care", date(2025, 12, 1), date(2026, 1, 12)),
        "C_med": _advice(cases["C"], "medical", date(2026, 6, 1), date(2026, 7, 13)),
    }

    # Annual reviews, and two of them in a phase transfer year.
    plan_a = cases["A"].plan
    plan_a.versions.update(status=PlanVersionStatus.SUPERSEDED)
    amended = PlanVersion.objects.create(
        plan=plan_a, number=2, status=PlanVersionStatus.ISSUED, issued_on=date(2026, 2, 10)
    )
    reviews = {
        "R1": _review(
            demo,
            cases["A"],
            due_on=date(2026, 1, 10),
            school=oak,
            held_on=date(2026, 1, 5),
            status=ReviewStatus.COMPLETE,
            transfer_kind=TransferKind.SCHOOL,
            transfer_year=2026,
            phase_transfer_deadline=date(2026, 2, 15),
            amended_version=amended,
        ),
        "R2": _review(
            demo,
            cases["F"],
            due_on=date(2026, 3, 1),
            school=hill,
            held_on=date(2026, 3, 20),
            status=ReviewStatus.HELD,
            transfer_kind=TransferKind.POST16,
            transfer_year=2026,
            phase_transfer_deadline=date(2026, 3, 31),
        ),
        "R3": _review(
            demo,
            cases["C"],
            due_on=date(2026, 6, 1),
            school=hill,
            status=ReviewStatus.DUE,
            transfer_kind=TransferKind.SCHOOL,
            transfer_year=2027,
            phase_transfer_deadline=date(2027, 2, 15),
        ),
        "R4": _review(
            demo, cases["B"], due_on=date(2025, 6, 1), school=oak, status=ReviewStatus.ARRANGED
        ),
        "R5": _review(
            demo, cases["A"], due_on=date(2026, 2, 1), school=oak, status=ReviewStatus.CANCELLED
        ),
    }
    return {"cases": cases, "advice": advice, "reviews": reviews}


# Each figure, counted by hand from the table above, and the records it counts.
EXPECTED = {
    "requests": "ABCDEGH",
    "assess_decisions": "ABCDEH",
    "assess_on_time": "ACDEH",
    "assess_late": "B",
    "refused_assess": "D",
    "refused_issue": "E",
    "plans_issued": "ABCF",
    "plans_on_time": "AF",
    "plans_late": "BC",
    "plans_issued_no_exc": "ACF",  # B's exception lifts the 20-week limit; C's does not
    "plans_on_time_no_exc": "AF",
    "open_cases": "GH",
    "open_overdue": "G",
}
EXPECTED_ADVICE = {
    "advice_all_due": {"A_psy", "A_med", "B_psy", "B_soc"},
    "advice_all_on_time": {"A_psy", "B_psy"},
    "advice_all_outstanding": {"B_soc"},
    "advice_psychological_due": {"A_psy", "B_psy"},
    "advice_psychological_on_time": {"A_psy", "B_psy"},
    "advice_psychological_outstanding": set(),
    "advice_medical_due": {"A_med"},
    "advice_medical_on_time": set(),
    "advice_medical_outstanding": set(),
    "advice_social_care_due": {"B_soc"},
    "advice_social_care_on_time": set(),
    "advice_social_care_outstanding": {"B_soc"},
}
EXPECTED_REVIEWS = {
    "reviews_due": {"R1", "R2", "R3"},
    "reviews_on_time": {"R1"},
    "reviews_overdue": {"R3", "R4"},
    "transfers_due": {"R1", "R2"},
    "transfers_on_time": {"R1"},
    "transfers_late": {"R2"},
    "transfers_school_due": {"R1"},
    "transfers_school_on_time": {"R1"},
    "transfers_post16_due": {"R2"},
    "transfers_post16_on_time": set(),
    "transfers_coming_up": {"R3"},  # deadline 15 February 2027, plan not yet amended
}


def _expected_ids(world, key):
    if key in EXPECTED:
        return {world["cases"][name].pk for name in EXPECTED[key]}
    if key in EXPECTED_ADVICE:
        return {world["advice"][name].pk for name in EXPECTED_ADVICE[key]}
    return {world["reviews"][name].pk for name in EXPECTED_REVIEWS[key]}


def _filters(demo, **query):
    q = QueryDict(mutable=True)
    q.update(query)
    filters, errors = parse_filters(q, demo["north_la"], TODAY)
    assert errors == []
    return filters


def _figures(report) -> dict[str, str]:
    return {f.label: f.value for section in report.sections for f in section.figures}


def _table(report, key):
    return next(t for t in report.tables if t.key == key)


def test_every_figure_is_in_the_hand_counted_world():
    assert set(FIGURES) == set(EXPECTED) | set(EXPECTED_ADVICE) | set(EXPECTED_REVIEWS)


@pytest.mark.parametrize("key", sorted(FIGURES))
def test_the_cases_behind_each_figure_are_exactly_the_hand_counted_ones(demo, world, key):
    filters = _filters(demo)
    listed = figure_queryset(
        FIGURES[key], demo["north_caseworker"], demo["north_la"], filters, today=TODAY
    )
    assert set(listed.values_list("pk", flat=True)) == _expected_ids(world, key)


def test_the_headline_figures(demo, world):
    report = build_la_dashboard(demo["north_la"], today=TODAY, filters=_filters(demo))
    figures = _figures(report)
    assert figures["Requests for assessment received"] == "7"
    assert figures["Decisions whether to assess"] == "6"
    assert figures["Decisions whether to assess made within 6 weeks"] == "83%"  # 5 of 6
    assert figures["Decisions not to assess"] == "1"
    assert figures["Decisions not to issue a plan"] == "1"
    assert figures["New EHC plans issued"] == "4"
    assert figures["Plans issued within 20 weeks"] == "50%"  # A and F of A, B, C, F
    # Without exceptions: B leaves (its exception lifts the limit), C stays: 2 of 3.
    assert figures["Plans issued within 20 weeks, excluding exceptions"] == "67%"
    # 126 + 196 + 175 + 133 days = 630, over 4 plans: 157.5 days.
    assert figures["Average time from request to plan"] == "22.5 weeks"
    assert figures["Educational psychology advice given within 6 weeks"] == "100%"
    assert figures["Health advice given within 6 weeks"] == "0%"
    assert figures["Social care advice outstanding past its due date"] == "1"
    assert figures["Annual reviews due"] == "3"
    assert figures["Annual reviews held on time"] == "33%"
    assert figures["Annual reviews overdue now"] == "2"
    assert figures["Phase transfers due"] == "2"
    assert figures["School phase transfers amended by 15 February"] == "100%"
    assert figures["Post-16 transfers amended by 31 March"] == "0%"
    assert figures["Phase transfers past the deadline without the amended plan"] == "1"
    assert figures["Open cases"] == "2"
    assert figures["Open cases with a step overdue"] == "1"
    assert "Northshire" in report.scope or demo["north_la"].name in report.scope


def test_requests_by_month_school_need_and_area(demo, world):
    report = build_la_dashboard(demo["north_la"], today=TODAY, filters=_filters(demo))
    chart = report.sections[0].charts[0]
    assert chart.labels[0] == "Jul 2025" and chart.labels[-1] == "Jun 2026"
    received = dict(zip(chart.labels, chart.series[0].values, strict=True))
    assert received["Sep 2025"] == 1 and received["Oct 2025"] == 1 and received["Jan 2026"] == 0
    assert sum(received.values()) == 7

    def first_column(key):
        return {row[0]: str(row[1]) for row in _table(report, key).rows}

    assert first_column("requests-by-school") == {
        "Oakfield Primary School": "4",  # A, B, D (named on the request), G
        "Hillside Academy": "1",  # C
        "No school recorded": "2",  # E, H
    }
    assert first_column("requests-by-need") == {
        "Autistic spectrum disorder": "1",
        "Specific learning difficulty": "1",
        "Social, emotional and mental health": "1",
        "Moderate learning difficulty": "1",
        "Hearing impairment": "1",  # Ella's last primary need
        "No primary need recorded": "2",
    }
    assert first_column("requests-by-area") == {"North": "4", "No area recorded": "3"}
    caseworkers = {
        row[0]: (str(row[1]), str(row[2])) for row in _table(report, "caseloads-by-caseworker").rows
    }
    assert caseworkers == {
        demo["north_caseworker"].full_name: ("1", "1"),
        "Not assigned": ("1", "0"),
    }


def test_each_breakdown_cell_links_to_exactly_the_cases_it_counts(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    report = build_la_dashboard(demo["north_la"], today=TODAY, filters=_filters(demo))
    links = [
        cell
        for key in (
            "requests-by-school",
            "requests-by-area",
            "plans-by-need",
            "caseloads-by-caseworker",
        )
        for row in _table(report, key).rows
        for cell in row[1:]
        if hasattr(cell, "href")
    ]
    assert len(links) > 10
    for link in links:
        response = client.get(link.href)
        assert response.status_code == 200, link.href
        assert response.context["page"].paginator.count == int(link.text), link.href


@pytest.mark.parametrize(
    ("query", "requests"),
    [
        ({"school": "oak"}, 4),
        ({"need": "ASD"}, 1),
        ({"need": "none"}, 2),
        ({"area": "North"}, 4),
        ({"area": "none"}, 3),
        ({"from": "2026-01-01", "to": "2026-03-31"}, 2),  # D and E
    ],
)
def test_filters(demo, world, query, requests):
    if query.get("school") == "oak":
        query = {"school": str(demo["north_oak"].pk)}
    report = build_la_dashboard(demo["north_la"], today=TODAY, filters=_filters(demo, **query))
    assert _figures(report)["Requests for assessment received"] == str(requests)


def test_a_bad_date_is_a_message_and_unknown_ids_are_ignored(client, demo, world):
    sign_in(client, demo["north_manager"])
    url = reverse("la_dashboard", kwargs={"la_id": demo["north_la"].pk})
    response = client.get(url, {"from": "2026-13-01", "school": "not-a-school", "need": "XYZ"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the start date as a real date" in body
    assert 'value="2026-13-01"' in body
    filters = response.context["filters"]
    assert (filters.start, filters.school_id, filters.need) == (date(2025, 7, 1), "", "")
    report = response.context["report"]
    assert _figures(report)["Requests for assessment received"] == "7"
    response = client.get(url, {"from": "2026-05-01", "to": "2026-01-01"})
    assert "The end date must be the same as or after the start date" in response.content.decode()
    response = client.get(url, {"from": "2001-01-01"})
    assert "The period can be at most 5 years long" in response.content.decode()


def test_the_page_links_the_pdf_the_sen2_return_and_timeliness(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    url = reverse("la_dashboard", kwargs={"la_id": demo["north_la"].pk})
    body = client.get(url, {"need": "ASD"}).content.decode()
    assert "SEND dashboard" in body and demo["north_la"].name in body
    assert "from=2025-07-01&amp;to=2026-06-30&amp;need=ASD&amp;format=pdf" in body
    assert reverse("sen2_return", kwargs={"la_id": demo["north_la"].pk}) in body
    assert reverse("ehc_timeliness") in body
    # Figures link to their cases, keeping the filters.
    assert "figure=plans_on_time_no_exc" in body


def test_the_pdf_and_a_table_download(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    url = reverse("la_dashboard", kwargs={"la_id": demo["north_la"].pk})
    pdf = client.get(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(url, {"download": "requests-by-area", "format": "csv"})
    assert csv.status_code == 200
    text = csv.content.decode("utf-8-sig")
    assert "North,4," in text and "No area recorded,3," in text
    xlsx = client.get(url, {"download": "advice-by-provider", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_drill_down_names_the_children_and_links_their_cases(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    url = reverse("la_dashboard_cases", kwargs={"la_id": demo["north_la"].pk})
    response = client.get(url, {"figure": "plans_on_time_no_exc"})
    body = response.content.decode()
    assert response.context["page"].paginator.count == 2
    assert reverse("ehc_case", kwargs={"case_id": world["cases"]["A"].pk}) in body
    assert reverse("ehc_case", kwargs={"case_id": world["cases"]["F"].pk}) in body
    assert reverse("ehc_case", kwargs={"case_id": world["cases"]["B"].pk}) not in body
    response = client.get(url, {"figure": "reviews_overdue"})
    assert reverse("reviews_la_review", kwargs={"review_id": world["reviews"]["R4"].pk}) in (
        response.content.decode()
    )
    # One month of a figure: requests in September 2025 were A's alone.
    response = client.get(url, {"figure": "requests", "month": "2025-09"})
    assert response.context["page"].paginator.count == 1
    assert client.get(url, {"figure": "no-such-figure"}).status_code == 404
    # No figure at all: back to the dashboard, keeping the filters.
    response = client.get(url, {"need": "ASD"})
    assert response.status_code == 302 and "need=ASD" in response["Location"]


def test_another_councils_team_sees_nothing(client, demo, world):
    sign_in(client, demo["south_caseworker"])
    for name, query in (("la_dashboard", {}), ("la_dashboard_cases", {"figure": "requests"})):
        url = reverse(name, kwargs={"la_id": demo["north_la"].pk})
        assert client.get(url, query).status_code == 404


def _grow(demo):
    counter = iter(range(1000))

    def grow():
        n = next(counter)
        child = _child(demo, f"Grow{n}")
        case = make_case(
            demo,
            child,
            received=date(2025, 9, 1),
            issued_on=date(2026, 1, 5),
            exceptions=[("personal_circumstances", date(2025, 10, 1), date(2025, 10, 10))],
        )
        case.requests.update(school=demo["north_oak"])
        Need.objects.create(child=child, code="ASD", rank=1, start=date(2025, 1, 1))
        _advice(case, "medical", date(2025, 10, 6), date(2025, 11, 17))
        _review(
            demo, case, due_on=date(2026, 6, 1), school=demo["north_hill"], status=ReviewStatus.DUE
        )

    return grow


def test_the_dashboard_runs_the_same_queries_however_many_cases(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    url = reverse("la_dashboard", kwargs={"la_id": demo["north_la"].pk})
    assert_constant_queries(lambda: client.get(url), _grow(demo))


def test_the_drill_down_runs_the_same_queries_however_many_cases(client, demo, world):
    sign_in(client, demo["north_caseworker"])
    url = reverse("la_dashboard_cases", kwargs={"la_id": demo["north_la"].pk})
    assert_constant_queries(lambda: client.get(url, {"figure": "plans_issued"}), _grow(demo))
