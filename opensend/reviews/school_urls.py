"""Review pages: the school door (whoever arranges the review) and the professionals invited."""

from django.urls import path

from opensend.reviews import school_views

urlpatterns = [
    path("school/reviews/", school_views.school_tray, name="reviews_school_tray"),
    path("reviews/invited/", school_views.invited_list, name="reviews_invited"),
    path(
        "reviews/invited/<uuid:participant_id>/",
        school_views.invited_advice,
        name="reviews_invited_advice",
    ),
    path("reviews/<uuid:review_id>/", school_views.review_page, name="reviews_review"),
    path("reviews/<uuid:review_id>/arrange/", school_views.arrange, name="reviews_arrange"),
    path(
        "reviews/<uuid:review_id>/advice/<uuid:participant_id>/",
        school_views.advice_record,
        name="reviews_advice_record",
    ),
    path("reviews/<uuid:review_id>/circulate/", school_views.circulate, name="reviews_circulate"),
    path("reviews/<uuid:review_id>/record/", school_views.record, name="reviews_record"),
    path(
        "reviews/<uuid:review_id>/send-report/",
        school_views.report_send,
        name="reviews_report_send",
    ),
]
