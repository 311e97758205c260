"""What each person sees first after signing in, chosen by what they do, with real data.

Each landing page runs a fixed number of queries however many children there are (DESIGN
"Data and scale"): counts are aggregated in the database and lists are capped and prefetched.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from opensend.organisations.models import (
    LA_ROLES,
    PROFESSIONAL_ROLES,
    SCHOOL_STAFF_ROLES,
    Role,
)
from opensend.organisations.selectors import active_memberships
from opensend.people.models import Provision
from opensend.people.selectors import (
    children_visible_to,
    current_register_prefetch,
    register_counts,
    register_totals,
)
from opensend.publishing.selectors.directory import authority_home_alerts, provider_home_data
from opensend.publishing.selectors.reports import report_alerts_for
from opensend.support.selectors import review_counts_by_school
from opensend.workforce.selectors.workload import workforce_alerts

# How many of the LA's children the caseworker's home page lists before "see all".
LA_HOME_LIST_SIZE = 25


@dataclass(frozen=True)
class SchoolSummary:
    school: object
    ehc_plans: int
    sen_support: int
    reviews_due: int = 0  # active support plans due within the fortnight, overdue included
    reviews_overdue: int = 0

    @property
    def on_register(self) -> int:
        return self.ehc_plans + self.sen_support


def _schools(memberships) -> list:
    """Each organisation once, in name order, however many roles the person has there."""
    schools = {m.organisation_id: m.organisation for m in memberships}
    return sorted(schools.values(), key=lambda school: school.name)


def _school_data(user, mine) -> dict:
    """SENCO, head, teacher and TA: each school's register in numbers (one query in all)."""
    schools = _schools(mine)
    # One grouped count for every school, rather than a count per school and provision.
    totals = register_totals([school.pk for school in schools])
    reviews = review_counts_by_school([school.pk for school in schools], timezone.localdate())
    # The SENCO and head keep the workforce records: tell them what is due (issue 10).
    managed = _schools([m for m in mine if m.role in (Role.SENCO, Role.HEAD)])
    return {
        "workforce_alerts": workforce_alerts(managed, timezone.localdate()),
        # ... and when the SEN information report is due to be published again (issue 11).
        "report_alerts": report_alerts_for(user, timezone.localdate()),
        "school_summaries": [
            SchoolSummary(
                school=school,
                ehc_plans=totals.get((school.pk, Provision.EHC_PLAN), 0),
                sen_support=totals.get((school.pk, Provision.SEN_SUPPORT), 0),
                reviews_due=reviews.get(school.pk, {}).get("due", 0),
                reviews_overdue=reviews.get(school.pk, {}).get("overdue", 0),
            )
            for school in schools
        ],
    }


def _local_authority_data(user, mine) -> dict:
    """Caseworker and manager: the LA's children with a statutory case, the first few named."""
    children = children_visible_to(user)
    return {
        "case_total": children.count(),
        "case_children": list(
            children.order_by("last_name", "first_name", "pk").prefetch_related(
                *current_register_prefetch()
            )[:LA_HOME_LIST_SIZE]
        ),
        "case_list_size": LA_HOME_LIST_SIZE,
        # The Local Offer's waiting approvals and unchecked entries (issue 11).
        "local_offer_alerts": authority_home_alerts(user, timezone.localdate()),
    }


def _provider_data(user, mine) -> dict:
    """Local Offer providers: their entries, and how many need checking (issue 11)."""
    return provider_home_data(user, timezone.localdate())


def _governor_data(user, mine) -> dict:
    """Governors: numbers only, with counts under 5 hidden, and never a child's name."""
    return {"school_counts": [(school, register_counts(school)) for school in _schools(mine)]}


def _family_children(user) -> list:
    return list(
        children_visible_to(user)
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(*current_register_prefetch())
    )


LandingData = Callable[[object, list], dict]

# Most specific first: someone who is both a governor and a parent lands as a governor.
LANDING_PAGES: list[tuple[frozenset | set, str, str, LandingData | None]] = [
    (
        LA_ROLES,
        "core/home_local_authority.html",
        "Your local authority work",
        _local_authority_data,
    ),
    (SCHOOL_STAFF_ROLES, "core/home_school.html", "Your school", _school_data),
    ({Role.GOVERNOR}, "core/home_governor.html", "Your governing body", _governor_data),
    (PROFESSIONAL_ROLES, "core/home_professional.html", "Your cases", None),
    (
        {Role.LOCAL_OFFER_PROVIDER},
        "core/home_provider.html",
        "Your Local Offer entries",
        _provider_data,
    ),
]


def home_context(user) -> dict:
    memberships = list(active_memberships(user))
    roles = {m.role for m in memberships}
    context = {"memberships": memberships, "roles": roles}
    for landing_roles, template, heading, data in LANDING_PAGES:
        if roles & set(landing_roles):
            mine = [m for m in memberships if m.role in landing_roles]
            extra = data(user, mine) if data else {}
            return {
                **context,
                **extra,
                "template": template,
                "heading": heading,
                "primary": mine,
            }
    if user.family_role == "young_person":
        return {
            **context,
            "template": "core/home_family.html",
            "heading": "Your record",
            "own_records": [c for c in _family_children(user) if c.account_id == user.pk],
        }
    if user.family_role == "parent":
        return {
            **context,
            "template": "core/home_family.html",
            "heading": "Your children",
            "family_children": _family_children(user),
        }
    return {**context, "template": "core/home_no_role.html", "heading": "You have no role yet"}
