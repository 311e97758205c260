"""STUB: replaced by the helper that owns this file."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def school_workload(request, **kwargs):
    raise Http404


def la_workload(request, **kwargs):
    raise Http404
