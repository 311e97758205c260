"""Small-number suppression for the governors' dashboard (DESIGN "Who sees what").

Governors see aggregates only, and a count from 1 to 4 is shown as "fewer than 5", because a
small group of children in one school can be recognised from it. The threshold and the primary
rule are the register's (`opensend.people.selectors._suppress`), so every page hides the same
numbers. Two more rules close the ways round it:

1. **Subtraction.** Where a group of counts is shown with its total (the pupils on SEN support
   and with plans, and the register's total), a single hidden count could be worked out as the
   total minus the others. So when exactly one count in a group is hidden, the next smallest
   non-zero count in it is hidden too. (A group whose only non-zero count is hidden has a total
   under 5, which is hidden itself.) Zero is always shown: it identifies nobody.
2. **Percentages.** A percentage is hidden when its part, its whole or the rest (whole minus
   part) is from 1 to 4, or when its part is hidden: otherwise 75% of 8 gives back the 2.
"""

from collections.abc import Sequence

from opensend.core.report_pages import SUPPRESSED, percent_text
from opensend.people.selectors import SMALL_NUMBER_THRESHOLD, _suppress

NOT_SHOWN = "not shown"  # a percentage that would give a small count away
HIDDEN_NOTE = (
    f"Numbers from 1 to {SMALL_NUMBER_THRESHOLD - 1} are shown as \u201c{SUPPRESSED}\u201d, "
    "so that no child can be recognised from them."
)


def is_small(count: int) -> bool:
    return _suppress(count) is None


def suppress_group(counts: Sequence[int]) -> list[int | None]:
    """The counts of one group (shown with its total) with the small ones hidden (None), and
    the next smallest non-zero one too when only one would be (rule 1 above)."""
    shown: list[int | None] = [_suppress(count) for count in counts]
    hidden = [index for index, value in enumerate(shown) if value is None]
    if len(hidden) == 1:
        others = [(count, index) for index, count in enumerate(counts) if shown[index]]
        if others:
            shown[min(others)[1]] = None
    return shown


def shown_count(value: int | None) -> int | str:
    """A count as a governor sees it: the number, or "fewer than 5"."""
    return SUPPRESSED if value is None else value


def shown_total(total: int) -> int | str:
    return shown_count(_suppress(total))


def shown_percent(part: int, whole: int, *, part_hidden: bool = False) -> str:
    """`percent_text`, or "not shown" when the percentage would give a small count away."""
    if part_hidden or any(is_small(n) for n in (part, whole, whole - part)):
        return NOT_SHOWN
    return percent_text(part, whole)
