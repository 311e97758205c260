"""Keeping the Local Offer directory (issue 11 item 3): providers keep their own entries and
send changes for approval; the authority's SEND team keeps the offer's settings and entries,
and approves or sends back providers' changes.

Thin views: read through selectors (another organisation's record is 404), call one service,
redirect with a message saying what happens next.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.core.forms import STALE_EDIT_MESSAGE, add_service_errors
from opensend.core.services import StaleEditError
from opensend.organisations.models import Organisation
from opensend.people.selectors import la_ids
from opensend.publishing.directory_forms import LocalOfferForm, SendBackForm, ServiceForm
from opensend.publishing.models import ChangeStatus, ServiceCategory
from opensend.publishing.selectors import directory as select
from opensend.publishing.selectors._access import (
    get_change_for,
    get_local_offer_for,
    get_provider_for,
    get_service_for,
    is_authority_for,
    local_offers_kept_by,
)
from opensend.publishing.services._base import today
from opensend.publishing.services.directory import (
    change_approve,
    change_reject,
    provider_choices,
    service_fields,
    service_propose,
    service_save,
)
from opensend.publishing.services.directory import (
    service_confirm as confirm,
)
from opensend.publishing.services.offer_settings import local_offer_update
from opensend.publishing.services.offers import local_offer_for


def _posted(request):
    return request.POST if request.method == "POST" else None


def _choose(request, title: str, choices, url_name: str, hint: str):
    context = {"title": title, "choices": choices, "url_name": url_name, "hint": hint}
    return render(request, "publishing/directory_choose.html", context)


# --- providers -----------------------------------------------------------------------------------


@login_required
def index(request):
    """A provider's way in: straight to its entries, or a choice when it keeps several."""
    providers = list(select.providers_of(request.user))
    if not providers:
        raise Http404("You do not keep any Local Offer entries.")
    if len(providers) == 1:
        return redirect("publishing_provider_entries", providers[0].pk)
    return _choose(
        request,
        "Your Local Offer entries",
        [(provider.pk, provider.name) for provider in providers],
        "publishing_provider_entries",
        "You keep entries for more than one organisation. Choose one.",
    )


@login_required
def provider_entries(request, organisation_id):
    provider = get_provider_for(request.user, organisation_id)
    rows = select.provider_entry_rows(provider, today())
    context = {
        "provider": provider,
        "rows": rows,
        "checking": sum(1 for row in rows if row.status == select.NEEDS_CHECKING),
    }
    return render(request, "publishing/directory_provider_entries.html", context)


def _offer_for_provider(provider: Organisation):
    if provider.local_authority is None:
        raise Http404("This provider is not in any authority's area.")
    return local_offer_for(provider.local_authority)


def _form_page(request, form, *, title, caption, back, submit, authority, service=None, extra=None):
    context = {
        "form": form,
        "title": title,
        "caption": caption,
        "back": back,
        "submit": submit,
        "authority": authority,
        "service": service,
        **(extra or {}),
    }
    return render(request, "publishing/directory_service_form.html", context)


def _save(form, save):
    """Call `save(fields)`; on a refusal put the reason on the form. Returns what save returned,
    or None."""
    try:
        return save(form.to_fields())
    except StaleEditError:
        form.add_error(None, STALE_EDIT_MESSAGE)
    except ValidationError as error:
        add_service_errors(form, error, field_map=form.error_map())
    except PermissionDenied as error:
        form.add_error(None, str(error))
    return None


@login_required
def provider_service_new(request, organisation_id):
    provider = get_provider_for(request.user, organisation_id)
    offer = _offer_for_provider(provider)
    areas = offer.areas.all()
    form = ServiceForm(_posted(request), areas=areas, initial={"for_all_needs": True})
    if request.method == "POST" and form.is_valid():
        change = _save(
            form,
            lambda fields: service_propose(
                actor=request.user, provider=provider, local_offer=offer, fields=fields
            ),
        )
        if change is not None:
            messages.success(
                request,
                f"Sent to {offer.local_authority.name} for approval. The entry goes on the "
                "Local Offer when they approve it; you will get an email.",
            )
            return redirect("publishing_provider_entries", provider.pk)
    return _form_page(
        request,
        form,
        title="Add an entry",
        caption=provider.name,
        back=("publishing_provider_entries", provider.pk),
        submit="Send for approval",
        authority=False,
    )


@login_required
def service_edit(request, service_id):
    service = get_service_for(request.user, service_id)
    offer = service.local_offer
    if is_authority_for(request.user, service):
        return _authority_edit(request, service, offer)
    return _provider_edit(request, service, offer)


def _provider_edit(request, service, offer):
    pending = service.changes.filter(status=ChangeStatus.PENDING).first()
    values = pending.proposed if pending else service_fields(service)
    areas = offer.areas.all()
    if request.method == "POST":
        form = ServiceForm(request.POST, areas=areas)
    else:
        form = ServiceForm(
            areas=areas, initial=ServiceForm.initial_from(values, version=service.version)
        )
    if request.method == "POST" and form.is_valid():
        change = _save(
            form,
            lambda fields: service_propose(
                actor=request.user,
                provider=service.provider,
                local_offer=offer,
                fields=fields,
                service=service,
                version=form.cleaned_data.get("version"),
            ),
        )
        if change is not None:
            messages.success(
                request,
                f"Sent to {offer.local_authority.name} for approval. Until they approve it, the "
                "Local Offer shows the entry as it was.",
            )
            return redirect("publishing_provider_entries", service.provider_id)
    last = service.changes.order_by("-created_at").first()
    return _form_page(
        request,
        form,
        title=f"Change {service.name}",
        caption=service.provider.name,
        back=("publishing_provider_entries", service.provider_id),
        submit="Send for approval",
        authority=False,
        service=service,
        extra={
            "pending": pending,
            "sent_back": last if last and last.status == ChangeStatus.REJECTED else None,
        },
    )


def _authority_edit(request, service, offer):
    areas, providers = offer.areas.all(), provider_choices(offer)
    if request.method == "POST":
        form = ServiceForm(request.POST, areas=areas, providers=providers)
    else:
        initial = ServiceForm.initial_from(
            service_fields(service), version=service.version, provider=service.provider_id
        )
        form = ServiceForm(areas=areas, providers=providers, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda fields: service_save(
                actor=request.user,
                local_offer=offer,
                fields=fields,
                service=service,
                version=form.cleaned_data.get("version"),
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.name} saved. The Local Offer shows it now.")
            return redirect("publishing_la_services", offer.pk)
    pending = service.changes.filter(status=ChangeStatus.PENDING).first()
    return _form_page(
        request,
        form,
        title=f"Change {service.name}",
        caption=offer.local_authority.name,
        back=("publishing_la_services", offer.pk),
        submit="Save and publish",
        authority=True,
        service=service,
        extra={"pending": pending},
    )


@login_required
@require_POST
def service_confirm(request, service_id):
    service = get_service_for(request.user, service_id)
    authority = is_authority_for(request.user, service)
    try:
        confirm(actor=request.user, service=service)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request, f"{service.name} confirmed as still correct. We will ask again in a year."
        )
    if authority:
        return redirect("publishing_la_services", service.local_offer_id)
    return redirect("publishing_provider_entries", service.provider_id)


# --- the authority -------------------------------------------------------------------------------


@login_required
def la_index(request):
    """The SEND team's Local Offer: every authority has one, made the first time it is needed."""
    for organisation in Organisation.objects.filter(pk__in=la_ids(request.user)):
        local_offer_for(organisation, actor=request.user)
    offers = list(local_offers_kept_by(request.user).order_by("local_authority__name"))
    if not offers:
        raise Http404("You are not on an authority's SEND team.")
    if len(offers) == 1:
        return redirect("publishing_la_offer", offers[0].pk)
    return _choose(
        request,
        "Local Offer",
        [(offer.pk, offer.local_authority.name) for offer in offers],
        "publishing_la_offer",
        "You work for more than one authority. Choose a Local Offer.",
    )


@login_required
def la_offer(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    context = {"offer": offer, "numbers": select.dashboard(offer, today())}
    return render(request, "publishing/directory_la_offer.html", context)


@login_required
def la_settings(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    if request.method != "POST":
        initial = {
            "version": offer.version,
            "areas": "\n".join(offer.areas.values_list("name", flat=True)),
            **{
                name: getattr(offer, name)
                for name in LocalOfferForm.base_fields
                if name not in ("version", "areas")
            },
        }
        form = LocalOfferForm(initial=initial)
    else:
        form = LocalOfferForm(request.POST)
        if form.is_valid():
            try:
                local_offer_update(
                    actor=request.user,
                    local_offer=offer,
                    fields=form.to_fields(),
                    areas_text=form.cleaned_data["areas"],
                    version=form.cleaned_data["version"],
                )
            except StaleEditError:
                form.add_error(None, STALE_EDIT_MESSAGE)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Local Offer settings saved. The public page shows them now."
                )
                return redirect("publishing_la_offer", offer.pk)
    return render(request, "publishing/directory_la_settings.html", {"offer": offer, "form": form})


@login_required
def la_services(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    category = request.GET.get("category", "")
    stale_only = request.GET.get("stale") == "1"
    provider = request.GET.get("provider", "")
    services = select.la_services(
        offer, today(), category=category, stale_only=stale_only, provider=provider
    )
    page = select.la_service_page(services, request.GET.get("page"), today())
    context = {
        "offer": offer,
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
        "categories": ServiceCategory.choices,
        "providers": select.offer_providers(offer),
        "category": category,
        "stale_only": stale_only,
        "provider": provider,
    }
    return render(request, "publishing/directory_la_services.html", context)


@login_required
def la_service_new(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    areas, providers = offer.areas.all(), provider_choices(offer)
    form = ServiceForm(
        _posted(request),
        areas=areas,
        providers=providers,
        initial={"for_all_needs": True, "provider": str(offer.local_authority_id)},
    )
    if request.method == "POST" and form.is_valid():
        saved = _save(
            form,
            lambda fields: service_save(actor=request.user, local_offer=offer, fields=fields),
        )
        if saved is not None:
            messages.success(request, f"{saved.name} added. The Local Offer shows it now.")
            return redirect("publishing_la_services", offer.pk)
    return _form_page(
        request,
        form,
        title="Add an entry",
        caption=offer.local_authority.name,
        back=("publishing_la_services", offer.pk),
        submit="Save and publish",
        authority=True,
    )


@login_required
def la_changes(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    changes = select.pending_changes(offer)
    return render(
        request, "publishing/directory_la_changes.html", {"offer": offer, "changes": changes}
    )


@login_required
def change_review(request, change_id):
    change = get_change_for(request.user, change_id)
    offer = change.service.local_offer
    form = SendBackForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "approve":
                change_approve(actor=request.user, change=change)
                messages.success(
                    request, f"Approved. {change.service.name} is on the Local Offer now."
                )
            else:
                change_reject(actor=request.user, change=change, note=form.cleaned_data["note"])
                messages.success(request, "Sent back. The provider has been emailed your note.")
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            return redirect("publishing_la_changes", offer.pk)
    context = {
        "offer": offer,
        "change": change,
        "differences": select.change_differences(change),
        "new_entry": not change.service.is_published,
        "form": form,
        "pending": change.status == ChangeStatus.PENDING,
    }
    return render(request, "publishing/directory_change_review.html", context)
