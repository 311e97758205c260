from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.accounts.forms import ApiTokenForm
from opensend.accounts.selectors import user_has_totp, user_requires_mfa
from opensend.api import selectors as api_selectors
from opensend.api import services as api_services


@login_required
def account_settings(request):
    return render(
        request,
        "accounts/settings.html",
        {"has_totp": user_has_totp(request.user), "mfa_required": user_requires_mfa(request.user)},
    )


@login_required
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = api_services.api_token_create(
                actor=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": api_selectors.api_tokens_visible_to(request.user),
        },
    )


@login_required
@require_POST
def api_token_revoke(request, token_id):
    api_token = api_selectors.get_api_token_for(request.user, token_id)
    api_services.api_token_revoke(actor=request.user, api_token=api_token)
    messages.success(request, f"Token {api_token.name} revoked")
    return redirect("api_tokens")
