"""Who may open which dashboard (issue 12; DESIGN "Who sees what").

- A council's dashboard: its SEND caseworkers and managers. The figures link to the cases behind
  them, which only they may see anyway.
- A school's dashboard: its SENCO and head. It links to named pupils' lists, as the register does.
- A school's governors' dashboard: its governors, and its SENCO and head (so they can see exactly
  what governors see). Aggregates only, counts under 5 hidden, no links to any child.

Everyone else gets 404, never a hint that the organisation exists.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from opensend.ehc.selectors import school_manager_ids
from opensend.organisations.models import Organisation, OrganisationKind, Role
from opensend.organisations.selectors import organisation_ids_with_role
from opensend.people.selectors import is_la_staff, la_ids


def dashboard_authorities(user):
    """The councils whose dashboard the person may open, in name order."""
    return Organisation.objects.filter(
        pk__in=la_ids(user), kind=OrganisationKind.LOCAL_AUTHORITY
    ).order_by("name")


def get_dashboard_authority_for(user, la_id) -> Organisation:
    if not is_la_staff(user, la_id):
        raise Http404("Only the council's SEND team sees its dashboard.")
    return get_object_or_404(Organisation, pk=la_id, kind=OrganisationKind.LOCAL_AUTHORITY)


def dashboard_school_ids(user) -> set:
    """Schools whose full dashboard the person may open: SENCO or head."""
    return school_manager_ids(user)


def governors_dashboard_school_ids(user) -> set:
    """Schools whose governors' dashboard the person may open: governors, SENCO and head."""
    return school_manager_ids(user) | organisation_ids_with_role(user, {Role.GOVERNOR})


def _school(school_id, allowed: set) -> Organisation:
    if school_id not in allowed:
        raise Http404("Only the school's leaders see this dashboard.")
    return get_object_or_404(Organisation, pk=school_id, kind=OrganisationKind.SCHOOL)


def get_dashboard_school_for(user, school_id) -> Organisation:
    return _school(school_id, dashboard_school_ids(user))


def get_governors_school_for(user, school_id) -> Organisation:
    return _school(school_id, governors_dashboard_school_ids(user))
