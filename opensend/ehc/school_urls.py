"""Routes for the school's side of the EHC needs assessment (see school_views)."""

from django.urls import path

from opensend.ehc import school_views

urlpatterns = [
    path("ehc/school/", school_views.school_requests_index, name="ehc_school_requests"),
    path(
        "ehc/school/cases/<uuid:case_id>/",
        school_views.school_case,
        name="ehc_school_case",
    ),
    path(
        "ehc/school/<uuid:school_id>/",
        school_views.school_requests,
        name="ehc_school_requests_for",
    ),
    path(
        "ehc/school/<uuid:school_id>/children/<uuid:child_id>/request/",
        school_views.school_request_new,
        name="ehc_school_request_new",
    ),
]
