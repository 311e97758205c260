"""The SENCO's statutory qualification and who may be the SENCO.

Sources:
- SEND Regulations 2014 reg 49(1)-(3): the SENCO must be a qualified teacher (not one qualified
  only under para 8A of Sch 2 to the 2003 Teachers' Qualifications Regs) who has completed
  induction where required and works as a teacher at the school (49(2)), or the head teacher
  or acting head teacher (49(3)).
- Reg 49(4): a person who becomes the SENCO after 1 September 2009 and has not already been a
  SENCO for more than twelve months in total must hold "the relevant SENCO Qualification" if
  they are the SENCO at any time after the third anniversary of becoming SENCO.
- Reg 49(7) (inserted by SI 2024/535): the qualification is the National Award for SEN
  Co-ordination (NASENCO) where the course started before 1 September 2024 and is completed
  before 1 September 2027; for a course started on or after 1 September 2024 it is the National
  Professional Qualification (NPQ) for SENCOs.
- gov.uk "Mandatory qualification for SENCOs" (updated 12 September 2024): the 3-year window
  continues; SENCOs who already hold the NASENCO need not take the NPQ.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from opensend.law.dates import add_days, add_months, long_date
from opensend.law.errors import LawInputError

NPQ = "npq"
NASENCO = "nasenco"
COURSES = ("", NPQ, NASENCO)
COURSE_NAMES = {NPQ: "the NPQ for SENCOs", NASENCO: "the NASENCO"}

# Reg 49(4): only people who become SENCO after 1 September 2009. Someone appointed on that day
# was "the SENCO on 1st September 2009" under the 2009 amendment regulations (SI 2009/1387) and
# had to qualify too, so the day itself counts as required.
DUTY_STARTS = date(2009, 9, 1)
# Reg 49(4): "has not previously been the SENCO ... for a total period of more than twelve months".
EXPERIENCED_AFTER_MONTHS = 12
# Reg 49(4): held by "the third anniversary of the date on which that person becomes a SENCO".
WINDOW_MONTHS = 36
# Reg 49(7)(a): the NASENCO counts only if started before and completed before these dates.
NASENCO_START_BEFORE = date(2024, 9, 1)
NASENCO_COMPLETE_BEFORE = date(2027, 9, 1)
NASENCO_LAST_DAY = add_days(NASENCO_COMPLETE_BEFORE, -1)

HELD = "held"
NOT_REQUIRED = "not_required"
IN_PROGRESS = "in_progress"  # required, not held yet, the deadline is not near
DUE_SOON = "due_soon"
OVERDUE = "overdue"
STATUSES = (HELD, NOT_REQUIRED, IN_PROGRESS, DUE_SOON, OVERDUE)

# Problems, each with what to change.
NOT_A_QUALIFIED_TEACHER = "not_a_qualified_teacher"  # reg 49(1)-(3)
NASENCO_STARTED_TOO_LATE = "nasenco_started_too_late"  # reg 49(7)(b)
NASENCO_COMPLETED_TOO_LATE = "nasenco_completed_too_late"  # reg 49(7)(a)
NASENCO_CANNOT_FINISH = "nasenco_cannot_finish"  # reg 49(7)(a), after 31 August 2027
NPQ_STARTED_TOO_EARLY = "npq_started_too_early"  # reg 49(7)(b)

RULE = (
    "SEND Regulations 2014 reg 49(2), (3), (4) and (7) (as amended by SI 2024/535); "
    "gov.uk 'Mandatory qualification for SENCOs'"
)


@dataclass(frozen=True)
class Problem:
    code: str
    detail: str


@dataclass(frozen=True)
class SencoQualification:
    status: str
    due_on: date | None
    warn_from: date | None
    problems: tuple[Problem, ...]
    detail: str
    rule: str


def _check_input(
    course: str,
    course_started_on: date | None,
    course_completed_on: date | None,
    previous_senco_months: int,
    warn_months: int,
) -> None:
    if course not in COURSES:
        raise LawInputError("course", f"{course!r} is not one of npq, nasenco or blank")
    if previous_senco_months < 0:
        raise LawInputError("previous_senco_months", "must be 0 or more")
    if warn_months < 0:
        raise LawInputError("warn_months", "must be 0 or more")
    if not course and (course_started_on or course_completed_on):
        raise LawInputError("course", "name the course the dates belong to")
    if course == NASENCO and course_started_on is None:
        # Reg 49(7): whether a NASENCO counts depends on when the course started.
        raise LawInputError("course_started_on", "is needed for the NASENCO")
    if course_started_on and course_completed_on and course_completed_on < course_started_on:
        raise LawInputError("course_completed_on", "is before the course started")


def _course_problems(
    course: str, started: date | None, completed: date | None, today: date
) -> list[Problem]:
    """Why the course the SENCO is on (or finished) does not count, under reg 49(7)."""
    problems = []
    if course == NASENCO and started >= NASENCO_START_BEFORE:
        problems.append(
            Problem(
                NASENCO_STARTED_TOO_LATE,
                f"The NASENCO course started on {long_date(started)}. A course started on or "
                "after 1 September 2024 must be the NPQ for SENCOs (reg 49(7)(b)). Enrol the "
                "SENCO on the NPQ for SENCOs.",
            )
        )
    elif course == NASENCO and completed is not None and completed > NASENCO_LAST_DAY:
        problems.append(
            Problem(
                NASENCO_COMPLETED_TOO_LATE,
                f"The NASENCO was completed on {long_date(completed)}. It counts only if "
                "completed before 1 September 2027 (reg 49(7)(a)). The SENCO needs the NPQ for "
                "SENCOs.",
            )
        )
    elif course == NASENCO and _not_completed(completed, today) and today > NASENCO_LAST_DAY:
        problems.append(
            Problem(
                NASENCO_CANNOT_FINISH,
                "The NASENCO was not completed by 31 August 2027, so it can no longer count "
                "(reg 49(7)(a)). Enrol the SENCO on the NPQ for SENCOs.",
            )
        )
    if course == NPQ and started is not None and started < NASENCO_START_BEFORE:
        problems.append(
            Problem(
                NPQ_STARTED_TOO_EARLY,
                f"The NPQ for SENCOs is shown as started on {long_date(started)}. It counts "
                "for courses started on or after 1 September 2024 (reg 49(7)(b)). Check the "
                "start date.",
            )
        )
    return problems


def _not_completed(completed: date | None, today: date) -> bool:
    # A completion date after today is not yet a qualification held.
    return completed is None or completed > today


def _holds(course: str, completed: date | None, today: date, problems: list[Problem]) -> bool:
    return bool(course) and not _not_completed(completed, today) and not problems


def senco_qualification(
    *,
    appointed_on: date,
    today: date,
    qualified_teacher: bool = True,
    is_head: bool = False,
    previous_senco_months: int = 0,
    course: str = "",
    course_started_on: date | None = None,
    course_completed_on: date | None = None,
    warn_months: int = 6,
) -> SencoQualification:
    """Whether the SENCO holds, needs or is late with the qualification, and who may be SENCO.

    `due_on` is the last day the SENCO may be in post without the qualification: the third
    anniversary of appointment (reg 49(4)), or 31 August 2027 for a NASENCO still in progress
    (reg 49(7)(a)), whichever is earlier. `warn_from` is `warn_months` before it.
    """
    _check_input(course, course_started_on, course_completed_on, previous_senco_months, warn_months)
    problems = []
    # Reg 49(1)-(3): a qualified teacher, or the head or acting head (who need not be one).
    if not qualified_teacher and not is_head:
        problems.append(
            Problem(
                NOT_A_QUALIFIED_TEACHER,
                "The SENCO must be a qualified teacher (reg 49(2)) or the head teacher or acting "
                "head teacher (reg 49(3)). Appoint a qualified teacher as SENCO, or record that "
                "the SENCO is the head.",
            )
        )
    course_problems = _course_problems(course, course_started_on, course_completed_on, today)
    problems.extend(course_problems)
    held = _holds(course, course_completed_on, today, course_problems)

    if held:
        detail = (
            f"Holds {COURSE_NAMES[course]}, completed on {long_date(course_completed_on)} "
            "(reg 49(7))."
        )
        return SencoQualification(HELD, None, None, tuple(problems), detail, RULE)

    if appointed_on < DUTY_STARTS or previous_senco_months > EXPERIENCED_AFTER_MONTHS:
        if appointed_on < DUTY_STARTS:
            why = "became SENCO before 1 September 2009"
        else:
            why = f"had already been a SENCO for {previous_senco_months} months in total"
        detail = f"The qualification is not required: the SENCO {why} (reg 49(4))."
        return SencoQualification(NOT_REQUIRED, None, None, tuple(problems), detail, RULE)

    due_on = add_months(appointed_on, WINDOW_MONTHS)
    nasenco_running = (
        course == NASENCO and not course_problems and _not_completed(course_completed_on, today)
    )
    if nasenco_running:
        due_on = min(due_on, NASENCO_LAST_DAY)
    warn_from = add_months(due_on, -warn_months)

    if today > due_on:
        status = OVERDUE
        detail = f"Overdue: the SENCO had to hold the qualification by {long_date(due_on)}."
    else:
        status = DUE_SOON if today >= warn_from else IN_PROGRESS
        detail = f"The SENCO must hold the qualification by {long_date(due_on)}."
    detail += " " + _course_sentence(course, course_started_on, course_problems, nasenco_running)
    return SencoQualification(status, due_on, warn_from, tuple(problems), detail, RULE)


def _course_sentence(
    course: str, started: date | None, course_problems: list[Problem], nasenco_running: bool
) -> str:
    if nasenco_running:
        return (
            f"The NASENCO started on {long_date(started)} counts only if completed by 31 "
            "August 2027 (reg 49(7)(a))."
        )
    if course == NPQ and not course_problems:
        if started is None:
            return "The SENCO is on the NPQ for SENCOs."
        return f"The NPQ for SENCOs started on {long_date(started)}."
    return "Enrol the SENCO on the NPQ for SENCOs (reg 49(7)(b))."
