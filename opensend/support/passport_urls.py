"""Routes for the pupil passport. Records are addressed by UUID; no name is ever in a URL."""

from django.urls import path

from opensend.support import passport_views as views

urlpatterns: list = [
    path("passports/", views.passport_index, name="passport_index"),
    path("children/<uuid:child_id>/passport/", views.pupil_passport, name="pupil_passport"),
    path(
        "children/<uuid:child_id>/passport.pdf",
        views.pupil_passport_pdf,
        name="pupil_passport_pdf",
    ),
    path("schools/<uuid:school_id>/passports/", views.school_passports, name="school_passports"),
    path(
        "schools/<uuid:school_id>/passports.pdf",
        views.school_passports_pdf,
        name="school_passports_pdf",
    ),
]
