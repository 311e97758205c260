"""Appeals to the First-tier Tribunal (SEND): grounds, the mediation certificate, the appeal
deadline (HESC Rules 2008 r12, r20), mediation timings and the local authority's deadlines
after an order (SEND Regulations 2014 regs 33-44). Real dates throughout."""

from datetime import date, timedelta

import pytest

from opensend.law.appeals import (
    AppealGround,
    DeadlineRule,
    OrderKind,
    appeal_deadline,
    mediation_agreement_due,
    mediation_dates,
    needs_mediation_certificate,
    order_compliance_due,
    order_compliance_steps,
    tribunal_time_limit,
)
from opensend.law.dates import is_working_day
from opensend.law.errors import LawInputError

LAW_COMMAND = "appeal_deadline"


# --- grounds and the certificate (CFA s51(2), s55) -----------------------------------------------


def test_a_placement_only_appeal_needs_no_certificate():
    assert needs_mediation_certificate([AppealGround.SECTION_I]) is False


def test_placement_with_anything_else_needs_a_certificate():
    assert needs_mediation_certificate([AppealGround.SECTION_I, AppealGround.SECTION_F]) is True


@pytest.mark.parametrize("ground", [g for g in AppealGround if g != AppealGround.SECTION_I])
def test_every_other_ground_needs_a_certificate(ground):
    assert needs_mediation_certificate([ground]) is True


def test_grounds_may_be_given_as_their_values():
    assert needs_mediation_certificate(["section_i", "section_i"]) is False


def test_no_grounds_is_bad_input():
    with pytest.raises(LawInputError) as error:
        needs_mediation_certificate([])
    assert error.value.option == "--ground"


# --- the appeal deadline -----------------------------------------------------------------------


def test_two_months_from_the_letter_on_a_working_day_stands():
    result = appeal_deadline(decision_letter=date(2026, 3, 5))
    assert result.two_months_from_letter == date(2026, 5, 5)
    assert result.deadline == date(2026, 5, 5)
    assert result.rule == DeadlineRule.DECISION_LETTER
    assert result.adjustment is None
    assert result.one_month_from_certificate is None


def test_ipsea_example_certificate_wins_and_christmas_moves_to_january():
    # IPSEA FAQ: letter 1 October, certificate 29 November: 29 December, so January.
    result = appeal_deadline(
        decision_letter=date(2026, 10, 1), mediation_certificate=date(2026, 11, 29)
    )
    assert result.two_months_from_letter == date(2026, 12, 1)
    assert result.one_month_from_certificate == date(2026, 12, 29)
    assert result.rule == DeadlineRule.MEDIATION_CERTIFICATE
    assert result.unadjusted == date(2026, 12, 29)
    # 1 January 2027 is a Friday bank holiday: the first working day after it is Monday 4th.
    assert result.deadline == date(2027, 1, 4)
    assert "25 December and 1 January" in result.adjustment
    assert "r12(3)(a)" in result.adjustment


def test_the_letter_wins_when_the_certificate_month_ends_sooner():
    # 2 May 2026 is a Saturday and Monday 4 May the early May bank holiday.
    result = appeal_deadline(
        decision_letter=date(2026, 3, 2), mediation_certificate=date(2026, 3, 20)
    )
    assert result.one_month_from_certificate == date(2026, 4, 20)
    assert result.rule == DeadlineRule.DECISION_LETTER
    assert result.unadjusted == date(2026, 5, 2)
    assert result.deadline == date(2026, 5, 5)
    assert "r12(2)" in result.adjustment


def test_a_tie_goes_to_the_decision_letter():
    result = appeal_deadline(
        decision_letter=date(2026, 1, 15), mediation_certificate=date(2026, 2, 15)
    )
    assert result.rule == DeadlineRule.DECISION_LETTER
    assert result.unadjusted == date(2026, 3, 15)  # a Sunday
    assert result.deadline == date(2026, 3, 16)


def test_christmas_on_a_weekend_runs_past_the_observed_new_year_holiday():
    # 25 December 2027 is a Saturday; 1 January 2028 a Saturday, observed Monday 3 January.
    result = appeal_deadline(decision_letter=date(2027, 10, 25))
    assert result.unadjusted == date(2027, 12, 25)
    assert result.deadline == date(2028, 1, 4)


def test_a_deadline_on_1_january_moves_to_the_first_working_day_after_it():
    result = appeal_deadline(decision_letter=date(2026, 11, 1))
    assert result.unadjusted == date(2027, 1, 1)
    assert result.deadline == date(2027, 1, 4)


def test_24_december_is_outside_the_christmas_window():
    result = appeal_deadline(decision_letter=date(2026, 10, 24))
    assert result.deadline == date(2026, 12, 24)
    assert result.adjustment is None


def test_august_moves_to_the_first_working_day_after_31_august():
    # 31 August 2026 is the summer bank holiday, which is after 31 August anyway.
    result = appeal_deadline(decision_letter=date(2026, 6, 15))
    assert result.unadjusted == date(2026, 8, 15)
    assert result.deadline == date(2026, 9, 1)
    assert "August" in result.adjustment


def test_august_when_1_september_is_a_saturday():
    result = appeal_deadline(decision_letter=date(2029, 6, 10))
    assert result.deadline == date(2029, 9, 3)


def test_31_july_on_a_saturday_runs_to_monday_2_august_under_r12_2():
    # The time ends on 31 July, not in August, so only r12(2) applies (literal reading).
    result = appeal_deadline(decision_letter=date(2027, 5, 31))
    assert result.unadjusted == date(2027, 7, 31)
    assert result.deadline == date(2027, 8, 2)


def test_month_end_clamps_then_skips_the_weekend():
    # 31 December + 2 months = 28 February 2027, a Sunday.
    result = appeal_deadline(decision_letter=date(2026, 12, 31))
    assert result.two_months_from_letter == date(2027, 2, 28)
    assert result.deadline == date(2027, 3, 1)


def test_leap_year_month_ends():
    assert appeal_deadline(decision_letter=date(2027, 12, 31)).deadline == date(2028, 2, 29)
    result = appeal_deadline(
        decision_letter=date(2027, 12, 31), mediation_certificate=date(2028, 1, 31)
    )
    assert result.one_month_from_certificate == date(2028, 2, 29)
    assert result.rule == DeadlineRule.DECISION_LETTER


def test_good_friday_and_easter_monday_are_skipped():
    result = appeal_deadline(decision_letter=date(2027, 1, 26))
    assert result.unadjusted == date(2027, 3, 26)  # Good Friday
    assert result.deadline == date(2027, 3, 30)  # after Easter Monday


def test_the_may_bank_holidays_are_skipped():
    assert appeal_deadline(decision_letter=date(2027, 3, 3)).deadline == date(2027, 5, 4)
    assert appeal_deadline(decision_letter=date(2027, 3, 31)).deadline == date(2027, 6, 1)


def test_every_day_in_the_windows_moves_past_them_to_a_working_day():
    days = [date(2026, 12, 25) + timedelta(days=n) for n in range(8)]
    days += [date(2027, 8, 1) + timedelta(days=n) for n in range(31)]
    for day in days:
        moved, words = tribunal_time_limit(day)
        assert words is not None
        assert is_working_day(moved)
        assert moved in (date(2027, 1, 4), date(2027, 9, 1))


def test_a_certificate_before_the_decision_is_bad_input():
    with pytest.raises(LawInputError) as error:
        appeal_deadline(decision_letter=date(2026, 5, 1), mediation_certificate=date(2026, 4, 30))
    assert error.value.option == "--mediation-certificate"


def test_without_grounds_certificate_needed_is_unknown_but_the_adviser_date_is_given():
    result = appeal_deadline(decision_letter=date(2026, 3, 5))
    assert result.certificate_needed is None
    assert result.contact_mediation_adviser_by == date(2026, 5, 5)
    assert any("reg 33" in reason for reason in result.reasons)


def test_placement_only_needs_no_adviser_contact():
    result = appeal_deadline(decision_letter=date(2026, 3, 5), grounds=[AppealGround.SECTION_I])
    assert result.certificate_needed is False
    assert result.contact_mediation_adviser_by is None
    assert result.grounds == (AppealGround.SECTION_I,)


def test_reasons_name_their_sources():
    result = appeal_deadline(
        decision_letter=date(2026, 10, 1),
        mediation_certificate=date(2026, 11, 29),
        grounds=[AppealGround.SECTION_B, AppealGround.SECTION_F],
    )
    assert result.certificate_needed is True
    assert len(result.reasons) == 4
    for reason in result.reasons:
        assert "r20" in reason or "r12" in reason or "s55" in reason
    assert "section B and the special educational provision in section F" in result.reasons[3]


# --- mediation (SEND Regulations 2014 regs 34-39) ----------------------------------------------


def test_no_mediation_certificate_within_3_working_days_over_christmas():
    # Told Wednesday 23 December 2026: 24th, then 25th and 28th are bank holidays.
    result = mediation_dates(told_on=date(2026, 12, 23), wants_mediation=False)
    assert result.certificate_due == date(2026, 12, 30)
    assert result.mediation_by is None


def test_no_mediation_certificate_over_easter():
    result = mediation_dates(told_on=date(2027, 3, 25), wants_mediation=False)
    assert result.certificate_due == date(2027, 4, 1)


def test_mediation_within_30_days_across_a_month_end():
    result = mediation_dates(told_on=date(2026, 1, 31), wants_mediation=True)
    assert result.mediation_by == date(2026, 3, 2)
    assert result.certificate_due is None


def test_certificate_3_working_days_after_mediation_over_the_summer_bank_holiday():
    result = mediation_dates(
        told_on=date(2026, 8, 3), wants_mediation=True, mediation_ended=date(2026, 8, 28)
    )
    assert result.mediation_by == date(2026, 9, 2)
    assert result.certificate_due == date(2026, 9, 3)  # 31 August is a bank holiday
    assert len(result.reasons) == 2


def test_late_mediation_is_noted():
    result = mediation_dates(
        told_on=date(2026, 3, 2), wants_mediation=True, mediation_ended=date(2026, 4, 15)
    )
    assert "after the 30 days" in result.reasons[-1]


def test_mediation_dates_bad_input():
    with pytest.raises(LawInputError) as error:
        mediation_dates(
            told_on=date(2026, 3, 2), wants_mediation=False, mediation_ended=date(2026, 3, 20)
        )
    assert error.value.option == "--mediation-ended"
    with pytest.raises(LawInputError):
        mediation_dates(
            told_on=date(2026, 3, 2), wants_mediation=True, mediation_ended=date(2026, 3, 1)
        )


# --- after the Tribunal's order (reg 44) and mediation agreements (reg 42) ---------------------

ORDER = date(2026, 7, 20)


@pytest.mark.parametrize(
    ("order", "due"),
    [
        (OrderKind.CEASE_APPEAL_DISMISSED, ORDER),
        (OrderKind.CONTINUE_TO_MAINTAIN, ORDER),
        (OrderKind.ASSESS, date(2026, 8, 3)),
        (OrderKind.MAKE_PLAN, date(2026, 8, 24)),
        (OrderKind.AMEND_PLAN, date(2026, 8, 24)),
        (OrderKind.AMEND_PLACEMENT, date(2026, 8, 3)),
    ],
)
def test_order_compliance_due(order, due):
    assert order_compliance_due(order, order_date=ORDER) == due


def test_an_assessment_order_sets_three_dates():
    steps = order_compliance_steps(OrderKind.ASSESS, order_date=ORDER)
    assert [step.due for step in steps] == [date(2026, 8, 3), date(2026, 9, 28), date(2026, 10, 26)]
    assert [step.rule for step in steps] == [
        "SEND Regulations 2014 reg 44(2)(b)",
        "SEND Regulations 2014 reg 44(2)(b)(i)",
        "SEND Regulations 2014 reg 44(2)(b)(ii)",
    ]


def test_a_plan_order_sets_draft_and_final():
    steps = order_compliance_steps(OrderKind.MAKE_PLAN, order_date=date(2027, 12, 20))
    assert [step.due for step in steps] == [date(2028, 1, 24), date(2028, 3, 6)]


def test_every_order_kind_has_steps():
    for order in OrderKind:
        steps = order_compliance_steps(order, order_date=ORDER)
        assert steps and all(step.due >= ORDER and "reg 44" in step.rule for step in steps)


def test_mediation_agreement_due():
    assert mediation_agreement_due(agreed_on=ORDER) == date(2026, 8, 3)
    assert mediation_agreement_due(agreed_on=ORDER, order=OrderKind.AMEND_PLAN) == date(2026, 8, 24)


# --- the command line ---------------------------------------------------------------------------


def test_cli_prints_the_deadline_certificate_and_reasons(law):
    out = law(
        "appeal-deadline",
        "--decision-letter",
        "2026-10-01",
        "--mediation-certificate",
        "2026-11-29",
        "--ground",
        "section_f",
    )
    assert out["deadline"] == "2027-01-04"
    assert out["unadjusted"] == "2026-12-29"
    assert out["rule"] == "mediation_certificate"
    assert out["certificate_needed"] is True
    assert out["grounds"] == ["section_f"]
    assert out["contact_mediation_adviser_by"] == "2026-12-01"
    assert out["adjustment"].startswith("29 December 2026 falls between")
    assert len(out["reasons"]) == 4


def test_cli_placement_only(law):
    out = law("appeal-deadline", "--decision-letter", "2026-06-15", "--ground", "section_i")
    assert (out["deadline"], out["certificate_needed"]) == ("2026-09-01", False)
    assert out["mediation_certificate"] is None
    assert out["contact_mediation_adviser_by"] is None


def test_cli_without_grounds(law):
    out = law("appeal-deadline", "--decision-letter", "2026-03-05")
    assert out["certificate_needed"] is None
    assert out["grounds"] == []


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["--decision-letter", "2026-02-30"], "--decision-letter"),
        (["--decision-letter", "2026-03-05", "--ground", "section_x"], "--ground"),
        (
            ["--decision-letter", "2026-03-05", "--mediation-certificate", "2026-03-04"],
            "--mediation-certificate",
        ),
        ([], "--decision-letter"),
    ],
)
def test_cli_bad_input_names_the_option(bad, argv, option):
    err = bad("appeal-deadline", *argv)
    assert option in err.splitlines()[-1]
