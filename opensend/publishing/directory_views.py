"""Stub: replaced by the issue 11 helper that owns this module."""

from django.http import Http404


def index(request, **kwargs):
    raise Http404("Not built yet.")


def provider_entries(request, **kwargs):
    raise Http404("Not built yet.")


def provider_service_new(request, **kwargs):
    raise Http404("Not built yet.")


def service_edit(request, **kwargs):
    raise Http404("Not built yet.")


def service_confirm(request, **kwargs):
    raise Http404("Not built yet.")


def la_index(request, **kwargs):
    raise Http404("Not built yet.")


def la_offer(request, **kwargs):
    raise Http404("Not built yet.")


def la_settings(request, **kwargs):
    raise Http404("Not built yet.")


def la_services(request, **kwargs):
    raise Http404("Not built yet.")


def la_service_new(request, **kwargs):
    raise Http404("Not built yet.")


def la_changes(request, **kwargs):
    raise Http404("Not built yet.")


def change_review(request, **kwargs):
    raise Http404("Not built yet.")
