"""A child or young person with an EHC plan moves to another local authority's area (reg 15).

Source: SEND Regulations 2014 (SI 2014/1530) reg 15, "Transfer of EHC plans", text as made,
checked on legislation.gov.uk (uksi/2014/1530/regulation/15/made) for paragraphs (1) to (5)(a);
the end of (5) (the 3-month limb) and what follows were read in IPSEA's "Moving to a new local
authority" and the Redbridge and Devon SENDIASS pages [S], and agree with
reference/statutory.md §1.4 [V].

- Reg 15(2): the old authority transfers the plan "on the day of the move or, where it has not
  become aware of the move at least 15 working days prior to that move, within 15 working days
  beginning with the day on which it did become aware". See `plan_transfer`.
- Reg 15(3)(a): from the transfer the plan is treated as if the new authority had made it on
  the date the old authority made it, and the new authority must maintain it (so it must secure
  the Section F provision from that day: CFA 2014 s42). It is the new authority's plan; it is not
  a fresh plan and does not restart the review clock.
- Reg 15(3)(b): if the new authority assesses, it must not seek advice again where the old
  authority's advice is enough and the adviser, the old authority and the family agree.
- Reg 15(4): within 6 weeks of the transfer the new authority tells the parent or young person
  that the plan has been transferred, whether it proposes to make an EHC needs assessment, and
  when it proposes to review the plan.
- Reg 15(5): the new authority reviews the plan (CFA s44) before the later of the end of 12
  months beginning with the date the plan was made or last reviewed, and the end of 3 months
  beginning with the date of the transfer. See `new_authority_duties`.

Not built here (no date to compute, or not reg 15):
- A new EHC needs assessment by the new authority: reg 15 sets no time limit of its own; it
  only says the family must be told within 6 weeks whether one is proposed. Running it under
  the usual 6/16/20-week limits from the day the new authority decides to assess is an
  assumption (regs 5, 10, 13 count from a request or from becoming responsible under CFA s24),
  so it is left to `opensend.law.ehc` with a start date a person chooses.
- Attendance at the school named in Section I no longer being practicable after the move: the
  new authority arranges another suitable place until the plan is amended, and may not refuse
  to pay the fees of an independent, non-maintained special or boarding school named in it
  until it has amended the plan (Code of Practice 9.159 [S], via IPSEA). Not a date.
- The health commissioning body changing (reg 16: the old body notifies the new one with the
  same 15-working-day rule; and within 15 working days the new body may ask for a review or an
  assessment) [S]. Not built.
- A move into or out of England (Wales has its own law), and detained persons (CFA 2014
  ss70-75, whose EHC plans are kept in abeyance and follow different rules). Not built.
- A move of school within the same local authority is not reg 15: the plan stays with the same
  authority and changes only by review and amendment (CFA s44; regs 20-22). No function here.
"""

from dataclasses import dataclass
from datetime import date

from opensend.law.dates import add_days, add_months, add_weeks, add_working_days, is_working_day
from opensend.law.errors import LawInputError

# Reg 15(2): the notice the old authority needs to transfer on the day of the move, and the
# time it has otherwise, both counted in working days (not a weekend or an England and Wales
# bank holiday: `opensend.law.dates.is_working_day`).
NOTICE_WORKING_DAYS = 15
LATE_TRANSFER_WORKING_DAYS = 15
# Reg 15(4): the new authority tells the family within 6 weeks of the transfer.
INFORM_WEEKS = 6
# Reg 15(5)(a) and (b): the review before the later of 12 months beginning with the plan's
# making or last review and 3 months beginning with the transfer.
REVIEW_MONTHS_FROM_LAST_REVIEW = 12
REVIEW_MONTHS_FROM_TRANSFER = 3


@dataclass(frozen=True)
class PlanTransfer:
    move_day: date
    old_la_learned_on: date
    # Working days from the day the old authority learned of the move (that day counts, if it
    # is a working day) up to the day before the move; 0 if it learned on or after the move.
    notice_working_days: int
    # True: transfer on the day of the move (reg 15(2), first limb). False: it learned too late,
    # and transfer_by is the 15th working day beginning with the day it learned (second limb).
    on_the_day_of_the_move: bool
    transfer_by: date
    rule: str


@dataclass(frozen=True)
class NewAuthorityDuties:
    transferred_on: date
    plan_last_reviewed_or_made: date | None
    inform_family_by: date
    inform_rule: str
    # The last day of each of reg 15(5)'s two periods; review_by is the later of them (null
    # while the date of the plan's making or last review is not known).
    twelve_months_from_last_review_end: date | None
    three_months_from_transfer_end: date
    review_by: date | None
    review_rule: str
    maintain_rule: str


def working_days_from(start: date, before: date) -> int:
    """Working days in the run of days from `start` (counted) to the day before `before`."""
    count = 0
    day = start
    while day < before:
        if is_working_day(day):
            count += 1
        day = add_days(day, 1)
    return count


def nth_working_day_beginning_with(day: date, n: int) -> date:
    """The nth working day of a period "beginning with" `day`: `day` is the first if it is a
    working day; if not, the period's first working day is the next one."""
    return add_working_days(add_days(day, -1), n)


def plan_transfer(*, move_day: date, old_la_learned_on: date) -> PlanTransfer:
    """Reg 15(2): when the old authority must transfer the plan to the new authority.

    How the 15 working days are counted (our reading; reg 15(2) does not spell out the first
    limb's count):
    - "aware of the move at least 15 working days prior to that move": the 15 working days
      before the move are the last 15 working days before the day of the move; the old authority
      had that notice if it learned on or before the first of them. Equivalently, there are at
      least 15 working days from the day it learned (that day counted, as the second limb counts
      it) to the day before the move. Then it transfers on the day of the move, which may itself
      be a weekend or bank holiday: the regulation says "the day of the move", not a working day.
    - Otherwise, including learning on the day of the move or after it: "within 15 working days
      beginning with the day on which it did become aware". The day of learning is day 1 if it
      is a working day; if it is a weekend or bank holiday, day 1 is the next working day. The
      deadline is the 15th of those working days (never before the move day, since fewer than 15
      working days came before it). Transferring before the child has moved is not sensible (the
      child is not yet in the new authority's area), though the words would allow it.
    """
    notice = working_days_from(old_la_learned_on, move_day)
    if notice >= NOTICE_WORKING_DAYS:
        return PlanTransfer(
            move_day=move_day,
            old_la_learned_on=old_la_learned_on,
            notice_working_days=notice,
            on_the_day_of_the_move=True,
            transfer_by=move_day,
            rule=(
                f"The old authority knew {notice} working days before the move (at least "
                f"{NOTICE_WORKING_DAYS}), so it transfers the plan on the day of the move "
                "(SEND Regulations 2014 reg 15(2))."
            ),
        )
    due = nth_working_day_beginning_with(old_la_learned_on, LATE_TRANSFER_WORKING_DAYS)
    when = (
        f"only {notice} working days before the move (fewer than {NOTICE_WORKING_DAYS})"
        if old_la_learned_on < move_day
        else "on or after the day of the move"
    )
    return PlanTransfer(
        move_day=move_day,
        old_la_learned_on=old_la_learned_on,
        notice_working_days=notice,
        on_the_day_of_the_move=False,
        transfer_by=due,
        rule=(
            f"The old authority learned of the move {when}, so it transfers the plan within "
            f"{LATE_TRANSFER_WORKING_DAYS} working days beginning with the day it learned (that "
            "day counts if it is a working day; weekends and England and Wales bank holidays do "
            "not) (SEND Regulations 2014 reg 15(2))."
        ),
    )


def last_day_of_months_beginning_with(day: date, months: int) -> date:
    """The last day of "the period of N months beginning with" `day`.

    Such a period includes `day`, so it ends the day before the same day of the month N months
    later: 12 months beginning with 16 March 2026 end on 15 March 2027. Where that month has no
    such day (`day` is the 29th to 31st), the period ends on the month's last day: 3 months
    beginning with 30 November 2026 end on 28 February 2027, and 12 months beginning with
    29 February 2024 on 28 February 2025 (the end-of-month rule of `add_months`).
    """
    corresponding = add_months(day, months)
    if corresponding.day != day.day:  # clamped to the end of a shorter month
        return corresponding
    return add_days(corresponding, -1)


def new_authority_duties(
    *, transferred_on: date, plan_last_reviewed_or_made: date | None
) -> NewAuthorityDuties:
    """Reg 15(3)-(5): what the new authority must do, and by when, once the plan is transferred.

    - inform_family_by: reg 15(4) says "within 6 weeks of the date of the transfer", counted as
      the transfer date + 42 days, as the other "within N weeks of" limits are (DESIGN "Time").
    - review_by: reg 15(5) says "before the expiry of the later of" two periods "beginning with"
      their start days, so each period ends the day before the corresponding date
      (`last_day_of_months_beginning_with`), and the review must be held on or before the later
      end. Note this is one day earlier than `reviews.next_review_due`, which counts the CFA s44
      annual review as the corresponding date itself.
    - The plan counts as made by the new authority on the date the old one made it (reg
      15(3)(a)), so later annual reviews run from this review as usual (CFA s44).
    With `plan_last_reviewed_or_made` None (not known yet), review_by is null.
    """
    if plan_last_reviewed_or_made is not None and plan_last_reviewed_or_made > transferred_on:
        raise LawInputError(
            "--last-reviewed",
            "the plan was made or last reviewed after the transfer date: give the old "
            "authority's date, on or before the transfer",
        )
    three_months_end = last_day_of_months_beginning_with(
        transferred_on, REVIEW_MONTHS_FROM_TRANSFER
    )
    if plan_last_reviewed_or_made is None:
        twelve_months_end = None
        review_by = None
        review_rule = (
            "The new authority reviews the plan before the later of the end of 12 months "
            "beginning with the date it was made or last reviewed (not given) and the end of 3 "
            f"months beginning with the transfer ({three_months_end.isoformat()}) "
            "(SEND Regulations 2014 reg 15(5); CFA 2014 s44)."
        )
    else:
        twelve_months_end = last_day_of_months_beginning_with(
            plan_last_reviewed_or_made, REVIEW_MONTHS_FROM_LAST_REVIEW
        )
        review_by = max(twelve_months_end, three_months_end)
        which = (
            "12 months beginning with the date the plan was made or last reviewed"
            if twelve_months_end >= three_months_end
            else "3 months beginning with the transfer"
        )
        review_rule = (
            f"The new authority reviews the plan on or before the last day of {which}, the later "
            "of the two periods (SEND Regulations 2014 reg 15(5); CFA 2014 s44). Each period "
            "includes its first day, so it ends the day before the same date months later."
        )
    return NewAuthorityDuties(
        transferred_on=transferred_on,
        plan_last_reviewed_or_made=plan_last_reviewed_or_made,
        inform_family_by=add_weeks(transferred_on, INFORM_WEEKS),
        inform_rule=(
            f"Within {INFORM_WEEKS} weeks of the transfer (the transfer date + "
            f"{7 * INFORM_WEEKS} days) the new authority tells the parent or young person that "
            "the plan has been transferred, whether it proposes to make an EHC needs assessment, "
            "and when it will review the plan (SEND Regulations 2014 reg 15(4))."
        ),
        twelve_months_from_last_review_end=twelve_months_end,
        three_months_from_transfer_end=three_months_end,
        review_by=review_by,
        review_rule=review_rule,
        maintain_rule=(
            "From the transfer the plan is treated as made by the new authority on the date the "
            "old authority made it, and the new authority must maintain it and secure its "
            "provision (SEND Regulations 2014 reg 15(3)(a); CFA 2014 s42). If it assesses, it "
            "must not ask again for advice the old authority supplied where the adviser, the old "
            "authority and the family agree it is enough (reg 15(3)(b)); reg 15 sets no time "
            "limit of its own for that assessment."
        ),
    )
