"""Routes for children, families and the SEN register."""

urlpatterns: list = []
