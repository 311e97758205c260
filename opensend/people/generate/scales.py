"""What each scale makes: local authorities, schools of each kind and their sizes, register rates.

Plain Python, no Django. The plan is drawn before any pupil, so sizes and SEN rates can be
calibrated for the whole run: special schools are mostly E whatever the scale, and mainstream
rates are set so the whole run lands on the scale's share of pupils on K and E.
"""

import random
import uuid
from dataclasses import dataclass, field

from opensend.people.generate import names

MAINSTREAM, SPECIAL, PRU, EARLY = "mainstream", "special", "pru", "early"


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID from the seeded generator, so ids repeat exactly with the seed."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


@dataclass(frozen=True)
class SchoolKind:
    """A kind of school as the census sees it: phase, year groups, usual size, usual types."""

    key: str
    phase: str
    years: tuple[str, ...]
    size: tuple[int, int, int]  # low, high, most common (a triangular spread: skewed)
    types: tuple[tuple[str, float], ...]
    suffixes: tuple[str, ...]
    # Settings whose register does not follow mainstream schools get fixed (K, E) shares.
    fixed_rates: tuple[float, float] | None = None
    need_context: str = MAINSTREAM
    # Where pupils' UPNs were first given: their primary school, unless they started here.
    upn_from_primary: bool = False
    # "standard": everyone joined in the entry year; "any": at any age; "recent": this year or last.
    entry: str = "standard"


PRIMARY_YEARS = ("R", "1", "2", "3", "4", "5", "6")
KINDS = {
    kind.key: kind
    for kind in [
        SchoolKind(
            "primary",
            "primary",
            PRIMARY_YEARS,
            (150, 520, 210),
            (
                ("community", 0.35),
                ("academy", 0.4),
                ("voluntary_aided", 0.1),
                ("voluntary_controlled", 0.08),
                ("foundation", 0.04),
                ("free_school", 0.03),
            ),
            ("Primary School",),
        ),
        SchoolKind(
            "secondary",
            "secondary",
            ("7", "8", "9", "10", "11"),
            (850, 1550, 1000),
            (
                ("academy", 0.75),
                ("community", 0.08),
                ("foundation", 0.09),
                ("voluntary_aided", 0.05),
                ("free_school", 0.03),
            ),
            ("High School", "Academy", "School", "Community College"),
            upn_from_primary=True,
        ),
        SchoolKind(
            "secondary_sixth",
            "secondary",
            ("7", "8", "9", "10", "11", "12", "13"),
            (950, 1650, 1150),
            (("academy", 0.8), ("foundation", 0.1), ("voluntary_aided", 0.1)),
            ("High School", "Academy", "School"),
            upn_from_primary=True,
        ),
        SchoolKind(
            "all_through",
            "all_through",
            (*PRIMARY_YEARS, "7", "8", "9", "10", "11", "12", "13"),
            (900, 1900, 1250),
            (("academy", 0.8), ("free_school", 0.2)),
            ("All-Through School", "Academy"),
        ),
        SchoolKind(
            "special",
            "not_applicable",
            (*PRIMARY_YEARS, "7", "8", "9", "10", "11", "12", "13", "14"),
            (80, 150, 100),
            (("community_special", 0.5), ("academy_special", 0.4), ("non_maintained_special", 0.1)),
            ("School", "Academy"),
            fixed_rates=(0.06, 0.92),
            need_context=SPECIAL,
            entry="any",
        ),
        SchoolKind(
            "pru",
            "not_applicable",
            ("7", "8", "9", "10", "11"),
            (20, 60, 35),
            (("pupil_referral_unit", 1.0),),
            ("Centre", "Pupil Referral Unit"),
            fixed_rates=(0.45, 0.18),
            need_context=PRU,
            upn_from_primary=True,
            entry="recent",
        ),
        SchoolKind(
            "nursery",
            "nursery",
            ("N1", "N2"),
            (60, 130, 90),
            (("nursery", 1.0),),
            ("Nursery School",),
            fixed_rates=(0.08, 0.012),
            need_context=EARLY,
        ),
        SchoolKind(
            "sixth_form",
            "16_plus",
            ("12", "13"),
            (350, 1200, 600),
            (("further_education", 0.5), ("academy", 0.5)),
            ("Sixth Form College",),
            upn_from_primary=True,
        ),
        SchoolKind(
            "independent",
            "all_through",
            (*PRIMARY_YEARS, "7", "8", "9", "10", "11", "12", "13"),
            (100, 700, 220),
            (("independent", 1.0),),
            ("School", "College", "House School"),
            fixed_rates=(0.12, 0.04),
            entry="any",
        ),
    ]
}


@dataclass(frozen=True)
class SchoolSpec:
    """A school a scale names; `persona` is its organisations.demo key if it is a persona's."""

    name: str
    la_key: str
    kind: str
    establishment_type: str
    size: int
    persona: str = ""


@dataclass(frozen=True)
class LaSpec:
    key: str
    name: str
    la_code: str
    persona: str = ""  # organisations.demo key when the LA is one of the demo's


@dataclass(frozen=True)
class Scale:
    name: str
    help: str
    pupils: int
    k_share: float
    e_share: float
    las: tuple[LaSpec, ...] = ()
    schools: tuple[SchoolSpec, ...] = ()  # named schools (the demo's)
    extra_las: int = 0  # further LAs to draw (england-sample)
    drawn_schools: int = 0  # schools to draw on top of the named ones, spread over the LAs
    history_years: int = 5
    batch_size: int = 1000
    progress: bool = False
    postgresql_only: bool = False
    mix: tuple[tuple[str, float], ...] = ()
    # The named demo children get hand-written support plans (`opensend demo` only: the tests'
    # `demo` fixture has the children without plans, and the tests make their own).
    named_plans: bool = False


NORTH = LaSpec("north_la", "Northshire County Council", "990", persona="north_la")
SOUTH = LaSpec("south_la", "Southmoor City Council", "991", persona="south_la")

# The demo's four persona schools, then the others a two-LA demo needs to show every phase.
OAK = SchoolSpec("Oakfield Primary School", "north_la", "primary", "community", 280, "north_oak")
HILL = SchoolSpec("Hillside Academy", "north_la", "all_through", "academy", 560, "north_hill")
RIVER = SchoolSpec(
    "Riverside Primary School", "south_la", "primary", "voluntary_aided", 300, "south_river"
)
MOOR = SchoolSpec(
    "Moorgate High School", "south_la", "secondary_sixth", "academy", 1000, "south_moor"
)
WILLOW = SchoolSpec("Willow Bank School", "north_la", "special", "community_special", 90)
BEACON = SchoolSpec("The Beacon Centre", "north_la", "pru", "pupil_referral_unit", 35)
ACORNS = SchoolSpec("Little Acorns Nursery School", "north_la", "nursery", "nursery", 75)
ELMWOOD = SchoolSpec("Elmwood Primary School", "south_la", "primary", "community", 220)
DEMO_SCHOOLS = (
    OAK,
    HILL,
    RIVER,
    MOOR,
    WILLOW,
    BEACON,
    ACORNS,
    ELMWOOD,
    SchoolSpec("Brookside Primary Academy", "north_la", "primary", "academy", 210),
    SchoolSpec(
        "St Mary's Church of England Primary School",
        "north_la",
        "primary",
        "voluntary_controlled",
        200,
    ),
    SchoolSpec("Kingsmead School", "north_la", "secondary", "foundation", 930),
    SchoolSpec("Harbour View Free School", "south_la", "primary", "free_school", 140),
    SchoolSpec("Fernhill Academy", "south_la", "special", "academy_special", 85),
    SchoolSpec("Southmoor Sixth Form College", "south_la", "sixth_form", "further_education", 180),
)

# England's schools by kind (GIAS, roughly): mostly primaries, a few large secondaries.
ENGLAND_MIX = (
    ("primary", 0.72),
    ("secondary", 0.08),
    ("secondary_sixth", 0.055),
    ("all_through", 0.01),
    ("special", 0.04),
    ("pru", 0.012),
    ("nursery", 0.016),
    ("sixth_form", 0.007),
    ("independent", 0.06),
)

SCALES = {
    scale.name: scale
    for scale in [
        Scale(
            "small",
            "the demo LAs and schools plus a few more, a few hundred pupils (tests)",
            pupils=400,
            k_share=0.14,
            e_share=0.05,
            las=(NORTH, SOUTH),
            schools=(OAK, HILL, RIVER, MOOR, WILLOW, BEACON, ACORNS, ELMWOOD),
        ),
        Scale(
            "demo",
            "two LAs, 14 schools of every phase and type, about 4,000 pupils",
            pupils=4200,
            k_share=0.14,
            e_share=0.05,
            las=(NORTH, SOUTH),
            schools=DEMO_SCHOOLS,
            named_plans=True,
        ),
        Scale(
            "large-la",
            "one LA: 400 schools, 150,000 pupils, 40,000 on K, 10,000 with plans",
            pupils=150_000,
            k_share=40_000 / 150_000,
            e_share=10_000 / 150_000,
            las=(NORTH,),
            schools=(OAK, HILL),
            drawn_schools=398,
            batch_size=2000,
            progress=True,
            mix=ENGLAND_MIX,
        ),
        Scale(
            "england-sample",
            "a tenth of England: 15 LAs, 2,450 schools, 900,000 pupils (PostgreSQL only)",
            pupils=900_000,
            k_share=130_000 / 900_000,
            e_share=64_000 / 900_000,
            las=(NORTH, SOUTH),
            extra_las=13,
            schools=(OAK, HILL, RIVER, MOOR),
            drawn_schools=2446,
            batch_size=5000,
            progress=True,
            postgresql_only=True,
            mix=ENGLAND_MIX,
        ),
    ]
}


@dataclass
class LaPlan:
    key: str
    name: str
    la_code: str
    persona: str
    id: uuid.UUID | None  # None for a demo LA: it already exists
    term_offset: int  # each LA sets its own term dates, a day or two apart


@dataclass
class SchoolPlan:
    key: str
    name: str
    la: LaPlan
    kind: SchoolKind
    establishment_type: str
    urn: str
    size: int
    persona: str
    id: uuid.UUID | None  # None for a persona school
    k_rate: float = 0.0
    e_rate: float = 0.0
    term_offset: int = 0

    @property
    def school_number(self) -> str:
        """The four-digit DfE establishment number used in UPNs (the demo's convention)."""
        return self.urn[3:].zfill(4)


@dataclass
class Plan:
    scale: Scale
    las: list[LaPlan]
    schools: list[SchoolPlan] = field(default_factory=list)

    @property
    def new_schools(self) -> list[SchoolPlan]:
        return [school for school in self.schools if school.id is not None]


def plan(rng: random.Random, scale: Scale) -> Plan:
    """Every LA and school of the run, with sizes and calibrated register rates."""
    result = Plan(scale, _plan_las(rng, scale))
    las = {la.key: la for la in result.las}
    for spec in scale.schools:
        result.schools.append(_named_school(rng, spec, las[spec.la_key]))
    result.schools.extend(_drawn_schools(rng, scale, result))
    _fit_sizes(result.schools, scale.pupils)
    _calibrate(rng, result.schools, scale)
    return result


def _plan_las(rng: random.Random, scale: Scale) -> list[LaPlan]:
    las = [
        LaPlan(la.key, la.name, la.la_code, la.persona, None, rng.randint(0, 2)) for la in scale.las
    ]
    places = rng.sample(names.LA_PLACES, scale.extra_las)
    for index, place in enumerate(places):
        # Fictional codes 970 onwards: no real LA uses them, so they never clash with real data.
        name = f"{place} {rng.choice(names.LA_SUFFIXES)}"
        las.append(
            LaPlan(
                f"la_{970 + index}", name, str(970 + index), "", new_uuid(rng), rng.randint(0, 2)
            )
        )
    return las


def _named_school(rng: random.Random, spec: SchoolSpec, la: LaPlan) -> SchoolPlan:
    # A persona school already exists (its URN is read from the database); others are new.
    size = round(spec.size * rng.uniform(0.95, 1.05))
    school_id = None if spec.persona else new_uuid(rng)
    return SchoolPlan(
        key=spec.persona or _slug(spec.name),
        name=spec.name,
        la=la,
        kind=KINDS[spec.kind],
        establishment_type=spec.establishment_type,
        urn="",
        size=size,
        persona=spec.persona,
        id=school_id,
    )


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-")


def _drawn_schools(rng: random.Random, scale: Scale, result: Plan) -> list[SchoolPlan]:
    """Schools drawn to the England mix, spread over the LAs (bigger LAs get more)."""
    if not scale.drawn_schools:
        return []
    weights = [rng.uniform(0.6, 1.4) for _ in result.las]
    per_la = split_counts(scale.drawn_schools, weights)
    taken = {(school.la.key, school.name) for school in result.schools}
    schools = []
    for la, count in zip(result.las, per_la, strict=True):
        kinds = split_counts(count, [share for _, share in scale.mix])
        for (kind_key, _), kind_count in zip(scale.mix, kinds, strict=True):
            for _ in range(kind_count):
                schools.append(_drawn_school(rng, KINDS[kind_key], la, taken))
    return schools


def _drawn_school(
    rng: random.Random, kind: SchoolKind, la: LaPlan, taken: set[tuple[str, str]]
) -> SchoolPlan:
    establishment_type = _weighted(rng, kind.types)
    name = _unused_name(rng, kind, establishment_type, la, taken)
    size = round(rng.triangular(kind.size[0], kind.size[1], kind.size[2]))
    key = f"{la.la_code}-{_slug(name)}"
    return SchoolPlan(
        key=key,
        name=name,
        la=la,
        kind=kind,
        establishment_type=establishment_type,
        urn="",
        size=size,
        persona="",
        id=new_uuid(rng),
    )


def _unused_name(
    rng: random.Random,
    kind: SchoolKind,
    establishment_type: str,
    la: LaPlan,
    taken: set[tuple[str, str]],
) -> str:
    """A plausible name not yet used in this LA (names repeat across England, as real ones do)."""
    for attempt in range(200):
        name = _school_name(rng, kind, establishment_type)
        if attempt >= 100:  # a crowded LA: number it rather than loop for ever
            name = f"{name} {attempt - 98}"
        if (la.key, name) not in taken:
            taken.add((la.key, name))
            return name
    raise ValueError(f"Ran out of school names in {la.name}")


def _school_name(rng: random.Random, kind: SchoolKind, establishment_type: str) -> str:
    """Church primaries carry their church's name; the rest are named for a place."""
    place = rng.choice(names.PLACE_PREFIXES) + rng.choice(names.SCHOOL_PLACES)
    if kind.key == "primary" and establishment_type in ("voluntary_aided", "voluntary_controlled"):
        aided = establishment_type == "voluntary_aided"
        church = "Catholic" if aided and rng.random() < 0.5 else "Church of England"
        if rng.random() < 0.5:
            place = rng.choice(names.SAINTS)
        return f"{place} {church} Primary School"
    return f"{place} {rng.choice(kind.suffixes)}"


def assign_urns(schools: list[SchoolPlan], persona_urns: dict[str, str]) -> None:
    """Persona schools keep their URN; each new one gets its LA code and a number from 300.

    The demo's URNs are the LA code and three digits, so the four-digit school number in a
    UPN is the last three with a leading zero; drawn schools follow the same convention.
    """
    for school in schools:
        if school.persona:
            school.urn = persona_urns[school.persona]
    next_number: dict[str, int] = {}
    for school in schools:
        if school.urn:
            continue
        number = next_number.get(school.la.la_code, 300)
        if number > 999:
            raise ValueError(f"More than 700 new schools in LA {school.la.la_code}")
        school.urn = f"{school.la.la_code}{number}"
        next_number[school.la.la_code] = number + 1


def _fit_sizes(schools: list[SchoolPlan], pupils: int) -> None:
    """Scale every school so the run has the scale's number of pupils, keeping the skew."""
    factor = pupils / sum(school.size for school in schools)
    for school in schools:
        school.size = max(4, round(school.size * factor))


def _calibrate(rng: random.Random, schools: list[SchoolPlan], scale: Scale) -> None:
    """Set each school's K and E rates so the whole run meets the scale's shares.

    Fixed-rate settings (special schools, PRUs, nurseries, independents) count first; the
    mainstream rate makes up the rest, never below a floor (England's mainstream schools have
    about 2% of pupils with plans, even where many go to special schools nearby), and
    each school varies a little around it as real schools do.
    """
    total = sum(school.size for school in schools)
    fixed = [school for school in schools if school.kind.fixed_rates]
    mainstream = total - sum(school.size for school in fixed)
    fixed_k = sum(school.size * school.kind.fixed_rates[0] for school in fixed)
    fixed_e = sum(school.size * school.kind.fixed_rates[1] for school in fixed)
    k_main = max(0.04, (scale.k_share * total - fixed_k) / max(mainstream, 1))
    e_main = max(0.02, (scale.e_share * total - fixed_e) / max(mainstream, 1))
    for school in schools:
        spread = rng.uniform(0.85, 1.15)
        k, e = school.kind.fixed_rates or (k_main, e_main)
        school.k_rate, school.e_rate = k * spread, e * spread
        # Most schools keep their LA's term dates; some start a day later (a training day).
        school.term_offset = school.la.term_offset + (rng.random() < 0.2)


def split_counts(count: int, weights: list[float]) -> list[int]:
    """Split `count` in proportion to `weights`, in whole numbers that add up exactly
    (largest remainders first)."""
    total = sum(weights)
    exact = [count * weight / total for weight in weights]
    parts = [int(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in order[: count - sum(parts)]:
        parts[i] += 1
    return parts


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([value for value, _ in options], weights=[w for _, w in options])[0]
