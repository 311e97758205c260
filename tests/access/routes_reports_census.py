"""Access cases for the school census SEN fields export (issue 12 item 5).

Rule (the same as the census check's, opensend.people.census_views): the school's staff who
read its register (SENCO, head, teacher, TA) see the export page and download the file;
everyone else gets 404: Oakfield's governor (no named child), Hillside's SENCO, the LA,
families, professionals and providers. Only the SENCO and head see links to fix a record.
"""

from datetime import date

from opensend.people.models import Child, Enrolment, SenStatus
from tests.access.cases import OAK_STAFF, Case


def _oak(world) -> dict:
    return {"school_id": world["north_oak"].pk}


def reports_census_world(demo) -> dict:
    """A pupil at Oakfield on SEN support with no type of need: a census failure, so the page
    shows its failures table and fix links to those who may see them."""
    oak = demo["north_oak"]
    child = Child.objects.create(
        first_name="Cara",
        last_name="Census",
        date_of_birth=date(2017, 2, 2),
        home_local_authority=oak.local_authority,
    )
    Enrolment.objects.create(child=child, school=oak, year_group="4", start=date(2025, 9, 1))
    SenStatus.objects.create(child=child, provision="K", start=date(2025, 9, 1))
    return {"census_failing_pupil": child}


CASES: list[Case] = [
    Case("census_export", OAK_STAFF, kwargs=_oak),
    Case(
        "census_export",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "2027-01-21"},
        note="a census date asked for",
    ),
    Case(
        "census_export",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "not a date"},
        note="a bad date: the page and its message",
    ),
    Case(
        "census_export_download",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "2027-01-21"},
        note="the CSV",
    ),
    Case(
        "census_export_download",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "2027-01-21", "rows": "valid"},
        note="the CSV, only the pupils that pass",
    ),
    Case(
        "census_export_download",
        OAK_STAFF,
        kwargs=_oak,
        data=lambda w: {"date": "2027-01-21", "format": "xlsx"},
        note="the XLSX",
    ),
]
