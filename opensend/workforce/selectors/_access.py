"""Who may see and change a school's workforce records (issue 10, DESIGN "Who sees what").

- The SENCO and the head manage them (the head: "school-wide workforce records").
- Governors read the school's workload view and its policies: aggregates, never a named child.
- Teachers and assistants see their own SEND training only (`workforce_my_training`).
- A council's SEND team sees the workload of the schools in its area, in numbers.
- Families and everyone else: 404.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from opensend.ehc.selectors import school_manager_ids
from opensend.organisations.models import Organisation, OrganisationKind, Role
from opensend.organisations.selectors import organisation_ids_with_role
from opensend.people.selectors import la_ids


def manager_school_ids(user) -> set:
    """Schools where the person is SENCO or head: they keep the workforce records."""
    return school_manager_ids(user)


def reader_school_ids(user) -> set:
    """Schools whose workload view and policies the person may read: managers and governors."""
    return school_manager_ids(user) | organisation_ids_with_role(user, {Role.GOVERNOR})


def can_manage(user, school_id) -> bool:
    return school_id in manager_school_ids(user)


def _school(school_id) -> Organisation:
    try:
        return Organisation.objects.select_related("local_authority").get(
            pk=school_id, kind=OrganisationKind.SCHOOL
        )
    except (Organisation.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such school.") from error


def get_school_for_workforce(user, school_id, *, manage: bool = True) -> Organisation:
    """The school, for its SENCO or head (or, with `manage=False`, a governor too).

    404 for anyone with no part in the school; 403 for a governor on a page that changes
    records or names people (they read aggregates only)."""
    readers = reader_school_ids(user)
    try:
        allowed = school_id in readers
    except TypeError:
        allowed = False
    if not allowed:
        raise Http404("No such school.")
    if manage and school_id not in manager_school_ids(user):
        raise PermissionDenied("Only the school's SENCO or head can do this.")
    return _school(school_id)


def la_schools_for(user):
    """The schools in the areas of the councils the person works for (SEND team only)."""
    return Organisation.objects.filter(
        kind=OrganisationKind.SCHOOL, local_authority_id__in=la_ids(user)
    ).order_by("name")
