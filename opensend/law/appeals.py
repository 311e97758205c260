"""Disagreements and appeals: the grounds, the mediation certificate, the appeal deadline, the
mediation timings and the local authority's deadlines after a First-tier Tribunal order.

Sources (reference/statutory.md §1.4; what was checked, and where, is marked on each rule):
- Children and Families Act 2014 ("CFA") s51(2): what can be appealed. Checked: the text of
  s51 on legislation.gov.uk.
- CFA s55 and s56: the mediation certificate. s56(1)(h) ("exceptions to the requirement in
  section 55(3)") checked on legislation.gov.uk; the exception for appeals only about the
  school or other institution (s51(2)(c)(iii) and (iv)) is from secondary sources (SEND
  Code of Practice 11.18 as quoted by SENDIASS sites, sendadvicesurrey.org.uk) and was not
  checked against the text of s55.
- Tribunal Procedure (First-tier Tribunal) (Health, Education and Social Care Chamber) Rules
  2008 ("HESC Rules"), SI 2008/2699: r12(2) (a time ending on a non-working day runs to the
  next working day) and r12(3)(a) (an appeal whose time ends 25 December to 1 January, or in
  August, is in time on the first working day after 1 January or 31 August), as amended,
  checked against the rule's text as reproduced on mentalhealthlaw.co.uk ("Tribunal rule
  12"). "Working day" (r1): not a Saturday, Sunday, Christmas Day, Good Friday or bank
  holiday, which is `dates.is_working_day`.
- The appeal period itself, "2 months after the decision letter or 1 month after the
  mediation certificate, whichever is later", is HESC Rules r20 as amended by SI 2014/2128
  from 1 September 2014. The text of r20 was NOT found; the rule is taken from IPSEA's FAQ
  and "How to submit an appeal" pages [S], which match reference/statutory.md §1.4.
- SEND Regulations 2014 (SI 2014/1530): reg 33 (contact the mediation adviser within 2 months
  of the written notice) and reg 42 (mediation agreements) checked on legislation.gov.uk. The
  certificate within 3 working days when the family does not want mediation (reg 34: its
  heading was checked, its text was cut off), the 30 days to arrange mediation and the
  certificate within 3 working days after mediation (regs 35 to 39: the paragraph numbers
  were not checked) are from IPSEA and SENDIASS pages [S].
- SEND Regulations 2014 reg 44 (as substituted by SI 2015/359): paragraphs (1) and (2)(a) to
  (c) checked against a verbatim copy of the regulation (sendfamilymagic.mykajabi.com); (2)(e)
  and (f) from IPSEA's note on R (BA) v Nottinghamshire CC [2021] EWHC 1348 (Admin) [S];
  "continue to maintain: with immediate effect" from the Tribunal's own guidance SEND18 on
  gov.uk [S]. NOT encoded: reg 44(2)(d) (a case referred back to the local authority to
  reconsider: its period was not found) and reg 44(3) (when the local authority need not
  meet these periods: not checked).

Months use `dates.add_months`: a day that does not exist in the target month becomes its last
day, so a decision letter of 31 December gives 28 February (29 February in a leap year).
"N weeks" is +7N calendar days; "30 days" is calendar days; "working days" skip weekends and
England and Wales bank holidays.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.law.dates import (
    add_days,
    add_months,
    add_weeks,
    add_working_days,
    is_working_day,
    long_date,
)
from opensend.law.errors import LawInputError


class AppealGround(StrEnum):
    """What a parent or young person can appeal to the First-tier Tribunal (CFA s51(2))."""

    REFUSAL_TO_ASSESS = "refusal_to_assess"  # s51(2)(a): not to secure an EHC needs assessment
    REFUSAL_TO_ISSUE = "refusal_to_issue"  # s51(2)(b): after assessment, no plan
    SECTION_B = "section_b"  # s51(2)(c)(i): the special educational needs in the plan
    SECTION_F = "section_f"  # s51(2)(c)(ii): the special educational provision in the plan
    SECTION_I = "section_i"  # s51(2)(c)(iii), (iv): the school or type named, or none named
    REFUSAL_TO_REASSESS = "refusal_to_reassess"  # s51(2)(d): not to re-assess under s44
    REFUSAL_TO_AMEND = "refusal_to_amend"  # s51(2)(e): not to amend after a review/re-assessment
    CEASING = "ceasing"  # s51(2)(f): to cease to maintain the plan (s45)


_GROUND_WORDS = {
    AppealGround.REFUSAL_TO_ASSESS: "a refusal to carry out an EHC needs assessment",
    AppealGround.REFUSAL_TO_ISSUE: "a refusal to issue an EHC plan after assessment",
    AppealGround.SECTION_B: "the special educational needs in section B",
    AppealGround.SECTION_F: "the special educational provision in section F",
    AppealGround.SECTION_I: "the school or placement in section I",
    AppealGround.REFUSAL_TO_REASSESS: "a refusal to re-assess",
    AppealGround.REFUSAL_TO_AMEND: "a refusal to amend the plan after a review",
    AppealGround.CEASING: "a decision to cease to maintain the plan",
}


def needs_mediation_certificate(grounds: Iterable[AppealGround]) -> bool:
    """CFA s55: the family must contact a mediation adviser and get a certificate before
    appealing, unless the appeal is only about the placement (section I: the school or other
    institution, or its type, named in the plan, or that none is named). An appeal about
    section I together with anything else needs a certificate. The placement-only exception
    is from secondary sources [S]; see the module docstring."""
    chosen = frozenset(AppealGround(ground) for ground in grounds)
    if not chosen:
        raise LawInputError("--ground", "name at least one ground of appeal")
    return chosen != {AppealGround.SECTION_I}


# --- the appeal deadline (HESC Rules r12, r20) -------------------------------------------------

# HESC Rules r20 as amended 2014 [S: IPSEA FAQ; text of r20 not found]: 2 months after the
# decision letter or 1 month after the mediation certificate, whichever is later.
DECISION_LETTER_MONTHS = 2
CERTIFICATE_MONTHS = 1
# SEND Regulations 2014 reg 33 [V]: the family contacts the mediation adviser within 2 months
# after written notice of the decision was sent.
CONTACT_ADVISER_MONTHS = 2


class DeadlineRule(StrEnum):
    DECISION_LETTER = "decision_letter"  # 2 months from the decision letter
    MEDIATION_CERTIFICATE = "mediation_certificate"  # 1 month from the certificate


@dataclass(frozen=True)
class AppealDeadline:
    decision_letter: date
    mediation_certificate: date | None
    two_months_from_letter: date
    one_month_from_certificate: date | None
    rule: DeadlineRule  # which period ends later (the decision letter's on a tie)
    unadjusted: date  # the later of the two periods' ends
    deadline: date  # the last day the Tribunal must receive the appeal
    adjustment: str | None  # how and why `deadline` differs from `unadjusted`, in words
    grounds: tuple[AppealGround, ...]
    certificate_needed: bool | None  # None when no grounds were given
    contact_mediation_adviser_by: date | None  # reg 33; None when no certificate is needed
    reasons: tuple[str, ...]


def appeal_deadline(
    *,
    decision_letter: date,
    mediation_certificate: date | None = None,
    grounds: Iterable[AppealGround] = (),
) -> AppealDeadline:
    """The last day to appeal to the First-tier Tribunal (SEND).

    The later of 2 months from the decision letter and 1 month from the mediation certificate
    (HESC Rules r20 [S: IPSEA]), then moved by HESC Rules r12 [V]: a day from 25 December to
    1 January moves to the first working day after 1 January; a day in August to the first
    working day after 31 August (r12(3)(a)); any other day that is not a working day to the
    next working day (r12(2)). The decision letter's date stands for the day written notice
    was sent (an assumption: r20 counts from when the notice was sent).
    """
    chosen = tuple(dict.fromkeys(AppealGround(ground) for ground in grounds))
    if mediation_certificate is not None and mediation_certificate < decision_letter:
        raise LawInputError(
            "--mediation-certificate", "the mediation certificate is dated before the decision"
        )
    from_letter = add_months(decision_letter, DECISION_LETTER_MONTHS)
    from_certificate = (
        add_months(mediation_certificate, CERTIFICATE_MONTHS) if mediation_certificate else None
    )
    reasons = [
        f"2 months from the decision letter of {long_date(decision_letter)} ends on "
        f"{long_date(from_letter)} (HESC Rules 2008 r20)."
    ]
    if from_certificate is not None and from_certificate > from_letter:
        rule, unadjusted = DeadlineRule.MEDIATION_CERTIFICATE, from_certificate
        reasons.append(
            f"1 month from the mediation certificate of {long_date(mediation_certificate)} ends "
            f"later, on {long_date(from_certificate)}, so that period applies (HESC Rules 2008 "
            "r20: whichever is later)."
        )
    else:
        rule, unadjusted = DeadlineRule.DECISION_LETTER, from_letter
        if from_certificate is not None:
            reasons.append(
                f"1 month from the mediation certificate of {long_date(mediation_certificate)} "
                f"ends on {long_date(from_certificate)}, no later, so the decision letter's 2 "
                "months apply (HESC Rules 2008 r20: whichever is later)."
            )
    deadline, adjustment = tribunal_time_limit(unadjusted)
    reasons.append(adjustment or f"{long_date(unadjusted)} is a working day, so it stands.")

    certificate_needed = needs_mediation_certificate(chosen) if chosen else None
    contact_by = None
    if certificate_needed is False:
        reasons.append(
            "The appeal is only about the placement in section I, so no mediation certificate "
            "is needed (Children and Families Act 2014 s55)."
        )
    else:
        contact_by = add_months(decision_letter, CONTACT_ADVISER_MONTHS)
        words = [_GROUND_WORDS[ground] for ground in chosen]
        about = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
        lead = (
            f"An appeal about {about} needs"
            if chosen
            else "Unless the appeal is only about the placement in section I, it needs"
        )
        reasons.append(
            f"{lead} a mediation certificate: contact the mediation adviser by "
            f"{long_date(contact_by)} (Children and Families Act 2014 s55; SEND Regulations "
            "2014 reg 33)."
        )
        if mediation_certificate is None:
            reasons.append(
                "No mediation certificate yet: once it is issued, the deadline is 1 month from "
                "its date if that is later."
            )
    return AppealDeadline(
        decision_letter=decision_letter,
        mediation_certificate=mediation_certificate,
        two_months_from_letter=from_letter,
        one_month_from_certificate=from_certificate,
        rule=rule,
        unadjusted=unadjusted,
        deadline=deadline,
        adjustment=adjustment,
        grounds=chosen,
        certificate_needed=certificate_needed,
        contact_mediation_adviser_by=contact_by,
        reasons=tuple(reasons),
    )


def _first_working_day_after(day: date) -> date:
    return add_working_days(day, 1)


def tribunal_time_limit(day: date) -> tuple[date, str | None]:
    """HESC Rules r12 applied to the day an appeal's time ends: (the day it is in time by,
    the move in words, or None if the day stands)."""
    if (day.month, day.day) >= (12, 25) or (day.month, day.day) == (1, 1):
        new_year = date(day.year + 1 if day.month == 12 else day.year, 1, 1)
        moved = _first_working_day_after(new_year)
        return moved, (
            f"{long_date(day)} falls between 25 December and 1 January, so the appeal is in "
            f"time on the first working day after 1 January: {long_date(moved)} "
            "(HESC Rules 2008 r12(3)(a))."
        )
    if day.month == 8:
        moved = _first_working_day_after(date(day.year, 8, 31))
        return moved, (
            f"{long_date(day)} falls in August, so the appeal is in time on the first working "
            f"day after 31 August: {long_date(moved)} (HESC Rules 2008 r12(3)(a))."
        )
    if not is_working_day(day):
        moved = _first_working_day_after(day)
        return moved, (
            f"{long_date(day)} is not a working day, so the appeal is in time on the next "
            f"working day: {long_date(moved)} (HESC Rules 2008 r12(2))."
        )
    return day, None


# --- mediation (SEND Regulations 2014 regs 33 to 42) -------------------------------------------

# Reg 34 [S]: the mediation adviser issues the certificate within 3 working days of being told
# the family does not want mediation.
CERTIFICATE_NO_MEDIATION_WORKING_DAYS = 3
# Regs 36-37 [S; paragraph numbers not checked]: mediation takes place within 30 days of the
# local authority being told the family wants it.
MEDIATION_DAYS = 30
# Reg 39 [S]: the mediator issues the certificate within 3 working days after mediation ends.
CERTIFICATE_AFTER_MEDIATION_WORKING_DAYS = 3
# Reg 42(3) [V]: what a mediation agreement requires that cannot be appealed is done within
# 2 weeks of the agreement.
AGREEMENT_WEEKS = 2


@dataclass(frozen=True)
class MediationDates:
    told_on: date
    wants_mediation: bool
    mediation_by: date | None  # the last day for the mediation, when the family wants it
    mediation_ended: date | None
    certificate_due: date | None  # None while mediation is still to happen
    reasons: tuple[str, ...]


def mediation_dates(
    *, told_on: date, wants_mediation: bool, mediation_ended: date | None = None
) -> MediationDates:
    """The certificate and mediation dates once the family has told the mediation adviser
    (and, if they want mediation, the local authority) what they want. Regulation numbers
    after reg 34 are from secondary sources [S]; see the module docstring.

    Not computed: if the local authority cannot arrange mediation within 30 days, it tells the
    adviser, who issues a certificate within 3 working days of being told [S: IPSEA].
    """
    if mediation_ended is not None and not wants_mediation:
        raise LawInputError(
            "--mediation-ended", "mediation ended, but the family did not want mediation"
        )
    if mediation_ended is not None and mediation_ended < told_on:
        raise LawInputError(
            "--mediation-ended", "mediation cannot end before the family asked for it"
        )
    if not wants_mediation:
        due = add_working_days(told_on, CERTIFICATE_NO_MEDIATION_WORKING_DAYS)
        return MediationDates(
            told_on=told_on,
            wants_mediation=False,
            mediation_by=None,
            mediation_ended=None,
            certificate_due=due,
            reasons=(
                "The family does not want mediation: the mediation adviser issues the "
                f"certificate within 3 working days, by {long_date(due)} (SEND Regulations "
                "2014 reg 34).",
            ),
        )
    mediation_by = add_days(told_on, MEDIATION_DAYS)
    reasons = [
        "The family wants mediation: the local authority arranges it within 30 days, by "
        f"{long_date(mediation_by)} (SEND Regulations 2014 regs 36-37)."
    ]
    due = None
    if mediation_ended is not None:
        due = add_working_days(mediation_ended, CERTIFICATE_AFTER_MEDIATION_WORKING_DAYS)
        reasons.append(
            f"Mediation ended on {long_date(mediation_ended)}: the mediator issues the "
            f"certificate within 3 working days, by {long_date(due)} (SEND Regulations 2014 "
            "reg 39)."
        )
        if mediation_ended > mediation_by:
            reasons.append(
                "Mediation ended after the 30 days: the family could have had a certificate "
                "when the local authority said it could not arrange mediation in time."
            )
    return MediationDates(
        told_on=told_on,
        wants_mediation=True,
        mediation_by=mediation_by,
        mediation_ended=mediation_ended,
        certificate_due=due,
        reasons=tuple(reasons),
    )


# --- after the Tribunal's order (SEND Regulations 2014 reg 44) ---------------------------------


class OrderKind(StrEnum):
    CEASE_APPEAL_DISMISSED = "cease_appeal_dismissed"  # reg 44(2)(a) [V]
    ASSESS = "assess"  # reg 44(2)(b) [V]: assessment or re-assessment
    MAKE_PLAN = "make_plan"  # reg 44(2)(c) [V]: make and maintain an EHC plan
    AMEND_PLAN = "amend_plan"  # reg 44(2)(e) [S: IPSEA]: amend needs or provision
    AMEND_PLACEMENT = "amend_placement"  # reg 44(2)(f) [S: IPSEA]: only the school or type
    CONTINUE_TO_MAINTAIN = "continue_to_maintain"  # [S: gov.uk SEND18]; paragraph not checked


@dataclass(frozen=True)
class ComplianceStep:
    step: str
    due: date
    rule: str


# Each kind: (what the local authority does, weeks after the order, the rule), in order.
_ORDER_STEPS: dict[OrderKind, tuple[tuple[str, int, str], ...]] = {
    OrderKind.CEASE_APPEAL_DISMISSED: (
        ("cease to maintain the EHC plan (immediately)", 0, "SEND Regulations 2014 reg 44(2)(a)"),
    ),
    OrderKind.ASSESS: (
        ("tell the family it will assess", 2, "SEND Regulations 2014 reg 44(2)(b)"),
        ("if no plan is needed, tell the family why", 10, "SEND Regulations 2014 reg 44(2)(b)(i)"),
        ("if a plan is needed, send the final plan", 14, "SEND Regulations 2014 reg 44(2)(b)(ii)"),
    ),
    OrderKind.MAKE_PLAN: (
        ("issue the draft EHC plan", 5, "SEND Regulations 2014 reg 44(2)(c)(i)"),
        ("send the final EHC plan", 11, "SEND Regulations 2014 reg 44(2)(c)(ii)"),
    ),
    OrderKind.AMEND_PLAN: (
        ("issue the amended EHC plan", 5, "SEND Regulations 2014 reg 44(2)(e)"),
    ),
    OrderKind.AMEND_PLACEMENT: (
        ("issue the plan with the school or type amended", 2, "SEND Regulations 2014 reg 44(2)(f)"),
    ),
    OrderKind.CONTINUE_TO_MAINTAIN: (
        ("continue to maintain the EHC plan (immediately)", 0, "SEND Regulations 2014 reg 44"),
    ),
}


def order_compliance_steps(order: OrderKind, *, order_date: date) -> tuple[ComplianceStep, ...]:
    """Every deadline reg 44(2) sets after the Tribunal's order, "within N weeks of the order
    being made" counted as +7N days from `order_date` (the Tribunal counts from the day it
    sends the order out: gov.uk SEND18). Reg 44(3)'s exceptions are not applied."""
    return tuple(
        ComplianceStep(step=step, due=add_weeks(order_date, weeks), rule=rule)
        for step, weeks, rule in _ORDER_STEPS[OrderKind(order)]
    )


def order_compliance_due(order: OrderKind, *, order_date: date) -> date:
    """The first thing the local authority must do after the order is due by this date: the
    order date itself for "immediately"; 2 weeks to tell the family it will assess; 5 weeks for
    the draft plan or the amended plan; 2 weeks for an amended placement. The later steps
    (the final plan) are in `order_compliance_steps`."""
    return order_compliance_steps(order, order_date=order_date)[0].due


def mediation_agreement_due(*, agreed_on: date, order: OrderKind | None = None) -> date:
    """SEND Regulations 2014 reg 42 [V]: a mediation agreement about something the family could
    appeal is kept within reg 44's periods, as if it were the Tribunal's order (reg 42(2));
    anything else it requires is done within 2 weeks (reg 42(3)). The parties may agree a
    different timescale in writing (reg 42(5)); that is for the caller."""
    if order is not None:
        return order_compliance_due(order, order_date=agreed_on)
    return add_weeks(agreed_on, AGREEMENT_WEEKS)
