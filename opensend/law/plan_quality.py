"""Is a plan's provision specific? The checks a caseworker sees while writing Section F.

Section F (special educational provision) is the legally enforceable part of an EHC plan:
"provision must be detailed and specific and should normally be quantified, for example, in
terms of the type, hours and frequency of support and level of expertise" (SEND Code of
Practice 9.69). Tribunals and IPSEA read vague words as no duty at all; IPSEA's list of such
wording is the source of `VAGUE_PHRASES` (reference/peers.md §3, "Plan quality").

These are warnings, not refusals: the caseworker may have a reason, and the law does not ban
words. Each finding says what is wrong and how to put it right.
"""

import re
from dataclasses import dataclass

# (phrase as a regular expression, why it is vague, what to write instead)
VAGUE_PHRASES: tuple[tuple[str, str, str], ...] = (
    (
        r"\baccess to\b",
        "“access to” promises a chance, not the provision",
        "say what is provided, by whom and how often",
    ),
    (r"\bregular(ly)?\b", "“regular” sets no frequency", "say how often, e.g. 3 times a week"),
    (
        r"\bopportunit(y|ies) (for|to)\b",
        "“opportunities for” is not a duty to provide",
        "say what will happen and how often",
    ),
    (
        r"\bas appropriate\b",
        "“as appropriate” leaves it to someone's judgement",
        "say what is needed",
    ),
    (r"\bas (needed|required|necessary)\b", "“as needed” sets no amount", "say how much, and when"),
    (r"\bsupport as needed\b", "“support as needed” sets no amount", "say what support, how much"),
    (r"\bup to\b", "“up to” sets a ceiling, not an amount", "say the amount to be provided"),
    (r"\bwhere possible\b", "“where possible” makes it optional", "say what will be provided"),
    (
        r"\bif (needed|required|necessary)\b",
        "“if needed” makes it optional",
        "say when it is provided",
    ),
    (r"\bsome\b", "“some” sets no amount", "say how much"),
    (
        r"\bmay (benefit|need|require)\b",
        "“may benefit” is advice, not provision",
        "say what is provided",
    ),
    (r"\bencouraged? to\b", "“encouraged to” is not provision", "say what adults will do"),
    (
        r"\bmonitor(ed|ing)?\b(?!.*\b(every|each|weekly|termly|daily|times)\b)",
        "“monitoring” with no frequency",
        "say who monitors, how and how often",
    ),
)

_COMPILED = tuple((re.compile(p, re.IGNORECASE), why, fix) for p, why, fix in VAGUE_PHRASES)


@dataclass(frozen=True)
class Finding:
    field: str  # which part of the provision line: "what", "who", "how_often", "how_long", ...
    problem: str
    fix: str
    rule: str = "SEND Code of Practice 9.69: provision must be detailed, specific and quantified"


def vague_wording(text: str, *, field: str = "what") -> list[Finding]:
    """Each vague phrase in `text`, once, in the order the list gives them."""
    findings = []
    for pattern, why, fix in _COMPILED:
        if pattern.search(text or ""):
            findings.append(Finding(field=field, problem=why, fix=fix))
    return findings


# A frequency needs a number or a word that is one ("daily", "weekly", "termly", "each").
_FREQUENCY = re.compile(
    r"\d|\b(once|twice|daily|weekly|fortnightly|monthly|termly|every|each|per|a day|a week)\b",
    re.IGNORECASE,
)


def provision_findings(
    *, what: str, who: str, how_often: str, how_long: str, outcome_count: int
) -> list[Finding]:
    """What a Section F line lacks: who, what, how often, for how long, an outcome it serves,
    and words that make it vague (CoP 9.69; the issue's "who, what, how often, how long")."""
    findings: list[Finding] = []
    if not (what or "").strip():
        findings.append(Finding("what", "It does not say what the provision is", "say what it is"))
    if not (who or "").strip():
        findings.append(
            Finding("who", "It does not say who provides it", "name the role and expertise")
        )
    if not (how_often or "").strip():
        findings.append(
            Finding("how_often", "It does not say how often", "for example, 3 × 30 minutes a week")
        )
    elif not _FREQUENCY.search(how_often):
        findings.append(
            Finding(
                "how_often",
                "How often is not a number or a frequency",
                "for example, daily, or 2 sessions a week",
            )
        )
    if not (how_long or "").strip():
        findings.append(
            Finding(
                "how_long",
                "It does not say for how long",
                "for example, until the next annual review, or 1 term",
            )
        )
    if outcome_count == 0:
        findings.append(
            Finding(
                "outcomes",
                "It is not linked to any outcome in Section E",
                "link it to the outcome it helps the child reach",
                rule="SEND Code of Practice 9.69: provision is linked to outcomes",
            )
        )
    for field, text in (("what", what), ("who", who), ("how_often", how_often)):
        findings.extend(vague_wording(text, field=field))
    return findings
