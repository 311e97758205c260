"""Routes for the shared services in core (calendar feeds and similar)."""

urlpatterns: list = []
