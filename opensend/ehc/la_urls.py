"""The local authority's EHC needs assessment pages (opensend/ehc/la_views/). UUIDs only."""

from django.urls import path

from opensend.ehc import la_views

urlpatterns = [
    path("ehc/cases/", la_views.work_tray, name="ehc_work_tray"),
    path("ehc/cases/bulk/", la_views.work_tray_bulk, name="ehc_work_tray_bulk"),
    path("ehc/cases/<uuid:case_id>/", la_views.case_detail, name="ehc_case"),
    path("ehc/cases/<uuid:case_id>/assign/", la_views.case_assign, name="ehc_case_assign"),
    path("ehc/cases/<uuid:case_id>/withdraw/", la_views.case_withdraw, name="ehc_case_withdraw"),
    path("ehc/cases/<uuid:case_id>/decide/<str:kind>/", la_views.decision, name="ehc_decision"),
    path(
        "ehc/cases/<uuid:case_id>/exceptions/new/",
        la_views.exception_add,
        name="ehc_exception_add",
    ),
    path("ehc/cases/<uuid:case_id>/advice/", la_views.advice_plan, name="ehc_advice_plan"),
    path("ehc/advice/<uuid:advice_id>/manage/", la_views.advice_manage, name="ehc_advice_manage"),
    path("ehc/letters/<uuid:letter_id>/", la_views.letter, name="ehc_letter"),
    path("ehc/letters/<uuid:letter_id>/pdf/", la_views.letter_pdf, name="ehc_letter_pdf"),
    path("ehc/requests/paper/", la_views.paper_request, name="ehc_paper_request"),
]
