"""Every EHC needs assessment page, by who uses it (each door shows only its party's view)."""

from django.urls import include, path

urlpatterns = [
    path("", include("opensend.ehc.la_urls")),
    path("", include("opensend.ehc.school_urls")),
    path("", include("opensend.ehc.family_urls")),
    path("", include("opensend.ehc.advice_urls")),
    path("", include("opensend.ehc.report_urls")),
    path("", include("opensend.ehc.plan_la_urls")),
    path("", include("opensend.ehc.plan_read_urls")),
]
