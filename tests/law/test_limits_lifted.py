"""Which limits a recorded exception lifts: what every report counts "excluding exceptions" by."""

from datetime import date

from opensend.law.ehc import ExceptionKind, TimeLimitException, limits_lifted

RECEIVED = date(2026, 1, 5)  # 6 weeks: 16 February; 20 weeks: 25 May 2026


def _exception(kind, start, end):
    return TimeLimitException(kind=kind, start=start, end=end)


def test_personal_circumstances_inside_the_first_six_weeks_lift_every_limit_they_overlap():
    lifted = limits_lifted(
        received=RECEIVED,
        exceptions=[
            _exception(ExceptionKind.PERSONAL_CIRCUMSTANCES, date(2026, 2, 2), date(2026, 2, 9))
        ],
    )
    assert {"decision_to_assess", "decision_not_to_issue", "final_plan"} <= lifted


def test_personal_circumstances_after_the_plan_was_due_lift_nothing():
    # reg 13(3): the exception must fall within the 20 weeks to excuse the final plan.
    assert (
        limits_lifted(
            received=RECEIVED,
            exceptions=[
                _exception(ExceptionKind.PERSONAL_CIRCUMSTANCES, date(2026, 6, 1), date(2026, 6, 8))
            ],
        )
        == set()
    )


def test_an_absence_shorter_than_four_weeks_lifts_nothing():
    # reg 10(4)(c): absence from the area "for a continuous period of not less than 4 weeks".
    short = _exception(ExceptionKind.ABSENCE_FROM_AREA, date(2026, 3, 2), date(2026, 3, 20))
    assert limits_lifted(received=RECEIVED, exceptions=[short]) == set()
    long = _exception(ExceptionKind.ABSENCE_FROM_AREA, date(2026, 3, 2), date(2026, 4, 6))
    assert "final_plan" in limits_lifted(received=RECEIVED, exceptions=[long])


def test_no_exceptions_and_nonsense_dates_lift_nothing_rather_than_fail():
    assert limits_lifted(received=RECEIVED, exceptions=[]) == set()
    backwards = _exception(ExceptionKind.PERSONAL_CIRCUMSTANCES, date(2026, 3, 9), date(2026, 3, 2))
    assert limits_lifted(received=RECEIVED, exceptions=[backwards]) == set()
