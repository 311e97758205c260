"""The council writes the EHC plan (opensend/ehc/plan_la_views.py). UUIDs only in paths."""

from django.urls import path

from opensend.ehc import plan_la_views as views

urlpatterns = [
    path("ehc/cases/<uuid:case_id>/plan/start/", views.plan_start, name="ehc_plan_start"),
    path("ehc/plan-versions/<uuid:version_id>/edit/", views.plan_edit, name="ehc_plan_edit"),
    path(
        "ehc/plan-versions/<uuid:version_id>/needs/add/",
        views.need_add,
        name="ehc_plan_need_add",
    ),
    path(
        "ehc/plan-versions/<uuid:version_id>/outcomes/add/",
        views.outcome_add,
        name="ehc_plan_outcome_add",
    ),
    path(
        "ehc/plan-versions/<uuid:version_id>/provision/add/",
        views.provision_add,
        name="ehc_plan_provision_add",
    ),
    path(
        "ehc/plan-versions/<uuid:version_id>/rows/<str:kind>/<uuid:row_id>/remove/",
        views.row_remove,
        name="ehc_plan_row_remove",
    ),
    path("ehc/plan-versions/<uuid:version_id>/serve/", views.plan_serve, name="ehc_plan_serve"),
    path(
        "ehc/plan-versions/<uuid:version_id>/finalise/",
        views.plan_finalise,
        name="ehc_plan_finalise",
    ),
]
