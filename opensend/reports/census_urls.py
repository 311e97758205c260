"""Routes for the school census SEN fields export (issue 12 item 5)."""

from django.urls import path

from opensend.reports import census_views

urlpatterns: list = [
    path(
        "schools/<uuid:school_id>/census-export/",
        census_views.census_export_page,
        name="census_export",
    ),
    path(
        "schools/<uuid:school_id>/census-export/download/",
        census_views.census_export_download,
        name="census_export_download",
    ),
]
