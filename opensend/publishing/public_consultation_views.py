"""Stub: replaced by the issue 11 helper that owns this module."""

from django.http import Http404


def you_said(request, **kwargs):
    raise Http404("Not built yet.")


def respond(request, **kwargs):
    raise Http404("Not built yet.")


def thanks(request, **kwargs):
    raise Http404("Not built yet.")
