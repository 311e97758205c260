"""Stub: replaced by the issue 11 helper that owns this module."""
