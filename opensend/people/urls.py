"""Routes for children, families and the SEN register. Records are addressed by UUID."""

from django.urls import path

from opensend.people import views

urlpatterns: list = [
    path("register/", views.register_index, name="register_index"),
    path("schools/<uuid:school_id>/register/", views.register, name="register"),
    path("schools/<uuid:school_id>/children/new/", views.child_add, name="child_add"),
    path("children/<uuid:child_id>/", views.child_detail, name="child_detail"),
    path("children/<uuid:child_id>/sen-status/", views.child_sen_status, name="child_sen_status"),
    path("children/<uuid:child_id>/needs/", views.child_needs, name="child_needs"),
    path("children/<uuid:child_id>/parents/new/", views.parent_link_add, name="parent_link_add"),
    path("parent-links/<uuid:link_id>/access/", views.parent_access, name="parent_access"),
]
