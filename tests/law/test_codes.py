from datetime import date

from opensend.law.codes import NEED_BY_CODE, PROVISION_BY_CODE, census_check, codes

D = date.fromisoformat
JAN_2026 = D("2026-01-15")


def messages(problems):
    return " | ".join(problem.message for problem in problems)


def test_current_and_legacy_provision_codes():
    current = {c.code for c in codes().sen_provision if c.status == "current"}
    legacy = {c.code: c.ended for c in codes().sen_provision if c.status == "legacy"}
    assert current == {"E", "K", "N"}
    assert legacy == {"S": D("2018-04-01"), "A": D("2014-09-01"), "P": D("2014-09-01")}


def test_need_types_include_down_syndrome_and_each_has_a_broad_area():
    assert NEED_BY_CODE["DS"].description == "Down syndrome"
    assert NEED_BY_CODE["ASD"].broad_area == "Communication and interaction"
    assert all(need.broad_area for need in codes().need_types)


def test_a_good_record_passes():
    assert census_check(provision="K", needs=[("SLCN", 1), ("ASD", 2)], census_date=JAN_2026) == []
    assert census_check(provision="n", needs=[], census_date=JAN_2026) == []


def test_nsa_only_with_sen_support():
    assert census_check(provision="K", needs=[("NSA", 1)], census_date=JAN_2026) == []
    assert "NSA is only for pupils on SEN support" in messages(
        census_check(provision="E", needs=[("NSA", 1)], census_date=JAN_2026)
    )


def test_one_primary_need_at_most():
    problems = census_check(provision="E", needs=[("ASD", 1), ("SLD", 1)], census_date=JAN_2026)
    assert "Only one need can be ranked 1" in messages(problems)


def test_legacy_codes_are_rejected_for_current_census_dates():
    assert "no longer used" in messages(census_check(provision="S", needs=[], census_date=JAN_2026))
    assert census_check(provision="S", needs=[], census_date=D("2018-01-18")) == []
    assert "no longer used" in messages(
        census_check(provision="K", needs=[("BESD", 1)], census_date=JAN_2026)
    )


def test_down_syndrome_only_from_the_january_2025_census():
    assert census_check(provision="E", needs=[("DS", 1)], census_date=D("2025-01-16")) == []
    assert "from January 2025" in messages(
        census_check(provision="E", needs=[("DS", 1)], census_date=D("2024-01-18"))
    )


def test_needs_only_for_e_or_k_and_unknown_codes_are_named():
    assert "only for pupils coded E or K" in messages(
        census_check(provision="N", needs=[("ASD", 1)], census_date=JAN_2026)
    )
    problems = census_check(provision="X", needs=[("XYZ", 1)], census_date=JAN_2026)
    assert "'X' is not an SEN provision code" in messages(problems)
    assert "'XYZ' is not a type of need code" in messages(problems)
    assert PROVISION_BY_CODE["E"].meaning == "Education, health and care plan"
