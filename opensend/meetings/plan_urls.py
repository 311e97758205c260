"""Routes for parent meetings (plan)."""

urlpatterns: list = []
