"""Stub: replaced by the issue 11 helper that owns this module."""

from django.http import Http404


def report(request, **kwargs):
    raise Http404("Not built yet.")


def report_pdf(request, **kwargs):
    raise Http404("Not built yet.")


def report_embed(request, **kwargs):
    raise Http404("Not built yet.")


def report_version(request, **kwargs):
    raise Http404("Not built yet.")


def report_version_pdf(request, **kwargs):
    raise Http404("Not built yet.")


def local_offers(request, **kwargs):
    raise Http404("Not built yet.")


def local_offer(request, **kwargs):
    raise Http404("Not built yet.")


def service(request, **kwargs):
    raise Http404("Not built yet.")
