"""Routes for parent meetings (compliance)."""

urlpatterns: list = []
