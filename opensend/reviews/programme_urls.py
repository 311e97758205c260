"""Review pages: the programme door (the council's programmes and statements; the school's
view of its programme reviews). UUIDs only, never a child's name."""

from django.urls import path

from opensend.reviews import programme_views as views

urlpatterns = [
    path("la/review-programmes/", views.programme_list, name="reviews_programmes"),
    path("la/review-programmes/new/", views.programme_new, name="reviews_programme_new"),
    path(
        "la/review-programmes/<uuid:programme_id>/",
        views.programme_detail,
        name="reviews_programme",
    ),
    path(
        "la/review-programmes/<uuid:programme_id>/revise/",
        views.programme_revise,
        name="reviews_programme_revise",
    ),
    path(
        "la/review-programmes/<uuid:programme_id>/accept/",
        views.programme_accept,
        name="reviews_programme_accept",
    ),
    path("school/review-programme/", views.school_programme, name="reviews_school_programme"),
    path("la/statements/", views.statement_list, name="reviews_la_statements"),
    path(
        "la/statements/<uuid:statement_id>/start-transfer/",
        views.statement_transfer_start,
        name="reviews_statement_transfer_start",
    ),
]
