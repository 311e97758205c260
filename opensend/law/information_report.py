"""What a school's SEN information report must say, and when it must be published again.

Sources: Children and Families Act 2014 s69(2)-(3); SEND Regulations 2014 reg 51 and
Schedule 1; SEND Code of Practice 6.79-6.83 (reference/statutory.md §5.2). Every maintained
school, maintained nursery and academy publishes the report on its website and updates it at
least once a year. Items 2 and 4 of Schedule 1 apply to mainstream schools and maintained
nurseries only (a special school need not name a SENCO there, nor publish identification
policies). The report describes how the SEN policy is carried out; it may be part of that
policy, and it points families to the local authority's Local Offer rather than repeating it
(Sch 1 para 13).

Item 3 of Schedule 1 has seven parts, (a) to (g): each is its own item here, so the
completeness check can say exactly which part is still to write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from opensend.law.dates import add_months


@dataclass(frozen=True)
class ReportItem:
    key: str
    number: str  # as the schedule numbers it: "1", "3(a)", "s69(3)(a)"
    question: str  # the item, as a plain-English question the school answers
    source: str
    mainstream_only: bool = False
    hint: str = ""


def _sch1(number: str, key: str, question: str, *, mainstream_only=False, hint="") -> ReportItem:
    return ReportItem(
        key,
        number,
        question,
        f"SEND Regulations 2014 Sch 1 para {number}",
        mainstream_only,
        hint,
    )


ITEMS: tuple[ReportItem, ...] = (
    _sch1("1", "kinds_of_sen", "Which kinds of special educational needs do you provide for?"),
    _sch1(
        "2",
        "identification",
        "How do you identify and assess pupils with special educational needs?",
        mainstream_only=True,
    ),
    _sch1(
        "3(a)",
        "evaluating_provision",
        "How do you evaluate how well your provision for pupils with SEN works?",
        hint="Say this for pupils with and without an EHC plan.",
    ),
    _sch1("3(b)", "assessing_progress", "How do you assess and review pupils' progress?"),
    _sch1("3(c)", "teaching", "What is your approach to teaching pupils with SEN?"),
    _sch1(
        "3(d)",
        "adaptations",
        "How do you adapt the curriculum and the learning environment?",
    ),
    _sch1(
        "3(e)",
        "additional_support",
        "What additional support for learning is available?",
        hint="For example, the interventions you run.",
    ),
    _sch1(
        "3(f)",
        "activities",
        "How do pupils with SEN take part in school activities, including physical activities, "
        "alongside other pupils?",
    ),
    _sch1(
        "3(g)",
        "wellbeing",
        "What support is there for pupils' emotional, mental and social development?",
    ),
    _sch1(
        "4",
        "senco",
        "Who is your SENCO, and how can parents contact them?",
        mainstream_only=True,
    ),
    _sch1(
        "5",
        "expertise",
        "What expertise and training do your staff have in SEN, and how do you secure "
        "specialist expertise?",
    ),
    _sch1(
        "6",
        "equipment",
        "How do you secure equipment and facilities for pupils with SEN?",
    ),
    _sch1(
        "7",
        "parents",
        "How do you consult parents of children with SEN and involve them in their child's "
        "education?",
    ),
    _sch1(
        "8",
        "young_people",
        "How do you consult pupils with SEN and involve them in their education?",
    ),
    _sch1(
        "9",
        "complaints",
        "How can parents complain about the SEN provision, and how do governors handle it?",
    ),
    _sch1(
        "10",
        "partners",
        "How do governors involve health, social care, local authority support services and "
        "voluntary organisations in meeting pupils' needs and supporting their families?",
    ),
    _sch1(
        "11",
        "support_services",
        "How can parents contact support services, including the local information, advice "
        "and support service (SENDIASS)?",
    ),
    _sch1(
        "12",
        "transitions",
        "How do you support pupils moving between phases of education and preparing for adulthood?",
    ),
    _sch1(
        "13",
        "local_offer",
        "Where is the local authority's Local Offer published?",
        hint="A link is enough: the report points to the Local Offer, it does not repeat it.",
    ),
    # CFA 2014 s69(3)(a)-(c) and Equality Act 2010 Sch 10 para 3: the disability information
    # a school publishes alongside the report.
    ReportItem(
        "disabled_admissions",
        "s69(3)(a)",
        "How do you admit disabled pupils?",
        "Children and Families Act 2014 s69(3)(a)",
    ),
    ReportItem(
        "equal_treatment",
        "s69(3)(b)",
        "What do you do to stop disabled pupils being treated less favourably than others?",
        "Children and Families Act 2014 s69(3)(b)",
    ),
    ReportItem(
        "access_facilities",
        "s69(3)(c)",
        "What facilities help disabled pupils get into and around the school, and what is in "
        "your accessibility plan?",
        "Children and Families Act 2014 s69(3)(c); Equality Act 2010 Sch 10 para 3",
    ),
)

ITEMS_BY_KEY: dict[str, ReportItem] = {item.key: item for item in ITEMS}

# CoP 6.79: the report is updated at least annually.
REPUBLISH_EVERY_MONTHS = 12
# A reminder goes this long before the year is up, so there is time to check it.
REMINDER_MONTHS_BEFORE = 1


def items_for(*, mainstream: bool) -> tuple[ReportItem, ...]:
    """The items a school must answer: all of them, less 2 and 4 for a special school."""
    return tuple(item for item in ITEMS if mainstream or not item.mainstream_only)


def missing_items(answers: Mapping[str, str], *, mainstream: bool) -> list[ReportItem]:
    """The items with no answer yet, in the schedule's order (blank or spaces only count)."""
    return [
        item
        for item in items_for(mainstream=mainstream)
        if not str(answers.get(item.key) or "").strip()
    ]


def is_complete(answers: Mapping[str, str], *, mainstream: bool) -> bool:
    return not missing_items(answers, mainstream=mainstream)


def next_publication_due(published_on: date) -> date:
    """The day by which the report must be published again (CoP 6.79: at least annually)."""
    return add_months(published_on, REPUBLISH_EVERY_MONTHS)


def reminder_due(published_on: date) -> date:
    return add_months(published_on, REPUBLISH_EVERY_MONTHS - REMINDER_MONTHS_BEFORE)
