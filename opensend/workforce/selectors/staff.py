"""Reads of the school's staff list, scoped to the person asking."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from opensend.organisations.models import Membership
from opensend.workforce.models import StaffMember
from opensend.workforce.selectors._access import manager_school_ids, reader_school_ids
from opensend.workforce.services.staff import JOB_FOR_ROLE


def staff_for_school(school, *, include_left: bool = False) -> QuerySet[StaffMember]:
    """The school's staff, by name; those who have left only when asked for."""
    staff = StaffMember.objects.filter(school=school).select_related("user")
    if not include_left:
        staff = staff.filter(left_on__isnull=True)
    return staff.order_by("full_name", "created_at")


def get_staff_for(user, staff_id, *, manage: bool = True) -> StaffMember:
    """A staff member of a school the person leads (or, with manage=False, governs).

    404 for anyone else, so a guessed id reveals nothing; 403 for a governor on a page that
    changes records."""
    try:
        staff = StaffMember.objects.select_related("school", "user").get(pk=staff_id)
    except (StaffMember.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such person.") from error
    if staff.school_id not in reader_school_ids(user):
        raise Http404("No such person.")
    if manage and staff.school_id not in manager_school_ids(user):
        raise PermissionDenied("Only the school's SENCO or head can do this.")
    return staff


def colleagues_not_listed(school) -> int:
    """How many people with an OpenSEND staff account here are not on the list yet."""
    listed = StaffMember.objects.filter(school=school, user__isnull=False).values("user_id")
    return (
        Membership.objects.filter(
            organisation=school,
            is_active=True,
            user__is_active=True,
            role__in=list(JOB_FOR_ROLE),
        )
        .exclude(user_id__in=listed)
        .values("user_id")
        .distinct()
        .count()
    )
