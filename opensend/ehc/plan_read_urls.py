"""URL routes for reading an EHC plan, and the family's and school's answers (plan_read_views)."""

from django.urls import path

from opensend.ehc import plan_read_views as views

urlpatterns: list = [
    path("ehc/plan-versions/<uuid:version_id>/", views.plan_version, name="ehc_plan_version"),
    path("ehc/plan-versions/<uuid:version_id>/pdf/", views.plan_pdf, name="ehc_plan_pdf"),
    path(
        "ehc/plan-versions/<uuid:version_id>/compare/<uuid:other_id>/",
        views.plan_compare,
        name="ehc_plan_compare",
    ),
    path(
        "ehc/plan-versions/<uuid:version_id>/respond/",
        views.plan_respond,
        name="ehc_plan_respond",
    ),
    path(
        "ehc/consultations/<uuid:consultation_id>/",
        views.plan_consultation,
        name="ehc_plan_consultation",
    ),
]
