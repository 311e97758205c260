"""Routes for planning parent meetings: the one-action plan, the proposals, and the school's list.

Records are addressed by UUID; nothing about a child is in a URL.
"""

from django.urls import path

from opensend.meetings import planning_views as views

urlpatterns: list = [
    path("meetings/", views.meetings_index, name="meetings_index"),
    path("schools/<uuid:school_id>/meetings/", views.school_meetings, name="school_meetings"),
    path("schools/<uuid:school_id>/meetings/plan/", views.meetings_plan, name="meetings_plan"),
    path(
        "schools/<uuid:school_id>/meetings/proposed/",
        views.meetings_proposed,
        name="meetings_proposed",
    ),
    path(
        "meetings/proposals/<uuid:meeting_id>/edit/",
        views.meeting_proposal_edit,
        name="meeting_proposal_edit",
    ),
    path(
        "meetings/proposals/<uuid:meeting_id>/remove/",
        views.meeting_proposal_remove,
        name="meeting_proposal_remove",
    ),
    path(
        "meetings/places/<uuid:invitee_id>/move/",
        views.meeting_place_move,
        name="meeting_place_move",
    ),
]
