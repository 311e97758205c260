"""PLACEHOLDER: the school dashboard views (being written)."""

from django.http import Http404


def school_dashboard(request, school_id):
    raise Http404


def governors_dashboard(request, school_id):
    raise Http404
