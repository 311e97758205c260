"""Every review page, by who uses it (each door shows only its party's view)."""

from django.urls import include, path

urlpatterns = [
    path("", include("opensend.reviews.school_urls")),
    path("", include("opensend.reviews.la_urls")),
    path("", include("opensend.reviews.family_urls")),
    path("", include("opensend.reviews.programme_urls")),
]
