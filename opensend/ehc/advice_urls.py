"""URL routes for the people who give advice: see opensend/ehc/advice_views.py."""

from django.urls import path

from opensend.ehc import advice_views

urlpatterns = [
    path("ehc/advice/", advice_views.advice_list, name="ehc_advice_list"),
    path("ehc/advice/<uuid:advice_id>/", advice_views.advice_detail, name="ehc_advice"),
    path(
        "ehc/attachments/<uuid:attachment_id>/",
        advice_views.attachment_download,
        name="ehc_attachment",
    ),
]
