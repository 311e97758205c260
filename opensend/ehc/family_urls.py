"""Routes for the family's side of the EHC needs assessment, and reading a decision letter
(see family_views)."""

from django.urls import path

from opensend.ehc import family_views

urlpatterns = [
    path("ehc/family/", family_views.family_cases, name="ehc_family_cases"),
    path(
        "ehc/family/children/<uuid:child_id>/request/",
        family_views.family_request_new,
        name="ehc_family_request_new",
    ),
    path("ehc/family/cases/<uuid:case_id>/", family_views.family_case, name="ehc_family_case"),
    path("ehc/letters/<uuid:letter_id>/read/", family_views.letter_read, name="ehc_letter_read"),
]
