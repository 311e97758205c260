"""Routes for SEN support plans. Records are addressed by UUID."""

from django.urls import path

from opensend.support import views

urlpatterns: list = [
    path(
        "children/<uuid:child_id>/support-plans/new/",
        views.support_plan_start,
        name="support_plan_start",
    ),
    path("support-plans/<uuid:plan_id>/", views.support_plan_detail, name="support_plan_detail"),
    path(
        "support-plans/<uuid:plan_id>/outcomes/new/",
        views.outcome_add,
        name="support_outcome_add",
    ),
    path(
        "support-plans/<uuid:plan_id>/activate/",
        views.support_plan_activate,
        name="support_plan_activate",
    ),
    path(
        "support-plans/<uuid:plan_id>/review/",
        views.support_plan_review,
        name="support_plan_review",
    ),
]
