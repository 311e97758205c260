"""Routes for importing pupils, SEN data and families from a school's MIS export, and for
inviting the parents and carers it records."""

from django.urls import path

from opensend.people import import_views

urlpatterns: list = [
    path("schools/<uuid:school_id>/import/", import_views.mis_import, name="mis_import"),
    path(
        "schools/<uuid:school_id>/import/confirm/",
        import_views.mis_import_confirm,
        name="mis_import_confirm",
    ),
    path("parent-links/<uuid:link_id>/invite/", import_views.parent_invite, name="parent_invite"),
]
