"""Thin views: fetch through a selector, validate a form, call a service, redirect."""

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from opensend.core.forms import add_service_errors, save_versioned
from opensend.law.dates import academic_year_of
from opensend.organisations import selectors, services
from opensend.organisations.forms import (
    AcceptInvitationForm,
    ClosureDayForm,
    InvitationForm,
    OrganisationDetailsForm,
    TermDatesForm,
)
from opensend.organisations.models import Role


@login_required
def organisation_list(request):
    memberships = list(selectors.active_memberships(request.user))
    return render(request, "organisations/list.html", {"memberships": memberships})


@login_required
def organisation_detail(request, organisation_id):
    organisation = selectors.get_organisation_for(request.user, organisation_id)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "members": selectors.members_visible_to(request.user, organisation),
            "can_manage": selectors.can_manage_organisation(request.user, organisation),
            "can_invite": bool(selectors.roles_user_may_invite(request.user, organisation)),
            "schools": organisation.organisations_in_area.order_by("name")
            if organisation.is_local_authority
            else None,
            "term_dates": _term_dates_summary(request.user, organisation),
        },
    )


def _term_dates_summary(user, organisation):
    """This year's terms for the school's own staff and governors (None for anyone else)."""
    if organisation.pk not in selectors.schools_with_term_dates_for(user):
        return None
    return selectors.terms_or_defaults_for(organisation, academic_year_of(timezone.localdate()))


@login_required
def organisation_edit(request, organisation_id):
    organisation = selectors.get_organisation_for(request.user, organisation_id)
    if not selectors.can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    differences = None
    if request.method == "POST":
        form, differences, saved = save_versioned(
            OrganisationDetailsForm,
            request.POST,
            lambda form: services.organisation_update(
                actor=request.user,
                organisation=organisation,
                data=form.changed_data_for_service(),
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved:
            messages.success(request, "Details saved")
            return redirect("organisation_detail", organisation.pk)
    else:
        form = OrganisationDetailsForm(
            initial={
                "version": organisation.version,
                **{
                    name: getattr(organisation, name)
                    for name in services.EDITABLE_ORGANISATION_FIELDS
                },
            }
        )
    return render(
        request,
        "organisations/edit.html",
        {"organisation": organisation, "form": form, "differences": differences},
    )


@login_required
def invitation_list(request, organisation_id):
    organisation = selectors.get_organisation_for(request.user, organisation_id)
    roles = selectors.roles_user_may_invite(request.user, organisation)
    if not roles:
        raise PermissionDenied
    form = InvitationForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        is_staff_role = role in Role.values
        try:
            services.invitation_create(
                actor=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=role if is_staff_role else "",
                family_role="" if is_staff_role else role,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}")
            return redirect("invitation_list", organisation.pk)
    return render(
        request,
        "organisations/invitations.html",
        {
            "organisation": organisation,
            "form": form,
            "invitations": selectors.invitations_visible_to(request.user, organisation),
        },
    )


@login_required
@require_POST
def invitation_revoke(request, invitation_id):
    invitation = selectors.get_invitation_for(request.user, invitation_id)
    services.invitation_revoke(actor=request.user, invitation=invitation)
    messages.success(request, f"Invitation for {invitation.email} cancelled")
    return redirect("invitation_list", invitation.organisation_id)


def invitation_accept(request, token):
    invitation = services.invitation_for_token(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html", status=404)
    signed_in = request.user.is_authenticated
    form = AcceptInvitationForm(request.POST or None)
    if signed_in:
        form = None
    if request.method == "POST":
        try:
            if signed_in:
                user = services.invitation_accept(token=token, password="", user=request.user)
            elif form.is_valid():
                user = services.invitation_accept(
                    token=token, password=form.cleaned_data["password"]
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                # Tell allauth they have just proved who they are (a password they chose a
                # moment ago), so setting up the authenticator app does not ask for it again.
                record_authentication(request, user, method="password", email=user.email)
            else:
                user = None
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("home")
            form.add_error(None, error)  # field-keyed errors land on their field
        else:
            if user is not None:
                messages.success(request, f"You have joined {invitation.organisation.name}")
                return redirect("home")
    return render(
        request,
        "organisations/invitation_accept.html",
        {"invitation": invitation, "form": form},
    )


# Term dates and closure days ---------------------------------------------------------------


def _academic_year(request) -> int:
    """?year=2026 for 2026 to 2027; without it, the academic year of today (UK time)."""
    value = request.GET.get("year", "")
    if not value:
        return academic_year_of(timezone.localdate())
    if not (
        value.isascii()
        and value.isdigit()
        and selectors.FIRST_ACADEMIC_YEAR <= int(value) <= selectors.LAST_ACADEMIC_YEAR
    ):
        raise Http404("No such academic year.")
    return int(value)


def _term_dates_url(school, year: int) -> str:
    return f"{reverse('school_term_dates', args=[school.pk])}?year={year}"


def _term_dates_page(request, school, year: int, *, terms_form=None, closure_form=None):
    can_change = selectors.can_change_terms(request.user, school)
    year_terms = selectors.terms_or_defaults_for(school, year)
    if can_change:
        terms_form = terms_form or TermDatesForm(
            initial=TermDatesForm.initial_for(year_terms, selectors.terms_fingerprint(school, year))
        )
        closure_form = closure_form or ClosureDayForm()
    return render(
        request,
        "organisations/term_dates.html",
        {
            "school": school,
            "year": year,
            "previous_year": year - 1 if year > selectors.FIRST_ACADEMIC_YEAR else None,
            "next_year": year + 1 if year < selectors.LAST_ACADEMIC_YEAR else None,
            "year_terms": year_terms,
            "closure_days": list(selectors.closure_days_for(school, year)),
            "can_change": can_change,
            "closure_action": f"{reverse('closure_day_add', args=[school.pk])}?year={year}",
            "terms_form": terms_form if can_change else None,
            "closure_form": closure_form if can_change else None,
            "has_errors": bool(
                (terms_form is not None and terms_form.errors)
                or (closure_form is not None and closure_form.errors)
            ),
        },
    )


@login_required
def school_term_dates(request, school_id):
    """See a school's terms and closure days for a year; the head and SENCO set them here."""
    school = selectors.get_school_for_terms(request.user, school_id)
    year = _academic_year(request)
    if request.method != "POST":
        return _term_dates_page(request, school, year)
    if not selectors.can_change_terms(request.user, school):
        raise PermissionDenied("Only the head teacher or SENCO can change term dates.")
    form = TermDatesForm(request.POST)
    if form.is_valid():
        try:
            services.school_terms_set(
                actor=request.user,
                school=school,
                academic_year=year,
                terms=form.terms(),
                # No fingerprint at all (not sent by our form): do not check.
                based_on=form.cleaned_data["based_on"] if "based_on" in form.data else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            form = form.rebased(selectors.terms_fingerprint(school, year))
        else:
            messages.success(request, f"Term dates saved for {year} to {year + 1}")
            return redirect(_term_dates_url(school, year))
    return _term_dates_page(request, school, year, terms_form=form)


@login_required
@require_POST
def closure_day_add(request, school_id):
    school = selectors.get_school_for_terms(request.user, school_id)
    year = _academic_year(request)
    if not selectors.can_change_terms(request.user, school):
        raise PermissionDenied("Only the head teacher or SENCO can add closure days.")
    form = ClosureDayForm(request.POST)
    if form.is_valid():
        day = form.cleaned_data["day"]
        try:
            services.closure_day_add(
                actor=request.user, school=school, day=day, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Closure day added: {day.day} {day:%B %Y}")
            return redirect(_term_dates_url(school, academic_year_of(day)))
    return _term_dates_page(request, school, year, closure_form=form)


@login_required
@require_POST
def closure_day_remove(request, closure_id):
    closure = selectors.get_closure_day_for(request.user, closure_id)
    services.closure_day_remove(actor=request.user, closure=closure)
    day = closure.date
    messages.success(request, f"Closure day removed: {day.day} {day:%B %Y}")
    return redirect(_term_dates_url(closure.school, academic_year_of(day)))
