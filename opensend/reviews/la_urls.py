"""Review pages: the council's door (opensend/reviews/la_views.py). UUIDs only."""

from django.urls import path

from opensend.reviews import la_views

urlpatterns = [
    path("la/reviews/", la_views.tray, name="reviews_la_tray"),
    path("la/reviews/<uuid:review_id>/", la_views.review, name="reviews_la_review"),
    path("la/reviews/<uuid:review_id>/decide/", la_views.decide, name="reviews_la_decide"),
    path(
        "la/plans/<uuid:plan_id>/interim-review/",
        la_views.interim_add,
        name="reviews_la_interim_add",
    ),
    path("la/phase-transfers/", la_views.phase_transfers, name="reviews_la_phase_transfers"),
    path(
        "reviews/children/<uuid:child_id>/next-phase/",
        la_views.next_phase,
        name="reviews_next_phase",
    ),
]
