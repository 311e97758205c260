"""URL routes: see opensend/ehc/report_views.py."""

from django.urls import path

from opensend.ehc import report_views

urlpatterns = [
    path("ehc/reports/timeliness/", report_views.timeliness_report, name="ehc_timeliness"),
]
