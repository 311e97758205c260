"""Routes for parent meetings (family)."""

urlpatterns: list = []
