"""Routes for parent meetings (record): one meeting, its record, cancelling it. By UUID."""

from django.urls import path

from opensend.meetings import record_views

urlpatterns: list = [
    path("meetings/<uuid:meeting_id>/", record_views.meeting_detail, name="meeting_detail"),
    path("meetings/<uuid:meeting_id>/record/", record_views.meeting_record, name="meeting_record"),
    path("meetings/<uuid:meeting_id>/cancel/", record_views.meeting_cancel, name="meeting_cancel"),
]
