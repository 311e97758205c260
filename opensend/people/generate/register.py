"""A pupil's SEN register history: dated provision periods (N, K, E) and ranked needs.

Plain Python, no Django. The shapes follow the DfE's "Special educational needs in England"
statistics: on SEN support the commonest primary needs are speech and language, SEMH, MLD
and SpLD; with an EHC plan autism leads. Special schools see more severe and profound learning
difficulties, pupil referral units mostly SEMH, nurseries mostly speech and language.
The census rules hold by construction: one open period, needs only while K or E, NSA only
with K and never alongside another need, one primary need, each need once.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from opensend.law.codes import NEED_BY_CODE
from opensend.people.generate.scales import EARLY, MAINSTREAM, PRU, SPECIAL

# Primary need weights, in percent of pupils with that provision in that kind of setting.
# fmt: off
PRIMARY_NEEDS = {
    (MAINSTREAM, "K"): {
        "SLCN": 25, "SEMH": 20, "MLD": 18, "SPLD": 15, "ASD": 7, "NSA": 4, "OTH": 3.5, "PD": 2,
        "HI": 1.5, "VI": 0.8, "SLD": 0.5, "MSI": 0.2, "DS": 0.2, "PMLD": 0.1,
    },
    (MAINSTREAM, "E"): {
        "ASD": 33, "SLCN": 21, "SEMH": 15, "MLD": 6, "SLD": 5, "PD": 4, "SPLD": 3.5, "OTH": 2.5,
        "HI": 2, "DS": 1.5, "PMLD": 1.2, "VI": 1, "MSI": 0.3,
    },
    (SPECIAL, "K"): {"SEMH": 30, "ASD": 25, "SLCN": 20, "MLD": 15, "SPLD": 5, "OTH": 5},
    (SPECIAL, "E"): {
        "ASD": 38, "SLD": 17, "SEMH": 12, "SLCN": 10, "MLD": 8, "PMLD": 6, "PD": 3, "DS": 2.5,
        "OTH": 1.3, "HI": 1, "VI": 0.7, "MSI": 0.5,
    },
    (PRU, "K"): {"SEMH": 75, "SLCN": 8, "ASD": 5, "MLD": 5, "SPLD": 3, "NSA": 2, "OTH": 2},
    (PRU, "E"): {"SEMH": 70, "ASD": 15, "SLCN": 8, "MLD": 5, "OTH": 2},
    (EARLY, "K"): {
        "SLCN": 55, "ASD": 12, "NSA": 10, "SEMH": 8, "PD": 5, "OTH": 5, "HI": 2, "MLD": 2, "VI": 1,
    },
    (EARLY, "E"): {
        "ASD": 40, "SLCN": 20, "PD": 10, "SLD": 10, "PMLD": 8, "DS": 5, "HI": 4, "VI": 3,
    },
}
# fmt: on
SECONDARY_NEED_CHANCE = {"K": 0.2, "E": 0.4}
THIRD_NEED_CHANCE = {"K": 0.0, "E": 0.1}
# How often an EHC plan keeps the primary need recorded on SEN support before it.
KEEPS_NEED_CHANCE = 0.6

# How pupils reached today's provision: (path of provisions, weight). Special schools' pupils
# mostly arrive with a plan; in mainstream a plan usually follows a spell of SEN support.
PATHS = {
    "N": ((("N",), 95), (("N", "K", "N"), 5)),
    "K": ((("K",), 40), (("N", "K"), 60)),
    "E": ((("E",), 20), (("K", "E"), 25), (("N", "K", "E"), 40), (("N", "E"), 15)),
    "E-special": ((("E",), 55), (("K", "E"), 25), (("N", "K", "E"), 20)),
}
REASONS = {
    (None, "N"): "",
    (None, "K"): "Joined on SEN support from the previous setting",
    (None, "E"): "Joined with an EHC plan",
    ("N", "K"): "Needs identified: SEN support agreed with the parents",
    ("K", "E"): "EHC plan issued by the local authority",
    ("N", "E"): "EHC plan issued by the local authority",
    ("K", "N"): "Needs now met without special educational provision",
}


@dataclass(frozen=True)
class Period:
    """One SenStatus row."""

    provision: str
    start: date
    end: date | None
    reason: str


@dataclass
class NeedRow:
    code: str
    rank: int
    start: date
    end: date | None


def sen_history(
    rng: random.Random,
    final: str,
    on_roll: date,
    *,
    changes_from: date,
    changes_to: date,
    special: bool,
) -> list[Period]:
    """The periods from joining the school to today, ending in `final` (the open one).

    Changes happen on school days between a month after joining (and no earlier than
    `changes_from`, the history horizon) and `changes_to`; a pupil who joined too recently
    for any change has today's provision from the day they joined.
    """
    options = PATHS["E-special" if final == "E" and special else final]
    path = rng.choices([p for p, _ in options], weights=[w for _, w in options])[0]
    changes = _change_days(
        rng, len(path) - 1, max(on_roll + timedelta(30), changes_from), changes_to
    )
    if changes is None:
        path, changes = (final,), []
    starts = [on_roll, *changes]
    periods = []
    for index, provision in enumerate(path):
        end = starts[index + 1] - timedelta(days=1) if index + 1 < len(path) else None
        previous = path[index - 1] if index else None
        periods.append(Period(provision, starts[index], end, REASONS[(previous, provision)]))
    return periods


def _change_days(rng: random.Random, count: int, first: date, last: date) -> list[date] | None:
    """`count` distinct weekdays in order between `first` and `last`, or None if none fit."""
    if count == 0:
        return []
    span = (last - first).days
    if span < count * 7:
        return None
    days = sorted(first + timedelta(days=offset) for offset in rng.sample(range(span), count))
    # Registers change on school days: a weekend change is recorded on the Monday.
    days = [
        day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0) for day in days
    ]
    if any(later <= earlier for earlier, later in zip(days, days[1:], strict=False)):
        return None
    return days


def need_rows(rng: random.Random, periods: list[Period], context: str) -> list[NeedRow]:
    """Ranked needs for each K or E period: one primary, and for the open period perhaps more.

    A plan that follows SEN support often keeps the primary need already recorded (the row
    simply stays open); otherwise the old need closes the day the new period starts.
    """
    rows: list[NeedRow] = []
    previous: tuple[Period, NeedRow] | None = None
    for period in periods:
        if period.provision == "N":
            previous = None
            continue
        row = _continued(rng, previous, period) or _new_primary(rng, period, context)
        if row is not None and (not rows or rows[-1] is not row):
            rows.append(row)
        if period.end is None and row is not None and row.code != "NSA":
            rows.extend(_further_needs(rng, period, context, row.code))
        previous = (period, row) if row is not None else None
    return rows


def _continued(rng: random.Random, previous, period: Period) -> NeedRow | None:
    if previous is None:
        return None
    _, row = previous
    if row.code == "NSA" and period.provision != "K":
        return None  # NSA never goes with a plan: the plan's assessment names the need
    if rng.random() >= KEEPS_NEED_CHANCE:
        return None
    row.end = period.end  # same need, the row spans both periods
    return row


def _new_primary(rng: random.Random, period: Period, context: str) -> NeedRow:
    code = _draw_need(rng, context, period.provision, period.start, exclude=())
    return NeedRow(code, 1, period.start, period.end)


def _further_needs(rng: random.Random, period: Period, context: str, primary: str) -> list[NeedRow]:
    rows = []
    if rng.random() < SECONDARY_NEED_CHANCE[period.provision]:
        second = _draw_need(rng, context, period.provision, period.start, exclude=(primary, "NSA"))
        rows.append(NeedRow(second, 2, period.start, None))
        if rng.random() < THIRD_NEED_CHANCE[period.provision]:
            third = _draw_need(
                rng, context, period.provision, period.start, exclude=(primary, second, "NSA")
            )
            rows.append(NeedRow(third, 3, period.start, None))
    return rows


def _draw_need(
    rng: random.Random, context: str, provision: str, on: date, exclude: tuple[str, ...]
) -> str:
    """A need code by the weights for this setting, usable on `on` (Down syndrome from 2025)."""
    weights = PRIMARY_NEEDS[(context, provision)]
    codes = [code for code in weights if code not in exclude and _available(code, on)]
    return rng.choices(codes, weights=[weights[code] for code in codes])[0]


def _available(code: str, on: date) -> bool:
    need = NEED_BY_CODE[code]
    return need.available_from is None or on >= need.available_from
