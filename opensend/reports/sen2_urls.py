"""The SEN2 statutory return (issue 12 item 4): for a council's SEND team only."""

from django.urls import path

from opensend.reports import sen2_views

urlpatterns = [
    path("reports/sen2/", sen2_views.sen2_start, name="sen2_start"),
    path("reports/sen2/<uuid:la_id>/", sen2_views.sen2_return, name="sen2_return"),
    path("reports/sen2/<uuid:la_id>/xml/", sen2_views.sen2_xml_download, name="sen2_xml"),
    path("reports/sen2/<uuid:la_id>/csv/", sen2_views.sen2_csv_download, name="sen2_csv"),
    path("reports/sen2/<uuid:la_id>/xlsx/", sen2_views.sen2_xlsx_download, name="sen2_xlsx"),
]
