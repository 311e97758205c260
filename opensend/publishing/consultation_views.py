"""Stub: replaced by the issue 11 helper that owns this module."""

from django.http import Http404


def mine(request, **kwargs):
    raise Http404("Not built yet.")


def consultations(request, **kwargs):
    raise Http404("Not built yet.")


def consultation_new(request, **kwargs):
    raise Http404("Not built yet.")


def consultation(request, **kwargs):
    raise Http404("Not built yet.")


def theme_new(request, **kwargs):
    raise Http404("Not built yet.")


def theme_edit(request, **kwargs):
    raise Http404("Not built yet.")


def comment(request, **kwargs):
    raise Http404("Not built yet.")


def publish(request, **kwargs):
    raise Http404("Not built yet.")
