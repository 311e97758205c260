from django.conf import settings

from opensend.core.navigation import navigation_for


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": navigation_for(request),
        "session_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_TIMEOUT_WARNING_SECONDS,
    }
