"""Routes for parent meetings (compliance at a glance)."""

from django.urls import path

from opensend.meetings import compliance_views

urlpatterns = [
    path(
        "schools/<uuid:school_id>/meetings/compliance/",
        compliance_views.meetings_compliance,
        name="meetings_compliance",
    ),
    path(
        "schools/<uuid:school_id>/meetings/invite/",
        compliance_views.meetings_invite_next,
        name="meetings_invite_next",
    ),
]
