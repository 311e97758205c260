"""STUB: replaced by the helper that owns this file."""

from django.http import Http404


def senco_time(request, **kwargs):
    raise Http404


def senco_time_record(request, **kwargs):
    raise Http404


def senco_appointment(request, **kwargs):
    raise Http404
