"""SEN support plans through the JSON API, read through the same selectors as the pages."""

from ninja import Router

router = Router(tags=["Support plans"])
