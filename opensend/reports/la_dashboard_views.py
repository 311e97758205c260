"""PLACEHOLDER: the LA dashboard views (being written)."""

from django.http import Http404


def la_dashboard(request, la_id):
    raise Http404


def la_dashboard_cases(request, la_id):
    raise Http404
