"""Routes for parent meetings (record)."""

urlpatterns: list = []
