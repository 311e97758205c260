"""Sends staff who have not yet set up an authenticator app to do so before anything else."""

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from opensend.accounts.selectors import user_has_totp, user_requires_mfa

# Pages a person must reach while setting up MFA: the MFA screens, sign-out and static files.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/session/", "/accessibility/")


class RequireMultiFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and user_requires_mfa(user)
            and not user_has_totp(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "error": {
                            "code": "mfa_required",
                            "message": "Set up two-factor "
                            "authentication in the web app before using the API.",
                        }
                    },
                    status=403,
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
