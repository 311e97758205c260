"""The provision map through the JSON API, read through the same selectors as the pages."""

from ninja import Router

router = Router(tags=["Provision map"])
