"""The Reports page lists exactly the reports a person may open (issue 12)."""

from django.urls import reverse

from tests.signin import sign_in


def _links(client, persona_user) -> str:
    sign_in(client, persona_user)
    response = client.get(reverse("reports_start"))
    assert response.status_code == 200
    return response.content.decode()


def test_a_caseworker_gets_the_councils_dashboard_sen2_and_timeliness(client, demo):
    body = _links(client, demo["north_caseworker"])
    la = demo["north_la"].pk
    assert reverse("la_dashboard", args=[la]) in body
    assert reverse("sen2_return", args=[la]) in body
    assert reverse("ehc_timeliness") in body
    assert reverse("la_dashboard", args=[demo["south_la"].pk]) not in body
    assert "/reports/schools/" not in body


def test_a_senco_gets_the_schools_dashboard_governors_report_and_census_export(client, demo):
    body = _links(client, demo["oak_senco"])
    oak = demo["north_oak"].pk
    for name in ("school_dashboard", "governors_dashboard", "census_export"):
        assert reverse(name, args=[oak]) in body
    assert "/reports/authority/" not in body


def test_a_governor_gets_only_the_governors_report(client, demo):
    body = _links(client, demo["oak_governor"])
    oak = demo["north_oak"].pk
    assert reverse("governors_dashboard", args=[oak]) in body
    assert f'href="{reverse("school_dashboard", args=[oak])}"' not in body
    assert reverse("census_export", args=[oak]) not in body


def test_people_with_no_reports_get_404(client, demo):
    for persona in ("oak_teacher", "north_parent", "north_ep", "north_provider"):
        sign_in(client, demo[persona])
        assert client.get(reverse("reports_start")).status_code == 404
        client.logout()
