"""The DfE's SEN codes for the school census, and the rules an importer checks them against.

Source: reference/statutory.md §6 (school census SEN provision and SEN type codes, collected in
the CBDS / school census specifications). The census counts every pupil as E, K or N.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class BroadArea(StrEnum):
    """The four broad areas of need, SEND Code of Practice 6.28–6.35."""

    COMMUNICATION = "Communication and interaction"
    COGNITION = "Cognition and learning"
    SEMH = "Social, emotional and mental health"
    SENSORY_PHYSICAL = "Sensory and/or physical needs"
    OTHER = "Other"


@dataclass(frozen=True)
class ProvisionCode:
    code: str
    meaning: str
    status: str  # "current" or "legacy"
    # The first census date on which a legacy code is no longer accepted.
    ended: date | None = None
    note: str = ""


@dataclass(frozen=True)
class NeedType:
    code: str
    description: str
    broad_area: BroadArea
    status: str = "current"
    # The first census date on which the code may be used, and, for legacy codes, the first on
    # which it may not.
    available_from: date | None = None
    ended: date | None = None
    note: str = ""


# The 2014 reforms took effect on 1 September 2014 (CFA 2014 Part 3; SEND CoP 2014), when SEN
# support (K) replaced School Action (A) and School Action Plus (P), and SEMH replaced BESD.
REFORMS_START = date(2014, 9, 1)
# Transitional order SI 2014/2270 art. 14(5): every statement transferred before 1 April 2018.
STATEMENTS_END = date(2018, 4, 1)
# Down syndrome became a separate SEN type from the January 2025 census (DfE, 19 Jan 2024).
DOWN_SYNDROME_FROM = date(2025, 1, 1)

SEN_PROVISION = [
    ProvisionCode("E", "Education, health and care plan", "current"),
    ProvisionCode("K", "SEN support", "current", note="Replaced A and P from 2014/15"),
    ProvisionCode("N", "No special educational need", "current"),
    ProvisionCode("S", "Statement of special educational needs", "legacy", STATEMENTS_END),
    ProvisionCode("A", "School Action or Early Years Action", "legacy", REFORMS_START),
    ProvisionCode("P", "School Action Plus or Early Years Action Plus", "legacy", REFORMS_START),
]

NEED_TYPES = [
    NeedType("SPLD", "Specific learning difficulty", BroadArea.COGNITION),
    NeedType("MLD", "Moderate learning difficulty", BroadArea.COGNITION),
    NeedType("SLD", "Severe learning difficulty", BroadArea.COGNITION),
    NeedType("PMLD", "Profound and multiple learning difficulty", BroadArea.COGNITION),
    NeedType("SEMH", "Social, emotional and mental health", BroadArea.SEMH),
    NeedType("SLCN", "Speech, language and communication needs", BroadArea.COMMUNICATION),
    NeedType("ASD", "Autistic spectrum disorder", BroadArea.COMMUNICATION),
    NeedType("HI", "Hearing impairment", BroadArea.SENSORY_PHYSICAL),
    NeedType("VI", "Vision impairment", BroadArea.SENSORY_PHYSICAL),
    NeedType("MSI", "Multi-sensory impairment", BroadArea.SENSORY_PHYSICAL),
    NeedType("PD", "Physical disability", BroadArea.SENSORY_PHYSICAL),
    # The census code value for Down syndrome is not confirmed in our sources
    # (reference/statutory.md, open question 7): "DS" is our reading. Check it against the
    # current CBDS before a census return.
    NeedType(
        "DS",
        "Down syndrome",
        BroadArea.COGNITION,
        available_from=DOWN_SYNDROME_FROM,
        note="Separate type from the January 2025 census",
    ),
    NeedType("OTH", "Other difficulty or disability", BroadArea.OTHER),
    NeedType(
        "NSA",
        "SEN support but no specialist assessment of type of need",
        BroadArea.OTHER,
        note="Only for pupils on SEN support (K)",
    ),
    NeedType(
        "BESD",
        "Behaviour, emotional and social difficulty",
        BroadArea.SEMH,
        status="legacy",
        ended=REFORMS_START,
        note="Replaced by SEMH from 2014/15",
    ),
]

PROVISION_BY_CODE = {item.code: item for item in SEN_PROVISION}
NEED_BY_CODE = {item.code: item for item in NEED_TYPES}

CENSUS_RULES = [
    "Every pupil is recorded as E, K or N; S, A and P are not accepted after they ended.",
    "Types of need are recorded only for pupils coded E or K.",
    "NSA (no specialist assessment) is only for pupils on SEN support (K).",
    "At most one need is ranked 1 (the primary need); each need appears once.",
    "A type of need can only be used from the census it was introduced in.",
]


@dataclass(frozen=True)
class CensusProblem:
    field: str
    message: str


def census_check(
    *, provision: str, needs: list[tuple[str, int]], census_date: date
) -> list[CensusProblem]:
    """Everything wrong with one pupil's SEN record for a census on `census_date`.

    An empty list means the record would pass. Importers and the register use this so that a
    SENCO hears about a problem when they type it, not when the census return bounces.
    """
    problems: list[CensusProblem] = []
    code = provision.strip().upper()
    known = PROVISION_BY_CODE.get(code)
    if known is None:
        problems.append(CensusProblem("provision", f"{provision!r} is not an SEN provision code"))
    elif known.ended and census_date >= known.ended:
        problems.append(
            CensusProblem(
                "provision",
                f"{code} ({known.meaning}) is no longer used: "
                f"not accepted from {known.ended.day} {known.ended:%B %Y}",
            )
        )
    if needs and code not in {"E", "K"}:
        problems.append(
            CensusProblem("needs", "Types of need are recorded only for pupils coded E or K")
        )
    problems.extend(_need_problems(needs, code, census_date))
    return problems


def _need_problems(needs, provision: str, census_date: date) -> list[CensusProblem]:
    problems = []
    seen = set()
    for need_code, rank in needs:
        need = NEED_BY_CODE.get(need_code.strip().upper())
        if need is None:
            problems.append(CensusProblem("needs", f"{need_code!r} is not a type of need code"))
            continue
        if need.code in seen:
            problems.append(CensusProblem("needs", f"{need.code} is recorded more than once"))
        seen.add(need.code)
        if need.code == "NSA" and provision != "K":
            problems.append(CensusProblem("needs", "NSA is only for pupils on SEN support (K)"))
        if need.ended and census_date >= need.ended:
            problems.append(CensusProblem("needs", f"{need.code} is no longer used: {need.note}"))
        if need.available_from and census_date < need.available_from:
            problems.append(
                CensusProblem(
                    "needs",
                    f"{need.code} can only be used from {need.available_from:%B %Y}",
                )
            )
        if not isinstance(rank, int) or rank < 1:
            problems.append(CensusProblem("needs", f"{need.code} has rank {rank!r}: use 1, 2, …"))
    if sum(1 for _, rank in needs if rank == 1) > 1:
        problems.append(CensusProblem("needs", "Only one need can be ranked 1 (the primary need)"))
    return problems


@dataclass(frozen=True)
class Codes:
    sen_provision: list[ProvisionCode]
    need_types: list[NeedType]
    census_rules: list[str]


def codes() -> Codes:
    return Codes(sen_provision=SEN_PROVISION, need_types=NEED_TYPES, census_rules=CENSUS_RULES)
