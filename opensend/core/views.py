"""Pages every visitor meets: the start page, the role landing page, and the error pages."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opensend.core.home import home_context


def start(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/start.html")


def home(request):
    if not request.user.is_authenticated:
        return redirect("start")
    context = home_context(request.user)
    return render(request, context["template"], context)


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def api_guide(request):
    return render(request, "core/api_guide.html")


def signed_out(request):
    timed_out = "timeout" in request.GET
    if timed_out and request.user.is_authenticated:
        # The page in this tab ran out of time. Sign out for real, so a shared computer is
        # not left signed in, even if another tab kept the session alive.
        logout(request)
    return render(
        request,
        "core/signed_out.html",
        {"timed_out": timed_out, "idle_minutes": settings.SESSION_COOKIE_AGE // 60},
    )


@require_POST
def session_extend(request):
    """The "Stay signed in" button: touching the session restarts its 30 minutes."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    request.session.modified = True
    return JsonResponse({"signed_in": True})


def healthz(request):
    """For load balancers: the process answers. Says nothing about data."""
    return HttpResponse("ok", content_type="text/plain")


def csrf_failure(request, reason=""):
    return render(request, "errors/csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
