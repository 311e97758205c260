"""Routes for SEN support plans. Records are addressed by UUID."""

from django.urls import path

from opensend.support import edit_views, views

urlpatterns: list = [
    path("support-plans/", views.support_plans_index, name="support_plans_index"),
    path(
        "schools/<uuid:school_id>/support-plans/",
        views.school_support_plans,
        name="school_support_plans",
    ),
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
    path(
        "support-plans/<uuid:plan_id>/edit/", edit_views.support_plan_edit, name="support_plan_edit"
    ),
    path(
        "support-plans/<uuid:plan_id>/support/new/",
        edit_views.provision_add,
        name="support_provision_add",
    ),
    path(
        "support-outcomes/<uuid:outcome_id>/edit/",
        edit_views.outcome_edit,
        name="support_outcome_edit",
    ),
    path(
        "support-outcomes/<uuid:outcome_id>/remove/",
        edit_views.outcome_remove,
        name="support_outcome_remove",
    ),
    path(
        "support-provision/<uuid:provision_id>/edit/",
        edit_views.provision_edit,
        name="support_provision_edit",
    ),
    path(
        "support-provision/<uuid:provision_id>/remove/",
        edit_views.provision_remove,
        name="support_provision_remove",
    ),
]
