"""Routes for the provision map. Records are addressed by UUID."""

urlpatterns: list = []
