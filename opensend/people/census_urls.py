"""Routes for the school census check."""

from django.urls import path

from opensend.people import census_views

urlpatterns: list = [
    path(
        "schools/<uuid:school_id>/census-check/",
        census_views.census_check,
        name="census_check",
    ),
]
