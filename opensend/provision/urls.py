"""Routes for the provision map. Records are addressed by UUID."""

from django.urls import path

from opensend.provision import views

urlpatterns: list = [
    path("provision-map/", views.provision_index, name="provision_index"),
    path("schools/<uuid:school_id>/provision-map/", views.provision_map, name="provision_map"),
    path(
        "schools/<uuid:school_id>/provision-map/csv/",
        views.provision_map_csv,
        name="provision_map_csv",
    ),
    path(
        "schools/<uuid:school_id>/interventions/new/",
        views.intervention_create,
        name="intervention_create",
    ),
    path(
        "interventions/<uuid:intervention_id>/",
        views.intervention_detail,
        name="intervention_detail",
    ),
    path(
        "interventions/<uuid:intervention_id>/edit/",
        views.intervention_edit,
        name="intervention_edit",
    ),
    path(
        "interventions/<uuid:intervention_id>/pupils/",
        views.intervention_pupils_add,
        name="intervention_pupils_add",
    ),
    path(
        "interventions/<uuid:intervention_id>/pupils/<uuid:provision_id>/end/",
        views.intervention_pupil_end,
        name="intervention_pupil_end",
    ),
]
