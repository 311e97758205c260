"""What each person sees first after signing in, chosen by what they do."""

from opensend.organisations.models import (
    LA_ROLES,
    PROFESSIONAL_ROLES,
    SCHOOL_STAFF_ROLES,
    Role,
)
from opensend.organisations.selectors import active_memberships

# Most specific first: someone who is both a governor and a parent lands as a governor.
LANDING_PAGES = [
    (LA_ROLES, "core/home_local_authority.html", "Your local authority work"),
    (SCHOOL_STAFF_ROLES, "core/home_school.html", "Your school"),
    ({Role.GOVERNOR}, "core/home_governor.html", "Your governing body"),
    (PROFESSIONAL_ROLES, "core/home_professional.html", "Your cases"),
    ({Role.LOCAL_OFFER_PROVIDER}, "core/home_provider.html", "Your Local Offer entries"),
]


def home_context(user) -> dict:
    memberships = list(active_memberships(user))
    roles = {m.role for m in memberships}
    context = {"memberships": memberships, "roles": roles}
    for landing_roles, template, heading in LANDING_PAGES:
        if roles & set(landing_roles):
            mine = [m for m in memberships if m.role in landing_roles]
            return {**context, "template": template, "heading": heading, "primary": mine}
    if user.family_role == "young_person":
        return {**context, "template": "core/home_family.html", "heading": "Your record"}
    if user.family_role == "parent":
        return {**context, "template": "core/home_family.html", "heading": "Your children"}
    return {**context, "template": "core/home_no_role.html", "heading": "You have no role yet"}
