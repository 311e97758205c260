"""The EHC needs assessment's people and notices: whose advice, which rights, by when.

Sources (reference/statutory.md §1): SEND Regulations 2014 (SI 2014/1530) regs 4, 5, 6, 8, 10
and 32; Children and Families Act 2014 ss36 and 51. The time limits themselves are in
`opensend.law.ehc`; this module says who must be asked and what a decision letter must say.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from opensend.law.dates import add_days, add_months, add_weeks, is_working_day
from opensend.law.ehc import ADVICE_WEEKS


class AdviceKind(StrEnum):
    """Reg 6(1)(a)–(h): the advice and information the LA must seek, as a minimum."""

    FAMILY = "family"  # (a) the child's parent or the young person
    EDUCATIONAL = "educational"  # (b) the head teacher or principal (reg 6(1)(b), 6(2))
    MEDICAL = "medical"  # (c) a health care professional named by the commissioning body
    PSYCHOLOGICAL = "psychological"  # (d) an educational psychologist
    SOCIAL_CARE = "social_care"  # (e) social care
    OTHER = "other"  # (f) anyone else the LA thinks appropriate
    ADULTHOOD = "adulthood"  # (g) preparation for adulthood, from Year 9
    FAMILY_REQUESTED = "family_requested"  # (h) anyone the family reasonably asks for


ADVICE_KIND_RULES = {
    AdviceKind.FAMILY: "SEND Regulations 2014 reg 6(1)(a)",
    AdviceKind.EDUCATIONAL: "SEND Regulations 2014 reg 6(1)(b)",
    AdviceKind.MEDICAL: "SEND Regulations 2014 reg 6(1)(c)",
    AdviceKind.PSYCHOLOGICAL: "SEND Regulations 2014 reg 6(1)(d)",
    AdviceKind.SOCIAL_CARE: "SEND Regulations 2014 reg 6(1)(e)",
    AdviceKind.OTHER: "SEND Regulations 2014 reg 6(1)(f)",
    AdviceKind.ADULTHOOD: "SEND Regulations 2014 reg 6(1)(g)",
    AdviceKind.FAMILY_REQUESTED: "SEND Regulations 2014 reg 6(1)(h)",
}

# Reg 6(1)(g): advice on preparation for adulthood "in relation to a child in or beyond year 9".
ADULTHOOD_FROM_YEAR = 9

# Year groups as the school census writes them; nursery and reception come before Year 1.
_EARLY_YEARS = {"N1": -1, "N2": 0, "R": 0}


def year_number(year_group: str) -> int | None:
    """The national curriculum year as a number (Reception is 0), or None if unknown."""
    if year_group in _EARLY_YEARS:
        return _EARLY_YEARS[year_group]
    try:
        return int(year_group)
    except (TypeError, ValueError):
        return None


def minimum_advice(*, year_group: str | None, is_young_person: bool = False) -> list[AdviceKind]:
    """The advice reg 6(1) requires in every assessment, in the order a caseworker asks for it.

    (f) and (h) depend on the case, so they are added by hand. A young person (over compulsory
    school age) is past Year 9 whatever their recorded year, so (g) always applies to them.
    """
    kinds = [
        AdviceKind.FAMILY,
        AdviceKind.EDUCATIONAL,
        AdviceKind.MEDICAL,
        AdviceKind.PSYCHOLOGICAL,
        AdviceKind.SOCIAL_CARE,
    ]
    if adulthood_applies(year_group=year_group, is_young_person=is_young_person):
        kinds.append(AdviceKind.ADULTHOOD)
    return kinds


def adulthood_applies(*, year_group: str | None, is_young_person: bool = False) -> bool:
    """Regs 6(1)(g) and 12(3): "in or beyond year 9"; a young person always is."""
    year = year_number(year_group) if year_group else None
    return is_young_person or (year is not None and year >= ADULTHOOD_FROM_YEAR)


def advice_due(requested: date) -> date:
    """Reg 8(1): advice within 6 weeks of the day the body received the LA's request."""
    return add_weeks(requested, ADVICE_WEEKS)


# CFA s51 and Tribunal practice: appeal within 2 months of the decision letter, or 1 month of
# the mediation certificate, whichever is later (reference/statutory.md §1.4 [S], IPSEA FAQ).
APPEAL_MONTHS_FROM_LETTER = 2
APPEAL_MONTHS_FROM_CERTIFICATE = 1


def _past_holiday_break(day: date) -> date:
    """A deadline falling 25 December–1 January, or in August, moves to the next working day
    after that break (reference/statutory.md §1.4 [S], IPSEA FAQ on Tribunal time limits)."""
    if (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1):
        moved = date(day.year + (1 if day.month == 12 else 0), 1, 2)
    elif day.month == 8:
        moved = date(day.year, 9, 1)
    else:
        return day
    while not is_working_day(moved):
        moved = add_days(moved, 1)
    return moved


def appeal_deadline(*, letter_date: date, mediation_certificate: date | None = None) -> date:
    """The last day to register an appeal with the First-tier Tribunal (SEND)."""
    deadline = add_months(letter_date, APPEAL_MONTHS_FROM_LETTER)
    if mediation_certificate is not None:
        deadline = max(deadline, add_months(mediation_certificate, APPEAL_MONTHS_FROM_CERTIFICATE))
    return _past_holiday_break(deadline)


@dataclass(frozen=True)
class NoticeElement:
    key: str
    what: str
    rule: str


# Reg 5(3) (refusal to assess) and reg 10(2) (decision not to issue): what the notice must give.
REFUSAL_NOTICE_ELEMENTS = (
    NoticeElement("reasons", "The reasons for the decision", "CFA 2014 s36(5); reg 10(1)"),
    NoticeElement("right_of_appeal", "The right to appeal to the Tribunal", "reg 5(3)(a)"),
    NoticeElement("appeal_time_limits", "The time limits for appealing", "reg 5(3)(b)"),
    NoticeElement(
        "mediation",
        "Mediation: the information in reg 32, and when a certificate is needed",
        "reg 5(3)(c)",
    ),
    NoticeElement(
        "disagreement_resolution",
        "That disagreement resolution services are available",
        "reg 5(3)(d)",
    ),
    NoticeElement(
        "information_advice_support",
        "That information, advice and support about SEN is available",
        "reg 5(3)(d)",
    ),
)


class Rag(StrEnum):
    """A statutory date's status in a work tray: overdue, due soon, or on time."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


# Not statutory: the work tray warns two weeks ahead, enough to chase a late advice-giver.
AMBER_DAYS = 14


def rag(*, due: date, today: date) -> Rag:
    if due < today:
        return Rag.RED
    if (due - today).days <= AMBER_DAYS:
        return Rag.AMBER
    return Rag.GREEN
