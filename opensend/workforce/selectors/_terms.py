"""What the SENCO time page and the workload view both say about a term: its order, its name
as schools say it, and pupils per SENCO hour, so the two pages never disagree."""

from decimal import ROUND_HALF_UP, Decimal

from opensend.organisations.models import TermName

TERM_ORDER = {TermName.AUTUMN: 0, TermName.SPRING: 1, TermName.SUMMER: 2}
TERM_LABELS = dict(TermName.choices)
ONE_PLACE = Decimal("0.1")


def term_label(academic_year: int, term: str) -> str:
    """ "Autumn 2026", "Spring 2027": the calendar year the term falls in, as schools say it."""
    year = academic_year if term == TermName.AUTUMN else academic_year + 1
    return f"{TERM_LABELS.get(term, term.title())} {year}"


def per_hour(pupils: int, hours) -> Decimal | None:
    """Pupils per SENCO hour to one decimal place; None when no SENCO time is recorded."""
    if not hours:
        return None
    return (Decimal(pupils) / Decimal(hours)).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)
