"""Routes for importing pupils and SEN data from a school's MIS export."""

from django.urls import path

from opensend.people import import_views

urlpatterns: list = [
    path("schools/<uuid:school_id>/import/", import_views.mis_import, name="mis_import"),
    path(
        "schools/<uuid:school_id>/import/confirm/",
        import_views.mis_import_confirm,
        name="mis_import_confirm",
    ),
]
