"""STUB: replaced by the helper that owns this file."""

from django.http import Http404


def policy_list(request, **kwargs):
    raise Http404


def policy_new(request, **kwargs):
    raise Http404


def policy_detail(request, **kwargs):
    raise Http404


def policy_review(request, **kwargs):
    raise Http404


def policy_confirm(request, **kwargs):
    raise Http404


def policy_approve(request, **kwargs):
    raise Http404
