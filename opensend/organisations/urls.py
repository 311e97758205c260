"""Routes for a school's term dates and closure days. Records are addressed by UUID."""

from django.urls import path

from opensend.organisations import views

urlpatterns: list = [
    path("schools/<uuid:school_id>/term-dates/", views.school_term_dates, name="school_term_dates"),
    path(
        "schools/<uuid:school_id>/closure-days/",
        views.closure_day_add,
        name="closure_day_add",
    ),
    path(
        "closure-days/<uuid:closure_id>/remove/",
        views.closure_day_remove,
        name="closure_day_remove",
    ),
]
