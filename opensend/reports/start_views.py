"""The "Reports" page: every report the person may open, in one list.

A council's SEND team gets its dashboard, the SEN2 return and the timeliness page; a school's
SENCO and head get the school's dashboard, the governors' version and the census export; a
governor gets the governors' version. Anyone with none gets 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from opensend.organisations.models import Organisation
from opensend.reports.selectors import (
    dashboard_authorities,
    dashboard_school_ids,
    governors_dashboard_school_ids,
)


def _authority_links(user) -> list[dict]:
    return [
        {
            "name": authority.name,
            "links": [
                ("Dashboard", reverse("la_dashboard", args=[authority.pk])),
                ("SEN2 return", reverse("sen2_return", args=[authority.pk])),
                ("Decisions on time", reverse("ehc_timeliness")),
            ],
        }
        for authority in dashboard_authorities(user)
    ]


def _school_links(user) -> list[dict]:
    full = dashboard_school_ids(user)
    schools = Organisation.objects.filter(pk__in=governors_dashboard_school_ids(user))
    result = []
    for school in schools.order_by("name"):
        links = []
        if school.pk in full:
            links.append(("Dashboard", reverse("school_dashboard", args=[school.pk])))
        links.append(("Governors' report", reverse("governors_dashboard", args=[school.pk])))
        if school.pk in full:
            links.append(("School census SEN export", reverse("census_export", args=[school.pk])))
        result.append({"name": school.name, "links": links})
    return result


@login_required
def reports_start(request):
    groups = _authority_links(request.user) + _school_links(request.user)
    if not groups:
        raise Http404("You have no reports to see.")
    return render(request, "reports/start.html", {"groups": groups})
