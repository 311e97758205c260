from django.urls import include, path

from opensend.accounts import views as account_views
from opensend.api.api import api
from opensend.api.oruk.api import oruk_api
from opensend.core import views as core_views
from opensend.organisations import views as organisation_views

handler400 = "opensend.core.views.bad_request"
handler403 = "opensend.core.views.permission_denied"
handler404 = "opensend.core.views.page_not_found"
handler500 = "opensend.core.views.server_error"

urlpatterns = [
    path("", core_views.start, name="start"),
    path("home/", core_views.home, name="home"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("developers/", core_views.api_guide, name="api_guide"),
    path("signed-out/", core_views.signed_out, name="signed_out"),
    path("session/extend/", core_views.session_extend, name="session_extend"),
    path("healthz", core_views.healthz, name="healthz"),
    path("account/", account_views.account_settings, name="account_settings"),
    path("account/api-tokens/", account_views.api_tokens, name="api_tokens"),
    path(
        "account/api-tokens/<uuid:token_id>/revoke/",
        account_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("organisations/", organisation_views.organisation_list, name="organisation_list"),
    path(
        "organisations/<uuid:organisation_id>/",
        organisation_views.organisation_detail,
        name="organisation_detail",
    ),
    path(
        "organisations/<uuid:organisation_id>/edit/",
        organisation_views.organisation_edit,
        name="organisation_edit",
    ),
    path(
        "organisations/<uuid:organisation_id>/invitations/",
        organisation_views.invitation_list,
        name="invitation_list",
    ),
    path(
        "invitations/<uuid:invitation_id>/cancel/",
        organisation_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("join/<str:token>/", organisation_views.invitation_accept, name="invitation_accept"),
    path("", include("opensend.core.urls")),
    path("", include("opensend.people.urls")),
    path("", include("opensend.people.import_urls")),
    path("", include("opensend.people.census_urls")),
    path("", include("opensend.support.urls")),
    path("", include("opensend.support.passport_urls")),
    path("", include("opensend.provision.urls")),
    path("", include("opensend.meetings.plan_urls")),
    path("", include("opensend.meetings.family_urls")),
    path("", include("opensend.meetings.record_urls")),
    path("", include("opensend.meetings.compliance_urls")),
    path("", include("opensend.ehc.urls")),
    path("", include("opensend.reviews.urls")),
    path("", include("opensend.workforce.urls")),
    path("", include("opensend.publishing.urls")),
    path("", include("opensend.reports.sen2_urls")),
    path("", include("opensend.reports.dashboard_urls")),
    path("", include("opensend.reports.census_urls")),
    path("", include("opensend.organisations.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("oruk/", oruk_api.urls),
]
