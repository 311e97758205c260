"""Who may reach what: every URL and API operation, classified for every persona.

DESIGN "Who sees what" turned into data. Each `Case` names a route, how to build its URL from
the test world, and which personas get through; everyone else must get 404 or 403, and an
anonymous visitor is sent to sign in. A route with no case here fails the matrix test, so a
new page cannot ship unclassified. Later issues add their cases to `CASES`.
"""

from tests.access.cases import (  # noqa: F401  (re-exported for test_matrix and the case files)
    DENIED,
    EVERYONE,
    LOGIN,
    NORTH_LA,
    OAK_ALL,
    OAK_STAFF,
    OK,
    UNAUTHENTICATED,
    WITH_MEMBERSHIP,
    Case,
)


def _org(key):
    return lambda world: {"organisation_id": world[key].pk}


CASES: list[Case] = [
    # Public pages.
    Case("start", EVERYONE, anonymous=OK),
    Case("accessibility", EVERYONE, anonymous=OK),
    Case("privacy", EVERYONE, anonymous=OK),
    Case("signed_out", EVERYONE, anonymous=OK),
    Case("healthz", EVERYONE, anonymous=OK),
    Case("api_guide", EVERYONE, anonymous=OK),
    Case("invitation_accept", EVERYONE, kwargs=lambda w: {"token": w["open_token"]}, anonymous=OK),
    # Anyone signed in.
    Case("home", EVERYONE, anonymous=OK, note="anonymous visitors go to the start page"),
    Case("session_extend", EVERYONE, method="post", anonymous=UNAUTHENTICATED),
    Case("account_settings", EVERYONE),
    Case("api_tokens", EVERYONE),
    Case("organisation_list", EVERYONE),
    Case(
        "api_token_revoke",
        frozenset({"oak_senco"}),
        kwargs=lambda w: {"token_id": w["oak_senco_token"].pk},
        method="post",
    ),
    # Organisations: members see their own; an LA's staff see the schools in its area.
    Case("organisation_detail", OAK_ALL | NORTH_LA, kwargs=_org("north_oak")),
    Case(
        "organisation_detail",
        frozenset({"river_senco", "river_teacher", "river_head", "river_governor"})
        | {"south_caseworker", "south_manager"},
        kwargs=_org("south_river"),
    ),
    Case("organisation_detail", NORTH_LA, kwargs=_org("north_la")),
    Case("organisation_edit", frozenset({"oak_head"}), kwargs=_org("north_oak")),
    Case("organisation_edit", frozenset({"north_manager"}), kwargs=_org("north_la")),
    Case("invitation_list", frozenset({"oak_head", "oak_senco"}), kwargs=_org("north_oak")),
    Case("invitation_list", frozenset({"north_manager"}), kwargs=_org("north_la")),
    Case(
        "invitation_revoke",
        frozenset({"oak_head", "oak_senco"}),
        kwargs=lambda w: {"invitation_id": w["oak_invitation"].pk},
        method="post",
    ),
    # The JSON API.
    Case("api:api-root", frozenset(), anonymous=DENIED, note="ninja's bare root: not found"),
    Case("api:openapi-json", EVERYONE, anonymous=OK),
    Case("api:openapi-view", EVERYONE, anonymous=OK),
    Case("api:me", EVERYONE, anonymous=UNAUTHENTICATED),
    Case("api:organisation_list", EVERYONE, anonymous=UNAUTHENTICATED),
    Case(
        "api:organisation_get",
        OAK_ALL | NORTH_LA,
        kwargs=_org("north_oak"),
        anonymous=UNAUTHENTICATED,
    ),
    Case(
        "api:organisation_patch",
        frozenset({"oak_head"}),
        kwargs=_org("north_oak"),
        method="patch",
        data=lambda w: {"version": 1, "telephone": "01234 567890"},
        anonymous=UNAUTHENTICATED,
    ),
    # Calendar feeds. The .ics address is public-by-token: the unguessable token is the
    # credential (calendar apps cannot sign in), so anyone holding a live one gets the feed.
    Case(
        "calendar_feed",
        EVERYONE,
        kwargs=lambda w: {"token": w["oak_senco_calendar_token"]},
        anonymous=OK,
    ),
    Case(
        "calendar_feed",
        frozenset(),
        kwargs=lambda w: {"token": "not-a-real-token"},
        anonymous=DENIED,
        note="an unknown or revoked token is simply not found",
    ),
    Case("calendar_feeds", EVERYONE),
    Case(
        "calendar_feed_revoke",
        frozenset({"oak_senco"}),
        kwargs=lambda w: {"feed_id": w["oak_senco_calendar"].pk},
        method="post",
    ),
]

# allauth's own account screens. Public ones must render for everyone; the rest must send an
# anonymous visitor to sign in. Neither may ever fail with a server error.
ACCOUNT_PUBLIC = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key_done",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_login_code",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "socialaccount_signup",
    "mfa_authenticate",
    "account_logout",  # signing out when already signed out just lands on the start page
}
ACCOUNT_SIGNED_IN = {
    "account_reauthenticate",
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "socialaccount_connections",
}
# Routes that need a key from an email; the matrix checks them with a made-up key.
ACCOUNT_KEYED = {
    "account_confirm_email": {"key": "not-a-real-key"},
    "account_reset_password_from_key": {"uidb36": "0", "key": "not-a-real-key"},
}


# Children, families and the register (issue 4): pages and API operations, each in its own file.
from tests.access.routes_people import PEOPLE_CASES  # noqa: E402
from tests.access.routes_people_api import PEOPLE_API_CASES  # noqa: E402

CASES += PEOPLE_CASES + PEOPLE_API_CASES

# A school's term dates and closure days.
from tests.access.routes_terms import TERM_CASES  # noqa: E402

CASES += TERM_CASES

# The school census check.
from tests.access.routes_census import CENSUS_CASES  # noqa: E402

CASES += CENSUS_CASES

# Importing from a school's MIS.
from tests.access.routes_imports import IMPORT_CASES  # noqa: E402

CASES += IMPORT_CASES

# SEN support plans.
from tests.access.routes_support import SUPPORT_CASES  # noqa: E402

CASES += SUPPORT_CASES

# The pupil passport, the provision map, and support plans and provision through the API.
from tests.access.routes_passport import PASSPORT_CASES  # noqa: E402
from tests.access.routes_provision import PROVISION_CASES  # noqa: E402
from tests.access.routes_support_api import SUPPORT_API_CASES  # noqa: E402

CASES += PASSPORT_CASES + PROVISION_CASES + SUPPORT_API_CASES

# Meetings with parents: planning, the family's view, the record, compliance.
from tests.access.routes_meetings_compliance import MEETING_COMPLIANCE_CASES  # noqa: E402
from tests.access.routes_meetings_family import MEETING_FAMILY_CASES  # noqa: E402
from tests.access.routes_meetings_plan import MEETING_PLAN_CASES  # noqa: E402
from tests.access.routes_meetings_record import MEETING_RECORD_CASES  # noqa: E402

CASES += MEETING_PLAN_CASES + MEETING_FAMILY_CASES + MEETING_RECORD_CASES + MEETING_COMPLIANCE_CASES

# The EHC needs assessment (issue 7): the LA, the school, the family, advice givers, the API.
from tests.access.routes_ehc_advice import EHC_ADVICE_CASES  # noqa: E402
from tests.access.routes_ehc_api import EHC_API_CASES  # noqa: E402
from tests.access.routes_ehc_family import EHC_FAMILY_CASES  # noqa: E402
from tests.access.routes_ehc_la import EHC_LA_CASES  # noqa: E402
from tests.access.routes_ehc_reports import EHC_REPORT_CASES  # noqa: E402
from tests.access.routes_ehc_school import EHC_SCHOOL_CASES  # noqa: E402

CASES += EHC_LA_CASES + EHC_SCHOOL_CASES + EHC_FAMILY_CASES + EHC_ADVICE_CASES + EHC_API_CASES
CASES += EHC_REPORT_CASES

# The EHC plan (issue 8): writing it (LA), reading it (everyone whose door allows), the API.
from tests.access.routes_ehc_plan_api import EHC_PLAN_API_CASES  # noqa: E402
from tests.access.routes_ehc_plan_la import EHC_PLAN_LA_CASES  # noqa: E402
from tests.access.routes_ehc_plan_read import EHC_PLAN_READ_CASES  # noqa: E402

CASES += EHC_PLAN_LA_CASES + EHC_PLAN_READ_CASES + EHC_PLAN_API_CASES

# Issue 9: annual reviews, phase transfers, statements and programmes.
from tests.access.routes_reviews import REVIEW_CASES  # noqa: E402

CASES += REVIEW_CASES

# Issue 10: SENCO time, key workers, training and policies.
from tests.access.routes_workforce import WORKFORCE_CASES  # noqa: E402

CASES += WORKFORCE_CASES

# Issue 11: publishing (SEN information reports, the Local Offer, consultations, ORUK).
from tests.access import (  # noqa: E402
    routes_publishing_consultations,
    routes_publishing_directory,
    routes_publishing_oruk,
    routes_publishing_public,
    routes_publishing_reports,
)

PUBLISHING_AREAS = [
    routes_publishing_reports,
    routes_publishing_public,
    routes_publishing_directory,
    routes_publishing_consultations,
    routes_publishing_oruk,
]
for _area in PUBLISHING_AREAS:
    CASES += _area.CASES

# Issue 12: reports and the statutory returns.
from tests.access import (  # noqa: E402
    routes_reports_census,
    routes_reports_la_dashboard,
    routes_reports_sen2,
)

CASES += routes_reports_census.CASES + routes_reports_sen2.CASES
CASES += routes_reports_la_dashboard.CASES

# The Reports page: councils' SEND teams, and schools' SENCOs, heads and governors.
CASES += [
    Case(
        "reports_start",
        NORTH_LA
        | {"south_caseworker", "south_manager", "oak_senco", "oak_head", "oak_governor"}
        | {"hill_senco", "river_senco", "river_head", "river_governor", "moor_senco"},
    )
]

# Issue 12 item 2: the school's SEND dashboard and its governors' version.
from tests.access import routes_reports_school_dashboard  # noqa: E402

CASES += routes_reports_school_dashboard.CASES
