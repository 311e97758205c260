"""The named children the demo personas meet, so every role sees real data from the start.

Used by `opensend demo` (through the generator) and by the tests' `demo` fixture, so the demo
and the tests tell the same story: Lucy Martin (north_parent) is Ava's mother; Ava has an EHC
plan at Oakfield Primary; Jordan Ellis (north_young_person) is 17 and has his own account.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from opensend.people.models import Child, Enrolment, Need, ParentLink, SenStatus


@dataclass(frozen=True)
class ChildSpec:
    key: str
    upn: str
    first_name: str
    last_name: str
    date_of_birth: date
    school_key: str
    year_group: str
    provision: str
    needs: tuple[tuple[str, int], ...] = ()
    parent_key: str = ""
    relationship: str = "mother"
    own_account_key: str = ""


ON_ROLL_FROM = date(2025, 9, 1)
STATUS_FROM = date(2025, 10, 6)

CHILDREN = [
    ChildSpec(
        "ava",
        "C990010125001",
        "Ava",
        "Martin",
        date(2017, 5, 4),
        "north_oak",
        "4",
        "E",
        (("ASD", 1), ("SLCN", 2)),
        parent_key="north_parent",
    ),
    ChildSpec(
        "leo",
        "R990010125002",
        "Leo",
        "Patel",
        date(2018, 1, 22),
        "north_oak",
        "3",
        "K",
        (("SPLD", 1),),
    ),
    ChildSpec(
        "mia",
        "L990010225001",
        "Mia",
        "Hughes",
        date(2019, 11, 30),
        "north_hill",
        "1",
        "K",
        (("SEMH", 1),),
    ),
    ChildSpec(
        "zara",
        "N991020125001",
        "Zara",
        "Khan",
        date(2016, 8, 15),
        "south_river",
        "5",
        "E",
        (("HI", 1),),
        parent_key="south_parent",
        relationship="father",
    ),
    ChildSpec(
        "jordan",
        "V990010124003",
        "Jordan",
        "Ellis",
        date(2009, 3, 9),
        "north_hill",
        "12",
        "E",
        (("MLD", 1),),
        own_account_key="north_young_person",
    ),
]


@transaction.atomic
def load_demo_children(objects: dict) -> dict[str, Child]:
    """Create the named children once; `objects` holds the demo organisations and people."""
    children = {}
    for spec in CHILDREN:
        school = objects[spec.school_key]
        child, created = Child.objects.get_or_create(
            upn=spec.upn,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "date_of_birth": spec.date_of_birth,
                "home_local_authority": school.local_authority,
                "account": objects.get(spec.own_account_key),
            },
        )
        if created:
            Enrolment.objects.create(
                child=child, school=school, year_group=spec.year_group, start=ON_ROLL_FROM
            )
            SenStatus.objects.create(
                child=child, provision="N", start=ON_ROLL_FROM, end=date(2025, 10, 5), school=school
            )
            SenStatus.objects.create(
                child=child, provision=spec.provision, start=STATUS_FROM, school=school
            )
            Need.objects.bulk_create(
                Need(child=child, code=code, rank=rank, start=STATUS_FROM)
                for code, rank in spec.needs
            )
            if spec.parent_key:
                parent = objects[spec.parent_key]
                ParentLink.objects.create(
                    child=child,
                    user=parent,
                    full_name=parent.full_name,
                    email=parent.email,
                    relationship=spec.relationship,
                )
        children[spec.key] = child
    return children
