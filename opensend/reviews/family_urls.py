"""Review pages: the family door."""

from django.urls import path

from opensend.reviews import family_views

urlpatterns = [
    path("family/reviews/", family_views.family_list, name="reviews_family_list"),
    path(
        "family/reviews/<uuid:review_id>/",
        family_views.family_review,
        name="reviews_family_review",
    ),
    path(
        "family/reviews/<uuid:review_id>/views/",
        family_views.family_views,
        name="reviews_family_views",
    ),
]
