"""The council's localities (issue 12: figures "by area"): every school gets one.

Councils divide their area into three or four locality teams and name them plainly ("North",
"Central", "Coastal", "Rural East"). A school's locality is chosen from its place in the
council's list of schools, never drawn: adding areas moved no random stream, so every id and
name the generator makes stays the same.
"""

# Each council in turn takes the next set (a council's set depends only on its place in the
# plan, so the same scale always names the same localities).
LOCALITY_SETS = (
    ("North", "Central", "Coastal", "Rural East"),
    ("City Centre", "East", "West"),
    ("North West", "South", "Rural East", "Town"),
    ("Central", "Valley", "Coastal"),
)


def localities(la_index: int) -> tuple[str, ...]:
    """The locality names of the council at `la_index` in the plan."""
    return LOCALITY_SETS[la_index % len(LOCALITY_SETS)]


def area_for(la_index: int, school_index: int) -> str:
    """The locality of a council's `school_index`-th school: schools are dealt round the
    localities in turn, so each has a share and neighbouring URNs spread over them."""
    names = localities(la_index)
    return names[school_index % len(names)]
