"""Stub: replaced by the issue 11 helper that owns this module."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404("Not built yet.")


def overview(request, **kwargs):
    raise Http404("Not built yet.")


def item_edit(request, **kwargs):
    raise Http404("Not built yet.")


def refresh(request, **kwargs):
    raise Http404("Not built yet.")


def preview(request, **kwargs):
    raise Http404("Not built yet.")


def publish(request, **kwargs):
    raise Http404("Not built yet.")
