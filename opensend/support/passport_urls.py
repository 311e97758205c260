"""Routes for the pupil passport."""

urlpatterns: list = []
