"""The JSON API at /api/v1/: OpenAPI 3.1, session or personal-token sign-in, one error shape.

Every error, whatever raised it, answers as {"error": {"code", "message", "fields"}} so a
client needs one parser. Reads go through the same selectors as the web pages.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from opensend.accounts.selectors import user_has_totp, user_requires_mfa
from opensend.api.services import api_token_authenticate


class PersonalToken(HttpBearer):
    def authenticate(self, request, token):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class MultiFactorSession(SessionAuth):
    """A browser session counts only once its owner has met the MFA requirement."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user and user_requires_mfa(user) and not user_has_totp(user):
            return None
        return user


api = NinjaAPI(
    title="OpenSEND API",
    version="1",
    description=(
        "Read and update OpenSEND records you are allowed to see. Sign in with your browser "
        "session, or send a personal token (Your account > API tokens) as "
        "`Authorization: Bearer <token>`."
    ),
    auth=[MultiFactorSession(csrf=True), PersonalToken()],
    urls_namespace="api",
)


def error_response(request, status: int, code: str, message: str, fields=None):
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


@api.exception_handler(NinjaValidationError)
def on_validation_error(request, exc):
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload")]
        fields.setdefault(".".join(location) or "request", []).append(error.get("msg", ""))
    return error_response(request, 422, "invalid", "Some of the data is not valid.", fields)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {}
    return error_response(request, 422, "invalid", " ".join(exc.messages), fields)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return error_response(request, 401, "unauthenticated", "Sign in or send a valid token.")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(request, 403, "forbidden", str(exc) or "You cannot do this.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error_response(request, exc.status_code, "error", str(exc))


api.add_router("/", "opensend.api.routes.router")
api.add_router("/", "opensend.people.api.router")
api.add_router("/", "opensend.support.api.router")
api.add_router("/", "opensend.provision.api.router")
api.add_router("/", "opensend.ehc.api.router")
api.add_router("/", "opensend.ehc.plan_api.router")
