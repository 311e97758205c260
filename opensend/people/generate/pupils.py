"""One school's pupils: names, dates of birth, UPNs, when they joined, register and family.

Plain Python, no Django: everything is drawn from the one seeded generator, in a fixed order,
so a seed always gives the same pupils. Pupils on K and E are chosen per school to the
school's calibrated rates, weighted by age (few plans in Reception, most by the junior years).
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from opensend.law.upn import upn_check_letter
from opensend.people.generate import names
from opensend.people.generate.dates import (
    YEAR_GROUPS,
    age_in_year_group,
    birth_window,
    random_day,
    school_day_on_or_after,
)
from opensend.people.generate.register import NeedRow, Period, need_rows, sen_history
from opensend.people.generate.scales import SPECIAL, LaPlan, SchoolPlan, split_counts

# Smaller cohorts after 16 and in nursery; PRUs fill up towards Year 11.
YEAR_WEIGHTS = {"N1": 0.6, "12": 0.65, "13": 0.6, "14": 0.3}
PRU_YEAR_WEIGHTS = {"7": 0.4, "8": 0.7, "9": 1.0, "10": 1.3, "11": 1.4}
LIVES_IN_ANOTHER_LA = 0.03
MOVED_MID_YEAR = 0.06


def _plan_age_weight(age: int) -> float:
    # Plans are rare before school and grow through the primary years.
    return {2: 0.3, 3: 0.4, 4: 0.5, 5: 0.7, 6: 0.85}.get(age, 0.9 if age >= 16 else 1.0)


def _support_age_weight(age: int) -> float:
    # SEN support peaks in the junior and early secondary years.
    if age <= 5:
        return {2: 0.7, 3: 0.7, 4: 0.6, 5: 0.85}[age]
    return 1.1 if age <= 11 else 0.95 if age <= 15 else 0.6


@dataclass(frozen=True)
class Carer:
    """One ParentLink row."""

    full_name: str
    email: str
    relationship: str
    parental_responsibility: bool = True
    has_care: bool = True
    access_restricted: bool = False
    restriction_note: str = ""


@dataclass
class Pupil:
    upn: str
    first_name: str
    last_name: str
    date_of_birth: date
    year_group: str
    home_la: LaPlan
    on_roll: date
    periods: list[Period]
    needs: list[NeedRow]
    carers: list[Carer]


class UpnAllocator:
    """Hands out UPNs: LA code, school number, two-digit year, then a serial per school-year.

    `reserved` holds UPNs already in use (the named demo children's), which are skipped.
    """

    def __init__(self, reserved: set[str]):
        self.reserved = reserved
        self.next_serial: dict[tuple[str, str, int], int] = defaultdict(lambda: 1)

    def allocate(self, la_code: str, school_numbers: list[str], year: int) -> str:
        for school_number in school_numbers:
            key = (la_code, school_number, year % 100)
            while self.next_serial[key] <= 999:
                serial = self.next_serial[key]
                self.next_serial[key] += 1
                body = f"{la_code}{school_number}{year % 100:02d}{serial:03d}"
                upn = upn_check_letter(body) + body
                if upn not in self.reserved:
                    return upn
        raise ValueError(f"No UPN serials left for LA {la_code} in {year}")


@dataclass
class Context:
    """What every pupil of the run shares."""

    academic_year: int
    las: list[LaPlan]
    primaries: dict[str, list[str]]  # LA key -> primary school numbers (where UPNs start)
    upns: UpnAllocator
    history_from: date  # register changes go back no further than this

    @property
    def changes_to(self) -> date:
        # Changes are dated before this academic year, so nothing is in the future on any day
        # of it; the open period is therefore today's status all year.
        return date(self.academic_year, 7, 20)


def school_pupils(rng: random.Random, school: SchoolPlan, ctx: Context):
    """Yield the school's pupils, youngest year group first."""
    year_groups = _year_groups(school)
    finals = _provisions(rng, school, year_groups)
    for year_group, final in zip(year_groups, finals, strict=True):
        yield _pupil(rng, school, year_group, final, ctx)


def _year_groups(school: SchoolPlan) -> list[str]:
    """The year group of each pupil, the school's size shared over its years by cohort size."""
    weights = PRU_YEAR_WEIGHTS if school.kind.key == "pru" else YEAR_WEIGHTS
    years = school.kind.years
    counts = split_counts(school.size, [weights.get(year, 1.0) for year in years])
    return [year for year, count in zip(years, counts, strict=True) for _ in range(count)]


def _provisions(rng: random.Random, school: SchoolPlan, year_groups: list[str]) -> list[str]:
    """E, K or N for each pupil: the school's rate, chosen by weighted sampling over ages."""
    n = len(year_groups)
    e_count = min(n, _round(rng, n * school.e_rate))
    k_count = min(n - e_count, _round(rng, n * school.k_rate))
    ages = [age_in_year_group(year) for year in year_groups]
    chosen_e = _weighted_sample(rng, range(n), [_plan_age_weight(a) for a in ages], e_count)
    rest = [i for i in range(n) if i not in chosen_e]
    chosen_k = _weighted_sample(rng, rest, [_support_age_weight(ages[i]) for i in rest], k_count)
    return ["E" if i in chosen_e else "K" if i in chosen_k else "N" for i in range(n)]


def _round(rng: random.Random, value: float) -> int:
    """Round up with probability equal to the fraction, so small schools average out right."""
    whole = int(value)
    return whole + (rng.random() < value - whole)


def _weighted_sample(rng: random.Random, items, weights: list[float], count: int) -> set[int]:
    # Efraimidis–Spirakis: each item's key is u^(1/w); the `count` largest keys are the sample.
    keyed = sorted(
        ((rng.random() ** (1 / w), item) for item, w in zip(items, weights, strict=True)),
        reverse=True,
    )
    return {item for _, item in keyed[:count]}


def _pupil(
    rng: random.Random, school: SchoolPlan, year_group: str, final: str, ctx: Context
) -> Pupil:
    pool = _pool(rng)
    first_name, last_name = _first_name(rng, pool, rng.random() < 0.5), _surname(rng, pool)
    born = random_day(rng, *birth_window(year_group, ctx.academic_year))
    on_roll = _on_roll(rng, school, year_group, ctx.academic_year)
    periods = sen_history(
        rng,
        final,
        on_roll,
        changes_from=ctx.history_from,
        changes_to=ctx.changes_to,
        special=school.kind.need_context == SPECIAL,
    )
    upn = _upn(rng, school, year_group, ctx)
    home_la = _home_la(rng, school, ctx)
    return Pupil(
        upn=upn,
        first_name=first_name,
        last_name=last_name,
        date_of_birth=born,
        year_group=year_group,
        home_la=home_la,
        on_roll=on_roll,
        periods=periods,
        needs=need_rows(rng, periods, school.kind.need_context),
        # The LA a looked-after child lives in is their corporate parent.
        carers=family(rng, last_name, pool, home_la),
    )


def _pool(rng: random.Random) -> str:
    return rng.choices(names.POOL_NAMES, weights=names.POOL_WEIGHTS)[0]


def _first_name(rng: random.Random, pool: str, female: bool) -> str:
    # Mostly from the family's own pool; some parents choose a name from another tradition.
    if rng.random() < 0.1:
        pool = _pool(rng)
    _, girls, boys, _ = names.NAME_POOLS[pool]
    return rng.choice(girls if female else boys)


def _surname(rng: random.Random, pool: str) -> str:
    surnames = names.NAME_POOLS[pool][3]
    if rng.random() < 0.03:
        return f"{rng.choice(surnames)}-{rng.choice(surnames)}"
    return rng.choice(surnames)


def _on_roll(rng: random.Random, school: SchoolPlan, year_group: str, year: int) -> date:
    """When the pupil joined: usually the September of the school's entry year."""
    years_here = YEAR_GROUPS.index(year_group) - YEAR_GROUPS.index(school.kind.years[0])
    if school.kind.entry == "recent":
        # Pupil referral units take pupils in year for a term or a year or two.
        return school_day_on_or_after(random_day(rng, date(year - 1, 9, 1), date(year, 7, 15)))
    if school.kind.entry == "any":
        years_here = rng.randint(0, years_here)
    joined = date(year - years_here, 9, 1)
    if years_here and rng.random() < MOVED_MID_YEAR:
        joined = school_day_on_or_after(random_day(rng, joined, date(year, 7, 15)))
    return joined


def _upn(rng: random.Random, school: SchoolPlan, year_group: str, ctx: Context) -> str:
    """A UPN from the school where the pupil started: their primary, for older pupils."""
    candidates = [school.school_number]
    primaries = ctx.primaries.get(school.la.key)
    if school.kind.upn_from_primary and primaries:
        candidates.insert(0, rng.choice(primaries))
    years_at_school = max(0, YEAR_GROUPS.index(year_group) - YEAR_GROUPS.index("R"))
    return ctx.upns.allocate(school.la.la_code, candidates, ctx.academic_year - years_at_school)


def _home_la(rng: random.Random, school: SchoolPlan, ctx: Context) -> LaPlan:
    # A few pupils cross the border to school: they live in (and are the duty of) another LA.
    if len(ctx.las) > 1 and rng.random() < LIVES_IN_ANOTHER_LA:
        return rng.choice([la for la in ctx.las if la is not school.la])
    return school.la


RESTRICTION_NOTES = (
    "Prohibited steps order: no access to the child's records",
    "Non-molestation order: do not share the address or school details",
    "Court order on file: no information to be shared with this parent",
)
LOOKED_AFTER_NOTE = "Child is looked after: placement details are not shared"


def family(rng: random.Random, surname: str, pool: str, la: LaPlan) -> list[Carer]:
    """The child's parents and carers: usually one or two parents; some foster or kin carers."""
    draw = rng.random()
    if draw < 0.015:
        return _looked_after(rng, la)
    if draw < 0.03:
        return _kinship(rng, surname, pool)
    if draw < 0.04:
        return [_person(rng, surname, pool, "special_guardian", rng.random() < 0.7)]
    return _parents(rng, surname, pool)


def _looked_after(rng: random.Random, la: LaPlan) -> list[Carer]:
    # A foster carer has care but not parental responsibility; the LA shares PR (CA 1989 s33),
    # and a birth parent keeps PR but, here, no access to where the child now lives.
    carers = [
        _person(rng, "", _pool(rng), "foster_carer", rng.random() < 0.7, responsibility=False),
        Carer(la.name, "", "corporate_parent", has_care=False),
    ]
    if rng.random() < 0.4:
        parent = _person(rng, "", _pool(rng), "mother", True, has_care=False)
        carers.append(_restricted(parent, LOOKED_AFTER_NOTE))
    return carers


def _kinship(rng: random.Random, surname: str, pool: str) -> list[Carer]:
    # A grandparent bringing the child up, with a child arrangements order half the time.
    carer = _person(
        rng, surname, pool, "kinship_carer", rng.random() < 0.7, responsibility=rng.random() < 0.5
    )
    if rng.random() < 0.5:
        return [carer, _person(rng, surname, pool, "mother", True, has_care=False)]
    return [carer]


def _parents(rng: random.Random, surname: str, pool: str) -> list[Carer]:
    if rng.random() < 0.38:
        return [_person(rng, surname, pool, "mother" if rng.random() < 0.82 else "father", None)]
    draw = rng.random()
    pair = (
        ("mother", "father")
        if draw < 0.85
        else ("mother", "step_parent")
        if draw < 0.93
        else ("mother", "mother")
        if draw < 0.96
        else ("father", "step_parent")
        if draw < 0.99
        else ("father", "father")
    )
    first = _person(rng, surname, pool, pair[0], None)
    # Most couples share an origin; some do not.
    second_pool = pool if rng.random() < 0.85 else _pool(rng)
    # Some parents live apart: the second keeps PR without day-to-day care; a step-parent has
    # care without PR unless a court gave it.
    step = pair[1] == "step_parent"
    second = _person(
        rng,
        surname,
        second_pool,
        pair[1],
        None,
        responsibility=not step,
        has_care=step or rng.random() < 0.8,
    )
    if not step and rng.random() < 0.012:
        second = _restricted(second, rng.choice(RESTRICTION_NOTES))
    return [first, second]


def _restricted(carer: Carer, note: str) -> Carer:
    return Carer(
        carer.full_name,
        carer.email,
        carer.relationship,
        carer.parental_responsibility,
        False,
        access_restricted=True,
        restriction_note=note,
    )


def _person(
    rng: random.Random,
    surname: str,
    pool: str,
    relationship: str,
    female: bool | None,
    *,
    responsibility: bool = True,
    has_care: bool = True,
) -> Carer:
    """A named adult; most share the child's surname, and most have given an email address."""
    if female is None:
        female = relationship == "mother" or (relationship == "step_parent" and rng.random() < 0.3)
    first = _first_name(rng, pool, female)
    last = surname if surname and rng.random() < 0.75 else _surname(rng, pool)
    email = ""
    if rng.random() < 0.65:
        local = "".join(c for c in f"{first}.{last}".lower() if c.isalnum() or c == ".")
        email = f"{local}{rng.randint(1, 99)}@example.org"
    return Carer(f"{first} {last}", email, relationship, responsibility, has_care)
