"""STUB: replaced by the helper that owns this file."""

from django.http import Http404


def training_plan(request, **kwargs):
    raise Http404


def session_new(request, **kwargs):
    raise Http404


def session_detail(request, **kwargs):
    raise Http404


def session_cancel(request, **kwargs):
    raise Http404


def briefing(request, **kwargs):
    raise Http404


def briefing_remind(request, **kwargs):
    raise Http404


def staff_training(request, **kwargs):
    raise Http404


def my_training(request, **kwargs):
    raise Http404
