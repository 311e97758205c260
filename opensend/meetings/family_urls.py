"""Routes for parent meetings (family): a family's own places at meetings."""

from django.urls import path

from opensend.meetings import family_views

urlpatterns = [
    path("family/meetings/", family_views.family_meetings, name="family_meetings"),
    path(
        "family/meetings/<uuid:invitee_id>/",
        family_views.family_meeting,
        name="family_meeting",
    ),
]
