"""Who may see and change what the publishing app keeps (issue 11, DESIGN "Who sees what").

- A school's SEN information report: its SENCO and head write and publish it; its governors
  read the draft (they approve the SEND policy it belongs to). Everyone else: 404.
- A Local Offer: its authority's SEND team (caseworkers and managers) keeps the settings,
  approves providers' changes and runs the consultations.
- A provider's entries: the provider's own accounts ("Local Offer provider | their own
  directory entries"), and the authority whose offer they are in. A school's entry is drawn
  from its report, so it is changed there, never here.
- The published pages are public: see selectors.public.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from opensend.ehc.selectors import school_manager_ids
from opensend.organisations.models import Organisation, OrganisationKind, Role
from opensend.organisations.selectors import organisation_ids_with_role
from opensend.people.selectors import is_la_staff, la_ids
from opensend.publishing.models import LocalOffer, Service, ServiceChange


def _get(queryset, pk, message: str):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, ValidationError, TypeError) as error:
        raise Http404(message) from error


# --- SEN information reports ---------------------------------------------------------------------


def report_manager_school_ids(user) -> set:
    """Schools whose report the person writes and publishes: they are its SENCO or head."""
    return school_manager_ids(user)


def report_reader_school_ids(user) -> set:
    return school_manager_ids(user) | organisation_ids_with_role(user, {Role.GOVERNOR})


def can_manage_report(user, school_id) -> bool:
    return school_id in report_manager_school_ids(user)


def get_school_for_report(user, school_id, *, manage: bool = True) -> Organisation:
    """The school, for its SENCO or head (with `manage=False`, its governors too).

    404 for anyone with no part in the school; 403 for a governor on a page that changes it."""
    if school_id not in report_reader_school_ids(user):
        raise Http404("No such school.")
    if manage and not can_manage_report(user, school_id):
        raise PermissionDenied("Only the school's SENCO or head can change the report.")
    schools = Organisation.objects.select_related("local_authority").filter(
        kind=OrganisationKind.SCHOOL
    )
    return _get(schools, school_id, "No such school.")


def report_schools_for(user):
    """The schools whose report the person may open, for the menu's school choice."""
    return Organisation.objects.filter(
        pk__in=report_reader_school_ids(user), kind=OrganisationKind.SCHOOL
    ).order_by("name")


# --- the Local Offer: the authority ---------------------------------------------------------------


def local_offers_kept_by(user):
    """The Local Offers of the authorities whose SEND team the person is on."""
    if user.is_superuser:
        return LocalOffer.objects.select_related("local_authority")
    return LocalOffer.objects.filter(local_authority_id__in=la_ids(user)).select_related(
        "local_authority"
    )


def get_local_offer_for(user, offer_id) -> LocalOffer:
    """A Local Offer, for its authority's SEND team; 404 for everyone else."""
    return _get(local_offers_kept_by(user), offer_id, "No such Local Offer.")


# --- the Local Offer: providers and their entries ------------------------------------------------


def provider_ids(user) -> set:
    """The providers the person keeps entries for."""
    return organisation_ids_with_role(user, {Role.LOCAL_OFFER_PROVIDER})


def get_provider_for(user, organisation_id) -> Organisation:
    """A Local Offer provider, for its own accounts; 404 for everyone else."""
    if organisation_id not in provider_ids(user):
        raise Http404("No such provider.")
    providers = Organisation.objects.select_related("local_authority").filter(
        kind=OrganisationKind.LOCAL_OFFER_PROVIDER
    )
    return _get(providers, organisation_id, "No such provider.")


def services_kept_by(user):
    """Entries the person may open to change: their provider's, or any in their authority's
    offer. A school's entry is not here: it follows the school's published report."""
    services = Service.objects.select_related("local_offer__local_authority", "provider").filter(
        information_report__isnull=True
    )
    if user.is_superuser:
        return services
    from django.db.models import Q

    return services.filter(
        Q(provider_id__in=provider_ids(user)) | Q(local_offer__local_authority_id__in=la_ids(user))
    )


def is_authority_for(user, service: Service) -> bool:
    """Whether the person is on the SEND team of the authority whose offer holds `service`."""
    return is_la_staff(user, service.local_offer.local_authority_id)


def get_service_for(user, service_id) -> Service:
    return _get(services_kept_by(user), service_id, "No such entry.")


def get_change_for(user, change_id) -> ServiceChange:
    """A proposed change, for the authority that approves it; 404 for everyone else (a
    provider sees its own changes on its entry's page, not here)."""
    changes = ServiceChange.objects.select_related(
        "service__local_offer__local_authority", "service__provider", "created_by"
    )
    if not user.is_superuser:
        changes = changes.filter(service__local_offer__local_authority_id__in=la_ids(user))
    return _get(changes, change_id, "No such change.")
