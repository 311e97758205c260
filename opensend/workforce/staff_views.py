"""STUB: replaced by the helper that owns this file."""

from django.http import Http404


def staff_list(request, **kwargs):
    raise Http404


def staff_edit(request, **kwargs):
    raise Http404
