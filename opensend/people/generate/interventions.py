"""Each school's provision map: the interventions and groups it runs, with staff and costs.

Plain Python, no Django. A school runs four to ten interventions drawn from a catalogue of the
ones English schools commonly use, flavoured by the kind of setting (a nursery runs language
and attention groups, a secondary school reading catch-up and mentoring, a special school
Intensive Interaction and life skills). Staff time is costed at 2025–26 rates with on-costs:
teaching assistants about £15–£19 an hour, higher level TAs and mentors about £18–£23,
teachers £30–£35. An outside provider (counselling) is costed by its termly fee instead.

Each intervention serves some areas of need (reading, emotional, hearing...), which is how a
support plan's outcome finds a fitting group; `members` counts the pupils whose current plan
has them in it, so a group is never filled beyond its `max_pupils`.
"""

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from opensend.people.generate import names
from opensend.people.generate.dates import term_dates
from opensend.people.generate.scales import SchoolPlan, new_uuid

# Settings an intervention suits; a school kind maps to one or two of them.
EARLY, PRIMARY, SECONDARY, SPECIAL = "early", "primary", "secondary", "special"
SETTINGS_BY_KIND = {
    "nursery": (EARLY,),
    "primary": (PRIMARY,),
    "secondary": (SECONDARY,),
    "secondary_sixth": (SECONDARY,),
    "sixth_form": (SECONDARY,),
    "pru": (SECONDARY,),
    "all_through": (PRIMARY, SECONDARY),
    "independent": (PRIMARY, SECONDARY),
    "special": (SPECIAL,),
}
# How many interventions each kind of setting runs (low, high).
MAP_SIZE = {"nursery": (4, 5), "pru": (4, 6), "sixth_form": (4, 6), "special": (5, 8)}
DEFAULT_MAP_SIZE = (5, 10)

# Who delivers: (label, lowest and highest hourly cost with on-costs, in pounds); None = an
# outside provider paid by the term, so no staff cost per hour.
ROLES = {
    "ta": ("Teaching assistant", (15, 19)),
    "elsa": ("ELSA-trained teaching assistant", (16, 20)),
    "hlta": ("Higher level teaching assistant", (19, 23)),
    "mentor": ("Learning mentor", (18, 22)),
    "teacher": ("Teacher", (30, 35)),
    "counsellor": ("Counsellor", None),
    "sensory": ("Teacher of the deaf (sensory support service)", None),
}
PROVIDERS = (
    "Brightpath Counselling",
    "Talking Space CIC",
    "Young Minds Matter Partnership",
    "Open Door Youth Counselling",
)


@dataclass(frozen=True)
class Kind:
    """One intervention in the catalogue."""

    key: str
    name: str
    description: str
    delivery: str  # "group" or "individual"
    role: str
    hours: tuple[float, float]  # staff hours a week, low and high
    frequency: str  # how often one pupil takes part, as a support plan line says it
    max_pupils: tuple[int, int] | None  # None: open to all who need it
    areas: tuple[str, ...]
    settings: tuple[str, ...]
    weight: float = 1.0
    other_costs: tuple[int, int] = (0, 0)  # pounds a term: resources, licences, a provider's fee


CATALOGUE = {
    kind.key: kind
    for kind in [
        Kind(
            "phonics",
            "Phonics catch-up group",
            "Daily phonics in a small group for pupils who have not yet passed the phonics "
            "screening check, following the school's phonics scheme.",
            "group",
            "ta",
            (2.5, 2.5),
            "5 × 30 minutes a week",
            (6, 6),
            ("reading", "writing"),
            (PRIMARY,),
            3,
        ),
        Kind(
            "precision",
            "Precision teaching",
            "A short daily teach-and-practise of a few words or number facts, then a one-minute "
            "probe, so the pupil and adult can see fluency grow day by day.",
            "individual",
            "ta",
            (1.5, 3),
            "5 × 10 minutes a week",
            (6, 8),
            ("reading", "maths", "writing"),
            (PRIMARY, SECONDARY, SPECIAL),
            2,
        ),
        Kind(
            "reading_1to1",
            "1:1 reading",
            "Individual reading with a trained adult: a book at the right level, questions about "
            "what was read and work on tricky words.",
            "individual",
            "ta",
            (2, 4),
            "3 × 20 minutes a week",
            (6, 8),
            ("reading",),
            (PRIMARY, SECONDARY),
            2,
        ),
        Kind(
            "language_group",
            "Speech and language group",
            "Small-group work on the targets the NHS speech and language therapist has set: "
            "vocabulary, building sentences and listening.",
            "group",
            "ta",
            (1, 1.5),
            "2 × 30 minutes a week",
            (6, 6),
            ("language", "communication"),
            (EARLY, PRIMARY, SPECIAL),
            3,
        ),
        Kind(
            "talk_boost",
            "Talk Boost language group",
            "A ten-week programme for children whose talk is behind: attention, vocabulary, "
            "building sentences and telling stories.",
            "group",
            "ta",
            (1.5, 1.5),
            "3 × 30 minutes a week",
            (8, 8),
            ("language",),
            (EARLY, PRIMARY),
            1.5,
            (40, 90),
        ),
        Kind(
            "lego",
            "Lego-based therapy group",
            "Three pupils build a model together as engineer, supplier and builder, practising "
            "turn-taking, shared attention and clear instructions.",
            "group",
            "ta",
            (1, 1.5),
            "1 × 45 minutes a week",
            (3, 3),
            ("social", "communication"),
            (PRIMARY, SECONDARY, SPECIAL),
            2,
        ),
        Kind(
            "social_skills",
            "Social skills group",
            "A small group working on friendships, conversation, reading other people and "
            "sorting out disagreements, with role play.",
            "group",
            "mentor",
            (1, 1),
            "1 × 50 minutes a week",
            (6, 6),
            ("social", "communication"),
            (SECONDARY,),
            2,
        ),
        Kind(
            "zones",
            "Zones of Regulation group",
            "Small-group sessions teaching pupils to recognise how they feel and choose a "
            "strategy to get back to the green zone.",
            "group",
            "ta",
            (1, 1),
            "2 × 30 minutes a week",
            (6, 8),
            ("emotional", "attention"),
            (PRIMARY, SPECIAL),
            2.5,
        ),
        Kind(
            "fine_motor",
            "Fine motor skills group",
            "Hand and finger strengthening, scissor and pencil skills, following the "
            "occupational therapist's programme.",
            "group",
            "ta",
            (1, 1.5),
            "3 × 20 minutes a week",
            (6, 6),
            ("motor", "writing", "physical"),
            (EARLY, PRIMARY, SPECIAL),
            2,
        ),
        Kind(
            "maths_catch_up",
            "Maths catch-up group",
            "Small-group teaching of number sense, place value and calculation with concrete "
            "resources, closing gaps from earlier years.",
            "group",
            "hlta",
            (2, 3),
            "3 × 30 minutes a week",
            (6, 6),
            ("maths",),
            (PRIMARY, SECONDARY),
            2.5,
        ),
        Kind(
            "nurture",
            "Nurture group",
            "A small, predictable class for four afternoons a week, built on the six principles "
            "of nurture: settling, talking, eating together and learning to learn.",
            "group",
            "hlta",
            (8, 10),
            "4 afternoons a week",
            (10, 12),
            ("emotional", "social"),
            (PRIMARY,),
            1.5,
            (100, 200),
        ),
        Kind(
            "counselling",
            "School counselling",
            "Weekly one-to-one counselling in school from an outside provider, for pupils the "
            "SENCO or the mental health lead refers.",
            "individual",
            "counsellor",
            (5, 7),
            "1 × 50 minutes a week",
            (6, 6),
            ("emotional",),
            (PRIMARY, SECONDARY),
            1.5,
            (1800, 3600),
        ),
        Kind(
            "sensory_circuits",
            "Sensory circuits",
            "A short circuit of alerting, organising and calming activities first thing, so "
            "pupils start the day ready to learn.",
            "group",
            "ta",
            (1.25, 1.25),
            "5 × 15 minutes a week",
            (8, 8),
            ("sensory", "attention"),
            (EARLY, PRIMARY, SPECIAL),
            1.5,
        ),
        Kind(
            "touch_typing",
            "Touch-typing programme",
            "An online touch-typing course with supervised practice, so pupils can write at "
            "length on a laptop.",
            "group",
            "ta",
            (1, 1),
            "2 × 30 minutes a week",
            (8, 8),
            ("writing", "vision"),
            (SECONDARY,),
            1,
            (60, 150),
        ),
        Kind(
            "reading_catch_up",
            "Reading catch-up group",
            "Small-group reading for pupils who arrived with a reading age well below their "
            "own: phonics where needed, then fluency and comprehension.",
            "group",
            "teacher",
            (2.5, 3),
            "3 × 50 minutes a week",
            (8, 8),
            ("reading", "writing"),
            (SECONDARY,),
            3,
        ),
        Kind(
            "mentoring",
            "Learning mentor sessions",
            "Regular one-to-one time with a learning mentor to set targets, look back on the "
            "week and plan for what is coming up.",
            "individual",
            "mentor",
            (4, 6),
            "1 × 30 minutes a week",
            (10, 10),
            ("emotional", "independence", "attention"),
            (SECONDARY,),
            2,
        ),
        Kind(
            "elsa",
            "ELSA sessions",
            "Emotional literacy support from a trained teaching assistant: feelings, anger, "
            "anxiety, friendships and self-esteem, over six to ten weeks.",
            "individual",
            "elsa",
            (3, 5),
            "1 × 30 minutes a week",
            (8, 8),
            ("emotional", "social"),
            (PRIMARY, SECONDARY),
            2,
        ),
        Kind(
            "teacher_of_the_deaf",
            "Teacher of the deaf support",
            "Visits from the local authority's sensory support service: advice to staff, "
            "equipment checks and direct teaching of listening and language.",
            "individual",
            "sensory",
            (1, 1),
            "1 hour every two weeks",
            (4, 4),
            ("hearing", "language"),
            (EARLY, PRIMARY, SECONDARY),
            0.4,
        ),
        Kind(
            "travel_training",
            "Travel training",
            "Step-by-step training to make a regular journey alone, from walking the route with "
            "an adult to travelling independently.",
            "individual",
            "ta",
            (3, 4),
            "2 × 1 hour a week",
            (4, 4),
            ("independence",),
            (SECONDARY, SPECIAL),
            1,
        ),
        Kind(
            "attention_autism",
            "Attention Autism (bucket time)",
            "Four-stage group sessions that build shared attention and communication through "
            "highly motivating activities.",
            "group",
            "ta",
            (1.25, 1.25),
            "5 × 15 minutes a week",
            (6, 6),
            ("attention", "communication"),
            (EARLY, SPECIAL),
            2,
        ),
        Kind(
            "intensive_interaction",
            "Intensive Interaction",
            "One-to-one sessions that follow the pupil's lead, building the basics of "
            "communication: looking, turn-taking and shared enjoyment.",
            "individual",
            "ta",
            (2, 3),
            "5 × 10 minutes a week",
            (6, 6),
            ("communication", "social"),
            (SPECIAL, EARLY),
            1.5,
        ),
        Kind(
            "colourful_semantics",
            "Colourful semantics",
            "Colour-coded sentence building (who, doing what, what, where) to help pupils speak "
            "and write in whole sentences.",
            "group",
            "ta",
            (1, 1),
            "2 × 30 minutes a week",
            (6, 6),
            ("language", "writing"),
            (PRIMARY, SPECIAL, EARLY),
            1.5,
        ),
        Kind(
            "life_skills",
            "Life skills group",
            "Cooking, shopping, handling money and using public services, practised in school "
            "and out in the community.",
            "group",
            "ta",
            (2, 2),
            "1 × 2 hours a week",
            (6, 6),
            ("independence", "maths"),
            (SPECIAL, SECONDARY),
            1,
            (50, 120),
        ),
        Kind(
            "homework_club",
            "Homework club",
            "A quiet room after school with a teaching assistant on hand, for pupils who find "
            "homework hard to organise at home.",
            "group",
            "ta",
            (3, 3),
            "2 × 1 hour a week",
            None,
            ("independence",),
            (SECONDARY,),
            1.5,
        ),
        Kind(
            "physiotherapy",
            "Physiotherapy programme",
            "Daily exercises from the NHS physiotherapist's programme, done with a trained "
            "teaching assistant.",
            "individual",
            "ta",
            (1.5, 2.5),
            "5 × 15 minutes a week",
            (4, 4),
            ("physical", "motor"),
            (EARLY, PRIMARY, SECONDARY, SPECIAL),
            0.8,
        ),
    ]
}


@dataclass
class InterventionPlan:
    """One Intervention row, and how many pupils' current plans have them in it."""

    id: object
    key: str
    name: str
    description: str
    delivery: str
    staff: str
    hours_per_week: Decimal
    hourly_cost: Decimal
    other_costs_per_term: Decimal
    max_pupils: int | None
    start: date
    frequency: str
    areas: tuple[str, ...]
    members: int = 0

    @property
    def has_room(self) -> bool:
        return self.max_pupils is None or self.members < self.max_pupils


def school_interventions(
    rng: random.Random, school: SchoolPlan, as_of: date, must_have: tuple[str, ...] = ()
) -> list[InterventionPlan]:
    """Four to ten interventions suited to the school, `must_have` ones first."""
    settings = SETTINGS_BY_KIND[school.kind.key]
    low, high = MAP_SIZE.get(school.kind.key, DEFAULT_MAP_SIZE)
    count = max(rng.randint(low, high), len(must_have))
    chosen = [CATALOGUE[key] for key in must_have]
    pool = [
        kind
        for kind in CATALOGUE.values()
        if kind.key not in must_have and set(kind.settings) & set(settings)
    ]
    while len(chosen) < count and pool:
        kind = rng.choices(pool, weights=[k.weight for k in pool])[0]
        pool.remove(kind)
        chosen.append(kind)
    return [_intervention(rng, kind, school, as_of) for kind in chosen]


def _intervention(rng: random.Random, kind: Kind, school: SchoolPlan, as_of: date):
    label, costs = ROLES[kind.role]
    if costs is None:
        hourly = Decimal("0.00")
        staff = f"{label} ({rng.choice(PROVIDERS)})" if kind.role == "counsellor" else label
    else:
        hourly = _pounds(rng.uniform(*costs), step=0.05)
        staff = f"{label} ({_staff_name(rng)})"
    hours = Decimal(str(round(rng.uniform(*kind.hours) * 4) / 4)).quantize(Decimal("0.01"))
    low, high = kind.other_costs
    other = _pounds(rng.uniform(low, high), step=10) if high else Decimal("0.00")
    max_pupils = rng.randint(*kind.max_pupils) if kind.max_pupils else None
    return InterventionPlan(
        id=new_uuid(rng),
        key=kind.key,
        name=kind.name,
        description=kind.description,
        delivery=kind.delivery,
        staff=staff,
        hours_per_week=hours,
        hourly_cost=hourly,
        other_costs_per_term=other,
        max_pupils=max_pupils,
        start=_started(rng, school, as_of),
        frequency=kind.frequency,
        areas=kind.areas,
    )


def _started(rng: random.Random, school: SchoolPlan, as_of: date) -> date:
    """The first day of an autumn term: most run for years, some began this year."""
    year = as_of.year if as_of.month >= 9 else as_of.year - 1
    years_ago = rng.choices((0, 1, 2, 3, 4), weights=(15, 25, 25, 20, 15))[0]
    start = term_dates(year - years_ago, school.term_offset)[0][1]
    return start if start <= as_of else term_dates(year - 1, school.term_offset)[0][1]


def _staff_name(rng: random.Random) -> str:
    pool = rng.choices(names.POOL_NAMES, weights=names.POOL_WEIGHTS)[0]
    title = rng.choices(("Mrs", "Ms", "Miss", "Mr"), weights=(45, 25, 10, 20))[0]
    return f"{title} {rng.choice(names.NAME_POOLS[pool][3])}"


def _pounds(value: float, *, step: float) -> Decimal:
    return Decimal(str(round(round(value / step) * step, 2))).quantize(Decimal("0.01"))
