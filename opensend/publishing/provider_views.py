"""The council's list of Local Offer providers in its area, and adding one (issue 11 item 3).

Thin: the Local Offer comes through selectors._access (404 outside the council's SEND team),
the service checks and writes, and the page says what happens next."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from opensend.core.forms import add_service_errors
from opensend.publishing.directory_forms import ProviderAddForm
from opensend.publishing.selectors._access import get_local_offer_for
from opensend.publishing.selectors.directory import area_providers
from opensend.publishing.services.providers import provider_add


@login_required
def la_providers(request, offer_id):
    offer = get_local_offer_for(request.user, offer_id)
    form = ProviderAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            provider = provider_add(actor=request.user, local_offer=offer, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{provider.name} is added. We have emailed {form.cleaned_data['contact_email']} "
                "a link to join; once they have, they can add and change their entries, and "
                "you approve each change.",
            )
            return redirect("publishing_la_providers", offer.pk)
    context = {"offer": offer, "providers": area_providers(offer), "form": form}
    return render(request, "publishing/directory_la_providers.html", context)
