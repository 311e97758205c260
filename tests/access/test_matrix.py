"""The access-control matrix: every route, every persona (DESIGN "Who sees what")."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from opensend.api.services import api_token_create
from opensend.core.services import calendar_feed_create
from opensend.organisations.services import closure_day_add, invitation_create
from opensend.support.services import (
    outcome_add,
    provision_add,
    support_plan_activate,
    support_plan_start,
)
from tests.access.routes import (
    ACCOUNT_KEYED,
    ACCOUNT_PUBLIC,
    ACCOUNT_SIGNED_IN,
    CASES,
    DENIED,
    LOGIN,
    OK,
    UNAUTHENTICATED,
)
from tests.access.routes_ehc_plan_world import jordan_plan
from tests.access.routes_ehc_world import mia_assessment
from tests.access.routes_meetings_family import oak_group_meeting
from tests.access.routes_meetings_plan import oak_proposed_meeting
from tests.access.routes_meetings_record import oak_past_meeting
from tests.access.routes_provision import oak_intervention_with_leo
from tests.access.routes_publishing_consultations import publishing_consultations_world
from tests.access.routes_publishing_directory import publishing_directory_world
from tests.access.routes_publishing_oruk import publishing_oruk_world
from tests.access.routes_publishing_public import publishing_public_world
from tests.access.routes_publishing_reports import publishing_reports_world
from tests.access.routes_reports_census import reports_census_world
from tests.access.routes_reports_la_dashboard import reports_la_dashboard_world
from tests.access.routes_reports_school_dashboard import reports_school_dashboard_world
from tests.access.routes_reports_sen2 import reports_sen2_world
from tests.access.routes_reviews_world import ava_statement_programme, jordan_review
from tests.access.routes_workforce import oak_workforce
from tests.personas import ANONYMOUS, PERSONA_KEYS
from tests.signin import sign_in


def named_routes(patterns=None, namespace="", prefix=""):
    """Every route the project serves: by namespaced name, or by its full path if unnamed."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern)


# allauth also serves its social pages under old unnamed aliases; they are the same views as
# the named socialaccount_* routes classified in ACCOUNT_PUBLIC and ACCOUNT_SIGNED_IN.
UNNAMED_ALLAUTH_ALIASES = {
    "accounts/social/login/cancelled/",
    "accounts/social/login/error/",
    "accounts/social/signup/",
    "accounts/social/connections/",
}


def classified_names() -> set[str]:
    return (
        {case.name for case in CASES}
        | ACCOUNT_PUBLIC
        | ACCOUNT_SIGNED_IN
        | set(ACCOUNT_KEYED)
        | UNNAMED_ALLAUTH_ALIASES
    )


def unclassified(route_names, classified) -> list[str]:
    return sorted(set(route_names) - classified)


def test_every_route_is_classified():
    missing = unclassified(named_routes(), classified_names())
    assert not missing, f"Add these routes to tests/access/routes.py: {missing}"


def test_an_unclassified_route_fails_the_check():
    # The test of the test: a new page that nobody classified is reported.
    routes = [*named_routes(), "brand_new_page"]
    assert unclassified(routes, classified_names()) == ["brand_new_page"]


def test_every_case_names_a_real_route():
    real = set(named_routes())
    assert {case.name for case in CASES} <= real


def _active_support_plan(demo):
    """Leo's SEN support plan, active with one outcome, so its review page can be shown."""
    senco, today = demo["oak_senco"], timezone.localdate()
    plan = support_plan_start(
        actor=senco,
        child=demo["leo"],
        school=demo["north_oak"],
        review_due=today + timedelta(days=60),
        today=today,
        assessment="Phonics screening",
    )
    outcome_add(actor=senco, plan=plan, description="Read 40 high-frequency words")
    provision_add(
        actor=senco,
        plan=plan,
        what="Coloured overlay",
        who="Class teacher",
        frequency="Whenever reading",
        start=today,
    )
    return support_plan_activate(actor=senco, plan=plan)


@pytest.fixture
def world(demo):
    _, open_token = invitation_create(
        actor=demo["north_manager"],
        organisation=demo["north_la"],
        email="new.caseworker@opensend.example",
        full_name="New Caseworker",
        role="la_caseworker",
    )
    oak_invitation, _ = invitation_create(
        actor=demo["oak_head"],
        organisation=demo["north_oak"],
        email="new.teacher@opensend.example",
        full_name="New Teacher",
        role="teacher",
    )
    oak_senco_token, _ = api_token_create(actor=demo["oak_senco"], name="Census script")
    oak_senco_calendar, oak_senco_calendar_token = calendar_feed_create(
        actor=demo["oak_senco"], name="Work phone"
    )
    oak_closure_day = closure_day_add(
        actor=demo["oak_head"],
        school=demo["north_oak"],
        day=timezone.localdate(),
        reason="Polling station",
    )
    return {
        **demo,
        "leo_support_plan": _active_support_plan(demo),
        "oak_intervention": oak_intervention_with_leo(demo),  # after Leo's plan
        "oak_meeting": oak_group_meeting(demo),
        "oak_past_meeting": oak_past_meeting(demo),
        "oak_proposed_meeting": oak_proposed_meeting(demo),
        **mia_assessment(demo),
        **(jordan := jordan_plan(demo)),
        **jordan_review(demo, jordan["jordan_final_plan"]),
        **ava_statement_programme(demo),
        **oak_workforce(demo),
        **publishing_reports_world(demo),
        **publishing_public_world(demo),
        **publishing_directory_world(demo),
        **publishing_consultations_world(demo),
        **publishing_oruk_world(demo),
        **reports_census_world(demo),
        **reports_sen2_world(demo),
        **reports_la_dashboard_world(demo),
        **reports_school_dashboard_world(demo),
        "open_token": open_token,
        "oak_closure_day": oak_closure_day,
        "oak_invitation": oak_invitation,
        "oak_senco_token": oak_senco_token,
        "oak_senco_calendar": oak_senco_calendar,
        "oak_senco_calendar_token": oak_senco_calendar_token,
    }


def outcome(response) -> str:
    status = response.status_code
    if status in (301, 302):
        location = response["Location"]
        return LOGIN if location.startswith(reverse("account_login")) else OK
    if 200 <= status < 300:
        return OK
    if status in (403, 404):
        return DENIED
    if status == 401:
        return UNAUTHENTICATED
    return f"HTTP {status}"


def request(client, case, world):
    url = reverse(case.name, kwargs=case.kwargs(world))
    method = getattr(client, case.method)
    if case.method in ("patch", "put") or (case.method == "post" and case.name.startswith("api:")):
        return method(url, data=case.data(world), content_type="application/json")
    return method(url, data=case.data(world))


@pytest.mark.parametrize("persona", [ANONYMOUS, *PERSONA_KEYS])
def test_each_persona_reaches_only_what_design_allows(client, world, persona):
    if persona != ANONYMOUS:
        sign_in(client, world[persona])
    wrong = []
    for case in CASES:
        got = outcome(request(client, case, world))
        if got != case.expected(persona):
            wrong.append(
                f"{case.method.upper()} {case.name} {case.kwargs(world)}: "
                f"expected {case.expected(persona)}, got {got}"
            )
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("persona", [ANONYMOUS, "oak_senco", "north_parent"])
def test_account_screens_answer_without_errors(client, world, persona):
    if persona != ANONYMOUS:
        sign_in(client, world[persona])
    problems = []
    for name in sorted(ACCOUNT_PUBLIC | ACCOUNT_SIGNED_IN):
        response = client.get(reverse(name))
        got = outcome(response)
        if response.status_code >= 500:
            problems.append(f"{name}: HTTP {response.status_code}")
        elif persona == ANONYMOUS and name in ACCOUNT_SIGNED_IN and got != LOGIN:
            problems.append(f"{name}: anonymous should be sent to sign in, got {got}")
    for name, kwargs in ACCOUNT_KEYED.items():
        response = client.get(reverse(name, kwargs=kwargs))
        if response.status_code >= 500:
            problems.append(f"{name}: HTTP {response.status_code}")
    assert not problems, "\n".join(problems)


def test_a_persona_let_through_where_design_forbids_fails_the_matrix(client, world):
    # The test of the test: if oak_teacher could edit the school's details, the matrix says so.
    case = next(c for c in CASES if c.name == "organisation_edit")
    sign_in(client, world["oak_head"])
    assert outcome(request(client, case, world)) == OK
    assert case.expected("oak_teacher") == DENIED  # the head's success would be a failure here


def api_operations() -> set[tuple[str, str]]:
    """Every (METHOD, path) the OpenAPI document offers."""
    from opensend.api.api import api

    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def classified_api_operations(world) -> set[tuple[str, str]]:
    """The (METHOD, path template) of every API case, matched back to the OpenAPI paths."""
    from django.urls import resolve

    covered = set()
    for case in CASES:
        if not case.name.startswith("api:"):
            continue
        url = reverse(case.name, kwargs=case.kwargs(world))
        match = resolve(url)
        route = "/" + str(match.route)
        for name in match.kwargs:
            route = route.replace(f"<{name}>", f"{{{name}}}")
        covered.add((case.method.upper(), route))
    return covered


def test_every_api_operation_is_classified(world):
    missing = api_operations() - classified_api_operations(world)
    assert not missing, f"Add cases for these API operations: {sorted(missing)}"


def test_an_unclassified_api_operation_would_be_reported(world):
    # The test of the test: an operation nobody classified shows up in the difference.
    operations = api_operations() | {("DELETE", "/api/v1/organisations/{organisation_id}")}
    missing = operations - classified_api_operations(world)
    assert missing == {("DELETE", "/api/v1/organisations/{organisation_id}")}
