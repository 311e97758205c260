"""Protected SENCO time (DfE implementation guidance "SENCOs"; STPCD for the 10% PPA minimum)."""

import io
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opensend.law.errors import LawInputError
from opensend.law.senco import (
    SENCO_KEYS,
    Check,
    SencoTime,
    median,
    parse_senco_input,
    senco_time,
)

LAW_COMMAND = "senco_time"  # the rule the `law` and `bad` fixtures run

CODES = [
    "senco_time_timetabled",
    "comparable_to_senior_roles",
    "additional_to_leadership_time",
    "ppa_protected",
    "admin_support",
]


def good_input(**senco) -> dict:
    hours = {
        "teaching_hours": 20,
        "senco_hours": 6,
        "other_leadership_hours": 2,
        "senco_hours_taken_from_leadership": 0,
        "ppa_hours": 2,
        "senco_duties_in_ppa_hours": 0,
        "admin_support_hours": 3,
    }
    hours.update(senco)
    return {
        "senco": hours,
        "senior_roles": [
            {"role": "Deputy head", "leadership_hours": 8},
            {"role": "Head of maths", "leadership_hours": 4},
            {"role": "Head of English", "leadership_hours": 5},
        ],
    }


def check(data: dict) -> SencoTime:
    return senco_time(*parse_senco_input(data))


def by_code(result: SencoTime) -> dict[str, Check]:
    return {c.code: c for c in result.checks}


def test_a_compliant_senco():
    result = check(good_input())
    assert [c.code for c in result.checks] == CODES
    assert all(c.passed for c in result.checks)
    assert result.compliant is True
    assert result.median_senior_leadership_hours == 5
    assert result.ppa_minimum_hours == 2


def test_too_little_time_says_how_much_more_to_timetable():
    data = good_input(senco_hours=2)
    data["senior_roles"] = [{"role": "Deputy head", "leadership_hours": 5}]
    comparable = by_code(check(data))["comparable_to_senior_roles"]
    assert comparable.passed is False
    assert comparable.detail == (
        "SENCO time is 2 hours a week; the median leadership time of other senior roles is "
        "5 hours. Timetable at least 3 more hours."
    )


def test_the_median_of_an_even_number_is_the_mean_of_the_middle_two():
    data = good_input(senco_hours=4.5)
    data["senior_roles"] = [
        {"role": "Deputy head", "leadership_hours": 10},
        {"role": "Head of maths", "leadership_hours": 4},
        {"role": "Head of English", "leadership_hours": 5},
        {"role": "Head of science", "leadership_hours": 2},
    ]
    result = check(data)
    assert result.median_senior_leadership_hours == 4.5
    assert by_code(result)["comparable_to_senior_roles"].passed is True
    data["senco"]["senco_hours"] = 4
    comparable = by_code(check(data))["comparable_to_senior_roles"]
    assert comparable.passed is False
    assert comparable.detail.endswith("Timetable at least 0.5 more hours.")


def test_median_helper():
    from decimal import Decimal

    assert median([Decimal(3)]) == 3
    assert median([Decimal(9), Decimal(2), Decimal(5)]) == 5
    assert median([Decimal(3), Decimal(4)]) == Decimal("3.5")


def test_one_hour_short_is_singular():
    data = good_input(senco_hours=4)
    assert by_code(check(data))["comparable_to_senior_roles"].detail.endswith(
        "Timetable at least 1 more hour."
    )


def test_no_senior_roles_is_no_comparator():
    data = good_input()
    data["senior_roles"] = []
    result = check(data)
    comparable = by_code(result)["comparable_to_senior_roles"]
    assert (comparable.passed, comparable.detail) == (True, "no comparator")
    assert result.median_senior_leadership_hours is None
    assert result.compliant is True


def test_no_senco_time_at_all():
    result = check(good_input(senco_hours=0))
    timetabled = by_code(result)["senco_time_timetabled"]
    assert timetabled.passed is False
    assert "Timetable" in timetabled.detail
    assert result.compliant is False


def test_senco_time_taken_from_leadership_time():
    additional = by_code(check(good_input(senco_hours_taken_from_leadership=2)))[
        "additional_to_leadership_time"
    ]
    assert additional.passed is False
    assert additional.detail.startswith("2 hours a week of SENCO time are taken from")


def test_ppa_exactly_ten_percent_of_a_decimal_timetable_passes():
    # 10% of 22.5 is 2.25 exactly (no floating-point near miss).
    assert by_code(check(good_input(teaching_hours=22.5, ppa_hours=2.25)))["ppa_protected"].passed
    short = by_code(check(good_input(teaching_hours=22.5, ppa_hours=2.2)))["ppa_protected"]
    assert short.passed is False
    assert "Give at least 0.05 more hours of PPA time." in short.detail
    assert "STPCD" in short.detail


def test_ppa_with_0_1_hours_steps():
    # 0.1 + 0.2 style arithmetic: 10% of 3.3 hours is 0.33 hours.
    assert by_code(check(good_input(teaching_hours=3.3, ppa_hours=0.33)))["ppa_protected"].passed


def test_senco_duties_in_ppa_time_fail_even_with_enough_ppa():
    ppa = by_code(check(good_input(ppa_hours=5, senco_duties_in_ppa_hours=0.5)))["ppa_protected"]
    assert ppa.passed is False
    assert "0.5 hours a week of SENCO duties fall in PPA time" in ppa.detail


def test_both_ppa_problems_are_described():
    ppa = by_code(check(good_input(ppa_hours=1, senco_duties_in_ppa_hours=1)))["ppa_protected"]
    assert ppa.detail == (
        "1 hour a week of SENCO duties falls in PPA time. Move these duties out of PPA time. "
        "PPA time is 1 hour a week, less than 10% of 20 hours of teaching (2 hours, STPCD). "
        "Give at least 1 more hour of PPA time."
    )


def test_a_senco_who_does_not_teach_needs_no_ppa():
    assert by_code(check(good_input(teaching_hours=0, ppa_hours=0)))["ppa_protected"].passed


def test_no_admin_support():
    admin = by_code(check(good_input(admin_support_hours=0)))["admin_support"]
    assert admin.passed is False
    assert "administrative support" in admin.detail


def test_ints_and_floats_are_both_hours():
    result = check(good_input(senco_hours=6.0, ppa_hours=2, teaching_hours=20.0))
    assert result.compliant is True


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", SENCO_KEYS)
def test_a_missing_senco_key(key):
    data = good_input()
    del data["senco"][key]
    with pytest.raises(LawInputError) as error:
        parse_senco_input(data)
    assert error.value.option == f"senco.{key}"


@pytest.mark.parametrize(
    ("value", "words"),
    [(-1, "negative"), (-0.5, "negative"), (True, "not a number"), (False, "not a number")],
)
def test_negative_hours_and_booleans_are_bad_input(value, words):
    data = good_input(ppa_hours=value)
    with pytest.raises(LawInputError) as error:
        parse_senco_input(data)
    assert error.value.option == "senco.ppa_hours"
    assert words in error.value.message


@pytest.mark.parametrize("value", ["3", None, [3], float("nan"), float("inf")])
def test_non_numbers_are_bad_input(value):
    with pytest.raises(LawInputError) as error:
        parse_senco_input(good_input(admin_support_hours=value))
    assert error.value.option == "senco.admin_support_hours"


@pytest.mark.parametrize(
    ("data", "option"),
    [
        ([], "input"),
        ({"senior_roles": []}, "senco"),
        ({"senco": good_input()["senco"]}, "senior_roles"),
        ({"senco": 5, "senior_roles": []}, "senco"),
        ({"senco": good_input()["senco"], "senior_roles": {}}, "senior_roles"),
        ({"senco": good_input()["senco"], "senior_roles": [3]}, "senior_roles[0]"),
        (
            {"senco": good_input()["senco"], "senior_roles": [{"role": "Deputy head"}]},
            "senior_roles[0].leadership_hours",
        ),
        (
            {"senco": good_input()["senco"], "senior_roles": [{"leadership_hours": 3}]},
            "senior_roles[0].role",
        ),
        (
            {
                "senco": good_input()["senco"],
                "senior_roles": [
                    {"role": "Deputy head", "leadership_hours": 3},
                    {"role": "Head of maths", "leadership_hours": -2},
                ],
            },
            "senior_roles[1].leadership_hours",
        ),
        (
            {
                "senco": good_input()["senco"],
                "senior_roles": [{"role": "Deputy head", "leadership_hours": True}],
            },
            "senior_roles[0].leadership_hours",
        ),
    ],
)
def test_malformed_input_names_the_place(data, option):
    with pytest.raises(LawInputError) as error:
        parse_senco_input(data)
    assert error.value.option == option


# --- properties ------------------------------------------------------------------------------

HOURS = st.one_of(
    st.integers(min_value=0, max_value=40),
    st.decimals(min_value=0, max_value=40, places=2).map(float),
)


@st.composite
def inputs(draw) -> dict:
    return {
        "senco": {key: draw(HOURS) for key in SENCO_KEYS},
        "senior_roles": [
            {"role": f"Role {n}", "leadership_hours": draw(HOURS)}
            for n in range(draw(st.integers(min_value=0, max_value=5)))
        ],
    }


@settings(max_examples=80, deadline=None)
@given(data=inputs())
def test_every_check_is_a_bool_and_compliant_is_all_of_them(data):
    result = check(data)
    assert [c.code for c in result.checks] == CODES
    assert all(isinstance(c.passed, bool) for c in result.checks)
    assert all(isinstance(c.detail, str) and c.detail for c in result.checks)
    assert result.compliant == all(c.passed for c in result.checks)
    senco = data["senco"]
    ppa = by_code(result)["ppa_protected"].passed
    exact = Fraction(str(senco["ppa_hours"])) * 10 >= Fraction(str(senco["teaching_hours"]))
    assert ppa == (senco["senco_duties_in_ppa_hours"] == 0 and exact)


@settings(max_examples=60, deadline=None)
@given(data=inputs(), more=HOURS)
def test_more_senco_time_never_fails_a_check_that_passed(data, more):
    before = by_code(check(data))
    data["senco"]["senco_hours"] += more
    after = by_code(check(data))
    for code in CODES:
        assert after[code].passed or not before[code].passed


# --- the command line ------------------------------------------------------------------------


def write(tmp_path: Path, data: dict | str) -> str:
    path = tmp_path / "senco.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_cli_prints_the_checks(law, tmp_path):
    data = good_input(senco_hours=2, admin_support_hours=0)
    out = law("senco-time", "--input", write(tmp_path, data))
    assert [c["code"] for c in out["checks"]] == CODES
    assert [c["passed"] for c in out["checks"]] == [True, False, True, True, False]
    assert set(out["checks"][0]) == {"code", "passed", "detail"}
    assert out["compliant"] is False
    assert out["median_senior_leadership_hours"] == 5


def test_cli_reads_standard_input(law, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(good_input()) + "\n"))
    assert law("senco-time", "--input", "-")["compliant"] is True


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (good_input(ppa_hours=-1), "senco.ppa_hours"),
        (good_input(admin_support_hours=True), "senco.admin_support_hours"),
        ({"senco": {}, "senior_roles": []}, "senco.teaching_hours"),
        ({"senco": good_input()["senco"]}, "senior_roles"),
        ('{"senco": ', "not valid JSON"),
    ],
)
def test_cli_bad_input_names_the_option_and_the_place(bad, tmp_path, content, named):
    err = bad("senco-time", "--input", write(tmp_path, content))
    assert "--input" in err
    assert named in err


def test_cli_missing_file_and_missing_option(bad, tmp_path):
    assert "--input" in bad("senco-time", "--input", str(tmp_path / "nowhere.json"))
    assert "--input" in bad("senco-time")
