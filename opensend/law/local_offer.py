"""What the Local Offer says about each service, and how often the authority reports back.

Sources: Children and Families Act 2014 s30; SEND Regulations 2014 regs 53-57 and Schedule 2
(reference/statutory.md §5.4). Schedule 2 lists what the Local Offer must contain; para 5
lists, for each provider, its approach to teaching and adapting, extra support, assessing
progress and evaluating the provision, access to facilities and activities, staff expertise,
and emotional, mental and social development. Para 15 covers information, advice and support;
para 17 complaints, disagreement resolution, mediation and appeals. Each service in OpenSEND's
directory answers the questions below, so families can compare like with like.

Reg 56: the authority seeks comments on the offer from children, young people and parents,
and publishes them with its response, including planned action, at least once a year, in a
form that identifies no one. It need not publish or answer comments it considers vexatious,
or that are about the services provided to one person (reg 56(3)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from opensend.law.dates import add_months


@dataclass(frozen=True)
class ServiceQuestion:
    key: str
    question: str
    source: str


SERVICE_QUESTIONS: tuple[ServiceQuestion, ...] = (
    ServiceQuestion(
        "who_for",
        "Who is the service for, and who can use it?",
        "SEND Regulations 2014 reg 53 and Sch 2 para 1",
    ),
    ServiceQuestion(
        "how_to_access",
        "How do families get the service? Is a referral needed?",
        "SEND Regulations 2014 reg 53 and Sch 2",
    ),
    ServiceQuestion(
        "needs_identified",
        "How does the service find out what a child or young person needs?",
        "SEND Regulations 2014 Sch 2 para 5",
    ),
    ServiceQuestion(
        "support_given",
        "What support does the service give, and how is it adapted to each person?",
        "SEND Regulations 2014 Sch 2 para 5",
    ),
    ServiceQuestion(
        "staff_expertise",
        "What training and expertise do the staff have?",
        "SEND Regulations 2014 Sch 2 para 5",
    ),
    ServiceQuestion(
        "involvement",
        "How are children, young people and parents involved in planning the support?",
        "SEND Regulations 2014 Sch 2 para 5",
    ),
    ServiceQuestion(
        "accessibility",
        "How accessible is the service: buildings, information and communication?",
        "SEND Regulations 2014 Sch 2 para 5",
    ),
    ServiceQuestion(
        "moving_on",
        "How does the service help with moving on, and with preparing for adult life?",
        "SEND Regulations 2014 Sch 2",
    ),
    ServiceQuestion(
        "complaints",
        "How can families give feedback or complain?",
        "SEND Regulations 2014 Sch 2 para 17",
    ),
)

SERVICE_QUESTIONS_BY_KEY = {question.key: question for question in SERVICE_QUESTIONS}

# Reg 56(2): comments and the authority's response are published "at least annually".
RESPONSE_EVERY_MONTHS = 12
# The Local Offer is kept under review (CFA 2014 s30(9)); OpenSEND asks providers to confirm
# an entry once a year, so an entry nobody has looked at for 12 months is flagged.
ENTRY_STALE_AFTER_MONTHS = 12


def unanswered_questions(answers: dict[str, str]) -> list[ServiceQuestion]:
    return [q for q in SERVICE_QUESTIONS if not str(answers.get(q.key) or "").strip()]


def response_due(last_published: date) -> date:
    """When the next "You said, we did" must be published (reg 56(2): at least annually)."""
    return add_months(last_published, RESPONSE_EVERY_MONTHS)


def entry_stale_on(confirmed_on: date) -> date:
    """The day an entry last confirmed on `confirmed_on` is flagged as out of date."""
    return add_months(confirmed_on, ENTRY_STALE_AFTER_MONTHS)


# Reg 56(2): published comments must not identify anyone. These are the details a person most
# often writes into a comment about themselves or others; a comment holding one is kept back
# until its published wording is edited.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def identifying_details(text: str) -> list[str]:
    """The kinds of identifying detail in `text`: "an email address", "a phone number",
    "a postcode" (empty when none is found). Names cannot be found by pattern; the authority
    reads each comment before it is published."""
    found = []
    if _EMAIL.search(text):
        found.append("an email address")
    if _PHONE.search(text):
        found.append("a phone number")
    if _POSTCODE.search(text):
        found.append("a postcode")
    return found
