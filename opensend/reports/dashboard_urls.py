"""The dashboards (issue 12 items 1 and 2): a council's, a school's, and its governors'."""

from django.urls import path

from opensend.reports import la_dashboard_views, school_dashboard_views, start_views

urlpatterns = [
    path("reports/", start_views.reports_start, name="reports_start"),
    path(
        "reports/authority/<uuid:la_id>/",
        la_dashboard_views.la_dashboard,
        name="la_dashboard",
    ),
    path(
        "reports/authority/<uuid:la_id>/cases/",
        la_dashboard_views.la_dashboard_cases,
        name="la_dashboard_cases",
    ),
    path(
        "reports/schools/<uuid:school_id>/",
        school_dashboard_views.school_dashboard,
        name="school_dashboard",
    ),
    path(
        "reports/schools/<uuid:school_id>/governors/",
        school_dashboard_views.governors_dashboard,
        name="governors_dashboard",
    ),
]
